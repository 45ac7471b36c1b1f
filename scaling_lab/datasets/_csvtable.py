"""Reading a shipped CSV into typed columns, with nothing changed silently.

Design: a column whose every cell is a number becomes a float array; one whose cells
are all ``True`` or ``False`` becomes a bool array; any other column stays text (an
object array). An empty cell is kept as NaN in a number column (the provenance file of
each data set says where cells are empty and why) and as ``''`` in a text column; it is
never dropped and never filled with a guess.

Examples
--------
>>> cols = read_csv_columns("ruan2024_base_llm_benchmark_eval.csv")
>>> cols["Model"][0], float(cols["FLOPs (1E21)"][0])
('meta-llama/Llama-2-7b-hf', 84.0)
"""

from __future__ import annotations

import csv

import numpy as np

from .._validate import ScalingLabError
from .registry import data_path

__all__ = ["read_csv_columns", "read_header", "units_for"]


def _column(name: str, cells: list[str]) -> np.ndarray:
    filled = [c for c in cells if c != ""]
    if filled and all(c in ("True", "False") for c in filled):
        if len(filled) < len(cells):
            raise ScalingLabError(f"column {name!r}: a true/false column has empty cells")
        return np.array([c == "True" for c in cells])
    try:
        return np.array([float(c) if c != "" else np.nan for c in cells])
    except ValueError:
        return np.array(cells, dtype=object)


def read_csv_columns(filename: str) -> dict[str, np.ndarray]:
    """The columns of ``scaling_lab/data/FILENAME``, in file order, typed.

    Raises ScalingLabError when a row's length differs from the header's.
    """
    text = data_path(filename).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ScalingLabError(
                f"{filename} row {number} has {len(row)} cells; the header has "
                f"{len(header)}"
            )
    return {name: _column(name, [row[i] for row in body])
            for i, name in enumerate(header)}


def read_header(filename: str) -> list[str]:
    """The column names of a shipped CSV (its first line only).

    >>> read_header("gadre2024_models.csv")[:3]
    ['name', 'dataset', 'model_name']
    """
    with data_path(filename).open(encoding="utf-8") as handle:
        return next(csv.reader([handle.readline()]))


def units_for(filename: str, known: dict, default: str = "1") -> dict:
    """A unit for every column of a shipped CSV, in order: ``known`` or ``default``.

    >>> units_for("gadre2024_models.csv", {"name": "text"})["name"]
    'text'
    """
    return {name: known.get(name, default) for name in read_header(filename)}
