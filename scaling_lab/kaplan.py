r"""Kaplan et al. 2020: the first neural scaling laws for language models, as functions.

Design: each equation of the paper is one small vectorised function named after what it
computes, with the paper's constants as defaults read from
:data:`scaling_lab.published.KAPLAN` (never typed here), so that a reader can pass other
constants and watch a result move. Units are the paper's own: N counts *non-embedding*
parameters, D tokens, compute is in PF-days (1 PF-day = 8.64e19 FLOPs) and loss is in
nats per token on WebText2. Two helpers convert to and from FLOPs, the unit of the
Chinchilla chapter.

Two functions implement the *misreadings* of Eq. 1.5 found in popular write-ups (a
product and a sum of two power laws). They exist so that the book can draw them beside
the real law; their names say what they are.

The crossing point of Sec. 6.3 is computed in closed form from the printed exponents by
:func:`crossing_point`; the paper's own estimate (Eq. 6.8) is kept in ``published`` and
the chapter puts the two side by side.

References
----------
.. [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361
   (2020).

Examples
--------
>>> from scaling_lab import kaplan
>>> float(kaplan.loss_N(1e9).round(3)[0])
2.377
>>> float(kaplan.loss_ND(1e9, 1e10).round(3)[0])
2.484
>>> round(kaplan.crossing_point().C_min, -3)
106000.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import ScalingLabError, as_array, broadcast, check_number
from .published import FLOPS_PER_PARAM_PER_TOKEN, KAPLAN, PF_DAY, KaplanConstants

__all__ = [
    "loss_N",
    "loss_D",
    "loss_C_min",
    "loss_ND",
    "loss_NS",
    "loss_product_form",
    "loss_sum_form",
    "critical_batch_size",
    "tokens_to_avoid_overfitting",
    "training_flops",
    "flops_to_pf_days",
    "pf_days_to_flops",
    "Allocation",
    "compute_efficient_allocation",
    "frontier_tokens",
    "Crossing",
    "crossing_point",
    "limiting_term",
    "format_scientific",
]

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _constants(constants) -> KaplanConstants:
    if not isinstance(constants, KaplanConstants):
        raise ScalingLabError(
            f"'constants' must be a KaplanConstants (got {type(constants).__name__}); "
            "use scaling_lab.published.KAPLAN or dataclasses.replace(KAPLAN, ...)"
        )
    return constants


def loss_N(N, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Loss limited by model size: :math:`L(N) = (N_c/N)^{\alpha_N}` (Eq. 1.1).

    For models trained to convergence on enough data.

    Parameters
    ----------
    N : array_like
        Non-embedding parameters, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``alpha_N`` and ``N_c``.

    Returns
    -------
    numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> loss_N([1e8, 1e9]).round(3)
    array([2.83 , 2.377])
    """
    k = _constants(constants)
    N = as_array("N", N, positive=True)
    return np.exp(k.alpha_N * (np.log(k.N_c) - np.log(N)))


