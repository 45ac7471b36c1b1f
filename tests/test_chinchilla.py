"""The Chinchilla chapter's library: published numbers, closed-form allocation, the
approaches, the explorers, the exercise checks and the command line."""

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize

import scaling_lab as sl
from scaling_lab import published
from scaling_lab.chinchilla import (
    allocation_coefficient,
    allocation_exponents,
    compute_optimal,
    isoflop_loss,
    isoflop_windows,
    law_params,
    linear_branch_share,
    optimal_loss_band,
    schedule_loss,
    training_envelope,
)
from scaling_lab.cli import main
from scaling_lab.exercises import check
from scaling_lab.exercises.chinchilla import _reference_fit
from scaling_lab.explore import MAX_FRAMES, MAX_SLIDERS
from scaling_lab.isoflop import envelope_optimum, isoflop_fit, synthetic_runs

# -- published numbers (REFERENCES.md) ---------------------------------------------------


def test_eq10_constants_as_printed_and_unrounded():
    h, u, e = published.HOFFMANN, published.HOFFMANN_UNROUNDED, published.EPOCH
    assert (h.E, h.A, h.B, h.alpha, h.beta) == (1.69, 406.4, 410.7, 0.34, 0.28)
    assert (u.E, u.A, u.B, u.alpha, u.beta) == (1.69337, 406.401, 410.723, 0.33917,
                                                 0.28491)
    assert (e.E, e.A, e.B, e.alpha, e.beta) == (1.82, 482.01, 2085.43, 0.3478, 0.3658)


def test_allocation_exponent_printed_vs_unrounded():
    assert round(allocation_exponents("hoffmann")[0], 4) == 0.4516
    assert round(allocation_exponents("hoffmann-unrounded")[0], 4) == 0.4565
    # Table 2 reports 0.46 for Approach 3, Epoch's refit is about 0.51.
    assert round(allocation_exponents("hoffmann-unrounded")[0], 2) == \
        published.HOFFMANN_TABLE_2[2].a
    assert round(allocation_exponents("epoch")[0], 2) == 0.51


@pytest.mark.parametrize("law, billions, tokens_per_param", [
    ("hoffmann", 32, 93), ("hoffmann-unrounded", 40, 59), ("epoch", 72, 18)])
def test_n_opt_at_gopher_budget(law, billions, tokens_per_param):
    opt = compute_optimal(5.76e23, law)
    assert round(opt.N / 1e9) == billions
    assert round(opt.tokens_per_param) == tokens_per_param


def test_tokens_per_param_of_eq10_as_printed():
    opt = compute_optimal([1e21, 1e23, 5.76e23], "hoffmann")
    assert np.round(opt.tokens_per_param).tolist() == [50, 78, 93]


def test_table3_rows_are_not_exactly_6ND():
    row = published.HOFFMANN_TABLE_3[3]
    assert (row.params, row.flops, row.tokens) == (67e9, 5.76e23, 1.5e12)
    assert round(row.flops / (6 * row.params) / 1e12, 2) == 1.43


def test_models():
    m = published.MODELS
    assert (m["GPT-3"].params, m["GPT-3"].tokens) == (175e9, 300e9)
    assert (m["Gopher"].params, m["Gopher"].tokens, m["Gopher"].flops) == \
        (280e9, 300e9, 5.76e23)
    assert (m["Chinchilla"].params, m["Chinchilla"].tokens) == (70e9, 1.4e12)


def test_fit_method_grid_is_hoffmanns():
    grid = sl.start_grid()
    assert grid.shape == (4500, 5)
    assert sorted(set(grid[:, 0])) == [0, 5, 10, 15, 20, 25]
    assert sorted(set(grid[:, 2])) == [-1, -0.5, 0, 0.5, 1]
    assert sorted(set(grid[:, 3])) == [0, 0.5, 1, 1.5, 2]
    assert published.HOFFMANN_FIT_METHOD["huber_delta"] == 1e-3


# -- closed-form allocation --------------------------------------------------------------

laws = st.builds(
    lambda E, A, B, alpha, beta: published.ChinchillaParams(E, A, B, alpha, beta, "h",
                                                            "hypothesis"),
    E=st.floats(0.5, 3), A=st.floats(50, 5000), B=st.floats(50, 5000),
    alpha=st.floats(0.15, 0.7), beta=st.floats(0.15, 0.7))


