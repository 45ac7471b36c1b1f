"""Tests of the quantization model (scaling_lab.quanta), its explorers and exercise checks.

Truth here is analytic: the frequencies sum to 1, the exact sum matches a brute-force
sum, the power-law form is bracketed by the integral bounds of the chapter's theorem,
and seeded simulations recover the exponents gamma and gamma / (gamma + 1).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import zeta

import scaling_lab as sl
from scaling_lab import ScalingLabError, published
from scaling_lab import quanta as q
from scaling_lab.exercises import EXERCISES, check
from scaling_lab.exercises.quanta import exercise_simulation

gammas = st.floats(min_value=0.05, max_value=3.0, allow_nan=False)
ranks = st.integers(min_value=0, max_value=10**5)


# -- the distribution -----------------------------------------------------------------

@given(gamma=gammas, n=ranks)
def test_probabilities_sum_to_one(gamma, n):
    head = q.quanta_probabilities(np.arange(1, n + 1), gamma).sum() if n else 0.0
    assert head + q.unlearned_mass(n, gamma)[0] == pytest.approx(1.0, rel=1e-10)


@given(gamma=gammas)
def test_frequencies_fall_with_exponent_gamma_plus_one(gamma):
    p = q.quanta_probabilities([10, 100], gamma)
    assert np.log(p[0] / p[1]) / np.log(10) == pytest.approx(gamma + 1, rel=1e-12)


def test_tail_of_a_large_rank_is_tiny_but_exact():
    # Far out, the exact tail agrees with the integral bracket of the theorem.
    n, gamma = 10**9, 0.5
    tail = q.unlearned_mass(n, gamma)[0] * zeta(gamma + 1)
    assert (n + 1) ** -gamma / gamma <= tail <= n**-gamma / gamma


def test_unlearned_mass_matches_a_brute_force_sum():
    gamma, n = 0.7, 50
    k = np.arange(n + 1, 2_000_001, dtype=float)
    brute = np.sum(k ** -(gamma + 1)) / zeta(gamma + 1)
    brute += (2_000_000.5) ** -gamma / gamma / zeta(gamma + 1)  # the rest, to O(k^-s-2)
    assert q.unlearned_mass(n, gamma)[0] == pytest.approx(brute, rel=1e-9)


# -- the theorem: exact sum against the power law -----------------------------------

@pytest.mark.parametrize("gamma", [0.1, 0.5, 1.0, 2.0])
def test_exact_over_asymptotic_tends_to_one(gamma):
    n = np.unique(np.round(np.logspace(0, 6, 25)))  # the theorem is about whole n
    ratio = q.quanta_loss_asymptotic(n, gamma) / q.quanta_loss(n, gamma)
    # The theorem's bracket, 1 <= ratio <= (1 + 1/n)^gamma ...
    assert np.all(ratio >= 1 - 1e-12)
    assert np.all(ratio <= (1 + 1 / n) ** gamma + 1e-12)
    # ... the error falls as gamma / (2n) to leading order, so the ratio tends to 1.
    assert ratio[-1] - 1 == pytest.approx(gamma / (2 * n[-1]), rel=1e-3)
    assert np.all(np.diff(ratio) < 0)


@given(gamma=gammas, n=st.integers(min_value=1, max_value=10**6),
       low=st.floats(0, 2), gap=st.floats(0.1, 5))
def test_loss_is_floor_plus_scaled_tail(gamma, n, low, gap):
    loss = q.quanta_loss(n, gamma, L_learned=low, L_unlearned=low + gap)[0]
    assert loss == pytest.approx(low + gap * q.unlearned_mass(n, gamma)[0], rel=1e-12)
    assert low <= loss <= low + gap


def test_quantum_loss_is_a_step_and_the_mean_is_its_weighted_sum():
    n = np.arange(0, 40)
    steps = [q.quantum_loss(k, n) for k in range(1, 5001)]
    p = q.quanta_probabilities(np.arange(1, 5001), 0.8)
    mean = np.sum([pk * s for pk, s in zip(p, steps, strict=True)], axis=0)
    mean += q.unlearned_mass(5000, 0.8)[0]  # quanta past 5000 are never learned here
    np.testing.assert_allclose(mean, q.quanta_loss(n, 0.8), rtol=1e-12)


# -- the corollary's closed forms -------------------------------------------------------

@given(gamma=gammas, D=st.floats(1, 1e12), tau=st.floats(1, 100))
def test_learned_from_data_is_the_last_quantum_over_threshold(gamma, D, tau):
    n = int(q.learned_from_data(D, gamma, tau=tau)[0])
    if n >= 1:
        assert D * q.quanta_probabilities([n], gamma)[0] >= tau * (1 - 1e-9)
    assert D * q.quanta_probabilities([n + 1], gamma)[0] < tau * (1 + 1e-9)


def test_learned_from_steps_matches_data_when_batches_are_thin():
    S = np.logspace(4, 8, 5)
    steps = q.learned_from_steps(S, 0.5, tau=10, batch=64)
    data = q.learned_from_data(S * 64, 0.5, tau=10)
    np.testing.assert_allclose(steps, data, rtol=0.01)
    assert q.learned_from_steps([9.0], 0.5, tau=10)[0] == 0


def test_predicted_exponents_and_inverse():
    for gamma in (0.076, 0.34, 1.0):
        e = q.predicted_exponents(gamma)
        assert (e.parameters, e.zipf) == (gamma, gamma + 1)
        assert e.data == e.steps == pytest.approx(gamma / (gamma + 1))
        assert q.gamma_from_data_exponent(e.data) == pytest.approx(gamma)


def test_prediction_table_reads_published_numbers():
    rows = {r["source"].split()[0]: r for r in q.prediction_table()}
    assert rows["Kaplan"]["parameters"] == published.KAPLAN.alpha_N
    assert rows["Kaplan"]["data"] == published.KAPLAN.alpha_D
    assert rows["Hoffmann"]["data"] == published.HOFFMANN.beta
    assert rows["Besiroglu"]["parameters"] == published.EPOCH.alpha
    assert rows["Kaplan"]["predicted_data"] == pytest.approx(0.076 / 1.076)
    assert "0.3658" in q.prediction_table_markdown()


# -- the simulation -------------------------------------------------------------------

SWEEPS = {"parameters": np.logspace(1.5, 4, 12), "data": np.logspace(5, 9, 12),
          "steps": np.logspace(3, 7, 12)}


@pytest.mark.parametrize("resource", list(SWEEPS))
@pytest.mark.parametrize("gamma", [0.5, 1.0, 1.5])
def test_simulated_exponent_matches_theory(gamma, resource):
    sim = q.simulate_quanta(gamma, SWEEPS[resource], resource=resource, tau=10, seed=0)
    fit = sim.fit()
    expected = -gamma if resource == "parameters" else -gamma / (gamma + 1)
    assert sim.theory_exponent == pytest.approx(expected)
    low, high = fit.n_interval
    assert low <= expected <= high
    assert high - low < 0.05  # and the interval is informative


def test_simulated_intervals_cover_the_theory_over_seeds():
    # A 95% interval should miss now and then, not often: at least 8 of 10 seeds.
    covered = 0
    for seed in range(10):
        fit = q.simulate_quanta(1.0, SWEEPS["data"], tau=10, seed=seed).fit()
        covered += fit.n_interval[0] <= -0.5 <= fit.n_interval[1]
    assert covered >= 8


def test_simulation_is_seeded_and_learns_most_frequent_first():
    a = q.simulate_quanta(0.8, [1e4, 1e6], seed=5)
    b = q.simulate_quanta(0.8, [1e4, 1e6], seed=5)
    np.testing.assert_array_equal(a.loss, b.loss)
    # With ample data, a capacity-limited model holds the first n quanta exactly.
    sim = q.simulate_quanta(1.0, [10, 100], resource="parameters", data=10**9, seed=0)
    np.testing.assert_allclose(sim.loss, q.quanta_loss(sim.scale, 1.0), rtol=1e-12)
    capped = q.simulate_quanta(1.0, [1e6], capacity=50, seed=0)
    assert capped.n_learned[0] == 50


def test_parameter_sweep_draws_a_fresh_training_set_per_scale():
    # Three models of the same capacity on scarce data: independent draws differ.
    sim = q.simulate_quanta(0.5, [200, 200, 200], resource="parameters", data=20_000,
                            seed=0)
    assert len(set(sim.loss.tolist())) == 3
    # And the first model's draw is the one a one-scale run with the same seed gets.
    one = q.simulate_quanta(0.5, [200], resource="parameters", data=20_000, seed=0)
    assert one.loss[0] == sim.loss[0]


def test_coverage_counts_hits_and_brackets_its_rate():
    cov = q.simulation_coverage(1.5, np.logspace(3, 6, 10), resource="data",
                                seeds=range(30))
    inside = (cov.low <= cov.theory_exponent) & (cov.theory_exponent <= cov.high)
    assert cov.hits == int(inside.sum()) and cov.trials == 30
    assert cov.rate == pytest.approx(cov.hits / 30)
    low, high = cov.rate_interval
    assert low <= cov.rate <= high
    assert 0.7 <= cov.rate <= 1.0
    assert cov.theory_exponent == pytest.approx(-0.6)
    # Every seed is its own sweep: the fitted slopes differ.
    assert np.unique(cov.slopes).size == 30
    with pytest.raises(ScalingLabError, match="'seeds'"):
        q.simulation_coverage(1.5, np.logspace(3, 6, 10), seeds=[1])


def test_wilson_interval_matches_the_formula_at_the_edges():
    cov = q.Coverage(1.0, "data", -0.5, np.zeros(20), np.full(20, -1.0), np.zeros(20),
                     tuple(range(20)))
    assert cov.rate == 1.0
    low, high = cov.rate_interval
    z = 1.959963984540054
    assert high == 1.0 and low == pytest.approx(20 / (20 + z**2))


# -- the measurements against the model's ordering, with intervals --------------------

def test_ordering_verdicts_follow_the_published_intervals():
    rows = {r["source"]: r for r in q.exponent_ordering()}
    assert rows["Kaplan et al. 2020"]["verdict"] == "no interval published"
    assert rows["Hoffmann et al. 2022, Eq. 10"]["verdict"] == "no interval published"
    for approach in ("Approach 1", "Approach 2"):
        low, high = rows[f"Hoffmann et al. 2022, {approach}"]["interval"]
        assert low <= 0.5 <= high
        assert rows[f"Hoffmann et al. 2022, {approach}"]["verdict"] == "unresolved"
    assert rows["Hoffmann et al. 2022, Approach 3"]["verdict"].startswith(
        "parameter exponent larger")
    epoch = rows["Besiroglu et al. 2024 (refit)"]
    s = published.EPOCH_STDERR
    assert epoch["difference"] == pytest.approx(published.EPOCH.beta - published.EPOCH.alpha)
    assert epoch["se_independent"] == pytest.approx(np.hypot(s["alpha"], s["beta"]))
    assert epoch["verdict"] == "unresolved"
    # At the correlation it reports, the difference sits exactly on the 95% edge.
    rho = epoch["correlation_needed"]
    sd = np.sqrt(s["alpha"] ** 2 + s["beta"] ** 2 - 2 * rho * s["alpha"] * s["beta"])
    assert abs(epoch["difference"]) == pytest.approx(1.959963984540054 * sd)
    assert "| Besiroglu et al. 2024 (refit) |" in q.exponent_ordering_markdown()


def test_ordering_table_prints_math_and_real_minus_signs():
    table = q.exponent_ordering_markdown()
    assert r"none published on $\alpha$ and $\beta$" in table
    assert "\u2212" in table                     # the Epoch interval's lower bound
    assert re.search(r"-\d", table) is None       # no hyphen-minus before a number


def test_epoch_data_exponent_exceeds_the_prediction_under_any_correlation():
    t = q.epoch_data_exponent_test()
    alpha, s = published.EPOCH.alpha, published.EPOCH_STDERR["alpha"]
    h = 1e-6
    slope = (q.predicted_exponents(alpha + h).data - q.predicted_exponents(alpha - h).data)
    assert t["predicted_se"] == pytest.approx(s * slope / (2 * h), rel=1e-6)
    assert t["se_worst"] == pytest.approx(t["predicted_se"] + t["measured_se"])
    assert t["significant"] and t["interval_worst"][0] > 0


# -- bad inputs -----------------------------------------------------------------------

@pytest.mark.parametrize("call, name", [
    (lambda: q.quanta_probabilities([1, 2], gamma=0.0), "'gamma'"),
    (lambda: q.quanta_probabilities([0, 1], gamma=1.0), "'k'"),
    (lambda: q.quanta_probabilities([1.5], gamma=1.0), "'k'"),
    (lambda: q.unlearned_mass([-1], gamma=1.0), "'n'"),
    (lambda: q.quanta_loss([1], 1.0, L_learned=2.0, L_unlearned=1.0), "'L_unlearned'"),
    (lambda: q.quanta_loss([1], 1.0, L_learned=-1.0), "'L_learned'"),
    (lambda: q.quanta_loss_asymptotic([0], 1.0), "'n'"),
    (lambda: q.quantum_loss(0, [1]), "'k'"),
    (lambda: q.learned_from_data([1e3], 1.0, tau=0), "'tau'"),
    (lambda: q.learned_from_steps([1e3], 1.0, batch=0), "'batch'"),
    (lambda: q.gamma_from_data_exponent(1.2), "'data_exponent'"),
    (lambda: q.geometric_unlearned_mass([1], ratio=1.0), "'ratio'"),
    (lambda: q.simulate_quanta(1.0, [1e3], resource="tokens"), "'resource'"),
    (lambda: q.simulate_quanta(1.0, [0.5]), "'scales'"),
    (lambda: q.simulate_quanta(1.0, [1e3], tau=2.5), "'tau'"),
    (lambda: q.simulate_quanta(1.0, [1e3], data=10), "'data'"),
    (lambda: q.simulate_quanta(1.0, [10], resource="parameters", capacity=5),
     "'capacity'"),
    (lambda: q.simulate_quanta(0.1, [1e12]), "max_rank"),
    (lambda: q.simulate_quanta(1.0, [1e2, 1e3], seed=0).fit(min_learned=10**6),
     "min_learned"),
])
def test_bad_inputs_raise_naming_the_argument(call, name):
    with pytest.raises(ScalingLabError, match=name):
        call()


# -- explorers ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["quantization/three-laws", "quantization/emergence"])
def test_explorers_respect_the_budget(name):
    ex = sl.get_explorer(name)
    assert 1 <= len(ex.sliders) <= 3
    assert len(list(ex.grid())) <= 512
    for params in list(ex.grid())[::7]:
        frame = ex.frame(**params)
        for x, y in frame.curves.values():
            assert len(x) == len(y) <= 100


def test_three_laws_explorer_slopes_follow_gamma():
    ex = sl.get_explorer("quantization/three-laws")
    for gamma in (0.2, 1.0):
        frame = ex.frame(gamma=gamma, tau=10.0, L_learned=0.0)
        for key, slope in (("law_N", -gamma), ("law_D", -gamma / (gamma + 1)),
                           ("law_S", -gamma / (gamma + 1))):
            x, y = frame.curves[key]
            assert np.polyfit(np.log(x), np.log(y), 1)[0] == pytest.approx(slope)


# -- exercise checks: right answers and the common wrong ones ---------------------------

def test_every_quantization_exercise_is_registered():
    ids = {k for k in EXERCISES if k.startswith("quantization/")}
    assert ids == {"quantization/kaplan-gamma", "quantization/kaplan-data",
                   "quantization/tenfold-data", "quantization/tail-mass",
                   "quantization/fit-data"}


@pytest.mark.parametrize("exercise_id, right, wrong, hint", [
    ("quantization/kaplan-gamma", 0.076, 1.076, "gamma + 1"),
    ("quantization/kaplan-gamma", 0.076, 0.076 / 1.076, "data exponent"),
    ("quantization/kaplan-data", 0.076 / 1.076, 0.076, "parameter exponent"),
    ("quantization/kaplan-data", 0.076 / 1.076, 0.095, "measured"),
    ("quantization/kaplan-data", 0.076 / 1.076, 1.076 / 2.076, "gamma + 1"),
    ("quantization/tenfold-data", 10 ** (-1 / 3), 10**-0.5, "ten times the parameters"),
    ("quantization/tenfold-data", 10 ** (-1 / 3), 1 - 10 ** (-1 / 3), "relative drop"),
    ("quantization/tail-mass", float(q.unlearned_mass(1000, 0.5)[0]), 1000**-0.5,
     "without the factor"),
    ("quantization/tail-mass", float(q.unlearned_mass(1000, 0.5)[0]),
     1 - float(q.unlearned_mass(1000, 0.5)[0]), "first n quanta"),
])
def test_checks_accept_the_right_answer_and_diagnose_mistakes(exercise_id, right, wrong,
                                                              hint):
    assert check(exercise_id, right).correct
    feedback = check(exercise_id, wrong)
    assert not feedback.correct
    assert hint in feedback.message


def test_fit_check_diagnoses_the_forgotten_floor_and_the_sign():
    sim = exercise_simulation()
    good = sl.fit_power_law(sim.scale, sim.loss - sim.L_learned).n
    assert check("quantization/fit-data", good).correct
    floorless = sl.fit_power_law(sim.scale, sim.loss).n
    assert "subtract the floor" in check("quantization/fit-data", floorless).message
    assert "wrong sign" in check("quantization/fit-data", -good).message
    assert "parameter exponent" in check("quantization/fit-data", -sim.gamma).message
    assert not check("quantization/fit-data", "0.37").correct


def test_gamma_sliders_are_fine_and_hold_the_published_values():
    published_gammas = {published.KAPLAN.alpha_N, published.HOFFMANN.alpha,
                        published.EPOCH.alpha,
                        published.MICHAUD_SPARSE_PARITY["zipf_exponent"] - 1}
    for name in ("quantization/three-laws", "quantization/emergence"):
        slider = next(s for s in sl.get_explorer(name).sliders if s.name == "gamma")
        assert len(slider.values) >= 13
        for value in published_gammas:
            assert min(abs(v - value) for v in slider.values) < 1e-9, (name, value)

