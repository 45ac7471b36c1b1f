r"""Extrapolation backtests: fit on the smallest scales, predict the rest, and score.

A scaling law is used to extrapolate, so judge it by extrapolating: hide the largest
scales, fit on the smallest k, and compare each hidden measurement with the prediction
and its prediction interval. A law whose misses fall inside their intervals about as
often as the intervals promise has earned some trust; one whose misses fall outside has
not, however well it fits the points it saw.

Design choices:

* **Any fitter.** :func:`backtest` knows nothing about power laws. It takes a callable
  ``fitter(x_train, y_train)`` that returns a fit object with two methods,
  ``predict(x)`` (an array of predictions) and ``predict_interval(x, level)`` (a
  ``(low, high)`` pair of arrays: the interval for a *new measurement* at ``x``, not
  only for the law). :class:`~scaling_lab.fit.PowerLawFit` has both, and
  :func:`power_law_fitter` wraps :func:`~scaling_lab.fit.fit_power_law`; a fitter of
  the Chinchilla law, or of anything else, plugs in the same way.
* **Runs are rows; scales order them.** ``x`` may be one value per run (a 1-D array) or
  several (a 2-D array with one row per run, e.g. columns N and D). The runs are
  ordered by ``scale`` (by default ``x`` itself when it is 1-D), and *k* counts distinct
  scales, not runs: with several runs per compute budget, "the smallest k budgets" keeps
  every run of those budgets together.
* **Every split is reported.** The result holds one row per (k, held-out run) pair, so
  a chapter can tabulate it, plot it, or summarise it by the coverage of its intervals.
  The rows of different k share runs, so they are not independent trials: coverage is a
  description of this data set, not a calibrated test.

Examples
--------
>>> import numpy as np
>>> from scaling_lab.backtest import backtest, power_law_fitter
>>> x = np.logspace(6, 11, 12)
>>> y = 406.4 * x**-0.34 * np.exp(np.random.default_rng(0).normal(0, 0.02, 12))
>>> bt = backtest(x, y, power_law_fitter(), train_sizes=[6])
>>> bt.train_size.tolist() == [6] * 6, round(bt.coverage, 2)
(True, 1.0)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import ScalingLabError, as_array, check_number
from .fit import fit_power_law

__all__ = ["Backtest", "backtest", "power_law_fitter"]


@dataclass(frozen=True)
class Backtest:
    """The result of :func:`backtest`: one entry per (train size, held-out run).

    Attributes
    ----------
    train_size : numpy.ndarray of int
        k: the fit saw the runs of the k smallest distinct scales.
    run : numpy.ndarray of int
        Index of the held-out run in the arrays passed to :func:`backtest`.
    scale : numpy.ndarray
        The held-out run's scale.
    largest_train_scale : numpy.ndarray
        The largest scale the fit saw (extrapolation is ``scale / largest_train_scale``).
    observed, predicted, low, high : numpy.ndarray
        The measurement, the fit's prediction and its prediction interval.
    level : float
        Level of the prediction intervals.

    Examples
    --------
    >>> bt = Backtest(np.array([3]), np.array([3]), np.array([10.0]), np.array([5.0]),
    ...               np.array([1.0]), np.array([1.1]), np.array([0.9]),
    ...               np.array([1.2]), 0.95)
    >>> bool(bt.inside[0]), round(float(bt.relative_error[0]), 4), bt.coverage
    (True, -0.0909, 1.0)
    """

    train_size: np.ndarray
    run: np.ndarray
    scale: np.ndarray
    largest_train_scale: np.ndarray
    observed: np.ndarray
    predicted: np.ndarray
    low: np.ndarray
    high: np.ndarray
    level: float

    @property
    def inside(self) -> np.ndarray:
        """Whether each measurement lies inside its prediction interval."""
        return (self.low <= self.observed) & (self.observed <= self.high)

    @property
    def relative_error(self) -> np.ndarray:
        """(observed - predicted) / predicted for each entry."""
        return (self.observed - self.predicted) / self.predicted

    @property
    def extrapolation(self) -> np.ndarray:
        """How far past the data each prediction reaches: scale / largest_train_scale."""
        return self.scale / self.largest_train_scale

    @property
    def coverage(self) -> float:
        """Share of the entries whose measurement lies inside its interval."""
        return float(np.mean(self.inside))

    def for_train_size(self, k: int) -> Backtest:
        """The entries of one train size k.

        >>> x = np.logspace(0, 3, 8)
        >>> bt = backtest(x, 2 * x**-0.5 * (1 + 0.01 * np.sin(x)), power_law_fitter(),
        ...               min_train=4)
        >>> bt.for_train_size(5).run.tolist()
        [5, 6, 7]
        """
        keep = self.train_size == k
        if not keep.any():
            raise ScalingLabError(
                f"'k' must be one of the train sizes of this backtest, "
                f"{sorted(set(self.train_size.tolist()))} (got {k!r})"
            )
        return Backtest(*(getattr(self, f)[keep] for f in (
            "train_size", "run", "scale", "largest_train_scale", "observed", "predicted",
            "low", "high")), self.level)

    def summary(self) -> list[dict]:
        """One row per train size: k, held-out runs, coverage, largest |relative error|.

        >>> x = np.logspace(0, 3, 8)
        >>> bt = backtest(x, 2 * x**-0.5 * (1 + 0.01 * np.sin(x)), power_law_fitter(),
        ...               min_train=4)
        >>> [row["k"] for row in bt.summary()]
        [4, 5, 6, 7]
        """
        rows = []
        for k in sorted(set(self.train_size.tolist())):
            part = self.for_train_size(k)
            rows.append({
                "k": k,
                "held_out": int(part.run.size),
                "inside": int(part.inside.sum()),
                "coverage": part.coverage,
                "max_abs_relative_error": float(np.max(np.abs(part.relative_error))),
                "max_extrapolation": float(np.max(part.extrapolation)),
            })
        return rows


def power_law_fitter(*, offset: bool = False) -> Callable:
    """A fitter for :func:`backtest`: ``fit_power_law(x, y, offset=offset)``.

    The fits it returns (:class:`~scaling_lab.fit.PowerLawFit`) have ``predict`` and
    ``predict_interval``, which is all :func:`backtest` needs.

    >>> fitter = power_law_fitter(offset=True)
    >>> x = np.logspace(6, 10, 8)
    >>> round(fitter(x, 1.69 + 406.4 * x**-0.34).offset, 3)
    1.69
    """
    offset = bool(offset)

    def fitter(x, y):
        return fit_power_law(x, y, offset=offset)

    fitter.__name__ = f"power_law_fitter(offset={offset})"
    return fitter


def backtest(x, y, fitter: Callable, *, scale=None, train_sizes=None,
             min_train: int = 3, level: float = 0.95) -> Backtest:
    """Fit on the runs of the k smallest scales, predict the others, for each k.

    Parameters
    ----------
    x : array_like
        The inputs of each run: shape (m,) for one value per run, or (m, p) for p
        values per run (e.g. ``np.column_stack([N, D])``). Passed to the fitter and to
        the fit's methods row-subset by row-subset, in the same layout.
    y : array_like
        The measurement of each run (a loss), shape (m,), finite.
    fitter : callable
        ``fitter(x_train, y_train) -> fit``, where ``fit.predict(x)`` returns the
        predictions at the rows of ``x`` and ``fit.predict_interval(x, level)`` returns
        ``(low, high)``, the interval for a new measurement at each row. For example
        :func:`power_law_fitter`, or a small wrapper around any other fitting function.
    scale : array_like, optional
        What orders the runs, shape (m,), positive: model size, data, compute. Required
        when ``x`` is 2-D; defaults to ``x`` when it is 1-D.
    train_sizes : sequence of int, optional
        The numbers k of smallest distinct scales to fit on; each must leave at least
        one scale to predict. Default: every k from ``min_train`` to the number of
        distinct scales minus one.
    min_train : int, default 3
        Smallest k of the default ``train_sizes``.
    level : float, default 0.95
        Level of the prediction intervals, passed to ``predict_interval``.

    Returns
    -------
    Backtest
        One entry per (k, held-out run), in increasing k and scale.

    Raises
    ------
    ScalingLabError
        On mismatched lengths, a 2-D ``x`` without ``scale``, a train size that leaves
        nothing to predict (or is below 1), or a fit without ``predict`` or
        ``predict_interval``, or whose predictions have the wrong shape.

    See Also
    --------
    scaling_lab.fit.PowerLawFit.predict_interval : the interval of the power-law fits.

    Examples
    --------
    A forgotten offset, judged by what it predicts (synthetic data):

    >>> x = np.logspace(6, 11, 12)
    >>> y = (1.69 + 406.4 * x**-0.34) * np.exp(np.random.default_rng(0).normal(0, 0.02, 12))
    >>> pure = backtest(x, y, power_law_fitter(), train_sizes=[6])
    >>> with_offset = backtest(x, y, power_law_fitter(offset=True), train_sizes=[6])
    >>> round(pure.coverage, 2), round(with_offset.coverage, 2)
    (0.17, 1.0)

    A fitter with two inputs per run (columns N and D), ordered by compute 6ND:

    >>> class Mean:                       # the simplest "law": a constant
    ...     def __init__(self, y): self.y = np.mean(y); self.s = np.std(y, ddof=1)
    ...     def predict(self, X): return np.full(len(X), self.y)
    ...     def predict_interval(self, X, level):
    ...         return self.predict(X) - 3 * self.s, self.predict(X) + 3 * self.s
    >>> X = np.column_stack([np.logspace(6, 9, 8), np.logspace(8, 11, 8)])
    >>> bt = backtest(X, np.ones(8) + 0.01 * np.arange(8), lambda X, y: Mean(y),
    ...               scale=6 * X[:, 0] * X[:, 1], train_sizes=[4])
    >>> bt.run.tolist()
    [4, 5, 6, 7]
    """
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2):
        raise ScalingLabError(f"'x' must be 1-D (one value per run) or 2-D (one row per "
                              f"run), got an array of shape {x.shape}")
    y = as_array("y", y)
    if x.shape[0] != y.size:
        raise ScalingLabError(f"'x' and 'y' must describe the same runs: {x.shape[0]} "
                              f"rows of x against {y.size} values of y")
    if scale is None:
        if x.ndim == 2:
            raise ScalingLabError("'scale' is needed when 'x' is 2-D: pass what orders "
                                  "the runs, e.g. scale=6 * N * D for compute")
        scale = x
    scale = as_array("scale", scale, positive=True)
    if scale.size != y.size:
        raise ScalingLabError(f"'scale' must have one value per run ({y.size}), "
                              f"got {scale.size}")
    level = check_number("level", level, positive=True, high=1)
    distinct = np.unique(scale)
    if train_sizes is None:
        min_train = int(check_number("min_train", min_train, integer=True, low=1))
        train_sizes = range(min_train, distinct.size)
    sizes = [int(check_number("train_sizes", k, integer=True, low=1)) for k in train_sizes]
    if not sizes:
        raise ScalingLabError(
            f"no train size to try: {distinct.size} distinct scales and "
            f"min_train={min_train}; lower 'min_train' or bring more scales")
    for k in sizes:
        if k >= distinct.size:
            raise ScalingLabError(
                f"'train_sizes' entry {k} leaves no scale to predict: the data have "
                f"{distinct.size} distinct scales, so k must be at most "
                f"{distinct.size - 1}")
    if not callable(fitter):
        raise ScalingLabError(f"'fitter' must be callable, fitter(x_train, y_train) -> "
                              f"fit (got {type(fitter).__name__})")
    columns = {name: [] for name in ("train_size", "run", "scale", "largest_train_scale",
                                     "observed", "predicted", "low", "high")}
    order = np.argsort(scale, kind="stable")
    for k in sizes:
        cut = distinct[k - 1]
        train = order[scale[order] <= cut]
        test = order[scale[order] > cut]
        fit = fitter(x[train], y[train])
        for name in ("predict", "predict_interval"):
            if not callable(getattr(fit, name, None)):
                raise ScalingLabError(
                    f"the fit returned by 'fitter' has no {name}() method (got a "
                    f"{type(fit).__name__}); wrap it so that it has predict(x) and "
                    "predict_interval(x, level)")
        predicted = np.asarray(fit.predict(x[test]), dtype=float).ravel()
        low, high = (np.asarray(v, dtype=float).ravel()
                     for v in fit.predict_interval(x[test], level))
        if not predicted.size == low.size == high.size == test.size:
            raise ScalingLabError(
                f"the fit's predictions have {predicted.size}, {low.size} and "
                f"{high.size} values for {test.size} held-out runs; predict and "
                "predict_interval must return one value per row of x")
        columns["train_size"].append(np.full(test.size, k))
        columns["run"].append(test)
        columns["scale"].append(scale[test])
        columns["largest_train_scale"].append(np.full(test.size, cut))
        columns["observed"].append(y[test])
        columns["predicted"].append(predicted)
        columns["low"].append(low)
        columns["high"].append(high)
    return Backtest(**{name: np.concatenate(v) for name, v in columns.items()},
                    level=level)
