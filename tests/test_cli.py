"""The scaling-lab command line: output contract and the error convention."""

import json
import subprocess
import sys

import numpy as np
import pytest

from scaling_lab.cli import main


def run(*args):
    """Run the real command in a subprocess; return (status, stdout, stderr)."""
    result = subprocess.run([sys.executable, "-m", "scaling_lab", *args],
                            capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def cli(capsys):
    """Run the command in-process (the same code path, without interpreter start-up)."""

    def call(*args):
        try:
            status = main(list(args))
        except SystemExit as stop:  # argparse exits on usage errors and --help
            status = stop.code
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


@pytest.fixture
def runs_csv(tmp_path):
    N = np.logspace(6, 10, 9)
    L = 1.69 + 406.4 * N**-0.34
    path = tmp_path / "runs.csv"
    path.write_text("Params, LOSS\n" + "".join(f"{a:.6g},{b:.10g}\n" for a, b in zip(N, L, strict=True)))
    return path


def test_fit_power_json_contract(runs_csv):
    status, out, err = run("fit", "power", str(runs_csv), "--x", "params", "--y", "loss",
                           "--json")
    assert status == 0, err
    result = json.loads(out)
    assert set(result) == {"k", "n", "n_interval", "n_points", "method"}
    assert result["n_points"] == 9 and result["method"] == "loglog"
    lo, hi = result["n_interval"]
    assert lo <= result["n"] <= hi


def test_fit_power_with_offset_recovers_the_law(runs_csv, cli):
    status, out, _ = cli("fit", "power", str(runs_csv), "--x", "PARAMS", "--y", "Loss",
                         "--offset", "--json")
    result = json.loads(out)
    assert status == 0
    assert set(result) == {"k", "n", "n_interval", "n_points", "method", "offset"}
    assert result["n"] == pytest.approx(-0.34, abs=1e-4)
    assert result["offset"] == pytest.approx(1.69, abs=1e-4)


def test_fit_power_summary_is_human(runs_csv, cli):
    status, out, _ = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "loss")
    assert status == 0
    assert "exponent n =" in out and "95% interval" in out and "9 points" in out


def test_module_and_entry_point_agree(runs_csv, cli):
    status, out, _ = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "loss",
                         "--json")
    in_process = json.loads(out)
    _, out, _ = run("fit", "power", str(runs_csv), "--x", "params", "--y", "loss", "--json")
    assert json.loads(out) == in_process


BAD_FILES = {
    "missing column": ("N,loss\n1,2\n10,1\n100,0.5\n", "has no column 'tokens'"),
    "text in a number": ("tokens,loss\n1,2\nten,1\n100,0.5\n",
                         "row 3, column 'tokens': 'ten' is not a number"),
    "non-positive": ("tokens,loss\n1,2\n10,0\n100,0.5\n", "'0' must be > 0"),
    "too few rows": ("tokens,loss\n1,2\n10,1\n", "has 2 data rows; at least 3"),
    "empty": ("", "is empty"),
    "header only": ("tokens,loss\n", "has 0 data rows"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_csv_exits_2_with_one_error_line(case, tmp_path, cli):
    content, fragment = BAD_FILES[case]
    path = tmp_path / "bad.csv"
    path.write_text(content)
    status, out, err = cli("fit", "power", str(path), "--x", "tokens", "--y", "loss")
    assert status == 2
    assert out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("scaling-lab: error:") and fragment in last
    assert "Traceback" not in err


def test_not_utf8(tmp_path, cli):
    path = tmp_path / "latin1.csv"
    path.write_bytes("x,y\n1,caf\xe9\n".encode("latin-1"))
    status, _, err = cli("fit", "power", str(path), "--x", "x", "--y", "y")
    assert status == 2 and "is not UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [
    ["fit", "power", "/no/such/file.csv", "--x", "a", "--y", "b"],
    ["fit", "power", "."],
    ["fit", "power", ".", "--x", "a", "--y", "b"],
    ["fit"],
    ["nonsense"],
    [],
])
def test_usage_errors_exit_2(args, cli):
    status, _, err = cli(*args)
    assert status == 2
    assert err.strip().splitlines()[-1].startswith("scaling-lab: error:")
    assert "Traceback" not in err


def test_narrow_range_warning_goes_to_stderr(tmp_path, cli):
    path = tmp_path / "narrow.csv"
    path.write_text("x,y\n1,1\n2,0.7\n3,0.6\n4,0.5\n")
    status, out, err = cli("fit", "power", str(path), "--x", "x", "--y", "y", "--json")
    assert status == 0 and json.loads(out)["n"] < 0
    assert "scaling-lab: warning:" in err and "less than one decade" in err


def test_version_and_help(cli):
    status, out, _ = cli("--version")
    assert status == 0 and out.startswith("scaling-lab ")
    status, out, _ = cli("fit", "power", "--help")
    assert status == 0 and "case-insensitively" in out


def test_a_real_process_reports_bad_input_without_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("tokens,loss\n1,2\nten,1\n100,0.5\n")
    status, out, err = run("fit", "power", str(path), "--x", "tokens", "--y", "loss")
    assert status == 2 and out == "" and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("scaling-lab: error:")


def test_console_script_is_installed():
    import shutil

    exe = shutil.which("scaling-lab") or str(
        __import__("pathlib").Path(sys.executable).with_name("scaling-lab"))
    result = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "scaling-lab" in result.stdout
