"""Explorers of the quantization-model chapter.

Both are pure functions of their sliders over the closed forms of
:mod:`scaling_lab.quanta` (no simulation runs while a slider moves). The exponent
sliders have 13 positions each, including the values of γ the chapter discusses: the
parameter exponents of Kaplan et al., Hoffmann et al. and Besiroglu et al. read as γ,
and the sparse-parity task's γ of Michaud et al.

Examples
--------
>>> ex = three_laws_explorer()
>>> [s.name for s in ex.sliders]
['gamma', 'tau', 'L_learned']
>>> ex.frame(gamma=0.5, tau=10.0, L_learned=0.0).note  # doctest: +ELLIPSIS
'γ = 0.5: slope −0.5 in N, −0.333 in D and in S...'
>>> em = emergence_explorer()
>>> em.frame(n=100.0, gamma=0.5).note  # doctest: +ELLIPSIS
'100 quanta learned: they cover 92% of samples...'
"""

from __future__ import annotations

import numpy as np
from scipy.special import zeta

from .. import published
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..quanta import (
    learned_from_data,
    learned_from_steps,
    quanta_loss,
    quanta_probabilities,
    quantum_loss,
    unlearned_mass,
)

__all__ = ["three_laws_explorer", "emergence_explorer", "L_UNLEARNED", "BATCH", "GAMMAS"]

#: Positions of the γ sliders: a grid from 0.1 to 1.5 plus the published values the
#: chapter reads as γ (Kaplan et al. 2020 Eq. 1.1, Hoffmann et al. 2022 Eq. 10,
#: Besiroglu et al. 2024, Michaud et al. 2023's sparse parity).
GAMMAS = tuple(sorted({0.1, 0.2, 0.3, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5,
                       published.KAPLAN.alpha_N, published.HOFFMANN.alpha,
                       published.EPOCH.alpha,
                       round(published.MICHAUD_SPARSE_PARITY["zipf_exponent"] - 1, 6)}))

#: Per-sample loss of a sample whose quantum is not learned, in the explorers (nats).
L_UNLEARNED = 4.0
#: Samples per optimiser step in the steps panel.
BATCH = 64

_N = np.logspace(0, 6, 80)  # capacities (quanta)
_D = np.logspace(0, 10, 80)  # samples
_S = np.logspace(0, 8, 80)  # steps


def _three_laws_frame(gamma: float, tau: float, L_learned: float) -> Frame:
    s = gamma + 1.0
    reducible = L_UNLEARNED - L_learned
    scale = reducible / (gamma * zeta(s))
    losses = {"L_learned": L_learned, "L_unlearned": L_UNLEARNED}
    n_D = learned_from_data(_D, gamma, tau=tau)
    n_S = learned_from_steps(_S, gamma, tau=tau, batch=BATCH)
    # The power laws the reducible parts tend to (continuous n in each resource).
    reach_D = (_D / (tau * zeta(s))) ** (1 / s)
    reach_S = (_S * BATCH / (tau * zeta(s))) ** (1 / s)
    loss_N = quanta_loss(_N, gamma, **losses)
    return Frame(
        {
            "L_N": (_N, loss_N),
            "law_N": (_N, scale * _N**-gamma),
            "L_D": (_D, quanta_loss(n_D, gamma, **losses)),
            "law_D": (_D, scale * reach_D**-gamma),
            "L_S": (_S, quanta_loss(n_S, gamma, **losses)),
            "law_S": (_S, scale * reach_S**-gamma),
        },
        note=(f"γ = {gamma:g}: slope −{gamma:.3g} in N, −{gamma / s:.3g} in D and in S "
              f"(γ/(γ+1)). At the right edges: {_N[-1]:.0e} quanta held; "
              f"{n_D[-1]:,.0f} learned from D = {_D[-1]:.0e} samples; "
              f"{n_S[-1]:,.0f} after S = {_S[-1]:.0e} steps of {BATCH}. "
              f"The floor ℓ₁ = {L_learned:g} nats: at {_N[-1]:.0e} quanta the loss is "
              f"{float(loss_N[-1]):.3g} nats, ℓ₁ plus a reducible part on the dashed "
              "law."),
    )


def _sparse_decades(axes) -> None:
    """Label every other decade on the wide x axes, so that the labels do not collide;
    minor ticks would be a blur over ten decades (and cost time in every drawing)."""
    from matplotlib import ticker

    for ax in axes:
        ax.xaxis.set_major_locator(ticker.LogLocator(base=10, numticks=6))
        ax.xaxis.set_minor_locator(ticker.NullLocator())
        ax.yaxis.set_minor_locator(ticker.NullLocator())


