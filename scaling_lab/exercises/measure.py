"""Checks for the exercises of the chapter "Measure a scaling law yourself".

Every right answer is computed from the shipped runs (``scaling_lab/data/experiments``)
and :mod:`scaling_lab.experiments`; each check also names the usual mistakes: 6N taken
for the FLOPs of a model whose embedding and output layer do not follow it, the slope's
sign, D = C/(6N) where the counted FLOPs per character belong, and Approach 3's optimum
given for Approach 2's.

Examples
--------
>>> from scaling_lab.exercises import check
>>> bool(check("measure/flops-per-char", flops_per_char_answer()))
True
"""

from __future__ import annotations

import numpy as np

from ..experiments import (
    char_model,
    fit_sparse_parity,
    flops_per_token,
    load_sweep,
    shipped_charlm_fits,
)
from ..feedback import Feedback, check_fit, check_number
from . import exercise

__all__ = ["FLOPS_WIDTH", "NEXT_BUDGET", "sparse_parity_points", "flops_per_char_answer",
           "predicted_loss_answer", "optimal_size_answer"]

#: The hidden width of the FLOP-counting exercise.
FLOPS_WIDTH = 64
#: The budget (FLOPs) of the prediction exercises: half a decade past the last measured.
NEXT_BUDGET = 1e12


def sparse_parity_points():
    """The (N, L) of the shipped sparse-parity runs the chapter's fit uses."""
    meta, tables = load_sweep("sparse-parity")
    runs = tables["runs"]
    keep = runs["n_learned"] < 0.8 * meta["config"]["n_tasks"]
    return runs["n_params"][keep], runs["test_loss"][keep]


def flops_per_char_answer() -> float:
    """Training FLOPs per character of the width-64 character model, batch 256."""
    return float(char_model(FLOPS_WIDTH).flops(256)["per_example"])


def _law_along(budget, flops):
    a3 = shipped_charlm_fits().approach3
    N = np.geomspace(1e3, 1e7, 4000)
    L = a3.predict(N, budget / flops(N))
    i = int(np.argmin(L))
    return float(N[i]), float(L[i])


def predicted_loss_answer() -> float:
    """The lowest loss Approach 3 predicts at :data:`NEXT_BUDGET`, D = C / (FLOPs per
    character)."""
    return _law_along(NEXT_BUDGET, flops_per_token)[1]


def optimal_size_answer() -> float:
    """N_opt at :data:`NEXT_BUDGET` from the Approach 2 fit, G C^a."""
    a2 = shipped_charlm_fits().approach2
    return float(a2.G * NEXT_BUDGET**a2.a)


@exercise("measure/fit-N")
def fit_n(answer) -> Feedback:
    """The slope n of L = k N^n fitted to the shipped sparse-parity runs."""
    N, L = sparse_parity_points()
    feedback = check_fit(answer, N, L, name="your slope")
    if not feedback.correct and isinstance(answer, int | float) and answer > 0:
        fit = fit_sparse_parity(*load_sweep("sparse-parity"))
        if check_fit(-answer, N, L).correct or np.isclose(answer, -fit.N.n, rtol=0.05):
            return Feedback(False, f"Not yet: your slope = {answer:g} has the wrong sign: "
                                   "the loss falls as N grows, so n < 0 (the exponent "
                                   "alpha = -n is positive).")
    return feedback


@exercise("measure/flops-per-char")
def flops_per_char(answer) -> Feedback:
    """Training FLOPs per character of the width-64 model (batch 256)."""
    net = char_model(FLOPS_WIDTH)
    f = net.flops(256)
    return check_number(answer, f["per_example"], rtol=0.01, name="FLOPs per character",
                        units="FLOPs", mistakes={
        "that is 6N, the rule of thumb; the count here differs (the embedding lookup "
        "costs nothing forward, the softmax costs a few FLOPs per character)":
            6 * net.n_params,
        "that is the forward pass only; the backward pass costs about twice as much":
            f["forward"] / 256,
        "that is the FLOPs of the whole batch of 256; the question asks per character":
            f["forward"] + f["backward"],
    })


@exercise("measure/predict-next")
def predict_next(answer) -> Feedback:
    """The lowest held-out loss Approach 3 predicts at 1e12 FLOPs."""
    right = predicted_loss_answer()
    mistakes = {"that is the irreducible loss E of the fit, reached only with infinite N "
                "and D": shipped_charlm_fits().approach3.E}
    six_n = _law_along(NEXT_BUDGET, lambda N: 6 * np.asarray(N))[1]
    if abs(six_n / right - 1) > 0.01:  # near the optimum the two counts may agree
        mistakes["that uses D = C / (6N); these models cost the counted FLOPs per "
                 "character (experiments.flops_per_token), not 6N"] = six_n
    return check_number(answer, right, rtol=0.005, name="the predicted loss",
                        mistakes=mistakes)


@exercise("measure/optimal-size")
def optimal_size(answer) -> Feedback:
    """N_opt at 1e12 FLOPs from the Approach 2 fit."""
    right = optimal_size_answer()
    mistakes = {
        "that is D_opt, the characters, not the parameters":
            shipped_charlm_fits().approach2.H * NEXT_BUDGET ** shipped_charlm_fits(
            ).approach2.b,
    }
    approach3 = _law_along(NEXT_BUDGET, flops_per_token)[0]
    if abs(approach3 / right - 1) > 0.04:  # the two approaches can agree: then no mistake
        mistakes["that is Approach 3's optimum (the minimum of the fitted law); the "
                 "question asks for Approach 2's line through the measured minima"] = approach3
    return check_number(answer, right, rtol=0.02, name="N_opt", units="parameters",
                        mistakes=mistakes)
