"""Checks for the exercises of the Chinchilla chapter.

Every right answer is computed from the package (the closed-form allocation, the
fitter); the wrong answers diagnosed are the ones readers make: the other exponent, the
printed instead of the unrounded constants, C instead of C/6, "20 tokens per
parameter", a published value copied instead of a fit.

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("chinchilla/exponent-a", 0.5484))  # doctest: +ELLIPSIS
Not yet: a = 0.5484: that is b = alpha/(alpha+beta), the exponent of D_opt...
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..chinchilla import (
    allocation_coefficient,
    allocation_exponents,
    compute_optimal,
)
from ..chinchilla_fit import fit_chinchilla, start_grid
from ..feedback import Feedback, check_number
from ..isoflop import synthetic_runs
from . import exercise

__all__ = ["exercise_runs", "EXERCISE_DESIGN", "GOPHER_FLOPS"]

#: Gopher's training budget (Rae et al. 2021), the budget of Hoffmann et al.'s Table 3.
GOPHER_FLOPS = published.MODELS["Gopher"].flops


@exercise("chinchilla/exponent-a")
def exponent_a(answer):
    """The allocation exponent a of N_opt ∝ C^a under Eq. 10 as printed.

    >>> bool(check_number(0.4516, allocation_exponents("hoffmann")[0], rtol=1e-3))
    True
    """
    a, b = allocation_exponents("hoffmann")
    return check_number(answer, a, rtol=1e-3, name="a", mistakes={
        "that is b = alpha/(alpha+beta), the exponent of D_opt; N_opt grows with the "
        "*data* exponent, a = beta/(alpha+beta)": b,
        "that is a from the unrounded constants; the question asks for Eq. 10 as "
        "printed (alpha = 0.34, beta = 0.28)":
            allocation_exponents("hoffmann-unrounded")[0],
        "that is Kaplan et al.'s 0.73, from a different law and different runs":
            published.HOFFMANN_TABLE_2[3].a,
        "that is Table 2's rounded 0.46; compute it from alpha and beta to 4 digits":
            published.HOFFMANN_TABLE_2[2].a,
    })


@exercise("chinchilla/n-opt")
def n_opt(answer):
    """N_opt at Gopher's budget, 5.76e23 FLOPs, with the unrounded constants.

    >>> bool(n_opt(compute_optimal(5.76e23, "hoffmann-unrounded").N))
    True
    """
    law = "hoffmann-unrounded"
    right = compute_optimal(GOPHER_FLOPS, law).N
    a, b = allocation_exponents(law)
    G = allocation_coefficient(law)
    return check_number(answer, right, rtol=0.01, name="N_opt", units="parameters",
                        mistakes={
        "that is N_opt with Eq. 10 as printed; the question asks for the unrounded "
        "constants (the rounding alone moves N_opt by a quarter)":
            compute_optimal(GOPHER_FLOPS, "hoffmann").N,
        "that is Epoch's refit, not Hoffmann's unrounded fit":
            compute_optimal(GOPHER_FLOPS, "epoch").N,
        "you used C instead of C/6: N D = C/6 because C = 6ND": G * GOPHER_FLOPS**a,
        "that is D_opt, the tokens, not the parameters": compute_optimal(
            GOPHER_FLOPS, law).D,
        "you used the exponent b instead of a": G * (GOPHER_FLOPS / 6) ** b,
        "that is Table 3's 67B, Approach 1's projection, which Eq. 10 does not give":
            published.HOFFMANN_TABLE_3[3].params,
    })


@exercise("chinchilla/tokens-per-param")
def tokens_per_param(answer):
    """Compute-optimal tokens per parameter at 1e23 FLOPs under Eq. 10 as printed.

    >>> print(tokens_per_param(20))  # doctest: +ELLIPSIS
    Not yet: D/N = 20: that is the rule of thumb...
    """
    right = compute_optimal(1e23, "hoffmann").tokens_per_param
    return check_number(answer, right, rtol=0.02, name="D/N", mistakes={
        "that is the rule of thumb from Approaches 1 and 2 (and Epoch's refit), not "
        "what Eq. 10 as printed gives: compute D_opt / N_opt from the closed form": 20.0,
        "that is Epoch's refit; the question asks for Eq. 10 as printed":
            compute_optimal(1e23, "epoch").tokens_per_param,
        "that is the unrounded constants; the question asks for Eq. 10 as printed":
            compute_optimal(1e23, "hoffmann-unrounded").tokens_per_param,
    })


#: The design of :func:`exercise_runs` (synthetic): budgets from 1e18 to 10^20.5 FLOPs,
#: runs per budget, decades either side of each optimum, log-noise and seed.
EXERCISE_DESIGN = {"budgets": 6, "lowest_flops": 1e18, "highest_flops": 10**20.5,
                   "per_budget": 8, "span": 0.8, "noise": 0.01, "seed": 11}


def exercise_runs():
    """The synthetic (not measured) runs of the fitting exercise: 48 runs on 6 budgets
    from a law the reader does not see, with 1% seeded noise (:data:`EXERCISE_DESIGN`).
    Returns ``(N, D, L)``.

    >>> N, D, L = exercise_runs()
    >>> N.size
    48
    """
    secret = published.ChinchillaParams(E=1.8, A=900.0, B=1200.0, alpha=0.40,
                                        beta=0.30, name="secret", source="synthetic")
    d = EXERCISE_DESIGN
    budgets = np.geomspace(d["lowest_flops"], d["highest_flops"], d["budgets"])
    return synthetic_runs(secret, budgets=budgets, per_budget=d["per_budget"],
                          span=d["span"], noise=d["noise"], seed=d["seed"])


def _reference_fit():
    """Approach 3 on :func:`exercise_runs`, with 200 bootstrap replicates (cached)."""
    if not hasattr(_reference_fit, "cache"):
        _reference_fit.cache = fit_chinchilla(*exercise_runs(), starts=start_grid("small"),
                                              bootstrap=200, seed=0)
    return _reference_fit.cache


@exercise("chinchilla/fit-alpha")
def fit_alpha(answer):
    """The exponent alpha fitted to :func:`exercise_runs`.

    A fitted number has no single right value: any answer inside the 95% bootstrap
    interval of the Approach 3 fit is accepted (plain least squares on log L, or the true
    alpha of the hidden law, lie inside it too), and the feedback says that the value
    depends on the estimator.

    >>> bool(fit_alpha(round(_reference_fit().alpha, 3))), bool(fit_alpha(0.40))
    (True, True)
    >>> print(fit_alpha(0.30))  # doctest: +ELLIPSIS
    Not yet: alpha = 0.3 is too small (off by 28%)... Accepted: any value inside the 95%...
    """
    fit = _reference_fit()
    lo, hi = fit.intervals["alpha"]
    interval = (f"the 95% bootstrap interval of Approach 3 (Huber loss, delta "
                f"{fit.huber_delta:g}) on these runs, {lo:.3f} to {hi:.3f} (its fit: "
                f"{fit.alpha:.3f})")
    is_number = (isinstance(answer, int | float | np.integer | np.floating)
                 and not isinstance(answer, bool) and np.isfinite(answer))
    if is_number and lo <= float(answer) <= hi:
        return Feedback(True, f"Correct: alpha = {float(answer):.4g} lies inside "
                              f"{interval}. The exact value depends on the estimator "
                              "(another loss, start grid or set of runs moves it within "
                              "about that range), so any value in the interval is right.")
    verdict = check_number(answer, fit.alpha, rtol=1e-3, name="alpha", mistakes={
        "that is Hoffmann et al.'s printed alpha: these runs come from another law, so "
        "fit them with fit_chinchilla": published.HOFFMANN.alpha,
        "that is Epoch's alpha: fit the runs instead of copying a published value":
            published.EPOCH.alpha,
        "that is beta, the data exponent; alpha is the parameter exponent": fit.beta,
    })
    if not is_number:
        return verdict
    return Feedback(False, f"{verdict.message.rstrip('.')}. Accepted: any value inside "
                           f"{interval}.")


@exercise("chinchilla/gopher-oversize")
def gopher_oversize(answer) -> Feedback:
    """How many times larger than compute-optimal Gopher (280B) was, under Epoch's law.

    >>> bool(gopher_oversize(280e9 / compute_optimal(5.76e23, "epoch").N))
    True
    """
    gopher = published.MODELS["Gopher"]
    right = gopher.params / compute_optimal(gopher.flops, "epoch").N
    return check_number(answer, right, rtol=0.02, name="the ratio", mistakes={
        "that is the ratio under Eq. 10 as printed; the question asks for Epoch's refit":
            gopher.params / compute_optimal(gopher.flops, "hoffmann").N,
        "that compares with Chinchilla's 70B, which is not exactly the optimum of any "
        "of the fits": gopher.params / published.MODELS["Chinchilla"].params,
    })


@exercise("chinchilla/split-function")
def split_function(function) -> Feedback:
    """A function ``n_opt(C)`` giving the compute-optimal N under Eq. 10 as printed.

    It should implement N_opt = G (C/6)^a with a = beta/(alpha+beta) and
    G = (alpha A / (beta B))^(1/(alpha+beta)) (the chapter's theorem). Using C for
    C/6, or the exponent b for a, is diagnosed.

    >>> from scaling_lab.chinchilla import compute_optimal
    >>> bool(split_function(lambda C: compute_optimal(C).N))
    True
    """
    from ..feedback import check_function

    budgets = np.logspace(18, 26, 9)
    law = published.HOFFMANN
    a, b = allocation_exponents("hoffmann")
    G = allocation_coefficient("hoffmann")

    def reference(C):
        return compute_optimal(C, "hoffmann").N

    verdict = check_function(function, reference, budgets, rtol=1e-6, name="your n_opt")
    if verdict:
        return verdict
    try:
        got = np.asarray(function(budgets), dtype=float)
    except Exception:  # the reader's function failed; check_function said how
        return verdict
    wrong = {
        "you used C where the constraint gives C/6 (C = 6ND, so N D = C/6)":
            G * budgets**a,
        "you used the exponent b = alpha/(alpha+beta), which belongs to D_opt":
            G * (budgets / 6) ** b,
        "you used G with alpha and beta swapped: G = (alpha A / (beta B))^(1/(alpha+beta))":
            (law.beta * law.B / (law.alpha * law.A)) ** (1 / (law.alpha + law.beta))
            * (budgets / 6) ** a,
    }
    for message, values in wrong.items():
        if got.shape == values.shape and np.allclose(got, values, rtol=1e-6):
            return Feedback(False, f"Not yet: {message}.")
    return verdict
