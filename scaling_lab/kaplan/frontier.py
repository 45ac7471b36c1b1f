r"""Kaplan et al. 2020, Sec. 6: the compute-efficient frontier and where it must end.

Design: the allocation of Table 6, the data used along the frontier (Eq. 6.7) and the
crossing point of Sec. 6.3, computed in closed form from the printed exponents by
:func:`crossing_point`; the paper's own estimate (Eq. 6.8) is kept in
:mod:`scaling_lab.published` and the chapter puts the two side by side. Because the two
lines that cross are nearly parallel, the crossing is very sensitive to every input:
:func:`crossing_sensitivity` gives the derivative of its logarithm with respect to each,
in closed form, and :func:`alpha_C_min_for_crossing` inverts it for the compute
exponent. Two functions read Eq. 1.5 at a point: :func:`limiting_term` and
:func:`local_exponents` say which term holds the loss up and what one more per cent of
parameters or tokens buys there, and :func:`joint_law_split` minimises it at a fixed
:math:`C = 6ND`.

Examples
--------
>>> from scaling_lab import kaplan
>>> round(kaplan.crossing_point().C_min, -3)
106000.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, as_array, check_number
from ..published import KAPLAN, KaplanConstants
from .laws import _constants

__all__ = ["Allocation", "compute_efficient_allocation", "frontier_tokens", "Crossing",
           "crossing_point", "CrossingSensitivity", "crossing_sensitivity",
           "alpha_C_min_for_crossing", "limiting_term", "local_exponents",
           "joint_law_split"]


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


def _crossing_inputs(D_coefficient, D_exponent, alpha_C_min, k):
    coef = check_number("D_coefficient",
                        k.frontier_D_coefficient if D_coefficient is None else D_coefficient,
                        positive=True)
    p = check_number("D_exponent",
                     k.frontier_D_exponent if D_exponent is None else D_exponent)
    a_c = check_number("alpha_C_min", k.alpha_C_min if alpha_C_min is None else alpha_C_min,
                       positive=True)
    return coef, p, a_c


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
    coef, p, a_c = _crossing_inputs(D_coefficient, D_exponent, alpha_C_min, k)
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


@dataclass(frozen=True)
class CrossingSensitivity:
    r"""How the crossing :math:`C^*` of :func:`crossing_point` moves with each input.

    Each field is a derivative of :math:`\ln C^*`: with respect to the exponent itself
    for ``alpha_C_min``, ``alpha_D`` and ``D_exponent`` (so a change of 0.001 in the
    exponent multiplies :math:`C^*` by about :math:`e^{0.001\,\cdot\,\text{value}}`),
    and with respect to the logarithm of the scale for ``C_c_min``, ``D_c`` and
    ``D_coefficient`` (so a factor :math:`f` multiplies :math:`C^*` by about
    :math:`f^{\text{value}}`; for these three the power is exact).

    Examples
    --------
    >>> s = crossing_sensitivity()
    >>> round(s.alpha_C_min), round(s.D_coefficient, 2)
    (315, 3.75)
    """

    alpha_C_min: float
    alpha_D: float
    D_exponent: float
    C_c_min: float
    D_c: float
    D_coefficient: float


def crossing_sensitivity(*, D_coefficient: float | None = None,
                         D_exponent: float | None = None,
                         alpha_C_min: float | None = None,
                         constants: KaplanConstants = KAPLAN) -> CrossingSensitivity:
    r"""The derivatives of :math:`\ln C^*` (Sec. 6.3) with respect to every input.

    With :math:`a = \alpha_C^{min}`, :math:`p` and :math:`k` the exponent and coefficient
    of Eq. 6.7, and :math:`g = a - p\,\alpha_D` the difference of the two slopes,
    :math:`\ln C^* = (a \ln C_c - \alpha_D \ln(D_c/k))/g` (:func:`crossing_point`), so

    .. math::

        \frac{\partial \ln C^*}{\partial a} = \frac{\ln C_c - \ln C^*}{g},\quad
        \frac{\partial \ln C^*}{\partial p} = \frac{\alpha_D \ln C^*}{g},\quad
        \frac{\partial \ln C^*}{\partial \alpha_D} = \frac{p \ln C^* - \ln(D_c/k)}{g},

    and :math:`a/g`, :math:`-\alpha_D/g`, :math:`\alpha_D/g` for :math:`\ln C_c`,
    :math:`\ln D_c` and :math:`\ln k`. Every one is divided by the small :math:`g`: the
    lines are nearly parallel, so every input moves the crossing far.

    Parameters
    ----------
    D_coefficient, D_exponent, alpha_C_min : float, optional
        As in :func:`crossing_point`.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    CrossingSensitivity

    Examples
    --------
    >>> s = crossing_sensitivity()
    >>> round(s.alpha_D), round(s.D_exponent), round(s.C_c_min, 2), round(s.D_c, 2)
    (-166, 43, 1.98, -3.75)
    """
    k = _constants(constants)
    coef, p, a_c = _crossing_inputs(D_coefficient, D_exponent, alpha_C_min, k)
    c = crossing_point(D_coefficient=coef, D_exponent=p, alpha_C_min=a_c, constants=k)
    gap = a_c - p * k.alpha_D
    log_c = np.log(c.C_min)
    return CrossingSensitivity(
        alpha_C_min=float((np.log(k.C_c_min) - log_c) / gap),
        alpha_D=float((p * log_c - np.log(k.D_c / coef)) / gap),
        D_exponent=float(k.alpha_D * log_c / gap),
        C_c_min=float(a_c / gap),
        D_c=float(-k.alpha_D / gap),
        D_coefficient=float(k.alpha_D / gap),
    )


def alpha_C_min_for_crossing(C_min, *, D_coefficient: float | None = None,
                             D_exponent: float | None = None,
                             constants: KaplanConstants = KAPLAN) -> float:
    r"""The compute exponent :math:`\alpha_C^{min}` that would put the crossing at
    ``C_min`` PF-days, everything else fixed.

    Solving :func:`crossing_point`'s formula for :math:`a` at :math:`\ln C^* = \ell`:
    :math:`a = \alpha_D(\ln(D_c/k) - p\,\ell)/(\ln C_c - \ell)`.

    Parameters
    ----------
    C_min : float
        The wanted crossing in PF-days, > 0 and below ``C_c_min``.
    D_coefficient, D_exponent : float, optional
        As in :func:`crossing_point`.
    constants : KaplanConstants, default ``published.KAPLAN``

    Raises
    ------
    ScalingLabError
        If ``C_min`` is not below ``C_c_min`` (no positive exponent puts it there).

    Examples
    --------
    >>> c13 = 13 * crossing_point().C_min
    >>> round(alpha_C_min_for_crossing(c13), 4)
    0.062
    """
    k = _constants(constants)
    coef, p, _ = _crossing_inputs(D_coefficient, D_exponent, None, k)
    C_min = check_number("C_min", C_min, positive=True)
    if C_min >= k.C_c_min:
        raise ScalingLabError(
            f"'C_min' must be below C_c_min = {k.C_c_min:g} PF-days, where Eq. 1.3 "
            f"reaches 1 nat (got C_min={C_min!r})"
        )
    ell = np.log(C_min)
    return float(k.alpha_D * (np.log(k.D_c / coef) - p * ell) / (np.log(k.C_c_min) - ell))


def local_exponents(N, D, *, constants: KaplanConstants = KAPLAN
                    ) -> tuple[np.ndarray, np.ndarray]:
    r"""The local exponents of Eq. 1.5: :math:`-\partial\ln L/\partial\ln N` and
    :math:`-\partial\ln L/\partial\ln D`.

    With :math:`x = (N_c/N)^{\alpha_N/\alpha_D}`, :math:`y = D_c/D` and the parameter
    term's share :math:`s = x/(x+y)` (:func:`limiting_term`), differentiating
    :math:`\ln L = \alpha_D \ln(x + y)` gives :math:`\alpha_N s` and
    :math:`\alpha_D (1 - s)`. They say what one more per cent of parameters, or of
    tokens, buys at this point: the single-variable exponents are their limits, reached
    only where one term is negligible.

    Parameters
    ----------
    N : array_like
        Non-embedding parameters, > 0.
    D : array_like
        Tokens, > 0, broadcast against ``N``.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The exponent in N and the exponent in D, each >= 0.

    Examples
    --------
    >>> e_N, e_D = local_exponents(1e9, [1e9, 1e14])
    >>> e_N.round(4), e_D.round(4)
    (array([0.0109, 0.076 ]), array([0.0814, 0.    ]))
    """
    k = _constants(constants)
    share = limiting_term(N, D, constants=k)
    return k.alpha_N * share, k.alpha_D * (1 - share)


def joint_law_split(C, *, constants: KaplanConstants = KAPLAN
                    ) -> tuple[np.ndarray, np.ndarray]:
    r"""The split of ``C = 6ND`` FLOPs that minimises Eq. 1.5.

    Along :math:`D = C/(6N)` the bracket of Eq. 1.5 is :math:`N_c^{r} N^{-r} +
    6 D_c N / C` with :math:`r = \alpha_N/\alpha_D`; setting its derivative to zero gives

    .. math::

        N^{1+r} = \frac{r\, N_c^{r}\, C}{6 D_c},

    where the data term is :math:`r` times the parameter term. This reads Eq. 1.5 as the
    loss of one early-stopped run on ``D`` tokens; it is not Kaplan et al.'s
    compute-efficient frontier (Table 6), which comes from the learning curves of
    Eq. 1.6 and counts :math:`C_{min}` in PF-days.

    Parameters
    ----------
    C : array_like
        Training FLOPs, > 0.
    constants : KaplanConstants, default ``published.KAPLAN``

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Non-embedding parameters and tokens.

    Examples
    --------
    >>> N, D = joint_law_split(6e23)
    >>> f"{N[0]:.3g} parameters, {D[0]:.3g} tokens"
    '1.96e+11 parameters, 5.1e+11 tokens'
    """
    k = _constants(constants)
    C = as_array("C", C, positive=True)
    r = k.alpha_N / k.alpha_D
    log_N = (np.log(r) + r * np.log(k.N_c) + np.log(C) - np.log(6 * k.D_c)) / (1 + r)
    N = np.exp(log_N)
    return N, C / (6 * N)
