"""Zipf's law: tokenising text, counting words, and fitting the tail of the counts.

The package has five modules, one idea each: :mod:`~scaling_lab.zipf.text` (the
tokenizer, word counts and ranks), :mod:`~scaling_lab.zipf.fit` (the discrete power-law
fit of Clauset, Shalizi & Newman 2009, through ``powerlaw``, a readable teaching version
and the likelihood-ratio tests), :mod:`~scaling_lab.zipf.scan` (the same fit at every
candidate ``x_min`` at once, in array arithmetic, for the bootstrap tests of
:mod:`scaling_lab.stats`), :mod:`~scaling_lab.zipf.ranks` (the local slopes of the rank
curve, where the law holds) and :mod:`~scaling_lab.zipf.sample` (seeded synthetic samples
from known laws).
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
    discrete_stderr,
    fit_zipf,
    ks_distance,
    likelihood_ratio,
    rank_frequency_slope,
    s_from_alpha,
)
from .ranks import LocalSlopes, local_rank_slopes
from .sample import (
    draw_discrete_power_law,
    estimator_study,
    sample_discrete_power_law,
    sample_zipf_counts,
)
from .scan import XminScan, hurwitz_zeta, scan_xmin
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
    "discrete_stderr",
    "ks_distance",
    "ZipfFit",
    "TailComparison",
    "fit_zipf",
    "likelihood_ratio",
    "rank_frequency_slope",
    "LocalSlopes",
    "local_rank_slopes",
    "hurwitz_zeta",
    "XminScan",
    "scan_xmin",
    "sample_discrete_power_law",
    "draw_discrete_power_law",
    "sample_zipf_counts",
    "estimator_study",
]