def loss_D(D, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Loss limited by data: :math:`L(D) = (D_c/D)^{\alpha_D}` (Eq. 1.2).

    For large models trained with early stopping on ``D`` tokens.

    Parameters
    ----------
    D : array_like
        Tokens, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``alpha_D`` and ``D_c``.

    Returns
    -------
    numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> loss_D([1e9, 1e10]).round(3)
    array([2.816, 2.262])
    """
    k = _constants(constants)
    D = as_array("D", D, positive=True)
    return np.exp(k.alpha_D * (np.log(k.D_c) - np.log(D)))


def loss_C_min(C_min, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Loss on the compute-efficient frontier: :math:`(C_c^{min}/C_{min})^{\alpha_C^{min}}`
    (Eq. 1.3).

    Parameters
    ----------
    C_min : array_like
        Compute in PF-days, > 0 (use :func:`flops_to_pf_days` for FLOPs).
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``alpha_C_min`` and ``C_c_min``.

    Returns
    -------
    numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> loss_C_min([1.0, 1e4]).round(3)
    array([2.658, 1.677])
    """
    k = _constants(constants)
    C_min = as_array("C_min", C_min, positive=True)
    return np.exp(k.alpha_C_min * (np.log(k.C_c_min) - np.log(C_min)))


def loss_ND(N, D, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""The joint law :math:`L(N, D) = [(N_c/N)^{\alpha_N/\alpha_D} + D_c/D]^{\alpha_D}`
    (Eq. 1.5).

    The two terms add *inside* the bracket, which is raised to the small power
    :math:`\alpha_D`: when one term dominates, the law reduces to Eq. 1.1 (D large) or
    Eq. 1.2 (N large); when both are equal the loss is only :math:`2^{\alpha_D}` times
    either single-variable law, not twice it.

    Parameters
    ----------
    N : array_like
        Non-embedding parameters, > 0.
    D : array_like
        Tokens, > 0. One-dimensional (or a scalar), broadcast against ``N``.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    numpy.ndarray
        Loss in nats per token, with the broadcast shape of ``N`` and ``D``.

    See Also
    --------
    loss_product_form, loss_sum_form : two common misreadings of this law.

    Examples
    --------
    >>> loss_ND(1e9, [1e9, 1e10, 1e14]).round(3)
    array([2.857, 2.484, 2.376])
    >>> bool(np.isclose(loss_ND(1e9, 1e30)[0], loss_N(1e9)[0]))
    True
    """
    k = _constants(constants)
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    N, D = broadcast(N=N, D=D)
    parameter_term = np.exp(k.alpha_N / k.alpha_D * (np.log(k.N_c) - np.log(N)))
    data_term = k.D_c / D
    return np.exp(k.alpha_D * np.log(parameter_term + data_term))


def loss_NS(N, S_min, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Loss after ``S_min`` steps with unlimited data:
    :math:`L(N, S) = (N_c/N)^{\alpha_N} + (S_c/S_{min})^{\alpha_S}` (Eq. 1.6).

    Parameters
    ----------
    N : array_like
        Non-embedding parameters, > 0.
    S_min : array_like
        Optimiser steps at a batch size far above the critical one, > 0. Broadcast
        against ``N``.
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``alpha_N``, ``N_c``, ``alpha_S`` and ``S_c`` (Table 5).

    Returns
    -------
    numpy.ndarray
        Loss in nats per token.

    Examples
    --------
    >>> loss_NS(1e9, [1e4, 1e5]).round(3)
    array([2.681, 2.429])
    """
    k = _constants(constants)
    N = as_array("N", N, positive=True)
    S_min = as_array("S_min", S_min, positive=True)
    return loss_N(N, constants=k) + np.exp(k.alpha_S * (np.log(k.S_c) - np.log(S_min)))


def loss_product_form(N, D, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""A misreading of Eq. 1.5: the product :math:`(N_c/N)^{\alpha_N}(D_c/D)^{\alpha_D}`.

    Not Kaplan's law. It never reduces to Eq. 1.1 when data is plentiful: it falls
    without limit as D grows at any fixed N. Kept so that the book can draw it.

    Examples
    --------
    >>> float(loss_product_form(1e9, 1e10)[0].round(3))
    5.375
    """
    return loss_N(N, constants=constants) * loss_D(D, constants=constants)


def loss_sum_form(N, D, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""A misreading of Eq. 1.5: the sum :math:`(N_c/N)^{\alpha_N} + (D_c/D)^{\alpha_D}`.

    Not Kaplan's law (it has the shape of Chinchilla's law without E). It has the right
    limits, but where both terms matter it adds two whole losses: at the balance point
    it is twice L(N), where Eq. 1.5 is :math:`2^{\alpha_D} \approx 1.07` times L(N).

    Examples
    --------
    >>> float(loss_sum_form(1e9, 1e10)[0].round(3))
    4.638
    """
    return loss_N(N, constants=constants) + loss_D(D, constants=constants)


def critical_batch_size(L, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""The critical batch size :math:`B_{crit}(L) = B_*/L^{1/\alpha_B}` (Eq. 1.4).

    Parameters
    ----------
    L : array_like
        Loss in nats per token, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``B_star`` (Table 5: 2.1e8 tokens) and ``alpha_B``.

    Returns
    -------
    numpy.ndarray
        Batch size in tokens.

    Examples
    --------
    >>> critical_batch_size([3.0, 2.0]).round(-4)
    array([1120000., 7740000.])
    """
    k = _constants(constants)
    L = as_array("L", L, positive=True)
    return k.B_star * np.exp(-np.log(L) / k.alpha_B)


def tokens_to_avoid_overfitting(N, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Tokens needed to keep overfitting under control: :math:`D \gtrsim 5\times10^3\,
    N^{0.74}` (Eq. 4.4).

    Parameters
    ----------
    N : array_like
        Non-embedding parameters, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``
        Uses ``overfit_coefficient`` and ``overfit_exponent``.

    Returns
    -------
    numpy.ndarray
        Tokens.

    Examples
    --------
    >>> tokens_to_avoid_overfitting([1e9]).round(-8)
    array([2.29e+10])
    """
    k = _constants(constants)
    N = as_array("N", N, positive=True)
    return k.overfit_coefficient * np.exp(k.overfit_exponent * np.log(N))


def training_flops(N, D) -> np.ndarray:
    """Training compute C = 6ND in FLOPs (Sec. 2.1: about 6N FLOPs per training token).

    Examples
    --------
    >>> training_flops(175e9, 300e9)
    array([3.15e+23])
    """
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    return FLOPS_PER_PARAM_PER_TOKEN * N * D


def flops_to_pf_days(C) -> np.ndarray:
    """FLOPs to PF-days (1 PF-day = 1e15 FLOP/s for a day = 8.64e19 FLOPs).

    Examples
    --------
    >>> flops_to_pf_days(3.15e23).round(1)
    array([3645.8])
    """
    return as_array("C", C, positive=True) / PF_DAY


def pf_days_to_flops(C_pf_days) -> np.ndarray:
    """PF-days to FLOPs.

    Examples
    --------
    >>> pf_days_to_flops(1.0)
    array([8.64e+19])
    """
    return as_array("C_pf_days", C_pf_days, positive=True) * PF_DAY


@dataclass(frozen=True)
class Allocation:
    """Kaplan's compute-efficient allocation at a budget ``C_min`` (PF-days), Table 6.

    Attributes are arrays, one entry per budget: ``N`` non-embedding parameters, ``B``
    batch size in tokens, ``S`` steps and ``D`` tokens (one epoch).

    Examples
    --------
    >>> a = compute_efficient_allocation(1.0)
    >>> float(a.N[0]), float(a.D[0])
    (1300000000.0, 20000000000.0)
    """

    C_min: np.ndarray
    N: np.ndarray
    B: np.ndarray
    S: np.ndarray
    D: np.ndarray


def compute_efficient_allocation(C_min, *, constants: KaplanConstants = KAPLAN
                                 ) -> Allocation:
    r"""Model size, batch, steps and data on Kaplan's compute-efficient frontier.

    :math:`N = N_e C^{0.73}`, :math:`B = B_e C^{0.24}`, :math:`S = S_e C^{0.03}`,
    :math:`D = D_e C^{0.27}` with C in PF-days (Sec. 1.2, Eq. 6.1-6.2, Table 6).

    Parameters
    ----------
    C_min : array_like
        Compute in PF-days, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    Allocation

    Examples
    --------
    >>> a = compute_efficient_allocation([1.0, 1e3])
    >>> (a.N / 1e9).round(1)
    array([  1.3, 201.3])
    """
    k = _constants(constants)
    C = as_array("C_min", C_min, positive=True)
    log_c = np.log(C)
    return Allocation(
        C_min=C,
        N=k.N_e * np.exp(k.N_exponent * log_c),
        B=k.B_e * np.exp(k.B_exponent * log_c),
        S=k.S_e * np.exp(k.S_exponent * log_c),
        D=k.D_e * np.exp(k.D_exponent * log_c),
    )


def frontier_tokens(C_min, *, coefficient: float | None = None,
                    exponent: float | None = None,
                    constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""Tokens a compute-efficient run consumes (one epoch at the critical batch size):
    :math:`D(C_{min}) \approx 4\times10^{10}\,C_{min}^{0.26}` (Eq. 6.7).

    Parameters
    ----------
    C_min : array_like
        Compute in PF-days, > 0.
    coefficient, exponent : float, optional
        Override Eq. 6.7's printed values (``frontier_D_coefficient``,
        ``frontier_D_exponent``), for example with Table 6's ``D_e`` and ``D_exponent``.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    numpy.ndarray
        Tokens.

    Examples
    --------
    >>> frontier_tokens([1.0, 1e4]).round(-9)
    array([4.00e+10, 4.38e+11])
    """
    k = _constants(constants)
    C = as_array("C_min", C_min, positive=True)
    coefficient = check_number(
        "coefficient", k.frontier_D_coefficient if coefficient is None else coefficient,
        positive=True)
    exponent = check_number(
        "exponent", k.frontier_D_exponent if exponent is None else exponent)
    return coefficient * np.exp(exponent * np.log(C))


@dataclass(frozen=True)
class Crossing:
    """Where L(D(C_min)) meets L(C_min) (Sec. 6.3): compute in PF-days, non-embedding
    parameters, tokens and loss in nats.

    Examples
    --------
    >>> c = crossing_point()
    >>> round(c.L, 2)
    1.49
    """

    C_min: float
    N: float
    D: float
    L: float


def crossing_point(*, D_coefficient: float | None = None, D_exponent: float | None = None,
                   alpha_C_min: float | None = None,
                   constants: KaplanConstants = KAPLAN) -> Crossing:
    r"""The compute at which the data-limited loss of a compute-efficient run meets
    the compute law (Sec. 6.3; the paper's estimate is Eq. 6.8).

    A compute-efficient run sees :math:`D(C) = k\,C^{p}` tokens (Eq. 6.7), so with
    Eq. 1.2 its loss cannot fall below :math:`L(D(C)) = (D_c/(k C^p))^{\alpha_D}`, a line
    of slope :math:`-p\,\alpha_D`. Eq. 1.3 falls faster, with slope
    :math:`-\alpha_C^{min}`. Setting the two equal gives

    .. math::

        \log C^* = \frac{\alpha_C^{min}\log C_c^{min} - \alpha_D \log(D_c/k)}
                        {\alpha_C^{min} - p\,\alpha_D}.

    Then :math:`L^* = L(C^*)`, :math:`D^* = k\,C^{*p}`, and :math:`N^* = N_e C^{*0.73}`
    (Table 6).

    Parameters
    ----------
    D_coefficient, D_exponent : float, optional
        ``k`` and ``p``; default Eq. 6.7 as printed (4e10 tokens, 0.26).
    alpha_C_min : float, optional
        Default Eq. 1.3's 0.050.
    constants : KaplanConstants, default ``published.KAPLAN``
        Supplies ``C_c_min``, ``alpha_D``, ``D_c``, ``N_e``, ``N_exponent`` and the
        defaults above.

    Returns
    -------
    Crossing

    Raises
    ------
    ScalingLabError
        If ``alpha_C_min <= D_exponent * alpha_D``: the lines then never meet at large
        compute.

    Examples
    --------
    >>> c = crossing_point()
    >>> f"{c.C_min:.2g} PF-days, N* = {c.N:.2g}, D* = {c.D:.2g}, L* = {c.L:.2f}"
    '1.1e+05 PF-days, N* = 6.1e+12, D* = 8.1e+11, L* = 1.49'
    >>> from scaling_lab.published import KAPLAN
    >>> t6 = crossing_point(D_coefficient=KAPLAN.D_e, D_exponent=KAPLAN.D_exponent)
    >>> f"{t6.C_min:.2g} PF-days, L* = {t6.L:.2f}"
    '1.1e+04 PF-days, L* = 1.67'
    """
    k = _constants(constants)
    if D_coefficient is None:
        D_coefficient = k.frontier_D_coefficient
    coef = check_number("D_coefficient", D_coefficient, positive=True)
    p = check_number("D_exponent",
                     k.frontier_D_exponent if D_exponent is None else D_exponent)
    a_c = check_number("alpha_C_min", k.alpha_C_min if alpha_C_min is None else alpha_C_min,
                       positive=True)
    gap = a_c - p * k.alpha_D
    if gap <= 0:
        raise ScalingLabError(
            f"'alpha_C_min' must exceed D_exponent * alpha_D = {p * k.alpha_D:.4g} for the "
            f"lines to cross (got alpha_C_min={a_c!r}); otherwise the data-limited loss "
            "falls at least as fast as the compute law and they never meet"
        )
    log_c = (a_c * np.log(k.C_c_min) - k.alpha_D * np.log(k.D_c / coef)) / gap
    C = float(np.exp(log_c))
    return Crossing(
        C_min=C,
        N=float(k.N_e * np.exp(k.N_exponent * log_c)),
        D=float(coef * np.exp(p * log_c)),
        L=float(np.exp(a_c * (np.log(k.C_c_min) - log_c))),
    )


def limiting_term(N, D, *, constants: KaplanConstants = KAPLAN) -> np.ndarray:
    r"""The share of Eq. 1.5's bracket that comes from the parameter term.

    :math:`x / (x + y)` with :math:`x = (N_c/N)^{\alpha_N/\alpha_D}` and
    :math:`y = D_c/D`: near 1 the model size limits the loss, near 0 the data does, and
    at 0.5 both matter equally.

    Examples
    --------
    >>> limiting_term(1e9, [1e9, 1e12]).round(3)
    array([0.143, 0.994])
    """
    k = _constants(constants)
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    x = np.exp(k.alpha_N / k.alpha_D * (np.log(k.N_c) - np.log(N)))
    return x / (x + k.D_c / D)


def format_scientific(value: float, digits: int = 2) -> str:
    """A number for prose: ``3,600`` below 10^4, else ``1.1 × 10⁵``.

    The book pastes these strings into its text, so that large counts read as a
    person would write them.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int, default 2
        Significant digits.

    Examples
    --------
    >>> format_scientific(106446.04), format_scientific(3645.8), format_scientific(0.0123)
    ('1.1 × 10⁵', '3,600', '0.012')
    >>> format_scientific(8.8e13, 3)
    '8.80 × 10¹³'
    """
    value = check_number("value", value)
    digits = check_number("digits", digits, integer=True, low=1)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent)
    if -3 <= exponent < 4:
        rounded = float(f"{value:.{digits}g}")
        decimals = max(0, digits - 1 - exponent)
        return f"{rounded:,.{decimals}f}"
    return f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPTS)}"
