"""Approaches 1 and 2 on synthetic runs: teaching versions, where a known law is the point.

Design choices:

* **Small functions on runs.** :func:`envelope_optimum` takes the lower envelope of
  training curves (Approach 1); :func:`isoflop_fit` fits Hoffmann et al.'s parabola of L
  in log N per iso-FLOP slice, keeps its vertex wherever it falls, and fits a power law
  through the vertices (Approach 2 in its simplest form). Both are tested on synthetic
  runs from a known law. For measured runs use
  :func:`scaling_lab.isoflop.fit_isoflop`, which brackets, warns and bootstraps.
* **Synthetic data, labelled.** :func:`synthetic_runs` draws iso-FLOP runs from a known
  law with seeded multiplicative noise; nothing here is measured.

Examples
--------
>>> from scaling_lab.isoflop import isoflop_fit, synthetic_runs
>>> N, D, L = synthetic_runs("hoffmann", noise=0.0)
>>> round(isoflop_fit(N, D, L).a, 2)
0.45
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, as_array, check_number, check_same_length
from ..chinchilla import _loss, compute_optimal
from ..fit import fit_power_law

__all__ = ["synthetic_runs", "IsoFLOPFit", "isoflop_fit", "envelope_optimum"]


def synthetic_runs(law="hoffmann", *, budgets=(1e18, 3e18, 1e19, 3e19, 1e20, 3e20),
                   per_budget: int = 10, span: float = 1.0, noise: float = 0.01,
                   seed: int = 0, sizes=None):
    """Synthetic (not measured) iso-FLOP runs drawn from a known law, with seeded noise.

    For each budget, ``per_budget`` model sizes log-spaced over ``span`` decades on
    either side of the compute-optimal size; D = C / (6N); the loss is the law's
    times ``exp(noise * z)`` with z standard normal.

    Parameters
    ----------
    law : str or parameter set, default 'hoffmann'
    budgets : sequence of float
        FLOP budgets, > 0.
    per_budget : int, default 10
        Runs per budget (at least 3).
    span : float, default 1.0
        Decades of N on either side of N_opt.
    noise : float, default 0.01
        Standard deviation of the multiplicative log-noise (0 for exact values).
    seed : int, default 0
    sizes : array_like, optional
        The same model sizes at every budget, as in a real iso-FLOP sweep, instead of a
        window centred on each budget's optimum (``per_budget`` and ``span`` are then
        ignored).

    Returns
    -------
    (N, D, L) : tuple of numpy.ndarray

    Examples
    --------
    >>> N, D, L = synthetic_runs(noise=0.0)
    >>> N.size, bool(np.allclose(6 * N * D, np.repeat([1e18, 3e18, 1e19, 3e19, 1e20,
    ...                                                  3e20], 10)))
    (60, True)
    """
    budgets = as_array("budgets", budgets, positive=True)
    per_budget = check_number("per_budget", per_budget, integer=True, low=3)
    span = check_number("span", span, positive=True)
    noise = check_number("noise", noise, nonnegative=True)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    rng = np.random.default_rng(seed)
    if sizes is None:
        centre = compute_optimal(budgets, law).N
        offsets = np.logspace(-span, span, per_budget)
        N = (centre[:, None] * offsets[None, :]).ravel()
    else:
        sizes = as_array("sizes", sizes, positive=True, min_size=3)
        per_budget = sizes.size
        N = np.tile(sizes, budgets.size)
    C = np.repeat(budgets, per_budget)
    D = C / (6 * N)
    L = _loss(N, D, law) * np.exp(noise * rng.standard_normal(N.size))
    return N, D, L


@dataclass(frozen=True)
class IsoFLOPFit:
    """Approach 2: one parabola per iso-FLOP slice, then a power law through the minima.

    Attributes
    ----------
    budgets, N_opt, D_opt : numpy.ndarray
        Each slice's budget and the N and D at its parabola's minimum.
    a, b : float
        Exponents of N_opt ∝ C^a and D_opt ∝ C^b (least squares on log-log axes).

    >>> fit = isoflop_fit(*synthetic_runs(noise=0.0, span=0.5))
    >>> fit.budgets.size, round(fit.a + fit.b, 6)
    (6, 1.0)
    """

    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    a: float
    b: float


def isoflop_fit(N, D, L) -> IsoFLOPFit:
    """Hoffmann et al.'s Approach 2 on runs grouped by budget C = 6ND.

    Runs whose C agree to 1% form one slice; each slice with at least 3 runs gets a
    parabola of L in log N, whose vertex is that budget's N_opt.

    Parameters
    ----------
    N, D, L : array_like
        Parameters, tokens and losses of the runs.

    Returns
    -------
    IsoFLOPFit

    Examples
    --------
    >>> fit = isoflop_fit(*synthetic_runs(noise=0.0, span=0.5))
    >>> from scaling_lab.chinchilla import allocation_exponents
    >>> round(fit.a, 3), round(allocation_exponents()[0], 3)
    (0.452, 0.452)
    """
    N = as_array("N", N, positive=True, min_size=6)
    D = as_array("D", D, positive=True, min_size=6)
    L = as_array("L", L, positive=True, min_size=6)
    check_same_length(N=N, D=D, L=L)
    log_C = np.log(6 * N * D)
    order = np.argsort(log_C)
    groups, current = [], [order[0]]
    for i in order[1:]:
        if log_C[i] - log_C[current[0]] < 0.01:
            current.append(i)
        else:
            groups.append(current)
            current = [i]
    groups.append(current)
    budgets, n_opt = [], []
    for group in groups:
        if len(group) < 3:
            continue
        x = np.log(N[group])
        c2, c1, _ = np.polyfit(x, L[group], 2)
        if c2 <= 0:
            continue  # no minimum: the slice is too narrow or too noisy
        budgets.append(float(np.exp(np.mean(log_C[group]))))
        n_opt.append(float(np.exp(-c1 / (2 * c2))))
    if len(budgets) < 3:
        raise ScalingLabError(
            f"only {len(budgets)} iso-FLOP slices have 3 or more runs and a minimum; "
            "Approach 2 needs at least 3 budgets"
        )
    budgets, n_opt = np.array(budgets), np.array(n_opt)
    d_opt = budgets / (6 * n_opt)
    a = fit_power_law(budgets, n_opt).n
    b = fit_power_law(budgets, d_opt).n
    return IsoFLOPFit(budgets, n_opt, d_opt, float(a), float(b))


def envelope_optimum(budgets, sizes, law="hoffmann") -> tuple[np.ndarray, float]:
    """Approach 1: the lower envelope of the training curves of models of given sizes.

    A model of N parameters that has seen D tokens has spent C = 6ND; its training
    curve is L(N, D) as D grows (the law's curve, ignoring the learning-rate schedule).
    For each budget the envelope's lowest curve names N_opt among ``sizes``.

    Parameters
    ----------
    budgets : array_like
        FLOP budgets.
    sizes : array_like
        Model sizes trained (the candidates for N_opt).
    law : str or parameter set, default 'hoffmann'

    Returns
    -------
    (N_opt, a) : (numpy.ndarray, float)
        The best size per budget and the exponent of N_opt ∝ C^a.

    Examples
    --------
    >>> N_opt, a = envelope_optimum(np.logspace(18, 22, 9), np.logspace(7, 11, 400))
    >>> round(a, 2)
    0.45
    """
    budgets = as_array("budgets", budgets, positive=True, min_size=2)
    sizes = as_array("sizes", sizes, positive=True, min_size=2)
    grid_N = np.broadcast_to(sizes[None, :], (budgets.size, sizes.size)).ravel()
    grid_C = np.broadcast_to(budgets[:, None], (budgets.size, sizes.size)).ravel()
    losses = _loss(grid_N, grid_C / (6 * grid_N), law).reshape(budgets.size, sizes.size)
    N_opt = sizes[np.argmin(losses, axis=1)]
    return N_opt, float(fit_power_law(budgets, N_opt).n)
