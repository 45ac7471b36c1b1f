"""Reading the reader's own data: CSV columns by name, validated.

Design: a CSV from a spreadsheet or a training log arrives with headers in any case,
blank lines, stray spaces and, from Excel's "CSV UTF-8", a byte-order mark. Columns are
matched case-insensitively, whitespace and the byte-order mark are stripped; anything
that is not a number is an error naming the file, the line (as an editor numbers it,
blank lines included), the column and the value, never a silent skip. Only a newline
ends a row: a form feed or a Unicode line separator inside a cell stays in that cell
(``str.splitlines`` would split the row there). A name that matches two columns
(``loss`` and ``Loss``) is an error, not a silent choice of one.

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
import io
import os
from collections.abc import Sequence

import numpy as np

from ._validate import ScalingLabError

__all__ = ["read_columns", "read_text"]

#: A cell longer than this is shown shortened in a message.
_SHOWN = 40


def read_text(path) -> str:
    """Read a UTF-8 text file (a leading byte-order mark removed), with errors that say
    what to do.

    Raises ScalingLabError when the file is missing, is a directory, cannot be read, or
    is not UTF-8.

    >>> read_text("/no/such/file.txt")
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: no such file: '/no/such/file.txt'
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ScalingLabError(f"no such file: {path!r}")
    if os.path.isdir(path):
        raise ScalingLabError(f"{path!r} is a directory; give a file")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise ScalingLabError(
            f"{path!r} is not UTF-8 text (byte {error.start}: {error.reason}); convert it "
            "first, for example with 'iconv -f latin1 -t utf-8'"
        ) from None
    except OSError as error:
        raise ScalingLabError(f"cannot read {path!r}: {error.strerror or error}") from None


def _cell(text: str) -> str:
    """A cell for a message: quoted, and shortened when long."""
    if len(text) > _SHOWN:
        return repr(text[:_SHOWN - 10]) + f"... ({len(text)} characters)"
    return repr(text)


def _rows(text: str, path: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV text, each with its line number in the file."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ScalingLabError(
            f"{path!r} line {max(reader.line_num, 1)} cannot be read as CSV: {error}. No cell "
            "of a table of numbers is that long or holds that character; check that "
            "this is the right file"
        ) from None
    return rows


def _separator_hint(header: list[str]) -> str:
    if len(header) == 1:
        for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
            if sep in header[0]:
                return (f"; the header looks separated by {name}: give a file with "
                        "commas between the columns")
    return "; name one of these columns"


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
        file has), a name that matches two columns, two names for the same column, a
        value that is not a number, a non-positive value in a ``positive`` column, a
        line that is not CSV, or too few rows. Messages give the file's line numbers.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
    >>> _ = path.write_text("N,loss\\n\\n1e6,4.1\\n1e7,ten\\n")
    >>> read_columns(path, ["N", "loss"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: '...runs.csv' line 4, column 'loss': 'ten' is not a number
    """
    text = read_text(path)
    path = os.fspath(path)
    rows = _rows(text, path)
    if not rows:
        raise ScalingLabError(f"{path!r} is empty; it needs a header row and data rows")
    header_line, header = rows[0][0], [c.strip() for c in rows[0][1]]
    positions = {}
    for name in names:
        matches = [i for i, c in enumerate(header) if c.lower() == name.lower()]
        if not matches:
            raise ScalingLabError(
                f"{path!r} has no column {name!r} (columns: {', '.join(header) or 'none'})"
                f"{_separator_hint(header)}"
            )
        if len(matches) > 1:
            shown = ", ".join(f"{header[i]!r} (column {i + 1})" for i in matches)
            raise ScalingLabError(
                f"{path!r} line {header_line} has {len(matches)} columns named {name!r} "
                f"(ignoring case): {shown}; rename all but one, so that the right one is "
                "read"
            )
        positions[name] = matches[0]
    seen = {}
    for name, col in positions.items():
        if col in seen:
            raise ScalingLabError(
                f"{seen[col]!r} and {name!r} name the same column {header[col]!r} of "
                f"{path!r}; give two different columns"
            )
        seen[col] = name
    data = rows[1:]
    if len(data) < min_rows:
        raise ScalingLabError(
            f"{path!r} has {len(data)} data rows; at least {min_rows} are needed"
        )
    out = {}
    for name, col in positions.items():
        values = np.empty(len(data))
        for r, (line, row) in enumerate(data):
            where = f"{path!r} line {line}, column {header[col]!r}"
            cell = row[col].strip() if col < len(row) else ""
            try:
                value = float(cell)
            except ValueError:
                missing = " (the line has no cell there)" if col >= len(row) else ""
                raise ScalingLabError(f"{where}: {_cell(cell)} is not a number{missing}"
                                      ) from None
            if not np.isfinite(value):
                why = "is not finite" if "n" in cell.lower() else \
                    "is too large for a float (the largest is about 1.8e308)"
                raise ScalingLabError(f"{where}: {_cell(cell)} {why}")
            if name in positive and value <= 0:
                raise ScalingLabError(
                    f"{where}: {_cell(cell)} must be > 0 (it goes into a logarithm)"
                )
            values[r] = value
        out[name] = values
    return out
