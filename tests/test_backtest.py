"""Extrapolation backtests: splits, coverage, any fitter, and bad input."""

import numpy as np
import pytest

from scaling_lab import ScalingLabError
from scaling_lab.backtest import Backtest, backtest, power_law_fitter


def _runs(seed, offset=0.0, noise=0.02, m=12):
    x = np.logspace(6, 11, m)
    rng = np.random.default_rng(seed)
    return x, (offset + 406.4 * x**-0.34) * np.exp(rng.normal(0, noise, m))


def test_every_split_holds_out_exactly_the_larger_scales():
    x, y = _runs(0)
    bt = backtest(x, y, power_law_fitter(), min_train=4)  # 3 runs span < 1 decade
    for k in range(4, 12):
        part = bt.for_train_size(k)
        assert part.run.tolist() == list(range(k, 12))
        assert np.all(part.largest_train_scale == x[k - 1])
        assert np.all(part.extrapolation > 1)
    assert bt.train_size.size == sum(12 - k for k in range(4, 12))


def test_predictions_are_the_fit_on_the_training_runs():
    x, y = _runs(1)
    bt = backtest(x, y, power_law_fitter(), train_sizes=[7])
    from scaling_lab import fit_power_law

    fit = fit_power_law(x[:7], y[:7])
    assert bt.predicted == pytest.approx(fit.predict(x[7:]))
    low, high = fit.predict_interval(x[7:])
    assert bt.low == pytest.approx(low) and bt.high == pytest.approx(high)


def test_right_law_covers_about_95_percent_over_seeds():
    # Pure law with 2% noise: the intervals of the right model should cover new runs at
    # about their level (each seed is an independent data set).
    hits = total = 0
    for seed in range(200):
        x, y = _runs(seed)
        bt = backtest(x, y, power_law_fitter(), train_sizes=[6])
        hits += int(bt.inside[0])
        total += 1
    assert 0.90 <= hits / total <= 0.99


def test_forgotten_offset_fails_its_backtest():
    x, y = _runs(2024, offset=1.69)
    pure = backtest(x, y, power_law_fitter(), train_sizes=[6])
    right = backtest(x, y, power_law_fitter(offset=True), train_sizes=[6])
    assert pure.coverage < 0.5 <= right.coverage
    # The pure law keeps falling, so it under-predicts the held-out losses.
    assert np.all(pure.relative_error > 0)


def test_ties_in_scale_stay_together_and_two_inputs_work():
    N = np.repeat(np.logspace(6, 9, 6), 2)
    D = 20 * N * np.tile([0.5, 2.0], 6)
    C = 6 * N * D
    X = np.column_stack([N, D])
    seen = []

    class Fit:
        def __init__(self, X, y):
            seen.append(len(y))
            self.y = float(np.mean(y))

        def predict(self, X):
            return np.full(len(X), self.y)

        def predict_interval(self, X, level):
            return self.predict(X) - 1.0, self.predict(X) + 1.0

    bt = backtest(X, np.ones(12), Fit, scale=np.round(N), train_sizes=[2, 4])
    assert seen == [4, 8]
    assert bt.coverage == 1.0
    with pytest.raises(ScalingLabError, match="'scale' is needed"):
        backtest(X, np.ones(12), Fit)
    assert backtest(X, np.ones(12), Fit, scale=C, train_sizes=[10]).run.size == 2


def test_summary_counts_and_coverage():
    x, y = _runs(3)
    rows = backtest(x, y, power_law_fitter(), train_sizes=[5, 9]).summary()
    assert [r["k"] for r in rows] == [5, 9]
    assert [r["held_out"] for r in rows] == [7, 3]
    assert all(0 <= r["coverage"] <= 1 for r in rows)
    assert rows[0]["max_extrapolation"] == pytest.approx(x[-1] / x[4])


@pytest.mark.parametrize("kwargs, message", [
    (dict(train_sizes=[12]), "leaves no scale to predict"),
    (dict(train_sizes=[0]), "'train_sizes' must be >= 1"),
    (dict(level=1.5), "'level'"),
    (dict(scale=np.ones(3)), "'scale' must have one value per run"),
])
def test_bad_arguments_name_themselves(kwargs, message):
    x, y = _runs(0)
    with pytest.raises(ScalingLabError, match=message):
        backtest(x, y, power_law_fitter(), **kwargs)


def test_a_fit_without_intervals_is_refused_with_the_fix():
    x, y = _runs(0)

    class Bare:
        def predict(self, x):
            return x

    with pytest.raises(ScalingLabError, match="no predict_interval"):
        backtest(x, y, lambda a, b: Bare())
    with pytest.raises(ScalingLabError, match="'fitter' must be callable"):
        backtest(x, y, "fit")
    with pytest.raises(ScalingLabError, match="same runs"):
        backtest(x, y[:5], power_law_fitter())


def test_result_is_frozen():
    x, y = _runs(0)
    bt = backtest(x, y, power_law_fitter(), train_sizes=[6])
    assert isinstance(bt, Backtest)
    with pytest.raises(AttributeError):
        bt.level = 0.5
