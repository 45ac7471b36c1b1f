"""Fitting L(N, D) = E + A/N^alpha + B/D^beta exactly as Hoffmann et al. (App. D.2).

Design choices:

* **The published method, not a variant.** Approach 3 of Hoffmann et al. 2022 minimises
  the *sum* over runs of ``Huber_delta(LSE(log_A - alpha log N, log_B - beta log D,
  log_E) - log L)`` with delta = 1e-3 (their Eq. 11), by L-BFGS from each of the 4500
  starts of a grid (alpha, beta in {0, 0.5, ..., 2}, log_E in {-1, ..., 1}, log_A,
  log_B in {0, 5, ..., 25}), and keeps the best. A sum, not a mean: Besiroglu et al.
  2024 traced the original fit's early stop to a poorly scaled loss.
* **All starts at once** (:func:`scaling_lab.optimize.batched_lbfgs`). A plain loop calls :func:`scipy.optimize.minimize` 4500
  times, and each call spends most of its time in Python overhead on a 5-parameter
  problem. Here L-BFGS runs on every start in lock-step: one NumPy evaluation computes
  the objective and gradient of all active starts (an array of starts by runs), the
  two-loop recursion and a backtracking Armijo line search are vectorised over starts,
  and a start leaves the active set as soon as it converges. Each start still follows
  its own L-BFGS path: nothing couples the starts.
* **Exact at the end.** The few best distinct end points of the batched run are then
  polished by :func:`scipy.optimize.minimize` (L-BFGS-B, analytic gradient, tight
  tolerances), so the reported optimum is the best objective over the grid to optimiser
  precision; the tests compare it with a plain per-start scipy loop on the same data.
* **Bootstrap by weights.** Resampling runs with replacement is the same as weighting
  each run by how often it was drawn, so all replicates form one batch (replicates by
  runs weights) started from the full-data optimum; intervals are 95% percentiles.

Parameters are kept in the order ``(log_A, log_B, log_E, alpha, beta)`` (Hoffmann
writes a, b, e for the logarithms; see :mod:`scaling_lab.symbols`).

Examples
--------
>>> import numpy as np
>>> from scaling_lab import published
>>> from scaling_lab.isoflop import synthetic_runs
>>> N, D, L = synthetic_runs(published.EPOCH, noise=0.0, seed=0)
>>> fit = fit_chinchilla(N, D, L, starts=start_grid("small"))
>>> round(fit.alpha, 3), round(fit.beta, 3), round(fit.E, 3)
(0.348, 0.366, 1.82)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from . import published
from ._validate import (
    ScalingLabError,
    ScalingLabWarning,
    as_array,
    check_choice,
    check_number,
    check_same_length,
    check_spread,
)
from .optimize import batched_lbfgs

__all__ = [
    "ChinchillaFit",
    "fit_chinchilla",
    "start_grid",
    "huber_objective",
    "scipy_loop_fit",
    "PARAMETER_ORDER",
]

#: The order of the fit's variables in every array of this module.
PARAMETER_ORDER = ("log_A", "log_B", "log_E", "alpha", "beta")
_METHOD = published.HOFFMANN_FIT_METHOD


def start_grid(size: str = "full") -> np.ndarray:
    """The grid of L-BFGS starts, one row ``(log_A, log_B, log_E, alpha, beta)`` each.

    Parameters
    ----------
    size : {'full', 'small'}, default 'full'
        ``'full'``: Hoffmann et al.'s grid (App. D.2), 6 x 6 x 5 x 5 x 5 = 4500 starts.
        ``'small'``: every other value of each axis, 3 x 3 x 3 x 3 x 3 = 243 starts,
        for tests and for a chapter that must execute quickly.

    Returns
    -------
    numpy.ndarray of shape (starts, 5)

    Examples
    --------
    >>> start_grid().shape, start_grid("small").shape
    ((4500, 5), (243, 5))
    >>> float(start_grid()[:, 0].max())
    25.0
    """
    check_choice("size", size, ("full", "small"))
    axes = [_METHOD["a_starts"], _METHOD["b_starts"], _METHOD["e_starts"],
            _METHOD["alpha_starts"], _METHOD["beta_starts"]]
    if size == "small":
        axes = [values[::2] for values in axes]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.column_stack([m.ravel() for m in mesh]).astype(float)


def _value_grad(x, log_N, log_D, log_L, weights, delta, grad=True):
    """Objective (and gradient) of many parameter rows at once.

    ``x`` has shape (S, 5); ``weights`` is None (every run once) or has shape (S, P).
    Returns f (S,) and g (S, 5). Written for speed: two exponentials and one logarithm
    per (row, run), in place where possible, and the Huber loss as c (r - c/2) with
    c = clip(r, -delta, delta), which is also its derivative.
    """
    log_A, log_B, log_E = x[:, 0:1], x[:, 1:2], x[:, 2:3]
    alpha, beta = x[:, 3:4], x[:, 4:5]
    # One shift per row keeps every exponential <= 1 (no overflow far from the data).
    top1 = log_A - np.where(alpha > 0, alpha * log_N.min(), alpha * log_N.max())
    top2 = log_B - np.where(beta > 0, beta * log_D.min(), beta * log_D.max())
    shift = np.maximum(np.maximum(top1, top2), log_E)
    e1 = np.multiply(alpha, log_N)
    np.subtract(log_A - shift, e1, out=e1)
    np.exp(e1, out=e1)
    e2 = np.multiply(beta, log_D)
    np.subtract(log_B - shift, e2, out=e2)
    np.exp(e2, out=e2)
    e3 = np.exp(log_E - shift)
    total = e1 + e2
    total += e3
    r = np.log(total)
    r += shift
    r -= log_L
    c = np.clip(r, -delta, delta)
    r -= 0.5 * c
    r *= c  # now the Huber loss of each (row, run)
    if weights is None:
        f = r.sum(axis=1)
    else:
        f = np.einsum("sp,sp->s", weights, r)
    if not grad:
        return f, None
    if weights is not None:
        c *= weights
    c /= total
    g = np.empty_like(x)
    g[:, 2] = c.sum(axis=1) * e3[:, 0]
    e1 *= c
    e2 *= c
    g[:, 0] = e1.sum(axis=1)
    g[:, 1] = e2.sum(axis=1)
    g[:, 3] = -(e1 @ log_N)
    g[:, 4] = -(e2 @ log_D)
    return f, g


_CHUNK = 256  # rows per NumPy pass: the arrays stay in cache (about 4x faster)


def _evaluate(x, log_N, log_D, log_L, weights, delta):
    """:func:`_value_grad` over many rows, a cache-sized chunk at a time."""
    if len(x) <= _CHUNK:
        return _value_grad(x, log_N, log_D, log_L, weights, delta)
    f = np.empty(len(x))
    g = np.empty_like(x)
    for i in range(0, len(x), _CHUNK):
        part = slice(i, i + _CHUNK)
        f[part], g[part] = _value_grad(x[part], log_N, log_D, log_L,
                                       None if weights is None else weights[part], delta)
    return f, g


def huber_objective(x, N, D, L, *, huber_delta: float = 1e-3) -> float:
    r"""Hoffmann et al.'s objective (Eq. 11) at one parameter vector.

    .. math::
        \sum_i \mathrm{Huber}_\delta\big(\mathrm{LSE}(\log A - \alpha \log N_i,
        \log B - \beta \log D_i, \log E) - \log L_i\big)

    Parameters
    ----------
    x : sequence of 5 float
        ``(log_A, log_B, log_E, alpha, beta)``.
    N, D, L : array_like
        Parameters, tokens and losses of the runs (all > 0).
    huber_delta : float, default 1e-3
        Where the Huber loss turns from quadratic to linear.

    Returns
    -------
    float

    Examples
    --------
    >>> h = published.HOFFMANN
    >>> x = [np.log(h.A), np.log(h.B), np.log(h.E), h.alpha, h.beta]
    >>> L = h.E + h.A / 1e9**h.alpha + h.B / 2e10**h.beta
    >>> huber_objective(x, [1e9], [2e10], [L])
    0.0
    >>> round(huber_objective(x, [1e9], [2e10], [L * 1.01]), 8)  # linear part
    9.45e-06
    """
    x = as_array("x", x)
    if x.size != 5:
        raise ScalingLabError(f"'x' must hold 5 values {PARAMETER_ORDER} (got {x.size})")
    log_N, log_D, log_L, _ = _prepare(N, D, L, min_points=1)
    delta = check_number("huber_delta", huber_delta, positive=True)
    f, _ = _value_grad(x[None, :], log_N, log_D, log_L, None, delta, grad=False)
    return float(f[0])


def _check_delta(huber_delta) -> float:
    """Hoffmann's delta is 1e-3. Below 1e-6 every residual of log L lies in the linear
    part, whose gradient (delta per run) is too small for the optimiser to follow (exact
    data give nonsense); above 100 every residual lies in the quadratic part already."""
    delta = check_number("huber_delta", huber_delta, positive=True)
    if not 1e-6 <= delta <= 100:
        raise ScalingLabError(
            f"'huber_delta' must be from 1e-6 to 100 (got {delta:g}): below, the fit "
            "cannot converge; above, every residual of log L is already in the "
            "quadratic part (a least-squares fit). Hoffmann et al. use 1e-3"
        )
    return delta


def _prepare(N, D, L, min_points):
    N = as_array("N", N, positive=True, min_size=min_points)
    D = as_array("D", D, positive=True, min_size=min_points)
    L = as_array("L", L, positive=True, min_size=min_points)
    size = check_same_length(N=N, D=D, L=L)
    return np.log(N), np.log(D), np.log(L), size


@dataclass(frozen=True)
class ChinchillaFit:
    """The result of :func:`fit_chinchilla`.

    Attributes
    ----------
    E, A, B, alpha, beta : float
        The fitted law L(N, D) = E + A / N^alpha + B / D^beta.
    objective : float
        The sum of Huber losses at the optimum (Hoffmann et al., Eq. 11).
    n_points : int
        Number of runs fitted.
    n_starts : int
        Number of L-BFGS starts.
    huber_delta : float
        The Huber threshold used.
    intervals : dict of str to tuple of float, or None
        With a bootstrap: the 95% percentile interval of each of E, A, B, alpha, beta
        and of the allocation exponents a and b.
    n_bootstrap : int
        Number of bootstrap replicates (0 for none).
    replicates : numpy.ndarray or None
        The bootstrap fits, one row ``(E, A, B, alpha, beta)`` each.
    method : str
        How the optimum was found.

    Examples
    --------
    >>> fit = ChinchillaFit(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28,
    ...                     objective=0.0, n_points=10, n_starts=1, huber_delta=1e-3)
    >>> round(fit.a, 4)
    0.4516
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    objective: float
    n_points: int
    n_starts: int
    huber_delta: float
    intervals: dict | None = None
    n_bootstrap: int = 0
    replicates: np.ndarray | None = field(default=None, repr=False, compare=False)
    method: str = "batched L-BFGS over the start grid, best polished by scipy L-BFGS-B"

    def params(self, name: str = "fit") -> published.ChinchillaParams:
        """The fit as :class:`~scaling_lab.published.ChinchillaParams` (for allocation).

        >>> ChinchillaFit(1.8, 480.0, 2000.0, 0.35, 0.37, 0.0, 10, 1, 1e-3).params().A
        480.0
        """
        return published.ChinchillaParams(E=self.E, A=self.A, B=self.B, alpha=self.alpha,
                                          beta=self.beta, name=name,
                                          source="fitted by scaling_lab")

    @property
    def a(self) -> float:
        """Allocation exponent a = beta / (alpha + beta) of N_opt ∝ C^a."""
        return self.beta / (self.alpha + self.beta)

    def predict(self, N, D) -> np.ndarray:
        """The fitted loss at ``N`` parameters and ``D`` tokens.

        >>> fit = ChinchillaFit(1.69, 406.4, 410.7, 0.34, 0.28, 0.0, 10, 1, 1e-3)
        >>> fit.predict([70e9], [1.4e12]).round(4)
        array([1.9367])
        """
        N = as_array("N", N, positive=True)
        D = as_array("D", D, positive=True)
        return self.E + self.A / N**self.alpha + self.B / D**self.beta

    def as_dict(self) -> dict:
        """The command line's JSON object.

        >>> sorted(ChinchillaFit(1.8, 480.0, 2e3, 0.35, 0.37, 0.0, 10, 1, 1e-3).as_dict())
        ['A', 'B', 'E', 'alpha', 'beta', 'intervals', 'n_points', 'objective']
        """
        intervals = None
        if self.intervals is not None:
            intervals = {k: [float(lo), float(hi)]
                         for k, (lo, hi) in self.intervals.items()}
        return {"E": self.E, "A": self.A, "B": self.B, "alpha": self.alpha,
                "beta": self.beta, "objective": self.objective, "n_points": self.n_points,
                "intervals": intervals}


