r"""Fitting the laws of :mod:`scaling_lab.beyond` to runs: over-training, error, sigmoids.

Design choices:

* **Least squares in the loss, from a grid of starts.** Gadre et al. (2024) fit their
  over-training law and their error law with ``scipy.optimize.curve_fit`` on the loss
  itself, from a grid of starting points, keeping the best (``mlfoundations/scaling``,
  ``scaling/laws.py``). :func:`fit_overtraining_law` and :func:`fit_error_law` do the
  same with ``scipy.optimize.least_squares`` (coefficients fitted through their
  logarithms, so they stay positive), so on the authors' five runs they land on the
  authors' optimum.
* **Intervals by resampling runs.** Each fit can bootstrap: the runs are drawn with
  replacement and refitted from the best fit, ``bootstrap`` times; a prediction's
  interval is the spread of the refitted laws there. With a handful of runs the
  bootstrap says little (five runs, four parameters): the chapter fits more runs too.
* **A sigmoid with a given floor.** :func:`fit_sigmoid` fits the midpoint and slope of
  :func:`scaling_lab.beyond.sigmoid_accuracy` with the chance level fixed, so two
  parameters are estimated, and bootstraps the models for their intervals.
* **Benchmarks move together.** :func:`capability_share` standardises a table of
  scores and reports the variance share of each principal component, with a bootstrap
  interval on the first (the idea behind Ruan et al. 2024's capabilities).

Examples
--------
A noiseless law is recovered:

>>> from scaling_lab.beyond import OvertrainingLaw
>>> true = OvertrainingLaw(E=1.8, a=120.0, b=300.0, eta=0.13)
>>> N = np.repeat([1e7, 5e7, 2e8, 8e8], 3)
>>> M = np.tile([10.0, 40.0, 160.0], 4)
>>> fit = fit_overtraining_law(N, M * N, true.loss_ND(N, M * N))
>>> round(fit.law.eta, 4), round(fit.law.E, 3)
(0.13, 1.8)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from . import published
from ._validate import ScalingLabError, as_array, check_number, check_same_length
from .beyond import OvertrainingLaw, error_from_loss, sigmoid_accuracy, sigmoid_width

__all__ = ["OvertrainingFit", "fit_overtraining_law", "ErrorLawFit", "fit_error_law",
           "SigmoidFit", "fit_sigmoid", "CapabilityShare", "capability_share"]


def _prepare(min_points, **arrays):
    arrays = {k: as_array(k, v, positive=k != "x") for k, v in arrays.items()}
    n = check_same_length(**arrays)
    if n < min_points:
        raise ScalingLabError(
            f"need at least {min_points} points to fit (got {n}); add runs"
        )
    return arrays, n


def _best(residuals, starts, lower, upper):
    best = None
    for x0 in starts:
        r = least_squares(residuals, x0, bounds=(lower, upper), method="trf",
                          x_scale="jac", max_nfev=2000)
        if best is None or r.cost < best.cost:
            best = r
    return best


def _bootstrap(n, refit, n_boot, seed):
    n_boot = check_number("bootstrap", n_boot, integer=True, nonnegative=True)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_boot):
        idx = rng.integers(0, n, n)
        if np.unique(idx).size < 3:
            continue
        out.append(refit(idx))
    return np.array(out) if out else np.empty((0, 0))


@dataclass(frozen=True)
class OvertrainingFit:
    """A fit of Gadre et al.'s law (see :func:`fit_overtraining_law`).

    Attributes
    ----------
    law : OvertrainingLaw
        The best fit.
    n_points : int
    rmse : float
        Root-mean-square residual of the loss (nats).
    replicates : numpy.ndarray
        Bootstrap refits, one row (E, a, b, eta) each (empty without a bootstrap).
    method : str
    """

    law: OvertrainingLaw
    n_points: int
    rmse: float
    replicates: np.ndarray
    method: str = "least squares in L, grid of starts"

    def predict(self, N, D) -> np.ndarray:
        """The fitted loss at N parameters and D tokens."""
        return self.law.loss_ND(N, D)

    def interval(self, N, D, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """The bootstrap interval of the fitted law at (N, D).

        Raises ScalingLabError without a bootstrap (fit with ``bootstrap=200``).
        """
        if self.replicates.size == 0:
            raise ScalingLabError("this fit has no bootstrap; refit with bootstrap=200")
        N = as_array("N", N, positive=True)[:, None]
        D = as_array("D", D, positive=True)[:, None]
        E, a, b, eta = (col[None, :] for col in self.replicates.T)
        C, M = published.FLOPS_PER_PARAM_PER_TOKEN * N * D, D / N
        laws = E + (a * M**eta + b * M**-eta) * C**-eta
        tail = 100 * (1 - level) / 2
        low, high = np.percentile(laws, [tail, 100 - tail], axis=1)
        return low, high


def fit_overtraining_law(N, D, L, *, bootstrap: int = 0, seed: int = 0
                         ) -> OvertrainingFit:
    r"""Fit :math:`L = E + (a M^{\eta} + b M^{-\eta}) C^{-\eta}` to runs (C = 6ND, M = D/N).

    Parameters
    ----------
    N, D, L : array_like
        Parameters, tokens and loss (nats) of each run; at least 4 runs.
    bootstrap : int, default 0
        Case-resampling replicates for :meth:`OvertrainingFit.interval`.
    seed : int, default 0

    Returns
    -------
    OvertrainingFit
    """
    arrays, n = _prepare(4, N=N, D=D, L=L)
    N, D, L = arrays["N"], arrays["D"], arrays["L"]
    C, M = published.FLOPS_PER_PARAM_PER_TOKEN * N * D, D / N
    logC, logM = np.log(C), np.log(M)

    def model(p, idx):
        E, la, lb, eta = p
        return E + (np.exp(la + eta * logM[idx]) + np.exp(lb - eta * logM[idx])) \
            * np.exp(-eta * logC[idx])

    def fit(idx, starts):
        r = _best(lambda p: model(p, idx) - L[idx], starts,
                  [0.0, -20.0, -20.0, 1e-3], [float(L.min()), 40.0, 40.0, 2.0])
        return r

    # In (E, a, b, eta): a = a_code 6^eta spans about 1e2 to 1e4; b = b_code.
    starts = [np.array([e, np.log(a), np.log(b), eta]) for a, b, eta, e in
              itertools.product((1e2, 1e3, 1e4), (1e2, 1e3), (0.05, 0.15),
                                (0.0, 1.0, 2.0))]
    starts = [s for s in starts if s[0] < L.min()]
    best = fit(np.arange(n), starts)
    E, la, lb, eta = best.x

    def refit(idx):
        x = fit(idx, [best.x]).x
        return [x[0], np.exp(x[1]), np.exp(x[2]), x[3]]

    reps = _bootstrap(n, refit, bootstrap, seed)
    law = OvertrainingLaw(E=float(E), a=float(np.exp(la)), b=float(np.exp(lb)),
                          eta=float(eta), name="fitted")
    rmse = float(np.sqrt(np.mean((law.loss_ND(N, D) - L) ** 2)))
    return OvertrainingFit(law=law, n_points=n, rmse=rmse, replicates=reps)


@dataclass(frozen=True)
class ErrorLawFit:
    """A fit of Err(L) = epsilon - k exp(-gamma L) (see :func:`fit_error_law`).

    Attributes: ``epsilon``, ``k``, ``gamma``, ``n_points``, ``rmse`` (error units) and
    ``replicates`` (bootstrap rows of epsilon, k, gamma).
    """

    epsilon: float
    k: float
    gamma: float
    n_points: int
    rmse: float
    replicates: np.ndarray

    def predict(self, L) -> np.ndarray:
        """The fitted error at loss L."""
        return error_from_loss(L, epsilon=self.epsilon, k=self.k, gamma=self.gamma)

    def interval(self, L, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """The bootstrap interval of the fitted curve at L."""
        if self.replicates.size == 0:
            raise ScalingLabError("this fit has no bootstrap; refit with bootstrap=200")
        L = as_array("L", L, positive=True)[:, None]
        eps, k, gamma = (col[None, :] for col in self.replicates.T)
        tail = 100 * (1 - level) / 2
        return tuple(np.percentile(eps - k * np.exp(-gamma * L), [tail, 100 - tail],
                                   axis=1))


def fit_error_law(L, err, *, bootstrap: int = 0, seed: int = 0) -> ErrorLawFit:
    r"""Fit Gadre et al.'s :math:`\mathrm{Err}(L) = \epsilon - k e^{-\gamma L}`.

    Parameters
    ----------
    L : array_like
        Validation loss of each model (nats).
    err : array_like
        Its average top-1 error, in (0, 1).
    bootstrap, seed : int

    Examples
    --------
    >>> L = np.linspace(2.5, 5.5, 8)
    >>> f = fit_error_law(L, 0.85 - 2.2 * np.exp(-0.7 * L))
    >>> round(f.epsilon, 3), round(f.gamma, 3)
    (0.85, 0.7)
    """
    arrays, n = _prepare(3, L=L, err=err)
    L, err = arrays["L"], arrays["err"]

    def fit(idx, starts):
        return _best(lambda p: p[0] - np.exp(p[1] - p[2] * L[idx]) - err[idx], starts,
                     [0.0, -20.0, 1e-3], [2.0, 20.0, 10.0])

    starts = [np.array([e, np.log(k), g]) for e, k, g in
              itertools.product((0.7, 0.9), (0.5, 2.0, 8.0), (0.3, 1.0))]
    best = fit(np.arange(n), starts)

    def refit(idx):
        x = fit(idx, [best.x]).x
        return [x[0], np.exp(x[1]), x[2]]

    reps = _bootstrap(n, refit, bootstrap, seed)
    eps, lk, gamma = best.x
    pred = eps - np.exp(lk - gamma * L)
    return ErrorLawFit(epsilon=float(eps), k=float(np.exp(lk)), gamma=float(gamma),
                       n_points=n, rmse=float(np.sqrt(np.mean((pred - err) ** 2))),
                       replicates=reps)


@dataclass(frozen=True)
class SigmoidFit:
    """A logistic fit of accuracy against log compute (see :func:`fit_sigmoid`).

    Attributes
    ----------
    floor : float
        The chance level (given).
    midpoint, slope : float
        Best fit: log10 FLOPs at half the rise, and steepness per decade.
    midpoint_interval, slope_interval, width_interval : tuple of float
        95% bootstrap intervals (models resampled).
    n_points : int
    residual_sd : float
        Standard deviation of accuracy about the curve.
    """

    floor: float
    midpoint: float
    slope: float
    midpoint_interval: tuple
    slope_interval: tuple
    width_interval: tuple
    n_points: int
    residual_sd: float

    @property
    def width(self) -> float:
        """Decades of compute from 10% to 90% of the rise."""
        return sigmoid_width(self.slope)

    def predict(self, x) -> np.ndarray:
        """The fitted accuracy at log10 FLOPs x."""
        return sigmoid_accuracy(x, floor=self.floor, midpoint=self.midpoint,
                                slope=self.slope)


def fit_sigmoid(x, y, *, floor: float, bootstrap: int = 200, seed: int = 0
                ) -> SigmoidFit:
    """Fit accuracy = floor + (1 - floor) / (1 + exp(-slope (x - midpoint))).

    Parameters
    ----------
    x : array_like
        log10 training FLOPs of each model.
    y : array_like
        Its accuracy, in [0, 1].
    floor : float
        The benchmark's chance level, fixed.
    bootstrap : int, default 200
        Replicates (models resampled with replacement), at least 20.
    seed : int, default 0

    Examples
    --------
    >>> x = np.linspace(20, 25, 30)
    >>> y = sigmoid_accuracy(x, floor=0.25, midpoint=23.0, slope=1.5)
    >>> f = fit_sigmoid(x, y, floor=0.25, bootstrap=20)
    >>> round(f.midpoint, 3), round(f.slope, 3)
    (23.0, 1.5)
    """
    x = as_array("x", x)
    y = as_array("y", y, nonnegative=True)
    check_same_length(x=x, y=y)
    if x.size < 5:
        raise ScalingLabError(f"need at least 5 models to fit a sigmoid (got {x.size})")
    floor = check_number("floor", floor, nonnegative=True)
    n_boot = check_number("bootstrap", bootstrap, integer=True, low=20)

    def fit(idx, starts):
        return _best(lambda p: sigmoid_accuracy(x[idx], floor=floor, midpoint=p[0],
                                                slope=np.exp(p[1])) - y[idx],
                     starts, [x.min() - 10, np.log(1e-3)], [x.max() + 10, np.log(50.0)])

    starts = [np.array([m, np.log(s)]) for m in np.percentile(x, [25, 50, 75, 95])
              for s in (0.5, 1.5, 4.0)]
    best = fit(np.arange(x.size), starts)
    reps = _bootstrap(x.size, lambda idx: fit(idx, [best.x]).x, n_boot, seed)
    mid, slope = best.x[0], float(np.exp(best.x[1]))
    slopes = np.exp(reps[:, 1])
    widths = 2 * np.log(9) / slopes

    def ci(v):
        return tuple(float(q) for q in np.percentile(v, [2.5, 97.5]))

    resid = sigmoid_accuracy(x, floor=floor, midpoint=mid, slope=slope) - y
    return SigmoidFit(floor=floor, midpoint=float(mid), slope=slope,
                      midpoint_interval=ci(reps[:, 0]), slope_interval=ci(slopes),
                      width_interval=ci(widths), n_points=int(x.size),
                      residual_sd=float(np.std(resid, ddof=2)))


@dataclass(frozen=True)
class CapabilityShare:
    """How much of the models' benchmark scores one direction explains.

    Attributes
    ----------
    explained : numpy.ndarray
        Share of the variance of the standardised scores along each principal
        component, largest first (sums to 1).
    first_interval : tuple of float
        95% bootstrap interval (models resampled) of the first share.
    loadings : numpy.ndarray
        The first component's weight on each benchmark (sign fixed so they sum > 0).
    n_models : int
    """

    explained: np.ndarray
    first_interval: tuple
    loadings: np.ndarray
    n_models: int


def _shares(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = (scores - scores.mean(axis=0)) / scores.std(axis=0, ddof=1)
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    share = s**2 / np.sum(s**2)
    first = vt[0] if vt[0].sum() > 0 else -vt[0]
    return share, first


def capability_share(scores, *, bootstrap: int = 200, seed: int = 0) -> CapabilityShare:
    """Principal components of standardised benchmark scores (Ruan et al. 2024's idea).

    Parameters
    ----------
    scores : array_like, shape (models, benchmarks)
        Accuracies with no missing values (drop incomplete models first).
    bootstrap : int, default 200
        Replicates, at least 20.
    seed : int, default 0

    Examples
    --------
    Two benchmarks that measure one thing give one component:

    >>> rng = np.random.default_rng(0)
    >>> skill = rng.normal(size=200)
    >>> s = np.column_stack([skill, 2 * skill + 0.01 * rng.normal(size=200)])
    >>> round(float(capability_share(s, bootstrap=20).explained[0]), 3)
    1.0
    """
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 2 or scores.shape[0] < 5 or scores.shape[1] < 2:
        raise ScalingLabError(
            f"'scores' must be a table of at least 5 models by 2 benchmarks (got shape "
            f"{scores.shape})"
        )
    if not np.isfinite(scores).all():
        raise ScalingLabError("'scores' has missing values; keep the complete models: "
                              "scores[np.isfinite(scores).all(axis=1)]")
    n_boot = check_number("bootstrap", bootstrap, integer=True, low=20)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    share, first = _shares(scores)
    rng = np.random.default_rng(seed)
    n = scores.shape[0]
    firsts = [_shares(scores[rng.integers(0, n, n)])[0][0] for _ in range(n_boot)]
    low, high = np.percentile(firsts, [2.5, 97.5])
    return CapabilityShare(explained=share, first_interval=(float(low), float(high)),
                           loadings=first, n_models=n)
