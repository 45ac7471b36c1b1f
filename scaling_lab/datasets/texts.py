"""Texts and word counts: Austen's novels (shipped), Python's help topics, Moby Dick.

Design: the texts are loaded here and counted by :func:`scaling_lab.zipf.count_words`,
once per session (cached). Austen's novels ship with the package (public domain; see
``data/austen.PROVENANCE.md``); Python's help topics ship with Python
(``pydoc_data.topics``); the Moby Dick counts of Clauset et al. 2009 ship with
``powerlaw``. Nothing is downloaded.

Examples
--------
>>> from scaling_lab.datasets import corpus_counts
>>> corpus_counts("austen").top(3)
[('the', 26357), ('to', 24050), ('and', 22517)]
"""

from __future__ import annotations

import functools
import gzip

import numpy as np

from .._validate import check_choice
from ..zipf import WordCounts, count_words
from .registry import DataSet, data_path, register

__all__ = ["TEXTS", "load_text", "corpus_counts", "moby_dick_counts"]

#: The texts :func:`load_text` knows, with a one-line description each.
TEXTS = {
    "austen": "Jane Austen's six completed novels (1811-1818), public domain, shipped "
              "with the package",
    "python-docs": "the help topics of Python's documentation (pydoc_data.topics), "
                   "shipped with Python",
}


@functools.lru_cache(maxsize=4)
def load_text(name: str) -> str:
    """A text that ships with the package or with Python, by name (see :data:`TEXTS`).

    ``'austen'``: Jane Austen's six completed novels (about 725,000 tokens), from the
    public-domain texts of the janeaustenr package (provenance and licence beside the
    file in ``scaling_lab/data``). ``'python-docs'``: the help topics of Python's own
    documentation, ``pydoc_data.topics`` (about 64,000 tokens). Nothing is downloaded.

    >>> load_text("austen").splitlines()[0]
    'SENSE AND SENSIBILITY'
    """
    check_choice("name", name, tuple(TEXTS))
    if name == "austen":
        data = data_path("austen.txt.gz").read_bytes()
        return gzip.decompress(data).decode("utf-8")
    from pydoc_data import topics

    return "\n".join(topics.topics[key] for key in sorted(topics.topics))


@functools.lru_cache(maxsize=4)
def corpus_counts(name: str) -> WordCounts:
    """The word counts of a named text (see :data:`TEXTS`), computed once and cached.

    >>> corpus_counts("austen").top(3)
    [('the', 26357), ('to', 24050), ('and', 22517)]
    """
    return count_words(load_text(name))


def moby_dick_counts() -> np.ndarray:
    """Word counts of Melville's *Moby Dick*, as used by Clauset et al. 2009.

    The 18,855 counts ship with ``powerlaw`` >= 2.0 (``load_test_dataset("words")``);
    they carry no words, only how often each distinct word occurs.

    >>> c = moby_dick_counts()
    >>> c.size, int(c.max())
    (18855, 14086)
    """
    import powerlaw

    return np.asarray(powerlaw.load_test_dataset("words"), dtype=float)


def _austen_counts() -> dict:
    counts = corpus_counts("austen")
    return {"word": np.array(counts.words, dtype=object), "count": counts.counts}


def _moby_counts() -> dict:
    return {"count": moby_dick_counts()}


register(DataSet(
    name="austen-word-counts",
    title="Word counts of Jane Austen's six completed novels (1811-1818)",
    source="janeaustenr 1.0.0 by Julia Silge (CRAN), texts from Project Gutenberg, as "
           "packaged by Debian (r-cran-janeaustenr_1.0.0-1_all.deb)",
    licence="public domain (texts); MIT (janeaustenr packaging)",
    version="janeaustenr 1.0.0; sha256 of austen.txt.gz ea15c6e8...e9adcf",
    derived="the six novels joined in publication order (austen.PROVENANCE.md), "
            "tokenised by scaling_lab.zipf.tokenize and counted; sorted by count, "
            "then alphabetically",
    units={"word": "text", "count": "occurrences"},
    files=("austen.txt.gz", "austen.LICENSE", "austen.PROVENANCE.md"),
    reader=_austen_counts,
))

register(DataSet(
    name="moby-dick-word-counts",
    title="Word counts of Melville's Moby Dick, as used by Clauset et al. 2009",
    source="Clauset, Shalizi & Newman 2009 (arXiv 0706.1062), Sec. 6; the counts ship "
           "with the powerlaw package >= 2.0 (powerlaw.load_test_dataset('words'))",
    licence="as distributed with powerlaw (MIT); not shipped by this package",
    version="the installed powerlaw (see requirements.txt)",
    derived="read as distributed: 18,855 counts, one per distinct word, no words",
    units={"count": "occurrences"},
    files=(),
    reader=_moby_counts,
))