def _to_params(x):
    x = np.atleast_2d(x)
    return np.column_stack([np.exp(x[:, 2]), np.exp(x[:, 0]), np.exp(x[:, 1]), x[:, 3],
                            x[:, 4]])


def _polish(x, log_N, log_D, log_L, delta):
    """Refine one end point. The sum of Huber losses is exactly the cost that
    :func:`scipy.optimize.least_squares` minimises with ``loss='huber'`` and
    ``f_scale=delta``, whose Gauss-Newton steps converge in a few iterations where
    L-BFGS crawls along the narrow valley between log A and alpha."""

    def residuals(v):
        u = np.stack([v[0] - v[3] * log_N, v[1] - v[4] * log_D,
                      np.full_like(log_N, v[2])])
        return np.logaddexp.reduce(u, axis=0) - log_L

    def jacobian(v):
        u = np.stack([v[0] - v[3] * log_N, v[1] - v[4] * log_D,
                      np.full_like(log_N, v[2])])
        p = np.exp(u - np.logaddexp.reduce(u, axis=0))
        return np.column_stack([p[0], p[1], p[2], -p[0] * log_N, -p[1] * log_D])

    result = optimize.least_squares(residuals, x, jac=jacobian, loss="huber",
                                    f_scale=delta, method="trf", xtol=1e-15,
                                    ftol=1e-15, gtol=1e-15, max_nfev=2000)
    f, _ = _value_grad(result.x[None, :], log_N, log_D, log_L, None, delta, grad=False)
    return result.x, float(f[0])


