"""One figure style for the whole course.

Design: a reader compares figures across chapters, so every figure shares the same
look: labelled axes with units, decade ticks on log axes, an opaque white background
(readable when the site is in dark mode), and the Okabe-Ito palette, which stays
distinguishable under the common forms of colour blindness. Lines also differ in dash
pattern where colour carries meaning, so a greyscale print still reads.

Examples
--------
>>> from scaling_lab.plotting import PALETTE, figure, loglog
>>> fig, ax = figure()
>>> loglog(ax, xlabel="parameters N", ylabel="loss L (nats)")
>>> ax.get_xscale(), ax.get_yscale()
('log', 'log')
>>> PALETTE["blue"]
'#0072B2'
"""

from __future__ import annotations

import math

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager, ticker
from matplotlib.figure import Figure

__all__ = ["PALETTE", "COLORS", "STYLE", "MAX_WIDTH", "SMALLEST_TEXT_PT", "figure",
           "detached_figure", "loglog", "log_ticks", "legend_below", "signed", "style_axes"]

#: Okabe & Ito (2008), "Color Universal Design": safe for the common colour blindnesses.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7F7F7F",
}

#: The order in which a figure's lines take colours.
COLORS = tuple(PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple",
                                    "sky", "black"))

#: rcParams applied to every course figure.
STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    # Text sizes: the smallest (10.5 pt at 100 dpi) still reads at 11 px on a 390 px
    # phone, where the site shows a figure at no less than 0.755 of its size.
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10.5,
    "ytick.labelsize": 10.5,
    "legend.fontsize": 10.5,
    "axes.unicode_minus": True,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "svg.fonttype": "path",
    "axes.prop_cycle": matplotlib.cycler(color=list(COLORS)),
}

#: The widest a chapter figure is drawn by default (inches). At the style's 100 dpi it
#: fits the 688 px text column of a 1280 px screen at 0.755 of its size or more (the
#: page shows no figure smaller, so its smallest text stays at 11 px); wider figures
#: scroll sideways there.
MAX_WIDTH = 8.8

#: The smallest text (points) of the course style; no figure text may be smaller.
SMALLEST_TEXT_PT = min(STYLE[key] for key in (
    "font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
    "ytick.labelsize", "legend.fontsize"))


def figure(ncols: int = 1, nrows: int = 1, *, width: float | None = None,
           height: float = 3.4, **kwargs):
    """A new figure in the course style, with constrained layout.

    The course style (:data:`STYLE`) is applied to the matplotlib session, so every
    later figure of the notebook shares it.

    Parameters
    ----------
    ncols, nrows : int
        Grid of axes.
    width : float, optional
        Width in inches; default 4.4 per column, capped at :data:`MAX_WIDTH`.
    height : float, default 3.4
        Height in inches of one row.

    Returns
    -------
    (matplotlib.figure.Figure, Axes or array of Axes)
    """
    if width is None:
        width = min(4.4 * ncols, MAX_WIDTH)
    # The style is applied to the session, not inside an rc_context: leaving an
    # rc_context restores the backend setting, and the notebook then fails to show
    # figures created inside it.
    matplotlib.rcParams.update(STYLE)
    _sharp_inline_figures()
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height * nrows),
                             layout="constrained", **kwargs)
    fig.set_facecolor("white")
    for ax in fig.axes:
        style_axes(ax)
    return fig, axes


def _sharp_inline_figures() -> None:
    """In a notebook, show figures as PNGs at twice their resolution ("retina": the
    image carries its display size, so it is sharp on a phone or a high-density screen
    at the same size on the page). Outside IPython, nothing to do."""
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and getattr(shell, "display_formatter", None) is not None:
        set_matplotlib_formats("retina")


