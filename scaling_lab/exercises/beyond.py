"""Checks for the exercises of the chapter "Beyond Chinchilla".

Every right answer is computed here from the package and the shipped data; each check
names the wrong answers readers are likely to give. The helpers are the chapter's own
computations, so the chapter and the checks cannot disagree.

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("beyond/epoch-value", 0.0))  # doctest: +ELLIPSIS
Not yet: ...
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import published
from ..beyond import inference_optimal, sigmoid_width
from ..beyond_fit import fit_overtraining_law
from ..chinchilla import compute_optimal
from ..datasets import load
from ..feedback import check_number
from ..kaplan import critical_batch_size
from ..limits import effective_data
from . import exercise

__all__ = ["gadre_protocol_fit", "epoch_value", "INFERENCE_BUDGET", "INFERENCE_DEMAND",
           "EPOCH", "BATCH_LOSS", "SLOPE"]


@cache
def gadre_protocol_fit(training_set: str = "rpj"):
    """Gadre et al.'s loss law fitted as their notebook does (published.GADRE_2024_DOWNSTREAM).

    Returns the fit and the table rows of the training set (N, D, L, M, model).

    >>> fit, rows = gadre_protocol_fit()
    >>> fit.n_points, round(fit.law.b, 2)
    (5, 366.69)
    """
    t = load("gadre2024-models")
    r = t.where(t["dataset"] == training_set)
    M = r["tokens_per_param_nominal"]
    spec = published.GADRE_2024_DOWNSTREAM["loss_fit"]
    small = r["params"] < 1e9
    extra_name, extra_M = spec["extra"]
    chosen = (small & (M == spec["tokens_per_param"])) | (
        (r["model_name"] == extra_name) & (M == extra_M))
    fit = fit_overtraining_law(r["params"][chosen], r["tokens"][chosen],
                               r["loss_c4_val"][chosen])
    rows = {"N": r["params"], "D": r["tokens"], "L": r["loss_c4_val"], "M": M,
            "model": r["model_name"], "err": r["err_avg_subset"], "fitted": chosen}
    return fit, rows


@exercise("beyond/optimal-multiplier")
def optimal_multiplier(answer):
    """Tokens per parameter of least loss at fixed compute under the fitted Gadre law."""
    law = gadre_protocol_fit()[0].law
    right = law.optimal_multiplier()
    return check_number(answer, right, rtol=0.02, name="M*", mistakes={
        "that is (b/a)^(1/eta): the derivative of a M^eta + b M^-eta vanishes at "
        "M^(2 eta) = b/a": (law.b / law.a) ** (1 / law.eta),
        "that is (a/b)^(1/(2 eta)): a multiplies M^eta, so a larger a favours a smaller M":
            (law.a / law.b) ** (1 / (2 * law.eta)),
        "that is 20, Hoffmann et al.'s rule of thumb, not this law's optimum": 20.0,
    })


#: The exercise's target: the loss of the compute-optimal model of this budget (FLOPs)...
INFERENCE_BUDGET = 1e24
#: ... served this many tokens over its lifetime.
INFERENCE_DEMAND = 1e14


@exercise("beyond/inference-ratio")
def inference_ratio(answer):
    """Tokens per parameter of the cheapest model over its lifetime (Hoffmann's law)."""
    ell = compute_optimal(INFERENCE_BUDGET).loss
    opt = inference_optimal(ell, INFERENCE_DEMAND)
    right = opt.tokens_per_param
    return check_number(answer, right, rtol=0.02, name="D/N", mistakes={
        "that is the compute-optimal ratio: with no inference counted the optimum is "
        "Chinchilla's": opt.chinchilla_tokens_per_param,
        "that is the ratio with the inference tokens counted as training tokens; "
        "inference costs 2N per token, training 6N":
            inference_optimal(ell, 3 * INFERENCE_DEMAND).tokens_per_param,
    })


#: The epoch whose worth the exercise asks for.
EPOCH = 10


def epoch_value(epoch: int, r_star: float = published.MUENNIGHOFF.R_D_star) -> float:
    """What the ``epoch``-th pass over U unique tokens adds, in fresh tokens per token.

    D'(k) - D'(k - 1) over U, with D' Muennighoff et al.'s effective data
    (:func:`scaling_lab.limits.effective_data`).

    >>> round(epoch_value(1), 3), round(epoch_value(2), 3)
    (1.0, 0.968)
    """
    if epoch == 1:
        return 1.0
    gained = effective_data(1.0, [epoch - 1, epoch], r_star=r_star)
    return float(gained[1] - gained[0])


@exercise("beyond/epoch-value")
def epoch_value_check(answer):
    """What the tenth epoch is worth, relative to a pass over fresh data."""
    right = epoch_value(EPOCH)
    average = float(effective_data(1.0, EPOCH)[0]) / EPOCH
    return check_number(answer, right, rtol=0.02, name="the tenth epoch's worth",
                        mistakes={
        "that is the average worth of all ten epochs, D'/(10 U); the question asks what "
        "the tenth pass adds, D'(10) - D'(9)": average,
        "that counts 10 repetitions; ten epochs are nine repetitions of the first":
            epoch_value(EPOCH + 1),
    })


#: The loss at which the batch-size exercise reads Kaplan's law (nats).
BATCH_LOSS = 2.5


@exercise("beyond/critical-batch")
def critical_batch(answer):
    """Kaplan et al.'s critical batch size, in tokens, at BATCH_LOSS nats."""
    right = float(critical_batch_size(BATCH_LOSS)[0])
    k = published.KAPLAN
    return check_number(answer, right, rtol=0.02, name="B_crit", units="tokens", mistakes={
        "that uses L^(-alpha_B); Eq. 1.4 divides by L^(1/alpha_B)":
            k.B_star * BATCH_LOSS ** -k.alpha_B,
        "that is in sequences of 2048 tokens; the law gives tokens": right / 2048,
    })


#: The slope (per decade of compute) of the sigmoid exercise.
SLOPE = 1.5


@exercise("beyond/sigmoid-width")
def sigmoid_width_check(answer):
    """Decades of compute from 10% to 90% of a logistic rise with slope SLOPE."""
    right = sigmoid_width(SLOPE)
    return check_number(answer, right, rtol=0.02, name="the width", mistakes={
        "that is ln 9 / s, from 10% to 50%; 10% to 90% is twice that": right / 2,
        "that uses log10 of 81; the logistic is in natural logarithms":
            2 * np.log10(9) / SLOPE,
    })
