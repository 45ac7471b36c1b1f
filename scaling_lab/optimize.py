"""General optimisation for multi-start fits: a batched L-BFGS and robust losses.

Design choices:

* **Many small problems at once.** A multi-start fit of a 5-parameter law solves
  thousands of tiny problems; a plain loop over :func:`scipy.optimize.minimize` spends
  most of its time in Python overhead. :func:`batched_lbfgs` runs L-BFGS on every
  problem in lock-step: one call of the objective evaluates all active problems, the
  two-loop recursion and a backtracking Armijo line search are vectorised, and a
  problem leaves the active set as soon as it converges. Nothing couples the problems:
  each follows its own L-BFGS path.
* **Robust losses as plain functions.** :func:`huber` and :func:`huber_derivative` are
  the reference definitions; a fitter may fuse them into its own vectorised objective
  (as :mod:`scaling_lab.chinchilla_fit` does for speed), and its tests compare the fused
  form with these.
* This module knows nothing about scaling laws: it is used by the Chinchilla fitter and
  by any other multi-start fit.

Examples
--------
>>> import numpy as np
>>> from scaling_lab.optimize import huber
>>> huber(np.array([0.0005, 0.01]), 1e-3)
array([1.25e-07, 9.50e-06])
"""

from __future__ import annotations

import numpy as np

from ._validate import check_number

__all__ = ["batched_lbfgs", "huber", "huber_derivative"]


def huber(r, delta: float) -> np.ndarray:
    r"""The Huber loss of residuals ``r``: quadratic within ``delta``, linear beyond.

    .. math::
        h_\delta(r) = r^2 / 2 \ \text{if } |r| \le \delta, \quad
        \delta (|r| - \delta / 2) \ \text{otherwise}

    (Huber 1964; the loss of Hoffmann et al. 2022, Eq. 11.)

    >>> huber(np.array([-2.0, 0.5, 2.0]), 1.0)
    array([1.5  , 0.125, 1.5  ])
    """
    delta = check_number("delta", delta, positive=True)
    r = np.asarray(r, dtype=float)
    c = np.clip(r, -delta, delta)
    return c * (r - 0.5 * c)


def huber_derivative(r, delta: float) -> np.ndarray:
    """The derivative of :func:`huber` with respect to ``r``: ``clip(r, -delta, delta)``.

    >>> huber_derivative(np.array([-2.0, 0.5, 2.0]), 1.0)
    array([-1. ,  0.5,  1. ])
    """
    delta = check_number("delta", delta, positive=True)
    return np.clip(np.asarray(r, dtype=float), -delta, delta)


