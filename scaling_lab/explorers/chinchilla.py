"""Explorers of the Chinchilla chapter.

The exponents explorers pin each term of the law at a reference model (N = 10B
parameters, D = 200B tokens) to its value under Eq. 10 as printed, so that moving alpha
or beta changes how fast a term falls, not its size at the reference: otherwise a small
change of alpha would move the whole figure off its axes.

Examples
--------
>>> ex = iso_loss_explorer()
>>> [s.name for s in ex.sliders]
['alpha', 'beta']
>>> ex.frame(alpha=0.34, beta=0.28).note  # doctest: +ELLIPSIS
'a = β/(α+β) = 0.452: ...'
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..chinchilla import LAWS, allocation_exponents, compute_optimal, isoflop_loss
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..plotting import PALETTE

__all__ = ["pinned_law", "iso_loss_explorer", "budget_explorer",
           "tokens_per_param_explorer"]

#: The reference model at which the exponents explorers pin each term.
N_REF, D_REF = 1e10, 2e11
#: Exponent sliders: 0.20 to 0.50 in steps of 0.02 (Hoffmann et al.'s printed 0.34 and
#: 0.28 among them) plus Epoch's refit, 0.3478 and 0.3658: 18 positions.
_EXPONENTS = tuple(sorted({round(0.2 + 0.02 * k, 2) for k in range(16)}
                          | {published.HOFFMANN.alpha, published.HOFFMANN.beta,
                             published.EPOCH.alpha, published.EPOCH.beta}))
_LEVELS = (0.25, 0.35, 0.5, 0.75)  # reducible loss L - E of the iso-loss lines (nats)
_N = np.logspace(8, 13, 40)
# The frontier and the tokens per parameter are straight lines on log-log axes (closed
# form), so a few points draw them exactly and keep the page light.
_C_FRONTIER = np.logspace(17, 27, 6)
_C_TPP = np.logspace(18, 27, 4)


def pinned_law(alpha: float, beta: float) -> published.ChinchillaParams:
    """Eq. 10 with new exponents, A and B rescaled so that each term keeps its printed
    value at N = 10B parameters and D = 200B tokens.

    >>> law = pinned_law(0.34, 0.28)
    >>> round(law.A, 1) == published.HOFFMANN.A, round(law.B, 1) == published.HOFFMANN.B
    (True, True)
    """
    h = published.HOFFMANN
    A = h.A / N_REF**h.alpha * N_REF**alpha
    B = h.B / D_REF**h.beta * D_REF**beta
    return published.ChinchillaParams(E=h.E, A=A, B=B, alpha=alpha, beta=beta,
                                      name="pinned", source="Eq. 10, terms pinned")


def _iso_loss_frame(alpha: float, beta: float) -> Frame:
    law = pinned_law(alpha, beta)
    curves = {}
    for i, level in enumerate(_LEVELS):
        rest = level - law.A / _N**alpha
        with np.errstate(invalid="ignore", divide="ignore"):
            D = np.where(rest > 0, (law.B / rest) ** (1 / beta), np.nan)
        curves[f"level{i}"] = (_N, D)
    opt = compute_optimal(_C_FRONTIER, law)
    curves["frontier"] = (opt.N, opt.D)
    a, _ = allocation_exponents(law)
    return Frame(curves, note=(f"a = β/(α+β) = {a:.3f}: ten times the compute buys "
                               f"{10**a:.2f}× the parameters and {10**(1 - a):.2f}× "
                               "the tokens"))


def _iso_flop_background(axes) -> None:
    ax = axes[0]
    for C in (1e20, 1e22, 1e24, 1e26):
        ax.plot(_N, C / (6 * _N), color=PALETTE["grey"], lw=0.8, ls=":",
                label="iso-FLOP lines $C = 6ND$ (FLOPs)" if C == 1e20 else None)
        if C > 1e25:
            continue
        x = 1.5e8 if C < 1e23 else 3e11
        ax.annotate(f"C = $10^{{{int(np.log10(C))}}}$", (x, 1.3 * C / (6 * x)),
                    color=PALETTE["grey"])


@register("chinchilla/iso-loss")
def iso_loss_explorer() -> Explorer:
    """Iso-loss lines of L(N, D) and the compute-optimal frontier, as alpha and beta move.

    Where an iso-loss line touches an iso-FLOP line (dotted) is the cheapest way to
    reach that loss; the frontier joins those points. Its slope on these axes is
    b / a = alpha / beta.
    """
    colors = ("sky", "blue", "purple", "black")
    lines = [LineSpec(f"level{i}", f"L − E = {lvl:g} nats", color=colors[i], width=1.5)
             for i, lvl in enumerate(_LEVELS)]
    lines.append(LineSpec("frontier", "compute-optimal N, D", color="vermillion",
                          style="--", width=2.5))
    return Explorer(
        name="chinchilla/iso-loss",
        title="Iso-loss lines and the compute-optimal frontier",
        alt=("Log-log plane of parameters N (x) against tokens D (y). Four curved "
             "iso-loss lines, dotted straight iso-FLOP lines of slope -1, and a dashed "
             "straight frontier through the points where each iso-FLOP line touches "
             "the lowest iso-loss line; its slope is alpha over beta."),
        function=_iso_loss_frame,
        sliders=[Slider("alpha", "α (parameters)", _EXPONENTS,
                        default=published.HOFFMANN.alpha),
                 Slider("beta", "β (tokens)", _EXPONENTS, default=published.HOFFMANN.beta)],
        panels=[Panel(xlabel="parameters N", ylabel="training tokens D",
                      xlim=(1e8, 1e13), ylim=(1e9, 1e14))],
        lines=lines,
        background=_iso_flop_background,
        height=3.8,
    )


_BUDGETS = tuple(float(10.0**k) for k in np.arange(18, 26.5, 0.5))
_N_BUDGET = np.logspace(7, 14, 90)
_LAW_COLORS = {"hoffmann": "blue", "hoffmann-unrounded": "orange", "epoch": "green"}


def _budget_frame(C: float) -> Frame:
    curves, parts = {}, []
    for name in LAWS:
        curves[name] = (_N_BUDGET, isoflop_loss(C, _N_BUDGET, name))
        opt = compute_optimal(C, name)
        curves[f"{name}-min"] = (np.array([opt.N]), np.array([opt.loss]))
        parts.append(f"{LAWS[name].label}: N = {opt.N:.2g}, "
                     f"D/N = {opt.tokens_per_param:.0f}")
    return Frame(curves, note=f"C = {C:.0e} FLOPs. " + "; ".join(parts))


@register("chinchilla/budget")
def budget_explorer() -> Explorer:
    """The iso-FLOP curve L(N, C/6N) of one budget under the three parameter sets.

    Each curve is a valley in N: too small a model is capacity-bound, too large a model
    sees too few tokens. The dots mark the closed-form minima.
    """
    lines = []
    for name, color in _LAW_COLORS.items():
        lines.append(LineSpec(name, LAWS[name].source.split(",")[0] + f" ({name})",
                              color=color, style="-" if name != "epoch" else "--"))
        lines.append(LineSpec(f"{name}-min", "", color=color, kind="points", width=7))
    return Explorer(
        name="chinchilla/budget",
        title="One budget, its iso-FLOP curve and the compute-optimal size",
        alt=("Loss against parameters N at a fixed FLOP budget, for Eq. 10 as printed, "
             "unrounded, and Epoch's refit: three U-shaped curves with a dot at each "
             "minimum; the dots move right as the budget grows."),
        function=_budget_frame,
        sliders=[Slider("C", "budget C (FLOPs)", _BUDGETS, default=1e22, fmt="{:.0e}")],
        panels=[Panel(xlabel="parameters N", ylabel="loss L (nats per token)",
                      xlim=(1e7, 1e14), ylim=(1.8, 4.0), yscale="linear")],
        lines=lines,
    )


def _tpp_frame(alpha: float, beta: float) -> Frame:
    law = pinned_law(alpha, beta)
    opt = compute_optimal(_C_TPP, law)
    a, b = allocation_exponents(law)
    return Frame({"moving": (_C_TPP, opt.tokens_per_param)},
                 note=(f"D/N ∝ C^(b−a) = C^{b - a:.3f}; at 5.76e23 FLOPs: "
                       f"{compute_optimal(5.76e23, law).tokens_per_param:.0f} tokens "
                       "per parameter"))


def _tpp_background(axes) -> None:
    ax = axes[0]
    for name, color in _LAW_COLORS.items():
        opt = compute_optimal(_C_TPP, name)
        ax.plot(_C_TPP, opt.tokens_per_param, color=PALETTE[color], lw=1.2, ls=":",
                label=f"{name} (published)")
    ax.axhline(20, color=PALETTE["grey"], lw=1, ls="-.", label="20 tokens per parameter")
    chinchilla = published.MODELS["Chinchilla"]
    ax.plot([6 * chinchilla.params * chinchilla.tokens],
            [chinchilla.tokens / chinchilla.params], "s", color=PALETTE["black"],
            label="Chinchilla (70B, 1.4T)")


@register("chinchilla/tokens-per-param")
def tokens_per_param_explorer() -> Explorer:
    """Compute-optimal tokens per parameter against the budget, as alpha and beta move.

    D/N grows as C^(b - a) = C^((alpha - beta)/(alpha + beta)): flat only when
    alpha = beta, which is why "20 tokens per parameter" is a statement about one
    range of budgets and one fit, not a constant of nature.
    """
    return Explorer(
        name="chinchilla/tokens-per-param",
        title="Tokens per parameter along the compute-optimal frontier",
        alt=("Tokens per parameter (y, log) against training FLOPs (x, log): a moving "
             "straight line whose slope is (alpha - beta)/(alpha + beta), the three "
             "published laws as dotted lines, a horizontal line at 20 and a square "
             "for Chinchilla."),
        function=_tpp_frame,
        sliders=[Slider("alpha", "α (parameters)", _EXPONENTS,
                        default=published.HOFFMANN.alpha),
                 Slider("beta", "β (tokens)", _EXPONENTS, default=published.HOFFMANN.beta)],
        panels=[Panel(xlabel="training compute C (FLOPs)",
                      ylabel="tokens per parameter D/N", xlim=(1e18, 1e27),
                      ylim=(1, 1e4))],
        lines=[LineSpec("moving", "α, β from the sliders", color="vermillion")],
        background=_tpp_background,
    )
