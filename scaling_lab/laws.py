"""Functional forms: the power law and its relatives, as pure vectorised functions.

Design: every law is a plain function of arrays and named constants, so the same code
draws a figure, answers the command line, and is checked by the tests. Arguments are
validated once at the boundary; inside, the functions work in log space where that is
the stable thing to do (a power law is a straight line there, and products of huge and
tiny numbers do not overflow).

Examples
--------
>>> from scaling_lab.laws import power_law, log_log_line
>>> power_law([1, 10, 100], k=2.0, n=-0.5).round(4)
array([2.    , 0.6325, 0.2   ])
>>> log_log_line(k=2.0, n=-0.5)
(0.6931471805599453, -0.5)
"""

from __future__ import annotations

import numpy as np

from ._validate import (
    ScalingLabError,
    as_array,
    broadcast,
    check_number,
    check_same_length,
)

__all__ = [
    "power_law",
    "log_log_line",
    "growth_regime",
    "local_exponent",
    "top_share",
    "pareto_exponent_for_share",
    "chinchilla_loss",
]


def power_law(x, k: float, n: float, offset: float = 0.0) -> np.ndarray:
    r"""Evaluate y = offset + k x^n.

    Parameters
    ----------
    x : array_like
        Positive values of the variable (parameters, tokens, FLOPs, ranks...).
    k : float
        Coefficient, the value of ``y - offset`` at x = 1. Must be > 0.
    n : float
        Exponent: the slope of the line on log-log axes. Negative for a loss that
        falls with scale.
    offset : float, default 0
        Irreducible part added to the power law (Chinchilla's E, for example).

    Returns
    -------
    numpy.ndarray
        ``offset + k * x**n``, one value per entry of ``x``.

    Raises
    ------
    ScalingLabError
        If ``x`` has a non-positive or non-finite entry, or ``k`` is not > 0.

    See Also
    --------
    log_log_line : the intercept and slope of the same law on log-log axes.
    scaling_lab.fit.fit_power_law : recover ``k``, ``n`` and ``offset`` from data.

    Notes
    -----
    Taking logarithms of :math:`y = k x^n` gives :math:`\log y = \log k + n \log x`,
    a straight line in :math:`\log x` with slope :math:`n`. With an offset the line
    only holds for ``y - offset``.

    Examples
    --------
    >>> power_law([1e9, 1e10], k=406.4, n=-0.34, offset=1.69).round(3)
    array([2.044, 1.852])
    """
    x = as_array("x", x, positive=True)
    k = check_number("k", k, positive=True)
    n = check_number("n", n)
    offset = check_number("offset", offset)
    return offset + np.exp(np.log(k) + n * np.log(x))


def log_log_line(k: float, n: float) -> tuple[float, float]:
    """Return (intercept, slope) of y = k x^n on natural-log axes.

    Parameters
    ----------
    k : float
        Coefficient, > 0.
    n : float
        Exponent.

    Returns
    -------
    tuple of float
        ``(log(k), n)``: the line ``log y = log k + n log x``.

    Examples
    --------
    >>> log_log_line(1.0, 2.0)
    (0.0, 2.0)
    """
    k = check_number("k", k, positive=True)
    n = check_number("n", n)
    return float(np.log(k)), n


def growth_regime(n: float, *, tol: float = 1e-9) -> str:
    """Name how y = k x^n grows with x: sub-linear, linear or super-linear.

    A negative exponent is a decay (a loss that falls as x grows).

    Parameters
    ----------
    n : float
        The exponent.
    tol : float, default 1e-9
        How close to 1 (or 0) counts as exactly linear (or constant); in [0, 0.5).

    Returns
    -------
    {'decaying', 'constant', 'sub-linear', 'linear', 'super-linear'}

    Examples
    --------
    >>> [growth_regime(n) for n in (-0.076, 0, 0.5, 1, 2)]
    ['decaying', 'constant', 'sub-linear', 'linear', 'super-linear']
    """
    n = check_number("n", n)
    tol = check_number("tol", tol, nonnegative=True)
    if tol >= 0.5:
        raise ScalingLabError(f"'tol' must be < 0.5 (got {tol:g}): wider, 'constant' "
                              "and 'linear' would overlap")
    if abs(n) <= tol:
        return "constant"
    if n < 0:
        return "decaying"
    if abs(n - 1) <= tol:
        return "linear"
    return "sub-linear" if n < 1 else "super-linear"


def local_exponent(x, y) -> np.ndarray:
    """The local slope d log y / d log x, by central differences on log axes.

    For a pure power law it is the exponent everywhere; where an offset or a bend
    matters it drifts, which is how a reader sees where a straight line ends.

    Parameters
    ----------
    x, y : array_like
        Positive samples of a curve, x strictly increasing, at least 3 points.

    Returns
    -------
    numpy.ndarray
        One slope per point (one-sided at the ends).

    Examples
    --------
    >>> x = np.logspace(0, 4, 5)
    >>> local_exponent(x, 3 * x**-0.5).round(6)
    array([-0.5, -0.5, -0.5, -0.5, -0.5])
    """
    x = as_array("x", x, positive=True, min_size=3)
    y = as_array("y", y, positive=True, min_size=3)
    check_same_length(x=x, y=y)
    steps = np.diff(x)
    if (steps <= 0).any():
        i = int(np.flatnonzero(steps <= 0)[0]) + 1
        raise ScalingLabError(
            f"'x' must increase strictly: entry {i} is {x[i]:g}, after {x[i - 1]:g}; sort "
            "the points by x (y with them) and merge repeated x first"
        )
    return np.gradient(np.log(y), np.log(x))


