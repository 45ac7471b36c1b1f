"""Kaplan et al. 2020: constants pinned to the paper, equations against hand computations,
the crossing point against a numerical root, explorers and exercise checks."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scaling_lab as sl
from scaling_lab import kaplan, published
from scaling_lab._validate import ScalingLabError
from scaling_lab.exercises import EXERCISES, check
from scaling_lab.exercises import kaplan as kaplan_exercises
from scaling_lab.laws import chinchilla_loss

K = published.KAPLAN

# --- constants, as in ../shared/REFERENCES.md (Kaplan et al. 2020) ----------------------

PINNED = {
    "alpha_N": 0.076, "N_c": 8.8e13,  # Eq. 1.1, Table 5
    "alpha_D": 0.095, "D_c": 5.4e13,  # Eq. 1.2, Table 5
    "alpha_C_min": 0.050, "C_c_min": 3.1e8,  # Eq. 1.3, Table 5 (PF-days)
    "alpha_C": 0.057, "C_c": 1.6e7,  # Table 5, naive
    "alpha_B": 0.21, "B_star": 2.1e8,  # Eq. 1.4, Table 5
    "alpha_S": 0.76, "S_c": 2.1e3,  # Eq. 1.6, Table 5
    "N_exponent": 0.73, "B_exponent": 0.24, "S_exponent": 0.03, "D_exponent": 0.27,
    "N_e": 1.3e9, "B_e": 2.0e6, "S_e": 5.4e3, "D_e": 2e10,  # Table 6
    "overfit_coefficient": 5e3, "overfit_exponent": 0.74,  # Eq. 4.4
    "frontier_D_coefficient": 4e10, "frontier_D_exponent": 0.26,  # Eq. 6.7
    "needed_D_exponent": 0.54,  # Eq. 6.6
    "theory_alpha_C_min": 0.054, "theory_N_exponent": 0.71,  # Eq. 6.4-6.5
    "crossing_C_pf_days": 1e4, "crossing_N": 1e12, "crossing_D": 1e12,
    "crossing_L": 1.7,  # Eq. 6.8
    "table2_alpha_N": 0.076, "table2_alpha_D": 0.103, "table2_N_c": 6.4e13,
    "table2_D_c": 1.8e13,  # Table 2
    "table3_alpha_N": 0.077, "table3_alpha_S": 0.76, "table3_N_c": 6.5e13,
    "table3_S_c": 2.1e3,  # Table 3
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_constant_matches_the_paper(name):
    assert getattr(K, name) == PINNED[name]


def test_every_kaplan_constant_is_pinned():
    assert {f.name for f in dataclasses.fields(K)} == set(PINNED)


def test_pf_day_and_flops_per_token():
    assert published.PF_DAY == 8.64e19
    assert published.FLOPS_PER_PARAM_PER_TOKEN == 6


# --- equations against hand computations --------------------------------------------------

def test_eq_1_1_by_hand():
    assert kaplan.loss_N(1e9)[0] == pytest.approx(math.pow(8.8e13 / 1e9, 0.076), rel=1e-12)


def test_eq_1_2_by_hand():
    hand = math.pow(5.4e13 / 1e10, 0.095)
    assert kaplan.loss_D(1e10)[0] == pytest.approx(hand, rel=1e-12)


def test_eq_1_3_by_hand():
    hand = math.pow(3.1e8 / 1e3, 0.050)
    assert kaplan.loss_C_min(1e3)[0] == pytest.approx(hand, rel=1e-12)


def test_eq_1_5_by_hand():
    N, D = 3e8, 7e9
    hand = math.pow(math.pow(8.8e13 / N, 0.076 / 0.095) + 5.4e13 / D, 0.095)
    assert kaplan.loss_ND(N, D)[0] == pytest.approx(hand, rel=1e-12)
    assert hand == pytest.approx(2.674, abs=5e-4)  # worked once by hand, in logs


def test_eq_1_5_broadcasts():
    D = np.array([1e9, 1e10, 1e11])
    out = kaplan.loss_ND(1e9, D)
    assert out.shape == (3,)
    assert np.allclose(out, [kaplan.loss_ND(1e9, d)[0] for d in D])
    with pytest.raises(ScalingLabError, match="broadcast"):
        kaplan.loss_ND([1e8, 1e9], D)


def test_eq_1_6_by_hand():
    N, S = 1e9, 3e4
    hand = math.pow(8.8e13 / N, 0.076) + math.pow(2.1e3 / S, 0.76)
    assert kaplan.loss_NS(N, S)[0] == pytest.approx(hand, rel=1e-12)


def test_eq_1_4_by_hand():
    assert kaplan.critical_batch_size(2.5)[0] == pytest.approx(2.1e8 / 2.5 ** (1 / 0.21),
                                                               rel=1e-12)


def test_eq_4_4_by_hand():
    assert kaplan.tokens_to_avoid_overfitting(1e10)[0] == pytest.approx(
        5e3 * 1e10 ** 0.74, rel=1e-12)


def test_misreadings_by_hand():
    N, D = 1e9, 1e10
    l_n, l_d = (8.8e13 / N) ** 0.076, (5.4e13 / D) ** 0.095
    assert kaplan.loss_product_form(N, D)[0] == pytest.approx(l_n * l_d, rel=1e-12)
    assert kaplan.loss_sum_form(N, D)[0] == pytest.approx(l_n + l_d, rel=1e-12)


def test_compute_units():
    assert kaplan.training_flops(175e9, 300e9)[0] == pytest.approx(3.15e23)
    assert kaplan.flops_to_pf_days(8.64e19)[0] == pytest.approx(1.0)
    assert kaplan.pf_days_to_flops(2.0)[0] == pytest.approx(1.728e20)
    # GPT-3: Brown et al. quote 3640 PF-days; 6ND gives 3646.
    gpt3 = published.MODELS["GPT-3"]
    c = kaplan.flops_to_pf_days(kaplan.training_flops(gpt3.params, gpt3.tokens))[0]
    assert c == pytest.approx(3640, rel=0.01)


def test_allocation_is_table_6():
    a = kaplan.compute_efficient_allocation([1.0, 10.0])
    assert (a.N[0], a.B[0], a.S[0], a.D[0]) == (1.3e9, 2.0e6, 5.4e3, 2e10)
    assert a.N[1] / a.N[0] == pytest.approx(10 ** 0.73)
    assert a.D[1] / a.D[0] == pytest.approx(10 ** 0.27)
    # Sec. 1.2: the exponents of N and D add to 1 (C = 6ND).
    assert K.N_exponent + K.D_exponent == pytest.approx(1.0)


def test_frontier_tokens_is_eq_6_7():
    assert kaplan.frontier_tokens(1e4)[0] == pytest.approx(4e10 * 1e4 ** 0.26, rel=1e-12)
    assert kaplan.frontier_tokens(1e4, coefficient=2e10, exponent=0.27)[0] == \
        pytest.approx(2e10 * 1e4 ** 0.27, rel=1e-12)


# --- the crossing point ----------------------------------------------------------------

def _numerical_crossing(coefficient, exponent, alpha_c=0.050):
    """Bisection on log C for L(C_min) = L(D(C_min)), written without the package."""
    def gap(log_c):
        c = math.exp(log_c)
        return (3.1e8 / c) ** alpha_c - (5.4e13 / (coefficient * c ** exponent)) ** 0.095

    lo, hi = math.log(1e-6), math.log(1e20)
    assert gap(lo) > 0 > gap(hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if gap(mid) > 0 else (lo, mid)
    return math.exp(lo)


@pytest.mark.parametrize("coefficient, exponent, alpha_c", [
    (4e10, 0.26, 0.050), (2e10, 0.27, 0.050), (4e10, 0.26, 0.054)])
def test_crossing_against_bisection(coefficient, exponent, alpha_c):
    c = kaplan.crossing_point(D_coefficient=coefficient, D_exponent=exponent,
                              alpha_C_min=alpha_c)
    assert c.C_min == pytest.approx(_numerical_crossing(coefficient, exponent, alpha_c),
                                    rel=1e-9)
    # At the crossing both laws give L*, and N*, D* follow Table 6 and Eq. 6.7.
    assert c.L == pytest.approx((3.1e8 / c.C_min) ** alpha_c, rel=1e-12)
    assert c.L == pytest.approx((5.4e13 / c.D) ** 0.095, rel=1e-9)
    assert c.N == pytest.approx(1.3e9 * c.C_min ** 0.73, rel=1e-12)
    assert c.D == pytest.approx(coefficient * c.C_min ** exponent, rel=1e-12)


def test_crossing_from_printed_exponents_and_the_papers_estimate():
    printed = kaplan.crossing_point()
    assert printed.C_min == pytest.approx(1.064e5, rel=1e-3)
    assert printed.L == pytest.approx(1.490, abs=1e-3)
    # An order of magnitude from Eq. 6.8, as the paper warns; Table 6's allocation lands
    # within a factor of 2 of it.
    assert 1 < math.log10(printed.C_min / K.crossing_C_pf_days) < 1.1
    table6 = kaplan.crossing_point(D_coefficient=K.D_e, D_exponent=K.D_exponent)
    assert table6.C_min / K.crossing_C_pf_days == pytest.approx(1.12, abs=0.01)
    assert table6.L == pytest.approx(K.crossing_L, abs=0.04)


def test_crossing_sensitivity_matches_the_theorem():
    base = kaplan.crossing_point()
    doubled = kaplan.crossing_point(D_coefficient=2 * K.frontier_D_coefficient)
    gap = K.alpha_C_min - K.frontier_D_exponent * K.alpha_D
    assert doubled.C_min / base.C_min == pytest.approx(2 ** (K.alpha_D / gap), rel=1e-9)


def test_crossing_without_a_crossing_raises():
    with pytest.raises(ScalingLabError, match="alpha_C_min"):
        kaplan.crossing_point(alpha_C_min=0.02)


# --- invariants ------------------------------------------------------------------------

sizes = st.floats(min_value=1e4, max_value=1e16)


@given(N=sizes, D=sizes)
def test_joint_law_is_a_soft_maximum(N, D):
    joint = kaplan.loss_ND(N, D)[0]
    single = max(kaplan.loss_N(N)[0], kaplan.loss_D(D)[0])
    assert single * (1 - 1e-12) <= joint <= single * 2 ** K.alpha_D * (1 + 1e-12)
    assert joint <= kaplan.loss_sum_form(N, D)[0]
    share = kaplan.limiting_term(N, D)[0]
    assert 0 <= share <= 1


@given(N=sizes, D=sizes, factor=st.floats(min_value=1.01, max_value=100))
def test_joint_law_falls_with_N_and_D(N, D, factor):
    base = kaplan.loss_ND(N, D)[0]
    assert kaplan.loss_ND(N * factor, D)[0] < base
    assert kaplan.loss_ND(N, D * factor)[0] < base


@given(N=sizes)
def test_joint_law_limits(N):
    assert kaplan.loss_ND(N, 1e40)[0] == pytest.approx(kaplan.loss_N(N)[0], rel=1e-9)
    assert kaplan.loss_ND(1e60, N)[0] == pytest.approx(kaplan.loss_D(N)[0], rel=1e-9)


@given(C=st.floats(min_value=1e-3, max_value=1e9))
def test_pf_days_round_trip(C):
    assert kaplan.flops_to_pf_days(kaplan.pf_days_to_flops(C))[0] == pytest.approx(C)


# --- validation ------------------------------------------------------------------------

@pytest.mark.parametrize("function", [kaplan.loss_N, kaplan.loss_D, kaplan.loss_C_min,
                                      kaplan.tokens_to_avoid_overfitting,
                                      kaplan.critical_batch_size])
@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_values_raise_naming_the_value(function, bad):
    with pytest.raises(ScalingLabError, match="must be"):
        function(bad)


def test_bad_constants_raise():
    with pytest.raises(ScalingLabError, match="KaplanConstants"):
        kaplan.loss_N(1e9, constants={"alpha_N": 0.076})


def test_format_scientific():
    assert kaplan.format_scientific(106446.0) == "1.1 × 10⁵"
    assert kaplan.format_scientific(3645.8) == "3,600"
    assert kaplan.format_scientific(2.2e-5) == "2.2 × 10⁻⁵"
    assert kaplan.format_scientific(1.5) == "1.5"


# --- the shared Chinchilla-form law -------------------------------------------------------

@pytest.mark.parametrize("name", sorted(published.CHINCHILLA_LAWS))
def test_chinchilla_loss_by_hand(name):
    p = published.CHINCHILLA_LAWS[name]
    N, D = 70e9, 1.4e12
    hand = p.E + p.A / N ** p.alpha + p.B / D ** p.beta
    assert chinchilla_loss(N, D, p)[0] == pytest.approx(hand, rel=1e-12)


def test_chinchilla_loss_printed_value_and_validation():
    assert chinchilla_loss(70e9, 1.4e12, published.HOFFMANN)[0] == pytest.approx(1.9366,
                                                                                abs=1e-4)
    with pytest.raises(ScalingLabError, match="'params'"):
        chinchilla_loss(1e9, 1e10, object())
    with pytest.raises(ScalingLabError, match="'D'"):
        chinchilla_loss(1e9, -1.0, published.HOFFMANN)
    assert sl.chinchilla_loss is chinchilla_loss


# --- explorers ---------------------------------------------------------------------------

KAPLAN_EXPLORERS = ["kaplan/exponents", "kaplan/limiting-term", "kaplan/crossing"]


@pytest.mark.parametrize("name", KAPLAN_EXPLORERS)
def test_explorer_budget_and_static_page(name):
    ex = sl.get_explorer(name)
    assert ex.name == name
    assert 1 <= len(ex.sliders) <= 3
    assert math.prod(len(s.values) for s in ex.sliders) <= 512
    frame = ex.frame()
    for key, (x, y) in frame.curves.items():
        assert len(x) <= 100, key
        assert np.all(np.isfinite(y)), key
    for panel in ex.panels:
        assert panel.xlim[0] < panel.xlim[1] and panel.ylim[0] < panel.ylim[1]
    html = ex.static_html()
    assert html.count('type="range"') == len(ex.sliders)


#: The published exponents the chapter discusses, by slider (Tables 2, 3 and 5, Eq. 6.4).
PUBLISHED_EXPONENTS = {
    "alpha_N": (K.alpha_N, K.table3_alpha_N, 0.10),  # 0.10: the chapter's steeper law
    "alpha_D": (K.alpha_D, K.table2_alpha_D),
    "alpha_C_min": (K.alpha_C_min, K.theory_alpha_C_min, K.alpha_C),
}


@pytest.mark.parametrize("name", KAPLAN_EXPLORERS)
def test_exponent_sliders_are_fine_and_hold_the_published_values(name):
    ex = sl.get_explorer(name)
    for slider in ex.sliders:
        if slider.name not in PUBLISHED_EXPONENTS:
            continue
        assert len(slider.values) >= 13, slider.name
        for value in PUBLISHED_EXPONENTS[slider.name]:
            assert any(math.isclose(v, value) for v in slider.values), (slider.name, value)
        assert math.isclose(slider.values[slider.default_index], getattr(K, slider.name))


def test_the_chapters_explorers_fit_the_page_budget():
    """The static pages of the chapter's explorers together stay well under the 3 MB
    the whole page may weigh (its figures and text need the rest)."""
    total = sum(len(sl.get_explorer(name).static_html().encode()) for name in
                KAPLAN_EXPLORERS)
    assert total < 1_500_000


def test_crossing_explorer_draws_the_package_crossing():
    ex = sl.get_explorer("kaplan/crossing")
    for params in ({}, {"alpha_C_min": 0.054, "D_coefficient": 2e10}):
        frame = ex.frame(**params)
        c = kaplan.crossing_point(**params)
        (x,), (y,) = frame.curves["star"]
        assert (x, y) == pytest.approx((c.C_min, c.L), rel=1e-12)
    assert "1.1 × 10⁵ PF-days" in ex.frame().note


def test_exponent_explorer_uses_the_paper_at_its_defaults():
    ex = sl.get_explorer("kaplan/exponents")
    x, y = ex.frame().curves["L_N"]
    assert np.allclose(y, kaplan.loss_N(x))
    x, y = ex.frame(alpha_D=0.2).curves["L_D"]
    assert np.allclose(y, (K.D_c / x) ** 0.2)


def test_limiting_term_explorer_names_the_limit():
    ex = sl.get_explorer("kaplan/limiting-term")
    assert "model size limits" in ex.frame(N=1e6, D=1e13).note
    assert "data limits" in ex.frame(N=1e12, D=1e7).note


# --- exercise checks -------------------------------------------------------------------

def test_every_kaplan_exercise_is_registered():
    ids = {i for i in EXERCISES if i.startswith("kaplan/")}
    assert ids == {"kaplan/compute-pf-days", "kaplan/doubling-data", "kaplan/joint-loss",
                   "kaplan/overfit-tokens", "kaplan/crossing"}


RIGHT = {
    "kaplan/compute-pf-days": 6 * 1e10 * 2e11 / 8.64e19,
    "kaplan/doubling-data": 2 ** -0.095,
    "kaplan/joint-loss": ((8.8e13 / 1e9) ** 0.8 + 5.4e13 / 1e10) ** 0.095,
    "kaplan/overfit-tokens": 5e3 * 1e11 ** 0.74,
    "kaplan/crossing": _numerical_crossing(4e10, 0.26),
}


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_right_answers_pass(exercise_id):
    feedback = check(exercise_id, RIGHT[exercise_id])
    assert feedback.correct, feedback.message


WRONG = [
    ("kaplan/compute-pf-days", 6 * 1e10 * 2e11, "FLOPs"),
    ("kaplan/compute-pf-days", 2 * 1e10 * 2e11 / 8.64e19, "2ND"),
    ("kaplan/compute-pf-days", 1e10 * 2e11 / 8.64e19, "the 6 FLOPs"),
    ("kaplan/doubling-data", 2 ** 0.095, "halving"),
    ("kaplan/doubling-data", 2 ** -0.076, "alpha_N"),
    ("kaplan/joint-loss", (8.8e13 / 1e9) ** 0.076 * (5.4e13 / 1e10) ** 0.095, "product"),
    ("kaplan/joint-loss", (8.8e13 / 1e9) ** 0.076 + (5.4e13 / 1e10) ** 0.095, "sum"),
    ("kaplan/joint-loss", (8.8e13 / 1e9) ** 0.076, "L(N) alone"),
    ("kaplan/joint-loss", ((8.8e13 / 1e9) ** 0.076 + 5.4e13 / 1e10) ** 0.095,
     "alpha_N / alpha_D"),
    ("kaplan/overfit-tokens", 20 * 1e11, "Chinchilla"),
    ("kaplan/overfit-tokens", 5e3 * 1e11, "exponent 0.74"),
    ("kaplan/crossing", 1e4, "Eq. 6.8"),
    ("kaplan/crossing", _numerical_crossing(2e10, 0.27), "Table 6"),
    ("kaplan/crossing", _numerical_crossing(4e10, 0.26) * 8.64e19, "FLOPs"),
]


@pytest.mark.parametrize("exercise_id, answer, phrase", WRONG)
def test_common_mistakes_are_diagnosed(exercise_id, answer, phrase):
    feedback = check(exercise_id, answer)
    assert not feedback.correct
    assert phrase in feedback.message


def test_malformed_answers_get_feedback_not_exceptions():
    assert not check("kaplan/joint-loss", "2.48").correct
    assert not check("kaplan/crossing", float("nan")).correct


def test_exercise_constants_are_the_chapters():
    assert (kaplan_exercises.JOINT_N, kaplan_exercises.JOINT_D) == (1e9, 1e10)
    assert kaplan_exercises.OVERFIT_N == 1e11


# --- a larger exponent with N_c fixed (issue 13, item 1) --------------------------------

def test_larger_alpha_N_raises_the_loss_below_N_c():
    steeper = dataclasses.replace(K, alpha_N=0.10)
    assert kaplan.loss_N(1e9)[0] == pytest.approx(2.38, abs=0.005)
    assert kaplan.loss_N(1e9, constants=steeper)[0] == pytest.approx(3.12, abs=0.005)
    N = np.logspace(3, 13.9, 50)  # every size below N_c = 8.8e13
    assert np.all(kaplan.loss_N(N, constants=steeper) > kaplan.loss_N(N))
    # ... and makes it fall faster: the log-log slope is -alpha_N.
    slope = np.diff(np.log(kaplan.loss_N(N, constants=steeper))) / np.diff(np.log(N))
    assert np.allclose(slope, -0.10)
    assert kaplan.loss_N(K.N_c, constants=steeper)[0] == pytest.approx(1.0)


# --- total against reducible loss (item 6) --------------------------------------------

def test_factor_for_loss_ratio():
    assert kaplan.factor_for_loss_ratio(0.5, alpha=K.alpha_N)[0] == pytest.approx(
        2 ** (1 / 0.076), rel=1e-12)
    assert kaplan.factor_for_loss_ratio(0.5, alpha=0.34)[0] == pytest.approx(7.68, abs=0.01)
    # Scaling N by the factor halves L(N) of Eq. 1.1 exactly.
    f = kaplan.factor_for_loss_ratio(0.5, alpha=K.alpha_N)[0]
    assert kaplan.loss_N(1e9 * f)[0] / kaplan.loss_N(1e9)[0] == pytest.approx(0.5)
    with pytest.raises(ScalingLabError, match="alpha"):
        kaplan.factor_for_loss_ratio(0.5, alpha=0.0)


def test_halving_a_total_loss_with_an_irreducible_term_is_impossible():
    H = published.HOFFMANN
    total = chinchilla_loss(1e9, 2e10, H)[0]
    assert total / 2 < H.E  # no N, D reaches half the loss
    f = kaplan.factor_for_loss_ratio(0.5, alpha=H.alpha)[0]
    term = lambda N: H.A / N ** H.alpha  # noqa: E731
    assert term(1e9 * f) / term(1e9) == pytest.approx(0.5)


# --- Eq. 1.5 at a point: which term, local exponents, the best split (item 15) -------

@pytest.mark.parametrize("N, D", [(1e9, 1e10), (280e9, 300e9), (70e9, 1.4e12), (1e6, 1e13)])
def test_local_exponents_against_finite_differences(N, D):
    e_N, e_D = kaplan.local_exponents(N, D)
    h = 1e-6
    dN = -(math.log(kaplan.loss_ND(N * math.exp(h), D)[0])
           - math.log(kaplan.loss_ND(N * math.exp(-h), D)[0])) / (2 * h)
    dD = -(math.log(kaplan.loss_ND(N, D * math.exp(h))[0])
           - math.log(kaplan.loss_ND(N, D * math.exp(-h))[0])) / (2 * h)
    assert e_N[0] == pytest.approx(dN, rel=1e-6, abs=1e-9)
    assert e_D[0] == pytest.approx(dD, rel=1e-6, abs=1e-9)


def test_gopher_is_short_of_data_and_chinchilla_of_parameters_by_eq_1_5():
    gopher, chinchilla = published.MODELS["Gopher"], published.MODELS["Chinchilla"]
    g_N, g_D = kaplan.local_exponents(gopher.params, gopher.tokens)
    c_N, c_D = kaplan.local_exponents(chinchilla.params, chinchilla.tokens)
    assert g_D[0] > g_N[0] and c_N[0] > c_D[0]
    assert kaplan.limiting_term(gopher.params, gopher.tokens)[0] == pytest.approx(0.356,
                                                                                 abs=1e-3)
    assert kaplan.limiting_term(chinchilla.params, chinchilla.tokens)[0] == pytest.approx(
        0.887, abs=1e-3)
    # ... and yet Eq. 1.5 ranks Gopher ahead, although alpha_D > alpha_N.
    assert K.alpha_D > K.alpha_N
    assert kaplan.loss_ND(gopher.params, gopher.tokens)[0] < \
        kaplan.loss_ND(chinchilla.params, chinchilla.tokens)[0]


@pytest.mark.parametrize("C", [1e20, 5.04e23, 1e26])
def test_joint_law_split_is_the_minimum_along_6ND(C):
    N, D = kaplan.joint_law_split(C)
    assert 6 * N[0] * D[0] == pytest.approx(C, rel=1e-12)
    grid = N[0] * np.logspace(-1, 1, 2001)
    losses = kaplan.loss_ND(grid, C / (6 * grid))
    assert grid[np.argmin(losses)] == pytest.approx(N[0], rel=2e-3)
    # At the optimum the data term is alpha_N / alpha_D times the parameter term.
    share = kaplan.limiting_term(N, D)[0]
    assert (1 - share) / share == pytest.approx(K.alpha_N / K.alpha_D, rel=1e-9)


def test_eq_1_5_split_at_gophers_budget_lies_between_the_two_models():
    gopher, chinchilla = published.MODELS["Gopher"], published.MODELS["Chinchilla"]
    N, _ = kaplan.joint_law_split(6 * gopher.params * gopher.tokens)
    assert chinchilla.params < N[0] < gopher.params
    assert N[0] == pytest.approx(1.78e11, rel=0.01)


# --- how the crossing moves with each input (item 5) ----------------------------------

def _log_crossing(**changes):
    direct = {k: changes.pop(k) for k in list(changes)
              if k in ("alpha_C_min", "D_exponent", "D_coefficient")}
    constants = dataclasses.replace(K, **changes)
    return math.log(kaplan.crossing_point(constants=constants, **direct).C_min)


@pytest.mark.parametrize("name, base, relative", [
    ("alpha_C_min", K.alpha_C_min, False), ("alpha_D", K.alpha_D, False),
    ("D_exponent", K.frontier_D_exponent, False), ("C_c_min", K.C_c_min, True),
    ("D_c", K.D_c, True), ("D_coefficient", K.frontier_D_coefficient, True)])
def test_crossing_sensitivity_against_finite_differences(name, base, relative):
    s = getattr(kaplan.crossing_sensitivity(), name)
    h = 1e-6
    if relative:  # derivative with respect to the logarithm of the scale
        up, down = base * math.exp(h), base * math.exp(-h)
    else:
        up, down = base + h, base - h
    numeric = (_log_crossing(**{name: up}) - _log_crossing(**{name: down})) / (2 * h)
    assert s == pytest.approx(numeric, rel=1e-5)


def test_the_crossing_moves_as_the_issue_states():
    base = kaplan.crossing_point().C_min
    # 0.050 -> 0.051 in alpha_C_min moves C* about 1.35-fold ...
    assert kaplan.crossing_point(alpha_C_min=0.051).C_min / base == pytest.approx(1.354,
                                                                                 abs=1e-3)
    # ... a factor 2 in Eq. 6.7's coefficient about 13.5-fold (the theorem's power) ...
    far = kaplan.crossing_point(D_coefficient=8e10).C_min / base
    assert far == pytest.approx(13.5, abs=0.01)
    # ... and moving C* that far by alpha_C_min takes about 0.008 by the derivative,
    # exactly +0.012 or -0.006.
    s = kaplan.crossing_sensitivity()
    assert math.log(far) / s.alpha_C_min == pytest.approx(0.0083, abs=1e-4)
    up = kaplan.alpha_C_min_for_crossing(far * base)
    down = kaplan.alpha_C_min_for_crossing(base / far)
    assert up - K.alpha_C_min == pytest.approx(0.0123, abs=1e-4)
    assert K.alpha_C_min - down == pytest.approx(0.0062, abs=1e-4)
    assert kaplan.crossing_point(alpha_C_min=up).C_min == pytest.approx(far * base,
                                                                        rel=1e-9)


def test_coefficient_sensitivity_is_the_theorems_exact_power():
    s = kaplan.crossing_sensitivity()
    gap = K.alpha_C_min - K.frontier_D_exponent * K.alpha_D
    assert s.D_coefficient == pytest.approx(K.alpha_D / gap, rel=1e-12)
    assert s.D_c == pytest.approx(-K.alpha_D / gap, rel=1e-12)
    assert s.C_c_min == pytest.approx(K.alpha_C_min / gap, rel=1e-12)


def test_alpha_C_min_for_crossing_validates():
    with pytest.raises(ScalingLabError, match="C_min"):
        kaplan.alpha_C_min_for_crossing(1e9)
    with pytest.raises(ScalingLabError, match="C_min"):
        kaplan.alpha_C_min_for_crossing(-1.0)
