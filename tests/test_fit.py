"""Fitting: recovery of known laws, intervals, the teaching MLE against powerlaw."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scaling_lab as sl
from scaling_lab import ScalingLabError, ScalingLabWarning
from scaling_lab.fit import (
    histogram_exponent,
    local_slope,
    pareto_mle,
    slope_interval_width,
)


@given(k=st.floats(0.1, 1e3), n=st.floats(-2, 2).filter(lambda v: abs(v) > 1e-3))
def test_loglog_recovers_noiseless_law_exactly(k, n):
    x = np.logspace(0, 4, 9)
    fit = sl.fit_power_law(x, k * x**n)
    assert fit.n == pytest.approx(n, abs=1e-9)
    assert fit.k == pytest.approx(k, rel=1e-8)
    assert fit.rms_log_residual < 1e-9


@given(c=st.floats(0.5, 3), k=st.floats(10, 1000), alpha=st.floats(0.1, 0.6))
def test_nls_recovers_noiseless_law_with_offset(c, k, alpha):
    x = np.logspace(6, 12, 15)
    fit = sl.fit_power_law(x, c + k * x**-alpha, offset=True)
    assert fit.n == pytest.approx(-alpha, abs=2e-3)
    assert fit.offset == pytest.approx(c, rel=5e-3)


def test_interval_covers_truth_at_about_95_percent():
    rng = np.random.default_rng(3)
    x = np.logspace(0, 3, 15)
    hits = 0
    for _ in range(300):
        y = 2.0 * x**-0.4 * np.exp(rng.normal(0, 0.05, x.size))
        lo, hi = sl.fit_power_law(x, y).n_interval
        hits += lo <= -0.4 <= hi
    assert 0.91 <= hits / 300 <= 0.98


def test_loglog_matches_numpy_polyfit_and_its_stderr():
    rng = np.random.default_rng(5)
    x = np.logspace(1, 5, 30)
    y = 7 * x**0.3 * np.exp(rng.normal(0, 0.1, x.size))
    fit = sl.fit_power_law(x, y)
    coef, cov = np.polyfit(np.log(x), np.log(y), 1, cov="unscaled")
    residuals = np.log(y) - np.polyval(coef, np.log(x))
    s2 = residuals @ residuals / (x.size - 2)
    assert fit.n == pytest.approx(coef[0])
    assert fit.n_stderr == pytest.approx(np.sqrt(cov[0, 0] * s2))


def test_predict_and_as_dict():
    fit = sl.fit_power_law([1, 10, 100], [5, 0.5, 0.05])
    np.testing.assert_allclose(fit.predict([1000]), [0.005])
    assert fit.as_dict()["n"] == pytest.approx(-1)


def test_fit_is_frozen():
    fit = sl.fit_power_law([1, 10, 100], [1, 2, 4])
    with pytest.raises(AttributeError):
        fit.n = 3


def test_narrow_range_warns():
    with pytest.warns(ScalingLabWarning, match="less than one decade"):
        sl.fit_power_law([1, 2, 3, 4], [1, 0.7, 0.6, 0.5])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"x": [1, 10, 100], "y": [1, 0, 2]}, "'y' must be > 0 for a power law"),
    ({"x": [1, -10, 100], "y": [1, 2, 3]}, "'x' must be > 0"),
    ({"x": [1, 10], "y": [1, 2]}, "'x' needs at least 3 values (got 2)"),
    ({"x": [1, 10, 100], "y": [1, 2]}, "'y' needs at least 3 values"),
    ({"x": [1, 10, 100, 1000], "y": [1, 2, 3]}, "same length"),
    ({"x": [5, 5, 5], "y": [1, 2, 3]}, "at least two distinct values"),
    ({"x": [1, 10, 100], "y": [1, 2, 3], "offset": True}, "at least 4 values"),
    ({"x": [1, 10, 100, 1e3], "y": [1, 2, 3, 4], "offset": True, "method": "loglog"},
     "method='loglog' cannot fit an offset"),
    ({"x": [1, 10, 100], "y": [1, 2, 3], "method": "ols"}, "'method' must be one of"),
    ({"x": [1, 10, np.inf], "y": [1, 2, 3]}, "'x' must be finite: entry 2 is inf"),
])
def test_bad_input(kwargs, message):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScalingLabWarning)
        with pytest.raises(ScalingLabError) as error:
            sl.fit_power_law(**kwargs)
    assert message in str(error.value)


def test_teaching_mle_matches_powerlaw_package():
    powerlaw = pytest.importorskip("powerlaw")
    rng = np.random.default_rng(11)
    x = 2.0 * (1 - rng.random(5000)) ** (-1 / 1.7)
    ours, err = pareto_mle(x, xmin=2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = powerlaw.Fit(x, xmin=2.0, discrete=False, verbose=False)
    assert ours == pytest.approx(reference.power_law.alpha, rel=1e-9)
    assert err == pytest.approx(reference.power_law.standard_err, rel=1e-9)


def test_histogram_line_is_biased_and_mle_is_not():
    rng = np.random.default_rng(7)
    line, mle = [], []
    for _ in range(100):
        x = (1 - rng.random(1000)) ** (-1 / 1.5)
        line.append(histogram_exponent(x))
        mle.append(pareto_mle(x, 1.0)[0])
    assert abs(np.mean(mle) - 2.5) < 0.02
    assert np.mean(line) < 2.2


def test_mle_errors():
    with pytest.raises(ScalingLabError, match="only 1 samples are >= xmin=10"):
        pareto_mle([1, 2, 3, 11], xmin=10)
    with pytest.raises(ScalingLabError, match="'xmin' must be > 0"):
        pareto_mle([1, 2, 3], xmin=0)
    with pytest.raises(ScalingLabError, match="'binning' must be one of"):
        histogram_exponent(np.arange(1, 50), binning="sqrt")


@given(seed=st.integers(0, 2**32 - 1), n=st.floats(-1.5, 1.5),
       noise=st.floats(0.005, 0.1))
def test_loglog_recovers_noisy_law_within_its_error(seed, n, noise):
    rng = np.random.default_rng(seed)
    x = np.logspace(0, 4, 25)
    y = 3.0 * x**n * np.exp(rng.normal(0, noise, x.size))
    fit = sl.fit_power_law(x, y)
    assert abs(fit.n - n) < 5 * fit.n_stderr + 1e-12


def test_loglog_covariance_is_that_of_ordinary_least_squares():
    rng = np.random.default_rng(5)
    x = np.logspace(0, 3, 10)
    y = 2.0 * x**-0.4 * np.exp(rng.normal(0, 0.05, x.size))
    fit = sl.fit_power_law(x, y)
    _, cov = np.polyfit(np.log(x), np.log(y), 1, cov=True)  # order: slope, intercept
    ours = np.asarray(fit.covariance)
    assert ours[1, 1] == pytest.approx(cov[0, 0], rel=1e-9)
    assert ours[0, 0] == pytest.approx(cov[1, 1], rel=1e-9)
    assert ours[0, 1] == pytest.approx(cov[0, 1], rel=1e-9)
    assert fit.n_stderr == pytest.approx(np.sqrt(ours[1, 1]))
    assert fit.dof == 8 and fit.param_names == ("log_k", "n")


def test_offset_fit_exposes_a_strong_correlation_and_a_wider_interval():
    x = np.logspace(6, 11, 12)
    noise = np.exp(np.random.default_rng(2024).normal(0, 0.02, 12))
    pure = sl.fit_power_law(x, 406.4 * x**-0.34 * noise)
    off = sl.fit_power_law(x, (1.69 + 406.4 * x**-0.34) * noise, offset=True)
    assert off.param_names == ("log_k", "n", "offset")
    assert off.correlation("offset", "n") < -0.5
    assert off.correlation("n", "n") == pytest.approx(1.0)
    width = lambda f: f.n_interval[1] - f.n_interval[0]  # noqa: E731
    assert width(off) > 3 * width(pure)
    with pytest.raises(ScalingLabError, match="'parameter'"):
        off.correlation("offset", "alpha")


def test_prediction_interval_covers_new_points_at_its_level():
    rng = np.random.default_rng(11)
    x = np.logspace(0, 2, 8)
    hits = 0
    for _ in range(400):
        y = 3.0 * x**-0.5 * np.exp(rng.normal(0, 0.05, x.size))
        new = 3.0 * 1e3**-0.5 * np.exp(rng.normal(0, 0.05))
        low, high = sl.fit_power_law(x, y).predict_interval([1e3])
        hits += low[0] <= new <= high[0]
    assert 0.92 <= hits / 400 <= 0.98


def test_prediction_interval_with_offset_contains_the_fit_and_widens_outside():
    x = np.logspace(6, 11, 12)
    y = (1.69 + 406.4 * x**-0.34) * np.exp(np.random.default_rng(1).normal(0, 0.02, 12))
    fit = sl.fit_power_law(x, y, offset=True)
    grid = np.array([1e8, 1e14])
    low, high = fit.predict_interval(grid)
    assert np.all(low < fit.predict(grid)) and np.all(fit.predict(grid) < high)
    low90, high90 = fit.predict_interval(grid, level=0.9)
    assert np.all(low < low90) and np.all(high90 < high)


def test_local_exponent_of_the_fit_is_the_analytic_slope():
    x = np.logspace(6, 11, 12)
    fit = sl.fit_power_law(x, 1.69 + 406.4 * x**-0.34, offset=True)
    grid = np.logspace(5, 13, 9)
    slope, low, high = fit.local_exponent(grid)
    power = 406.4 * grid**-0.34
    assert slope == pytest.approx(-0.34 * power / (1.69 + power), rel=1e-4)
    assert np.all(low <= slope) and np.all(slope <= high)
    pure = sl.fit_power_law(x, 406.4 * x**-0.34 * (1 + 0.01 * np.cos(x)))
    s, lo, hi = pure.local_exponent(grid)
    assert s == pytest.approx(np.full(9, pure.n))
    assert hi - lo == pytest.approx(np.full(9, pure.n_interval[1] - pure.n_interval[0]))


def test_local_exponent_band_matches_a_bootstrap():
    # The delta-method band against a parametric bootstrap of the same fit.
    x = np.logspace(6, 11, 12)
    rng = np.random.default_rng(8)
    truth = 1.69 + 406.4 * x**-0.34
    fit = sl.fit_power_law(x, truth * np.exp(rng.normal(0, 0.02, 12)), offset=True)
    _, low, high = fit.local_exponent([1e9])
    slopes = []
    for _ in range(150):
        y = fit.predict(x) * np.exp(rng.normal(0, fit.rms_log_residual, 12))
        slopes.append(sl.fit_power_law(x, y, offset=True).local_exponent([1e9])[0][0])
    boot = np.percentile(slopes, [2.5, 97.5])
    assert (high[0] - low[0]) == pytest.approx(boot[1] - boot[0], rel=0.5)


def test_local_slope_of_a_pure_law_and_its_interval():
    rng = np.random.default_rng(4)
    x = np.logspace(0, 4, 20)
    hits = 0
    for _ in range(100):
        s = local_slope(x, 2 * x**-0.7 * np.exp(rng.normal(0, 0.03, 20)), window=6)
        hits += np.mean((s.low <= -0.7) & (-0.7 <= s.high))
    assert 0.9 <= hits / 100 <= 0.99
    exact = local_slope(x, 2 * x**-0.7, window=4)
    assert exact.slope == pytest.approx(np.full(17, -0.7))
    assert exact.x == pytest.approx(np.sqrt(x[:-3] * x[3:]))


def test_local_slope_drifts_with_an_offset_like_the_analytic_slope():
    x = np.logspace(6, 12, 25)
    y = 1.69 + 406.4 * x**-0.34
    s = local_slope(x, y, window=3)
    power = 406.4 * s.x**-0.34
    assert s.slope == pytest.approx(-0.34 * power / (1.69 + power), abs=2e-3)
    assert np.all(np.diff(s.slope) > 0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(window=2), "'window' must be >= 3"),
    (dict(level=0.0), "'level' must be > 0"),
])
def test_local_slope_bad_input(kwargs, message):
    with pytest.raises(ScalingLabError, match=message):
        local_slope(np.logspace(0, 2, 6), np.ones(6), **kwargs)


def test_lever_arm_width_is_the_design_formula_and_falls_as_one_over_decades():
    from scipy import stats

    rng = np.random.default_rng(6)
    for decades in (0.5, 2.0):
        x = np.logspace(6, 6 + decades, 12)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScalingLabWarning)
            slopes = [sl.fit_power_law(x, 5 * x**-0.3 * np.exp(rng.normal(0, 0.02, 12))).n
                      for _ in range(400)]
        sd = 0.02 / np.sqrt(np.sum((np.log(x) - np.log(x).mean()) ** 2))
        assert np.std(slopes) == pytest.approx(sd, rel=0.1)  # Monte Carlo against theory
        assert slope_interval_width(x, 0.02) == pytest.approx(
            2 * stats.t.ppf(0.975, 10) * sd, rel=1e-9)
    w = [slope_interval_width(np.logspace(0, d, 12), 0.02) for d in (1, 2, 4)]
    assert w[0] / w[1] == pytest.approx(2) and w[0] / w[2] == pytest.approx(4)
    with pytest.raises(ScalingLabError, match="'noise' must be >= 0"):
        slope_interval_width(np.logspace(0, 1, 5), -1)


def test_log_bins_are_less_biased_than_equal_width_bins_but_still_biased():
    rng = np.random.default_rng(7)
    linear, log = [], []
    for _ in range(100):
        x = (1 - rng.random(1000)) ** (-1 / 1.5)   # alpha = 2.5
        linear.append(histogram_exponent(x, bins=30))
        log.append(histogram_exponent(x, bins=30, binning="log"))
    linear, log = np.array(linear), np.array(log)
    se = log.std() / np.sqrt(log.size)
    assert 2.25 < log.mean() < 2.40 and log.mean() + 4 * se < 2.5
    assert linear.mean() < log.mean()


def test_mle_small_sample_bias_is_m_over_m_minus_one():
    # E[alpha_hat - 1] = (alpha - 1) m / (m - 1) for a pure Pareto sample (Clauset 3.1).
    rng = np.random.default_rng(9)
    m = 10
    est = np.array([pareto_mle((1 - rng.random(m)) ** (-1 / 1.5), 1.0)[0]
                    for _ in range(6000)])
    se = est.std() / np.sqrt(est.size)
    assert est.mean() == pytest.approx(1 + 1.5 * m / (m - 1), abs=4 * se)
    assert est.mean() - 2.5 > 4 * se  # the bias is there at this m


def test_interval_width_property():
    fit = sl.fit_power_law(np.logspace(0, 3, 8), 2 * np.logspace(0, 3, 8) ** -0.5
                           * (1 + 0.01 * np.sin(np.arange(8))))
    assert fit.n_interval_width == pytest.approx(fit.n_interval[1] - fit.n_interval[0])


def test_exact_four_point_fits_pass_through_the_points_and_disagree_beyond():
    from scaling_lab.exercises.power_laws import exact_fits_fixed_beta

    x = np.array([1e6, 1e7, 1e8, 1e9])
    # Points on a curve of the family: one root recovers it.
    y = 1.69 + 406.4 * x**-0.34 + 3.0 / np.log(x) ** 2
    fits = exact_fits_fixed_beta(x, y, 2.0)
    best = min(fits, key=lambda f: abs(f.alpha - 0.34))
    assert best.alpha == pytest.approx(0.34, abs=1e-8)
    assert (best.c, best.a, best.b) == pytest.approx((1.69, 406.4, 3.0), rel=1e-6)
    # Noisy points: every solution is exact on the data, and they spread at 1e12.
    y = (1.69 + 406.4 * x**-0.34) * np.exp(np.random.default_rng(0).normal(0, 0.02, 4))
    all_fits = [f for beta in (0.5, 1, 2, 3, 4) for f in exact_fits_fixed_beta(x, y, beta)]
    assert len(all_fits) >= 5
    for f in all_fits:
        assert f.predict(x) == pytest.approx(y, rel=1e-9)
        assert f.max_relative_residual < 1e-9
    at_1e12 = [f.predict([1e12])[0] for f in all_fits]
    assert max(at_1e12) - min(at_1e12) > 0.5
    with pytest.raises(ScalingLabError, match="four distinct values > 1"):
        exact_fits_fixed_beta(x[:3], y[:3], 1.0)


def test_synthetic_runs_span_the_asked_decades():
    from scaling_lab.exercises.power_laws import synthetic_runs

    N, L = synthetic_runs(seed=1, decades=0.5, points=6)
    assert N.size == 6 and N[-1] / N[0] == pytest.approx(10**0.5)
    N0, L0 = synthetic_runs(seed=1, noise=0.0)
    assert L0 == pytest.approx(406.4 * N0**-0.34)
    assert synthetic_runs()[0].tolist() == np.logspace(6, 11, 12).tolist()
