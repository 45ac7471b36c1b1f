"""Seeded runs that carry their own theory: the record and the simplest power law of all.

Design: every simulation of the limits chapter is a seeded pure function returning a
frozen :class:`ScalingRun` that carries its fitted exponent and the exponent theory
predicts, so a test compares the two in one line. The first is the oldest power law in
statistics: the error of a sample mean falls as n^(-1/2) (its square as n^(-1)).

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

from .._validate import ScalingLabError, as_array, check_number
from ..fit import PowerLawFit, fit_power_law

__all__ = ["ScalingRun", "mean_estimation_error"]


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
