"""Checks for the exercises of the power-laws chapter, and the chapter's synthetic data.

Besides the checks, this module holds what the chapter's demonstrations need and no
other chapter uses: the seeded synthetic runs, and the exact "fits" of the
misconception's four-parameter form (a teaching example of what not to do).

Examples
--------
>>> from scaling_lab.exercises import check
>>> print(check("power-laws/doubling", 0.9487))  # doctest: +ELLIPSIS
Correct: ...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import published
from .._validate import ScalingLabError, as_array, check_same_length
from .._validate import check_number as _check_number
from ..feedback import check_fit, check_function, check_number
from ..laws import pareto_exponent_for_share, power_law
from . import exercise

__all__ = ["synthetic_runs", "ExactFit", "exact_fits_fixed_beta"]


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


def synthetic_runs(seed: int = 2024, offset: bool = False, *, decades: float = 5.0,
                   points: int = 12, noise: float = 0.02):
    """The seeded synthetic (not measured) data of the fitting exercises.

    ``points`` model sizes evenly spaced on a log axis over ``decades`` decades from
    1e6 parameters (by default twelve, from 1e6 to 1e11); the loss follows
    ``offset + 406.4 N^-0.34`` (Hoffmann et al. 2022, Eq. 10's parameter term) with
    multiplicative noise of standard deviation ``noise`` in log space (offset 1.69 when
    ``offset`` is true, else 0). Returns ``(N, L)``.

    >>> N, L = synthetic_runs()
    >>> N.size, bool(np.all(L > 0)), N[-1]
    (12, True, np.float64(100000000000.0))
    >>> synthetic_runs(decades=0.5, points=6)[0].round(-6)[[0, -1]]
    array([1000000., 3000000.])
    """
    decades = _check_number("decades", decades, positive=True)
    points = int(_check_number("points", points, integer=True, low=3))
    noise = _check_number("noise", noise, nonnegative=True)
    rng = np.random.default_rng(seed)
    N = np.logspace(6, 6 + decades, points)
    h = published.HOFFMANN
    clean = power_law(N, k=h.A, n=-h.alpha, offset=h.E if offset else 0.0)
    return N, clean * np.exp(rng.normal(0.0, noise, N.size))


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


@dataclass(frozen=True)
class ExactFit:
    """One exact solution of :func:`exact_fits_fixed_beta`.

    The curve is ``c + a x^-alpha + b (log x)^-beta`` with ``beta`` chosen by hand.
    """

    c: float
    a: float
    alpha: float
    b: float
    beta: float
    max_relative_residual: float

    def predict(self, x) -> np.ndarray:
        """The curve at ``x`` (> 1, so that log x > 0).

        >>> ExactFit(1.0, 2.0, 0.5, 0.0, 1.0, 0.0).predict([4.0, 100.0])
        array([2. , 1.2])
        """
        x = as_array("x", x, positive=True)
        return self.c + self.a * x**-self.alpha + self.b * np.log(x) ** -self.beta


def exact_fits_fixed_beta(x, y, beta: float, *, alpha_range=(0.02, 3.0),
                          grid: int = 600) -> list[ExactFit]:
    r"""Every curve :math:`c + a x^{-\alpha} + b (\log x)^{-\beta}` through four points.

    With :math:`\beta` fixed by hand, four parameters remain for four points, and the
    curve passes through them exactly: the teaching example of a "fit" that says
    nothing. Given :math:`\alpha`, the curve is linear in :math:`c, a, b`, so it passes
    through the four points exactly when the determinant of
    :math:`[1,\ x^{-\alpha},\ (\log x)^{-\beta},\ y]` vanishes; the roots in
    ``alpha_range`` are bracketed on a grid and refined with Brent's method.

    Parameters
    ----------
    x, y : array_like
        Exactly four points, x > 1 and distinct, y finite.
    beta : float
        The exponent of the logarithmic term, fixed by hand, > 0.
    alpha_range : (float, float), default (0.02, 3.0)
        Where to look for the exponent :math:`\alpha`.
    grid : int, default 600
        Grid points used to bracket the roots.

    Returns
    -------
    list of ExactFit
        One per root, in increasing alpha; possibly empty.

    Examples
    --------
    >>> x = np.array([1e6, 1e7, 1e8, 1e9])
    >>> fits = exact_fits_fixed_beta(x, 1.69 + 406.4 * x**-0.34 + 0.2 / np.log(x), 1.0)
    >>> [round(f.alpha, 4) for f in fits][-1], max(f.max_relative_residual for f in fits) < 1e-9
    (0.34, True)
    """
    from scipy.optimize import brentq

    x = as_array("x", x, positive=True)
    y = as_array("y", y)
    check_same_length(x=x, y=y)
    if x.size != 4 or (x <= 1).any() or np.unique(x).size != 4:
        raise ScalingLabError(
            f"'x' must hold four distinct values > 1 (got {x.size} values, smallest "
            f"{x.min():g}); the demonstration is four parameters through four points"
        )
    beta = _check_number("beta", beta, positive=True)
    low, high = (_check_number("alpha_range", v, positive=True) for v in alpha_range)
    grid = int(_check_number("grid", grid, integer=True, low=10))
    x0, u = x.min(), np.log(x)

    def columns(alpha):  # scaled so the determinant stays of order one
        return np.column_stack([np.ones(4), (x / x0) ** -alpha, (u / u.min()) ** -beta])

    def det(alpha):
        return np.linalg.det(np.column_stack([columns(alpha), y]))

    alphas = np.linspace(low, high, grid)
    values = np.array([det(a) for a in alphas])
    fits = []
    for i in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0):
        alpha = brentq(det, alphas[i], alphas[i + 1], xtol=1e-15, rtol=1e-14)
        coef = np.linalg.lstsq(columns(alpha), y, rcond=None)[0]
        c = float(coef[0])
        a = float(coef[1] * x0**alpha)
        b = float(coef[2] * u.min() ** beta)
        fit = ExactFit(c, a, float(alpha), b, beta, 0.0)
        residual = float(np.max(np.abs(fit.predict(x) / y - 1)))
        fits.append(ExactFit(c, a, float(alpha), b, beta, residual))
    return fits
