"""The chapter "Where the straight line ends": each simulation against its theory."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scaling_lab as sl
from scaling_lab import ScalingLabError, published
from scaling_lab.exercises import EXERCISES, check
from scaling_lab.explore import MAX_FRAMES
from scaling_lab.explorers.limits import double_descent_run
from scaling_lab.limits import (
    TASK_LOSS,
    data_constrained_loss,
    data_constrained_optimum,
    effective_data,
    effective_parameters,
    emergence_threshold,
    exact_match,
    exact_match_ceiling,
    frontier_loss_exponent,
    halving_factor,
    mean_estimation_error,
    random_features_curve,
    repeated_data_value,
    task_loss,
    transition_width,
    unique_data_model_size,
)
from scaling_lab.limits.manifold import (
    exponent_bias,
    manifold_exponent,
    manifold_regression_error,
)

# -- 1/N for the mean ------------------------------------------------------------------


def test_mean_error_exponent_is_minus_one():
    run = mean_estimation_error(np.logspace(0, 3, 7).round(), trials=3000, seed=1)
    assert run.theory_exponent == -1.0
    low, high = run.fit.n_interval
    assert low - 0.03 <= -1.0 <= high + 0.03
    assert abs(run.exponent + 1.0) < 0.05


def test_mean_error_level_is_sigma_squared_over_n():
    sizes = np.array([5, 50, 500])
    run = mean_estimation_error(sizes, sigma=3.0, trials=4000, seed=2)
    np.testing.assert_allclose(run.errors, 9.0 / sizes, rtol=0.08)


def test_simulations_are_seeded():
    a = mean_estimation_error([2, 20, 200], trials=100, seed=7)
    b = mean_estimation_error([2, 20, 200], trials=100, seed=7)
    np.testing.assert_array_equal(a.errors, b.errors)


@pytest.mark.parametrize("bad", [[1, 2], [0, 10, 100], [1.5, 10, 100], [10, 10, 100]])
def test_mean_rejects_bad_sizes(bad):
    with pytest.raises(ScalingLabError, match="sample_sizes"):
        mean_estimation_error(bad)


# -- the data manifold -----------------------------------------------------------------

SIZES = np.unique(np.round(np.logspace(2, 4, 6)).astype(int))


@pytest.mark.parametrize("dimension", [1, 2, 3, 4])
def test_nearest_neighbour_exponent_is_minus_two_over_d(dimension):
    run = manifold_regression_error(SIZES, dimension=dimension, seed=3)
    assert run.theory_exponent == pytest.approx(-2 / dimension)
    # Finite-N effects flatten the slope a little at larger d.
    assert run.exponent == pytest.approx(-2 / dimension, abs=0.08 + 0.02 * dimension)


@pytest.mark.parametrize("dimension", [1, 2])
def test_local_linear_exponent_is_minus_four_over_d(dimension):
    run = manifold_regression_error(SIZES, dimension=dimension, method="linear", seed=4)
    assert run.exponent == pytest.approx(-4 / dimension, rel=0.08)


def test_the_exponent_does_not_depend_on_the_ambient_dimension():
    small = manifold_regression_error(SIZES, dimension=2, ambient_dimension=4, seed=5)
    large = manifold_regression_error(SIZES, dimension=2, ambient_dimension=64, seed=5)
    assert small.exponent == pytest.approx(large.exponent, abs=0.1)


BIAS_SIZES = np.unique(np.logspace(2, 4, 7).round())


def test_nearest_neighbour_exponent_at_d4_is_biased_towards_zero():
    """Issue 14: at 100 to 10,000 samples every seed's interval excludes -0.5."""
    bias = exponent_bias(BIAS_SIZES, dimension=4)
    assert bias.theory == -0.5
    assert bias.excluded == len(bias.seeds)
    low, high = bias.mean_interval
    assert low > -0.5 and bias.bias > 0.03
    assert np.all(bias.exponents > -0.5) and np.all(bias.exponents < -0.4)


def test_the_bias_shrinks_with_more_samples():
    small = exponent_bias(BIAS_SIZES, dimension=4, seeds=(0, 1))
    large = exponent_bias(np.unique(np.logspace(3, 5, 5).round()), dimension=4,
                          seeds=(0, 1), n_test=500)
    assert 0 < large.bias < small.bias


def test_local_linear_exponent_at_d2_is_biased_towards_zero():
    bias = exponent_bias(BIAS_SIZES, dimension=2, method="linear", seeds=(0, 1, 2))
    assert bias.theory == -2.0
    assert 0 < bias.bias < 0.2
    assert bias.mean_interval[0] > -2.0


