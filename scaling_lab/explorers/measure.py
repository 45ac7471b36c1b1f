"""Explorer of the chapter "Measure a scaling law yourself": the measured iso-FLOP curves.

A budget slider walks along the shipped character-LM runs
(``scaling_lab/data/experiments/charlm.csv``) and two budgets beyond them: at a
measured budget the runs light up beside the Approach 3 law fitted to all of them; past
the last one only the predictions remain, which is what a reader is asked to test by
running that budget. Nothing is trained while the slider moves; the fits are computed
once (:func:`scaling_lab.experiments.shipped_charlm_fits`). The fixed grey marks (every
budget's runs, the Approach 2 minima and their fitted line) carry labels of their own,
so that the legend names every mark on the figure.

Examples
--------
>>> ex = isoflop_explorer()
>>> [s.name for s in ex.sliders], len(ex.sliders[0].values) >= 6
(['budget'], True)
"""

from __future__ import annotations

import numpy as np

from ..experiments import flops_per_token, load_sweep, shipped_charlm_fits
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register

__all__ = ["isoflop_explorer"]


def _data(name: str):
    runs = load_sweep(name)[1]["runs"]
    iso = np.array(runs["part"]) == "isoflop"
    fits = shipped_charlm_fits(name)
    budgets = np.unique(runs["budget"][iso])
    beyond = budgets[-1] * np.sqrt(10.0) ** np.arange(1, 3)
    return runs, iso, fits, budgets, np.concatenate([budgets, beyond])


def _frame(budget: float, *, runs, iso, fits, budgets, grid) -> Frame:
    pick = iso & np.isclose(runs["budget"], budget, rtol=1e-6)
    a3, a2 = fits.approach3, fits.approach2
    D = budget / flops_per_token(grid)
    law = a3.predict(grid, D)
    best = int(np.argmin(law))
    curves = {"runs": (runs["n_params"][pick], runs["test_loss"][pick]),
              "law": (grid, law),
              "law_opt": (grid[best:best + 1], law[best:best + 1])}
    measured = bool(pick.any())
    if a2 is not None:
        n_opt = a2.G * budget ** a2.a
        curves["a2"] = (np.array([budget]), np.array([n_opt]))
    else:
        curves["a2"] = (np.array([budget]), np.array([np.nan]))
    curves["a3"] = (np.array([budget]), grid[best:best + 1])
    if measured:
        low = int(np.argmin(runs["test_loss"][pick]))
        note = (f"C = {budget:.3g} FLOPs: {pick.sum()} runs; the lowest held-out loss is "
                f"{runs['test_loss'][pick][low]:.3f} nats/char at N = "
                f"{runs['n_params'][pick][low]:,.0f}. Approach 3 puts the minimum at "
                f"N = {grid[best]:,.0f}, loss {law[best]:.3f}.")
    else:
        note = (f"C = {budget:.3g} FLOPs: not measured. Approach 3 predicts a best loss "
                f"of {law[best]:.3f} nats/char at N = {grid[best]:,.0f}; run this budget "
                "to test it.")
    return Frame(curves, note=note)


@register("measure/isoflop")
def isoflop_explorer(name: str = "charlm") -> Explorer:
    """Walk the measured iso-FLOP curves of the character LM, and two budgets beyond."""
    runs, iso, fits, budgets, values = _data(name)
    N = runs["n_params"][iso]
    grid = np.geomspace(N.min() / 2, N.max() * 8, 120)
    lo, hi = runs["test_loss"][iso].min(), runs["test_loss"][iso].max()
    a2 = fits.approach2

    def background(axes):
        for i, b in enumerate(budgets):
            pick = iso & (runs["budget"] == b)
            order = np.argsort(runs["n_params"][pick])
            axes[0].plot(runs["n_params"][pick][order], runs["test_loss"][pick][order],
                         color="#BBBBBB", marker="o", markersize=3, lw=1, zorder=1,
                         label="every budget's runs" if i == 0 else "_nolegend_")
        C = np.geomspace(values[0] / 2, values[-1] * 2, 50)
        if a2 is not None:
            axes[1].plot(a2.budgets[a2.bracketed], a2.N_opt[a2.bracketed], "o",
                         color="#BBBBBB", markersize=5, zorder=1,
                         label="Approach 2 minima, measured")
            axes[1].plot(C, a2.G * C**a2.a, color="#7F7F7F", lw=1, ls="--", zorder=1,
                         label="Approach 2 fit line")

    def function(budget):
        return _frame(budget, runs=runs, iso=iso, fits=fits, budgets=budgets, grid=grid)

    return Explorer(
        name="measure/isoflop",
        title="Your own iso-FLOP curves, and the next budget predicted",
        alt=("Two log-log panels. Left: held-out loss in nats per character against "
             "parameters N for the character language model; grey dots and lines are "
             "the measured runs of every budget, the selected budget's runs are blue "
             "dots, and an orange curve is the Approach 3 law at that budget with its "
             "minimum marked. Right: the compute-optimal size against the budget: grey "
             "dots are the measured Approach 2 minima and a grey dashed line the line "
             "fitted through them; a blue dot marks that line's optimum at the selected "
             "budget and a vermillion dot the Approach 3 optimum there."),
        function=function,
        sliders=[Slider("budget", "budget C (FLOPs)", tuple(values),
                        default=float(budgets[len(budgets) // 2]), fmt="{:.2g}")],
        panels=[
            Panel(xlabel="parameters N", ylabel="held-out loss (nats/char)",
                  xlim=(grid[0], grid[-1]), ylim=(lo * 0.85, hi * 1.1),
                  title="one budget"),
            Panel(xlabel="budget C (FLOPs)", ylabel="compute-optimal N",
                  xlim=(values[0] / 2, values[-1] * 2),
                  ylim=(N.min() / 2, N.max() * 8), title="the optimum"),
        ],
        lines=[
            LineSpec("runs", "this budget's runs", panel=0, color="blue", kind="points",
                     width=7),
            LineSpec("law", "Approach 3 fit", panel=0, color="orange"),
            LineSpec("law_opt", "its minimum", panel=0, color="vermillion",
                     kind="points", width=8),
            LineSpec("a2", "Approach 2 optimum at this budget", panel=1, color="blue",
                     kind="points", width=8),
            LineSpec("a3", "Approach 3 optimum at this budget", panel=1, color="vermillion",
                     kind="points", width=8),
        ],
        background=background,
        height=3.3,
    )
