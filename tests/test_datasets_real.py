"""The shipped real runs (Porian, Gadre, Ruan et al. 2024): files, licences, checksums,
the invariants their provenance states, and the numbers they must reproduce."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest

from scaling_lab import published
from scaling_lab.datasets import available, info, load, porian2024
from scaling_lab.datasets.gadre2024 import backtest, runs
from scaling_lab.datasets.registry import data_path

REAL = {"porian2024-isoflop": 1164, "porian2024-optima": 118, "porian2024-fits": 40,
        "gadre2024-models": 104, "ruan2024-benchmarks": 148}


@pytest.mark.parametrize("name, rows", REAL.items())
def test_each_set_is_registered_with_its_files_and_rows(name, rows):
    assert name in available()
    dataset = info(name)
    csv_name, licence, provenance = dataset.files
    assert licence.endswith(".LICENSE") and provenance.endswith(".PROVENANCE.md")
    for filename in dataset.files:
        assert data_path(filename).is_file()
    table = load(name)
    assert len(table) == rows
    assert set(table.units) == set(table.columns)


@pytest.mark.parametrize("name", REAL)
def test_the_checksum_in_the_provenance_file_matches(name):
    csv_name, _, provenance = info(name).files
    text = data_path(provenance).read_text(encoding="utf-8")
    stated = re.search(rf"`{re.escape(csv_name)}` \| `([0-9a-f]{{64}})`", text).group(1)
    assert hashlib.sha256(data_path(csv_name).read_bytes()).hexdigest() == stated


def test_licences_are_the_open_ones_stated():
    grant = "Permission is hereby granted, free of charge, to any person obtaining a copy"
    for name in ("porian2024.LICENSE", "gadre2024.LICENSE"):  # the MIT grant
        assert grant in " ".join(data_path(name).read_text().split())
    assert "Apache License" in data_path("ruan2024.LICENSE").read_text()


def test_porian_tokens_are_flops_over_6n_and_conventions_do_not_mix():
    t = load("porian2024-isoflop")
    np.testing.assert_allclose(t["tokens"], t["flops"] / (6 * t["n_params"]), rtol=1e-15)
    for config in porian2024.CONFIGURATIONS:
        rows = t.where(t["config_id"] == config)
        assert len(set(rows["param_count"])) == 1 and len(set(rows["loss_split"])) == 1


def test_porian_optima_refit_reproduces_their_unweighted_fit():
    """A least-squares line through their bracketed optima gives their 'basic' exponent."""
    optima, fits = load("porian2024-optima"), load("porian2024-fits")
    for config in porian2024.CONFIGURATIONS:
        rows = optima.where((optima["config_id"] == config) & optima["optimum_found"])
        slope = np.polyfit(np.log(rows["flops"]), np.log(rows["n_opt"]), 1)[0]
        basic = fits.where((fits["config_id"] == config) & (fits["fit_variant"] == "basic"))
        assert abs(slope - basic["n_exponent"][0]) < 1e-10


def test_published_table_matches_the_shipped_fits():
    """published.PORIAN_2024 (as printed) is the shipped headline fit, rounded."""
    for config in published.PORIAN_2024:
        exact = porian2024.published_fit(config.config_id)
        assert float(f"{exact['a']:.3g}") == config.a
        assert tuple(round(v, 2) for v in exact["a_interval"]) == config.a_interval
        assert float(f"{exact['b']:.3g}") == config.b


def test_gadre_tokens_are_multiplier_times_params():
    t = load("gadre2024-models")
    np.testing.assert_array_equal(t["tokens"], t["tokens_per_param_nominal"] * t["params"])
    np.testing.assert_allclose(t["flops_6ND"], 6 * t["params"] * t["tokens"], rtol=1e-15)
    assert sorted(set(t["tokens_per_param_nominal"].tolist())) == [
        5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 640.0]


def test_gadre_backtest_holds_back_the_large_models():
    bt = backtest("rpj", bootstrap=40, starts="small")
    assert list(bt.model) == ["open_lm_1b", "open_lm_1b", "open_lm_7b"]
    assert bt.n_fitted == 32 and np.all(bt.N >= 1e9)
    assert np.all(bt.low < bt.predicted) and np.all(bt.predicted < bt.high)
    assert np.all(np.abs(bt.relative_error) < 0.1)
    r = runs("rpj")
    assert bt.fit.n_points == int((r["N"] < 1e9).sum())


def test_ruan_flops_are_6nd_where_given():
    t = load("ruan2024-benchmarks")
    given = ~np.isnan(t["FLOPs (1E21)"])
    assert int(given.sum()) == 123
    ratio = t["FLOPs (1E21)"][given] * 1e21 / (
        6 * t["Model Size (B)"][given] * 1e9 * t["Pretraining Data Size (T)"][given] * 1e12)
    np.testing.assert_allclose(ratio, 1.0, rtol=1e-12)