def test_exponent_bias_needs_several_seeds():
    with pytest.raises(ScalingLabError, match="seeds"):
        exponent_bias(BIAS_SIZES, dimension=2, seeds=(3,))


def test_manifold_validation():
    with pytest.raises(ScalingLabError, match="ambient_dimension"):
        manifold_regression_error(SIZES, dimension=3, ambient_dimension=4)
    with pytest.raises(ScalingLabError, match="method"):
        manifold_regression_error(SIZES, dimension=2, method="kernel")
    with pytest.raises(ScalingLabError, match="dimension"):
        manifold_exponent(0)


# -- double descent --------------------------------------------------------------------

FEATURES = np.array([2, 5, 10, 20, 30, 40, 50, 80, 160, 320, 640])


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_min_norm_error_peaks_where_features_meet_samples(noise):
    run = random_features_curve(40, FEATURES, repeats=6, seed=11)
    assert run.peak(noise) == 40
    err = run.test_error(noise)
    at = list(FEATURES).index(40)
    assert err[at] > 3 * err[list(FEATURES).index(10)]
    assert err[at] > 3 * err[-1]
    assert err[-1] < err[list(FEATURES).index(10)]  # the second descent goes lower


def test_tuned_ridge_removes_the_peak():
    run = random_features_curve(40, FEATURES, repeats=6, seed=11)
    tuned = run.tuned_error(0.5)
    at = list(FEATURES).index(40)
    assert tuned[at] < 1.5 * tuned[list(FEATURES).index(10)]
    assert tuned[at] < run.test_error(0.5)[at] / 3


def test_error_quadratic_matches_a_direct_fit():
    """The a + 2 sigma b + sigma^2 c bookkeeping against a plain lstsq fit."""
    n, p, size, sigma, seed = 12, 16, 7, 0.3, 5
    run = random_features_curve(n, [size], repeats=1, n_test=50, seed=seed)
    rng = np.random.default_rng(seed)
    beta = rng.normal(size=p) / np.sqrt(p)
    weights = rng.normal(size=(p, size)) / np.sqrt(p)
    x, x_test = rng.normal(size=(n, p)), rng.normal(size=(50, p))
    f, f_test = np.tanh(2 * x @ beta), np.tanh(2 * x_test @ beta)
    eps = rng.normal(size=n)
    w = np.linalg.lstsq(np.maximum(x @ weights, 0), f + sigma * eps, rcond=None)[0]
    direct = np.mean((np.maximum(x_test @ weights, 0) @ w - f_test) ** 2)
    assert run.test_error(sigma)[0] == pytest.approx(direct, rel=1e-6)


def test_more_data_can_hurt():
    """Nakkiran et al.: at a fixed model size, more samples near P can raise the error."""
    few, more = double_descent_run(20), double_descent_run(40)
    at = int(np.flatnonzero(few.n_features == 40)[0])
    assert more.test_error(0.5)[at] > few.test_error(0.5)[at]


def test_random_features_validation():
    with pytest.raises(ScalingLabError, match="ridges"):
        random_features_curve(10, [5, 10], ridges=(0.1, 1.0))
    with pytest.raises(ScalingLabError, match="n_features"):
        random_features_curve(10, [5.5, 10])
    with pytest.raises(ScalingLabError, match="noise"):
        random_features_curve(10, [5, 10], repeats=1).test_error(-1.0)


# -- emergence as a metric effect ------------------------------------------------------


@given(k=st.integers(1, 200), alpha=st.floats(0.05, 2.0), level=st.floats(0.01, 0.99))
def test_threshold_solves_the_exact_match_equation(k, alpha, level):
    N = emergence_threshold(k, level=level, alpha=alpha)
    score = exact_match(task_loss([N], alpha=alpha), k)[0]
    assert score == pytest.approx(level, rel=1e-9)


@given(k=st.integers(1, 200), alpha=st.floats(0.05, 2.0))
def test_transition_width_does_not_depend_on_k(k, alpha):
    ratio = emergence_threshold(k, level=0.9, alpha=alpha) / emergence_threshold(
        k, level=0.1, alpha=alpha)
    assert math.log10(ratio) == pytest.approx(transition_width(alpha), rel=1e-9)


