"""The Kaplan-Chinchilla discrepancy on Porian et al.'s runs: figures and an explorer.

Design: every number here is fitted by :func:`scaling_lab.isoflop.fit_isoflop` from the
shipped runs (:mod:`scaling_lab.datasets.porian2024`); nothing is typed. The figure
helpers serve the chapter and the ``fit isoflop --plot`` command alike: the left panel
shows each budget's runs, its interpolant and its minimum; the right panel the minima
against the budget and the fitted line N_opt = G C^a. A minimum that is not bracketed
is drawn open: it was left out of the fit. The explorer steps through Porian et al.'s
corrections, one configuration per slider position, with the first and last steps'
lines fixed in grey so that the moving line is seen to turn.

Examples
--------
>>> ex = discrepancy_explorer()
>>> [s.name for s in ex.sliders], len(ex.sliders[0].values)
(['step'], 5)
>>> ex.frame(step=5).note  # doctest: +ELLIPSIS
'Step 5, Optimizer tuning (no decay): a = 0.497 ...'
"""

from __future__ import annotations

import functools

import numpy as np

from .._validate import ScalingLabError
from ..datasets import porian2024
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..isoflop import fit_isoflop, isoflop_curve
from ..plotting import PALETTE, figure, legend_below, loglog
from ..units import format_scientific

__all__ = ["budget_colors", "draw_isoflop", "save_isoflop_figure", "step_fits",
           "draw_steps", "discrepancy_explorer"]


