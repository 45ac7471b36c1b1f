"""Repeated data: what another epoch over the same tokens is worth (Muennighoff et al. 2023).

Examples
--------
>>> from scaling_lab.limits import effective_data
>>> float(effective_data(1e9, 1)[0])
1000000000.0
"""

from __future__ import annotations

import numpy as np

from .. import published
from .._validate import ScalingLabError, as_array, check_number

__all__ = ["effective_data", "repeated_data_value"]


def effective_data(unique_tokens, epochs, *,
                   r_star: float = published.MUENNIGHOFF.R_D_star) -> np.ndarray:
    r"""Effective tokens of ``epochs`` passes over ``unique_tokens`` (Muennighoff 2023).

    :math:`D' = U + U R^* (1 - e^{-R/R^*})` with :math:`R = \text{epochs} - 1`
    repetitions: each further pass is worth less, and no amount of repetition is worth
    more than :math:`U (1 + R^*)` fresh tokens (Muennighoff et al. 2023).

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
    repeats = epochs - 1
    return unique + unique * r_star * (1 - np.exp(-repeats / r_star))


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