@given(law=laws, log_C=st.floats(17, 27))
def test_allocation_meets_budget_and_minimises_isoflop_curve(law, log_C):
    C = 10.0**log_C
    opt = compute_optimal(C, law)
    assert math.isclose(6 * opt.N * opt.D, C, rel_tol=1e-10)
    a, b = allocation_exponents(law)
    assert math.isclose(a + b, 1.0)
    assert math.isclose(opt.N, allocation_coefficient(law) * (C / 6) ** a, rel_tol=1e-10)
    # The numerical minimum of the iso-FLOP curve in log N is the closed form.
    result = optimize.minimize_scalar(
        lambda x: isoflop_loss(C, [math.exp(x)], law)[0],
        bracket=(math.log(opt.N) - 1, math.log(opt.N) + 1), tol=1e-12)
    assert abs(result.x - math.log(opt.N)) < 1e-3
    assert isoflop_loss(C, [opt.N], law)[0] <= isoflop_loss(C, [opt.N * 1.01,
                                                                 opt.N / 1.01], law).min()
    assert math.isclose(opt.loss, isoflop_loss(C, [opt.N], law)[0], rel_tol=1e-12)


def test_compute_optimal_vectorises_and_validates():
    opt = compute_optimal(np.logspace(18, 26, 9))
    assert opt.N.shape == (9,)
    assert np.all(np.diff(np.log(opt.N)) > 0)
    with pytest.raises(sl.ScalingLabError, match="'C'"):
        compute_optimal(-1.0)
    with pytest.raises(sl.ScalingLabError, match="'law' must be one of"):
        compute_optimal(1e21, "kaplan")
    with pytest.raises(sl.ScalingLabError, match="'alpha' must be > 0"):
        law_params(published.ChinchillaParams(1.0, 1.0, 1.0, -0.3, 0.3, "x", "x"))


# -- Approaches 1 and 2 ------------------------------------------------------------------


@pytest.mark.parametrize("law", ["hoffmann", "epoch"])
def test_approach2_recovers_the_exponent_on_narrow_slices(law):
    fit = isoflop_fit(*synthetic_runs(law, noise=0.0, span=0.3, per_budget=9))
    assert abs(fit.a - allocation_exponents(law)[0]) < 2e-3
    assert np.allclose(fit.N_opt, compute_optimal(fit.budgets, law).N, rtol=0.02)


def test_approach2_wide_slices_bias_the_minima():
    narrow = isoflop_fit(*synthetic_runs(noise=0.0, span=0.3))
    wide = isoflop_fit(*synthetic_runs(noise=0.0, span=1.5))
    truth = compute_optimal(narrow.budgets).N
    assert np.abs(np.log(wide.N_opt / truth)).max() > \
        5 * np.abs(np.log(narrow.N_opt / truth)).max()


def test_approach2_same_sizes_at_every_budget_bias_the_exponent():
    budgets = np.array([1e18, 3e18, 1e19, 3e19, 1e20, 3e20])
    middle = np.exp(np.log(compute_optimal(budgets, "epoch").N).mean())
    truth = allocation_exponents("epoch")[0]
    a = [isoflop_fit(*synthetic_runs("epoch", budgets=budgets, noise=0.0,
                                     sizes=middle * np.logspace(-w, w, 12))).a
         for w in (0.5, 2.5)]
    assert a[0] < truth - 0.02 and a[1] > truth + 0.02
    # Centred windows keep the exponent: the vertex shifts equally at every budget.
    centred = isoflop_fit(*synthetic_runs("epoch", budgets=budgets, noise=0.0, span=2.5))
    assert abs(centred.a - truth) < 1e-6


def test_approach2_needs_three_budgets():
    N, D, L = synthetic_runs(budgets=(1e19, 1e20), noise=0.0)
    with pytest.raises(sl.ScalingLabError, match="at least 3 budgets"):
        isoflop_fit(N, D, L)


