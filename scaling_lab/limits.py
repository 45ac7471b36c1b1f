"""Where the straight line ends: small, seeded experiments behind the last chapter.

Design choices:

* **Every simulation is a seeded pure function.** The same seed gives the same numbers,
  so the book, the tests and a reader's notebook agree to the last digit. Simulations
  return a frozen :class:`ScalingRun` that carries its fitted exponent and the exponent
  theory predicts, so a test can compare the two in one line.
* **Small on purpose.** Each experiment runs in well under a second on a laptop: the
  point is the exponent, which a few hundred to a few thousand samples already pin down.
* **Linear algebra done once.** The double-descent experiment needs test errors for many
  noise levels and ridge penalties. The min-norm and ridge solutions are linear in the
  targets, so one SVD per model size gives the error for every noise level as a
  quadratic ``a + 2 sigma b + sigma^2 c`` and for every penalty by reweighting singular
  values; an explorer over noise costs nothing extra.
* **Metrics as functions of a loss.** Emergence is modelled the way Schaeffer et al.
  (2023) do: a per-token loss that falls as a smooth power law, scored by exact match over
  ``k`` tokens. The functions take a loss and return a score, so any law can feed them.

The nearest-neighbour experiment on a data manifold lives in :mod:`scaling_lab.manifold`.

References
----------
.. [Belkin2019] M. Belkin, D. Hsu, S. Ma and S. Mandal, "Reconciling modern
   machine-learning practice and the classical bias-variance trade-off", PNAS 116 (2019),
   arXiv:1812.11118.
.. [Nakkiran2019] P. Nakkiran et al., "Deep Double Descent: Where Bigger Models and More
   Data Hurt", ICLR 2020, arXiv:1912.02292.
.. [Schaeffer2023] R. Schaeffer, B. Miranda and S. Koyejo, "Are Emergent Abilities of
   Large Language Models a Mirage?", NeurIPS 2023, arXiv:2304.15004.
.. [Muennighoff2023] N. Muennighoff et al., "Scaling Data-Constrained Language Models",
   NeurIPS 2023, arXiv:2305.16264.

Examples
--------
>>> from scaling_lab.limits import mean_estimation_error
>>> run = mean_estimation_error([10, 100, 1000], trials=400, seed=0)
>>> run.theory_exponent, round(run.exponent, 1)
(-1.0, -1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg

from . import published
from ._validate import ScalingLabError, as_array, check_number
from .fit import PowerLawFit, fit_power_law

__all__ = [
    "ScalingRun",
    "mean_estimation_error",
    "DoubleDescentRun",
    "random_features_curve",
    "TASK_LOSS",
    "task_loss",
    "exact_match",
    "emergence_threshold",
    "transition_width",
    "effective_data",
    "repeated_data_value",
]


@dataclass(frozen=True)
class ScalingRun:
    """The result of a scaling simulation: an error measured at several sizes.

    Attributes
    ----------
    sizes : numpy.ndarray
        The sizes (samples D, in the course's symbols) at which the error was measured.
    errors : numpy.ndarray
        The measured mean squared error at each size.
    theory_exponent : float
        The exponent theory predicts for ``errors ∝ sizes^n``.
    fit : PowerLawFit
        A pure power law fitted to ``(sizes, errors)`` on log-log axes.
    label : str
        What was simulated, for legends.

    Examples
    --------
    >>> run = mean_estimation_error([10, 100, 1000], trials=200)
    >>> run.sizes.tolist(), run.theory_exponent
    ([10, 100, 1000], -1.0)
    """

    sizes: np.ndarray
    errors: np.ndarray
    theory_exponent: float
    fit: PowerLawFit
    label: str

    @property
    def exponent(self) -> float:
        """The fitted exponent n of ``errors ≈ k sizes^n``.

        >>> mean_estimation_error([10, 100, 1000], trials=200).exponent < 0
        True
        """
        return self.fit.n


def _sizes(name: str, values, low: int = 1) -> np.ndarray:
    sizes = as_array(name, values, positive=True, min_size=3)
    if np.any(sizes != np.round(sizes)) or sizes.min() < low:
        raise ScalingLabError(
            f"{name!r} must hold whole numbers >= {low} (got {sizes.tolist()})"
        )
    if np.unique(sizes).size != sizes.size:
        raise ScalingLabError(f"{name!r} must not repeat a size (got {sizes.tolist()})")
    return sizes.astype(int)


def mean_estimation_error(sample_sizes, *, sigma: float = 1.0, trials: int = 2000,
                          seed: int = 0) -> ScalingRun:
    r"""Mean squared error of the sample mean of N Gaussian draws, by simulation.

    For N independent draws of variance :math:`\sigma^2`, the sample mean has mean squared
    error :math:`\sigma^2 / N` exactly: a power law with exponent -1, the classical
    :math:`1/N` of parametric estimation.

    Parameters
    ----------
    sample_sizes : array_like of int
        At least three distinct sample sizes N >= 1.
    sigma : float, default 1.0
        Standard deviation of one draw, > 0.
    trials : int, default 2000
        Independent repetitions per size; the error is their average.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    ScalingRun
        With ``theory_exponent = -1``.

    Raises
    ------
    ScalingLabError
        For sizes that are not distinct whole numbers >= 1, or a non-positive ``sigma``.

    Examples
    --------
    >>> run = mean_estimation_error([1, 10, 100, 1000], sigma=2.0, trials=2000)
    >>> (run.errors * run.sizes / 4).round(1)   # sigma^2 / N, so this is about 1
    array([1., 1., 1., 1.])
    """
    sizes = _sizes("sample_sizes", sample_sizes)
    sigma = check_number("sigma", sigma, positive=True)
    trials = check_number("trials", trials, integer=True, low=2)
    rng = np.random.default_rng(seed)
    errors = np.array([
        np.mean(rng.normal(0.0, sigma, size=(trials, n)).mean(axis=1) ** 2)
        for n in sizes
    ])
    return ScalingRun(sizes, errors, -1.0, fit_power_law(sizes, errors),
                      "error of the sample mean")


# -- double descent ---------------------------------------------------------------------

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


# -- emergence as a metric effect -------------------------------------------------------

#: The synthetic task of the emergence experiment (teaching values, not measurements):
#: per-token loss L(N) = (N_c / N)^alpha in nats.
TASK_LOSS = {"N_c": 1e7, "alpha": 0.5}


def task_loss(N, *, N_c: float = TASK_LOSS["N_c"], alpha: float = TASK_LOSS["alpha"]
              ) -> np.ndarray:
    r"""Per-token loss :math:`L(N) = (N_c/N)^\alpha` (nats) of the synthetic task.

    Parameters
    ----------
    N : array_like
        Parameters, > 0.
    N_c : float, default ``TASK_LOSS["N_c"]``
        Scale of the law, > 0.
    alpha : float, default ``TASK_LOSS["alpha"]``
        Exponent, > 0.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> task_loss([1e7, 1e9]).round(3)
    array([1. , 0.1])
    """
    N = as_array("N", N, positive=True)
    N_c = check_number("N_c", N_c, positive=True)
    alpha = check_number("alpha", alpha, positive=True)
    return (N_c / N) ** alpha


def exact_match(loss, k: int) -> np.ndarray:
    r"""Probability that all ``k`` tokens of an answer are right: :math:`e^{-kL}`.

    With per-token loss L (nats), the probability of the right token is
    :math:`p = e^{-L}`; if the k tokens are right independently, exact match scores
    :math:`p^k = e^{-kL}` (the argument of Schaeffer et al. 2023).

    Parameters
    ----------
    loss : array_like
        Per-token losses in nats, >= 0.
    k : int
        Tokens in the answer, >= 1.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> exact_match([0.1], k=10).round(4)
    array([0.3679])
    """
    loss = as_array("loss", loss, nonnegative=True)
    k = check_number("k", k, integer=True, low=1)
    return np.exp(-k * loss)


def emergence_threshold(k: int, *, level: float = 0.5, N_c: float = TASK_LOSS["N_c"],
                        alpha: float = TASK_LOSS["alpha"]) -> float:
    r"""The N at which exact match over ``k`` tokens reaches ``level``.

    Solving :math:`e^{-k (N_c/N)^\alpha} = q` gives
    :math:`N = N_c\,\left(k / \ln(1/q)\right)^{1/\alpha}`: k tokens move the threshold
    by a factor :math:`k^{1/\alpha}`.

    Parameters
    ----------
    k : int
        Tokens in the answer, >= 1.
    level : float, default 0.5
        Exact-match score, in (0, 1).
    N_c, alpha : float
        The task's per-token law (see :func:`task_loss`).

    Returns
    -------
    float

    Examples
    --------
    >>> round(emergence_threshold(1) / 1e7, 3)     # (1 / ln 2)^2
    2.081
    >>> round(emergence_threshold(10) / emergence_threshold(1), 6)   # 10^(1/alpha)
    100.0
    """
    k = check_number("k", k, integer=True, low=1)
    level = check_number("level", level, positive=True)
    if level >= 1:
        raise ScalingLabError(f"'level' must be in (0, 1) (got {level!r})")
    N_c = check_number("N_c", N_c, positive=True)
    alpha = check_number("alpha", alpha, positive=True)
    return float(N_c * (k / np.log(1 / level)) ** (1 / alpha))


def transition_width(alpha: float, *, low: float = 0.1, high: float = 0.9) -> float:
    r"""Decades of N over which exact match climbs from ``low`` to ``high``.

    From :func:`emergence_threshold`, the ratio of the two thresholds is
    :math:`\left(\ln(1/\mathrm{low}) / \ln(1/\mathrm{high})\right)^{1/\alpha}`, whatever
    k and N_c: the width on a log-N axis is set by the exponent alone.

    Parameters
    ----------
    alpha : float
        Exponent of the per-token loss, > 0.
    low, high : float
        Scores, 0 < low < high < 1.

    Returns
    -------
    float
        ``log10`` of the ratio of the two thresholds.

    Examples
    --------
    >>> round(transition_width(0.5), 3)
    2.679
    """
    alpha = check_number("alpha", alpha, positive=True)
    low = check_number("low", low, positive=True)
    high = check_number("high", high, positive=True)
    if not low < high < 1:
        raise ScalingLabError(
            f"need 0 < low < high < 1 (got low={low!r}, high={high!r})"
        )
    return float(np.log10(np.log(1 / low) / np.log(1 / high)) / alpha)


# -- repeated data ----------------------------------------------------------------------

def effective_data(unique_tokens, epochs, *,
                   r_star: float = published.MUENNIGHOFF.R_D_star) -> np.ndarray:
    r"""Effective tokens of ``epochs`` passes over ``unique_tokens`` (Muennighoff 2023).

    :math:`D' = U + U R^* (1 - e^{-R/R^*})` with :math:`R = \text{epochs} - 1`
    repetitions: each further pass is worth less, and no amount of repetition is worth
    more than :math:`U (1 + R^*)` fresh tokens (Muennighoff et al. 2023).

    Parameters
    ----------
    unique_tokens : array_like
        Unique tokens U, > 0.
    epochs : array_like
        Passes over the data, >= 1 (fractional passes allowed).
    r_star : float, default ``published.MUENNIGHOFF.R_D_star``
        The fitted decay constant of repeated data, > 0.

    Returns
    -------
    numpy.ndarray
        Effective tokens, broadcast over the inputs.

    Examples
    --------
    >>> effective_data(1e9, [1, 4, 100]).round(-7) / 1e9
    array([ 1.  ,  3.73, 16.38])
    """
    unique = as_array("unique_tokens", unique_tokens, positive=True)
    epochs = as_array("epochs", epochs, positive=True)
    if (epochs < 1).any():
        raise ScalingLabError(
            f"'epochs' must be >= 1 (got {epochs[epochs < 1][0]:g}); one epoch is one "
            "pass over the unique data"
        )
    r_star = check_number("r_star", r_star, positive=True)
    repeats = epochs - 1
    return unique + unique * r_star * (1 - np.exp(-repeats / r_star))


def repeated_data_value(epochs, *, r_star: float = published.MUENNIGHOFF.R_D_star
                        ) -> np.ndarray:
    """Effective tokens per token trained on: 1 for fresh data, less when repeated.

    The ratio :math:`D'/D` with :math:`D = U \\cdot` epochs tokens seen.

    Examples
    --------
    >>> repeated_data_value([1, 4, 40]).round(2)
    array([1.  , 0.93, 0.38])
    """
    epochs = as_array("epochs", epochs, positive=True)
    return effective_data(1.0, epochs, r_star=r_star) / epochs
