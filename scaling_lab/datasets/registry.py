"""The registry of shipped data sets: descriptions, tables and the one loader.

Design: a :class:`DataSet` says what a data set is and where it came from; its
``reader`` turns the shipped files into columns. :func:`load` calls the reader once per
name (cached) and wraps the columns in a :class:`Table` that carries the units and the
description, so provenance travels with the numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from .._validate import ScalingLabError, check_choice

__all__ = ["DataSet", "Table", "REGISTRY", "register", "available", "info", "load",
           "data_path"]


@dataclass(frozen=True)
class DataSet:
    """What a shipped data set is and where it came from.

    Parameters
    ----------
    name : str
        The name :func:`load` takes, e.g. ``"austen-word-counts"``.
    title : str
        One line for a reader.
    source : str
        The paper or package it comes from, with its address or identifier.
    licence : str
        The licence of the data (the full text is in ``files``' ``.LICENSE`` file).
    version : str
        The commit, release or version of the source the files were taken from.
    derived : str
        How the shipped files were made from the source.
    units : mapping of str to str
        The unit of every column, in column order (``"1"`` for a pure number).
    files : tuple of str
        The files in ``scaling_lab/data/`` the reader uses (empty when another package
        ships the data).
    reader : callable
        ``reader() -> dict`` of column name to array, in the order of ``units``.

    Examples
    --------
    >>> info("austen-word-counts").files
    ('austen.txt.gz', 'austen.LICENSE', 'austen.PROVENANCE.md')
    """

    name: str
    title: str
    source: str
    licence: str
    version: str
    derived: str
    units: Mapping[str, str]
    files: tuple[str, ...]
    reader: Callable[[], dict] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Table:
    """Named columns of one data set, with their units and provenance.

    ``table[name]`` is a column (a NumPy array); ``table.columns`` the names in order;
    ``len(table)`` the number of rows; ``table.units[name]`` a column's unit;
    ``table.provenance`` the :class:`DataSet` it was loaded from.

    Examples
    --------
    >>> t = load("austen-word-counts")
    >>> len(t) == t["count"].size, t.provenance.name
    (True, 'austen-word-counts')
    """

    data: Mapping[str, np.ndarray] = field(repr=False)
    units: Mapping[str, str]
    provenance: DataSet

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.data)

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.data:
            raise ScalingLabError(
                f"data set {self.provenance.name!r} has no column {name!r}; its columns "
                f"are {', '.join(self.data)}"
            )
        return self.data[name]

    def __len__(self) -> int:
        return len(next(iter(self.data.values()))) if self.data else 0

    def where(self, mask) -> Table:
        """The rows where ``mask`` (a boolean array of the table's length) is true.

        >>> t = load("austen-word-counts")
        >>> len(t.where(t["count"] >= 1000)) < len(t)
        True
        """
        mask = np.asarray(mask)
        if mask.dtype != bool or mask.shape != (len(self),):
            raise ScalingLabError(
                f"'mask' must be a boolean array of length {len(self)} (got dtype "
                f"{mask.dtype}, shape {mask.shape})"
            )
        return Table({k: v[mask] for k, v in self.data.items()}, self.units,
                     self.provenance)


#: Every shipped data set by name.
REGISTRY: dict[str, DataSet] = {}


def register(dataset: DataSet) -> DataSet:
    """Record a data set in :data:`REGISTRY` (a name is registered once).

    >>> register(info("austen-word-counts")) is info("austen-word-counts")
    True
    """
    known = REGISTRY.get(dataset.name)
    if known is not None and known is not dataset:
        raise ScalingLabError(f"a data set named {dataset.name!r} is already registered")
    REGISTRY[dataset.name] = dataset
    return dataset


def available() -> list[str]:
    """The names of every shipped data set, sorted.

    >>> "moby-dick-word-counts" in available()
    True
    """
    return sorted(REGISTRY)


def info(name: str) -> DataSet:
    """The description of data set ``name`` (source, licence, version, units, files).

    >>> info("moby-dick-word-counts").units
    {'count': 'occurrences'}
    """
    check_choice("name", name, tuple(available()))
    return REGISTRY[name]


@functools.cache
def _read(name: str) -> dict:
    return REGISTRY[name].reader()


def load(name: str) -> Table:
    """Load data set ``name`` as a :class:`Table` (read once per session, then cached).

    >>> load("moby-dick-word-counts")["count"].size
    18855
    """
    dataset = info(name)
    data = _read(name)
    if tuple(data) != tuple(dataset.units):
        raise ScalingLabError(
            f"data set {name!r}: the reader gave columns {tuple(data)}, the description "
            f"lists {tuple(dataset.units)}"
        )
    return Table({k: np.asarray(v) for k, v in data.items()}, dict(dataset.units),
                 dataset)


def data_path(filename: str):
    """The path (a :class:`importlib.resources` traversable) of a shipped file.

    >>> data_path("austen.LICENSE").is_file()
    True
    """
    path = resources.files("scaling_lab").joinpath("data", filename)
    if not path.is_file():
        raise ScalingLabError(f"no shipped data file {filename!r} in scaling_lab/data")
    return path
