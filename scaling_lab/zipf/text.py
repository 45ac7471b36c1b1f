"""Zipf's law, part 1: tokenising text, counting words, ranking the counts.

Design: one tokenizer, stated exactly. Lowercase the text; a token is a maximal run of
Unicode letters, joined across a single inner apostrophe (:data:`TOKEN_PATTERN`). Digits
and underscores split words, so Austen's ``_italics_`` count as plain words. Texts
themselves are loaded by :mod:`scaling_lab.datasets`.

Examples
--------
>>> from scaling_lab.zipf import count_words
>>> wc = count_words("The cat saw the dog. The dog didn't see the cat.")
>>> wc.tokens, wc.types, wc.top(2)
(11, 6, [('the', 4), ('cat', 2)])
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .._validate import ScalingLabError, as_array, check_number

__all__ = ["TOKEN_PATTERN", "MIN_TYPES", "tokenize", "WordCounts", "count_words",
           "rank_frequency", "log_spaced_ranks", "validate_counts"]

#: The default tokenizer's pattern, applied to lowercased text.
TOKEN_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN = re.compile(TOKEN_PATTERN)

#: Fewer distinct words than this cannot show a law (and the command refuses them).
MIN_TYPES = 10


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lowercase word tokens with the default tokenizer.

    A token is a maximal run of Unicode letters, joined across a single inner
    apostrophe (straight ``'`` or curly ``’``): ``don't`` is one token, ``'tis`` is
    ``tis``, and digits, underscores, hyphens and other punctuation separate tokens.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Don't stop: it’s 9 o'clock, Mr_Darcy's well-known café!")
    ["don't", 'stop', 'it’s', "o'clock", 'mr', "darcy's", 'well', 'known', 'café']
    """
    if not isinstance(text, str):
        raise ScalingLabError(
            f"'text' must be a str (got {type(text).__name__}); read a file with "
            "scaling_lab.io.read_text first"
        )
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class WordCounts:
    """Word counts of a text, most frequent first (ties in alphabetical order).

    Attributes
    ----------
    words : tuple of str
        The distinct words, by decreasing count.
    counts : numpy.ndarray
        Their counts (integers, as floats), aligned with ``words``.

    Examples
    --------
    >>> wc = count_words("to be or not to be")
    >>> wc.words, wc.tokens, wc.types
    (('be', 'to', 'not', 'or'), 6, 4)
    """

    words: tuple
    counts: np.ndarray = field(repr=False)

    @property
    def tokens(self) -> int:
        """Number of tokens (running words) in the text."""
        return int(self.counts.sum())

    @property
    def types(self) -> int:
        """Number of distinct words."""
        return len(self.words)

    @property
    def ranks(self) -> np.ndarray:
        """Ranks 1, 2, ..., types."""
        return np.arange(1, self.types + 1, dtype=float)

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """The ``n`` most frequent words with their counts.

        >>> count_words("b a b").top(5)
        [('b', 2), ('a', 1)]
        """
        n = check_number("n", n, integer=True, low=1)
        return [(w, int(c)) for w, c in zip(self.words[:n], self.counts[:n], strict=False)]


def count_words(text: str) -> WordCounts:
    """Tokenise ``text`` (see :func:`tokenize`) and count each distinct word.

    Examples
    --------
    >>> wc = count_words("a rose is a rose is a rose")
    >>> wc.words, wc.counts.tolist()
    (('a', 'rose', 'is'), [3.0, 3.0, 2.0])
    """
    tally = Counter(tokenize(text))
    ordered = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    return WordCounts(tuple(w for w, _ in ordered),
                      np.array([c for _, c in ordered], dtype=float))


def validate_counts(counts, name: str = "counts") -> np.ndarray:
    """Validate word counts: positive whole numbers."""
    counts = as_array(name, counts, positive=True)
    if np.any(counts != np.round(counts)):
        index = int(np.flatnonzero(counts != np.round(counts))[0])
        raise ScalingLabError(
            f"{name!r} must hold whole numbers (counts of words): entry {index} is "
            f"{counts[index]:g}"
        )
    return counts


def rank_frequency(counts) -> tuple[np.ndarray, np.ndarray]:
    """Ranks 1..n and the counts sorted from largest to smallest.

    >>> rank_frequency([1, 5, 2])
    (array([1., 2., 3.]), array([5., 2., 1.]))
    """
    counts = validate_counts(counts)
    return np.arange(1, counts.size + 1, dtype=float), np.sort(counts)[::-1]


def log_spaced_ranks(n: int, points: int = 90) -> np.ndarray:
    """About ``points`` distinct ranks from 1 to ``n``, evenly spaced on a log axis.

    Figures of a rank-frequency curve with tens of thousands of ranks draw these only.

    >>> log_spaced_ranks(1000, 4)
    array([   1,   10,  100, 1000])
    """
    n = check_number("n", n, integer=True, low=1)
    points = check_number("points", points, integer=True, low=2)
    return np.unique(np.round(np.logspace(0, np.log10(n), points)).astype(int))
