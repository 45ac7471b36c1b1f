"""Zipf's law, part 3: seeded synthetic samples, and the estimator study built on them.

Design: every sample here is synthetic and seeded, drawn from a known law, so that a
fit's answer can be compared with the truth.

Examples
--------
>>> from scaling_lab.zipf import sample_zipf_counts
>>> float(sample_zipf_counts(1.0, types=100, tokens=1000, seed=0).sum())
1000.0
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import special

from .._validate import check_number
from .fit import alpha_from_s, discrete_mle, rank_frequency_slope

__all__ = ["sample_discrete_power_law", "draw_discrete_power_law", "sample_zipf_counts",
           "estimator_study"]


def sample_discrete_power_law(alpha: float, xmin: int, size: int, seed: int) -> np.ndarray:
    """Seeded synthetic samples from the discrete power law p(x) ∝ x^-alpha, x >= xmin.

    Exact inversion of the cumulative distribution up to x = xmin + 10^6, and the
    continuous approximation of Clauset et al. 2009 (App. D) beyond, where the two
    agree.

    >>> x = sample_discrete_power_law(2.0, 1, 5, seed=0)
    >>> x.dtype, bool(x.min() >= 1)
    (dtype('float64'), True)
    """
    alpha = check_number("alpha", alpha, low=1.0 + 1e-6)
    xmin = check_number("xmin", xmin, integer=True, low=1)
    size = check_number("size", size, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    return draw_discrete_power_law(alpha, xmin, size, np.random.default_rng(seed))


def draw_discrete_power_law(alpha: float, xmin: int, size: int,
                            rng: np.random.Generator) -> np.ndarray:
    """Like :func:`sample_discrete_power_law`, from a caller's random generator.

    The bootstrap tests of :mod:`scaling_lab.stats` draw every replicate from one seeded
    generator, so they pass it here (the arguments are not checked again).

    >>> x = draw_discrete_power_law(2.5, 3, 4, np.random.default_rng(0))
    >>> bool(x.min() >= 3), x.size
    (True, 4)
    """
    table = _discrete_cdf(float(alpha), int(xmin))
    u = rng.random(int(size))
    out = np.empty(int(size))
    inside = u < table[-1]
    out[inside] = xmin + np.searchsorted(table, u[inside], side="right")
    top = xmin + table.size - 0.5  # continuous tail beyond the table
    v = (1.0 - u[~inside]) / (1.0 - table[-1])
    out[~inside] = np.floor(top * v ** (-1.0 / (alpha - 1.0)) + 0.5)
    return out


def estimator_study(alpha: float = 2.0, *, size: int = 5000, repeats: int = 20,
                    seed: int = 0) -> dict[str, np.ndarray]:
    """Three estimates of alpha on many seeded synthetic samples of a known law.

    Each repeat draws ``size`` counts from the discrete power law with exponent
    ``alpha`` and ``xmin = 1`` (seed ``seed + i``) and estimates alpha three ways:
    ``'maximum likelihood'`` (:func:`discrete_mle`), ``'rank line'`` (1 + 1/s with s
    from a straight line through the rank-frequency plot, :func:`rank_frequency_slope`) and
    ``'histogram line'`` (a straight line through a log-log histogram with equal-width
    bins, :func:`scaling_lab.fit.histogram_exponent`).

    Returns
    -------
    dict of str to numpy.ndarray
        One array of ``repeats`` estimates per method.

    Examples
    --------
    >>> study = estimator_study(2.0, size=2000, repeats=5)
    >>> bool(abs(study["maximum likelihood"].mean() - 2.0) < 0.03)
    True
    """
    from ..fit import histogram_exponent

    alpha = check_number("alpha", alpha, low=1.05, high=5.0)
    size = check_number("size", size, integer=True, low=100)
    repeats = check_number("repeats", repeats, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    out: dict[str, list] = {"maximum likelihood": [], "rank line": [],
                            "histogram line": []}
    for i in range(repeats):
        x = sample_discrete_power_law(alpha, 1, size, seed=seed + i)
        out["maximum likelihood"].append(discrete_mle(x, 1)[0])
        out["rank line"].append(alpha_from_s(rank_frequency_slope(x)))
        out["histogram line"].append(histogram_exponent(x))
    return {key: np.array(values) for key, values in out.items()}


@functools.lru_cache(maxsize=16)
def _discrete_cdf(alpha: float, xmin: int) -> np.ndarray:
    x = np.arange(xmin, xmin + 1_000_000, dtype=float)
    pmf = x**-alpha / special.zeta(alpha, xmin)
    return np.cumsum(pmf)


def sample_zipf_counts(s: float, types: int, tokens: int, seed: int) -> np.ndarray:
    """Word counts of a seeded synthetic corpus drawn from Zipf's law.

    ``tokens`` words are drawn independently from a vocabulary of ``types`` words where
    the word of rank r has probability ∝ r^-s. Returns the counts of the words that
    occur (unseen words are absent), largest first.

    >>> c = sample_zipf_counts(1.0, types=1000, tokens=10000, seed=0)
    >>> int(c.sum()), bool(np.all(np.diff(c) <= 0))
    (10000, True)
    """
    s = check_number("s", s, positive=True)
    types = check_number("types", types, integer=True, low=2)
    tokens = check_number("tokens", tokens, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    p = np.arange(1, types + 1, dtype=float) ** -s
    counts = np.random.default_rng(seed).multinomial(tokens, p / p.sum()).astype(float)
    counts = np.sort(counts[counts > 0])[::-1]
    return counts