def detached_figure(ncols: int = 1, nrows: int = 1, *, width: float | None = None,
                    height: float = 3.4, dpi: float = 100):
    """Like :func:`figure`, but not registered with pyplot.

    Explorers draw into detached figures so that a notebook shows only what the
    explorer chooses to show (a live image or a static page), never a stray copy.

    >>> fig, axes = detached_figure(2)
    >>> len(fig.axes)
    2
    """
    if width is None:
        width = min(4.4 * ncols, MAX_WIDTH)
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(width, height * nrows), dpi=dpi, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    fig.set_facecolor("white")
    for ax in fig.axes:
        style_axes(ax)
    return fig, list(axes.ravel())


def legend_below(ax, handles=None, labels=None, *, ncols: int | None = None,
                 fontsize: float | None = None):
    """A legend under the axes, below the tick labels and the axis label: never over
    the data, wherever the data go. Constrained layout makes room for it.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    handles, labels : lists, optional
        Default: the labelled artists of ``ax``.
    ncols : int, optional
        Default: two columns when two labels fit side by side under the axes, else one.
    fontsize : float, optional
        Default: the course style's legend size.

    Returns
    -------
    matplotlib.legend.Legend or None
        None when nothing in ``ax`` has a label.

    >>> fig, ax = figure()
    >>> _ = ax.plot([1, 10], [1, 0.1], label="fit")
    >>> leg = legend_below(ax)
    >>> fig.draw_without_rendering()
    >>> bool(leg.get_window_extent().y1 < ax.get_window_extent().y0)
    True
    """
    from matplotlib import transforms
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if handles is None or labels is None:
        handles, labels = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    if not labels:
        return None
    fig = ax.get_figure(root=True)
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)  # a detached figure: measure with Agg's renderer
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    if fontsize is None:
        fontsize = font_manager.FontProperties(
            size=matplotlib.rcParams["legend.fontsize"]).get_size_in_points()
    box = ax.get_window_extent(renderer)
    # How far the tick labels and axis label reach below the axes, in points: it does
    # not change when the layout later moves or shrinks the axes.
    drop = (box.y0 - ax.xaxis.get_tightbbox(renderer).y0) * 72 / fig.dpi + 2
    anchor = transforms.offset_copy(ax.transAxes, fig=fig, y=-drop, units="points")
    if ncols is None:
        longest = max(len(label) for label in labels)
        half = box.width * 72 / fig.dpi / 2
        ncols = 2 if len(labels) > 1 and longest * fontsize * 0.6 < half - 30 else 1
    return ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                     bbox_transform=anchor, fontsize=fontsize, ncols=ncols,
                     handlelength=2.4, columnspacing=1.2, borderaxespad=0.0)


def signed(value: float, fmt: str = ".2f") -> str:
    """A number for a figure's text with a real minus sign (U+2212), as the axes use.

    >>> signed(-0.5), signed(0.25, ".1f")
    ('−0.50', '0.2')
    """
    return format(float(value), fmt).replace("-", "\u2212")


def style_axes(ax) -> None:
    """Apply the course style to an existing Axes (grid, spines, colours)."""
    with plt.rc_context(STYLE):
        ax.set_facecolor("white")
        ax.grid(True, which="major", alpha=0.3, linewidth=0.6)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        ax.set_prop_cycle(color=list(COLORS))


def loglog(ax, *, xlabel: str, ylabel: str) -> None:
    """Make ``ax`` log-log with labelled axes and decade ticks.

    Major ticks sit at powers of ten. When an axis spans too few decades to show two
    of them, matplotlib's log formatter also labels the minor ticks (2, 3, 5...), so
    an axis is never left without numbers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    xlabel, ylabel : str
        Axis labels, with units (for example ``"parameters N"``, ``"loss L (nats)"``).
    """
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for axis in (ax.xaxis, ax.yaxis):
        log_ticks(axis)


