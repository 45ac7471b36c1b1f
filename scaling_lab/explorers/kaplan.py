"""Explorers of the Kaplan et al. 2020 chapter.

Design: two small explorers, one idea each. ``kaplan/exponents`` moves the two
exponents of Eq. 1.1 and 1.2 (their scales N_c, D_c stay at the paper's values, so each
line pivots about the point where it reaches 1 nat) and shows how the joint law
Eq. 1.5 follows. ``kaplan/limiting-term`` moves N and D and shows which term of Eq. 1.5
holds the loss up. Every curve comes from :mod:`scaling_lab.kaplan`; sliders change
constants through ``dataclasses.replace`` on :data:`scaling_lab.published.KAPLAN`.

Examples
--------
>>> ex = exponents_explorer()
>>> [s.name for s in ex.sliders]
['alpha_N', 'alpha_D']
>>> limiting_term_explorer().frame(N=1e9, D=1e10).note  # doctest: +ELLIPSIS
'N = 1e+09, D = 1e+10: L = 2.48 nats...'
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import kaplan
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..published import KAPLAN

__all__ = ["exponents_explorer", "limiting_term_explorer"]

_SCALE = np.logspace(6, 14, 81)  # parameters or tokens
_JOINT_N = (1e7, 1e9, 1e11)
_LOSS_LIMITS = (1.0, 12.0)


def _loss_ticks(axes, ticks=(1, 1.5, 2, 3, 4, 6, 10)) -> None:
    """Label the loss axis at readable values (a log axis shows only decades)."""
    from matplotlib import ticker

    for ax in axes:
        ax.yaxis.set_major_locator(ticker.FixedLocator(ticks))
        ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())


def _exponents_frame(alpha_N: float, alpha_D: float) -> Frame:
    k = dataclasses.replace(KAPLAN, alpha_N=alpha_N, alpha_D=alpha_D)
    curves = {
        "L_N": (_SCALE, kaplan.loss_N(_SCALE, constants=k)),
        "L_D": (_SCALE, kaplan.loss_D(_SCALE, constants=k)),
        "L_D_right": (_SCALE, kaplan.loss_D(_SCALE, constants=k)),
    }
    for i, N in enumerate(_JOINT_N):
        curves[f"joint{i}"] = (_SCALE, kaplan.loss_ND(N, _SCALE, constants=k))
    ratio = alpha_N / alpha_D
    return Frame(curves, note=(
        f"αN = {alpha_N:g}, αD = {alpha_D:g}: doubling N multiplies L(N) by "
        f"{2 ** -alpha_N:.3f}, doubling D multiplies L(D) by {2 ** -alpha_D:.3f}; "
        f"D should grow as N^{ratio:.2f} to keep up"))


@register("kaplan/exponents")
def exponents_explorer() -> Explorer:
    """Eq. 1.1 and 1.2 with their exponents on sliders, and Eq. 1.5 following them.

    Left: L(N) and L(D) on one axis (parameters or tokens). Right: L(N, D) against D for
    three model sizes; each curve follows L(D) while data is scarce and flattens onto
    its own L(N) once data is plentiful.
    """
    return Explorer(
        name="kaplan/exponents",
        title="Kaplan's exponents: α_N and α_D move the single-variable laws and the "
              "joint law",
        alt=("Two log-log panels. Left: the loss against parameters N (L(N), Eq. 1.1) "
             "and against tokens D (L(D), Eq. 1.2), two straight lines that reach 1 nat "
             "at N_c and D_c. Right: the joint law L(N, D) against tokens for models of "
             "1e7, 1e9 and 1e11 parameters; each curve follows the L(D) line at small D "
             "and flattens to a floor set by N at large D."),
        function=_exponents_frame,
        sliders=[
            Slider("alpha_N", "exponent α_N", (0.04, 0.06, 0.076, 0.1, 0.13, 0.17),
                   default=0.076),
            Slider("alpha_D", "exponent α_D", (0.04, 0.06, 0.095, 0.12, 0.15, 0.2),
                   default=0.095),
        ],
        panels=[
            Panel(xlabel="parameters N or tokens D", ylabel="loss L (nats per token)",
                  xlim=(1e6, 1e14), ylim=_LOSS_LIMITS,
                  title="single-variable laws (Eq. 1.1, 1.2)"),
            Panel(xlabel="tokens D", ylabel="loss L (nats per token)",
                  xlim=(1e6, 1e14), ylim=_LOSS_LIMITS, title="joint law (Eq. 1.5)"),
        ],
        lines=[
            LineSpec("L_N", "L(N)", panel=0, color="blue"),
            LineSpec("L_D", "L(D)", panel=0, color="orange", style="--"),
            LineSpec("L_D_right", "L(D)", panel=1, color="orange", style="--", width=1.2),
            LineSpec("joint0", "N = 1e7", panel=1, color="vermillion"),
            LineSpec("joint1", "N = 1e9", panel=1, color="green"),
            LineSpec("joint2", "N = 1e11", panel=1, color="purple"),
        ],
        background=_loss_ticks,
    )


_N_GRID = tuple(float(v) for v in 10.0 ** np.arange(6.0, 12.01, 0.5))
_D_GRID = tuple(float(v) for v in 10.0 ** np.arange(7.0, 13.01, 0.5))
_N_AXIS = np.logspace(5, 13, 81)
_D_AXIS = np.logspace(6, 14, 81)
_LIMIT_FLOOR = 1.5  # bottom of the loss axis: the chosen N or D is a line rising from it


def _limiting_frame(N: float, D: float) -> Frame:
    loss = float(kaplan.loss_ND(N, D)[0])
    share = float(kaplan.limiting_term(N, D)[0])
    needed = float(kaplan.tokens_to_avoid_overfitting(N)[0])
    if share > 0.8:
        verdict = "the model size limits the loss; more data barely helps"
    elif share < 0.2:
        verdict = "the data limits the loss; a bigger model barely helps"
    else:
        verdict = "both terms matter"
    flat = lambda x, value: np.full_like(x, value)  # noqa: E731
    return Frame(
        {
            "vs_D": (_D_AXIS, kaplan.loss_ND(N, _D_AXIS)),
            "floor_N": (_D_AXIS, flat(_D_AXIS, kaplan.loss_N(N)[0])),
            "at_D": (np.array([D, D]), np.array([_LIMIT_FLOOR, loss])),
            "vs_N": (_N_AXIS, kaplan.loss_ND(_N_AXIS, D)),
            "floor_D": (_N_AXIS, flat(_N_AXIS, kaplan.loss_D(D)[0])),
            "at_N": (np.array([N, N]), np.array([_LIMIT_FLOOR, loss])),
        },
        note=(f"N = {N:.2g}, D = {D:.2g}: L = {loss:.2f} nats; the parameter term is "
              f"{share:.0%} of the bracket: {verdict}. Eq. 4.4 asks for "
              f"D ≳ {needed:.2g} tokens at this N."),
    )


def _limiting_background(axes) -> None:
    from ..plotting import PALETTE

    axes[0].plot(_D_AXIS, kaplan.loss_D(_D_AXIS), color=PALETTE["grey"], ls=":", lw=1.2,
                 label="L(D), Eq. 1.2")
    axes[1].plot(_N_AXIS, kaplan.loss_N(_N_AXIS), color=PALETTE["grey"], ls=":", lw=1.2,
                 label="L(N), Eq. 1.1")
    _loss_ticks(axes, ticks=(1.5, 2, 2.5, 3, 4, 5, 6))


@register("kaplan/limiting-term")
def limiting_term_explorer() -> Explorer:
    """Move N and D: which term of Eq. 1.5 holds the loss up?

    Left: L(N, D) against D at the chosen N, with that model's floor L(N). Right:
    L(N, D) against N at the chosen D, with that dataset's floor L(D). A dotted line
    rises to the curve at the chosen D (left) and N (right).
    """
    return Explorer(
        name="kaplan/limiting-term",
        title="Which term limits the loss? Move N and D",
        alt=("Two log-log panels sharing one point. Left: the loss L(N, D) against "
             "tokens at the chosen model size, approaching that model's floor L(N) "
             "(dashed) as data grows. Right: the loss against parameters at the chosen "
             "number of tokens, approaching the data floor L(D) (dashed) as the model "
             "grows. A dotted vertical line rises to the curve at the chosen D (left) and "
             "the chosen N (right)."),
        function=_limiting_frame,
        sliders=[
            Slider("N", "parameters N", _N_GRID, default=1e9, fmt="{:.2g}"),
            Slider("D", "tokens D", _D_GRID, default=1e10, fmt="{:.2g}"),
        ],
        panels=[
            Panel(xlabel="tokens D", ylabel="loss L (nats per token)", xlim=(1e6, 1e14),
                  ylim=(_LIMIT_FLOOR, 6.0), title="at the chosen N"),
            Panel(xlabel="parameters N (non-embedding)",
                  ylabel="loss L (nats per token)", xlim=(1e5, 1e13),
                  ylim=(_LIMIT_FLOOR, 6.0),
                  title="at the chosen D"),
        ],
        lines=[
            LineSpec("vs_D", "L(N, D), Eq. 1.5", panel=0, color="blue"),
            LineSpec("floor_N", "floor L(N)", panel=0, color="orange", style="--"),
            LineSpec("at_D", "chosen D", panel=0, color="black", style=":", width=1.5),
            LineSpec("vs_N", "L(N, D), Eq. 1.5", panel=1, color="blue"),
            LineSpec("floor_D", "floor L(D)", panel=1, color="orange", style="--"),
            LineSpec("at_N", "chosen N", panel=1, color="black", style=":", width=1.5),
        ],
        background=_limiting_background,
    )
