"""The discrete power-law fit at every candidate x_min at once, in array arithmetic.

The Clauset-Shalizi-Newman method fits a power law above each candidate lower bound
``x_min`` and keeps the one whose Kolmogorov-Smirnov distance is smallest (Clauset et al.
2009, Sec. 3.3). A bootstrap test refits this hundreds of times, so this module does all
candidates in one pass; :mod:`scaling_lab.stats` builds the tests on it.

Design choices:

* **All candidates at once.** Cumulative sums give each tail's size and log-sum; the
  discrete likelihood equation (their Eq. 3.4) is solved by a safeguarded Newton
  iteration for every candidate together; the distances come from one matrix of Hurwitz
  zeta values, an Euler-Maclaurin sum (:func:`hurwitz_zeta`) with one exponential per
  entry. No per-candidate Python loop, no ``powerlaw.Fit``.
* **The same fit as ``powerlaw``.** Candidates, estimator and distance follow
  ``powerlaw.Fit(counts, discrete=True)`` (version 2.0) choice by choice: every distinct
  count but the two largest is a candidate; from ``x_min >= 10`` the closed form of Eq.
  3.7 is kept when it lies in (1.5, 3], otherwise the exact likelihood is maximised;
  exponents at or above 2.99 are not admissible; the distance compares the data's and the
  law's probability of a value strictly below each distinct count of the tail. On the
  course's texts and on Moby Dick it picks ``powerlaw``'s ``x_min``, with exponents and
  distances equal within ``powerlaw``'s optimiser tolerance (``tests/test_gof.py``).
* **The published implementation, as an option.** Clauset's own code (``plfit.m``,
  ``plpva.m``) maximises the likelihood over the grid 1.50, 1.51, ..., 3.50;
  ``alpha_grid=0.01`` does the same.

Examples
--------
>>> from scaling_lab.zipf import sample_discrete_power_law
>>> x = sample_discrete_power_law(2.2, xmin=1, size=3000, seed=3)
>>> scan = scan_xmin(x)
>>> scan.best_xmin, round(scan.best_alpha, 2)
(1, 2.2)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._validate import ScalingLabError, check_number
from .text import validate_counts

__all__ = ["hurwitz_zeta", "XminScan", "scan_xmin", "CLOSED_FORM_XMIN", "ALPHA_LIMIT"]

#: From this x_min on, ``powerlaw`` uses the closed form of Clauset et al. Eq. 3.7.
CLOSED_FORM_XMIN = 10
#: Exponents at or above this are flagged as invalid fits (``powerlaw``'s range [0, 3]
#: with its 0.01 margin).
ALPHA_LIMIT = 2.99
#: Clauset's grid of exponents (plfit.m, plpva.m), used with ``alpha_grid``.
GRID_RANGE = (1.5, 3.5)

# Euler-Maclaurin: sum_{k >= Q} k^-a = Q^(1-a)/(a-1) + Q^-a/2
#   + sum_j B_2j/(2j)! a(a+1)...(a+2j-2) Q^(-a-2j+1), accurate for Q >= 10.
_SHIFT = 10
_EM = tuple(
    (c, tuple(np.poly(-np.arange(2 * j + 1))), 2 * j + 1)
    for j, c in enumerate((1 / 12, -1 / 720, 1 / 30240, -1 / 1209600))
)
# The polynomials a(a+1)...(a+2j-2) and their first two derivatives, highest power first.
_EM = tuple((c, (p, tuple(np.polyder(p)), tuple(np.polyder(p, 2))), s) for c, p, s in _EM)


def _horner(coefficients, a):
    if not coefficients:
        return np.zeros_like(a)
    out = np.zeros_like(a) + coefficients[0]
    for c in coefficients[1:]:
        out = out * a + c
    return out


def _tail_sum(a, Q, derivatives: bool):
    """Euler-Maclaurin sum over k >= Q (Q >= 10) of k^-a and its first two a-derivatives."""
    log_q = np.log(Q)
    t = np.exp(-a * log_q)
    b = a - 1.0
    lead = Q * t / b
    z = lead + 0.5 * t
    if derivatives:
        z1 = -lead * (log_q + 1 / b) - 0.5 * log_q * t
        z2 = lead * (log_q**2 + 2 * log_q / b + 2 / b**2) + 0.5 * log_q**2 * t
    for c, (poly, d1, d2), s in _EM:
        e = c * t * Q ** (-s)
        pa = _horner(poly, a)
        z = z + e * pa
        if derivatives:
            dpa, ddpa = _horner(d1, a), _horner(d2, a)
            z1 = z1 + e * (dpa - log_q * pa)
            z2 = z2 + e * (ddpa - 2 * log_q * dpa + log_q**2 * pa)
    return (z, z1, z2) if derivatives else z


def hurwitz_zeta(a, q, *, derivatives: bool = False):
    r"""The Hurwitz zeta function :math:`\zeta(a, q) = \sum_{k \ge 0} (k + q)^{-a}` for
    whole ``q >= 1`` and ``a > 1``, vectorised, optionally with its derivatives in ``a``.

    Direct terms up to k = 9, then an Euler-Maclaurin sum with four Bernoulli terms
    (relative error below 1e-9 everywhere, about 1e-12 for ``q >= 10``). The derivatives
    :math:`\zeta' = -\sum \ln k\, k^{-a}` and :math:`\zeta'' = \sum \ln^2 k\, k^{-a}` give
    the score and the Fisher information of the discrete power law.

    Returns
    -------
    numpy.ndarray, or a tuple of three (zeta, d/da, d2/da2) with ``derivatives=True``.

    Examples
    --------
    >>> float(hurwitz_zeta(2.0, 1)) == round(math.pi**2 / 6, 12) or abs(
    ...     float(hurwitz_zeta(2.0, 1)) - math.pi**2 / 6) < 1e-12
    True
    """
    a, q = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(q, dtype=float))
    out = _tail_sum(a, np.maximum(q, _SHIFT), derivatives)
    out = [np.array(o, dtype=float, copy=True) for o in (out if derivatives else (out,))]
    small = q < _SHIFT
    if np.any(small):
        a_s, q_s = a[small], q[small]
        for k in range(1, _SHIFT):
            term = np.where(q_s <= k, float(k) ** -a_s, 0.0)
            out[0][small] += term
            if derivatives:
                out[1][small] -= math.log(k) * term
                out[2][small] += math.log(k) ** 2 * term
    return tuple(out) if derivatives else out[0]


def _zeta_matrix(alpha: np.ndarray, values: np.ndarray, log_values: np.ndarray):
    """zeta(alpha_i, v_j) for v_j >= 10: one exponential per entry (the KS matrices)."""
    a = alpha[:, None]
    p2 = a * (a + 1) * (a + 2)
    p3 = p2 * (a + 3) * (a + 4)
    p4 = p3 * (a + 5) * (a + 6)
    t = np.exp(-a * log_values[None, :])
    r = 1.0 / values[None, :]
    r2 = r * r
    inner = a / 12 + r2 * (-p2 / 720 + r2 * (p3 / 30240 - r2 * p4 / 1209600))
    return t * (values[None, :] / (a - 1) + 0.5 + r * inner)


def _solve_mle(xmin: np.ndarray, m: np.ndarray, log_sum: np.ndarray) -> np.ndarray:
    """Exact discrete MLE for every candidate: E_alpha[ln X] = mean ln x (Eq. 3.4)."""
    target = log_sum / m
    a = 1.0 + m / np.maximum(log_sum - m * np.log(xmin - 0.5), 1e-12)
    a = np.clip(a, 1.0 + 1e-6, 6.0)
    low, high = np.full_like(a, 1.0 + 1e-12), np.full_like(a, 60.0)
    for _ in range(80):
        z, z1, z2 = hurwitz_zeta(a, xmin, derivatives=True)
        mean = -z1 / z
        gap = mean - target  # E[ln X] falls as alpha grows
        low = np.where(gap > 0, a, low)
        high = np.where(gap <= 0, a, high)
        newton = a + gap / (z2 / z - mean * mean)
        inside = (newton > low) & (newton < high) & np.isfinite(newton)
        new = np.where(inside, newton, 0.5 * (low + high))
        done = np.all(np.abs(new - a) <= 1e-11 * a)
        a = new
        if done:
            break
    return a


@dataclass(frozen=True)
class XminScan:
    """The power-law fit at every candidate ``x_min`` (see :func:`scan_xmin`).

    Attributes
    ----------
    xmin, alpha, distance, n_tail : numpy.ndarray
        Candidate lower bounds, the exponent fitted above each, its Kolmogorov-Smirnov
        distance and the number of counts in each tail.
    valid : numpy.ndarray of bool
        Whether the candidate is an admissible fit (exponent below 2.99, two or more
        counts in the tail).
    closed_form : numpy.ndarray of bool
        Where the exponent is the closed form of Eq. 3.7 rather than the exact MLE.
    best : int
        Index of the chosen candidate: the smallest distance among the valid ones.
    n : int
        Number of counts scanned.
    alpha_grid : float or None
        The grid step of the exponent, or None for the exact maximum.

    Examples
    --------
    >>> scan = scan_xmin([1, 1, 1, 2, 2, 3, 4, 6, 9, 15, 30, 80])
    >>> scan.best_n_tail <= 12
    True
    """

    xmin: np.ndarray = field(repr=False)
    alpha: np.ndarray = field(repr=False)
    distance: np.ndarray = field(repr=False)
    n_tail: np.ndarray = field(repr=False)
    valid: np.ndarray = field(repr=False)
    closed_form: np.ndarray = field(repr=False)
    best: int
    n: int
    alpha_grid: float | None = None

    @property
    def best_xmin(self) -> int:
        """The chosen lower bound of the tail."""
        return int(self.xmin[self.best])

    @property
    def best_alpha(self) -> float:
        """The exponent fitted above the chosen lower bound."""
        return float(self.alpha[self.best])

    @property
    def best_n_tail(self) -> int:
        """How many counts are at or above the chosen lower bound."""
        return int(self.n_tail[self.best])

    @property
    def ks_distance(self) -> float:
        """The Kolmogorov-Smirnov distance of the chosen fit."""
        return float(self.distance[self.best])

    def at(self, xmin: int) -> dict:
        """The fit at candidate ``xmin``: alpha, KS distance and tail size.

        >>> scan_xmin([1, 1, 2, 3, 5, 8, 13, 21, 34, 55]).at(2)["n_tail"]
        8
        """
        index = np.flatnonzero(self.xmin == xmin)
        if index.size == 0:
            raise ScalingLabError(f"'xmin' must be one of the candidates, the distinct "
                                  f"counts but the two largest (got {xmin!r})")
        i = int(index[0])
        return {"xmin": int(self.xmin[i]), "alpha": float(self.alpha[i]),
                "ks_distance": float(self.distance[i]), "n_tail": int(self.n_tail[i])}


def _scan(x: np.ndarray, alpha_grid: float | None) -> XminScan:
    x = np.sort(x)
    values, first = np.unique(x, return_index=True)
    n = x.size
    if values.size < 3:
        raise ScalingLabError(
            f"'counts' has {values.size} distinct values; the x_min scan needs at least "
            "3 (every distinct count but the two largest is a candidate). Bring more data."
        )
    multiplicity = np.diff(np.append(first, n))
    log_values = np.log(values)
    at_least = np.cumsum(multiplicity[::-1])[::-1]
    log_sums = np.cumsum((multiplicity * log_values)[::-1])[::-1]
    k = values.size - 2
    xmin, m, log_sum = values[:k], at_least[:k].astype(float), log_sums[:k]
    alpha = np.empty(k)
    closed = np.zeros(k, dtype=bool)
    if alpha_grid is None:
        big = xmin >= CLOSED_FORM_XMIN
        approx = 1 + m[big] / (log_sum[big] - m[big] * np.log(xmin[big] - 0.5))
        closed[big] = (approx > 1.5) & (approx <= 3.0)
        alpha[big] = approx
        exact = ~closed
        if np.any(exact):
            alpha[exact] = _solve_mle(xmin[exact], m[exact], log_sum[exact])
        valid = closed | (alpha < ALPHA_LIMIT)
    else:
        grid = np.arange(GRID_RANGE[0], GRID_RANGE[1] + alpha_grid / 2, alpha_grid)
        # log-likelihood per count on the grid: -ln zeta(a, xmin) - a * mean ln x
        ll = -np.log(hurwitz_zeta(grid[None, :], xmin[:, None])) - grid[None, :] * (
            log_sum / m)[:, None]
        alpha = grid[np.argmax(ll, axis=1)]
        valid = np.ones(k, dtype=bool)
    # Kolmogorov-Smirnov distance: P(X < v) of the data and of the law at each distinct
    # count v of the tail, candidate by candidate, in blocks of rows.
    below = first.astype(float)
    norm = hurwitz_zeta(alpha, xmin)
    distance = np.empty(k)
    for start in range(0, k, 128):
        rows = np.arange(start, min(start + 128, k))
        cols = np.arange(start, values.size)
        zeta = np.empty((rows.size, cols.size))
        large = values[cols] >= _SHIFT
        zeta[:, large] = _zeta_matrix(alpha[rows], values[cols][large],
                                      log_values[cols][large])
        if not np.all(large):
            zeta[:, ~large] = hurwitz_zeta(alpha[rows][:, None], values[cols][~large][None, :])
        model = 1.0 - zeta / norm[rows][:, None]
        empirical = (below[cols][None, :] - below[rows][:, None]) / m[rows][:, None]
        gap = np.abs(empirical - model)
        gap[cols[None, :] < rows[:, None]] = 0.0
        distance[rows] = gap.max(axis=1)
    valid &= (m >= 2) & (alpha > 1)
    if not np.any(valid):
        raise ScalingLabError(
            "no candidate x_min gives an admissible power law (every fitted exponent is "
            f">= {ALPHA_LIMIT}); the counts fall too steeply for a power-law tail"
        )
    best = int(np.argmin(np.where(valid, distance, np.inf)))
    return XminScan(xmin=xmin, alpha=alpha, distance=distance, n_tail=at_least[:k],
                    valid=valid, closed_form=closed, best=best, n=n, alpha_grid=alpha_grid)


def _grid(alpha_grid):
    if alpha_grid is None:
        return None
    return check_number("alpha_grid", alpha_grid, positive=True, high=0.5)


def scan_xmin(counts, *, alpha_grid: float | None = None) -> XminScan:
    """Fit the discrete power law above every candidate ``x_min`` and pick the best.

    The method of Clauset et al. 2009, Sec. 3.3, with the choices of
    ``powerlaw.Fit(counts, discrete=True)`` (see the module notes), vectorised over the
    candidates.

    Parameters
    ----------
    counts : array_like
        Positive whole numbers (word counts).
    alpha_grid : float, optional
        Maximise the likelihood over the grid 1.50, 1.50 + step, ..., 3.50 instead of
        exactly, as Clauset's own code does (``alpha_grid=0.01``).

    Returns
    -------
    XminScan

    Examples
    --------
    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.5, xmin=1, size=5000, seed=0)
    >>> round(scan_xmin(x, alpha_grid=0.01).best_alpha, 2)
    2.5
    """
    return _scan(validate_counts(counts), _grid(alpha_grid))
