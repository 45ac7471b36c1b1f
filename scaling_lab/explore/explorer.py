"""The explorer: a pure function of slider values, drawn live or as a static page.

Design: an :class:`Explorer` holds the definition (sliders, panels, line styles, the
function returning a :class:`~scaling_lab.explore.definitions.Frame`) and the matplotlib
drawing of its fixed parts. Both renderings call the one function: the static page
(:mod:`scaling_lab.explore.static`) precomputes every frame, the live widget
(:mod:`scaling_lab.explore.live`) computes one per slider move. No copy of the math
exists in JavaScript. Displaying an explorer gives one output with both renderings:
JupyterLab shows the live widget, the book (which prefers ``text/html``) the static
page; with ``SCALING_LAB_EXPLORER_VIEW=static`` only the static page is sent.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .._validate import ScalingLabError, check_choice
from ..plotting import STYLE, detached_figure, legend_below, loglog
from . import static
from .definitions import (
    DASHES,
    MAX_FRAMES,
    MAX_SLIDERS,
    VIEW_VARIABLE,
    Frame,
    LineSpec,
    Panel,
    Slider,
)
from .live import LiveExplorer

__all__ = ["Explorer", "LEGEND_FONTSIZE"]

#: Legend text (points) of an explorer figure: at least 11 px on a 390 px phone.
LEGEND_FONTSIZE = 9.5



@dataclass
class Explorer:
    """A figure whose moving lines follow sliders. See the module docstring.

    Parameters
    ----------
    name : str
        Stable identifier, ``"chapter/idea"``; the web page carries it.
    title : str
        A heading shown above the figure.
    alt : str
        Alternative text for the figure: what it shows, for a reader who cannot see it.
    function : callable
        ``function(**{slider.name: value}) -> Frame``. Pure: same values, same curves.
    sliders : sequence of Slider
        One to three sliders.
    panels : sequence of Panel
        The axes, side by side.
    lines : sequence of LineSpec
        The moving lines; every Frame must give each key.
    background : callable, optional
        ``background(axes)`` draws fixed content (data, reference lines) once.
    height : float, default 3.0
        Figure height in inches.

    Examples
    --------
    >>> from scaling_lab.explorers import get_explorer
    >>> ex = get_explorer("power-laws/k-n-offset")
    >>> [s.name for s in ex.sliders]
    ['k', 'n', 'offset']
    >>> len(list(ex.grid())) == math.prod(len(s.values) for s in ex.sliders)
    True
    """

    name: str
    title: str
    alt: str
    function: Callable[..., Frame]
    sliders: Sequence[Slider]
    panels: Sequence[Panel]
    lines: Sequence[LineSpec]
    background: Callable | None = None
    height: float = 3.0
    _table: tuple | None = field(default=None, init=False, repr=False)
    _crops: list = field(default_factory=list, init=False, repr=False)

    def __post_init__(self):
        self.sliders = tuple(self.sliders)
        self.panels = tuple(self.panels)
        self.lines = tuple(self.lines)
        if not 1 <= len(self.sliders) <= MAX_SLIDERS:
            raise ScalingLabError(
                f"explorer {self.name!r} has {len(self.sliders)} sliders; use 1 to "
                f"{MAX_SLIDERS} (split a bigger idea into several explorers)"
            )
        frames = math.prod(len(s.values) for s in self.sliders)
        if frames > MAX_FRAMES:
            raise ScalingLabError(
                f"explorer {self.name!r} has {frames} grid points; at most {MAX_FRAMES}. "
                "Coarsen a slider's grid or split the explorer."
            )
        keys = [spec.key for spec in self.lines]
        if len(set(keys)) != len(keys):
            raise ScalingLabError(f"explorer {self.name!r}: line keys repeat: {keys}")
        for spec in self.lines:
            check_choice("kind", spec.kind, ("line", "points"))
            check_choice("style", spec.style, tuple(DASHES))
            if not 0 <= spec.panel < len(self.panels):
                raise ScalingLabError(
                    f"line {spec.key!r}: 'panel' must be in 0..{len(self.panels) - 1} "
                    f"(got {spec.panel})"
                )
        for panel in self.panels:
            check_choice("xscale", panel.xscale, ("log", "linear"))
            check_choice("yscale", panel.yscale, ("log", "linear"))

    # -- the pure part ---------------------------------------------------------------

    @property
    def defaults(self) -> dict:
        """The slider values the figure starts from."""
        return {s.name: s.values[s.default_index] for s in self.sliders}

    def frame(self, **params) -> Frame:
        """Call the function with slider values (missing ones take their defaults).

        Raises ScalingLabError for an unknown name or a value off the slider's grid,
        and when the function returns something other than a Frame with every line.
        """
        values = self.defaults
        names = {s.name: s for s in self.sliders}
        for key, value in params.items():
            if key not in names:
                raise ScalingLabError(
                    f"explorer {self.name!r} has no slider {key!r}; its sliders are "
                    f"{sorted(names)}"
                )
            values[key] = value
        frame = self.function(**values)
        if not isinstance(frame, Frame):
            raise ScalingLabError(
                f"explorer {self.name!r}: the function must return a Frame "
                f"(got {type(frame).__name__})"
            )
        missing = {spec.key for spec in self.lines} - set(frame.curves)
        if missing:
            raise ScalingLabError(
                f"explorer {self.name!r}: the frame lacks the lines {sorted(missing)}"
            )
        return frame

    def grid(self):
        """Every point of the slider grid, in the static page's order (row-major)."""
        for combo in itertools.product(*(s.values for s in self.sliders)):
            yield dict(zip((s.name for s in self.sliders), combo, strict=True))

    # -- drawing ---------------------------------------------------------------------

    def _figure(self, dpi: float):
        import matplotlib.pyplot as plt

        with plt.rc_context(STYLE):
            width = min(3.7 * len(self.panels), 7.6)
            fig, axes = detached_figure(len(self.panels), width=width, height=self.height,
                                        dpi=dpi)
            for ax, panel in zip(axes, self.panels, strict=True):
                if panel.xscale == "log" and panel.yscale == "log":
                    loglog(ax, xlabel=panel.xlabel, ylabel=panel.ylabel)
                else:
                    ax.set_xscale(panel.xscale)
                    ax.set_yscale(panel.yscale)
                    ax.set_xlabel(panel.xlabel)
                    ax.set_ylabel(panel.ylabel)
                if panel.title:
                    ax.set_title(panel.title)
            if self.background is not None:
                self.background(axes)
            for ax, panel in zip(axes, self.panels, strict=True):
                ax.set_xlim(*panel.xlim)
                ax.set_ylim(*panel.ylim)
                ax.set_autoscale_on(False)
        return fig, axes

    @staticmethod
    def _line_kwargs(spec: LineSpec) -> dict:
        if spec.kind == "points":
            return {"color": spec.hex, "linestyle": "none", "marker": "o",
                    "markersize": spec.width, "markeredgewidth": 0, "label": spec.label}
        return {"color": spec.hex, "linestyle": spec.style, "linewidth": spec.width,
                "label": spec.label}

    def _legend(self, axes) -> None:
        """One legend per panel, below its axes: never over the data (the moving lines
        go everywhere on the grid of sliders, so no place inside the axes is free).
        The figure grows by the legend's height, so the axes keep their size."""
        legends = [legend_below(ax, fontsize=LEGEND_FONTSIZE) for ax in axes]
        legends = [leg for leg in legends if leg is not None]
        if legends:
            fig = axes[0].get_figure(root=True)
            fig.draw_without_rendering()
            renderer = fig.canvas.get_renderer()
            extra = max(leg.get_window_extent(renderer).height for leg in legends) / fig.dpi
            fig.set_figheight(fig.get_figheight() + extra + 4 / 72)

    def draw(self, **params):
        """A plain matplotlib figure at the given slider values (defaults otherwise).

        Returns ``(fig, lines)`` where ``lines`` maps each key to its Line2D.
        """
        import matplotlib.pyplot as plt

        fig, axes = self._figure(dpi=100)
        frame = self.frame(**params)
        artists = {}
        with plt.rc_context(STYLE):
            for spec in self.lines:
                x, y = frame.curves[spec.key]
                (artists[spec.key],) = axes[spec.panel].plot(x, y, **self._line_kwargs(spec))
            self._legend(axes)
        return fig, artists


    # -- renderings ------------------------------------------------------------------

    def widget(self) -> LiveExplorer:
        """The live explorer: ipywidgets sliders driving the figure in a kernel."""
        return LiveExplorer(self)

    def frame_paths(self, **params) -> list[str]:
        """The SVG path data the static page shows at these slider values, one string
        per line (in the order of ``lines``). Browser tests compare the page to it."""
        return static.frame_paths(self, **params)

    def static_html(self) -> str:
        """The self-contained web page fragment: figure, sliders and a short script."""
        return static.static_html(self)

    # -- display ---------------------------------------------------------------------

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": f"<Explorer {self.name!r}: {self.title}>",
                  "text/html": self.static_html()}
        if os.environ.get(VIEW_VARIABLE, "both") == "static":
            return bundle  # e.g. lecture slides, which cannot host a widget manager
        try:
            live = self.widget()
        except ImportError:  # no ipywidgets: the static page alone still works
            return bundle
        widget_bundle = live._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle

