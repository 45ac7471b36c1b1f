"""The exponent of a heavy-tailed population: maximum likelihood against a histogram line.

Design: :func:`pareto_mle` is the teaching version of Clauset et al.'s estimator (the
Zipf chapter uses the ``powerlaw`` package for the full method); :func:`histogram_exponent`
is the popular recipe it replaces, kept so the power-laws chapter can show its bias.
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, as_array, check_choice, check_number

__all__ = ["pareto_mle", "histogram_exponent"]


def pareto_mle(samples, xmin: float) -> tuple[float, float]:
    r"""Maximum-likelihood exponent of a continuous power-law tail, with its error.

    For samples :math:`x_i \ge x_\mathrm{min}` from :math:`p(x) \propto x^{-\alpha}`,
    the likelihood is maximised by
    :math:`\hat\alpha = 1 + m \left[\sum_i \ln(x_i / x_\mathrm{min})\right]^{-1}`,
    with standard error :math:`(\hat\alpha - 1)/\sqrt{m}` (Clauset et al. 2009,
    Eq. 3.1 and 3.2). This is the teaching version; tests check it against the
    ``powerlaw`` package, which the Zipf chapter uses for the full method.

    Parameters
    ----------
    samples : array_like
        Positive samples; those below ``xmin`` are not part of the tail and are
        excluded by definition (the count used is in the result of
        :func:`numpy.count_nonzero` on ``samples >= xmin``).
    xmin : float
        Lower bound of the tail, > 0.

    Returns
    -------
    (alpha, stderr) : tuple of float

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = (1 - rng.random(20000)) ** (-1 / 1.5)   # alpha = 2.5, xmin = 1
    >>> alpha, err = pareto_mle(x, xmin=1.0)
    >>> round(alpha, 2), round(err, 3)
    (2.49, 0.011)
    """
    samples = as_array("samples", samples, positive=True, min_size=2)
    xmin = check_number("xmin", xmin, positive=True)
    tail = samples[samples >= xmin]
    if tail.size < 2:
        raise ScalingLabError(
            f"only {tail.size} samples are >= xmin={xmin:g}; lower 'xmin' or bring more data"
        )
    m = tail.size
    alpha = 1 + m / float(np.sum(np.log(tail / xmin)))
    return alpha, float((alpha - 1) / np.sqrt(m))


def histogram_exponent(samples, *, bins: int = 30, binning: str = "linear") -> float:
    """The exponent a straight line through a log-log histogram gives (a biased method).

    This is the method of many blog posts: histogram the samples, divide counts by bin
    widths, and fit a straight line to log density against log x. Empty bins have no
    logarithm and are left out (one source of the bias); with equal-width bins the
    tail is a few noisy counts that the line weighs like the head. The power-laws
    chapter compares it with :func:`pareto_mle`.

    Parameters
    ----------
    samples : array_like
        Positive samples.
    bins : int, default 30
        Number of bins between the smallest and largest sample.
    binning : {'linear', 'log'}, default 'linear'
        Equal-width bins (the common mistake) or logarithmic bins (less biased, still
        not the maximum-likelihood answer).

    Returns
    -------
    float
        Minus the fitted slope, i.e. the density exponent alpha this method reports.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = (1 - rng.random(2000)) ** (-1 / 1.5)   # true alpha = 2.5
    >>> round(histogram_exponent(x), 2), round(histogram_exponent(x, binning="log"), 2)
    (2.12, 2.47)
    """
    samples = as_array("samples", samples, positive=True, min_size=10)
    bins = int(check_number("bins", bins, integer=True, low=3))
    check_choice("binning", binning, ("linear", "log"))
    if binning == "log":
        edges = np.logspace(np.log10(samples.min()), np.log10(samples.max()), bins + 1)
    else:
        edges = np.linspace(samples.min(), samples.max(), bins + 1)
    counts, _ = np.histogram(samples, bins=edges)
    density = counts / np.diff(edges) / samples.size
    centres = 0.5 * (edges[:-1] + edges[1:])
    keep = counts > 0
    slope = np.polyfit(np.log(centres[keep]), np.log(density[keep]), 1)[0]
    return float(-slope)