def batched_lbfgs(fun, x0, *, memory: int = 10, ftol: float = 1e-10, gtol: float = 1e-9,
                  fscale: float = 0.0, max_iter: int = 1000, max_backtracks: int = 40):
    """Minimise many independent problems with L-BFGS, all at once.

    Parameters
    ----------
    fun : callable
        ``fun(x, rows) -> (f, g)``: the objectives (shape (k,)) and gradients (k, n) of
        the problems ``rows`` (an index array) at the points ``x`` (k, n).
    x0 : array_like of shape (S, n)
        One start per problem.
    memory : int, default 10
        Number of correction pairs kept (scipy's ``maxcor``).
    ftol : float, default 1e-10
        A problem stops when an iteration lowers f by at most
        ``ftol * max(|f|, fscale)``.
    gtol : float, default 1e-9
        ... or when its largest gradient component is at most ``gtol``.
    fscale : float, default 0
        The objective's natural size, below which ``ftol`` is taken as absolute
        (scipy's L-BFGS-B uses 1; a sum of Huber losses is far smaller).
    max_iter : int, default 1000
        Iterations per problem.
    max_backtracks : int, default 40
        Halvings of the step before a problem's line search gives up (it then stops).

    Returns
    -------
    x : numpy.ndarray (S, n)
        End points.
    f : numpy.ndarray (S,)
        Objectives there.
    iterations : numpy.ndarray (S,)
        Iterations each problem took.

    Notes
    -----
    Every problem has its own history, step and stopping decision; the batch only
    shares the NumPy calls. The line search is backtracking with Armijo's condition
    (c1 = 1e-4) and a quadratic interpolation step; correction pairs with
    non-positive curvature are skipped, and a non-descent direction resets the history.

    Examples
    --------
    Two independent quadratics:

    >>> centre = np.array([[1.0, -2.0], [3.0, 0.5]])
    >>> def fun(x, rows):
    ...     d = x - centre[rows]
    ...     return (d**2).sum(1), 2 * d
    >>> x, f, _ = batched_lbfgs(fun, np.zeros((2, 2)))
    >>> np.allclose(x, centre)
    True
    """
    x = np.array(x0, dtype=float)
    S, n = x.shape
    f, g = fun(x, np.arange(S))
    s_hist = np.zeros((S, memory, n))
    y_hist = np.zeros((S, memory, n))
    rho = np.zeros((S, memory))
    iterations = np.zeros(S, dtype=int)
    active = np.flatnonzero(np.isfinite(f) & (np.abs(g).max(axis=1) > gtol))
    slot = 0
    for _ in range(max_iter):
        if active.size == 0:
            break
        xa, fa, ga = x[active], f[active], g[active]
        sa, ya, ra = s_hist[active], y_hist[active], rho[active]
        # Two-loop recursion, newest pair first; rho = 0 marks an empty or skipped pair.
        q = ga.copy()
        alphas = np.zeros((active.size, memory))
        order = [(slot - 1 - i) % memory for i in range(memory)]
        for j in order:
            alphas[:, j] = ra[:, j] * np.einsum("kn,kn->k", sa[:, j], q)
            q -= alphas[:, j, None] * ya[:, j]
        newest = order[0]
        yy = np.einsum("kn,kn->k", ya[:, newest], ya[:, newest])
        has = ra[:, newest] > 0
        gamma = np.where(has, 1.0 / np.where(has, ra[:, newest] * yy, 1.0), 1.0)
        r = gamma[:, None] * q
        for j in reversed(order):
            beta = ra[:, j] * np.einsum("kn,kn->k", ya[:, j], r)
            r += sa[:, j] * (alphas[:, j] - beta)[:, None]
        d = -r
        slope = np.einsum("kn,kn->k", ga, d)
        fresh = ~has | ~(slope < 0)
        if fresh.any():  # steepest descent, with a first step of length at most 1
            d[fresh] = -ga[fresh]
            slope[fresh] = -np.einsum("kn,kn->k", ga[fresh], ga[fresh])
            reset = active[fresh & has]
            rho[reset] = 0.0
        step = np.ones(active.size)
        norm = np.sqrt(np.einsum("kn,kn->k", d, d))
        step[fresh] = np.minimum(1.0, 1.0 / np.maximum(norm[fresh], 1e-300))
        # Backtracking line search on the problems still searching.
        f_new = np.full(active.size, np.inf)
        g_new = np.zeros_like(ga)
        searching = np.arange(active.size)
        for _ in range(max_backtracks):
            trial = xa[searching] + step[searching, None] * d[searching]
            ft, gt = fun(trial, active[searching])
            ok = np.isfinite(ft) & (ft <= fa[searching] + 1e-4 * step[searching]
                                    * slope[searching])
            done = searching[ok]
            f_new[done], g_new[done] = ft[ok], gt[ok]
            searching = searching[~ok]
            if searching.size == 0:
                break
            t = step[searching]
            bad = ~np.isfinite(ft[~ok])
            excess = np.where(bad, np.inf, ft[~ok] - fa[searching] - t * slope[searching])
            with np.errstate(divide="ignore", invalid="ignore"):
                quad = -slope[searching] * t * t / (2 * excess)
            step[searching] = np.clip(np.nan_to_num(quad, nan=0.1 * t), 0.1 * t, 0.5 * t)
        moved = np.isfinite(f_new)
        # Update the accepted problems.
        idx = active[moved]
        s_new = step[moved, None] * d[moved]
        y_new = g_new[moved] - ga[moved]
        sy = np.einsum("kn,kn->k", s_new, y_new)
        x[idx] = xa[moved] + s_new
        f_old = f[idx].copy()
        f[idx], g[idx] = f_new[moved], g_new[moved]
        s_hist[idx, slot] = s_new
        y_hist[idx, slot] = y_new
        rho[idx, slot] = np.where(sy > 1e-300, 1.0 / np.where(sy > 1e-300, sy, 1.0), 0.0)
        rho[active[~moved], slot] = 0.0
        slot = (slot + 1) % memory
        iterations[active] += 1
        converged = ((f_old - f[idx]) <= ftol * np.maximum(np.abs(f_old), fscale)) | (
            np.abs(g[idx]).max(axis=1) <= gtol)
        keep = np.zeros(active.size, dtype=bool)
        keep[np.flatnonzero(moved)[~converged]] = True
        active = active[keep]
    return x, f, iterations
