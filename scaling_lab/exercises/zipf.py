"""Checks for the exercises of the Zipf chapter.

Every right answer is computed here from :mod:`scaling_lab.zipf`, and each check names
the wrong answers readers actually reach: s and alpha confused, the continuous formula
used on discrete counts, a line through a histogram or a rank plot, ``str.split`` for a
tokenizer.

Examples
--------
>>> from scaling_lab.exercises import check
>>> bool(check("zipf/tokens", 11))
True
>>> print(check("zipf/tokens", 10))  # doctest: +ELLIPSIS
Not yet: the number of tokens = 10: that is what str.split() gives...
"""

from __future__ import annotations

import functools

import numpy as np

from ..datasets import moby_dick_counts
from ..feedback import check_number
from ..fit import histogram_exponent
from ..zipf import (
    discrete_mle,
    fit_zipf,
    rank_frequency_slope,
    s_from_alpha,
    sample_discrete_power_law,
    tokenize,
)
from . import exercise

__all__ = ["TOKENIZER_SENTENCE", "SIMULATION", "simulated_counts"]

#: The sentence of the tokenizer exercise.
TOKENIZER_SENTENCE = "It's 9 o'clock: the well-known cat's owner didn't call—did she?"

#: The seeded synthetic sample of the simulation exercise: true alpha, xmin, size, seed.
SIMULATION = {"alpha": 2.0, "xmin": 1, "size": 5000, "seed": 4}


def simulated_counts() -> np.ndarray:
    """The synthetic (not measured) counts of the ``zipf/simulated-alpha`` exercise.

    >>> simulated_counts().size
    5000
    """
    return sample_discrete_power_law(**SIMULATION)


@functools.lru_cache(maxsize=1)
def _moby_fit():
    return fit_zipf(moby_dick_counts(), compare=False)


@exercise("zipf/s-from-alpha")
def s_from_moby_alpha(answer):
    """Zipf's rank exponent s implied by the Clauset fit of the Moby Dick counts."""
    alpha = _moby_fit().alpha
    return check_number(answer, s_from_alpha(alpha), rtol=0.005, name="s", mistakes={
        "that is alpha - 1, the exponent of P(X >= x); s is its reciprocal, "
        "1 / (alpha - 1)": alpha - 1,
        "that is 1 / alpha; the relation is s = 1 / (alpha - 1)": 1 / alpha,
        "that is 1 + 1/alpha, the relation applied the wrong way round: alpha = 1 + 1/s, "
        "so s = 1 / (alpha - 1)": 1 + 1 / alpha,
        "that is alpha itself, the count exponent; s is the rank exponent": alpha,
    })


@exercise("zipf/discrete-mle")
def moby_discrete_mle(answer):
    """alpha of the Moby Dick counts at xmin = 7 by the discrete closed form (Eq. 3.7).

    The exact discrete MLE and the closed form differ by about 0.1%; both are right.
    """
    counts = moby_dick_counts()
    exact, _ = discrete_mle(counts, 7)
    tail = counts[counts >= 7]
    return check_number(answer, exact, rtol=0.002, name="alpha", mistakes={
        "that is the continuous formula 1 + n / sum ln(x / xmin); discrete counts need "
        "xmin - 1/2 in the logarithm": 1 + tail.size / float(np.sum(np.log(tail / 7))),
        "the '1 +' is missing: alpha = 1 + n / sum ln(x / (xmin - 1/2))":
            tail.size / float(np.sum(np.log(tail / 6.5))),
        "that uses every count, not only those >= xmin = 7: keep the tail only":
            1 + counts.size / float(np.sum(np.log(counts / 0.5))),
    })


@exercise("zipf/tokens")
def token_count(answer):
    """The number of tokens the default tokenizer finds in TOKENIZER_SENTENCE."""
    import re

    lowered = TOKENIZER_SENTENCE.lower()
    return check_number(answer, len(tokenize(TOKENIZER_SENTENCE)), rtol=0.0, atol=0.5,
                        name="the number of tokens", mistakes={
        "that is what str.split() gives: it keeps punctuation and digits attached and "
        "leaves 'well-known' and 'call—did' whole": len(TOKENIZER_SENTENCE.split()),
        "that splits at every apostrophe ('didn't' becomes 'didn' and 't'); the "
        "tokenizer joins letters across a single inner apostrophe":
            len(re.findall(r"[^\W\d_]+", lowered)),
        "that counts the '9' as a word; tokens are runs of letters, and digits "
        "separate them": len(re.findall(r"\w+(?:'\w+)*", lowered)),
    })


@exercise("zipf/simulated-alpha")
def simulated_alpha(answer):
    """alpha estimated from :func:`simulated_counts` (true alpha 2, xmin 1)."""
    x = simulated_counts()
    right, _ = discrete_mle(x, SIMULATION["xmin"])
    return check_number(answer, right, rtol=0.01, name="alpha", mistakes={
        "that is the continuous formula 1 + n / sum ln(x / xmin), badly biased on "
        "discrete counts that start at 1; use the discrete likelihood "
        "(scaling_lab.zipf.discrete_mle)": 1 + x.size / float(np.sum(np.log(x))),
        "that is the closed form with xmin - 1/2 (Eq. 3.7): it is accurate only for "
        "xmin above about 6; at xmin = 1 maximise the exact likelihood":
            discrete_mle(x, 1, method="approx")[0],
        "that is a straight line through a histogram with equal-width bins on log-log "
        "axes: the empty and noisy tail bins bias it": histogram_exponent(x),
        "that is a straight line through a histogram with logarithmic bins: less biased, "
        "still not the maximum-likelihood answer": histogram_exponent(x, binning="log"),
        "that is 1 + 1/s with s from a straight line through the rank-frequency plot: "
        "the staircase of tied counts biases the line":
            1 + 1 / rank_frequency_slope(x),
    })


@functools.lru_cache(maxsize=1)
def _austen_fit():
    from ..datasets import corpus_counts

    return fit_zipf(corpus_counts("austen").counts, compare=False)


@exercise("zipf/own-text")
def own_text_s(answer):
    """Zipf's rank exponent s of Jane Austen's novels, from ``scaling-lab zipf``.

    The right answer is s = 1/(alpha - 1) of the Clauset fit of the novels' word counts;
    the usual wrong answers are alpha itself and a straight line through the rank plot
    (about 1.60 through every rank, of either sign; 1.04 through the tail's ranks).

    >>> bool(own_text_s(_austen_fit().s))
    True
    """
    from ..datasets import corpus_counts

    fit = _austen_fit()
    counts = corpus_counts("austen").counts
    line = rank_frequency_slope(counts)  # s from a line through every rank (about 1.60)
    tail_line = rank_frequency_slope(counts, max_rank=fit.n_tail)
    whole = (f"a straight line through the whole rank-frequency plot (all {counts.size:,} "
             f"ranks, s = {line:.2f}): most of those ranks lie below x_min, outside the "
             "range the power law describes, so the line measures the rare-word "
             "staircase; read s from the command's maximum-likelihood fit")
    return check_number(answer, fit.s, rtol=2e-3, name="s", mistakes={
        "that is alpha, the exponent of the distribution of counts; Zipf's rank "
        "exponent is s = 1/(alpha - 1)": fit.alpha,
        f"that is {whole}": line,
        f"that is the slope itself (s is minus the slope) of {whole}": -line,
        f"that is a straight line through the tail's ranks 1 to {fit.n_tail} (the ranks "
        "the likelihood uses): close, but least squares on a rank plot is not the "
        "maximum-likelihood fit; read s from the command": tail_line,
    })
