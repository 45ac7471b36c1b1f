"""Reading the reader's own data: CSV columns by name, validated.

Design: a CSV from a spreadsheet or a training log arrives with headers in any case,
blank lines and stray spaces. Columns are matched case-insensitively and whitespace is
stripped; anything that is not a number is an error naming the file, the row, the
column and the value, never a silent skip.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
>>> _ = path.write_text("N,Loss\\n1e6,4.1\\n1e7,3.2\\n")
>>> cols = read_columns(path, ["n", "loss"])
>>> cols["loss"].tolist()
[4.1, 3.2]
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence

import numpy as np

from ._validate import ScalingLabError

__all__ = ["read_columns", "read_text"]


def read_text(path) -> str:
    """Read a UTF-8 text file, with errors that say what to do.

    Raises ScalingLabError when the file is missing, is a directory, or is not UTF-8.
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ScalingLabError(f"no such file: {path!r}")
    if os.path.isdir(path):
        raise ScalingLabError(f"{path!r} is a directory; give a file")
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise ScalingLabError(
            f"{path!r} is not UTF-8 text (byte {error.start}: {error.reason}); convert it "
            "first, for example with 'iconv -f latin1 -t utf-8'"
        ) from None


def read_columns(path, names: Sequence[str], *, min_rows: int = 1,
                 positive: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """Read the named numeric columns of a CSV file.

    Parameters
    ----------
    path : str or path-like
        A CSV file with a header row.
    names : sequence of str
        Column names to read, matched case-insensitively.
    min_rows : int, default 1
        Fewer data rows than this is an error.
    positive : sequence of str
        Columns whose values must be > 0 (they go into logarithms).

    Returns
    -------
    dict of str to numpy.ndarray
        Keyed by the names as given.

    Raises
    ------
    ScalingLabError
        No such file, an empty file, a missing column (the message lists the columns the
        file has), a value that is not a number, a non-positive value in a ``positive``
        column, or too few rows.
    """
    text = read_text(path)
    path = os.fspath(path)
    rows = [row for row in csv.reader(text.splitlines()) if any(c.strip() for c in row)]
    if not rows:
        raise ScalingLabError(f"{path!r} is empty; it needs a header row and data rows")
    header = [c.strip() for c in rows[0]]
    lookup = {c.lower(): i for i, c in enumerate(header)}
    positions = {}
    for name in names:
        if name.lower() not in lookup:
            raise ScalingLabError(
                f"{path!r} has no column {name!r} (columns: {', '.join(header) or 'none'}); "
                "name the right one with the matching --...-col option"
            )
        positions[name] = lookup[name.lower()]
    data = rows[1:]
    if len(data) < min_rows:
        raise ScalingLabError(
            f"{path!r} has {len(data)} data rows; at least {min_rows} are needed"
        )
    out = {}
    for name, col in positions.items():
        values = np.empty(len(data))
        for r, row in enumerate(data, start=2):
            cell = row[col].strip() if col < len(row) else ""
            try:
                value = float(cell)
            except ValueError:
                raise ScalingLabError(
                    f"{path!r} row {r}, column {header[col]!r}: {cell!r} is not a number"
                ) from None
            if not np.isfinite(value):
                raise ScalingLabError(
                    f"{path!r} row {r}, column {header[col]!r}: {cell!r} is not finite"
                )
            if name in positive and value <= 0:
                raise ScalingLabError(
                    f"{path!r} row {r}, column {header[col]!r}: {cell!r} must be > 0 "
                    "(it goes into a logarithm)"
                )
            values[r - 2] = value
        out[name] = values
    return out