def log_ticks(axis, *, label_minor_below: float = 1.2) -> None:
    """Decade ticks on a log axis, thinned to what its length holds, in one format.

    The major ticks sit at powers of ten, every decade or every few decades when the
    axis is short (matplotlib's ``numticks="auto"`` counts the room the tick labels
    need). When the axis spans too few decades to show two of them, the minor ticks
    (2, 3, 5...) are labelled too, and then every label of the axis is a plain number
    ("0.5", "1", "2"); otherwise every label is a power of ten. One axis never mixes
    "3" with "10⁰".

    ``label_minor_below`` is that number of decades (default 1.2); an axis of two
    decades whose values a reader must read off can ask for 2.5.

    >>> fig, ax = figure()
    >>> ax.set_xscale("log")
    >>> _ = ax.set_xlim(0.3, 3)
    >>> log_ticks(ax.xaxis)
    >>> fig.canvas.draw()
    >>> labels = [t.get_text() for t in ax.get_xticklabels(which="both")]
    >>> "1" in labels, "0.3" in labels, any("10^" in t for t in labels)
    (True, True, False)

    Two decades label only their powers of ten, unless asked for more:

    >>> def shown(**options):
    ...     fig, ax = figure()
    ...     ax.set_yscale("log")
    ...     _ = ax.set_ylim(0.02, 2)
    ...     log_ticks(ax.yaxis, **options)
    ...     fig.canvas.draw()
    ...     return [t.get_text() for t in ax.get_yticklabels(which="both") if t.get_text()]
    >>> "0.3" in shown(), "0.3" in shown(label_minor_below=2.5)
    (False, True)
    """
    axis.set_major_locator(_ThinnedLogLocator())
    axis.set_minor_locator(ticker.LogLocator(base=10, subs=tuple(range(2, 10)),
                                             numticks=12))
    thresholds = (float(label_minor_below), _ALL_MINOR_BELOW)
    axis.set_major_formatter(_OneFormatLogFormatter(minor_thresholds=thresholds))
    axis.set_minor_formatter(_OneFormatLogFormatter(labelOnlyBase=False,
                                                    minor_thresholds=thresholds))


#: Below this many decades every minor tick is labelled.
_ALL_MINOR_BELOW = 0.6


class _ThinnedLogLocator(ticker.LogLocator):
    """Powers of ten, every decade or every few, as many as the axis holds with a gap
    between labels: on a horizontal axis a label "10¹⁰" takes about four times the
    font size, so the axis holds its length over that; a vertical axis stacks its
    labels and holds matplotlib's own count."""

    #: Room for one label on a horizontal axis, in font sizes.
    ROOM = 3.8

    def __init__(self):
        super().__init__(base=10, numticks="auto")

    def tick_values(self, vmin, vmax):
        axis = self.axis
        if axis is None or axis.axis_name != "x":
            return super().tick_values(vmin, vmax)
        box = axis.axes.get_position(original=False)
        figure = axis.axes.get_figure(root=True)
        length = box.width * figure.get_figwidth() * 72
        size = axis.get_tick_params().get("labelsize",
                                          matplotlib.rcParams["xtick.labelsize"])
        size = font_manager.FontProperties(size=size).get_size_in_points()
        self.numticks = max(2, int(length // (size * self.ROOM)))
        try:
            return super().tick_values(vmin, vmax)
        finally:
            self.numticks = "auto"


class _OneFormatLogFormatter(ticker.LogFormatterSciNotation):
    """Powers of ten ("10³") on an axis of many decades; plain numbers ("0.5", "1",
    "20") for every label of an axis of few decades, whose minor ticks are labelled."""

    def _plain(self) -> bool:
        vmin, vmax = sorted(self.axis.get_view_interval())
        if vmin <= 0:
            return False
        few_decades = math.log10(vmax / vmin) <= self.minor_thresholds[0]
        return few_decades and 1e-3 <= vmin and vmax < 1e5

    def __init__(self, labelOnlyBase=True, minor_thresholds=(1.2, _ALL_MINOR_BELOW)):
        super().__init__(labelOnlyBase=labelOnlyBase, minor_thresholds=minor_thresholds)

    def __call__(self, x, pos=None):
        label = super().__call__(x, pos)
        if label and self._plain():
            return f"{x:g}"
        return label
