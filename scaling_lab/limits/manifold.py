"""Regression on a data manifold: the exponent measures the data's intrinsic dimension.

Design choices:

* **A flat torus, curled into a larger space.** Inputs are uniform on the d-dimensional
  torus, each angle written as a cosine and a sine (2d coordinates) and then rotated at
  random into ``ambient_dimension`` coordinates. The learner sees only the ambient
  coordinates, yet the error falls at a rate set by d: the point Sharma & Kaplan (2022)
  make about neural networks. A torus has no boundary, so no edge effects blur the
  exponent at small N.
* **Two learners with known rates.** Nearest-neighbour regression predicts the value at
  the closest training point: its error is of order the distance to that point,
  :math:`N^{-1/d}`, so the squared error falls as :math:`N^{-2/d}`. Local linear
  regression (a plane fitted to the nearest few points in the manifold's local
  coordinates) errs only by the curvature of the target, :math:`N^{-2/d}`, so the
  squared error falls as :math:`N^{-4/d}`: the ``4/d`` of Sharma & Kaplan, whose
  networks behave like piecewise-linear fits.
* **Seeded, small, averaged, and honest about bias.** A few thousand points and three
  draws pin the exponent to a few hundredths for d up to 4; cost grows quickly with d
  (k-d trees suffer in high dimension), so the chapter stays at d <= 4. At these sizes
  the fitted slope is biased towards zero for larger d (the error is still leaving its
  small-sample plateau), and one seed's interval measures only that seed's scatter:
  :func:`exponent_bias` repeats the experiment over seeds and reports the bias next to
  the estimate.

References
----------
.. [Sharma2022] U. Sharma and J. Kaplan, "A Neural Scaling Law from the Dimension of the
   Data Manifold", JMLR 23 (2022), arXiv:2004.10802.

Examples
--------
>>> from scaling_lab.limits.manifold import manifold_regression_error
>>> run = manifold_regression_error([100, 1000, 10000], dimension=2, seed=0)
>>> run.theory_exponent, round(run.exponent, 1)
(-1.0, -1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.spatial import cKDTree

from .._validate import ScalingLabError, check_choice, check_number
from ..fit import fit_power_law
from .runs import ScalingRun, _sizes

__all__ = ["manifold_exponent", "manifold_regression_error", "torus_points",
           "ExponentBias", "exponent_bias"]

_POWER = {"nearest": 2, "linear": 4}


def manifold_exponent(dimension: int, method: str = "nearest") -> float:
    """The exponent theory predicts for the squared error against N samples.

    ``-2/d`` for nearest-neighbour regression, ``-4/d`` for local linear regression.

    Parameters
    ----------
    dimension : int
        Intrinsic dimension d of the data, >= 1.
    method : {'nearest', 'linear'}, default 'nearest'

    Returns
    -------
    float

    Examples
    --------
    >>> manifold_exponent(4), manifold_exponent(4, "linear")
    (-0.5, -1.0)
    """
    d = check_number("dimension", dimension, integer=True, low=1)
    check_choice("method", method, tuple(_POWER))
    return -_POWER[method] / d


def torus_points(n: int, dimension: int, rotation: np.ndarray, rng) -> tuple:
    """``n`` uniform points on the d-torus: (angles in [0, 1), ambient coordinates).

    >>> rng = np.random.default_rng(0)
    >>> rotation = np.linalg.qr(rng.normal(size=(8, 4)))[0].T
    >>> theta, x = torus_points(5, 2, rotation, rng)
    >>> theta.shape, x.shape, np.allclose((x**2).sum(axis=1), 2.0)
    ((5, 2), (5, 8), True)
    """
    theta = rng.random((n, dimension))
    circle = np.concatenate([np.cos(2 * np.pi * theta), np.sin(2 * np.pi * theta)], axis=1)
    return theta, circle @ rotation


def _target(theta: np.ndarray, phases: np.ndarray) -> np.ndarray:
    # Two periods per circle: smooth, and not linear in the ambient coordinates.
    return np.sin(4 * np.pi * theta + phases).sum(axis=1) / np.sqrt(theta.shape[1])


def _local_linear(tree, x_train, y_train, x_test, dimension: int) -> np.ndarray:
    k = 3 * (dimension + 1)
    _, index = tree.query(x_test, k=k)
    offsets = x_train[index] - x_test[:, None, :]  # (m, k, ambient)
    # The manifold's local coordinates: the top d directions of the neighbours.
    _, _, vt = np.linalg.svd(offsets, full_matrices=False)
    coords = np.einsum("mka,mja->mkj", offsets, vt[:, :dimension, :])
    design = np.concatenate([np.ones(coords.shape[:2] + (1,)), coords], axis=2)
    normal = np.einsum("mki,mkj->mij", design, design)
    rhs = np.einsum("mki,mk->mi", design, y_train[index])
    ridge = 1e-12 * np.eye(dimension + 1)
    return np.linalg.solve(normal + ridge, rhs[..., None])[:, 0, 0]


def manifold_regression_error(sample_sizes, *, dimension: int, method: str = "nearest",
                              ambient_dimension: int = 16, n_test: int = 1000,
                              repeats: int = 3, seed: int = 0) -> ScalingRun:
    r"""Squared error of regression on a d-dimensional manifold against N samples.

    Parameters
    ----------
    sample_sizes : array_like of int
        At least three distinct training-set sizes N, each > ``3 (d + 1)`` for the
        local linear method.
    dimension : int
        Intrinsic dimension d of the data, 1 to 8.
    method : {'nearest', 'linear'}, default 'nearest'
        Nearest-neighbour or local linear regression.
    ambient_dimension : int, default 16
        Coordinates the learner sees, >= 2d.
    n_test : int, default 1000
        Test points per draw.
    repeats : int, default 3
        Independent draws (rotation, target, data); the error is their mean.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    ScalingRun
        With ``theory_exponent`` from :func:`manifold_exponent`.

    Raises
    ------
    ScalingLabError
        For a dimension outside 1..8, an ambient dimension below 2d, or too few samples.

    Notes
    -----
    The target is :math:`f(\theta) = d^{-1/2} \sum_i \sin(4\pi\theta_i + \phi_i)`, a
    smooth function of the angles with random phases, and the training values are
    exact (no noise): the error is all approximation, which is the regime of Sharma &
    Kaplan's argument [Sharma2022]_.

    Examples
    --------
    >>> run = manifold_regression_error([100, 400, 1600], dimension=1, method="linear")
    >>> run.theory_exponent, round(run.exponent)
    (-4.0, -4)
    """
    d = check_number("dimension", dimension, integer=True, low=1, high=8)
    check_choice("method", method, tuple(_POWER))
    low = 3 * (d + 1) + 1 if method == "linear" else 1
    sizes = _sizes("sample_sizes", sample_sizes, low=low)
    ambient = check_number("ambient_dimension", ambient_dimension, integer=True,
                           low=2 * d)
    n_test = check_number("n_test", n_test, integer=True, low=10)
    repeats = check_number("repeats", repeats, integer=True, low=1)
    rng = np.random.default_rng(seed)
    errors = np.zeros((repeats, sizes.size))
    for r in range(repeats):
        rotation = np.linalg.qr(rng.normal(size=(ambient, 2 * d)))[0].T
        phases = rng.uniform(0, 2 * np.pi, d)
        theta_test, x_test = torus_points(n_test, d, rotation, rng)
        theta, x = torus_points(int(sizes.max()), d, rotation, rng)
        y, y_test = _target(theta, phases), _target(theta_test, phases)
        for j, n in enumerate(sizes):
            tree = cKDTree(x[:n])
            if method == "nearest":
                _, index = tree.query(x_test, k=1)
                prediction = y[:n][index]
            else:
                prediction = _local_linear(tree, x[:n], y[:n], x_test, d)
            errors[r, j] = np.mean((prediction - y_test) ** 2)
    errors = errors.mean(axis=0)
    label = f"{'nearest neighbour' if method == 'nearest' else 'local linear'}, d = {d}"
    return ScalingRun(sizes, errors, manifold_exponent(d, method),
                      fit_power_law(sizes, errors), label)


@dataclass(frozen=True)
class ExponentBias:
    """The fitted exponent of one experiment repeated over seeds, against its theory.

    Attributes
    ----------
    label : str
        What was simulated.
    theory : float
        The exponent theory predicts (:func:`manifold_exponent`).
    seeds : tuple of int
        The seeds, one experiment each.
    exponents : numpy.ndarray
        The fitted exponent of each seed.
    intervals : numpy.ndarray
        Each seed's 95% interval on its exponent, shape (seeds, 2).

    Examples
    --------
    >>> b = exponent_bias([100, 1000, 10000], dimension=1, seeds=(0, 1))
    >>> b.exponents.shape, b.intervals.shape
    ((2,), (2, 2))
    """

    label: str
    theory: float
    seeds: tuple
    exponents: np.ndarray
    intervals: np.ndarray

    @property
    def mean(self) -> float:
        """The mean exponent over seeds."""
        return float(np.mean(self.exponents))

    @property
    def bias(self) -> float:
        """Mean exponent minus theory: positive means flatter than theory."""
        return self.mean - self.theory

    @property
    def mean_interval(self) -> tuple:
        """A 95% interval on the mean over seeds (Student t on the seed-to-seed scatter)."""
        n = len(self.exponents)
        half = stats.t.ppf(0.975, n - 1) * np.std(self.exponents, ddof=1) / np.sqrt(n)
        return (self.mean - half, self.mean + half)

    @property
    def excluded(self) -> int:
        """How many of the per-seed 95% intervals exclude the theoretical exponent."""
        low, high = self.intervals[:, 0], self.intervals[:, 1]
        return int(np.sum((self.theory < low) | (self.theory > high)))


def exponent_bias(sample_sizes, *, dimension: int, method: str = "nearest",
                  seeds=(0, 1, 2, 3), **options) -> ExponentBias:
    """Repeat :func:`manifold_regression_error` over seeds and compare with theory.

    One seed's 95% interval on the slope reflects the scatter of its points about a
    straight line, not the systematic bend of a curve that has not reached its
    asymptotic slope; repeating over seeds shows both: the spread of the estimates and
    their mean's distance from theory (the bias at these sample sizes).

    Parameters
    ----------
    sample_sizes : array_like of int
        As for :func:`manifold_regression_error`.
    dimension : int
        Intrinsic dimension d.
    method : {'nearest', 'linear'}, default 'nearest'
    seeds : sequence of int, default (0, 1, 2, 3)
        At least two seeds.
    **options
        Passed to :func:`manifold_regression_error` (``repeats``, ``n_test``, ...).

    Returns
    -------
    ExponentBias

    Examples
    --------
    >>> b = exponent_bias(np.unique(np.logspace(2, 4, 7).round()), dimension=4)
    >>> b.theory, round(b.mean, 2), b.excluded
    (-0.5, -0.44, 4)
    """
    seeds = tuple(int(s) for s in seeds)
    if len(seeds) < 2 or len(set(seeds)) != len(seeds):
        raise ScalingLabError(
            f"'seeds' must hold at least two distinct seeds (got {seeds}); the bias is "
            "measured across repetitions"
        )
    runs = [manifold_regression_error(sample_sizes, dimension=dimension, method=method,
                                      seed=s, **options) for s in seeds]
    return ExponentBias(runs[0].label, runs[0].theory_exponent, seeds,
                        np.array([r.exponent for r in runs]),
                        np.array([r.fit.n_interval for r in runs]))
