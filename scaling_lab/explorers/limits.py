"""Explorers of the chapter "Where the straight line ends".

Both explorers draw precomputed results: the double-descent curves are simulated once
per number of samples (the noise level enters the test error as a quadratic, so every
noise slider value is free), and the emergence curves are closed-form.

Examples
--------
>>> ex = emergence_explorer()
>>> [s.name for s in ex.sliders]
['k', 'alpha']
>>> ex.frame(k=1, alpha=0.5).note.startswith("exact match over 1 token")
True
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import published
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..limits import (
    TASK_LOSS,
    emergence_threshold,
    exact_match,
    random_features_curve,
    task_loss,
    transition_width,
)

__all__ = ["double_descent_explorer", "emergence_explorer"]

# -- double descent ---------------------------------------------------------------------

_SAMPLES = (10, 20, 30, 40)
_NOISE = (0.0, 0.1, 0.2, 0.5, 1.0)
_FEATURES = np.unique(np.concatenate([
    np.round(np.logspace(0, np.log10(640), 32)), np.array(_SAMPLES, dtype=float)
])).astype(int)
_DD_YLIM = (0.1, 1000.0)  # headroom above the highest peak


@cache
def double_descent_run(n_samples: int):
    """The simulation behind the explorer, cached per number of samples.

    >>> int(double_descent_run(10).n_features[-1])
    640
    """
    return random_features_curve(int(n_samples), _FEATURES, repeats=6, n_test=400,
                                 seed=2019)


def _double_descent_frame(n_samples: float, noise: float) -> Frame:
    run = double_descent_run(int(n_samples))
    plain, tuned = run.test_error(noise), run.tuned_error(noise)
    at = int(np.flatnonzero(run.n_features == int(n_samples))[0])
    return Frame(
        {
            "minnorm": (run.n_features, plain),
            "tuned": (run.n_features, tuned),
            "threshold": (np.array([n_samples, n_samples]), np.array(_DD_YLIM)),
        },
        note=(f"D = {int(n_samples)} samples, noise σ = {noise:g}: at N = D the "
              f"min-norm fit's test error is {plain[at]:.3g}, the tuned ridge fit's "
              f"{tuned[at]:.3g}; at N = {run.n_features[-1]} they are "
              f"{plain[-1]:.3g} and {tuned[-1]:.3g}"),
    )


@register("limits/double-descent")
def double_descent_explorer() -> Explorer:
    """Random-features regression: test error against model size, over samples and noise.

    Move the samples D: the peak follows N = D (N random features). Move the noise: the
    peak grows, while the tuned (ridge) curve stays smooth.
    """
    return Explorer(
        name="limits/double-descent",
        title="Double descent: test error against the number of random features",
        alt=("Log-log plot of test error against the number of random features N from "
             "1 to 640. The min-norm least-squares curve falls, rises to a spike at N "
             "equal to the number of samples D (marked by a dotted vertical line), and "
             "falls again; the tuned ridge curve falls smoothly with no spike."),
        function=_double_descent_frame,
        sliders=[
            Slider("n_samples", "training samples D", _SAMPLES, default=40),
            Slider("noise", "label noise σ", _NOISE, default=0.2),
        ],
        panels=[Panel(xlabel="random features N (model size)",
                      ylabel="test error (mean squared)", xlim=(1, 640),
                      ylim=_DD_YLIM)],
        lines=[
            LineSpec("minnorm", "min-norm least squares", color="blue"),
            LineSpec("tuned", "ridge, penalty tuned", color="orange", style="--"),
            LineSpec("threshold", "$N = D$", color="grey", style=":", width=1.5),
        ],
    )


# -- emergence --------------------------------------------------------------------------

_N = np.logspace(6, 14, 65)
_MODELS = np.logspace(6, 14, 9)  # one "measured" model per decade
_KS = (1, 2, 4, 8, 16, 32, 64)
# Exponents from 0.05 to 1 in steps of 0.05 below 0.5 and 0.1 above, plus the published
# values the chapter discusses (Kaplan's alpha_N, Hoffmann's alpha and beta) and the
# task's own exponent.
_ALPHAS = tuple(sorted({
    *np.round(np.arange(0.05, 0.5, 0.05), 2).tolist(),
    *np.round(np.arange(0.5, 1.01, 0.1), 2).tolist(),
    published.KAPLAN.alpha_N, published.HOFFMANN.alpha, published.HOFFMANN.beta,
    TASK_LOSS["alpha"],
}))


def _crosses(x: np.ndarray, y: np.ndarray, size: float = 0.03) -> tuple:
    """Small '+' marks at (x, y) as one broken line (log x axis, linear y axis).

    Drawn as line segments rather than as points: zero-length SVG segments with round
    caps vanish under the stylesheet matplotlib writes into its SVG files.

    >>> xs, ys = _crosses(np.array([10.0]), np.array([0.5]))
    >>> len(xs), int(np.isnan(ys).sum())
    (6, 2)
    """
    factor = 10 ** (size * 8)  # the same visual length on an 8-decade axis
    xs, ys = [], []
    for xi, yi in zip(x, y, strict=True):
        xs += [xi / factor, xi * factor, np.nan, xi, xi, np.nan]
        ys += [yi, yi, np.nan, yi - size, yi + size, np.nan]
    return np.array(xs), np.array(ys)


def _emergence_frame(k: float, alpha: float) -> Frame:
    k = int(k)
    loss = task_loss(_N, N_c=TASK_LOSS["N_c"], alpha=alpha)
    threshold = emergence_threshold(k, N_c=TASK_LOSS["N_c"], alpha=alpha)
    tokens = "token" if k == 1 else "tokens"
    return Frame(
        {
            "loss": (_N, loss),
            "kloss": (_N, k * loss),
            "exact": (_N, exact_match(loss, k)),
            "token": (_N, np.exp(-loss)),
            "models": _crosses(_MODELS, exact_match(task_loss(_MODELS, alpha=alpha), k)),
        },
        note=(f"exact match over {k} {tokens} reaches 50% at N ≈ {threshold:.2g} "
              f"parameters and climbs from 10% to 90% over "
              f"{transition_width(alpha):.2g} decades of N, whatever k"),
    )


@register("limits/emergence")
def emergence_explorer() -> Explorer:
    """A smooth per-token loss scored by exact match over k tokens.

    Move k: the exact-match curve slides to larger models but keeps its shape; with one
    model per decade it looks like a sudden jump. Move alpha: the climb narrows as alpha
    grows; at the exponents measured for the loss on text (0.076, 0.34) it spans many
    decades.
    """
    return Explorer(
        name="limits/emergence",
        title="Emergence from a metric: exact match over k tokens of a smooth loss",
        alt=("Two panels. Left, log-log: the per-token loss L falls as a straight line "
             "with model size N, and k times L is a parallel straight line. Right, "
             "score against N on a log axis: the per-token accuracy rises early, while "
             "exact match over k tokens stays near zero until the per-token accuracy is "
             "close to 1, then climbs; plus signs mark one model per decade."),
        function=_emergence_frame,
        sliders=[
            Slider("k", "answer length k (tokens)", _KS, default=16),
            Slider("alpha", "loss exponent α", _ALPHAS, default=0.5),
        ],
        panels=[
            Panel(xlabel="parameters N", ylabel="loss (nats)", xlim=(1e6, 1e14),
                  ylim=(1e-4, 1e3), title="smooth: per-token loss"),
            Panel(xlabel="parameters N", ylabel="score", xlim=(1e6, 1e14),
                  ylim=(0.0, 1.0), yscale="linear", title="the same models, scored"),
        ],
        lines=[
            LineSpec("loss", "per-token loss $L$", panel=0, color="orange"),
            LineSpec("kloss", r"$kL = -\ln$(exact match)", panel=0, color="blue",
                     style="--"),
            LineSpec("token", "per-token accuracy $e^{-L}$", panel=1, color="orange"),
            LineSpec("exact", "exact match $e^{-kL}$", panel=1, color="blue"),
            LineSpec("models", "one model per decade (+)", panel=1,
                     color="vermillion", width=2.5),
        ],
        height=3.6,
    )
