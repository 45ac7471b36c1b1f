"""Explorers: sliders that move the lines of a figure, live in Jupyter and on a static page.

Design choices:

* **One definition, two renderings.** An :class:`Explorer` is a pure function of named
  slider values returning the curves to draw (a :class:`Frame`), plus the fixed parts of
  its figure: panels with fixed limits, the styles of its moving lines, and an optional
  background. The live rendering (ipywidgets in a kernel) and the static rendering (a
  web page with no kernel) both call that one function; no copy of the math exists in
  JavaScript.
* **Live:** ipywidgets sliders update the matplotlib lines in place (``set_data``) and
  re-render one PNG into an ``Image`` widget; ``make bench`` times it against drawing the
  figure anew.
* **Static:** the figure is drawn once as SVG with every moving line removed; each line is
  an SVG ``<path>`` whose ``d`` attribute is precomputed in Python for every point of the
  slider grid (through matplotlib's own data-to-page transform). A few lines of inline
  script switch the paths when a native ``<input type="range">`` moves. The page needs no
  kernel, no network and no library.
* **A budget, kept by construction.** Frames multiply with sliders, so an explorer has at
  most three sliders and at most :data:`MAX_FRAMES` grid points, and its page fragment
  must stay under :data:`MAX_HTML_BYTES`; otherwise it raises, telling the author to
  coarsen the grid or split the idea into two explorers.
* **Both renderings in one output.** Displaying an explorer produces one output with
  the widget view and ``text/html``: JupyterLab shows the live widget, and the book (which
  prefers ``text/html``) shows the static page. With the environment variable
  ``SCALING_LAB_EXPLORER_VIEW=static`` the output carries the static page alone, for a
  front end that cannot host widgets (JupyterLab's slideshow panel in lecture mode).

Examples
--------
>>> import numpy as np
>>> from scaling_lab.explore import Explorer, Frame, LineSpec, Panel, Slider
>>> x = np.logspace(0, 3, 50)
>>> ex = Explorer(
...     name="doc/slope", title="A power law", alt="a line whose slope follows n",
...     function=lambda n: Frame({"y": (x, x**n)}, note=f"slope {n:g}"),
...     sliders=[Slider("n", "exponent n", (-1.0, -0.5, 0.0), default=-0.5)],
...     panels=[Panel(xlabel="x", ylabel="y", xlim=(1, 1e3), ylim=(1e-3, 1e1))],
...     lines=[LineSpec("y", "y = x^n")],
... )
>>> ex.frame(n=-1.0).note
'slope -1'
>>> html = ex.static_html()
>>> html.count('type="range"')
1
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._validate import ScalingLabError, check_choice
from .plotting import PALETTE, STYLE, detached_figure, loglog

__all__ = [
    "Slider",
    "Panel",
    "LineSpec",
    "Frame",
    "Explorer",
    "LiveExplorer",
    "REGISTRY",
    "register",
    "get_explorer",
    "MAX_SLIDERS",
    "MAX_FRAMES",
    "MAX_HTML_BYTES",
]

#: At most this many sliders per explorer: split a bigger idea into several explorers.
MAX_SLIDERS = 3
#: At most this many points on the slider grid (the product of the slider sizes).
MAX_FRAMES = 512
#: The static page fragment of one explorer must stay under this many bytes.
MAX_HTML_BYTES = 1_200_000
#: Environment variable: "static" makes explorers display only their static page (its
#: sliders still move the lines), for front ends without a widget manager.
VIEW_VARIABLE = "SCALING_LAB_EXPLORER_VIEW"

_DASHES = {"-": None, "--": (3.7, 1.6), ":": (1.0, 1.65), "-.": (6.4, 1.6, 1.0, 1.6)}


@dataclass(frozen=True)
class Slider:
    """One slider: a named argument of the explorer's function and its grid of values.

    Parameters
    ----------
    name : str
        The keyword the function receives.
    label : str
        What the reader sees beside the slider (plain text; Unicode symbols are fine).
    values : sequence of float
        The grid, in order. The static page offers exactly these values.
    default : float
        The starting value; must be one of ``values``.
    fmt : str, default "{:g}"
        How a value is shown.

    Examples
    --------
    >>> s = Slider("alpha", "exponent α", (0.2, 0.3, 0.4), default=0.3, fmt="{:.2f}")
    >>> s.default_index, s.text(0.2)
    (1, '0.20')
    """

    name: str
    label: str
    values: tuple
    default: float
    fmt: str = "{:g}"

    def __post_init__(self):
        values = tuple(float(v) for v in self.values)
        object.__setattr__(self, "values", values)
        if len(values) < 2:
            raise ScalingLabError(
                f"slider {self.name!r} needs at least 2 values (got {len(values)})"
            )
        if not any(math.isclose(self.default, v, rel_tol=1e-12, abs_tol=1e-15)
                   for v in values):
            raise ScalingLabError(
                f"slider {self.name!r}: 'default' must be one of its values "
                f"(got {self.default!r}; values are {values})"
            )

    @property
    def default_index(self) -> int:
        return int(np.argmin([abs(v - self.default) for v in self.values]))

    def text(self, value: float) -> str:
        return self.fmt.format(value)


@dataclass(frozen=True)
class Panel:
    """One set of axes with fixed limits (fixed, so that the reader sees lines move).

    ``xscale`` and ``yscale`` are 'log' or 'linear'.

    >>> Panel("parameters N", "loss L (nats)", xlim=(1e6, 1e12), ylim=(1, 10)).xscale
    'log'
    """

    xlabel: str
    ylabel: str
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xscale: str = "log"
    yscale: str = "log"
    title: str = ""


@dataclass(frozen=True)
class LineSpec:
    """The fixed style of one moving line.

    ``kind`` is 'line' or 'points'. ``panel`` is the index of its Panel. ``color`` is a
    palette name or a hex colour; ``style`` one of '-', '--', ':', '-.'.

    >>> LineSpec("fit", "fitted law", color="orange", style="--").hex
    '#E69F00'
    """

    key: str
    label: str
    panel: int = 0
    color: str = "blue"
    style: str = "-"
    width: float = 2.0
    kind: str = "line"

    @property
    def hex(self) -> str:
        return PALETTE.get(self.color, self.color)


@dataclass(frozen=True)
class Frame:
    """What an explorer's function returns: the curves to draw and a note for the reader.

    ``curves`` maps each LineSpec key to ``(x, y)`` arrays. Non-finite y values (and
    non-positive ones on a log axis) break the line.

    >>> f = Frame({"y": ([1, 10], [1.0, 0.1])}, note="slope -1")
    >>> sorted(f.curves), f.note
    (['y'], 'slope -1')
    """

    curves: Mapping[str, tuple]
    note: str = ""


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
    >>> ex = get_explorer("power-laws/k-n-offset")
    >>> [s.name for s in ex.sliders], len(list(ex.grid()))
    (['k', 'n', 'offset'], 144)
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
    _counter: int = field(default=0, init=False, repr=False)
    _table: tuple | None = field(default=None, init=False, repr=False)

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
            check_choice("style", spec.style, tuple(_DASHES))
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
        for i, ax in enumerate(axes):
            handles, labels = ax.get_legend_handles_labels()
            if labels:
                ax.legend(handles, labels, loc="best" if i else "best", fontsize=8)

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

    # -- live rendering --------------------------------------------------------------

    def widget(self) -> LiveExplorer:
        """The live explorer: ipywidgets sliders driving the figure in a kernel."""
        return LiveExplorer(self)

    # -- static rendering ------------------------------------------------------------

    def _static_parts(self):
        """The background SVG (moving lines drawn empty) and the path data per frame."""
        import matplotlib.pyplot as plt

        Explorer._counter += 1
        uid = re.sub(r"[^A-Za-z0-9]+", "-", self.name).strip("-") + f"-{Explorer._counter}"
        with plt.rc_context({**STYLE, "svg.hashsalt": uid}):
            fig, axes = self._figure(dpi=72)
            # Empty lines give the legend its entries; the overlay paths draw the data.
            for spec in self.lines:
                axes[spec.panel].plot([], [], **self._line_kwargs(spec))
            self._legend(axes)
            fig.draw_without_rendering()  # run the layout once, then freeze it
            fig.set_layout_engine("none")
            height_pt = fig.get_figheight() * 72
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", dpi=72)
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg"):]
        clips = []
        for i, ax in enumerate(axes):
            box = ax.get_window_extent()
            clips.append((f"{uid}-clip{i}", box.x0, height_pt - box.y1, box.width,
                          box.height))
        transforms = [ax.transData for ax in axes]
        log_axes = [(p.xscale == "log", p.yscale == "log") for p in self.panels]

        def path_data(spec: LineSpec, x, y) -> str:
            x = np.asarray(x, dtype=float).ravel()
            y = np.asarray(y, dtype=float).ravel()
            if x.shape != y.shape:
                raise ScalingLabError(
                    f"explorer {self.name!r}, line {spec.key!r}: x and y differ in "
                    f"length ({x.size} and {y.size})"
                )
            ok = np.isfinite(x) & np.isfinite(y)
            xlog, ylog = log_axes[spec.panel]
            if xlog:
                ok &= x > 0
            if ylog:
                ok &= y > 0
            pts = np.full((x.size, 2), np.nan)
            if ok.any():
                pts[ok] = transforms[spec.panel].transform(np.column_stack([x[ok], y[ok]]))
            pts[:, 1] = height_pt - pts[:, 1]
            pts = np.clip(pts, -5000, 5000)
            out, pen_down = [], False
            for (px, py), good in zip(pts, ok, strict=True):
                if not good:
                    pen_down = False
                    continue
                if spec.kind == "points":
                    out.append(f"M{px:.1f} {py:.1f}h0")
                else:
                    out.append(f"{'L' if pen_down else 'M'}{px:.1f} {py:.1f}")
                    pen_down = True
            return "".join(out)

        if self._table is not None:  # the layout is deterministic: reuse the paths
            return (uid, svg, clips, *self._table)
        strings: list[str] = []
        index: dict[str, int] = {}

        def intern(text: str) -> int:
            if text not in index:
                index[text] = len(strings)
                strings.append(text)
            return index[text]

        frames, notes = [], []
        for params in self.grid():
            frame = self.frame(**params)
            frames.append([intern(path_data(spec, *frame.curves[spec.key]))
                           for spec in self.lines])
            notes.append(intern(frame.note))
        self._table = (strings, frames, notes)
        return uid, svg, clips, strings, frames, notes

    def frame_paths(self, **params) -> list[str]:
        """The SVG path data the static page shows at these slider values, one string
        per line (in the order of ``lines``). Browser tests compare the page to it."""
        if self._table is None:
            self._static_parts()
        strings, frames, _ = self._table
        position = 0
        stride = 1
        values = {**self.defaults, **params}
        for slider in reversed(self.sliders):
            i = int(np.argmin([abs(v - values[slider.name]) for v in slider.values]))
            position += i * stride
            stride *= len(slider.values)
        return [strings[j] for j in frames[position]]

    def static_html(self) -> str:
        """The self-contained web page fragment: figure, sliders and a short script."""
        uid, svg, clips, strings, frames, notes = self._static_parts()
        strides, stride = [], 1
        for slider in reversed(self.sliders):
            strides.insert(0, stride)
            stride *= len(slider.values)
        start = sum(s.default_index * st for s, st in zip(self.sliders, strides,
                                                          strict=True))
        overlay = ['<g class="sl-moving">']
        overlay.append("<defs>" + "".join(
            f'<clipPath id="{cid}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}"/></clipPath>' for cid, x, y, w, h in clips) + "</defs>")
        for j, spec in enumerate(self.lines):
            # Inline style, not presentation attributes: matplotlib's SVG carries a
            # style sheet (stroke-linecap: butt for every element) that would win.
            if spec.kind == "points":
                stroke = (f'style="stroke:{spec.hex};stroke-width:{spec.width:g};'
                          'stroke-linecap:round;fill:none"')
            else:
                dash = _DASHES[spec.style]
                dash_css = (f'stroke-dasharray:{",".join(f"{d * spec.width:.2f}" for d in dash)};'
                            if dash else "")
                stroke = (f'style="stroke:{spec.hex};stroke-width:{spec.width:g};'
                          f'stroke-linejoin:round;stroke-linecap:butt;{dash_css}fill:none"')
            overlay.append(
                f'<path data-sl-line="{j}" data-sl-key="{_attr(spec.key)}" '
                f'{stroke} clip-path="url(#{clips[spec.panel][0]})" '
                f'd="{strings[frames[start][j]]}"/>'
            )
        overlay.append("</g>")
        label = f'<title>{_text(self.alt)}</title>'
        svg = re.sub(r"<svg ", f'<svg role="img" aria-label="{_attr(self.alt)}" ', svg,
                     count=1)
        svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + label, svg, count=1)
        svg = svg.replace("</svg>", "".join(overlay) + "</svg>")
        controls = []
        for k, slider in enumerate(self.sliders):
            sid = f"{uid}-s{k}"
            texts = [slider.text(v) for v in slider.values]
            controls.append(
                f'<label class="sl-slider" for="{sid}"><span class="sl-label">'
                f'{_text(slider.label)}</span><input id="{sid}" type="range" min="0" '
                f'max="{len(slider.values) - 1}" step="1" value="{slider.default_index}" '
                f'data-sl-name="{_attr(slider.name)}" '
                f'aria-valuetext="{_attr(texts[slider.default_index])}">'
                f'<output for="{sid}">{_text(texts[slider.default_index])}</output></label>'
            )
        data = {
            "name": self.name,
            "sliders": [{"name": s.name, "values": list(s.values),
                         "texts": [s.text(v) for v in s.values]} for s in self.sliders],
            "strides": strides,
            "strings": strings,
            "frames": frames,
            "notes": notes,
        }
        payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
        html = (
            f'<div class="sl-explorer" id="{uid}" data-explorer="{_attr(self.name)}">'
            f"{_STYLE_TAG}"
            f'<p class="sl-title">{_text(self.title)}</p>'
            f'<div class="sl-controls">{"".join(controls)}</div>'
            f'<div class="sl-figure">{svg}</div>'
            f'<p class="sl-note" aria-live="polite">{_text(strings[notes[start]])}</p>'
            f'<script type="application/json" class="sl-data">{payload}</script>'
            f"<script>{_SCRIPT}</script>"
            "</div>"
        )
        size = len(html.encode())
        if size > MAX_HTML_BYTES:
            raise ScalingLabError(
                f"explorer {self.name!r} weighs {size / 1e6:.2f} MB on the page; the budget "
                f"is {MAX_HTML_BYTES / 1e6:.1f} MB. Coarsen a slider's grid, use fewer "
                "points per line, or split the explorer."
            )
        return html

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


def _attr(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_STYLE_TAG = (
    "<style>.sl-explorer{margin:1em 0;padding:.6em .8em;border:1px solid #ccc;"
    "border-radius:6px}.sl-explorer .sl-title{font-weight:600;margin:0 0 .4em}"
    ".sl-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;margin-bottom:.4em}"
    ".sl-slider{display:flex;align-items:center;gap:.5em}"
    ".sl-slider input{width:11em}.sl-slider output{min-width:4.5em;"
    "font-variant-numeric:tabular-nums}"
    ".sl-figure svg{max-width:100%;height:auto;background:#fff;display:block}"
    ".sl-note{margin:.3em 0 0;font-variant-numeric:tabular-nums}</style>"
)

# Switches precomputed paths; no math here, only look-ups into the data Python wrote.
# One listener on the document serves every explorer of the page, including copies of
# an explorer that a front end makes without running its script (a slideshow panel).
_SCRIPT = (
    "(function(){if(window.__slExplorers)return;window.__slExplorers=1;"
    "function up(r){var d=r.__slData||(r.__slData=JSON.parse("
    "r.querySelector('script.sl-data').textContent));"
    "var ins=r.querySelectorAll('input[type=range]');var outs=r.querySelectorAll('output');"
    "var ps=r.querySelectorAll('path[data-sl-line]');var note=r.querySelector('.sl-note');"
    "var k=0;for(var i=0;i<ins.length;i++){var v=+ins[i].value;k+=v*d.strides[i];"
    "var t=d.sliders[i].texts[v];outs[i].textContent=t;"
    "ins[i].setAttribute('aria-valuetext',t);}var f=d.frames[k];"
    "for(var j=0;j<ps.length;j++){ps[j].setAttribute('d',d.strings[f[j]]);}"
    "note.textContent=d.strings[d.notes[k]];r.setAttribute('data-sl-frame',k);}"
    "document.addEventListener('input',function(e){var t=e.target;"
    "if(!t.matches||!t.matches('.sl-explorer input[type=range]'))return;"
    "up(t.closest('.sl-explorer'));},true);})();"
)


class LiveExplorer:
    """The live rendering: ipywidgets sliders, an image of the figure, and a note.

    Attributes
    ----------
    sliders : dict of str to ipywidgets.SelectionSlider
    image : ipywidgets.Image
    note : ipywidgets.HTML
    lines : dict of str to matplotlib.lines.Line2D
    figure : matplotlib.figure.Figure
    box : ipywidgets.VBox
        What is displayed.

    Setting a slider's ``value`` updates the lines in place and re-renders the image.
    """

    def __init__(self, explorer: Explorer):
        import ipywidgets as widgets
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.explorer = explorer
        self.figure, self.lines = explorer.draw()
        self.figure.set_dpi(self.DPI)
        canvas = FigureCanvasAgg(self.figure)
        # Blitting: draw the fixed parts once, then only the moving lines per update.
        for line in self.lines.values():
            line.set_animated(True)
        canvas.draw()
        self.figure.set_layout_engine("none")
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self.sliders = {}
        for slider in explorer.sliders:
            options = [(slider.text(v), v) for v in slider.values]
            self.sliders[slider.name] = widgets.SelectionSlider(
                options=options, value=slider.values[slider.default_index],
                description=slider.label, continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="320px"),
            )
        self.image = widgets.Image(format="png", value=self._png())
        self.note = widgets.HTML(value=_text(explorer.frame().note))
        for control in self.sliders.values():
            control.observe(self.update, names="value")
        title = widgets.HTML(value=f"<b>{_text(explorer.title)}</b>")
        self.box = widgets.VBox([title, widgets.HBox(list(self.sliders.values()),
                                                     layout=widgets.Layout(flex_flow="row wrap")),
                                 self.image, self.note])

    #: Resolution of the live image.
    DPI = 90

    @property
    def values(self) -> dict:
        """The current slider values."""
        return {name: control.value for name, control in self.sliders.items()}

    def _png(self) -> bytes:
        from PIL import Image

        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for line in self.lines.values():
            line.axes.draw_artist(line)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw",
                                 "RGBA", 0, 1).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()

    def update(self, change=None) -> None:
        """Recompute the frame at the current slider values and redraw in place."""
        frame = self.explorer.frame(**self.values)
        for key, line in self.lines.items():
            x, y = frame.curves[key]
            line.set_data(x, y)
        self.note.value = _text(frame.note)
        self.image.value = self._png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)

    def png_base64(self) -> str:
        """The current figure as base64 PNG (for tests and slides)."""
        return base64.b64encode(self._png()).decode()


#: Every explorer of the course by name, as a factory taking no arguments.
REGISTRY: dict[str, Callable[[], Explorer]] = {}


def register(name: str):
    """Decorator: record an explorer factory under ``name`` in :data:`REGISTRY`.

    The factory's explorer must carry the same name.
    """

    def decorate(factory):
        if name in REGISTRY and REGISTRY[name] is not factory:
            raise ScalingLabError(f"an explorer named {name!r} is already registered")
        REGISTRY[name] = factory
        factory.explorer_name = name
        return factory

    return decorate


def get_explorer(name: str) -> Explorer:
    """Build the registered explorer ``name``.

    >>> get_explorer("power-laws/k-n-offset").name
    'power-laws/k-n-offset'
    """
    import scaling_lab.explorers  # noqa: F401  (registers every explorer)

    if name not in REGISTRY:
        raise ScalingLabError(
            f"no explorer named {name!r}; known: {', '.join(sorted(REGISTRY))}"
        )
    return REGISTRY[name]()
