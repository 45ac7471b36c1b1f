"""Reading a reader's CSV: every bad file gets an error naming the file, the line (as
an editor numbers it) and the value; nothing is picked or split without a word."""

from __future__ import annotations

import csv

import pytest

from scaling_lab import ScalingLabError
from scaling_lab.io import read_columns, read_text


def write(tmp_path, content, name="runs.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def test_byte_order_mark_is_stripped(tmp_path):
    path = write(tmp_path, "N,loss\n1e6,4\n1e7,2\n", encoding="utf-8-sig")
    assert read_columns(path, ["N", "loss"])["N"].tolist() == [1e6, 1e7]
    assert read_text(path).startswith("N,")


def test_line_numbers_count_blank_lines(tmp_path):
    path = write(tmp_path, "N,loss\n\n1e6,4\n\n   \n1e7,ten\n")
    with pytest.raises(ScalingLabError, match="line 6, column 'loss': 'ten' is not"):
        read_columns(path, ["N", "loss"])


def test_windows_line_endings(tmp_path):
    path = write(tmp_path, "N,loss\r\n1e6,4\r\n\r\n1e7,x\r\n")
    with pytest.raises(ScalingLabError, match="line 4, column 'loss': 'x'"):
        read_columns(path, ["N", "loss"])


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\f", "\v", "\x1c", "\x85"])
def test_only_a_newline_ends_a_row(separator, tmp_path):
    # str.splitlines would split "4<sep>2" into two rows, and read 4 and 2 silently.
    path = write(tmp_path, f"N,loss\n1e6,4{separator}2\n1e7,2\n1e8,1\n")
    with pytest.raises(ScalingLabError, match="line 2, column 'loss'.*is not a number"):
        read_columns(path, ["N", "loss"])


def test_trailing_whitespace_characters_are_stripped(tmp_path):
    path = write(tmp_path, "N,loss\n1e6,4\f\n1e7,2\u2028\n")
    assert read_columns(path, ["N", "loss"])["loss"].tolist() == [4.0, 2.0]


def test_cell_longer_than_the_csv_field_limit(tmp_path):
    long = "9" * (csv.field_size_limit() + 10)
    path = write(tmp_path, f"N,loss\n1,2\n10,{long}\n")
    with pytest.raises(ScalingLabError, match="line 3 cannot be read as CSV"):
        read_columns(path, ["N", "loss"])


def test_long_cells_are_shown_shortened(tmp_path):
    path = write(tmp_path, "N,loss\n1," + "x" * 5000 + "\n")
    with pytest.raises(ScalingLabError) as error:
        read_columns(path, ["N", "loss"])
    assert "(5000 characters)" in str(error.value) and len(str(error.value)) < 200


@pytest.mark.parametrize("header", ["N,loss,loss", "N,loss,Loss", "N, LOSS ,loss"])
def test_a_name_matching_two_columns_is_an_error(header, tmp_path):
    path = write(tmp_path, header + "\n1,2,3\n10,1,3\n")
    with pytest.raises(ScalingLabError, match="2 columns named 'loss'"):
        read_columns(path, ["N", "loss"])


def test_duplicates_elsewhere_do_not_matter(tmp_path):
    path = write(tmp_path, "N,loss,note,NOTE\n1,2,a,b\n")
    assert read_columns(path, ["N", "loss"])["loss"].tolist() == [2.0]


def test_two_names_for_one_column(tmp_path):
    path = write(tmp_path, "N,loss\n1,2\n")
    with pytest.raises(ScalingLabError, match="'N' and 'n' name the same column"):
        read_columns(path, ["N", "n"])


@pytest.mark.parametrize("sep, word", [(";", "semicolons"), ("\t", "tabs")])
def test_wrong_separator_is_named(sep, word, tmp_path):
    path = write(tmp_path, f"N{sep}loss\n1{sep}2\n")
    with pytest.raises(ScalingLabError, match=f"separated by {word}"):
        read_columns(path, ["N", "loss"])


@pytest.mark.parametrize("cell, fragment", [
    ("1e400", "is too large for a float"),
    ("inf", "is not finite"),
    ("-nan", "is not finite"),
    ("0", "must be > 0"),
    ("", "is not a number"),
])
def test_bad_cells(cell, fragment, tmp_path):
    path = write(tmp_path, f"N,loss\n1e6,{cell}\n")
    with pytest.raises(ScalingLabError, match=f"line 2, column 'loss': .*{fragment}"):
        read_columns(path, ["N", "loss"], positive=["loss"])


def test_short_row_says_the_cell_is_missing(tmp_path):
    path = write(tmp_path, "N,loss\n1e6\n")
    with pytest.raises(ScalingLabError, match="the line has no cell there"):
        read_columns(path, ["N", "loss"])


def test_missing_file_directory_and_encoding(tmp_path):
    with pytest.raises(ScalingLabError, match="no such file"):
        read_text(tmp_path / "missing.csv")
    with pytest.raises(ScalingLabError, match="is a directory"):
        read_text(tmp_path)
    path = tmp_path / "latin1.csv"
    path.write_bytes("x\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(ScalingLabError, match="not UTF-8"):
        read_text(path)
