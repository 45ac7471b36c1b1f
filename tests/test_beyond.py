"""The beyond chapter's laws and fits: analytic truth and the papers' own numbers."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from scaling_lab import published
from scaling_lab._validate import ScalingLabError
from scaling_lab.beyond import (
    OvertrainingLaw,
    cosine_schedule,
    error_from_loss,
    inference_optimal,
    sigmoid_accuracy,
    sigmoid_width,
    wsd_schedule,
)
from scaling_lab.beyond_fit import fit_error_law, fit_overtraining_law, fit_sigmoid
from scaling_lab.chinchilla import compute_optimal, law_params
from scaling_lab.exercises import check
from scaling_lab.exercises.beyond import epoch_value, gadre_protocol_fit
from scaling_lab.explorers import get_explorer
from scaling_lab.limits import effective_data

LAW = OvertrainingLaw(E=1.8, a=120.0, b=300.0, eta=0.13)


# -- Gadre et al.'s law ------------------------------------------------------------------

def test_gadre_law_is_chinchilla_with_equal_exponents():
    p = LAW.as_chinchilla()
    N, D = np.array([1e7, 3e8, 7e9]), np.array([2e8, 6e10, 1.4e11])
    assert np.allclose(LAW.loss_ND(N, D), p.E + p.A / N**p.alpha + p.B / D**p.beta,
                       rtol=1e-12)
    back = OvertrainingLaw.from_chinchilla(p)
    assert np.allclose([back.a, back.b, back.eta], [LAW.a, LAW.b, LAW.eta], rtol=1e-12)


def test_gadre_from_code_matches_the_authors_formula():
    a, b, alpha_c, E = 166.211, 366.687, -0.272851, 1.83665  # powlaw_ours parameters
    law = OvertrainingLaw.from_code(a, b, alpha_c, E)
    N, M = np.array([1e8, 1.4e9]), np.array([20.0, 640.0])
    code = a * N**alpha_c + b * 6 ** (alpha_c / 2) * (M * N) ** alpha_c + E
    assert np.allclose(law.loss_ND(N, M * N), code, rtol=1e-12)


def test_optimal_multiplier_is_the_minimum_at_fixed_compute():
    res = minimize_scalar(lambda logM: LAW.loss(1e21, np.exp(logM))[0],
                          bounds=(0, 10), method="bounded", options={"xatol": 1e-10})
    assert np.isclose(np.exp(res.x), LAW.optimal_multiplier(), rtol=1e-4)


def test_fit_recovers_a_noiseless_law():
    N = np.repeat([1e7, 5e7, 2e8, 8e8], 4)
    D = N * np.tile([5.0, 20.0, 80.0, 320.0], 4)
    fit = fit_overtraining_law(N, D, LAW.loss_ND(N, D))
    assert np.allclose([fit.law.E, fit.law.a, fit.law.b, fit.law.eta],
                       [LAW.E, LAW.a, LAW.b, LAW.eta], rtol=1e-4)


def test_the_authors_loss_backtest_is_reproduced():
    fit, r = gadre_protocol_fit("rpj")
    assert fit.n_points == published.GADRE_2024_BACKTEST["fit_points"]
    for (model, M), published_error in published.GADRE_2024_BACKTEST[
            "loss_relative_error"].items():
        at = (r["model"] == model) & (r["M"] == M)
        error = (fit.predict(r["N"][at], r["D"][at]) - r["L"][at]) / r["L"][at]
        assert error[0] == pytest.approx(published_error, abs=5e-6)


def test_the_authors_error_backtest_is_reproduced():
    fit, r = gadre_protocol_fit("rpj")
    name, M = published.GADRE_2024_DOWNSTREAM["error_fit_extra"]
    chosen = r["fitted"] | ((r["model"] == name) & (r["M"] == M))
    err = fit_error_law(r["L"][chosen], r["err"][chosen])
    for (model, M), published_error in published.GADRE_2024_DOWNSTREAM[
            "error_relative_error"].items():
        at = (r["model"] == model) & (r["M"] == M)
        predicted = err.predict(fit.predict(r["N"][at], r["D"][at]))
        assert ((predicted - r["err"][at]) / r["err"][at])[0] == pytest.approx(
            published_error, abs=5e-6)


def test_bootstrap_interval_contains_the_fit():
    fit, r = gadre_protocol_fit("rpj")
    small = r["N"] < 1e9
    f = fit_overtraining_law(r["N"][small], r["D"][small], r["L"][small], bootstrap=30)
    low, high = f.interval(r["N"][~small], r["D"][~small])
    assert np.all(low < high)
    assert f.replicates.shape[1] == 4
    with pytest.raises(ScalingLabError, match="bootstrap"):
        fit.interval(r["N"], r["D"])


# -- Sardana et al.'s optimum ------------------------------------------------------------

@pytest.mark.parametrize("law", ["hoffmann", "epoch"])
def test_no_inference_gives_the_compute_optimal_model(law):
    opt = compute_optimal(1e23, law)
    alloc = inference_optimal(opt.loss, 0.0, law)
    assert alloc.N == pytest.approx(opt.N, rel=1e-8)
    assert alloc.D == pytest.approx(opt.D, rel=1e-8)
    assert alloc.saving == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("demand", [1e11, 1e13, 1e15])
def test_inference_optimum_is_the_minimum_of_lifetime_flops(demand):
    p = law_params("hoffmann")
    ell = compute_optimal(1e22).loss
    alloc = inference_optimal(ell, demand)

    def total(logN):
        N = np.exp(logN)
        rest = ell - p.E - p.A / N**p.alpha
        D = (p.B / rest) ** (1 / p.beta)
        return np.log(6 * N * D + 2 * N * demand)

    n_min = (p.A / (ell - p.E)) ** (1 / p.alpha)
    res = minimize_scalar(total, bounds=(np.log(n_min) + 1e-6, np.log(n_min) + 12),
                          method="bounded", options={"xatol": 1e-9})
    assert np.exp(res.x) == pytest.approx(alloc.N, rel=1e-4)
    assert law_params("hoffmann").E + p.A / alloc.N**p.alpha + p.B / alloc.D**p.beta \
        == pytest.approx(ell, rel=1e-10)


def test_more_inference_means_smaller_models_and_more_tokens():
    ell = compute_optimal(1e23).loss
    alloc = inference_optimal(ell, np.logspace(9, 16, 8))
    assert np.all(np.diff(alloc.N) < 0)
    assert np.all(np.diff(alloc.tokens_per_param) > 0)
    assert np.all((alloc.saving >= 0) & (alloc.saving < 1))


def test_inference_optimal_refuses_an_unreachable_loss():
    with pytest.raises(ScalingLabError, match="target_loss"):
        inference_optimal(1.5, 1e12)


# -- downstream, sigmoids and schedules ----------------------------------------------

def test_error_law_and_its_fit():
    L = np.linspace(2.4, 6.0, 12)
    err = error_from_loss(L, epsilon=0.85, k=2.2, gamma=0.7)
    fit = fit_error_law(L, err, bootstrap=20)
    assert [fit.epsilon, fit.k, fit.gamma] == pytest.approx([0.85, 2.2, 0.7], rel=1e-5)


def test_sigmoid_width_and_fit_on_synthetic_data():
    assert sigmoid_width(2.0) == pytest.approx(np.log(81) / 2)
    x = np.linspace(19, 26, 40)
    f = sigmoid_accuracy(x, floor=0.25, midpoint=23.0, slope=1.2)
    assert f[np.argmin(abs(x - 23.0))] == pytest.approx(0.625, abs=0.02)
    rng = np.random.default_rng(0)
    fit = fit_sigmoid(x, f + rng.normal(0, 0.02, x.size), floor=0.25, bootstrap=50)
    assert fit.midpoint_interval[0] < 23.0 < fit.midpoint_interval[1]
    assert fit.slope_interval[0] < 1.2 < fit.slope_interval[1]


def test_schedules_follow_their_definitions():
    s = np.linspace(0, 1000, 11)
    cos = cosine_schedule(s, total=1000, warmup=0, final=0.1)
    assert cos[0] == 1 and cos[-1] == pytest.approx(0.1)
    assert cos[5] == pytest.approx(0.1 + 0.9 * 0.5)
    w = wsd_schedule(s, total=1000, decay_fraction=0.5, shape="1-sqrt")
    assert np.all(w[:6] == 1) and w[-1] == 0
    assert w[8] == pytest.approx(1 - np.sqrt(0.6))
    with pytest.raises(ScalingLabError, match="warmup"):
        wsd_schedule(s, total=1000, warmup=1000)


# -- data-constrained numbers the chapter quotes -----------------------------------------

def test_epoch_values_sum_to_the_effective_data():
    total = sum(epoch_value(k) for k in range(1, 41))
    assert total == pytest.approx(float(effective_data(1.0, 40)[0]), rel=1e-12)
    assert epoch_value(4) > epoch_value(10) > epoch_value(40)


# -- the chapter's explorer and checks ---------------------------------------------------

def test_explorer_frames_move_with_demand():
    ex = get_explorer("beyond/inference")
    low = ex.frame(inference_tokens=0.0, budget=1e23, law=0)
    high = ex.frame(inference_tokens=1e15, budget=1e23, law=0)
    assert high.curves["best"][0][0] < low.curves["best"][0][0]
    assert len(ex.sliders) <= 3


@pytest.mark.parametrize("exercise_id, answer", [
    ("beyond/optimal-multiplier", lambda: gadre_protocol_fit()[0].law.optimal_multiplier()),
    ("beyond/inference-ratio",
     lambda: inference_optimal(compute_optimal(1e24).loss, 1e14).tokens_per_param),
    ("beyond/epoch-value", lambda: epoch_value(10)),
    ("beyond/critical-batch",
     lambda: published.KAPLAN.B_star / 2.5 ** (1 / published.KAPLAN.alpha_B)),
    ("beyond/sigmoid-width", lambda: 2 * np.log(9) / 1.5),
])
def test_checks_accept_the_right_answer_and_reject_a_wrong_one(exercise_id, answer):
    right = answer()
    assert check(exercise_id, right)
    assert not check(exercise_id, 2 * right)


def test_inference_optimal_accepts_a_fitted_gadre_law():
    fit, _ = gadre_protocol_fit("rpj")
    alloc = inference_optimal(2.5, 0.0, fit.law)
    assert alloc.tokens_per_param == pytest.approx(fit.law.optimal_multiplier(), rel=1e-6)


def test_capability_share_of_independent_and_of_shared_scores():
    from scaling_lab.beyond_fit import capability_share

    rng = np.random.default_rng(1)
    independent = rng.normal(size=(400, 4))
    share = capability_share(independent, bootstrap=20).explained
    assert share.sum() == pytest.approx(1.0) and share[0] < 0.35
    skill = rng.normal(size=(400, 1))
    shared = skill + 0.1 * rng.normal(size=(400, 4))
    cap = capability_share(shared, bootstrap=20)
    assert cap.explained[0] > 0.95 and np.all(cap.loadings > 0)
    with pytest.raises(ScalingLabError, match="missing"):
        capability_share(np.where(shared > 2, np.nan, shared))
