"""Checks for the exercises of the Kaplan et al. 2020 chapter.

Each right answer is computed here from :mod:`scaling_lab.kaplan` and
:mod:`scaling_lab.published`; each check names the wrong answers readers are likely to
give (a product or sum instead of Eq. 1.5, FLOPs instead of PF-days, Chinchilla's 20
tokens per parameter instead of Eq. 4.4, the paper's rounded Eq. 6.8).

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("kaplan/doubling-data", 2 ** -0.095))  # doctest: +ELLIPSIS
Correct: ...
>>> print(check("kaplan/joint-loss", 5.375))  # doctest: +ELLIPSIS
Not yet: L(N, D) = 5.375: that is the product L(N)·L(D)...
"""

from __future__ import annotations

from .. import kaplan, published
from ..feedback import check_number
from . import exercise

#: The model of the joint-loss exercise: non-embedding parameters and tokens.
JOINT_N, JOINT_D = 1e9, 1e10
#: The run of the compute exercise: parameters and tokens.
COMPUTE_N, COMPUTE_D = 1e10, 2e11
#: The model size of the overfitting exercise (non-embedding parameters).
OVERFIT_N = 1e11


@exercise("kaplan/compute-pf-days")
def compute_pf_days(answer):
    """Training compute C = 6ND in PF-days for N = 1e10 parameters and D = 2e11 tokens."""
    flops = float(kaplan.training_flops(COMPUTE_N, COMPUTE_D)[0])
    right = flops / published.PF_DAY
    return check_number(answer, right, rtol=0.02, name="C", units="PF-days", mistakes={
        "that is C in FLOPs; divide by one PF-day, 8.64e19 FLOPs": flops,
        "that uses 2ND, the forward pass alone; training (forward and backward) "
        "costs about 6 FLOPs per parameter per token": right / 3,
        "that is N·D in PF-days: the 6 FLOPs per parameter per token are missing":
            right / 6,
        "one PF-day is 1e15 FLOP/s for a whole day, 8.64e19 FLOPs, not 1e15 FLOPs":
            flops / 1e15,
    })


@exercise("kaplan/doubling-data")
def doubling_data(answer):
    """The factor L(2D) / L(D) of Eq. 1.2, that is 2^-alpha_D."""
    alpha_D = published.KAPLAN.alpha_D
    right = 2.0 ** -alpha_D
    return check_number(answer, right, rtol=1e-3, name="the factor", mistakes={
        "that is 2^(+alpha_D), the factor for halving the data: the loss falls, so the "
        "factor is just below 1": 2.0 ** alpha_D,
        "that uses alpha_N = 0.076, the parameter exponent; doubling the data uses "
        "alpha_D": 2.0 ** -published.KAPLAN.alpha_N,
        "that is the relative drop 1 - 2^(-alpha_D); the question asks for the factor "
        "L(2D) / L(D)": 1 - right,
    })


@exercise("kaplan/joint-loss")
def joint_loss(answer):
    """L(N, D) by Eq. 1.5 for N = 1e9 non-embedding parameters and D = 1e10 tokens."""
    N, D = JOINT_N, JOINT_D
    right = float(kaplan.loss_ND(N, D)[0])
    return check_number(answer, right, rtol=0.005, name="L(N, D)", mistakes={
        "that is the product L(N)·L(D), a common misreading; Eq. 1.5 adds the two "
        "terms inside a bracket raised to alpha_D":
            float(kaplan.loss_product_form(N, D)[0]),
        "that is the sum L(N) + L(D), a common misreading; Eq. 1.5 adds "
        "(N_c/N)^(alpha_N/alpha_D) and D_c/D inside the bracket, then raises the sum "
        "to alpha_D": float(kaplan.loss_sum_form(N, D)[0]),
        "that is L(N) alone (Eq. 1.1): with 1e10 tokens the data term is not "
        "negligible": float(kaplan.loss_N(N)[0]),
        "that is L(D) alone (Eq. 1.2), which is also what you get by raising the "
        "parameter term to alpha_N instead of alpha_N / alpha_D inside the bracket; "
        "the parameter term is not negligible": float(kaplan.loss_D(D)[0]),
    })


@exercise("kaplan/overfit-tokens")
def overfit_tokens(answer):
    """Tokens Eq. 4.4 asks for at N = 1e11 non-embedding parameters."""
    N = OVERFIT_N
    k = published.KAPLAN
    right = float(kaplan.tokens_to_avoid_overfitting(N)[0])
    return check_number(answer, right, rtol=0.02, name="D", units="tokens", mistakes={
        "that is 20 tokens per parameter, the Chinchilla rule of thumb (Hoffmann et al. "
        "2022) for compute-optimal training; Eq. 4.4 is a different question: how "
        "much data keeps overfitting small": 20 * N,
        "that is 5e3 · N: the exponent 0.74 applies to N": k.overfit_coefficient * N,
        "that is N^0.74 alone: multiply by 5e3": N ** k.overfit_exponent,
    })


@exercise("kaplan/crossing")
def crossing(answer):
    """C* in PF-days where L(D(C_min)) with Eq. 6.7 as printed meets L(C_min)."""
    k = published.KAPLAN
    right = kaplan.crossing_point().C_min
    table6 = kaplan.crossing_point(D_coefficient=k.D_e, D_exponent=k.D_exponent).C_min
    return check_number(answer, right, rtol=0.02, name="C*", units="PF-days", mistakes={
        "that is the paper's rounded estimate (Eq. 6.8); compute the crossing from "
        "Eq. 1.2, 1.3 and 6.7": k.crossing_C_pf_days,
        "that uses Table 6's D = 2e10 C^0.27; the exercise asks for Eq. 6.7's "
        "4e10 C^0.26": table6,
        "that is C* in FLOPs; the question asks for PF-days": right * published.PF_DAY,
    })