def test_minus_log_exact_match_is_a_power_law_with_the_loss_exponent():
    N = np.logspace(6, 12, 13)
    score = exact_match(task_loss(N), k=30)
    fit = sl.fit_power_law(N, -np.log(score))
    assert fit.n == pytest.approx(-TASK_LOSS["alpha"], abs=1e-9)


@pytest.mark.parametrize("alpha, decades", [
    (published.KAPLAN.alpha_N, 17.6), (published.HOFFMANN.alpha, 3.9), (0.5, 2.7)])
def test_transition_width_for_the_courses_exponents(alpha, decades):
    """Issue 13: 2.7 decades at the task's 0.5, 17.6 at 0.076, 3.9 at 0.34."""
    assert round(transition_width(alpha), 1) == decades


def test_explicit_width_from_the_scores():
    """The width read off a dense grid of exact-match scores, for Kaplan's exponent."""
    alpha = published.KAPLAN.alpha_N
    N = np.logspace(0, 40, 400_001)
    score = exact_match(task_loss(N, N_c=1.0, alpha=alpha), k=5)
    n10, n90 = N[np.searchsorted(score, 0.1)], N[np.searchsorted(score, 0.9)]
    assert math.log10(n90 / n10) == pytest.approx(transition_width(alpha), abs=1e-3)


@given(k=st.integers(1, 100), E=st.floats(0.0, 0.2))
def test_exact_match_saturates_at_the_ceiling(k, E):
    score = exact_match(task_loss([1e30], E=E), k)[0]
    assert score == pytest.approx(exact_match_ceiling(k, E), rel=1e-9)
    assert score <= exact_match_ceiling(k, E)


@given(k=st.integers(1, 50), E=st.floats(0.001, 0.05), share=st.floats(0.05, 0.95))
def test_threshold_with_a_floor_solves_the_equation(k, E, share):
    level = share * exact_match_ceiling(k, E)
    N = emergence_threshold(k, level=level, E=E)
    assert exact_match(task_loss([N], E=E), k)[0] == pytest.approx(level, rel=1e-8)


def test_no_model_reaches_a_level_above_the_ceiling():
    with pytest.raises(ScalingLabError, match="ceiling"):
        emergence_threshold(20, level=0.7, E=0.02)   # the ceiling is e^-0.4 = 0.67


def test_exact_match_validation():
    with pytest.raises(ScalingLabError, match="'k'"):
        exact_match([0.1], k=0)
    with pytest.raises(ScalingLabError, match="level"):
        emergence_threshold(3, level=1.0)


# -- repeated data ---------------------------------------------------------------------


def test_effective_data_limits():
    r_star = published.MUENNIGHOFF.R_D_star
    assert effective_data(1.0, 1.0)[0] == 1.0  # one epoch is fresh data
    assert effective_data(1.0, 1e6)[0] == pytest.approx(1 + r_star)  # the ceiling
    # Few repeats are worth almost as much as fresh data: D' ≈ U (1 + R).
    assert effective_data(1.0, 1.5)[0] == pytest.approx(1.5, rel=0.02)


def test_four_epochs_lose_little():
    """Muennighoff et al.: up to about 4 epochs the loss barely changes."""
    value = repeated_data_value(published.MUENNIGHOFF.negligible_epochs)[0]
    assert 0.9 < value < 1.0
    assert repeated_data_value(40.0)[0] < 0.5


# The authors' repository (huggingface/datablations, README "Parametric Fit") prints the
# loss of the two models of their Figure 1 (right) and the grid-search allocation of the
# larger model's budget: "227B tokens, 9.1 epochs, 6.8B parameters".
README_LOSSES = {(6.34e9, 242e9, 25e9): 2.2256440889984477,
                 (8.67e9, 178e9, 25e9): 2.2269634075087867}


@pytest.mark.parametrize("args, loss", README_LOSSES.items())
def test_data_constrained_loss_matches_the_authors_code(args, loss):
    assert data_constrained_loss(*args)[0] == pytest.approx(loss, rel=1e-12)


def test_data_constrained_optimum_matches_the_authors_allocation():
    best = data_constrained_optimum(6 * 8.67e9 * 178e9, 25e9)
    assert best.N == pytest.approx(6.8e9, rel=0.01)
    assert best.epochs == pytest.approx(9.1, abs=0.05)
    assert best.D == pytest.approx(227e9, rel=0.01)
    assert 6 * best.N * best.D == pytest.approx(best.C, rel=1e-9)
    # It is a minimum of the loss at that budget.
    for factor in (0.9, 1.1):
        n = best.N * factor
        d = best.C / (6 * n)
        assert data_constrained_loss(n, d, 25e9)[0] > best.loss


