"""Emergence as a metric effect: a smooth per-token loss scored by exact match.

Design choices:

* **Metrics as functions of a loss.** Emergence is modelled the way Schaeffer et al.
  (2023) do: a per-token loss that falls as a smooth power law, scored by exact match over
  ``k`` tokens. The functions take a loss and return a score, so any law can feed them.
* **A floor is optional and explicit.** The chapter's task loss falls to zero by default
  (``E = 0``), which is what makes exact match reach 1. Every function takes ``E``, the
  per-token loss the task never goes below; with ``E > 0`` exact match saturates at
  :math:`e^{-kE}` (:func:`exact_match_ceiling`), and asking for a level above that
  ceiling raises rather than returning a meaningless size.
* **Teaching values, labelled.** :data:`TASK_LOSS` is chosen so the climb fits on one
  figure (its exponent 0.5 gives a 2.7-decade climb); :func:`transition_width` gives the
  width for any exponent, including the much smaller ones measured for text.

References
----------
.. [Schaeffer2023] R. Schaeffer, B. Miranda and S. Koyejo, "Are Emergent Abilities of
   Large Language Models a Mirage?", NeurIPS 2023, arXiv:2304.15004.

Examples
--------
>>> round(transition_width(0.5), 2)
2.68
"""

from __future__ import annotations

import numpy as np

from .._validate import ScalingLabError, as_array, check_number

__all__ = [
    "TASK_LOSS",
    "task_loss",
    "exact_match",
    "exact_match_ceiling",
    "emergence_threshold",
    "transition_width",
]

#: The synthetic task of the emergence experiment (teaching values, not measurements):
#: per-token loss L(N) = E + (N_c / N)^alpha in nats, with no floor (E = 0).
TASK_LOSS = {"N_c": 1e7, "alpha": 0.5, "E": 0.0}


def task_loss(N, *, N_c: float = TASK_LOSS["N_c"], alpha: float = TASK_LOSS["alpha"],
              E: float = TASK_LOSS["E"]) -> np.ndarray:
    r"""Per-token loss :math:`L(N) = E + (N_c/N)^\alpha` (nats) of the synthetic task.

    Parameters
    ----------
    N : array_like
        Parameters, > 0.
    N_c : float, default ``TASK_LOSS["N_c"]``
        Scale of the law, > 0.
    alpha : float, default ``TASK_LOSS["alpha"]``
        Exponent, > 0.
    E : float, default 0
        The per-token loss the task never goes below, >= 0.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> task_loss([1e7, 1e9]).round(3)
    array([1. , 0.1])
    >>> task_loss([1e7, 1e9], E=0.05).round(3)
    array([1.05, 0.15])
    """
    N = as_array("N", N, positive=True)
    N_c = check_number("N_c", N_c, positive=True)
    alpha = check_number("alpha", alpha, positive=True)
    E = check_number("E", E, nonnegative=True)
    return E + (N_c / N) ** alpha


def exact_match(loss, k: int) -> np.ndarray:
    r"""Probability that all ``k`` tokens of an answer are right: :math:`e^{-kL}`.

    With per-token loss L (nats), the probability of the right token is
    :math:`p = e^{-L}`; if the k tokens are right independently, exact match scores
    :math:`p^k = e^{-kL}` (the argument of Schaeffer et al. 2023).

    Parameters
    ----------
    loss : array_like
        Per-token losses in nats, >= 0.
    k : int
        Tokens in the answer, >= 1.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> exact_match([0.1], k=10).round(4)
    array([0.3679])
    """
    loss = as_array("loss", loss, nonnegative=True)
    k = check_number("k", k, integer=True, low=1)
    return np.exp(-k * loss)


def exact_match_ceiling(k: int, E: float) -> float:
    r"""The highest exact-match score a task loss with floor E allows: :math:`e^{-kE}`.

    However large the model, the per-token loss stays above E, so exact match over k
    tokens stays below :math:`e^{-kE}`: the longer the answer, the lower the ceiling.

    Examples
    --------
    >>> round(exact_match_ceiling(20, 0.02), 3)
    0.67
    >>> exact_match_ceiling(20, 0.0)
    1.0
    """
    k = check_number("k", k, integer=True, low=1)
    E = check_number("E", E, nonnegative=True)
    return float(np.exp(-k * E))


def emergence_threshold(k: int, *, level: float = 0.5, N_c: float = TASK_LOSS["N_c"],
                        alpha: float = TASK_LOSS["alpha"],
                        E: float = TASK_LOSS["E"]) -> float:
    r"""The N at which exact match over ``k`` tokens reaches ``level``.

    Solving :math:`e^{-k (E + (N_c/N)^\alpha)} = q` gives
    :math:`N = N_c\,\left(\ln(1/q)/k - E\right)^{-1/\alpha}`; with E = 0,
    :math:`N = N_c (k / \ln(1/q))^{1/\alpha}`, so k tokens move the threshold by a
    factor :math:`k^{1/\alpha}`.

    Parameters
    ----------
    k : int
        Tokens in the answer, >= 1.
    level : float, default 0.5
        Exact-match score, in (0, 1) and below :func:`exact_match_ceiling`.
    N_c, alpha, E : float
        The task's per-token law (see :func:`task_loss`).

    Returns
    -------
    float

    Raises
    ------
    ScalingLabError
        For a level at or above the ceiling :math:`e^{-kE}`, which no model reaches.

    Examples
    --------
    >>> round(emergence_threshold(1) / 1e7, 3)     # (1 / ln 2)^2
    2.081
    >>> round(emergence_threshold(10) / emergence_threshold(1), 6)   # 10^(1/alpha)
    100.0
    """
    k = check_number("k", k, integer=True, low=1)
    level = check_number("level", level, positive=True)
    if level >= 1:
        raise ScalingLabError(f"'level' must be in (0, 1) (got {level!r})")
    N_c = check_number("N_c", N_c, positive=True)
    alpha = check_number("alpha", alpha, positive=True)
    E = check_number("E", E, nonnegative=True)
    reducible = np.log(1 / level) / k - E
    if reducible <= 0:
        raise ScalingLabError(
            f"'level' = {level!r} is not below the ceiling e^(-kE) = "
            f"{exact_match_ceiling(k, E):.4g} of exact match over k = {k} tokens with "
            f"E = {E!r}: no model reaches it; choose a lower level or a smaller E"
        )
    return float(N_c * reducible ** (-1 / alpha))


def transition_width(alpha: float, *, low: float = 0.1, high: float = 0.9) -> float:
    r"""Decades of N over which exact match climbs from ``low`` to ``high`` (E = 0).

    From :func:`emergence_threshold`, the ratio of the two thresholds is
    :math:`\left(\ln(1/\mathrm{low}) / \ln(1/\mathrm{high})\right)^{1/\alpha}`, whatever
    k and N_c: the width on a log-N axis is set by the exponent alone.

    Parameters
    ----------
    alpha : float
        Exponent of the per-token loss, > 0.
    low, high : float
        Scores, 0 < low < high < 1.

    Returns
    -------
    float
        ``log10`` of the ratio of the two thresholds.

    Examples
    --------
    >>> [round(transition_width(a), 1) for a in (0.076, 0.34, 0.5)]
    [17.6, 3.9, 2.7]
    """
    alpha = check_number("alpha", alpha, positive=True)
    low = check_number("low", low, positive=True)
    high = check_number("high", high, positive=True)
    if not low < high < 1:
        raise ScalingLabError(
            f"need 0 < low < high < 1 (got low={low!r}, high={high!r})"
        )
    return float(np.log10(np.log(1 / low) / np.log(1 / high)) / alpha)
