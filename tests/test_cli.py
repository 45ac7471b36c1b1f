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
                         "line 3, column 'tokens': 'ten' is not a number"),
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


# -- the contract, for every command (issue 19) ---------------------------------------

def last_line(err):
    return err.strip().splitlines()[-1]


@pytest.fixture
def flat_csv(tmp_path):
    """A loss that has levelled off: an offset fit cannot bound the exponent."""
    N = np.logspace(6, 10, 9)
    path = tmp_path / "flat.csv"
    path.write_text("N,loss\n" + "".join(f"{a:.6g},{2 + 1e-9 * a**-0.3:.12g}\n"
                                         for a in N))
    return path


def strict(text):
    """json.loads that refuses NaN and Infinity, as RFC 8259 does."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_non_finite_values_are_null_with_a_warning(flat_csv, cli):
    status, out, err = cli("fit", "power", str(flat_csv), "--x", "N", "--y", "loss",
                           "--offset", "--json")
    assert status == 0
    result = strict(out)
    assert result["n_interval"] == [None, None]
    assert any("n_interval[0]" in w and "null" in w for w in result["warnings"])
    assert any("do not bound the exponent" in w for w in result["warnings"])
    assert "scaling-lab: warning:" in err


def test_warnings_field_only_when_there_is_one(runs_csv, cli):
    _, out, _ = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "loss", "--json")
    assert "warnings" not in strict(out)


def test_strict_json_converts_numpy():
    from scaling_lab.cli._contract import strict_json

    value, notes = strict_json({"a": np.float64("nan"), "b": np.arange(2),
                                "c": (np.int64(3), np.bool_(True)), "d": {"e": -np.inf}})
    assert value == {"a": None, "b": [0, 1], "c": [3, True], "d": {"e": None}}
    assert [n.split()[0] for n in notes] == ["a", "d.e"]
    json.dumps(value, allow_nan=False)


def test_predict_and_optimal_examples_are_errors_not_infinity(cli):
    status, out, err = cli("predict", "--law", "kaplan", "--params", "1e9", "--tokens",
                           "1e-300", "--json")
    assert status == 2 and out == "" and "--tokens must be at least 1" in last_line(err)
    status, out, err = cli("optimal", "--flops", "5e-324", "--json")
    assert status == 2 and out == "" and "smallest budget" in last_line(err)


def test_smallest_budget_gives_one_parameter_and_one_token():
    from scaling_lab.chinchilla import compute_optimal
    from scaling_lab.cli.optimal import smallest_budget

    for law in ("hoffmann", "hoffmann-unrounded", "epoch"):
        opt = compute_optimal(smallest_budget(law), law)
        assert min(opt.N, opt.D) == pytest.approx(1.0)
        assert opt.N >= 1 - 1e-9 and opt.D >= 1 - 1e-9


@pytest.mark.parametrize("value", ["-1e9", "-1E+9", "-.5", "-inf", "-NaN", "-1_000"])
def test_negative_numbers_are_values_not_options(value, cli):
    status, _, err = cli("predict", "--law", "kaplan", "--params", value)
    assert status == 2
    assert "expected one argument" not in err
    assert f"{value!r} must be a positive finite number" in last_line(err) or \
        f"{value!r} is not a number" in last_line(err)


def test_full_disk_is_an_error_line(runs_csv):
    if not __import__("os").path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    for extra in ([], ["--json"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "scaling_lab", "fit", "power",
                                   str(runs_csv), "--x", "params", "--y", "loss", *extra],
                                  stdout=full, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines() == [
            "scaling-lab: error: cannot write the output (No space left on device)"]
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "scaling_lab", "--help"], stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2 and "cannot write the output" in done.stderr


def test_internal_errors_say_so_without_traceback(monkeypatch, runs_csv, cli):
    import scaling_lab.cli.fit_power as command

    def broken(args):
        import warnings

        warnings.warn("a warning first", stacklevel=2)
        raise TypeError("unexpected")

    monkeypatch.setattr(command, "_fit_power", broken)
    status, out, err = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "loss")
    assert status == 1 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[0] == "scaling-lab: warning: a warning first"
    assert lines[-1].startswith("scaling-lab: error: internal error (TypeError")


def test_memory_error_is_an_error_line(monkeypatch, runs_csv, cli):
    import scaling_lab.cli.fit_power as command

    def hungry(args):
        raise MemoryError

    monkeypatch.setattr(command, "_fit_power", hungry)
    status, _, err = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "loss")
    assert status == 2 and last_line(err).startswith("scaling-lab: error: out of memory")


def test_same_column_twice(runs_csv, cli):
    status, _, err = cli("fit", "power", str(runs_csv), "--x", "params", "--y", "PARAMS")
    assert status == 2 and "name the same column" in last_line(err)


# -- fit chinchilla: options and designs (issue 19) -----------------------------------

def chinchilla_csv(path, N, D, L):
    path.write_text("N,D,loss\n" + "".join(f"{a:.10g},{b:.10g},{c:.12g}\n"
                                           for a, b, c in zip(N, D, L, strict=True)))
    return path


@pytest.fixture
def exact_runs(tmp_path):
    from scaling_lab import published
    from scaling_lab.isoflop import synthetic_runs

    N, D, L = synthetic_runs(published.HOFFMANN, noise=0.0, seed=0)
    return chinchilla_csv(tmp_path / "runs.csv", N, D, L), (N, D, L)


@pytest.mark.parametrize("extra, fragment", [
    (["--huber-delta", "1e300"], "--huber-delta must be from 1e-6 to 100"),
    (["--huber-delta", "1e-300"], "--huber-delta must be from 1e-6 to 100"),
    (["--huber-delta", "1e-9"], "--huber-delta must be from 1e-6 to 100"),
    (["--bootstrap", "1"], "--bootstrap must be 0 (no intervals) or from 40"),
    (["--bootstrap", "100000000000"], "--bootstrap must be 0 (no intervals) or from 40"),
])
def test_fit_chinchilla_options_checked_before_fitting(extra, fragment, exact_runs, cli):
    status, out, err = cli("fit", "chinchilla", str(exact_runs[0]), "--starts", "small",
                           *extra)
    assert status == 2 and out == "" and fragment in last_line(err)
    assert "fitting" not in err  # refused before any work


def test_fit_chinchilla_degenerate_designs(tmp_path, exact_runs, cli):
    N, D, L = exact_runs[1]
    const = chinchilla_csv(tmp_path / "const.csv", np.full_like(N, 1e9), D, L)
    status, _, err = cli("fit", "chinchilla", str(const), "--starts", "small")
    assert status == 2 and "'N' never varies" in last_line(err)
    logs = chinchilla_csv(tmp_path / "log10.csv", np.log10(N), np.log10(D), L)
    status, out, err = cli("fit", "chinchilla", str(logs), "--starts", "small", "--json")
    assert status == 0 and "look like log10" in err
    assert any("look like log10" in w for w in strict(out)["warnings"])
    few = chinchilla_csv(tmp_path / "six.csv", N[::10], D[::10], L[::10])
    status, _, err = cli("fit", "chinchilla", str(few), "--starts", "small")
    assert status == 0 and "6 runs for the law's 5 parameters" in err


@pytest.mark.parametrize("plot, fragment", [
    ("", "needs a file name"),
    ("{dir}", "is a directory"),
    ("{dir}/", "is a directory"),
    ("{dir}/fig.xyz", "cannot write '.xyz' files"),
    ("{dir}/missing/fig.png", "does not exist"),
])
def test_plot_checked_before_the_fit(plot, fragment, tmp_path, exact_runs, cli,
                                     monkeypatch):
    import scaling_lab.chinchilla_fit as fitter  # the command imports it when it runs

    def no_fit(*args, **kwargs):
        raise AssertionError("the fit ran before --plot was checked")

    monkeypatch.setattr(fitter, "fit_chinchilla", no_fit)
    status, out, err = cli("fit", "chinchilla", str(exact_runs[0]), "--starts", "small",
                           "--plot", plot.format(dir=tmp_path))
    assert status == 2 and out == "" and fragment in last_line(err)


def test_plot_reports_the_real_path(tmp_path, exact_runs, cli):
    status, out, err = cli("fit", "chinchilla", str(exact_runs[0]), "--starts", "small",
                           "--plot", str(tmp_path / "fit"), "--json")
    assert status == 0, err
    assert strict(out)["figure"] == str(tmp_path / "fit.png")
    assert (tmp_path / "fit.png").stat().st_size > 1000
    assert not (tmp_path / "fit").exists()


def test_fit_power_plot_writes_the_figure_it_reports(tmp_path, cli):
    path = tmp_path / "runs.csv"
    path.write_text("N,loss\n1e6,4.1\n1e7,3.2\n1e8,2.6\n1e9,2.2\n1e10,1.95\n1e11,1.8\n")
    status, out, err = cli("fit", "power", str(path), "--x", "N", "--y", "loss",
                           "--offset", "--plot", str(tmp_path / "fig"), "--json")
    assert status == 0, err
    result = json.loads(out)
    assert result["figure"] == str(tmp_path / "fig.png")
    assert (tmp_path / "fig.png").stat().st_size > 10_000
