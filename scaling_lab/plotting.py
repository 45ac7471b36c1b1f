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

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import ticker
from matplotlib.figure import Figure

__all__ = ["PALETTE", "COLORS", "STYLE", "figure", "detached_figure", "loglog", "style_axes"]

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
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
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
        Width in inches; default 4.6 per column, capped at 9.6.
    height : float, default 3.4
        Height in inches of one row.

    Returns
    -------
    (matplotlib.figure.Figure, Axes or array of Axes)
    """
    if width is None:
        width = min(4.6 * ncols, 9.6)
    # The style is applied to the session, not inside an rc_context: leaving an
    # rc_context restores the backend setting, and the notebook then fails to show
    # figures created inside it.
    matplotlib.rcParams.update(STYLE)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height * nrows),
                             layout="constrained", **kwargs)
    fig.set_facecolor("white")
    for ax in fig.axes:
        style_axes(ax)
    return fig, axes


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
        width = min(4.6 * ncols, 9.6)
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(width, height * nrows), dpi=dpi, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    fig.set_facecolor("white")
    for ax in fig.axes:
        style_axes(ax)
    return fig, list(axes.ravel())


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
        axis.set_major_locator(ticker.LogLocator(base=10, numticks=12))
        axis.set_minor_locator(ticker.LogLocator(base=10, subs=tuple(range(2, 10)),
                                                 numticks=12))
        axis.set_minor_formatter(_PlainMinorFormatter(
            labelOnlyBase=False, minor_thresholds=(1.2, 0.6)))


class _PlainMinorFormatter(ticker.LogFormatterSciNotation):
    """Label the minor ticks matplotlib chooses to label, as plain numbers ("3", not
    "3×10⁰") where they are short."""

    def __call__(self, x, pos=None):
        label = super().__call__(x, pos)
        if label and 1e-3 <= abs(x) < 1e4:
            return f"{x:g}"
        return label
