"""Approach 2 on measured runs: per-budget minima, bracketed, and a power law through them.

Design choices:

* **Interpolate, then minimise.** Each budget's losses are interpolated against log N
  (Akima by default, as Porian et al. 2024 do; a parabola as an option) and minimised;
  N_opt = G C^a and D_opt = H C^b are fitted by least squares in log space through the
  minima (see :mod:`scaling_lab.isoflop.interpolate` for why Akima).
* **Nothing left out without a word.** A budget with fewer than 3 sizes, or whose
  minimum sits at the smallest or largest size tried (not bracketed), is left out of the
  power law with a :class:`~scaling_lab.ScalingLabWarning` naming the budget; its
  optimum is still reported, flagged ``bracketed=False``.
* **The bootstrap resamples runs within each budget.** The design (which budgets, how
  many runs each) stays fixed; what varies is which runs were measured. Budgets left out
  of the fit stay out of every replicate; a budget whose resampled minimum falls off the
  edge is left out of that replicate only, and replicates with fewer than 3 bracketed
  budgets are counted and reported. Intervals are 95% percentiles.

Examples
--------
>>> from scaling_lab.isoflop import fit_isoflop, synthetic_runs
>>> N, D, L = synthetic_runs("epoch", noise=0.0, span=0.8)
>>> round(fit_isoflop(N, 6 * N * D, L).a, 3)
0.513
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from .._validate import (
    ScalingLabError,
    ScalingLabWarning,
    as_array,
    check_choice,
    check_number,
    check_same_length,
)
from .interpolate import METHODS, budget_optima

__all__ = ["IsoFLOPApproach2", "fit_isoflop"]


@dataclass(frozen=True)
class IsoFLOPApproach2:
    """The result of :func:`fit_isoflop`: per-budget optima and the power laws through them.

    Attributes
    ----------
    budgets : numpy.ndarray
        Every budget C in the data (FLOPs), ascending, each one optimum below.
    N_opt, D_opt, loss_opt : numpy.ndarray
        The interpolated minimum of each budget: N at the minimum, D = C / (6 N_opt),
        and the loss there (nats). For a budget with fewer than 3 sizes, its run of
        lowest loss.
    bracketed : numpy.ndarray of bool
        Whether the minimum lies strictly inside the sizes tried. Only bracketed budgets
        enter the fit (a warning names each one left out).
    n_sizes : numpy.ndarray of int
        Model sizes tried at each budget.
    a, G : float
        N_opt = G C^a, by least squares of log N_opt on log C over bracketed budgets.
    b, H : float
        D_opt = H C^b, the same fit of log D_opt. With D = C / (6N), b = 1 - a exactly.
    a_interval, b_interval : tuple of float, or None
        95% percentile bootstrap intervals (runs resampled within each budget).
    n_bootstrap, n_bootstrap_valid : int
        Replicates drawn, and those with at least 3 bracketed budgets (the rest cannot
        fit a line; the difference is reported, never hidden).
    method : str
        'akima' or 'parabola'.
    replicates : numpy.ndarray or None
        One row ``(a, log G, b, log H)`` per valid replicate.

    Examples
    --------
    >>> from scaling_lab.isoflop import synthetic_runs
    >>> N, D, L = synthetic_runs("epoch", noise=0.0, span=0.8)
    >>> fit = fit_isoflop(N, 6 * N * D, L)
    >>> fit.n_budgets, bool(fit.bracketed.all()), round(fit.a, 3)
    (6, True, 0.513)
    """

    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    loss_opt: np.ndarray
    bracketed: np.ndarray
    n_sizes: np.ndarray
    a: float
    G: float
    b: float
    H: float
    a_interval: tuple[float, float] | None = None
    b_interval: tuple[float, float] | None = None
    n_bootstrap: int = 0
    n_bootstrap_valid: int = 0
    method: str = "akima"
    replicates: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def n_budgets(self) -> int:
        """Number of budgets in the fit (the bracketed ones)."""
        return int(self.bracketed.sum())

    def predict(self, C):
        """N_opt and D_opt at budgets C from the fitted power laws.

        Parameters
        ----------
        C : float or array_like
            Budgets in FLOPs (> 0).

        Returns
        -------
        (N_opt, D_opt) : floats for a scalar C, arrays otherwise.

        Examples
        --------
        >>> from scaling_lab.isoflop import synthetic_runs
        >>> N, D, L = synthetic_runs("epoch", noise=0.0, span=0.8)
        >>> n, d = fit_isoflop(N, 6 * N * D, L).predict(1e21)
        >>> round(6 * n * d / 1e21, 6)
        1.0
        """
        scalar = np.ndim(C) == 0
        C = as_array("C", C, positive=True)
        N = self.G * C**self.a
        D = self.H * C**self.b
        return (float(N[0]), float(D[0])) if scalar else (N, D)

    def predict_interval(self, C) -> dict:
        """95% bootstrap intervals of N_opt and D_opt at one budget C.

        Returns ``{'N_opt': (lo, hi), 'D_opt': (lo, hi)}``; raises ScalingLabError when
        the fit has no bootstrap.

        >>> from scaling_lab.isoflop import synthetic_runs
        >>> N, D, L = synthetic_runs("epoch", noise=0.02, span=0.8, seed=1)
        >>> fit = fit_isoflop(N, 6 * N * D, L, bootstrap=200)
        >>> lo, hi = fit.predict_interval(1e22)["N_opt"]
        >>> bool(lo < fit.predict(1e22)[0] < hi)
        True
        """
        C = check_number("C", C, positive=True)
        if self.replicates is None or not len(self.replicates):
            raise ScalingLabError("this fit has no bootstrap; refit with bootstrap=1000")
        a, log_G, b, log_H = self.replicates.T
        N = np.exp(log_G + a * np.log(C))
        D = np.exp(log_H + b * np.log(C))
        return {"N_opt": tuple(float(q) for q in np.percentile(N, [2.5, 97.5])),
                "D_opt": tuple(float(q) for q in np.percentile(D, [2.5, 97.5]))}

    def as_dict(self, at=None) -> dict:
        """The command line's JSON object; with ``at``, N_opt and D_opt there.

        >>> from scaling_lab.isoflop import synthetic_runs
        >>> N, D, L = synthetic_runs("epoch", noise=0.0, span=0.8)
        >>> sorted(fit_isoflop(N, 6 * N * D, L).as_dict(at=1e22))  # doctest: +NORMALIZE_WHITESPACE
        ['D_opt', 'G', 'H', 'N_opt', 'a', 'a_interval', 'at', 'b', 'b_interval',
         'method', 'n_bootstrap', 'n_bootstrap_valid', 'n_budgets', 'optima']
        """

        def interval(pair):
            return None if pair is None else [float(pair[0]), float(pair[1])]

        out = {"a": self.a, "a_interval": interval(self.a_interval), "b": self.b,
               "b_interval": interval(self.b_interval), "G": self.G, "H": self.H,
               "n_budgets": self.n_budgets, "method": self.method,
               "n_bootstrap": self.n_bootstrap,
               "n_bootstrap_valid": self.n_bootstrap_valid,
               "optima": [{"flops": float(c), "N_opt": float(n), "D_opt": float(d),
                           "loss": float(loss), "bracketed": bool(ok), "n_sizes": int(k)}
                          for c, n, d, loss, ok, k in zip(
                              self.budgets, self.N_opt, self.D_opt, self.loss_opt,
                              self.bracketed, self.n_sizes, strict=True)]}
        if at is not None:
            N, D = self.predict(at)
            out.update(at=float(at), N_opt=N, D_opt=D)
            if self.replicates is not None and len(self.replicates):
                band = self.predict_interval(at)
                out["N_opt_interval"] = list(band["N_opt"])
                out["D_opt_interval"] = list(band["D_opt"])
        return out


def _group_budgets(C, rtol):
    """Group runs into budgets: sorted C, a new budget where C grows by more than rtol."""
    order = np.argsort(C, kind="stable")
    sorted_C = C[order]
    starts = np.flatnonzero(np.r_[True, sorted_C[1:] > sorted_C[:-1] * (1 + rtol)])
    return np.split(order, starts[1:])


def _line_fits(log_C, log_N, used):
    """Least squares of log N on log C for each row, over the budgets ``used`` (bool).

    Returns slope and intercept arrays; NaN where fewer than 3 budgets are used.
    """
    w = used.astype(float)
    count = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_x = (w * log_C).sum(axis=1) / count
        mean_y = (w * log_N).sum(axis=1) / count
        dx = log_C - mean_x[:, None]
        slope = (w * dx * (log_N - mean_y[:, None])).sum(axis=1) / (w * dx * dx).sum(axis=1)
    slope = np.where(count >= 3, slope, np.nan)
    return slope, mean_y - slope * mean_x


def fit_isoflop(N, C, L, *, method: str = "akima", bootstrap: int = 0, seed: int = 0,
                budget_rtol: float = 0.01) -> IsoFLOPApproach2:
    r"""Approach 2 on measured runs: per-budget minima, then N_opt = G C^a, D_opt = H C^b.

    For each budget, the loss is interpolated against log N and minimised; a power law
    is fitted by least squares in log space through the minima that are bracketed (lie
    strictly inside the sizes tried). The bootstrap resamples runs with replacement
    within each budget and repeats everything.

    Parameters
    ----------
    N : array_like
        Parameters of each run (> 0).
    C : array_like
        The run's budget in FLOPs (> 0). Runs whose budgets agree to ``budget_rtol``
        form one iso-FLOP curve. D = C / (6N).
    L : array_like
        Loss in nats (> 0).
    method : {'akima', 'parabola'}, default 'akima'
        ``'akima'``: Akima's piecewise cubic through (log N, log L), minimised exactly,
        as Porian et al. 2024 do. ``'parabola'``: a least-squares parabola of log L in
        log N through all of the budget's runs, after Hoffmann et al. 2022 (Sec. 3.2,
        who fit a parabola to each iso-FLOP curve).
    bootstrap : int, default 0
        Replicates for the 95% intervals of a and b (0 for none).
    seed : int, default 0
        Seed of the bootstrap.
    budget_rtol : float, default 0.01
        Relative tolerance that groups runs into one budget.

    Returns
    -------
    IsoFLOPApproach2

    Warns
    -----
    ScalingLabWarning
        For each budget left out of the fit, naming it: fewer than 3 sizes, or a
        minimum at the smallest or largest size tried (not bracketed).

    Raises
    ------
    ScalingLabError
        Non-positive or non-finite values, mismatched lengths, two runs of one size in
        a budget with ``method='akima'`` (an interpolant needs one loss per size),
        fewer than 3 bracketed budgets, or more replicates than fit in memory.

    Notes
    -----
    Why Akima by default: a parabola in log N assumes the iso-FLOP curve is symmetric
    about its minimum over the whole range of sizes tried, and it is not (the loss
    rises faster on the small-model side), so the vertex moves with the range of sizes:
    on Porian et al.'s sweeps, about two decades of N per budget, one parabola per
    budget misses the published exponent in most of their configurations (the tests
    check it). Akima's interpolant follows the runs locally, with little overshoot
    between them, and its minimum depends only on the few runs around the lowest loss. Its price: on noisy runs that minimum jumps with
    single runs, which is what the bootstrap measures. The minimum here is the exact
    minimum of the cubic pieces, not a grid search; on Porian et al.'s runs it agrees
    with their grid of (k - 1) x 25 points to within one grid step.

    Examples
    --------
    >>> from scaling_lab.isoflop import synthetic_runs
    >>> N, D, L = synthetic_runs("epoch", noise=0.01, span=0.8, seed=0)
    >>> fit = fit_isoflop(N, 6 * N * D, L, bootstrap=200, seed=1)
    >>> lo, hi = fit.a_interval
    >>> from scaling_lab.chinchilla import allocation_exponents
    >>> bool(lo < allocation_exponents("epoch")[0] < hi), round(fit.a + fit.b, 9)
    (True, 1.0)
    """
    check_choice("method", method, METHODS)
    N = as_array("N", N, positive=True, min_size=3)
    C = as_array("C", C, positive=True, min_size=3)
    L = as_array("L", L, positive=True, min_size=3)
    check_same_length(N=N, C=C, L=L)
    n_boot = check_number("bootstrap", bootstrap, integer=True, nonnegative=True)
    if 0 < n_boot < 40:
        raise ScalingLabError(
            f"'bootstrap' must be 0 (no intervals) or at least 40 (got {n_boot}): fewer "
            "replicates leave less than one in each 2.5% tail of a 95% interval"
        )
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    rtol = check_number("budget_rtol", budget_rtol, nonnegative=True, high=0.5)
    rng = np.random.default_rng(seed)
    groups = _group_budgets(C, rtol)
    largest = max(len(g) for g in groups)
    if n_boot * largest > 5e6:
        raise ScalingLabError(
            f"'bootstrap' = {n_boot} replicates of budgets of up to {largest} runs would "
            f"need about {n_boot * largest * 200 / 1e9:.0f} GB; use at most "
            f"{int(5e6 // largest)} (a few thousand are plenty for a 95% interval)"
        )
    B = len(groups)
    budgets = np.empty(B)
    n_sizes = np.empty(B, dtype=int)
    log_N_opt, log_L_opt = np.empty(B), np.empty(B)
    bracketed = np.zeros(B, dtype=bool)
    boot_N = np.zeros((n_boot, B))
    boot_used = np.zeros((n_boot, B), dtype=bool)
    for j, group in enumerate(groups):
        group = group[np.argsort(N[group], kind="stable")]
        budgets[j] = float(np.exp(np.log(C[group]).mean()))
        log_N, log_L = np.log(N[group]), np.log(L[group])
        n_sizes[j] = np.unique(N[group]).size
        if method == "akima" and n_sizes[j] < group.size:
            repeated = N[group][np.flatnonzero(np.diff(N[group]) == 0)[0]]
            raise ScalingLabError(
                f"budget {budgets[j]:.3g} FLOPs has more than one run of N = "
                f"{repeated:.4g}; Akima interpolation needs one loss per size: average "
                "the repeats first, or use method='parabola'"
            )
        if group.size < 3:
            lowest = int(np.argmin(log_L))
            log_N_opt[j], log_L_opt[j] = log_N[lowest], log_L[lowest]
            warnings.warn(
                f"budget {budgets[j]:.3g} FLOPs has {group.size} run(s); at least 3 "
                "sizes are needed to locate a minimum, so it is left out of the fit",
                ScalingLabWarning, stacklevel=2)
            continue
        x, y, ok = budget_optima(log_N, log_L, np.ones((1, group.size)), method)
        log_N_opt[j], log_L_opt[j], bracketed[j] = x[0], y[0], ok[0]
        if not ok[0]:
            side = "smallest" if x[0] < log_N.mean() else "largest"
            warnings.warn(
                f"budget {budgets[j]:.3g} FLOPs: the optimum is not bracketed: the "
                f"minimum of the {method} interpolant sits at or beyond the {side} of "
                f"the {group.size} sizes tried ({N[group][0]:.3g} to {N[group][-1]:.3g}), "
                f"so this budget is left out of the fit; add {side[:-3]}er models",
                ScalingLabWarning, stacklevel=2)
            continue
        if n_boot:
            counts = rng.multinomial(group.size, np.full(group.size, 1 / group.size),
                                     size=n_boot)
            boot_N[:, j], _, boot_used[:, j] = budget_optima(log_N, log_L, counts,
                                                              method)
    if bracketed.sum() < 3:
        raise ScalingLabError(
            f"only {int(bracketed.sum())} of the {B} budgets have a bracketed minimum; "
            "Approach 2 needs at least 3 (add budgets, or sizes on either side of each "
            "budget's lowest loss)"
        )
    log_C = np.log(budgets)
    log_D_opt = log_C - np.log(6.0) - log_N_opt
    a, log_G = (float(v[0]) for v in _line_fits(log_C, log_N_opt[None], bracketed[None]))
    b, log_H = (float(v[0]) for v in _line_fits(log_C, log_D_opt[None], bracketed[None]))
    a_interval = b_interval = replicates = None
    n_valid = 0
    if n_boot:
        boot_used &= bracketed
        slope_a, icpt_a = _line_fits(log_C, boot_N, boot_used)
        slope_b, icpt_b = _line_fits(log_C, log_C - np.log(6.0) - boot_N, boot_used)
        replicates = np.column_stack([slope_a, icpt_a, slope_b, icpt_b])
        replicates = replicates[np.isfinite(replicates).all(axis=1)]
        n_valid = len(replicates)
        if n_valid < n_boot:
            warnings.warn(
                f"{n_boot - n_valid} of {n_boot} bootstrap replicates had fewer than 3 "
                "bracketed budgets and were left out of the intervals",
                ScalingLabWarning, stacklevel=2)
        if n_valid:
            a_interval = tuple(float(q) for q in np.percentile(replicates[:, 0],
                                                               [2.5, 97.5]))
            b_interval = tuple(float(q) for q in np.percentile(replicates[:, 2],
                                                               [2.5, 97.5]))
    return IsoFLOPApproach2(
        budgets=budgets, N_opt=np.exp(log_N_opt), D_opt=np.exp(log_D_opt),
        loss_opt=np.exp(log_L_opt), bracketed=bracketed, n_sizes=n_sizes, a=a,
        G=float(np.exp(log_G)), b=b, H=float(np.exp(log_H)), a_interval=a_interval,
        b_interval=b_interval, n_bootstrap=n_boot, n_bootstrap_valid=n_valid,
        method=method, replicates=replicates)


