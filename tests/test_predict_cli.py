"""``scaling-lab predict``: every law, every bad input, the JSON contract."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from scaling_lab import published
from scaling_lab.cli import PLUGINS, main

KEYS = {"loss", "law", "params", "tokens"}


def run(argv, capsys):
    """Run the command in-process; return (status, stdout, stderr)."""
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse errors exit through _Parser.error
        status = stop.code
    out, err = capsys.readouterr()
    return status, out, err


def predict_json(capsys, *args):
    status, out, err = run(["predict", *args, "--json"], capsys)
    assert status == 0, err
    result = json.loads(out)
    assert set(result) == KEYS
    return result


def test_predict_is_a_plugin():
    assert "scaling_lab.cli.predict" in PLUGINS


def test_kaplan_params_alone_is_eq_1_1(capsys):
    r = predict_json(capsys, "--law", "kaplan", "--params", "1e9")
    assert r["loss"] == pytest.approx((8.8e13 / 1e9) ** 0.076, rel=1e-12)
    assert (r["law"], r["params"], r["tokens"]) == ("kaplan", 1e9, None)


def test_kaplan_tokens_alone_is_eq_1_2(capsys):
    r = predict_json(capsys, "--law", "kaplan", "--tokens", "1e10")
    assert r["loss"] == pytest.approx((5.4e13 / 1e10) ** 0.095, rel=1e-12)
    assert (r["params"], r["tokens"]) == (None, 1e10)


def test_kaplan_both_is_eq_1_5(capsys):
    r = predict_json(capsys, "--law", "kaplan", "--params", "1e9", "--tokens", "1e10")
    hand = ((8.8e13 / 1e9) ** (0.076 / 0.095) + 5.4e13 / 1e10) ** 0.095
    assert r["loss"] == pytest.approx(hand, rel=1e-12)


@pytest.mark.parametrize("law", ["hoffmann", "hoffmann-unrounded", "epoch"])
def test_chinchilla_form_laws(law, capsys):
    r = predict_json(capsys, "--law", law, "--params", "7e10", "--tokens", "1.4e12")
    p = published.CHINCHILLA_LAWS[law]
    hand = p.E + p.A / 7e10 ** p.alpha + p.B / 1.4e12 ** p.beta
    assert r["loss"] == pytest.approx(hand, rel=1e-12)
    assert r["law"] == law


def test_hoffmann_printed_value(capsys):
    r = predict_json(capsys, "--law", "hoffmann", "--params", "70e9", "--tokens", "1.4e12")
    assert r["loss"] == pytest.approx(1.9366, abs=1e-4)


def test_summary_names_the_equation_and_non_embedding(capsys):
    status, out, _ = run(["predict", "--law", "kaplan", "--params", "1e9"], capsys)
    assert status == 0
    assert "Eq. 1.1" in out and "non-embedding" in out and "nats" in out


def test_help_says_non_embedding(capsys):
    status, out, _ = run(["predict", "--help"], capsys)
    assert status == 0
    assert "NON-EMBEDDING" in out


BAD = [
    (["--law", "kaplan"], "--params"),
    (["--law", "kaplan", "--params", "-1"], "positive finite"),
    (["--law", "kaplan", "--params", "0"], "positive finite"),
    (["--law", "kaplan", "--tokens", "nan"], "positive finite"),
    (["--law", "kaplan", "--tokens", "inf"], "positive finite"),
    (["--law", "kaplan", "--params", "1e400"], "positive finite"),
    (["--law", "kaplan", "--params", "ten"], "not a number"),
    (["--law", "hoffmann", "--params", "1e9"], "--tokens"),
    (["--law", "epoch", "--tokens", "1e9"], "--params"),
    (["--law", "hoffmann-unrounded"], "--params"),
    (["--law", "chinchilla", "--params", "1e9"], "invalid choice"),
    (["--params", "1e9"], "--law"),
]


@pytest.mark.parametrize("args, phrase", BAD)
def test_bad_input_exits_2_with_one_error_line(args, phrase, capsys):
    status, out, err = run(["predict", *args, "--json"], capsys)
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("scaling-lab: error:")
    assert phrase in last


def test_entry_point_end_to_end():
    command = [sys.executable, "-m", "scaling_lab", "predict", "--law", "kaplan"]
    done = subprocess.run([*command, "--params", "1e9", "--tokens", "1e10", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert math.isfinite(json.loads(done.stdout)["loss"])
    bad = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("scaling-lab: error:")
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("args, phrase", [
    (["--law", "kaplan", "--params", "-1e9"], "'-1e9' must be a positive finite number"),
    (["--law", "kaplan", "--tokens", "-inf"], "'-inf' must be a positive finite number"),
    (["--law", "kaplan", "--params", "1e9", "--tokens", "1e-300"],
     "--tokens must be at least 1"),
    (["--law", "kaplan", "--params", "0.5"], "--params must be at least 1"),
    (["--law", "epoch", "--params", "1e-300", "--tokens", "1e12"],
     "--params must be at least 1"),
])
def test_values_below_one_count_or_negative(args, phrase, capsys):
    status, out, err = run(["predict", *args, "--json"], capsys)
    assert status == 2 and out == ""
    assert "expected one argument" not in err
    assert phrase in err.strip().splitlines()[-1]


@pytest.mark.parametrize("law", ["kaplan", "hoffmann", "hoffmann-unrounded", "epoch"])
@pytest.mark.parametrize("value", ["1", "1e308"])
def test_extremes_give_finite_strict_json(law, value, capsys):
    status, out, err = run(["predict", "--law", law, "--params", value, "--tokens", value,
                            "--json"], capsys)
    assert status == 0, err

    def refuse(name):
        raise ValueError(name)

    assert math.isfinite(json.loads(out, parse_constant=refuse)["loss"])


def test_api_names_none_and_text():
    from scaling_lab import ScalingLabError
    from scaling_lab.cli.predict import predict

    with pytest.raises(ScalingLabError, match="'params' must be a real number"):
        predict("kaplan", params="1e9")
    with pytest.raises(ScalingLabError, match="'tokens' is too large for a float"):
        predict("kaplan", tokens=10**400)
