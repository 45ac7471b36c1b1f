"""Explorers of the Kaplan et al. 2020 chapter.

Design: three small explorers, one idea each. ``kaplan/exponents`` moves the two
exponents of Eq. 1.1 and 1.2 (their scales N_c, D_c stay at the paper's values, so each
line pivots about the point where it reaches 1 nat, and a larger exponent raises the loss
below it) and shows how the joint law Eq. 1.5 follows. ``kaplan/limiting-term`` moves N
and D and shows which term of Eq. 1.5 holds the loss up. ``kaplan/crossing`` moves the
compute exponent of Eq. 1.3 and the coefficient of Eq. 6.7 and shows how far the
crossing point of Sec. 6.3 travels. Every curve comes from :mod:`scaling_lab.kaplan`;
sliders change constants through ``dataclasses.replace`` on
:data:`scaling_lab.published.KAPLAN`.

Every exponent slider has at least 13 positions and includes the published values the
chapter discusses (Table 5's 0.076, 0.095 and 0.050, Table 2's 0.103, Table 3's 0.077,
Eq. 6.4's 0.054, Table 5's naive 0.057). Curves have 61 points: the static page stores
one path per line and slider position, and 61 points draw these smooth curves as well as
81 did.

Examples
--------
>>> ex = exponents_explorer()
>>> [s.name for s in ex.sliders]
['alpha_N', 'alpha_D']
>>> limiting_term_explorer().frame(N=1e9, D=1e10).note  # doctest: +ELLIPSIS
'N = 10⁹, D = 10¹⁰: L = 2.48 nats...'
>>> crossing_explorer().frame().note  # doctest: +ELLIPSIS
'α_C^min = 0.05, k = 4 × 10¹⁰ tokens: C* = 1.1 × 10⁵ PF-days...'
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .. import kaplan
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..published import KAPLAN

__all__ = ["exponents_explorer", "limiting_term_explorer", "crossing_explorer"]

_SCALE = np.logspace(6, 14, 61)  # parameters or tokens
#: Exponent grids: 13 positions each, with every published value the chapter discusses.
ALPHA_N_GRID = (0.04, 0.05, 0.06, 0.07, 0.076, 0.077, 0.08, 0.09, 0.1, 0.11, 0.12, 0.14,
                0.17)
ALPHA_D_GRID = (0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.095, 0.103, 0.11, 0.12, 0.14, 0.17,
                0.2)
ALPHA_C_GRID = (0.04, 0.042, 0.044, 0.046, 0.048, 0.05, 0.051, 0.052, 0.054, 0.056, 0.057,
                0.058, 0.06, 0.062)
#: Coefficients of Eq. 6.7 (tokens at 1 PF-day), in steps of sqrt(2) around 4e10.
K_GRID = (1e10, 1.4e10, 2e10, 2.8e10, 4e10, 5.7e10, 8e10)
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
            Slider("alpha_N", "exponent α_N", ALPHA_N_GRID, default=KAPLAN.alpha_N),
            Slider("alpha_D", "exponent α_D", ALPHA_D_GRID, default=KAPLAN.alpha_D),
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
            LineSpec("joint0", "$N = 10^{7}$", panel=1, color="vermillion"),
            LineSpec("joint1", "$N = 10^{9}$", panel=1, color="green"),
            LineSpec("joint2", "$N = 10^{11}$", panel=1, color="purple"),
        ],
        background=_loss_ticks,
    )


_N_GRID = tuple(float(v) for v in 10.0 ** np.arange(6.0, 12.01, 0.5))
_D_GRID = tuple(float(v) for v in 10.0 ** np.arange(7.0, 13.01, 0.5))
_N_AXIS = np.logspace(5, 13, 61)
_D_AXIS = np.logspace(6, 14, 61)
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


_C_AXIS = np.logspace(-2, 8, 61)  # PF-days
_CROSS_LOSS = (1.0, 4.0)


def _crossing_frame(alpha_C_min: float, D_coefficient: float) -> Frame:
    loss_C = kaplan.loss_C_min(_C_AXIS,
                               constants=dataclasses.replace(KAPLAN, alpha_C_min=alpha_C_min))
    loss_data = kaplan.loss_D(kaplan.frontier_tokens(_C_AXIS, coefficient=D_coefficient))
    c = kaplan.crossing_point(D_coefficient=D_coefficient, alpha_C_min=alpha_C_min)
    printed = kaplan.crossing_point()
    return Frame(
        {
            "L_C": (_C_AXIS, loss_C),
            "L_data": (_C_AXIS, loss_data),
            "star": (np.array([c.C_min]), np.array([c.L])),
        },
        note=(f"α_C^min = {alpha_C_min:g}, k = {D_coefficient:.2g} tokens: "
              f"C* = {c.C_min:.2g} PF-days, L* = {c.L:.2f} nats, "
              f"{c.C_min / printed.C_min:.2f}× the crossing of the printed values"),
    )


def _crossing_background(axes) -> None:
    from ..plotting import PALETTE

    axes[0].plot([KAPLAN.crossing_C_pf_days], [KAPLAN.crossing_L], "*",
                 color=PALETTE["black"], ms=10, label="paper's estimate, Eq. 6.8")
    _loss_ticks(axes, ticks=(1, 1.5, 2, 3, 4))


@register("kaplan/crossing")
def crossing_explorer() -> Explorer:
    """Move the compute exponent of Eq. 1.3 and the coefficient of Eq. 6.7: where do
    L(C_min) and the data-limited loss of a compute-efficient run cross?

    The two lines are nearly parallel, so a small change in either input moves their
    crossing by a large factor (Sec. 6.3; :func:`scaling_lab.kaplan.crossing_sensitivity`).
    """
    return Explorer(
        name="kaplan/crossing",
        title="How far the crossing point moves: α_C^min of Eq. 1.3 and the coefficient "
              "of Eq. 6.7",
        alt=("Log-log plot of the loss against compute in PF-days. A steeper line is the "
             "compute law L(C_min) of Eq. 1.3, a shallower one the data-limited loss of a "
             "compute-efficient run with the tokens of Eq. 6.7; a dot marks where they "
             "cross, and a star the paper's estimate. Moving the compute exponent or the "
             "coefficient slides the dot along the lines by orders of magnitude."),
        function=_crossing_frame,
        sliders=[
            Slider("alpha_C_min", "exponent α_C^min", ALPHA_C_GRID,
                   default=KAPLAN.alpha_C_min),
            Slider("D_coefficient", "Eq. 6.7 coefficient k (tokens)", K_GRID,
                   default=KAPLAN.frontier_D_coefficient, fmt="{:.2g}"),
        ],
        panels=[
            Panel(xlabel=r"compute $C_{\min}$ (PF-days)", ylabel="loss L (nats per token)",
                  xlim=(1e-2, 1e8), ylim=_CROSS_LOSS,
                  title="the crossing of Sec. 6.3"),
        ],
        lines=[
            LineSpec("L_C", r"$L(C_{\min})$, Eq. 1.3", color="blue"),
            LineSpec("L_data", r"$L(D(C_{\min}))$, $D = k\,C_{\min}^{0.26}$ (Eq. 6.7)", color="orange",
                     style="--"),
            LineSpec("star", "crossing $C^{*}$", color="vermillion", width=9, kind="points"),
        ],
        background=_crossing_background,
    )
