"""The functional forms against analytic truth."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scaling_lab as sl
from scaling_lab import ScalingLabError

exponents = st.floats(-3, 3, allow_nan=False)
coefficients = st.floats(1e-3, 1e3)


@given(k=coefficients, n=exponents, scale=st.floats(1e-3, 1e3))
def test_power_law_is_scale_invariant(k, n, scale):
    x = np.logspace(-2, 4, 7)
    ratio = sl.power_law(scale * x, k=k, n=n) / sl.power_law(x, k=k, n=n)
    np.testing.assert_allclose(ratio, scale**n, rtol=1e-10)


@given(k=coefficients, n=exponents)
def test_log_log_line_matches_the_law(k, n):
    intercept, slope = sl.log_log_line(k, n)
    x = np.array([0.5, 3.0, 70.0])
    np.testing.assert_allclose(np.log(sl.power_law(x, k=k, n=n)),
                               intercept + slope * np.log(x), rtol=1e-10, atol=1e-10)


def test_offset_adds_a_constant():
    x = np.array([1.0, 10.0])
    np.testing.assert_allclose(sl.power_law(x, k=2, n=-1, offset=1.5), [3.5, 1.7])


@given(k=coefficients, n=exponents)
def test_local_exponent_of_a_pure_law_is_the_exponent(k, n):
    x = np.logspace(0, 3, 20)
    np.testing.assert_allclose(sl.local_exponent(x, sl.power_law(x, k=k, n=n)), n,
                               atol=1e-9)


def test_local_exponent_drifts_to_zero_with_an_offset():
    x = np.logspace(0, 8, 50)
    slopes = sl.local_exponent(x, sl.power_law(x, k=1, n=-0.5, offset=0.1))
    assert slopes[0] < -0.4 and abs(slopes[-1]) < 0.01
    assert np.all(np.diff(slopes) > 0)


@pytest.mark.parametrize(("n", "name"), [(-0.5, "decaying"), (0, "constant"),
                                         (0.3, "sub-linear"), (1, "linear"),
                                         (1.7, "super-linear")])
def test_growth_regimes(n, name):
    assert sl.growth_regime(n) == name


def test_eighty_twenty_exponent_analytic():
    # f^((a-2)/(a-1)) = s  <=>  a = 1 + ln f / (ln f - ln s)
    expected = 1 + math.log(0.2) / (math.log(0.2) - math.log(0.8))
    assert sl.pareto_exponent_for_share(0.2, 0.8) == pytest.approx(expected)
    assert expected == pytest.approx(2.16096, abs=1e-5)


def test_top_share_matches_a_large_sample():
    rng = np.random.default_rng(1)
    alpha = 3.0
    x = np.sort((1 - rng.random(400_000)) ** (-1 / (alpha - 1)))[::-1]
    top = x[: x.size // 5].sum() / x.sum()
    assert top == pytest.approx(float(sl.top_share(0.2, alpha)[0]), rel=0.02)


@given(alpha=st.floats(2.05, 10), f=st.floats(0.01, 0.99))
def test_top_share_round_trip(alpha, f):
    share = float(sl.top_share(f, alpha)[0])
    assert sl.pareto_exponent_for_share(f, share) == pytest.approx(alpha, rel=1e-6)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: sl.power_law([1, 0, 2], k=1, n=1), "'x' must be > 0 for a power law"),
    (lambda: sl.power_law([1, np.nan], k=1, n=1), "'x' must be finite: entry 1 is nan"),
    (lambda: sl.power_law([1, 2], k=-1, n=1), "'k' must be > 0 (got -1)"),
    (lambda: sl.power_law([1, 2], k=1, n="a"), "'n' must be a real number (got 'a')"),
    (lambda: sl.power_law(["a"], k=1, n=1), "'x' must contain only numbers"),
    (lambda: sl.top_share(0.2, 1.5), "'alpha' must be > 2"),
    (lambda: sl.top_share(1.5, 3), "'fraction' must be in (0, 1]"),
    (lambda: sl.pareto_exponent_for_share(0.5, 0.3), "'share' must lie between"),
    (lambda: sl.local_exponent([1, 2], [1, 2]), "'x' needs at least 3 values"),
    (lambda: sl.local_exponent([1, 2, 3], [1, 2, 3, 4]), "same length"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ScalingLabError) as error:
        call()
    assert message in str(error.value)


def test_power_law_explorer_exponents_and_the_linear_frame():
    from scaling_lab import published
    from scaling_lab.explorers.power_laws import EXPONENTS, power_law_explorer

    ex = power_law_explorer()
    n_slider = next(s for s in ex.sliders if s.name == "n")
    assert len(n_slider.values) >= 13 and tuple(n_slider.values) == EXPONENTS
    for value in (-published.KAPLAN.alpha_N, -published.HOFFMANN.alpha, -0.5):
        assert value in n_slider.values
    # A growing curve that leaves the fixed linear frame says where it leaves.
    note = ex.frame(k=4.0, n=1.0, offset=2.0).note
    assert "leaves the frame (y > 12) at x = 2.5" in note
    assert "leaves" not in ex.frame(k=1.0, n=-0.5, offset=0.0).note
