"""Fitting: recovery of known laws, intervals, the teaching MLE against powerlaw."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scaling_lab as sl
from scaling_lab import ScalingLabError, ScalingLabWarning
from scaling_lab.fit import histogram_exponent, pareto_mle


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
