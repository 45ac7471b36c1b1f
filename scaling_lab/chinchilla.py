"""Compute-optimal training (Hoffmann et al. 2022): the law and its closed-form allocation.

Design choices:

* **Closed form first.** Under C = 6ND the loss E + A/N^alpha + B/D^beta is minimised
  at N_opt = G (C/6)^a and D_opt = (C/6)^b / G, with a = beta/(alpha+beta),
  b = alpha/(alpha+beta) and G = (alpha A / (beta B))^(1/(alpha+beta)). No numerical
  search is needed, so :func:`compute_optimal` is exact and vectorised; the tests check
  it against a numerical minimum of the iso-FLOP curve.
* **One parameter set, three names.** A law is given by name (``'hoffmann'``,
  ``'hoffmann-unrounded'``, ``'epoch'``) or as any object with E, A, B, alpha and beta
  (a :class:`~scaling_lab.published.ChinchillaParams` or a fit), so published and
  fitted laws go through the same functions.
* **Laws here, fits elsewhere.** This module holds the law and its closed forms only.
  Approaches 1 and 2 (envelopes and isoFLOP profiles of runs) live in
  :mod:`scaling_lab.isoflop`, the Approach 3 fitter in :mod:`scaling_lab.chinchilla_fit`,
  and the commands ``fit chinchilla`` and ``optimal`` in :mod:`scaling_lab.cli`.

Examples
--------
>>> from scaling_lab.chinchilla import compute_optimal, allocation_exponents
>>> round(allocation_exponents("hoffmann")[0], 4)
0.4516
>>> opt = compute_optimal(5.76e23, "hoffmann")
>>> round(opt.N / 1e9), round(opt.tokens_per_param)
(32, 93)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import published
from ._validate import (
    ScalingLabError,
    as_array,
    check_choice,
    check_number,
)
from .laws import chinchilla_loss

__all__ = [
    "LAWS",
    "law_params",
    "allocation_exponents",
    "allocation_coefficient",
    "Allocation",
    "compute_optimal",
    "isoflop_loss",
]

#: The published parameter sets by their command-line names.
LAWS = published.CHINCHILLA_LAWS


def law_params(law) -> published.ChinchillaParams:
    """Resolve a law given by name, or check an object with E, A, B, alpha, beta.

    >>> law_params("epoch").B
    2085.43
    """
    if isinstance(law, str):
        check_choice("law", law, tuple(LAWS))
        return LAWS[law]
    try:
        values = {k: getattr(law, k) for k in ("E", "A", "B", "alpha", "beta")}
    except AttributeError:
        raise ScalingLabError(
            f"'law' must be one of {', '.join(map(repr, LAWS))} or have E, A, B, alpha "
            f"and beta (got {type(law).__name__})"
        ) from None
    for key, value in values.items():
        check_number(key, value, nonnegative=key == "E", positive=key != "E")
    if isinstance(law, published.ChinchillaParams):
        return law
    return published.ChinchillaParams(**values, name=getattr(law, "name", "custom"),
                                      source="given")


def _loss(N, D, law) -> np.ndarray:
    """:func:`scaling_lab.laws.chinchilla_loss` with the law given by name or object."""
    return chinchilla_loss(N, D, law_params(law))


def allocation_exponents(law="hoffmann") -> tuple[float, float]:
    """The allocation exponents (a, b) of N_opt ∝ C^a, D_opt ∝ C^b.

    a = beta / (alpha + beta) and b = alpha / (alpha + beta), so a + b = 1.

    >>> [round(allocation_exponents(k)[0], 4) for k in ("hoffmann", "hoffmann-unrounded")]
    [0.4516, 0.4565]
    """
    p = law_params(law)
    return p.beta / (p.alpha + p.beta), p.alpha / (p.alpha + p.beta)


def allocation_coefficient(law="hoffmann") -> float:
    """G = (alpha A / (beta B))^(1 / (alpha + beta)), so N_opt = G (C/6)^a.

    >>> round(allocation_coefficient("hoffmann"), 4)
    1.3447
    """
    p = law_params(law)
    return float((p.alpha * p.A / (p.beta * p.B)) ** (1 / (p.alpha + p.beta)))


@dataclass(frozen=True)
class Allocation:
    """The compute-optimal split of a budget (see :func:`compute_optimal`).

    Attributes are floats for a scalar budget, arrays otherwise: ``C`` (FLOPs), ``N``
    (parameters), ``D`` (tokens), ``tokens_per_param`` (D / N) and ``loss`` (nats).

    >>> opt = compute_optimal(5.76e23, "epoch")
    >>> round(opt.N / 1e9), round(opt.tokens_per_param)
    (72, 18)
    """

    C: float | np.ndarray
    N: float | np.ndarray
    D: float | np.ndarray
    tokens_per_param: float | np.ndarray
    loss: float | np.ndarray
    law: str

    def as_dict(self) -> dict:
        """The command line's JSON object (scalar budgets).

        >>> sorted(compute_optimal(1e21).as_dict())
        ['D', 'N', 'flops', 'law', 'loss', 'tokens_per_param']
        """
        return {"N": float(self.N), "D": float(self.D),
                "tokens_per_param": float(self.tokens_per_param),
                "loss": float(self.loss), "flops": float(self.C), "law": self.law}


def compute_optimal(C, law="hoffmann") -> Allocation:
    r"""The compute-optimal N and D for a budget of C FLOPs, in closed form.

    Parameters
    ----------
    C : float or array_like
        Training compute in FLOPs (> 0), with C = 6ND.
    law : str or parameter set, default 'hoffmann'
        See :func:`law_params`.

    Returns
    -------
    Allocation
        Floats for a scalar ``C``, arrays for an array.

    Notes
    -----
    Setting the derivative of :math:`L(N, C/(6N))` to zero gives
    :math:`\alpha A N^{-\alpha} = \beta B D^{-\beta}`, whose solution with
    :math:`ND = C/6` is :math:`N_\mathrm{opt} = G (C/6)^{a}`,
    :math:`D_\mathrm{opt} = G^{-1} (C/6)^{b}` (Hoffmann et al. 2022, Eq. 4 and App. D.2).

    Examples
    --------
    >>> opt = compute_optimal([1e21, 1e23, 5.76e23])
    >>> opt.tokens_per_param.round()
    array([50., 78., 93.])
    >>> bool(np.allclose(6 * opt.N * opt.D, [1e21, 1e23, 5.76e23]))
    True
    """
    p = law_params(law)
    scalar = np.ndim(C) == 0
    C_arr = as_array("C", C, positive=True)
    a, b = allocation_exponents(p)
    G = allocation_coefficient(p)
    N = G * (C_arr / 6) ** a
    D = (C_arr / 6) ** b / G
    loss = p.E + p.A / N**p.alpha + p.B / D**p.beta
    values = [C_arr, N, D, D / N, loss]
    if scalar:
        values = [float(v[0]) for v in values]
    return Allocation(*values, law=p.name)


def isoflop_loss(C: float, N, law="hoffmann") -> np.ndarray:
    """The loss along the iso-FLOP curve of budget C: L(N, C / (6N)).

    >>> N = compute_optimal(1e21).N
    >>> bool(isoflop_loss(1e21, N) <= isoflop_loss(1e21, [N / 2, 2 * N]).min())
    True
    """
    C = check_number("C", C, positive=True)
    N = as_array("N", N, positive=True)
    return _loss(N, C / (6 * N), law)