@register("quantization/three-laws")
def three_laws_explorer() -> Explorer:
    """The loss against capacity (∝ N), samples D and steps S, for a quanta exponent γ.

    Move γ: the dashed power laws turn, with slope −γ in N and −γ/(γ+1) in D and S, so
    the parameter line is always the steeper. Move τ: the data and steps curves shift
    right (every quantum needs more samples) without changing slope. Move ℓ₁: every
    loss curve bends toward the floor ℓ₁ while the reducible parts stay straight.
    """
    return Explorer(
        name="quantization/three-laws",
        title="The quantization model's three scaling laws",
        alt=("Three log-log panels: loss against model capacity in quanta, against "
             "training samples D, and against optimiser steps S. Solid curves are the "
             "loss, which bends toward the floor l1; dashed lines are the power laws of "
             "the reducible part, with slope minus gamma against capacity and minus "
             "gamma over gamma plus one against D and S."),
        function=_three_laws_frame,
        sliders=[
            Slider("gamma", "quanta exponent γ", GAMMAS, default=0.5),
            Slider("tau", "samples needed τ", (1.0, 10.0, 100.0), default=10.0),
            Slider("L_learned", "ℓ₁ (nats)", (0.0, 0.5, 1.5), default=0.0),
        ],
        panels=[
            Panel(xlabel="capacity K ∝ N (quanta)", ylabel="loss (nats)",
                  xlim=(1, 1e6), ylim=(1e-3, 10), title="parameters"),
            Panel(xlabel="samples D", ylabel="loss (nats)", xlim=(1, 1e10),
                  ylim=(1e-3, 10), title="data"),
            Panel(xlabel=f"steps S (batch {BATCH})", ylabel="loss (nats)",
                  xlim=(1, 1e8), ylim=(1e-3, 10), title="steps"),
        ],
        lines=[
            LineSpec("L_N", "L(N)", panel=0, color="blue"),
            LineSpec("law_N", "reducible part, slope −γ", panel=0, color="black",
                     style="--", width=1.4),
            LineSpec("L_D", "L(D)", panel=1, color="orange"),
            LineSpec("law_D", "slope −γ/(γ+1)", panel=1, color="black", style="--",
                     width=1.4),
            LineSpec("L_S", "L(S)", panel=2, color="green"),
            LineSpec("law_S", "slope −γ/(γ+1)", panel=2, color="black", style="--",
                     width=1.4),
        ],
        background=_sparse_decades,
        height=3.3,
    )


_RANKS = np.unique(np.round(np.logspace(0, 4, 70)))
_CAPACITY = np.logspace(0, 4, 80)
_SHOWN_QUANTA = (3, 30, 300)


def _emergence_frame(n: float, gamma: float) -> Frame:
    p = quanta_probabilities(_RANKS, gamma)
    learned = _RANKS <= n
    # The dashed piece starts at the last learned rank, so the line is unbroken.
    last = _RANKS[learned].max() if learned.any() else _RANKS[0]
    curves = {
        "learned": (_RANKS, np.where(learned, p, np.nan)),
        "unlearned": (_RANKS, np.where(_RANKS >= last, p, np.nan)),
        "mean": (_CAPACITY, quanta_loss(_CAPACITY, gamma)),
        "now": (np.array([n, n]), np.array([0.0, 1.05])),
    }
    for k in _SHOWN_QUANTA:
        x = np.array([1.0, k, k, 1e4])
        curves[f"q{k}"] = (x, quantum_loss(k, [0, 0, k, k]))
    waiting = [k for k in _SHOWN_QUANTA if k > n]
    nxt = f"quantum {waiting[0]} is not learned yet" if waiting else \
        "all three marked quanta are learned"
    covered = 1.0 - float(unlearned_mass(n, gamma)[0])
    noun = "quantum" if n == 1 else "quanta"
    return Frame(curves, note=(f"{n:,.0f} {noun} learned: they cover {covered:.0%} of "
                               f"samples; mean loss {1 - covered:.3f} nats; {nxt}."))


@register("quantization/emergence")
def emergence_explorer() -> Explorer:
    """Quanta switching on one by one as the capacity grows.

    Left: the use frequency p_k against rank, the learned quanta in solid blue.
    Right: the loss on the samples of quanta 3, 30 and 300 drops abruptly from
    ℓ₀ = 1 to ℓ₁ = 0 at the capacity where each is learned, while the mean loss falls
    smoothly.
    """
    q_colors = ("orange", "green", "vermillion")
    return Explorer(
        name="quantization/emergence",
        title="Single quanta switch on; the mean loss falls smoothly",
        alt=("Left, log-log: use frequency of each quantum against its rank, a straight "
             "line, solid blue up to the capacity (learned) and dashed grey after it. "
             "Right, loss against capacity on a log axis: three step functions, one "
             "per marked quantum, drop from 1 to 0 at its rank, while the mean loss "
             "curve falls smoothly; a dotted vertical line marks the current capacity."),
        function=_emergence_frame,
        sliders=[
            Slider("n", "capacity K (quanta)",
                   tuple(float(v) for v in np.unique(np.round(np.logspace(0, 4, 25)))),
                   default=100.0, fmt="{:,.0f}"),
            Slider("gamma", "quanta exponent γ", GAMMAS, default=0.5),
        ],
        panels=[
            Panel(xlabel="rank k of the quantum", ylabel="use frequency $p_k$",
                  xlim=(1, 1e4), ylim=(1e-9, 1), title="which quanta are learned"),
            Panel(xlabel="capacity K (quanta), ∝ parameters N",
                  ylabel="loss (nats)", xlim=(1, 1e4), ylim=(-0.03, 1.08),
                  xscale="log", yscale="linear", title="loss per quantum and mean"),
        ],
        lines=[
            LineSpec("learned", "learned", panel=0, color="blue", width=3.2),
            LineSpec("unlearned", "not learned", panel=0, color="grey", style="--",
                     width=1.6),
            *[LineSpec(f"q{k}", f"quantum {k}", panel=1, color=c, width=1.6)
              for k, c in zip(_SHOWN_QUANTA, q_colors, strict=True)],
            LineSpec("mean", "mean loss", panel=1, color="blue", width=2.4),
            LineSpec("now", "capacity K", panel=1, color="black", style=":", width=1.4),
        ],
    )