def test_approach1_envelope_matches_closed_form():
    budgets = np.logspace(18, 23, 11)
    N_opt, a = envelope_optimum(budgets, np.logspace(7, 12, 2000), "epoch")
    assert abs(a - allocation_exponents("epoch")[0]) < 5e-3
    assert np.allclose(N_opt, compute_optimal(budgets, "epoch").N, rtol=0.01)


def test_synthetic_runs_are_seeded_and_on_budget():
    a = synthetic_runs(seed=3)
    b = synthetic_runs(seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    N, D, _ = a
    assert np.allclose(6 * N * D, np.repeat([1e18, 3e18, 1e19, 3e19, 1e20, 3e20], 10))


# -- the designs of Approaches 1 and 2; two readings of a fit ------------------------------

def test_kaplan_schedule_length_is_his_steps_times_batch():
    # Kaplan et al. Sec. 2: steps of batches of sequences of tokens, "130B" in Hoffmann
    k = published.KAPLAN_TRAINING
    tokens = k["steps"] * k["batch_sequences"] * k["context_tokens"]
    assert math.isclose(published.SCALING_STUDY_DESIGNS["kaplan_schedule_tokens"], tokens,
                        rel_tol=0.02)
    assert (published.SCALING_STUDY_DESIGNS["kaplan_smallest_params"]
            == published.KAPLAN_MODELS["smallest_N"])


def test_schedule_loss_is_the_law_at_the_end_and_worse_before():
    law = law_params("epoch")
    N, D = 1e9, np.array([1e9, 5e9, 2e10])
    base = law.E + law.A / N**law.alpha + law.B / D**law.beta
    assert np.allclose(schedule_loss(N, D, 2e10, law, penalty=0.0), base)
    with_excess = schedule_loss(N, D, 2e10, law, penalty=0.1)
    assert np.isclose(with_excess[-1], base[-1])
    assert np.allclose(with_excess[:-1] - base[:-1],
                       0.1 * (base[:-1] - law.E) * (1 - D[:-1] / 2e10))
    with pytest.raises(sl.ScalingLabError, match="penalty"):
        schedule_loss(N, D, 2e10, law, penalty=-0.1)
    with pytest.raises(sl.ScalingLabError, match="horizon"):
        schedule_loss(N, D, 0.0, law)


def test_training_envelope_without_excess_is_the_closed_form():
    sizes = np.logspace(8, 10, 40)
    env = training_envelope(sizes, 20 * sizes[:, None] * [0.25, 1, 4],
                            np.logspace(19, 21, 200), "epoch")
    assert abs(env.a - allocation_exponents("epoch")[0]) < 0.01
    assert np.allclose(6 * env.N_opt * env.D_opt, env.budgets)
    # each chosen point is the law's best size among those trained (no excess)
    best = [sizes[np.argmin(isoflop_loss(C, sizes, "epoch"))] for C in env.budgets[::20]]
    assert np.allclose(env.N_opt[::20], best)


def test_training_envelope_with_excess_picks_runs_near_their_end():
    design = published.HOFFMANN_APPROACH_1
    sizes = np.logspace(np.log10(design["min_params"]), np.log10(design["max_params"]), 16)
    horizons = 20 * sizes[:, None] * design["horizon_spread"] ** np.linspace(-0.5, 0.5, 4)
    env = training_envelope(sizes, horizons, np.logspace(18.5, 21.5, 300), "epoch",
                            penalty=0.1)
    assert np.all(env.fraction <= 1) and np.percentile(env.fraction, 5) > 0.6
    assert abs(env.a - allocation_exponents("epoch")[0]) < 0.1
    with pytest.raises(sl.ScalingLabError, match="horizons"):
        training_envelope(sizes, np.ones((3, 2)), [1e19, 1e20])
    with pytest.raises(sl.ScalingLabError, match="reached"):
        training_envelope(sizes, horizons, [1e30, 1e31])


def test_isoflop_windows_centred_match_approach_2_and_recentring_removes_the_bias():
    C = np.logspace(18, 21, 7)
    true_a = allocation_exponents("epoch")[0]
    centred = isoflop_windows("epoch", C, compute_optimal(C, "epoch").N, span=0.5,
                              per_budget=7, rounds=1)[0]
    reference = isoflop_fit(*synthetic_runs("epoch", budgets=C, per_budget=7, span=0.5,
                                            noise=0.0))
    assert np.allclose(centred.N_opt, reference.N_opt)
    assert math.isclose(centred.a, reference.a, rel_tol=1e-9)
    # the same factor off at every budget leaves the exponent alone
    off = isoflop_windows("epoch", C, 3 * compute_optimal(C, "epoch").N, rounds=1)[0]
    assert math.isclose(off.a, true_a, abs_tol=1e-3)
    # a guess drifting as C^0.73 biases the first pass; one re-centring removes it
    guess = 3 * compute_optimal(C[0], "epoch").N * (C / C[0]) ** 0.73
    first, again = isoflop_windows("epoch", C, guess)
    assert first.a - true_a > 0.05 and abs(again.a - true_a) < 0.002
    assert np.allclose(again.centres, first.N_opt)
    with pytest.raises(sl.ScalingLabError, match="same length"):
        isoflop_windows("epoch", C, guess[:-1])


def test_linear_branch_share_counts_residuals_beyond_delta():
    from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid

    N, D, L = synthetic_runs("epoch", noise=0.01, seed=7)
    fit = fit_chinchilla(N, D, L, starts=start_grid("small"))
    residual = np.log(fit.predict(N, D) / L)
    share = linear_branch_share(fit, N, D, L)
    assert share == np.mean(np.abs(residual) > 1e-3) and 0.6 < share < 0.95
    exact = synthetic_runs("epoch", noise=0.0)
    assert linear_branch_share(fit_chinchilla(*exact, starts=start_grid("small")),
                               *exact) == 0.0


def test_optimal_loss_band_relative_to_the_reducible_loss():
    from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid

    N, D, L = synthetic_runs("epoch", budgets=np.logspace(17, 19.5, 6), noise=0.01, seed=3)
    fit = fit_chinchilla(N, D, L, starts=start_grid("small"), bootstrap=100, seed=1)
    band = optimal_loss_band(fit, 1e23)
    reps = [compute_optimal(1e23, published.ChinchillaParams(*row, "r", "r"))
            for row in fit.replicates]
    lo, hi = np.percentile([r.loss for r in reps], [2.5, 97.5])
    assert math.isclose(band.lo, lo) and math.isclose(band.hi, hi)
    assert math.isclose(band.reducible, compute_optimal(1e23, fit).loss - fit.E)
    assert math.isclose(band.relative_half_width, (hi - lo) / 2 / band.reducible)
    assert band.reducible_lo < band.reducible < band.reducible_hi
    assert 0.05 < band.relative_half_width < 0.6
    with pytest.raises(sl.ScalingLabError, match="bootstrap"):
        optimal_loss_band(fit_chinchilla(N, D, L, starts=start_grid("small")), 1e23)
    with pytest.raises(sl.ScalingLabError, match="level"):
        optimal_loss_band(fit, 1e23, level=95)


# -- explorers ----------------------------------------------------------------------------

NAMES = ["chinchilla/iso-loss", "chinchilla/budget", "chinchilla/tokens-per-param"]


@pytest.mark.parametrize("name", NAMES)
def test_explorer_budget_and_frames(name):
    ex = sl.get_explorer(name)
    assert 1 <= len(ex.sliders) <= MAX_SLIDERS
    assert math.prod(len(s.values) for s in ex.sliders) <= MAX_FRAMES
    for params in list(ex.grid())[::7]:
        frame = ex.frame(**params)
        for x, y in frame.curves.values():
            assert len(x) == len(y) <= 100
        assert frame.note


def test_budget_explorer_minima_are_the_closed_form():
    frame = sl.get_explorer("chinchilla/budget").frame(C=1e22)
    x, y = frame.curves["epoch-min"]
    assert math.isclose(x[0], compute_optimal(1e22, "epoch").N)


def test_iso_loss_frontier_touches_lowest_loss_on_isoflop_line():
    from scaling_lab.explorers.chinchilla import pinned_law

    law = pinned_law(0.4, 0.3)
    frame = sl.get_explorer("chinchilla/iso-loss").frame(alpha=0.4, beta=0.3)
    N, D = frame.curves["frontier"]
    assert np.allclose(N, compute_optimal(6 * N * D, law).N)


def test_one_static_page_renders():
    html = sl.get_explorer("chinchilla/tokens-per-param").static_html()
    assert html.count('type="range"') == 2


@pytest.mark.parametrize("name", ["chinchilla/iso-loss", "chinchilla/tokens-per-param"])
def test_exponent_sliders_are_fine_and_hold_the_published_values(name):
    from scaling_lab.explore import MAX_HTML_BYTES

    ex = sl.get_explorer(name)
    for slider in ex.sliders:
        values = list(slider.values)
        assert len(values) >= 13 and values == sorted(values)
        for law in (published.HOFFMANN, published.EPOCH):
            assert getattr(law, slider.name) in values
    assert {s.name: s.default for s in ex.sliders} == {"alpha": published.HOFFMANN.alpha,
                                                      "beta": published.HOFFMANN.beta}
    assert len(ex.static_html().encode()) < MAX_HTML_BYTES


# -- exercises ----------------------------------------------------------------------------


def test_exercise_exponent_a():
    assert check("chinchilla/exponent-a", 0.4516)
    assert "that is b" in str(check("chinchilla/exponent-a", 0.5484))
    assert "unrounded" in str(check("chinchilla/exponent-a", 0.4565))
    assert "Kaplan" in str(check("chinchilla/exponent-a", 0.73))


def test_exercise_n_opt():
    assert check("chinchilla/n-opt", 40.4e9)
    assert "as printed" in str(check("chinchilla/n-opt", 32.2e9))
    assert "C instead of C/6" in str(check("chinchilla/n-opt",
                                           40.4e9 * 6**allocation_exponents(
                                               "hoffmann-unrounded")[0]))
    assert "10^-9" in str(check("chinchilla/n-opt", 40.4))
    assert "Table 3" in str(check("chinchilla/n-opt", 67e9))


def test_exercise_tokens_per_param():
    assert check("chinchilla/tokens-per-param", 78)
    assert "rule of thumb" in str(check("chinchilla/tokens-per-param", 20))
    assert "reciprocal" in str(check("chinchilla/tokens-per-param", 1 / 78))


def test_exercise_fit_alpha_accepts_the_whole_bootstrap_interval():
    from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid
    from scaling_lab.exercises.chinchilla import exercise_runs

    fit = _reference_fit()
    lo, hi = fit.intervals["alpha"]
    assert lo < 0.40 < hi  # the hidden law's alpha is inside the interval
    least_squares = fit_chinchilla(*exercise_runs(), starts=start_grid("small"),
                                   huber_delta=1.0).alpha
    assert abs(least_squares - fit.alpha) > 0.006  # outside the old ±0.6% window
    for right in (fit.alpha, 0.40, least_squares, lo + 1e-6, hi - 1e-6):
        verdict = check("chinchilla/fit-alpha", right)
        assert verdict, right
        assert "depends on the estimator" in str(verdict)
    for wrong in (lo - 0.01, hi + 0.01, 0.30):
        verdict = check("chinchilla/fit-alpha", wrong)
        assert not verdict and f"{lo:.3f} to {hi:.3f}" in str(verdict)
    assert "printed alpha" in str(check("chinchilla/fit-alpha", 0.34))
    assert "beta" in str(check("chinchilla/fit-alpha", fit.beta))
    assert "must be a number" in str(check("chinchilla/fit-alpha", "0.37"))
    assert not check("chinchilla/fit-alpha", float("nan"))


def test_exercise_gopher_oversize():
    assert check("chinchilla/gopher-oversize", 3.876)
    assert "Chinchilla's 70B" in str(check("chinchilla/gopher-oversize", 4.0))


# -- command line -------------------------------------------------------------------------


@pytest.fixture
def cli(capsys):
    def call(*args):
        try:
            status = main(list(args))
        except SystemExit as stop:
            status = stop.code
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


@pytest.mark.parametrize("law, billions", [("hoffmann", 32), ("hoffmann-unrounded", 40),
                                           ("epoch", 72)])
def test_optimal_json(cli, law, billions):
    status, out, err = cli("optimal", "--flops", "5.76e23", "--law", law, "--json")
    assert status == 0, err
    result = json.loads(out)
    assert set(result) == {"N", "D", "tokens_per_param", "loss"}
    assert round(result["N"] / 1e9) == billions
    assert math.isclose(6 * result["N"] * result["D"], 5.76e23)


def test_optimal_summary_and_default_law(cli):
    status, out, _ = cli("optimal", "--flops", "1e23")
    assert status == 0 and "per parameter" in out and "78" in out


@pytest.mark.parametrize("args", [("optimal", "--flops", "-1"),
                                  ("optimal", "--flops", "lots"),
                                  ("optimal", "--flops", "1e21", "--law", "kaplan"),
                                  ("optimal",)])
def test_optimal_bad_input(cli, args):
    status, _, err = cli(*args)
    assert status == 2
    assert err.strip().splitlines()[-1].startswith("scaling-lab: error:")


def write_runs(path, header=("N", "D", "loss"), noise=0.005, seed=2, tokens="D"):
    N, D, L = synthetic_runs("epoch", noise=noise, seed=seed)
    second = 6 * N * D if tokens == "C" else D
    rows = "".join(f"{n:.8g},{d:.8g},{loss:.10g}\n"
                   for n, d, loss in zip(N, second, L, strict=True))
    path.write_text(",".join(header) + "\n" + rows)
    return path


def test_fit_chinchilla_json_and_progress(cli, tmp_path):
    path = write_runs(tmp_path / "runs.csv")
    status, out, err = cli("fit", "chinchilla", str(path), "--starts", "small", "--json")
    assert status == 0, err
    result = json.loads(out)
    assert set(result) == {"E", "A", "B", "alpha", "beta", "objective", "n_points",
                           "intervals"}
    assert result["n_points"] == 60 and result["intervals"] is None
    assert abs(result["alpha"] - 0.3478) < 0.03 and abs(result["beta"] - 0.3658) < 0.03
    assert "starts" in err  # progress on stderr


def test_fit_chinchilla_c_col_drop_bootstrap_plot(cli, tmp_path):
    path = write_runs(tmp_path / "runs.csv", header=("params", "FLOPs", "Loss"),
                      tokens="C")
    plot = tmp_path / "fit.png"
    status, out, err = cli("fit", "chinchilla", str(path), "--n-col", "PARAMS",
                           "--c-col", "flops", "--loss-col", "loss",
                           "--drop-highest-loss", "5", "--bootstrap", "100", "--seed",
                           "1", "--starts", "small", "--plot", str(plot), "--json")
    assert status == 0, err
    result = json.loads(out)
    assert result["n_points"] == 55
    assert set(result["intervals"]) >= {"E", "A", "B", "alpha", "beta"}
    lo, hi = result["intervals"]["alpha"]
    assert lo <= result["alpha"] <= hi
    assert plot.stat().st_size > 1000
    status, out, _ = cli("fit", "chinchilla", str(path), "--n-col", "params", "--c-col",
                         "flops", "--starts", "small")
    assert status == 0 and "L(N, D) =" in out


@pytest.mark.parametrize("content, extra, message", [
    ("N,loss\n1,2\n", (), "no column 'D'"),
    ("N,D,loss\n" + "1e9,2e10,abc\n" * 8, (), "not a number"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 7 + "0,2e10,2.5\n", (), "must be > 0"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 5, (), "at least 6 runs"),
    ("", (), "empty"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 8, ("--drop-highest-loss", "8"), "every one"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 8, ("--drop-highest-loss", "3"), "at least 6"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 8, ("--bootstrap", "-1"), "--bootstrap"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 8, ("--huber-delta", "0"), "positive"),
    ("N,D,loss\n" + "1e9,2e10,2.5\n" * 8, ("--d-col", "D", "--c-col", "C"),
     "not allowed"),
])
def test_fit_chinchilla_bad_input(cli, tmp_path, content, extra, message):
    path = tmp_path / "runs.csv"
    path.write_text(content)
    status, _, err = cli("fit", "chinchilla", str(path), "--starts", "small", *extra)
    assert status == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("scaling-lab: error:") and message in last


def test_fit_chinchilla_no_file(cli, tmp_path):
    status, _, err = cli("fit", "chinchilla", str(tmp_path / "missing.csv"))
    assert status == 2
    assert err.strip().splitlines()[-1].startswith("scaling-lab: error: no such file")