def budget_colors(count: int) -> list[str]:
    """``count`` hex colours from dark to light (viridis), one per budget.

    >>> budget_colors(3)[0]
    '#440154'
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["viridis"]
    return [to_hex(cmap(x)) for x in np.linspace(0.0, 0.9, count)]


def _budget_runs(fit, N, C, L):
    """The runs of each budget of ``fit``, in its order."""
    for j, budget in enumerate(fit.budgets):
        members = np.abs(np.log(C / budget)) < 0.01
        yield j, N[members], L[members]


def draw_isoflop(left, right, fit, N, C, L, *, colors=None, label="fit") -> None:
    """Draw one Approach 2 fit: iso-FLOP curves on ``left``, N_opt line on ``right``.

    Parameters
    ----------
    left, right : matplotlib Axes
    fit : IsoFLOPApproach2
        From :func:`scaling_lab.isoflop.fit_isoflop` on ``N, C, L``.
    N, C, L : numpy.ndarray
        The runs fitted.
    colors : list of str, optional
        One colour per budget (default :func:`budget_colors`).
    label : str
        Legend label of the fitted line.
    """
    colors = colors or budget_colors(fit.budgets.size)
    for j, n, loss in _budget_runs(fit, N, C, L):
        left.plot(n, loss, "o", ms=3, color=colors[j], alpha=0.7)
        if n.size >= 3:
            grid, curve = isoflop_curve(n, loss, method=fit.method)
            left.plot(grid, curve, color=colors[j], lw=1)
        face = colors[j] if fit.bracketed[j] else "white"
        left.plot(fit.N_opt[j], fit.loss_opt[j], "D", ms=5, mfc=face, mec="black",
                  mew=0.8)
    loglog(left, xlabel="parameters N", ylabel="loss L (nats per token)")
    ok = fit.bracketed
    right.plot(fit.budgets[ok], fit.N_opt[ok], "D", ms=5, color=PALETTE["blue"],
               label="bracketed minima")
    if (~ok).any():
        right.plot(fit.budgets[~ok], fit.N_opt[~ok], "D", ms=5, mfc="white",
                   mec=PALETTE["blue"], label="not bracketed (left out)")
    line_C = np.geomspace(fit.budgets.min(), fit.budgets.max(), 50)
    text = f"{label}: a = {fit.a:.3f}"
    if fit.a_interval is not None:
        text += f" ({fit.a_interval[0]:.3f} to {fit.a_interval[1]:.3f})"
    right.plot(line_C, fit.predict(line_C)[0], color=PALETTE["vermillion"], label=text)
    loglog(right, xlabel="training compute C (FLOPs)", ylabel="compute-optimal N")
    legend_below(right)


def save_isoflop_figure(fit, N, C, L, path) -> None:
    """Write the two-panel figure of :func:`draw_isoflop` to ``path``.

    Raises ScalingLabError naming the path when it cannot be written.
    """
    import matplotlib.pyplot as plt

    fig, (left, right) = figure(2)
    try:
        draw_isoflop(left, right, fit, N, C, L)
        fig.savefig(path, dpi=120)
    except (OSError, ValueError) as error:
        raise ScalingLabError(f"cannot write the figure to {path!r}: {error}") from None
    finally:
        plt.close(fig)


@functools.cache
def step_fits(bootstrap: int = 0, seed: int = 0) -> tuple:
    """Approach 2 (Akima) on each of Porian et al.'s five steps, in order (cached).

    Returns one ``(config_id, label, (N, C, L), fit)`` per step. Budgets that are not
    bracketed are left out, with the package's warning, as in the paper.

    >>> [round(f.a, 2) for *_, f in step_fits()]
    [0.83, 0.7, 0.61, 0.57, 0.5]
    """
    import warnings

    from .._validate import ScalingLabWarning

    out = []
    for config in porian2024.STEPS:
        runs = porian2024.isoflop_runs(config)
        with warnings.catch_warnings():
            # The unbracketed budgets are known and listed by the chapter.
            warnings.simplefilter("ignore", ScalingLabWarning)
            fit = fit_isoflop(*runs, bootstrap=bootstrap, seed=seed)
        out.append((config, porian2024.label(config), runs, fit))
    return tuple(out)


def draw_steps(ax, fits=None) -> None:
    """Each step's bracketed minima and fitted line N_opt = G C^a on one log-log axis.

    ``fits`` defaults to :func:`step_fits`. Each step has its own colour and marker,
    and its legend entry shows both, the marker on the line.

    >>> fig, ax = figure()
    >>> draw_steps(ax)
    >>> handles = ax.get_legend().legend_handles
    >>> len(handles), [h.get_marker() for h in handles]
    (5, ['o', 's', '^', 'v', 'D'])
    """
    from matplotlib.lines import Line2D

    fits = fits or step_fits()
    colors = ("vermillion", "orange", "green", "purple", "blue")
    markers = ("o", "s", "^", "v", "D")
    handles, labels = [], []
    for i, (_, label, _, fit) in enumerate(fits):
        ok = fit.bracketed
        color = PALETTE[colors[i]]
        line_C = np.geomspace(fit.budgets[ok].min(), fit.budgets[ok].max(), 50)
        text = f"{i + 1}. {label}: a = {fit.a:.3f}"
        if fit.a_interval is not None:
            text += f" ({fit.a_interval[0]:.2f} to {fit.a_interval[1]:.2f})"
        ax.plot(fit.budgets[ok], fit.N_opt[ok], markers[i], ms=5, color=color)
        ax.plot(line_C, fit.predict(line_C)[0], color=color, lw=1.6)
        handles.append(Line2D([], [], color=color, lw=1.6, marker=markers[i], ms=5))
        labels.append(text)
    loglog(ax, xlabel="training compute C (FLOPs)", ylabel="compute-optimal N")
    legend_below(ax, handles, labels)


_N_GRID = 60
#: The smallest of Porian et al.'s budgets (FLOPs); each next one is twice the last.
_FIRST_BUDGET = 1.25e16


def _budget_label(j: int, which: str) -> str:
    """The legend label of budget ``j``, e.g. ``'C = 1.25 × 10¹⁶ FLOPs (smallest)'``.

    >>> _budget_label(11, "largest")
    'C = 2.56 × 10¹⁹ FLOPs (largest)'
    """
    text = f"C = {format_scientific(_FIRST_BUDGET * 2.0**j, 3)} FLOPs"
    return f"{text} ({which})" if which else text


def _discrepancy_frame(step: float) -> Frame:
    config, label, (N, C, L), fit = step_fits()[int(round(step)) - 1]
    curves = {}
    for j in range(12):
        curves[f"b{j}"] = (np.array([np.nan]), np.array([np.nan]))
    for j, n, loss in _budget_runs(fit, N, C, L):
        index = int(round(np.log2(fit.budgets[j] / _FIRST_BUDGET)))
        if n.size >= 3:
            curves[f"b{index}"] = isoflop_curve(n, loss, points=_N_GRID)
    curves["runs"] = (N, L)
    ok = fit.bracketed
    curves["minima"] = (fit.N_opt[ok], fit.loss_opt[ok])
    curves["optima"] = (fit.budgets[ok], fit.N_opt[ok])
    line_C = np.geomspace(1e16, 3e19, 30)
    curves["line"] = (line_C, fit.predict(line_C)[0])
    published = porian2024.published_fit(config)
    note = (f"Step {int(round(step))}, {label}: a = {fit.a:.3f} fitted here, "
            f"{published['a']:.3f} ({published['a_interval'][0]:.3f} to "
            f"{published['a_interval'][1]:.3f}) published; "
            f"{fit.n_budgets} bracketed budgets")
    return Frame(curves, note=note)


def _discrepancy_background(axes) -> None:
    fits = step_fits()
    line_C = np.geomspace(1e16, 3e19, 30)
    for index, style, name in ((0, ":", "step 1"), (4, "--", "step 5")):
        fit = fits[index][3]
        axes[1].plot(line_C, fit.predict(line_C)[0], color=PALETTE["grey"], lw=1,
                     ls=style, label=f"{name}: a = {fit.a:.2f}")


@register("chinchilla/discrepancy")
def discrepancy_explorer() -> Explorer:
    """Porian et al.'s five steps from Kaplan's setting to Chinchilla's, one per position.

    Left: each budget's runs (grey), its Akima interpolant (coloured from dark, the
    smallest budget, to light, the largest; the legend names three) and its minimum
    (black). Right: the minima against the budget and the fitted N_opt = G C^a (red),
    with the first and last steps' lines in grey. The note compares the fitted a with
    the published one.
    """
    colors = budget_colors(12)
    # The colour key: the smallest, a middle and the largest budget are named; the
    # colours between run dark to light in the order of the budgets.
    named = {0: "smallest", 5: "", 11: "largest"}
    lines = [LineSpec(f"b{j}", _budget_label(j, named[j]) if j in named else "",
                      color=colors[j], width=1.2) for j in range(12)]
    lines += [LineSpec("runs", "runs", color="grey", kind="points", width=3),
              LineSpec("minima", "minimum of each budget", color="black", kind="points",
                       width=5),
              LineSpec("optima", "bracketed minima", panel=1, color="blue",
                       kind="points", width=5),
              LineSpec("line", r"fitted $N_{\mathrm{opt}} = G\,C^{a}$", panel=1, color="vermillion")]
    return Explorer(
        name="chinchilla/discrepancy",
        title="From Kaplan to Chinchilla on real runs: five corrections, one at a time",
        alt=("Two log-log panels. Left: loss against parameters for twelve FLOP budgets, "
             "each a U-shaped curve through grey run points with a black dot at its "
             f"minimum, coloured from dark purple for the smallest budget, "
             f"{format_scientific(_FIRST_BUDGET, 3)} FLOPs, to light green for the "
             f"largest, {format_scientific(_FIRST_BUDGET * 2.0**11, 3)} FLOPs. "
             "Right: the minima against compute with a red fitted line whose slope "
             "falls from about 0.83 to about 0.50 as the slider steps from "
             "Porian et al.'s reproduction of Kaplan's setting to their tuned setting; "
             "grey lines mark the first and last steps."),
        function=_discrepancy_frame,
        sliders=[Slider("step", "correction step", (1.0, 2.0, 3.0, 4.0, 5.0),
                        default=1.0, fmt="{:.0f}")],
        panels=[Panel(xlabel="parameters N", ylabel="loss L (nats per token)",
                      xlim=(2e5, 2e9), ylim=(2.8, 7.0)),
                Panel(xlabel="training compute C (FLOPs)", ylabel="compute-optimal N",
                      xlim=(1e16, 3e19), ylim=(1e6, 1e9))],
        lines=lines,
        background=_discrepancy_background,
        height=3.6,
    )
