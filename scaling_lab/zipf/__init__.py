"""Zipf's law: tokenising text, counting words, and fitting the tail of the counts.

The package has three modules, one idea each: :mod:`~scaling_lab.zipf.text` (the
tokenizer, word counts and ranks), :mod:`~scaling_lab.zipf.fit` (the discrete power-law
fit of Clauset, Shalizi & Newman 2009, through ``powerlaw``, and a readable teaching
version) and :mod:`~scaling_lab.zipf.sample` (seeded synthetic samples from known laws).
The texts and the Moby Dick counts are loaded by :mod:`scaling_lab.datasets`; the
``scaling-lab zipf`` command is :mod:`scaling_lab.cli.zipf`.

Examples
--------
>>> from scaling_lab.zipf import count_words, s_from_alpha
>>> wc = count_words("The cat saw the dog. The dog didn't see the cat.")
>>> wc.tokens, wc.types, wc.top(2)
(11, 6, [('the', 4), ('cat', 2)])
>>> s_from_alpha(2.0)
1.0
"""

from .fit import (
    TailComparison,
    ZipfFit,
    alpha_from_s,
    discrete_mle,
    fit_zipf,
    ks_distance,
    rank_frequency_slope,
    s_from_alpha,
)
from .sample import estimator_study, sample_discrete_power_law, sample_zipf_counts
from .text import (
    MIN_TYPES,
    TOKEN_PATTERN,
    WordCounts,
    count_words,
    log_spaced_ranks,
    rank_frequency,
    tokenize,
    validate_counts,
)

__all__ = [
    "TOKEN_PATTERN",
    "MIN_TYPES",
    "tokenize",
    "WordCounts",
    "count_words",
    "rank_frequency",
    "log_spaced_ranks",
    "validate_counts",
    "s_from_alpha",
    "alpha_from_s",
    "discrete_mle",
    "ks_distance",
    "ZipfFit",
    "TailComparison",
    "fit_zipf",
    "rank_frequency_slope",
    "sample_discrete_power_law",
    "sample_zipf_counts",
    "estimator_study",
]
