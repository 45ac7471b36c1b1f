"""Properties of every answer to bad input, under Hypothesis (issue 19).

Over the command line (run in-process through :func:`scaling_lab.cli.main`, the same
code path as the console script) and the public API:

* the exit status is 0 or 2 (1 would be an internal error: a bug);
* on status 2, stdout is empty and the error line is the last line on stderr;
* under ``--json`` with status 0, stdout is exactly one strict JSON object (no NaN,
  no Infinity), with a ``warnings`` list whenever a warning was printed;
* a degenerate design (N or D that never varies or spans under a decade, too few runs
  for the parameters) gets an error or a warning;
* ``--plot`` is checked before the fit runs;
* the API raises ScalingLabError, or works, for any object given as data;
* a check of a reader's answer returns feedback for any object, never an exception.

The Hypothesis profile is the project's (tests/conftest.py: bounded and derandomised).
Fits on the command line use three starts instead of 243, so each example is fast.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import math
import os
import tempfile
import warnings
from unittest import mock

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scaling_lab import ScalingLabError, ScalingLabWarning, fit_power_law
from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid
from scaling_lab.cli import main
from scaling_lab.cli._contract import strict_json
from scaling_lab.feedback import Feedback, check_fit, check_number
from scaling_lab.laws import growth_regime, local_exponent, power_law

FEW_STARTS = start_grid("small")[::81]  # 3 starts: the contract, not the optimum
FOLDER = tempfile.mkdtemp(prefix="scaling-lab-properties-")


def call(argv):
    """Run the command line in-process; return (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as stop:  # argparse's usage errors
            status = stop.code
    return status, out.getvalue(), err.getvalue()


def refuse(name):
    raise AssertionError(f"{name} in JSON output")


def check_contract(argv, status, out, err) -> dict | None:
    """The contract every command keeps; returns the JSON object when there is one."""
    assert status in (0, 2), (argv, status, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    if status == 2:
        assert out == ""
        assert lines and lines[-1].startswith("scaling-lab: error: "), err
        assert all("scaling-lab: error:" not in line for line in lines[:-1]), err
        return None
    assert all(line.startswith("scaling-lab: ") or not line.startswith("scaling-lab")
               for line in lines)
    if "--json" not in argv:
        return None
    assert out.endswith("\n") and out.count("\n") == 1, out
    result = json.loads(out, parse_constant=refuse)
    assert isinstance(result, dict)
    if "scaling-lab: warning:" in err:
        assert result.get("warnings"), (err, result)
    return result


def write(name: str, content: str) -> str:
    path = os.path.join(FOLDER, name)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(content)
    return path


# -- strategies -----------------------------------------------------------------------

def number_text():
    """Cells a reader's file may hold: numbers of any size, in any syntax, or not."""
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.floats(min_value=1e-6, max_value=1e12).map(lambda v: f"{v:.6g}"),
        st.integers(min_value=-10**400, max_value=10**400).map(str),
        st.sampled_from(["", " ", "ten", "1,5", "1e400", "-1e-400", "0x10", "1_000",
                         "nan", "-inf", "Infinity", "4\u20282", "4\f", "\ufeff1", "١٢"]),
    )


@st.composite
def csv_files(draw):
    """A CSV with a header (case, BOM, duplicates, separators) and bad or good rows."""
    names = draw(st.lists(st.sampled_from(["N", "n", "loss", "Loss", "LOSS", "D", "x",
                                           "N;loss", ""]), min_size=1, max_size=4))
    if draw(st.booleans()):
        names = ["N", "loss", *names[:1]]
    bom = draw(st.sampled_from(["", "\ufeff"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    clean = draw(st.booleans())  # only good rows: the file should fit, or say why not
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        if clean or draw(st.booleans()):
            N = draw(st.floats(1e3, 1e12))
            cells = [f"{N:.6g}", f"{2 + 400 * N ** -0.3:.8g}"]
            rows.append(",".join(cells[i % 2] for i in range(len(names))))
        else:
            cells = draw(st.lists(number_text(), min_size=0, max_size=len(names) + 1))
            rows.append(",".join(cells))
        if draw(st.integers(0, 5)) == 0:
            rows.append(draw(st.sampled_from(["", "  ", ",,"])))
    return bom + ",".join(names) + newline + newline.join(rows) + newline


LONG_CELL = "N,loss\n1,2\n10," + "9" * 200_000 + "\n100,0.5\n"


def option_values():
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(min_value=-10**30, max_value=10**30).map(str),
        st.sampled_from(["-1e9", "1e-300", "5e-324", "1e308", "ten", "", "-0", "1e9"]),
    )


# -- the command line -----------------------------------------------------------------

@example(content=LONG_CELL, offset=False, as_json=True)
@example(content="N,loss,Loss\n1e6,4,9\n1e7,2,9\n1e8,1,9\n", offset=False, as_json=True)
@example(content="\ufeffN,loss\n1e6,4\n1e7,2\n1e8,1\n", offset=False, as_json=True)
@example(content="N,loss\n1e6,4\u20281e7,2\n1e8,1\n1e9,0.5\n", offset=False,
         as_json=True)
@given(content=csv_files(), offset=st.booleans(), as_json=st.booleans())
def test_fit_power_keeps_the_contract_on_any_csv(content, offset, as_json):
    path = write("power.csv", content)
    argv = ["fit", "power", path, "--x", "N", "--y", "loss"]
    argv += ["--offset"] * offset + ["--json"] * as_json
    status, out, err = call(argv)
    result = check_contract(argv, status, out, err)
    header = [c.strip().lower() for c in content.lstrip("\ufeff").splitlines()[0].split(",")]
    if header.count("loss") > 1 or header.count("n") > 1:
        assert status == 2 and "columns named" in err  # never a silent choice
    elif status == 2:
        assert "has no column" not in err or header.count("n") * header.count("loss") == 0
    if result is not None:
        # one point per line of the file that has cells: no row split, merged or lost
        lines = content.replace("\r\n", "\n").split("\n")[1:]
        assert result["n_points"] == sum(1 for line in lines if line.strip(" ,"))


@example(law="kaplan", params="1e9", tokens="1e-300")
@example(law="kaplan", params="-1e9", tokens=None)
@given(law=st.sampled_from(["kaplan", "hoffmann", "hoffmann-unrounded", "epoch"]),
       params=st.none() | option_values(), tokens=st.none() | option_values())
def test_predict_keeps_the_contract(law, params, tokens):
    argv = ["predict", "--law", law, "--json"]
    if params is not None:
        argv += ["--params", params]
    if tokens is not None:
        argv += ["--tokens", tokens]
    status, out, err = call(argv)
    result = check_contract(argv, status, out, err)
    assert "expected one argument" not in err  # a negative number is a value
    if result is not None:
        assert result["loss"] is not None and math.isfinite(result["loss"])


@example(flops="5e-324", law="hoffmann")
@given(flops=option_values(), law=st.sampled_from(["hoffmann", "epoch"]))
def test_optimal_keeps_the_contract(flops, law):
    argv = ["optimal", "--flops", flops, "--law", law, "--json"]
    result = check_contract(argv, *call(argv))
    if result is not None:
        assert result["N"] >= 1 - 1e-9 and result["D"] >= 1 - 1e-9


@st.composite
def designs(draw):
    """Runs of a Chinchilla law on a design that may be degenerate."""
    size = draw(st.integers(6, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    kind_N, kind_D = (draw(st.sampled_from(["wide", "narrow", "constant", "log10"]))
                      for _ in range(2))

    def axis(kind, low, high):
        values = 10 ** rng.uniform(low, high, size)
        if kind == "narrow":
            values = 10 ** rng.uniform(low, low + 0.9, size)
        elif kind == "constant":
            values = np.full(size, 10.0**low)
        elif kind == "log10":
            values = np.log10(values)
        return values

    N, D = axis(kind_N, 6, 10), axis(kind_D, 8, 12)
    L = 1.69 + 406.4 / N**0.34 + 410.7 / D**0.28
    degenerate = size < 10 or kind_N != "wide" or kind_D != "wide"
    return N, D, L, degenerate


def csv_of(N, D, L) -> str:
    return "N,D,loss\n" + "".join(f"{float(a)!r},{float(b)!r},{float(c)!r}\n"
                                   for a, b, c in zip(N, D, L, strict=True))


@settings(max_examples=20)
@given(design=designs(), as_json=st.booleans(),
       extra=st.lists(st.sampled_from([["--huber-delta", "1e300"], ["--huber-delta", "1"],
                                       ["--huber-delta", "1e-9"], ["--bootstrap", "1"],
                                       ["--bootstrap", "40"], ["--bootstrap", "10**9"],
                                       ["--bootstrap", "100000000000"], ["--seed", "-3"],
                                       ["--drop-highest-loss", "2"]]), max_size=2))
def test_fit_chinchilla_keeps_the_contract_and_flags_degenerate_designs(design, as_json,
                                                                        extra):
    N, D, L, degenerate = design
    path = write("chinchilla.csv", csv_of(N, D, L))
    argv = ["fit", "chinchilla", path, "--starts", "small", *sum(extra, [])]
    argv += ["--json"] * as_json
    with mock.patch("scaling_lab.chinchilla_fit.start_grid",
                    lambda size: FEW_STARTS):
        status, out, err = call(argv)
    check_contract(argv, status, out, err)
    if degenerate and status == 0 and "--drop-highest-loss" not in argv:
        assert "scaling-lab: warning:" in err, err


@given(design=designs())
def test_api_degenerate_design_gets_an_error_or_a_warning(design):
    N, D, L, degenerate = design
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit_chinchilla(N, D, L, starts=FEW_STARTS)
        except ScalingLabError:
            return
    flagged = any(issubclass(w.category, ScalingLabWarning) for w in caught)
    assert flagged or not degenerate


@functools.cache
def _one_fit():
    N = np.logspace(6, 10, 12)
    D = np.logspace(12, 8, 12)
    return fit_chinchilla(N, D, 1.69 + 406.4 / N**0.34 + 410.7 / D**0.28,
                          starts=FEW_STARTS)


@given(plot=st.one_of(
    st.sampled_from(["", "{dir}", "{dir}/", "{dir}/missing/fig.png", "{dir}/fig",
                     "{dir}/fig.xyz", "{dir}/fig.png", "{dir}/fig.SVG", "{dir}/.png",
                     "{dir}/fig.png/"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00/"), min_size=1,
            max_size=12).map(lambda name: "{dir}/" + name)))
def test_plot_is_checked_before_the_fit(plot, tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("plots"))
    N = np.logspace(6, 10, 12)
    D = np.logspace(12, 8, 12)
    path = write("plot.csv", csv_of(N, D, 1.69 + 406.4 / N**0.34 + 410.7 / D**0.28))
    fits = []

    def recording_fit(*args, **kwargs):  # the fit itself is tested elsewhere
        fits.append(os.listdir(folder))
        return _one_fit()

    def quick_figure(fit, N, D, L, path):  # drawing is tested elsewhere; the path here
        with open(path, "wb") as handle:
            handle.write(b"figure")

    argv = ["fit", "chinchilla", path, "--starts", "small", "--json", "--plot",
            plot.replace("{dir}", folder)]
    fitter = "scaling_lab.chinchilla_fit"  # the command imports it when it runs
    with mock.patch(f"{fitter}.start_grid", lambda s: FEW_STARTS), \
            mock.patch(f"{fitter}.fit_chinchilla", recording_fit), \
            mock.patch("scaling_lab.cli.fit_chinchilla._plot_fit", quick_figure):
        status, out, err = call(argv)
    result = check_contract(argv, status, out, err)
    if status == 2:  # the data are good: only the figure's path can be wrong
        assert "--plot" in err.strip().splitlines()[-1], err
        assert fits == [], "the fit ran before --plot was refused"
    if result is not None:
        assert os.path.isfile(result["figure"])
        assert os.path.splitext(result["figure"])[1]


# -- the public API -------------------------------------------------------------------

def odd_objects():
    """What a reader may pass as data."""
    arrays = st.sampled_from([
        np.array([1.0, 10.0, 100.0]), np.array([1, 10, 100]),
        np.array([True, False, True]), np.array([1 + 1j, 10, 100]),
        np.array([1 + 0j, 10, 100]), np.array(["1", "10", "100"]),
        np.array(["2020-01-01", "2021-01-01", "2022-01-01"], dtype="datetime64[D]"),
        np.array([1, 10, "100"], dtype=object), np.ma.masked_array([1.0, 10, 100, 1e3]),
        np.ma.masked_array([1.0, 10, 100, 1e3], mask=[0, 1, 0, 0]),
        np.array(5.0), np.zeros((2, 3)) + 1,
    ])
    items = st.one_of(st.floats(), st.integers(-10**400, 10**400), st.booleans(),
                      st.complex_numbers(), st.text(max_size=3), st.none())
    return st.one_of(st.none(), st.text(max_size=5), st.booleans(), items, arrays,
                     st.lists(items, max_size=6), st.dictionaries(st.text(max_size=2),
                                                                  items, max_size=2))


@given(x=odd_objects(), offset=st.one_of(st.booleans(), st.sampled_from(["no", 1, None])))
def test_fit_power_law_raises_scaling_lab_error_or_works(x, offset):
    try:
        fit = fit_power_law(x, [1.0, 0.5, 0.25], offset=offset)
    except ScalingLabError:
        return
    assert isinstance(offset, bool)
    assert np.isfinite(fit.n)
    assert np.asarray(x).dtype.kind in "iuf"
    assert not np.ma.is_masked(x)


@given(values=odd_objects())
def test_laws_raise_scaling_lab_error_or_work(values):
    for function in (lambda v: power_law(v, 1.0, -0.5),
                     lambda v: local_exponent(v, v),
                     lambda v: growth_regime(v, tol=1e-9)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy warning would mean a silent cast
            try:
                result = function(values)
            except ScalingLabError:
                continue
        assert np.all(np.isfinite(result)) if not isinstance(result, str) else True


@given(tol=st.floats(allow_nan=True, allow_infinity=True))
def test_growth_regime_tolerance(tol):
    try:
        growth_regime(0.5, tol=tol)
    except ScalingLabError:
        assert not 0 <= tol < 0.5
    else:
        assert 0 <= tol < 0.5


@given(x=st.lists(st.floats(1e-3, 1e3), min_size=3, max_size=8))
def test_local_exponent_needs_increasing_x(x):
    try:
        local_exponent(x, x)
    except ScalingLabError as error:
        assert "must increase" in str(error)
        assert any(b <= a for a, b in zip(x, x[1:], strict=False))
    else:
        assert all(b > a for a, b in zip(x, x[1:], strict=False))


@given(answer=st.one_of(odd_objects(), st.fractions(), st.decimals(),
                        st.integers(-10**400, 10**400)))
def test_feedback_never_raises_on_an_answer(answer):
    assert isinstance(check_number(answer, 0.52), Feedback)
    x = np.logspace(0, 3, 10)
    assert isinstance(check_fit(answer, x, 3 * x**-0.5), Feedback)


@given(expected=st.one_of(st.text(max_size=3), st.none(), st.complex_numbers(),
                          st.integers(10**309, 10**400)))
def test_a_bad_expected_value_is_named(expected):
    with pytest.raises(ScalingLabError, match="'expected'"):
        check_number(0.5, expected)


json_values = st.recursive(
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(),
              st.text(max_size=3), st.booleans(), st.none(),
              st.floats().map(np.float64), st.integers(-5, 5).map(np.int64)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=3), children, max_size=3)),
    max_leaves=10)


def non_finite(value) -> int:
    if isinstance(value, dict):
        return sum(non_finite(v) for v in value.values())
    if isinstance(value, list):
        return sum(non_finite(v) for v in value)
    return int(isinstance(value, float) and not math.isfinite(value))


@given(value=st.dictionaries(st.text(max_size=3), json_values, max_size=4))
def test_strict_json_is_strict_and_says_what_it_replaced(value):
    cleaned, notes = strict_json(value)
    json.loads(json.dumps(cleaned, allow_nan=False), parse_constant=refuse)
    assert len(notes) == non_finite(value)


# -- the API examples, one per class ------------------------------------------

X = np.logspace(0, 3, 6)


@pytest.mark.parametrize("call_, fragment", [
    (lambda: power_law([10**400, 1, 2], 1.0, -0.5), "'x' is too large for a float"),
    (lambda: power_law([1, 2], 10**400, -0.5), "'k' is too large for a float"),
    (lambda: fit_power_law(X + 1j, X), "'x' must be real numbers (got complex"),
    (lambda: fit_power_law(X, X, offset="no"), "'offset' must be True or False"),
    (lambda: fit_power_law(np.ma.masked_array(X, mask=[0, 0, 1, 0, 0, 0]), X),
     "'x' has 1 masked entry"),
    (lambda: fit_power_law(None, [1, 2, 3]), "'x' must be numbers (an array"),
    (lambda: fit_power_law(5.0, [1, 2, 3]), "got a single number 5.0"),
    (lambda: fit_power_law([True, True, False], [1, 2, 3]), "not True/False values"),
    (lambda: local_exponent(X[::-1], X), "'x' must increase strictly"),
    (lambda: local_exponent([1, 2, 2, 4], [1, 2, 2, 4]), "'x' must increase strictly"),
    (lambda: growth_regime(0.0, tol=-1), "'tol' must be >= 0"),
    (lambda: check_number(0.5, expected="abc"), "'expected' must be a real number"),
    (lambda: fit_chinchilla(*[np.full(12, 1e9)] * 2, np.full(12, 2.5)),
     "'N' never varies"),
])
def test_api_examples(call_, fragment):
    with pytest.raises(ScalingLabError) as error:
        call_()
    assert fragment in str(error.value)


def test_api_feedback_examples():
    assert "too large to be a float" in check_number(10**400, 0.5).message
    assert "for example 0.3" in check_number("0.3", 0.3).message
    assert check_number(np.array(0.3), 0.3)  # a 0-d array is a number


@pytest.mark.parametrize("kwargs, fragment", [
    ({"huber_delta": 1e300}, "'huber_delta' must be from 1e-6 to 100"),
    ({"huber_delta": 1e-9}, "'huber_delta' must be from 1e-6 to 100"),
    ({"bootstrap": 1}, "'bootstrap' must be 0 (no intervals) or from 40"),
    ({"bootstrap": 10**11}, "'bootstrap' must be 0 (no intervals) or from 40"),
])
def test_chinchilla_options_refused_before_fitting(kwargs, fragment):
    N = np.logspace(6, 10, 12)
    D = np.logspace(12, 8, 12)
    with mock.patch("scaling_lab.chinchilla_fit.batched_lbfgs",
                    side_effect=AssertionError("fitted first")):
        with pytest.raises(ScalingLabError) as error:
            fit_chinchilla(N, D, 1.69 + 406.4 / N**0.34 + 410.7 / D**0.28,
                           starts=FEW_STARTS, **kwargs)
    assert fragment in str(error.value)
