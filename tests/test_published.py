"""Every published constant pinned to the papers (see shared REFERENCES.md)."""

import pytest

from scaling_lab import published as p


def test_kaplan_table_5_and_equations():
    k = p.KAPLAN
    assert (k.alpha_N, k.N_c) == (0.076, 8.8e13)  # Eq. 1.1
    assert (k.alpha_D, k.D_c) == (0.095, 5.4e13)  # Eq. 1.2
    assert (k.alpha_C_min, k.C_c_min) == (0.050, 3.1e8)  # Eq. 1.3
    assert (k.alpha_C, k.C_c) == (0.057, 1.6e7)  # Table 5
    assert (k.alpha_B, k.B_star) == (0.21, 2.1e8)  # Eq. 1.4
    assert (k.alpha_S, k.S_c) == (0.76, 2.1e3)  # Eq. 1.6
    assert (k.N_exponent, k.B_exponent, k.S_exponent, k.D_exponent) == (0.73, 0.24, 0.03,
                                                                         0.27)
    assert (k.N_e, k.B_e, k.S_e, k.D_e) == (1.3e9, 2.0e6, 5.4e3, 2e10)  # Table 6
    assert (k.overfit_coefficient, k.overfit_exponent) == (5e3, 0.74)  # Eq. 4.4
    assert (k.crossing_C_pf_days, k.crossing_N, k.crossing_D, k.crossing_L) == (
        1e4, 1e12, 1e12, 1.7)  # Eq. 6.8
    assert (k.table2_alpha_N, k.table2_alpha_D, k.table2_N_c, k.table2_D_c) == (
        0.076, 0.103, 6.4e13, 1.8e13)


def test_compute_units():
    assert p.PF_DAY == pytest.approx(8.64e19)
    assert p.FLOPS_PER_PARAM_PER_TOKEN == 6


@pytest.mark.parametrize(("params", "values"), [
    (p.HOFFMANN, (1.69, 406.4, 410.7, 0.34, 0.28)),
    (p.HOFFMANN_UNROUNDED, (1.69337, 406.401, 410.723, 0.33917, 0.28491)),
    (p.EPOCH, (1.82, 482.01, 2085.43, 0.3478, 0.3658)),
])
def test_chinchilla_parameter_sets(params, values):
    assert (params.E, params.A, params.B, params.alpha, params.beta) == values
    assert p.CHINCHILLA_LAWS[params.name] is params


def test_hoffmann_table_2_and_3():
    rows = {r.approach: r for r in p.HOFFMANN_TABLE_2}
    assert (rows["Approach 1"].a, rows["Approach 2"].a, rows["Approach 3"].a) == (
        0.50, 0.49, 0.46)
    assert rows["Approach 3"].a_interval == (0.454, 0.455)
    gopher_row = [r for r in p.HOFFMANN_TABLE_3 if r.params == 67e9][0]
    assert (gopher_row.flops, gopher_row.tokens, gopher_row.gopher_units) == (
        5.76e23, 1.5e12, 1.0)
    assert len(p.HOFFMANN_TABLE_3) == 9


def test_models():
    assert (p.MODELS["GPT-3"].params, p.MODELS["GPT-3"].tokens) == (175e9, 300e9)
    assert (p.MODELS["Gopher"].params, p.MODELS["Gopher"].flops) == (280e9, 5.76e23)
    assert (p.MODELS["Chinchilla"].params, p.MODELS["Chinchilla"].tokens) == (70e9, 1.4e12)


def test_fit_method_grid_has_4500_starts():
    m = p.HOFFMANN_FIT_METHOD
    starts = (len(m["alpha_starts"]) * len(m["beta_starts"]) * len(m["e_starts"])
              * len(m["a_starts"]) * len(m["b_starts"]))
    assert starts == 4500 and m["huber_delta"] == 1e-3


def test_constants_are_frozen():
    with pytest.raises(AttributeError):
        p.KAPLAN.alpha_N = 0.1
