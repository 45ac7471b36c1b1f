"""Tests of the goodness-of-fit test, the bootstrap and the vectorised x_min scan.

Truth here is (1) ``scipy.special.zeta`` and brute-force sums for the Hurwitz zeta
function, (2) ``powerlaw.Fit(counts, discrete=True)`` for the scan, (3) Clauset, Shalizi &
Newman 2009, Table 6.1 and Table 6.3 (``published.MOBY_DICK_CLAUSET``) for the Moby Dick
row, reached through the shipped 2,500-replicate reference run, and (4) seeded synthetic
samples of known laws. Every Monte Carlo comparison uses a tolerance derived from the
Monte Carlo error of the runs compared, so the tests stay small and fast.
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
from clitools import run as _run
from scipy import special

import scaling_lab as sl
from scaling_lab import datasets, published, stats, zipf

MOBY = published.MOBY_DICK_CLAUSET


@pytest.fixture(scope="module")
def moby():
    return datasets.moby_dick_counts()


@pytest.fixture(scope="module")
def austen():
    return datasets.corpus_counts("austen").counts


def _powerlaw_fit(counts, **kwargs):
    import powerlaw

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return powerlaw.Fit(counts, discrete=True, verbose=0, **kwargs)


# -- the Hurwitz zeta function ------------------------------------------------------------


def test_hurwitz_zeta_matches_scipy():
    a = np.array([1.05, 1.3, 1.5, 1.95, 2.5, 3.0, 4.5])[:, None]
    q = np.array([1, 2, 3, 7, 9, 10, 11, 47, 161, 1000, 1e5])[None, :]
    assert np.allclose(zipf.hurwitz_zeta(a, q), special.zeta(a, q), rtol=1e-9, atol=0)


def test_hurwitz_zeta_derivatives_match_brute_force_sums():
    # zeta' = -sum ln k k^-a and zeta'' = sum ln^2 k k^-a; sum to K directly and add the
    # integral of the rest (error of order K^-a ln^2 K, far below the tolerance).
    k = np.arange(1, 2_000_001, dtype=float)
    for a in (1.8, 2.0, 2.6):
        for q in (1, 3, 12):
            kk = k[q - 1:]
            z, z1, z2 = zipf.hurwitz_zeta(a, q, derivatives=True)
            big = k[-1] + 0.5
            tail0 = big ** (1 - a) / (a - 1)
            tail1 = tail0 * (math.log(big) + 1 / (a - 1))
            tail2 = tail0 * (math.log(big) ** 2 + 2 * math.log(big) / (a - 1)
                             + 2 / (a - 1) ** 2)
            assert z1 == pytest.approx(-(np.sum(np.log(kk) * kk**-a) + tail1), rel=1e-7)
            assert z2 == pytest.approx(np.sum(np.log(kk) ** 2 * kk**-a) + tail2, rel=1e-7)
            assert z == pytest.approx(special.zeta(a, q), rel=1e-10)


# -- the scan against powerlaw --------------------------------------------------------------


@pytest.mark.parametrize("name", ["moby-dick", "austen", "python-docs"])
def test_scan_matches_powerlaw_fit(name):
    counts = (datasets.moby_dick_counts() if name == "moby-dick"
              else datasets.corpus_counts(name).counts)
    ours = zipf.scan_xmin(counts)
    theirs = _powerlaw_fit(counts)
    assert ours.best_xmin == theirs.xmin
    assert ours.best_n_tail == theirs.n_tail
    results = theirs.xmin_fitting_results
    assert np.array_equal(ours.xmin, results["xmins"])
    assert np.array_equal(ours.valid, results["valid_fits"])
    valid = results["valid_fits"]
    # powerlaw's numerical fits stop at a Nelder-Mead tolerance of 1e-4
    assert np.max(np.abs(ours.alpha - results["alphas"])[valid]) < 1e-4
    assert np.max(np.abs(ours.distance - results["distances"])[valid]) < 5e-5
    # closed form from xmin 10 on, exact below
    assert not ours.closed_form[ours.xmin < 10].any()


def test_austen_ks_profile_is_fragile(austen):
    scan = zipf.scan_xmin(austen)
    best, rival = scan.at(161), scan.at(34)
    assert scan.best_xmin == 161 and best["n_tail"] == 532
    assert best["ks_distance"] == pytest.approx(0.0210, abs=5e-5)
    assert rival["ks_distance"] == pytest.approx(0.0216, abs=5e-5)
    assert best["alpha"] == pytest.approx(1.939, abs=5e-4)
    assert rival["alpha"] == pytest.approx(1.830, abs=5e-4)
    with pytest.raises(sl.ScalingLabError, match="'xmin' must be one of the candidates"):
        scan.at(10**6)


def test_grid_fit_is_clausets(moby):
    scan = zipf.scan_xmin(moby, alpha_grid=0.01)
    assert (scan.best_xmin, scan.best_n_tail) == (7, 2958)
    assert scan.best_alpha == pytest.approx(1.95)
    assert np.allclose(np.round(scan.alpha / 0.01) * 0.01, scan.alpha)


def test_scan_recovers_a_known_law():
    x = zipf.sample_discrete_power_law(2.4, xmin=1, size=20000, seed=8)
    scan = zipf.scan_xmin(x)
    stderr = zipf.discrete_stderr(scan.best_alpha, scan.best_xmin, scan.best_n_tail)
    assert abs(scan.best_alpha - 2.4) < 4 * stderr


# -- the goodness-of-fit test ---------------------------------------------------------------


def test_power_law_data_pass_and_exponential_data_fail():
    power = zipf.sample_discrete_power_law(2.0, xmin=1, size=3000, seed=4)
    assert not stats.goodness_of_fit(power, 40, seed=1).rejected
    geometric = np.random.default_rng(5).geometric(0.02, size=3000).astype(float)
    test = stats.goodness_of_fit(geometric, 40, seed=1)
    assert test.rejected and test.p == 0.0 and test.p_se == 0.0


def test_p_value_and_its_error_are_consistent(moby):
    test = stats.goodness_of_fit(moby, 30, seed=3)
    assert test.p == pytest.approx(np.mean(test.distances >= test.ks_distance))
    assert test.p_se == pytest.approx(math.sqrt(test.p * (1 - test.p) / 30))
    assert (test.xmin, test.n_tail) == (7, 2958)
    again = stats.goodness_of_fit(moby, 30, seed=3)
    assert np.array_equal(test.distances, again.distances)  # seeded


def _agree(small: float, small_se: float, ref: float, ref_se: float, k: float = 4.0):
    return abs(small - ref) <= k * math.hypot(small_se, ref_se)


@pytest.mark.parametrize("variant", ["exact", "grid"])
def test_a_small_run_agrees_with_the_shipped_reference(moby, variant):
    ref = stats.reference("moby-dick", variant)
    grid = 0.01 if variant == "grid" else None
    small = stats.power_law_report(moby, 60, seed=11, alpha_grid=grid)
    ref_p_se = math.sqrt(ref.p * (1 - ref.p) / small.replicates)  # binomial at n = 60
    assert _agree(small.p, ref_p_se, ref.p, ref.p_se)
    for key in ("xmin", "alpha", "n_tail"):
        assert _agree(getattr(small, f"{key}_se"), small.mc_error[key],
                      getattr(ref, f"{key}_se"), ref.mc_error[key], k=5.0), key
    assert (small.xmin, small.n_tail) == (ref.xmin, ref.n_tail)


def test_reference_reproduces_table_6_1():
    """The Moby Dick row of Clauset et al. 2009, Table 6.1, within Monte Carlo error.

    The p-value is reproduced with the exponent fitted on Clauset's grid (their code);
    the exact MLE gives a larger p, and neither rejects the power law.
    """
    grid, exact = stats.reference("moby-dick", "grid"), stats.reference("moby-dick")
    assert grid.replicates >= 1000
    assert (grid.n, grid.xmax, grid.xmin, grid.n_tail) == (
        MOBY["paper_n"], MOBY["paper_xmax"], MOBY["paper_xmin"], MOBY["paper_n_tail"])
    assert round(grid.mean, 2) == MOBY["paper_mean"]
    assert round(grid.sd, 2) == MOBY["paper_sd"]
    paper_p_se = math.sqrt(MOBY["paper_gof_p"] * (1 - MOBY["paper_gof_p"]) / 1000)
    assert _agree(grid.p, grid.p_se, MOBY["paper_gof_p"], paper_p_se, k=2.5)
    for report in (grid, exact):
        assert round(report.xmin_se) == MOBY["paper_xmin_se"]
        assert abs(report.xmin_se - MOBY["paper_xmin_se"]) < 0.5 + 3 * report.mc_error["xmin"]
        # the paper's n_tail_se has a Monte Carlo error like ours
        assert _agree(report.n_tail_se, report.mc_error["n_tail"], MOBY["paper_n_tail_se"],
                      report.mc_error["n_tail"], k=3.0)
        assert round(report.alpha, 2) == MOBY["paper_alpha"]
        assert abs(report.alpha_se - MOBY["paper_alpha_stderr"]) <= 0.005 + 3 * \
            report.mc_error["alpha"]
        assert report.p > 0.1  # not rejected
    assert exact.p > grid.p + 3 * math.hypot(exact.p_se, grid.p_se)


def test_reference_records_its_command():
    command = stats.reference_command()
    assert "write_reference" in command and "zipf_gof.json" in command
    with pytest.raises(sl.ScalingLabError, match="'name' must be one of"):
        stats.reference("hamlet")
    with pytest.raises(sl.ScalingLabError, match="'variant' must be one of"):
        stats.reference("austen", "grid")


# -- the bootstrap, the report and the nested test ------------------------------------------


def test_bootstrap_of_a_known_law_covers_it():
    x = zipf.sample_discrete_power_law(2.2, xmin=1, size=4000, seed=21)
    boot = stats.bootstrap_tail(x, 40, seed=2)
    assert boot.samples.shape == (40, 3)
    assert abs(boot.samples[:, 1].mean() - 2.2) < 4 * boot.alpha_se
    assert boot.correlation.shape == (3, 3)
    assert set(boot.mc_error) == {"xmin", "alpha", "n_tail"}


def test_report_row_and_json_round_trip():
    report = stats.reference("moby-dick", "grid")
    row = report.row()
    assert row.startswith("18,855 | 11.14 | 148.33 | 14,086 | 7 ± 2 | 1.95(")
    assert stats.PowerLawReport.from_json(json.loads(json.dumps(report.to_json()))) == report
    assert sorted(report.as_dict())[:5] == ["alpha_se", "gof_p", "gof_p_se",
                                             "gof_replicates", "gof_seed"]


def test_cutoff_test_reproduces_table_6_3(moby):
    test = stats.cutoff_test(moby)
    assert test.nested and test.alternative == "truncated_power_law"
    assert test.R == pytest.approx(MOBY["paper_cutoff_R"], abs=0.02)
    assert test.p == pytest.approx(MOBY["paper_cutoff_p"], abs=0.01)
    assert test.verdict == "undecided"
    # Wilks: p is the chi-squared(1) tail of 2|R|
    from scipy.stats import chi2

    assert test.p == pytest.approx(chi2.sf(2 * abs(test.R), 1))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: stats.goodness_of_fit([1, 2, 3, 4, 5, 6], 1), "'replicates' must be >= 2"),
    (lambda: stats.goodness_of_fit([1, 2, 3, 4], 10, seed=-1), "'seed' must be >= 0"),
    (lambda: stats.bootstrap_tail([1, 2, 3, 4], 10, alpha_grid=0), "'alpha_grid' must be > 0"),
    (lambda: zipf.scan_xmin([3, 3, 5]), "at least 3"),
    (lambda: zipf.scan_xmin([1.5, 2, 3, 4]), "whole numbers"),
    (lambda: stats.cutoff_test([1, 2, 3, 40], xmin=40), "fewer than 2 counts"),
])
def test_bad_arguments_raise_with_the_argument_named(call, message):
    with pytest.raises(sl.ScalingLabError, match=message):
        call()


# -- the command line --------------------------------------------------------------------


def test_cli_gof_json_and_summary(tmp_path):
    path = tmp_path / "docs.txt"
    path.write_text(datasets.load_text("python-docs"), encoding="utf-8")
    status, out, _ = _run(["zipf", str(path), "--gof", "20", "--seed", "3", "--json"])
    assert status == 0
    result = json.loads(out)
    for key in ("gof_p", "gof_p_se", "xmin_se", "alpha_se", "n_tail_se", "cutoff_R",
                "cutoff_p"):
        assert isinstance(result[key], float), key
    counts = datasets.corpus_counts("python-docs").counts
    report = stats.power_law_report(counts, 20, seed=3)
    assert result["gof_p"] == report.p and result["xmin_se"] == report.xmin_se
    assert result["gof_replicates"] == 20
    status, out, _ = _run(["zipf", str(path), "--gof", "5"])
    assert status == 0 and "goodness of fit (5 replicates" in out and "Table 6.1" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--gof", "1"], "must be at least 2 replicates"),
    (["--gof", "many"], "is not a whole number"),
    (["--gof", "10", "--seed", "-2"], "must be >= 0"),
])
def test_cli_gof_bad_values_exit_2(tmp_path, argv, message):
    path = tmp_path / "docs.txt"
    path.write_text("a b c d e f g h i j k l a a b", encoding="utf-8")
    status, out, err = _run(["zipf", str(path), *argv])
    assert status == 2 and out == "" and message in err