def fit_chinchilla(N, D, L, *, starts=None, huber_delta: float = 1e-3,
                   bootstrap: int = 0, seed: int = 0, polish: int = 8) -> ChinchillaFit:
    r"""Fit L(N, D) = E + A/N^alpha + B/D^beta by Hoffmann et al.'s Approach 3.

    Parameters
    ----------
    N, D, L : array_like
        Parameters, training tokens and final losses (nats) of the runs; all > 0, at
        least 6 runs (one more than the five parameters).
    starts : array_like of shape (S, 5), optional
        Starting points ``(log_A, log_B, log_E, alpha, beta)``; default
        :func:`start_grid` (Hoffmann's 4500). ``start_grid("small")`` is 18x fewer.
    huber_delta : float, default 1e-3
        Huber threshold (Hoffmann et al. use 1e-3).
    bootstrap : int, default 0
        Number of bootstrap replicates (runs resampled with replacement, each refit
        from the full-data optimum); 0 for none. 4000 take a few seconds.
    seed : int, default 0
        Seed of the bootstrap's random generator.
    polish : int, default 8
        How many of the best distinct batched end points scipy polishes.

    Returns
    -------
    ChinchillaFit

    Raises
    ------
    ScalingLabError
        On non-positive or non-finite values, mismatched lengths, fewer than 6 runs, N
        or D that never varies, a bad start grid or a bad option (``huber_delta``
        outside [1e-6, 100]; ``bootstrap`` from 1 to 39, or too many to fit in memory).

    Warns
    -----
    ScalingLabWarning
        With fewer than 10 runs, or N or D spanning less than a decade (values that
        look like log10 N or log10 D are named as such).

    See Also
    --------
    scipy_loop_fit : the same fit as a plain loop of scipy calls (slow; the reference).
    scaling_lab.chinchilla.compute_optimal : the allocation the fitted law implies.

    Notes
    -----
    The objective is Eq. 11 of Hoffmann et al. 2022 with the log-sum-exp
    :math:`\log(A N^{-\alpha} + B D^{-\beta} + E)` written in the log-parameters, and
    its analytic gradient. See the module docstring for how the 4500 starts run at once.

    Examples
    --------
    >>> from scaling_lab.isoflop import synthetic_runs
    >>> N, D, L = synthetic_runs(published.HOFFMANN, noise=0.01, seed=1)
    >>> fit = fit_chinchilla(N, D, L, starts=start_grid("small"), bootstrap=200)
    >>> fit.n_points, round(fit.alpha, 2), round(fit.beta, 2)
    (60, 0.34, 0.28)
    >>> lo, hi = fit.intervals["alpha"]
    >>> bool(lo < fit.alpha < hi)
    True
    """
    log_N, log_D, log_L, size = _prepare(N, D, L, min_points=6)
    check_spread("N", np.exp(log_N), what="the exponent alpha")
    check_spread("D", np.exp(log_D), what="the exponent beta")
    if size < 10:
        warnings.warn(f"{size} runs for the law's 5 parameters: the fit can pass through "
                      "nearly every run whatever the law, so its parameters mean little; "
                      "fit 10 runs or more (2 per parameter)", ScalingLabWarning,
                      stacklevel=2)
    delta = _check_delta(huber_delta)
    n_boot = check_number("bootstrap", bootstrap, integer=True, nonnegative=True)
    if 0 < n_boot < 40 or n_boot > 100_000 or n_boot * size > 5e7:
        raise ScalingLabError(
            f"'bootstrap' must be 0 (no intervals) or from 40 to "
            f"{min(100_000, int(5e7 // size))} for {size} runs (got {n_boot}): fewer "
            "than 40 replicates leave less than one in each 2.5% tail of a 95% interval "
            "(1000 or more are usual), and more would not fit in memory"
        )
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    polish = check_number("polish", polish, integer=True, low=1)
    starts = start_grid() if starts is None else as_array("starts", starts, ndim=2)
    if starts.shape[1] != 5:
        raise ScalingLabError(
            f"'starts' must have 5 columns {PARAMETER_ORDER} (got shape {starts.shape})"
        )

    def fun(x, rows):
        with np.errstate(all="ignore"):
            return _evaluate(x, log_N, log_D, log_L, None, delta)

    # Scale of the objective: every run off by delta. Below it, ftol is absolute.
    x_end, f_end, _ = batched_lbfgs(fun, starts, ftol=1e-7, gtol=1e-9,
                                    fscale=delta**2 * size)
    f_end = np.where(np.isfinite(f_end), f_end, np.inf)
    candidates = []
    for i in np.argsort(f_end):
        if len(candidates) == polish or not np.isfinite(f_end[i]):
            break
        if all(np.abs(x_end[i] - x_end[j]).max() > 1e-6 for j in candidates):
            candidates.append(i)
    best_x, best_f = None, np.inf
    with np.errstate(all="ignore"):
        for i in candidates:
            x, f = _polish(x_end[i], log_N, log_D, log_L, delta)
            if f > f_end[i]:  # never worse than the batched point
                x, f = x_end[i], float(f_end[i])
            if f < best_f:
                best_x, best_f = x, f
    if best_x is None:
        raise ScalingLabError("every start diverged; check that the losses are in nats "
                              "and that N and D are counts, not logarithms")
    E, A, B, alpha, beta = _to_params(best_x)[0]
    intervals, replicates = None, None
    if n_boot:
        replicates = _bootstrap(best_x, best_f, log_N, log_D, log_L, delta, n_boot, seed)
        names = ("E", "A", "B", "alpha", "beta")
        table = dict(zip(names, replicates.T, strict=True))
        table["a"] = table["beta"] / (table["alpha"] + table["beta"])
        table["b"] = 1 - table["a"]
        intervals = {k: tuple(float(q) for q in np.nanpercentile(v, [2.5, 97.5]))
                     for k, v in table.items()}
    return ChinchillaFit(E=float(E), A=float(A), B=float(B), alpha=float(alpha),
                         beta=float(beta), objective=float(best_f), n_points=size,
                         n_starts=len(starts), huber_delta=delta, intervals=intervals,
                         n_bootstrap=n_boot, replicates=replicates)


