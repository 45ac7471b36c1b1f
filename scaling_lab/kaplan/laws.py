r"""Kaplan et al. 2020: the laws L(N), L(D), L(C_min), L(N, D), L(N, S) and their kin.

Design: each equation of the paper is one small vectorised function named after what it
computes, with the paper's constants as defaults read from
:data:`scaling_lab.published.KAPLAN` (never typed here), so that a reader can pass other
constants and watch a result move. Units are the paper's own: N counts *non-embedding*
parameters, D tokens, compute is in PF-days (1 PF-day = 8.64e19 FLOPs) and loss is in
nats per token on WebText2. Conversions to and from FLOPs, the unit of the
Chinchilla chapter, are in :mod:`scaling_lab.units`.

Two functions implement the *misreadings* of Eq. 1.5 found in popular write-ups (a
product and a sum of two power laws). They exist so that the book can draw them beside
the real law; their names say what they are.

The compute-efficient frontier and the crossing point of Sec. 6.3 are in
:mod:`scaling_lab.kaplan.frontier`.

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
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, as_array, broadcast, check_number
from ..published import KAPLAN, KaplanConstants

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
    "factor_for_loss_ratio",
]


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


def factor_for_loss_ratio(ratio, *, alpha) -> np.ndarray:
    r"""How many times more of a resource multiply a power-law term :math:`(X_c/X)^
    {\alpha}` by ``ratio``: :math:`\mathrm{ratio}^{-1/\alpha}`.

    For Eq. 1.1, which has no irreducible term, the term is the whole loss; for a law
    with an irreducible term (Hoffmann et al.'s Eq. 10) it is only the reducible part,
    and the total loss cannot fall below that term's floor.

    Parameters
    ----------
    ratio : array_like
        The wanted factor on the term, in (0, 1) for an improvement.
    alpha : float
        The exponent, > 0.

    Examples
    --------
    >>> factor_for_loss_ratio(0.5, alpha=0.076).round(-2)
    array([9100.])
    >>> factor_for_loss_ratio(0.5, alpha=0.34).round(2)
    array([7.68])
    """
    ratio = as_array("ratio", ratio, positive=True)
    alpha = check_number("alpha", alpha, positive=True)
    return np.exp(-np.log(ratio) / alpha)
