"""Repeated data and excess parameters: the data-constrained law (Muennighoff et al. 2023).

Design choices:

* **Effective quantities, not a new loss.** Muennighoff et al. (2023) keep the
  single-epoch form ``L = E + A / N^alpha + B / D^beta`` and replace the tokens and the
  parameters by what they are worth: :func:`effective_data` discounts repeated tokens
  (decay constant ``R_D*``), :func:`effective_parameters` discounts parameters beyond the
  size the unique data can feed (decay constant ``R_N*``). Each function is usable alone,
  and :func:`data_constrained_loss` puts them into the law.
* **Published constants, two roundings.** The paper prints ``R_D* = 15.4`` and
  ``R_N* = 5.3`` (App. A); the authors' repository gives them unrounded with the single-epoch C4
  fit. :func:`effective_data` defaults to the printed value (the chapter's figure), the
  loss and the allocation use the unrounded fit, so they reproduce the repository's own
  worked examples digit for digit.
* **Allocation by a dense grid, then a bounded refinement.** The law has kinks (where the
  model outgrows the unique data, and where a run sees fewer tokens than exist), so the
  optimum over model size at fixed compute is found on a log grid and polished with a
  bounded scalar minimiser around the best grid point.

References
----------
.. [Muennighoff2023] N. Muennighoff et al., "Scaling Data-Constrained Language Models",
   NeurIPS 2023, arXiv:2305.16264; the fit in huggingface/datablations, README
   "Parametric Fit".

Examples
--------
>>> round(float(data_constrained_loss(6.34e9, 242e9, 25e9)[0]), 6)
2.225644
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from .. import published
from .._validate import ScalingLabError, as_array, check_number

__all__ = [
    "effective_data",
    "repeated_data_value",
    "unique_data_model_size",
    "effective_parameters",
    "data_constrained_loss",
    "DataConstrainedAllocation",
    "data_constrained_optimum",
]


def _decayed(unique: np.ndarray, repeats: np.ndarray, r_star: float) -> np.ndarray:
    """``U + U R* (1 - exp(-R / R*))``, the discount of Muennighoff et al. (Sec. 5)."""
    return unique + unique * r_star * (1 - np.exp(-repeats / r_star))


def effective_data(unique_tokens, epochs, *,
                   r_star: float = published.MUENNIGHOFF.R_D_star) -> np.ndarray:
    r"""Effective tokens of ``epochs`` passes over ``unique_tokens`` (Muennighoff 2023).

    :math:`D' = U + U R^* (1 - e^{-R/R^*})` with :math:`R = \text{epochs} - 1`
    repetitions: each further pass is worth less, and no amount of repetition is worth
    more than :math:`U (1 + R^*)` fresh tokens (Muennighoff et al. 2023, Sec. 5).

    Parameters
    ----------
    unique_tokens : array_like
        Unique tokens U, > 0.
    epochs : array_like
        Passes over the data, >= 1 (fractional passes allowed).
    r_star : float, default ``published.MUENNIGHOFF.R_D_star``
        The fitted decay constant of repeated data, > 0.

    Returns
    -------
    numpy.ndarray
        Effective tokens, broadcast over the inputs.

    Examples
    --------
    >>> effective_data(1e9, [1, 4, 100]).round(-7) / 1e9
    array([ 1.  ,  3.73, 16.38])
    """
    unique = as_array("unique_tokens", unique_tokens, positive=True)
    epochs = as_array("epochs", epochs, positive=True)
    if (epochs < 1).any():
        raise ScalingLabError(
            f"'epochs' must be >= 1 (got {epochs[epochs < 1][0]:g}); one epoch is one "
            "pass over the unique data"
        )
    r_star = check_number("r_star", r_star, positive=True)
    return _decayed(unique, epochs - 1, r_star)


def repeated_data_value(epochs, *, r_star: float = published.MUENNIGHOFF.R_D_star
                        ) -> np.ndarray:
    """Effective tokens per token trained on: 1 for fresh data, less when repeated.

    The ratio :math:`D'/D` with :math:`D = U \\cdot` epochs tokens seen.

    Examples
    --------
    >>> repeated_data_value([1, 4, 40]).round(2)
    array([1.  , 0.93, 0.38])
    """
    epochs = as_array("epochs", epochs, positive=True)
    return effective_data(1.0, epochs, r_star=r_star) / epochs


def _fit(fit) -> dict:
    try:
        values = {key: float(fit[key]) for key in
                  ("A", "B", "E", "alpha", "beta", "R_N_star", "R_D_star")}
    except (KeyError, TypeError):
        raise ScalingLabError(
            "'fit' must map A, B, E, alpha, beta, R_N_star and R_D_star to numbers, like "
            f"published.MUENNIGHOFF_FIT (got {fit!r})"
        ) from None
    for key, value in values.items():
        check_number(key, value, positive=True)
    return values


def unique_data_model_size(unique_tokens, *, fit=published.MUENNIGHOFF_FIT
                           ) -> np.ndarray:
    r"""U_N: the compute-optimal model size for ``unique_tokens`` trained once.

    Under the single-epoch law, the compute-optimal split has
    :math:`N = G\,(D\,G)^{\beta/\alpha}` with :math:`G = (\alpha A / \beta B)^{1/(\alpha
    + \beta)}`; with the published C4 fit (alpha = beta) this is
    :math:`U_N \approx 0.051\,U_D`, as Muennighoff et al. write (App. A).

    Examples
    --------
    >>> round(float(unique_data_model_size(1e9)[0]) / 1e9, 3)
    0.051
    """
    p = _fit(fit)
    unique = as_array("unique_tokens", unique_tokens, positive=True)
    g = (p["alpha"] * p["A"] / (p["beta"] * p["B"])) ** (1 / (p["alpha"] + p["beta"]))
    return (unique * g) ** (p["beta"] / p["alpha"]) * g


def effective_parameters(N, unique_tokens, *, fit=published.MUENNIGHOFF_FIT
                         ) -> np.ndarray:
    r"""Effective parameters N' of a model of N parameters trained on U unique tokens.

    Parameters beyond :math:`U_N` (:func:`unique_data_model_size`) are discounted the way
    repeated tokens are: with :math:`R_N = N / U_N - 1`,
    :math:`N' = U_N + U_N R_N^* (1 - e^{-R_N / R_N^*})` (Muennighoff et al. 2023, Sec. 5),
    so no model is worth more than :math:`U_N (1 + R_N^*)` parameters on that data.
    A model no larger than :math:`U_N` keeps every parameter.

    Parameters
    ----------
    N : array_like
        Parameters, > 0.
    unique_tokens : array_like
        Unique training tokens U, > 0.
    fit : mapping, default ``published.MUENNIGHOFF_FIT``
        A, B, E, alpha, beta of the single-epoch law and the decay constants.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> u_n = float(unique_data_model_size(1e10)[0])
    >>> (effective_parameters([u_n, 5 * u_n, 1e6 * u_n], 1e10) / u_n).round(2)
    array([1.  , 3.81, 6.31])
    """
    p = _fit(fit)
    N = as_array("N", N, positive=True)
    u_n = np.minimum(N, unique_data_model_size(unique_tokens, fit=fit))
    return _decayed(u_n, N / u_n - 1, p["R_N_star"])


def data_constrained_loss(N, D, unique_tokens, *, fit=published.MUENNIGHOFF_FIT
                          ) -> np.ndarray:
    r"""Loss of N parameters trained on D tokens drawn from U unique ones (nats).

    :math:`L = E + A / N'^{\alpha} + B / D'^{\beta}`, with :math:`D'` from
    :func:`effective_data` (R_D = D / U - 1 repetitions) and :math:`N'` from
    :func:`effective_parameters` (Muennighoff et al. 2023, Sec. 5 and App. A). With
    ``unique_tokens = D`` (every token fresh) it is the single-epoch law.

    Raises
    ------
    ScalingLabError
        If ``unique_tokens`` exceeds ``D``: a run that trains on D tokens uses at most D
        of them; pass ``np.minimum(U, D)``.

    Examples
    --------
    The two models of the authors' Figure 1 (right), with their repository's values
    (2.2256 and 2.2270): fewer parameters and more epochs win.

    >>> data_constrained_loss([6.34e9, 8.67e9], [242e9, 178e9], 25e9).round(4)
    array([2.2256, 2.227 ])
    """
    p = _fit(fit)
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    unique = as_array("unique_tokens", unique_tokens, positive=True)
    if np.any(unique > D * (1 + 1e-12)):
        raise ScalingLabError(
            f"'unique_tokens' must not exceed the tokens trained on D (got U = "
            f"{np.max(unique):.3g}, D = {np.min(D):.3g}); a run of D tokens sees at most D "
            "unique ones: pass np.minimum(U, D)"
        )
    d_eff = _decayed(unique, np.maximum(D / unique - 1, 0.0), p["R_D_star"])
    n_eff = effective_parameters(N, unique, fit=fit)
    return p["E"] + p["A"] / n_eff ** p["alpha"] + p["B"] / d_eff ** p["beta"]


@dataclass(frozen=True)
class DataConstrainedAllocation:
    """The best split of a compute budget when unique data is limited.

    Attributes
    ----------
    C : float
        Training FLOPs, C = 6 N D.
    unique_tokens : float
        Unique tokens available.
    N, D : float
        The best model size and the tokens it trains on.
    epochs : float
        ``D / unique_tokens`` (below 1 when the budget does not use all the data).
    loss : float
        The predicted loss (nats) of :func:`data_constrained_loss`.

    Examples
    --------
    >>> a = data_constrained_optimum(1e21, 1e12)
    >>> a.epochs < 1    # plenty of data: single-epoch training
    True
    """

    C: float
    unique_tokens: float
    N: float
    D: float
    epochs: float
    loss: float


def data_constrained_optimum(C: float, unique_tokens: float, *,
                             fit=published.MUENNIGHOFF_FIT) -> DataConstrainedAllocation:
    r"""The model size and epochs that minimise the data-constrained loss at C = 6ND.

    Minimises :func:`data_constrained_loss` over N with D = C / (6N), using
    ``min(U, D)`` unique tokens. Where unique data is plentiful this is the single-epoch
    compute-optimal split; where it is scarce, Muennighoff et al. find that extra
    compute is best spent mostly on more epochs of a smaller model than the
    single-epoch law would choose (their Figure 1, right).

    Parameters
    ----------
    C : float
        Training FLOPs, > 0.
    unique_tokens : float
        Unique tokens available, > 0.
    fit : mapping, default ``published.MUENNIGHOFF_FIT``

    Returns
    -------
    DataConstrainedAllocation

    Examples
    --------
    The authors' repository allocates the budget of 8.67B parameters on 178B tokens with
    25B unique tokens to "227B tokens, 9.1 epochs, 6.8B parameters":

    >>> a = data_constrained_optimum(6 * 8.67e9 * 178e9, 25e9)
    >>> round(a.N / 1e9, 1), round(a.epochs, 1)
    (6.8, 9.1)
    """
    C = check_number("C", C, positive=True)
    unique = check_number("unique_tokens", unique_tokens, positive=True)
    _fit(fit)

    def loss(log_n: float) -> float:
        n = np.exp(log_n)
        d = C / (6 * n)
        return float(data_constrained_loss(n, d, min(unique, d), fit=fit)[0])

    # Around the single-epoch optimum with all the data fresh, six decades either side.
    fresh = C / 6
    centre = 0.5 * np.log(fresh * float(unique_data_model_size(1.0, fit=fit)[0]))
    grid = np.linspace(centre - 6 * np.log(10), centre + 6 * np.log(10), 1201)
    values = np.array([loss(x) for x in grid])
    best = int(np.argmin(values))
    low, high = grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)]
    result = minimize_scalar(loss, bounds=(low, high), method="bounded",
                             options={"xatol": 1e-10})
    log_n = result.x if result.fun <= values[best] else grid[best]
    n = float(np.exp(log_n))
    d = C / (6 * n)
    return DataConstrainedAllocation(C, unique, n, d, d / unique, loss(log_n))