def test_unique_data_model_size_is_the_papers_share():
    """App. A: U_N = 0.051 U_D for the C4 fit."""
    assert unique_data_model_size(1e9)[0] / 1e9 == pytest.approx(0.051, abs=5e-4)


def test_effective_parameters_limits():
    fit = published.MUENNIGHOFF_FIT
    u_n = unique_data_model_size(1e10)[0]
    assert effective_parameters(0.5 * u_n, 1e10)[0] == pytest.approx(0.5 * u_n)
    assert effective_parameters(1e9 * u_n, 1e10)[0] == pytest.approx(
        u_n * (1 + fit["R_N_star"]))
    sizes = u_n * np.array([1.0, 2.0, 5.0, 20.0])
    values = effective_parameters(sizes, 1e10)
    assert np.all(np.diff(values) > 0)          # more parameters are worth more,
    assert np.all(np.diff(values / sizes) < 0)  # each one a little less


def test_single_epoch_is_the_plain_law():
    fit = published.MUENNIGHOFF_FIT
    N, D = 1e8, 1e11          # small model, every token fresh
    plain = fit["E"] + fit["A"] / N ** fit["alpha"] + fit["B"] / D ** fit["beta"]
    assert data_constrained_loss(N, D, D)[0] == pytest.approx(plain, rel=1e-12)


def test_extra_compute_goes_mostly_into_epochs():
    """Muennighoff et al.: with fixed unique data, epochs grow faster than parameters."""
    U = 25e9
    c_fresh = 6 * unique_data_model_size(U)[0] * U
    one, more = (data_constrained_optimum(f * c_fresh, U) for f in (1, 16))
    assert one.epochs == pytest.approx(1.0, rel=0.02)
    n_growth, epoch_growth = more.N / one.N, more.epochs / one.epochs
    assert n_growth * epoch_growth == pytest.approx(16, rel=1e-6)
    assert 1 < n_growth < 4 < epoch_growth


def test_more_unique_data_than_tokens_raises():
    with pytest.raises(ScalingLabError, match="unique_tokens"):
        data_constrained_loss(1e9, 1e10, 2e10)


def test_epochs_below_one_raise():
    with pytest.raises(ScalingLabError, match="epochs"):
        effective_data(1e9, 0.5)


# -- what grows with what --------------------------------------------------------------


@pytest.mark.parametrize("law", ["hoffmann", "hoffmann-unrounded", "epoch"])
def test_frontier_loss_exponent_matches_the_numerical_frontier(law):
    """The reducible loss of the compute-optimal split falls as C^(-alpha beta/(alpha+beta))."""
    from scipy.optimize import minimize_scalar

    budgets = np.array([1e20, 1e24])
    best = [minimize_scalar(lambda x, c=c: sl.isoflop_loss(c, [np.exp(x)], law=law)[0],
                            bounds=(np.log(1e6), np.log(1e14)), method="bounded",
                            options={"xatol": 1e-9}).fun for c in budgets]
    reducible = np.array(best) - sl.chinchilla.law_params(law).E
    slope = np.diff(np.log(reducible))[0] / np.diff(np.log(budgets))[0]
    assert slope == pytest.approx(frontier_loss_exponent(law), rel=1e-4)


def test_frontier_loss_exponents_of_the_issue():
    """Issue 13: -0.154 for Eq. 10 as printed, -0.178 for Epoch's refit."""
    assert round(frontier_loss_exponent("hoffmann"), 3) == -0.154
    assert round(frontier_loss_exponent("epoch"), 3) == -0.178


def test_halving_factor():
    assert halving_factor(-published.HOFFMANN.alpha) == pytest.approx(7.7, abs=0.05)
    assert halving_factor(-1.0) == 2.0
    with pytest.raises(ScalingLabError, match="exponent"):
        halving_factor(0.3)


# -- explorers and exercises -----------------------------------------------------------


@pytest.mark.parametrize("name", ["limits/double-descent", "limits/emergence"])
def test_explorers_are_within_budget_and_render(name):
    explorer = sl.get_explorer(name)
    assert len(explorer.sliders) <= 3
    assert math.prod(len(s.values) for s in explorer.sliders) <= MAX_FRAMES
    for params in explorer.grid():
        frame = explorer.frame(**params)
        for x, _ in frame.curves.values():
            assert len(x) <= 100
    html = explorer.static_html()
    assert html.count('type="range"') == len(explorer.sliders)


