"""Checks for the exercises of the power-laws chapter.

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("power-laws/doubling", 0.9487))  # doctest: +ELLIPSIS
Correct: ...
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..feedback import check_fit, check_function, check_number
from ..laws import pareto_exponent_for_share, power_law
from . import exercise


@exercise("power-laws/doubling")
def doubling(answer):
    """By what factor does Kaplan's L(N) change when N doubles? (2^-alpha_N)."""
    alpha = published.KAPLAN.alpha_N
    return check_number(answer, 2.0 ** -alpha, rtol=1e-3, name="the factor", mistakes={
        "that is the factor for the loss going *up*: L(2N) / L(N) = 2^(-alpha_N), "
        "a number just below 1": 2.0 ** alpha,
        "that is the relative change 1 - 2^(-alpha_N); the question asks for the "
        "factor L(2N) / L(N)": 1 - 2.0 ** -alpha,
        "that is 10^(-alpha_N), the factor for ten times the parameters": 10.0 ** -alpha,
    })


@exercise("power-laws/eighty-twenty")
def eighty_twenty(answer):
    """The density exponent alpha at which the top 20% hold 80% of the total."""
    right = pareto_exponent_for_share(0.2, 0.8)
    return check_number(answer, right, rtol=2e-3, name="alpha", mistakes={
        "that is the Pareto index alpha - 1 (the exponent of the survival function "
        "P(X > x) ∝ x^-(alpha-1)); the question asks for the density exponent":
            right - 1,
    })


def synthetic_runs(seed: int = 2024, offset: bool = False):
    """The seeded synthetic (not measured) data of the fitting exercises.

    Twelve model sizes from 1e6 to 1e11 parameters; the loss follows
    ``offset + 406.4 N^-0.34`` with 2% multiplicative noise (offset 1.69 when
    ``offset`` is true, else 0). Returns ``(N, L)``.

    >>> N, L = synthetic_runs()
    >>> N.size, bool(np.all(L > 0))
    (12, True)
    """
    rng = np.random.default_rng(seed)
    N = np.logspace(6, 11, 12)
    h = published.HOFFMANN
    clean = power_law(N, k=h.A, n=-h.alpha, offset=h.E if offset else 0.0)
    return N, clean * np.exp(rng.normal(0.0, 0.02, N.size))


@exercise("power-laws/fit-exponent")
def fit_exponent(answer):
    """The exponent n of a pure power law fitted to ``synthetic_runs()``."""
    N, L = synthetic_runs()
    return check_fit(answer, N, L, name="your exponent")


@exercise("power-laws/fit-offset")
def fit_offset(answer):
    """The exponent n of y = c + k N^n fitted to ``synthetic_runs(offset=True)``."""
    N, L = synthetic_runs(offset=True)
    return check_fit(answer, N, L, offset=True, name="your exponent")


@exercise("power-laws/kaplan-function")
def kaplan_function(function):
    """A function L(N) = (N_c / N)^alpha_N with Kaplan's constants (Eq. 1.1)."""
    k = published.KAPLAN
    return check_function(function, lambda N: (k.N_c / N) ** k.alpha_N,
                          np.logspace(6, 12, 7), name="your L(N)")
