"""Checks for the exercises of the chapter "Where the straight line ends".

Every right answer is computed here from the package, and each check names the wrong
answers readers are likely to give.

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("limits/implied-dimension", 52.6))  # doctest: +ELLIPSIS
Correct: ...
>>> print(check("limits/implied-dimension", 26.3))  # doctest: +ELLIPSIS
Not yet: d = 26.3: that is 2/alpha_N...
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..feedback import check_number
from ..fit import fit_power_law
from ..limits import (
    TASK_LOSS,
    emergence_threshold,
    mean_estimation_error,
    repeated_data_value,
)
from . import exercise

#: Sample sizes of the mean-estimation exercise.
MEAN_SIZES = (4, 16, 64, 256, 1024)


def mean_rms_exponent(seed: int = 0) -> float:
    """The exponent of the RMS error of the mean, fitted to the exercise's simulation.

    >>> round(mean_rms_exponent(), 2)
    -0.5
    """
    run = mean_estimation_error(MEAN_SIZES, trials=2000, seed=seed)
    return fit_power_law(run.sizes, np.sqrt(run.errors)).n


@exercise("limits/mean-rms")
def mean_rms(answer):
    """The fitted exponent of the root-mean-square error of the sample mean (≈ -1/2)."""
    right = mean_rms_exponent()
    return check_number(answer, right, rtol=0.04, name="the exponent", mistakes={
        "that is the exponent of the mean *squared* error, sigma^2/N; the RMS error is "
        "its square root, so its exponent is half as large": 2 * right,
    })


@exercise("limits/implied-dimension")
def implied_dimension(answer):
    """The intrinsic dimension d that alpha ≈ 4/d assigns to Kaplan's alpha_N."""
    alpha = published.KAPLAN.alpha_N
    four = published.SHARMA_KAPLAN["numerator"]
    right = four / alpha
    return check_number(answer, right, rtol=0.02, name="d", mistakes={
        "that is 2/alpha_N, the nearest-neighbour rate; Sharma & Kaplan's networks "
        "behave like piecewise-linear fits, alpha ≈ 4/d": 2 / alpha,
        "that is 1/alpha_N: the relation is alpha ≈ 4/d, so d ≈ 4/alpha": 1 / alpha,
        "that is alpha_N / 4; solve alpha = 4/d for d": alpha / four,
        "that uses Kaplan's data exponent alpha_D; the question is about alpha_N":
            four / published.KAPLAN.alpha_D,
    })


#: Answer length of the emergence exercise.
EMERGENCE_K = 20


@exercise("limits/emergence-threshold")
def emergence_threshold_check(answer):
    """The N at which exact match over 20 tokens of the task reaches 50%."""
    right = emergence_threshold(EMERGENCE_K)
    n_c, alpha, k = TASK_LOSS["N_c"], TASK_LOSS["alpha"], EMERGENCE_K
    return check_number(answer, right, rtol=0.02, name="N", units="parameters", mistakes={
        "that forgets the power 1/alpha: from (N_c/N)^alpha = ln 2 / k, "
        "N = N_c (k / ln 2)^(1/alpha)": n_c * k / np.log(2),
        "that is the threshold for a single token; with k tokens the per-token loss "
        "must fall to ln 2 / k": emergence_threshold(1),
        "that uses log10(2) where the natural logarithm belongs (the loss is in nats)":
            n_c * (k / np.log10(2)) ** (1 / alpha),
        "that solves p^k = 0.5 with p = 1 - L instead of p = exp(-L)":
            n_c * (1 / (1 - 0.5 ** (1 / k))) ** (1 / alpha),
    })


#: Samples and noise of the interpolation-peak exercise.
PEAK_SAMPLES, PEAK_NOISE = 40, 0.5


@exercise("limits/interpolation-peak")
def interpolation_peak(answer):
    """The model size N at which min-norm test error peaks, with D = 40 samples."""
    from ..explorers.limits import double_descent_run

    right = float(double_descent_run(PEAK_SAMPLES).peak(PEAK_NOISE))
    return check_number(answer, right, rtol=0.1, name="N", mistakes={
        "that is the input dimension p = 16; the peak sits where the number of features "
        "meets the number of samples": 16.0,
        "that is twice the samples; look again where the error is largest": 2.0 * right,
        "that is half the samples; look again where the error is largest": right / 2,
    })


@exercise("limits/epoch-value")
def epoch_value(answer):
    """Effective tokens per token trained on, at 4 epochs (Muennighoff et al. 2023)."""
    epochs = published.MUENNIGHOFF.negligible_epochs
    right = float(repeated_data_value(epochs)[0])
    return check_number(answer, right, rtol=0.01, name="the value per token", mistakes={
        "that is D'/U, effective tokens per *unique* token; divide by the epochs to get "
        "the value per token trained on": right * epochs,
        "that is 1/epochs, as if repeated tokens were worth nothing": 1 / epochs,
        "that treats every repeated token as fresh; the formula discounts repeats": 1.0,
    })
