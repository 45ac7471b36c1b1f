r"""From loss and compute to benchmark scores: two small closed forms.

Design choices:

* **Gadre et al.'s error law.** Averaged over many tasks, top-1 error falls with the
  validation loss as :math:`\mathrm{Err}(L) = \epsilon - k\,e^{-\gamma L}`
  (Gadre et al. 2024; their code's ``decay_ours``): near chance, :math:`\epsilon - k
  e^{-\gamma L}` saturates for large L, and it falls exponentially as L drops.
  :func:`error_from_loss` evaluates it; :mod:`scaling_lab.beyond_fit` fits it.
* **One benchmark, one sigmoid in log compute.** For a single benchmark the accuracy of
  public models rises from the chance level as a logistic function of
  :math:`\log_{10} C` (the simplest form of Ruan et al. 2024's observational laws, with
  compute in place of their principal capabilities). The floor is the chance level and
  is given, not fitted, so the fit's two parameters are the midpoint and the slope.
  :func:`sigmoid_width` turns a slope into decades of compute from 10% to 90% of the
  rise, the quantity the limits chapter computes for exact match
  (:func:`scaling_lab.limits.transition_width`).

References
----------
.. [Gadre2024] S. Y. Gadre et al., arXiv:2403.08540 (2024).
.. [Ruan2024] Y. Ruan, C. J. Maddison, T. Hashimoto, "Observational Scaling Laws and
   the Predictability of Language Model Performance", arXiv:2405.10938 (2024).

Examples
--------
>>> round(float(sigmoid_accuracy(3.0, floor=0.25, midpoint=3.0, slope=2.0)[0]), 3)
0.625
>>> round(sigmoid_width(2.0), 3)
2.197
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, as_array, check_number

__all__ = ["error_from_loss", "sigmoid_accuracy", "sigmoid_width"]


def error_from_loss(L, *, epsilon: float, k: float, gamma: float) -> np.ndarray:
    r"""Average top-1 error at validation loss L: :math:`\epsilon - k e^{-\gamma L}`.

    Parameters
    ----------
    L : array_like
        Validation loss (nats), > 0.
    epsilon, k, gamma : float
        The error at infinite loss, the scale and the rate (all > 0).

    Examples
    --------
    >>> error_from_loss([2.0, 4.0], epsilon=0.85, k=2.2, gamma=0.7).round(3)
    array([0.307, 0.716])
    """
    L = as_array("L", L, positive=True)
    epsilon = check_number("epsilon", epsilon, positive=True)
    k = check_number("k", k, positive=True)
    gamma = check_number("gamma", gamma, positive=True)
    return epsilon - k * np.exp(-gamma * L)


def sigmoid_accuracy(x, *, floor: float, midpoint: float, slope: float,
                     ceiling: float = 1.0) -> np.ndarray:
    r"""A logistic rise from ``floor`` to ``ceiling``: :math:`f + (c - f)\,\sigma(s(x - x_0))`.

    Parameters
    ----------
    x : array_like
        log10 of training compute (or any scale variable).
    floor : float
        The chance level, in [0, 1).
    midpoint : float
        x where the accuracy is half-way between floor and ceiling.
    slope : float
        Steepness per unit of x, > 0.
    ceiling : float, default 1
        The accuracy of a perfect model, in (floor, 1].
    """
    x = as_array("x", x)
    floor = check_number("floor", floor, nonnegative=True)
    ceiling = check_number("ceiling", ceiling, positive=True)
    if not floor < ceiling <= 1:
        raise ScalingLabError(
            f"need 0 <= floor < ceiling <= 1 (got floor = {floor:g}, ceiling = "
            f"{ceiling:g}); the floor is the chance level of the benchmark"
        )
    slope = check_number("slope", slope, positive=True)
    midpoint = check_number("midpoint", midpoint)
    return floor + (ceiling - floor) / (1 + np.exp(-slope * (x - midpoint)))


def sigmoid_width(slope: float, *, low: float = 0.1, high: float = 0.9) -> float:
    r"""The span of x over which the rise goes from ``low`` to ``high`` of its height.

    :math:`(\mathrm{logit}(h) - \mathrm{logit}(l)) / s`; 10% to 90% is
    :math:`2 \ln 9 / s`.

    >>> round(sigmoid_width(1.0) / float(np.log(81)), 6)
    1.0
    """
    slope = check_number("slope", slope, positive=True)
    low = check_number("low", low, positive=True)
    high = check_number("high", high, positive=True)
    if not low < high < 1:
        raise ScalingLabError(
            f"need 0 < low < high < 1 (got low = {low:g}, high = {high:g})"
        )
    return float((np.log(high / (1 - high)) - np.log(low / (1 - low))) / slope)
