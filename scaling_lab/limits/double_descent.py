"""Double descent: the test error of random-features regression against model size.

Design: linear algebra done once. The min-norm and ridge solutions are linear in the
targets, so one SVD per model size gives the error for every noise level as a quadratic
``a + 2 sigma b + sigma^2 c`` and for every penalty by reweighting singular values; an
explorer over noise costs nothing extra. Seeded.

References
----------
.. [Belkin2019] M. Belkin, D. Hsu, S. Ma and S. Mandal, "Reconciling modern
   machine-learning practice and the classical bias-variance trade-off", PNAS 116 (2019),
   arXiv:1812.11118.
.. [Nakkiran2019] P. Nakkiran et al., "Deep Double Descent: Where Bigger Models and More
   Data Hurt", ICLR 2020, arXiv:1912.02292.

Examples
--------
>>> from scaling_lab.limits import random_features_curve
>>> run = random_features_curve(40, [10, 40, 160], seed=0)
>>> len(run.n_features)
3
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg

from .._validate import ScalingLabError, as_array, check_number

__all__ = ["RIDGES", "DoubleDescentRun", "random_features_curve"]


#: Ridge penalties tried when "tuning" the random-features model (plus 0, the min-norm fit).
RIDGES = (0.0, 1e-3, 1e-2, 1e-1, 1.0, 10.0)


@dataclass(frozen=True)
class DoubleDescentRun:
    """Test errors of random-features regression over model sizes, noise and penalties.

    Produced by :func:`random_features_curve`. The error of draw ``r``, penalty ``j``
    and model size ``i`` at noise level sigma is
    ``a[r, j, i] + 2 sigma b[r, j, i] + sigma**2 c[r, j, i]`` (test error against the
    noiseless target).

    Attributes
    ----------
    n_samples : int
        Training samples.
    n_features : numpy.ndarray
        Model sizes N (random features; parameters in the course's symbols).
    ridges : tuple of float
        The penalties; ``ridges[0]`` is 0, the min-norm least-squares fit.
    a, b, c : numpy.ndarray
        Coefficients of the error, shape (draws, penalties, sizes).

    Examples
    --------
    >>> run = random_features_curve(20, [5, 20, 80], repeats=2)
    >>> run.a.shape
    (2, 6, 3)
    """

    n_samples: int
    n_features: np.ndarray
    ridges: tuple
    a: np.ndarray
    b: np.ndarray
    c: np.ndarray

    def _errors(self, noise: float) -> np.ndarray:
        noise = check_number("noise", noise, nonnegative=True)
        return self.a + 2 * noise * self.b + noise**2 * self.c

    def test_error(self, noise: float = 0.0) -> np.ndarray:
        """Median test error of the min-norm fit (no penalty) at each model size.

        >>> run = random_features_curve(20, [5, 20, 80], repeats=4)
        >>> run.test_error(0.1).shape
        (3,)
        """
        return np.median(self._errors(noise)[:, 0, :], axis=0)

    def tuned_error(self, noise: float = 0.0) -> np.ndarray:
        """Median test error with the best penalty of :data:`RIDGES` at each size.

        The best penalty is chosen in hindsight, per draw and size: an oracle for the
        tuning a practitioner does with held-out data.

        >>> run = random_features_curve(20, [5, 20, 80], repeats=4)
        >>> bool(np.all(run.tuned_error(0.5) <= run.test_error(0.5) + 1e-12))
        True
        """
        return np.median(self._errors(noise).min(axis=1), axis=0)

    def peak(self, noise: float = 0.0) -> int:
        """The model size N at which the min-norm test error is largest.

        >>> random_features_curve(20, [5, 10, 20, 40, 80], repeats=4).peak(0.2)
        20
        """
        return int(self.n_features[np.argmax(self.test_error(noise))])


def _relu_features(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return np.maximum(_product(x, weights), 0.0)


def _product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Matrix product without BLAS threads.

    The matrices here are small; a multi-threaded BLAS spends longer waking its threads
    than multiplying, and on a busy machine much longer. ``einsum`` without
    optimisation runs in the calling thread.
    """
    return np.einsum("ij,jk->ik", left, right)


def random_features_curve(n_samples: int, n_features, *, input_dimension: int = 16,
                          n_test: int = 500, repeats: int = 8, ridges=RIDGES,
                          seed: int = 0) -> DoubleDescentRun:
    r"""Random-features regression over model sizes: the double-descent experiment.

    Inputs :math:`x \in \mathbb{R}^p` are standard Gaussian; the target is the
    nonlinear :math:`f(x) = \tanh(2\, x \cdot \beta)` with :math:`\beta` random of unit
    expected norm; training targets add Gaussian noise of standard deviation sigma. A
    model of size N keeps the first N of a fixed set of random ReLU features
    :math:`\max(0, w_j \cdot x)`, :math:`w_j \sim \mathcal{N}(0, I/p)`, and fits their
    weights by least squares: the minimum-norm solution when N exceeds the samples
    (what gradient descent from zero finds), or ridge regression with a penalty. The
    test error is the mean squared error against :math:`f` on fresh inputs.

    Parameters
    ----------
    n_samples : int
        Training samples D, >= 2.
    n_features : array_like of int
        Model sizes N to try, each >= 1. Features are nested: size N uses the first N.
    input_dimension : int, default 16
        Dimension p of the inputs.
    n_test : int, default 500
        Test inputs per draw.
    repeats : int, default 8
        Independent draws (data, features, target); results are medians over draws.
    ridges : sequence of float, default :data:`RIDGES`
        Penalties; the first must be 0 (the min-norm fit).
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    DoubleDescentRun

    Notes
    -----
    With training features :math:`F` (D by N) and test features :math:`F_*`, the ridge
    prediction is :math:`F_* F^\top (F F^\top + \lambda I)^{-1} y`, and
    :math:`\lambda \to 0` (with a pseudo-inverse) gives the minimum-norm least-squares
    fit, :math:`F_* F^{+} y`. One eigendecomposition of the D-by-D matrix
    :math:`F F^\top` serves every penalty, and the prediction is linear in
    :math:`y = f + \sigma\varepsilon`, so the test error is a quadratic in sigma. Near
    :math:`N = D` the smallest eigenvalue approaches 0 and the min-norm weights blow up:
    the peak of double descent [Belkin2019]_ [Nakkiran2019]_.

    Examples
    --------
    >>> run = random_features_curve(40, [10, 40, 640], repeats=6)
    >>> err = run.test_error(noise=0.2)
    >>> bool(err[1] > err[0] and err[1] > err[2])    # a peak at N = D
    True
    """
    n = check_number("n_samples", n_samples, integer=True, low=2)
    sizes = as_array("n_features", n_features, positive=True)
    if np.any(sizes != np.round(sizes)):
        raise ScalingLabError(
            f"'n_features' must hold whole numbers (got {sizes.tolist()})"
        )
    sizes = sizes.astype(int)
    p = check_number("input_dimension", input_dimension, integer=True, low=1)
    n_test = check_number("n_test", n_test, integer=True, low=10)
    repeats = check_number("repeats", repeats, integer=True, low=1)
    ridges = tuple(float(r) for r in ridges)
    if not ridges or ridges[0] != 0.0 or any(r < 0 for r in ridges):
        raise ScalingLabError(
            f"'ridges' must start with 0 (the min-norm fit) and hold penalties >= 0 "
            f"(got {ridges})"
        )
    rng = np.random.default_rng(seed)
    shape = (repeats, len(ridges), sizes.size)
    a, b, c = np.empty(shape), np.empty(shape), np.empty(shape)
    lam = np.asarray(ridges)[:, None]
    for r in range(repeats):
        beta = rng.normal(size=p) / np.sqrt(p)
        weights = rng.normal(size=(p, int(sizes.max()))) / np.sqrt(p)
        x, x_test = rng.normal(size=(n, p)), rng.normal(size=(n_test, p))
        f, f_test = np.tanh(2 * x @ beta), np.tanh(2 * x_test @ beta)
        eps = rng.normal(size=n)
        feats, feats_test = _relu_features(x, weights), _relu_features(x_test, weights)
        # Kernel form: predictions are K_test (G + lambda)^+ y with G = F F^T and
        # K_test = F_test F^T. Features are nested, so G and K_test grow by blocks.
        gram, cross, done = np.zeros((n, n)), np.zeros((n_test, n)), 0
        for i in np.argsort(sizes):
            size = int(sizes[i])
            if size > done:
                block, block_test = feats[:, done:size], feats_test[:, done:size]
                gram += _product(block, block.T)
                cross += _product(block_test, block.T)
                done = size
            evals, evecs = linalg.eigh(gram, check_finite=False)
            keep = evals > evals.max() * 1e-12  # the pseudo-inverse's cut-off
            evals, evecs = evals[keep], evecs[:, keep]
            # Dual coefficients (G + lambda)^+ y per penalty, for y = f and y = eps,
            # then one product with the test kernel: shape (n_test, 2 * penalties).
            inverse = 1.0 / (evals + lam)  # (penalties, rank)
            dual = _product(evecs, np.concatenate([inverse * (evecs.T @ f),
                                                   inverse * (evecs.T @ eps)]).T)
            pred_f, pred_e = np.split(_product(cross, dual), 2, axis=1)
            resid = pred_f - f_test[:, None]
            a[r, :, i] = np.mean(resid**2, axis=0)
            b[r, :, i] = np.mean(resid * pred_e, axis=0)
            c[r, :, i] = np.mean(pred_e**2, axis=0)
    return DoubleDescentRun(n, sizes, ridges, a, b, c)