def top_share(fraction, alpha: float) -> np.ndarray:
    r"""Share of the total held by the top ``fraction`` of a Pareto population.

    For a continuous Pareto distribution with density :math:`p(x) \propto x^{-\alpha}`
    (:math:`\alpha > 2`, so the mean exists) the top fraction :math:`f` holds
    :math:`f^{(\alpha-2)/(\alpha-1)}` of the total. The 80/20 rule is
    ``top_share(0.2, alpha) == 0.8``.

    Parameters
    ----------
    fraction : array_like
        Fractions of the population, each in (0, 1].
    alpha : float
        Density exponent, > 2.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> top_share([0.2, 0.5], pareto_exponent_for_share(0.2, 0.8)).round(3)
    array([0.8  , 0.908])
    """
    fraction = as_array("fraction", fraction, positive=True)
    if (fraction > 1).any():
        raise_value = fraction[fraction > 1][0]
        raise ScalingLabError(f"'fraction' must be in (0, 1] (got {raise_value:g})")
    alpha = check_number("alpha", alpha)
    if alpha <= 2:
        raise ScalingLabError(
            f"'alpha' must be > 2 for the total to be finite (got {alpha!r}); "
            "with alpha <= 2 the top holds everything in the limit"
        )
    return fraction ** ((alpha - 2) / (alpha - 1))


def pareto_exponent_for_share(fraction: float, share: float) -> float:
    r"""The density exponent alpha at which the top ``fraction`` holds ``share``.

    Solves :math:`f^{(\alpha-2)/(\alpha-1)} = s` for :math:`\alpha`:
    :math:`\alpha = 1 + \log f / (\log f - \log s)`.

    Parameters
    ----------
    fraction : float
        The top fraction of the population, in (0, 1).
    share : float
        The share of the total it holds, in (fraction, 1).

    Returns
    -------
    float

    Examples
    --------
    >>> round(pareto_exponent_for_share(0.2, 0.8), 4)
    2.1610
    """
    fraction = check_number("fraction", fraction, positive=True, high=1)
    share = check_number("share", share, positive=True, high=1)
    if not fraction < share < 1:
        raise ScalingLabError(
            f"'share' must lie between 'fraction' and 1 (got fraction={fraction:g}, "
            f"share={share:g}); a top that holds less than its own size is not a "
            "heavy tail"
        )
    log_f, log_s = np.log(fraction), np.log(share)
    return float(1 + log_f / (log_f - log_s))


def chinchilla_loss(N, D, params) -> np.ndarray:
    r"""The parametric loss L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al.
    2022, Eq. 10).

    One function for every parameter set of that form, so that the command line and
    the chapters compute it the same way.

    Parameters
    ----------
    N : array_like
        Parameters (Hoffmann et al. count all of them, embeddings included), > 0.
    D : array_like
        Training tokens, > 0. Broadcast against ``N``.
    params : object with attributes E, A, B, alpha, beta
        For example :data:`scaling_lab.published.HOFFMANN`, ``HOFFMANN_UNROUNDED`` or
        ``EPOCH`` (all in :data:`scaling_lab.published.CHINCHILLA_LAWS`).

    Returns
    -------
    numpy.ndarray
        Loss in nats per token, with the broadcast shape of ``N`` and ``D``.

    Raises
    ------
    ScalingLabError
        If ``N`` or ``D`` has a non-positive or non-finite entry, the shapes do not
        broadcast, or ``params`` lacks one of E, A, B, alpha, beta.

    See Also
    --------
    power_law : one term of this law.

    Examples
    --------
    >>> from scaling_lab.published import HOFFMANN
    >>> chinchilla_loss(70e9, 1.4e12, HOFFMANN).round(3)
    array([1.937])
    >>> chinchilla_loss([1e9, 1e10], 2e10, HOFFMANN).round(3)
    array([2.58 , 2.388])
    """
    values = {}
    for name in ("E", "A", "B", "alpha", "beta"):
        if not hasattr(params, name):
            raise ScalingLabError(
                f"'params' must have attributes E, A, B, alpha and beta (got "
                f"{type(params).__name__} without {name!r}); use a parameter set from "
                "scaling_lab.published.CHINCHILLA_LAWS"
            )
        values[name] = check_number(name, getattr(params, name))
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    N, D = broadcast(N=N, D=D)
    return (values["E"] + values["A"] * np.exp(-values["alpha"] * np.log(N))
            + values["B"] * np.exp(-values["beta"] * np.log(D)))
