"""Checks for the exercises of the quantization-model chapter.

Each right answer is computed from :mod:`scaling_lab.quanta` and
:mod:`scaling_lab.published`; each check also names the mistakes readers make most
with this model: the Zipf exponent gamma + 1 taken for gamma, the parameter exponent
used where the data exponent belongs, and a fit that forgets the floor l1.

Examples
--------
>>> from scaling_lab.exercises import check
>>> bool(check("quantization/kaplan-gamma", 0.076))
True
>>> print(check("quantization/kaplan-gamma", 1.076))  # doctest: +ELLIPSIS
Not yet: gamma = 1.076: that is gamma + 1, the exponent of the frequencies...
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..feedback import Feedback, check_fit, check_number
from ..fit import fit_power_law
from ..quanta import (
    QuantaSimulation,
    gamma_from_data_exponent,
    predicted_exponents,
    simulate_quanta,
    unlearned_mass,
)
from . import exercise

__all__ = ["exercise_simulation", "TAIL_GAMMA", "TAIL_RANK", "TENFOLD_GAMMA"]

#: The quanta exponent and rank of the tail-mass exercise.
TAIL_GAMMA, TAIL_RANK = 0.5, 1000
#: The quanta exponent of the tenfold-data exercise.
TENFOLD_GAMMA = 0.5


@exercise("quantization/kaplan-gamma")
def kaplan_gamma(answer) -> Feedback:
    """The quanta exponent gamma that Kaplan's alpha_N implies (gamma = alpha_N)."""
    alpha_n = published.KAPLAN.alpha_N
    return check_number(answer, alpha_n, rtol=0.01, name="gamma", mistakes={
        "that is gamma + 1, the exponent of the frequencies p_k ∝ k^-(gamma+1); the loss "
        "exponent in N is gamma itself": alpha_n + 1,
        "that is gamma / (gamma + 1), the data exponent the model predicts; the "
        "parameter exponent is gamma": alpha_n / (alpha_n + 1),
        "that treats alpha_N as a data exponent, x / (1 - x); alpha_N is the parameter "
        "exponent, which equals gamma": gamma_from_data_exponent(alpha_n),
    })


@exercise("quantization/kaplan-data")
def kaplan_data(answer) -> Feedback:
    """The data exponent the model predicts from Kaplan's alpha_N: gamma / (gamma + 1)."""
    gamma = published.KAPLAN.alpha_N
    right = predicted_exponents(gamma).data
    return check_number(answer, right, rtol=0.01, name="the data exponent", mistakes={
        "that is the parameter exponent gamma; the data exponent carries the extra "
        "factor 1 / (gamma + 1)": gamma,
        "that is Kaplan's measured alpha_D; the question asks what the model "
        "predicts from alpha_N": published.KAPLAN.alpha_D,
        "that is (gamma + 1) / gamma, the reciprocal of the data exponent":
            (gamma + 1) / gamma,
        "that is 1 / (gamma + 1), the exponent of n(D) ∝ D^(1/(gamma+1)); the loss "
        "adds the factor gamma": 1 / (gamma + 1),
        "that uses gamma + 1 = 1.076 where gamma belongs: (gamma+1) / (gamma+2)":
            (gamma + 1) / (gamma + 2),
    })


@exercise("quantization/tenfold-data")
def tenfold_data(answer) -> Feedback:
    """The factor (L - l1)(10 D) / (L - l1)(D) for gamma = TENFOLD_GAMMA."""
    gamma = TENFOLD_GAMMA
    x = predicted_exponents(gamma).data
    return check_number(answer, 10.0 ** -x, rtol=0.01, name="the factor", mistakes={
        "that is 10^(-gamma), the factor for ten times the parameters; data has the "
        "exponent gamma / (gamma + 1)": 10.0 ** -gamma,
        "that is 10^(-1/(gamma+1)), the factor by which p_n falls; the loss falls as "
        "n^-gamma with n ∝ D^(1/(gamma+1))": 10.0 ** (-1 / (gamma + 1)),
        "that is the relative drop 1 - factor; the question asks for the factor":
            1 - 10.0 ** -x,
        "that is the factor by which the number of quanta learned grows, "
        "10^(1/(gamma+1))": 10.0 ** (1 / (gamma + 1)),
    })


@exercise("quantization/tail-mass")
def tail_mass(answer) -> Feedback:
    """The fraction of samples whose quantum is past rank TAIL_RANK (gamma TAIL_GAMMA)."""
    gamma, n = TAIL_GAMMA, TAIL_RANK
    right = float(unlearned_mass(n, gamma)[0])
    return check_number(answer, right, rtol=0.01, name="the tail mass", mistakes={
        "that is the mass of the first n quanta, 1 - sum_{k>n} p_k; the question asks "
        "for the tail": 1 - right,
        "that is n^-gamma without the factor 1 / (gamma zeta(gamma + 1))": n**-gamma,
        "that is n^-gamma / gamma: the normalisation zeta(gamma + 1) is missing":
            n**-gamma / gamma,
        "that is p_n, the frequency of quantum n alone, not the sum of all later ones":
            n ** -(gamma + 1) / _zeta(gamma + 1),
    })


def _zeta(s: float) -> float:
    from scipy.special import zeta

    return float(zeta(s))


def exercise_simulation() -> QuantaSimulation:
    """The seeded simulation of the fitting exercise: the data law at gamma = 0.6.

    Twelve runs from D = 1e4 to 1e8 samples, tau = 10, l1 = 1.5 and l0 = 4 nats.

    >>> sim = exercise_simulation()
    >>> sim.scale.size, sim.L_learned
    (12, 1.5)
    """
    return simulate_quanta(0.6, np.logspace(4, 8, 12), resource="data", tau=10,
                           L_learned=1.5, L_unlearned=4.0, seed=7)


@exercise("quantization/fit-data")
def fit_data(answer) -> Feedback:
    """The slope of L - l1 against D, fitted to the simulated runs of
    :func:`exercise_simulation`."""
    sim = exercise_simulation()
    reducible = sim.loss - sim.L_learned
    feedback = check_fit(answer, sim.scale, reducible, name="your exponent")
    if feedback.correct or isinstance(answer, bool) or not isinstance(
            answer, int | float | np.integer | np.floating):
        return feedback
    value = float(answer)
    low, high = fit_power_law(sim.scale, reducible).n_interval
    if low <= -value <= high:
        return Feedback(False, f"Not yet: your exponent = {value:.4g} has the wrong sign: "
                               "the loss falls as D grows, so the slope is negative.")
    if abs(value + sim.gamma) <= 0.02:
        return Feedback(False, f"Not yet: your exponent = {value:.4g} is -gamma, the "
                               "parameter exponent; against D the model predicts "
                               "-gamma / (gamma + 1). Fit the simulated points.")
    pure = fit_power_law(sim.scale, sim.loss).n
    if abs(value - pure) <= max(0.1 * abs(pure), 0.005):
        return Feedback(False, f"Not yet: your exponent = {value:.4g} is the slope of L "
                               "itself; subtract the floor l1 = sim.L_learned first: the "
                               "power law is in L - l1.")
    return feedback