def _bootstrap(x_best, f_best, log_N, log_D, log_L, delta, n_boot, seed):
    rng = np.random.default_rng(seed)
    size = log_N.size
    weights = rng.multinomial(size, np.full(size, 1.0 / size), size=n_boot).astype(float)

    def fun(x, rows):
        with np.errstate(all="ignore"):
            return _evaluate(x, log_N, log_D, log_L, weights[rows], delta)

    # The stopping test is relative to the objective's size. delta^2 per run is that size
    # when most residuals exceed delta; with a large delta (least squares) the objective
    # is far smaller, and that scale would stop the replicates where they start.
    scale = min(delta**2 * size, f_best) if f_best > 0 else delta**2 * size
    x_end, _, _ = batched_lbfgs(fun, np.repeat(x_best[None, :], n_boot, axis=0),
                                ftol=1e-10, gtol=1e-12, fscale=scale)
    return _to_params(x_end)


def scipy_loop_fit(N, D, L, *, starts=None, huber_delta: float = 1e-3,
                   max_iter: int = 1000):
    """The reference: one plain :func:`scipy.optimize.minimize` (L-BFGS-B) per start.

    This is what most replications write: scipy's default tolerances, the analytic
    gradient, and the same cap on iterations per start as :func:`fit_chinchilla`'s
    batched phase (a few starts otherwise crawl for thousands of iterations along flat
    directions). It gives the same best objective as :func:`fit_chinchilla` (the tests
    check it) and is much slower; ``make bench`` times both on the same data.

    Parameters
    ----------
    N, D, L : array_like
        The runs, as for :func:`fit_chinchilla`.
    starts : array_like of shape (S, 5), optional
        Default :func:`start_grid`.
    huber_delta : float, default 1e-3
    max_iter : int, default 1000
        L-BFGS-B iterations per start (scipy's ``maxiter``).

    Returns
    -------
    x : numpy.ndarray
        Best ``(log_A, log_B, log_E, alpha, beta)``.
    objective : float
        Its objective.

    Examples
    --------
    >>> from scaling_lab.isoflop import synthetic_runs
    >>> N, D, L = synthetic_runs(published.EPOCH, noise=0.0, seed=0)
    >>> x, f = scipy_loop_fit(N, D, L, starts=start_grid("small")[:5])
    >>> x.shape
    (5,)
    """
    log_N, log_D, log_L, size = _prepare(N, D, L, min_points=6)
    delta = _check_delta(huber_delta)
    max_iter = check_number("max_iter", max_iter, integer=True, low=1)
    starts = start_grid() if starts is None else as_array("starts", starts, ndim=2)

    def fun(v):
        f, g = _value_grad(v[None, :], log_N, log_D, log_L, None, delta)
        return f[0], g[0]

    best_x, best_f = None, np.inf
    with np.errstate(all="ignore"):
        for x0 in starts:
            result = optimize.minimize(fun, x0, jac=True, method="L-BFGS-B",
                                       options={"maxiter": max_iter})
            if np.isfinite(result.fun) and result.fun < best_f:
                best_x, best_f = result.x, float(result.fun)
    return best_x, best_f