def test_exponent_sliders_are_fine_and_hold_the_published_values():
    """Issue 14: at least 13 positions, including the exponents the chapter discusses."""
    alpha = {s.name: s for s in sl.get_explorer("limits/emergence").sliders}["alpha"]
    assert len(alpha.values) >= 13
    for value in (published.KAPLAN.alpha_N, published.HOFFMANN.alpha,
                  published.HOFFMANN.beta, TASK_LOSS["alpha"]):
        assert any(math.isclose(v, value) for v in alpha.values)
    assert list(alpha.values) == sorted(alpha.values)


def test_double_descent_note_follows_the_sliders():
    explorer = sl.get_explorer("limits/double-descent")
    assert "D = 20 samples" in explorer.frame(n_samples=20, noise=0.0).note


RIGHT = {
    "limits/mean-rms": lambda: -0.5,
    "limits/implied-dimension": lambda: 4 / published.KAPLAN.alpha_N,
    "limits/emergence-threshold": lambda: emergence_threshold(20),
    "limits/interpolation-peak": lambda: 40,
    "limits/epoch-value": lambda: float(repeated_data_value(4)[0]),
}

WRONG = {
    "limits/mean-rms": (-1.0, "squared"),
    "limits/implied-dimension": (2 / published.KAPLAN.alpha_N, "nearest-neighbour"),
    "limits/emergence-threshold": (emergence_threshold(1), "single token"),
    "limits/interpolation-peak": (16, "input dimension"),
    "limits/epoch-value": (float(4 * repeated_data_value(4)[0]), "unique"),
}


def test_every_exercise_of_the_chapter_is_tested():
    mine = {key for key in EXERCISES if key.startswith("limits/")}
    assert mine == set(RIGHT) == set(WRONG)


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_exercise_accepts_the_right_answer(exercise_id):
    assert check(exercise_id, RIGHT[exercise_id]())


@pytest.mark.parametrize("exercise_id", sorted(WRONG))
def test_exercise_diagnoses_the_common_mistake(exercise_id):
    answer, word = WRONG[exercise_id]
    feedback = check(exercise_id, answer)
    assert not feedback
    assert word in feedback.message


def test_exercise_survives_a_malformed_answer():
    assert not check("limits/epoch-value", "0.93")


CHAPTER = Path(__file__).resolve().parents[1] / "book" / "limits.md"


def test_chapter_hides_its_setup_and_has_no_notebook_leftovers():
    text = CHAPTER.read_text(encoding="utf-8")
    assert "plt.show()" not in text and "%matplotlib" not in text
    first_cell = text.split("```{code-cell} ipython3\n", 1)[1]
    assert first_cell.startswith(":tags: [remove-cell]")


def test_exercise_statements_show_numbers_not_code_constants():
    """Issue 13: a reader of the website needs alpha_N and R*, not their Python names."""
    text = CHAPTER.read_text(encoding="utf-8")
    statements = re.findall(r"```\{exercise\}.*?\n```\n", text, flags=re.S)
    assert len(statements) >= 4
    for statement in statements:
        assert "published." not in statement, statement


def test_kaplans_smallest_subset_is_an_epoch_of_about_40_steps():
    """Kaplan et al. Sec. 4.2: a 1024th of WebText2 is an epoch of "only 40" updates."""
    k = published.KAPLAN_TRAINING
    tokens_per_step = k["batch_sequences"] * k["context_tokens"]
    steps = k["webtext2_tokens"] * k["smallest_subset_fraction"] / tokens_per_step
    assert steps == pytest.approx(k["smallest_subset_epoch_updates"], rel=0.1)


def test_published_constants_match_their_sources():
    """Muennighoff et al.: the authors' repository gives rd_star 15.387756, rn_star
    5.309743 (README, "Parametric Fit"); Sharma & Kaplan's abstract: alpha ≈ 4/d."""
    m = published.MUENNIGHOFF
    assert m.R_D_star == round(15.387756, 1)
    assert m.R_N_star == round(5.309743, 1)
    # The unrounded fit of the same repository is the one the data-constrained law uses.
    fit = published.MUENNIGHOFF_FIT
    assert (round(fit["R_N_star"], 1), round(fit["R_D_star"], 1)) == (m.R_N_star, m.R_D_star)
    assert math.log(fit["A"]) == pytest.approx(6.255414)
    assert fit["alpha"] == fit["beta"] == 0.3526596
    assert m.negligible_epochs == 4
    assert published.SHARMA_KAPLAN["numerator"] == 4
