"""The data sets shipped with the course, each loaded with its units and provenance.

Design choices:

* **One registry, one loader per data set.** Each data set is described once by a
  :class:`DataSet` (a name, a title, the files it reads, its source, licence, the
  commit or version it came from, how it was derived, and the unit of every column),
  registered in :data:`REGISTRY`. :func:`available` lists the names, :func:`info`
  returns a description and :func:`load` returns a :class:`Table`: named columns as
  NumPy arrays, with the units and the provenance attached, so a figure or a test can
  say where a number came from.
* **Files live beside their licence.** The files are in ``scaling_lab/data/``, each with
  a ``NAME.LICENSE`` and a ``NAME.PROVENANCE.md`` file beside it. Nothing is
  downloaded: a data set the package does not ship (the Moby Dick counts, which come
  with ``powerlaw``) says so in its provenance.
* **Text is a table too.** A text's loader returns its word counts (``word``, ``count``);
  :func:`load_text` gives the raw text for a reader who wants to tokenise it anew.

Examples
--------
>>> from scaling_lab import datasets
>>> "austen-word-counts" in datasets.available()
True
>>> table = datasets.load("austen-word-counts")
>>> table.columns[:2], table.units["count"], int(table["count"][0])
(('word', 'count'), 'occurrences', 26357)
>>> table.provenance.licence
'public domain (texts); MIT (janeaustenr packaging)'
"""

from __future__ import annotations

from . import gadre2024, porian2024, ruan2024  # noqa: F401 - they register
from .registry import REGISTRY, DataSet, Table, available, info, load, register
from .texts import TEXTS, corpus_counts, load_text, moby_dick_counts

__all__ = [
    "DataSet",
    "Table",
    "REGISTRY",
    "available",
    "info",
    "load",
    "register",
    "TEXTS",
    "load_text",
    "corpus_counts",
    "moby_dick_counts",
]
