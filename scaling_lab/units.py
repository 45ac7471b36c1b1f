"""Units and counting: training FLOPs, PF-days, and numbers written for prose.

Design: the course states compute in FLOPs (Chinchilla's unit) and PF-days (Kaplan's);
the conversions live here once, with the constants from :mod:`scaling_lab.published`,
so the two chapters cannot drift apart. :func:`format_scientific` writes a number the
way a person would in a sentence (``3,600``, ``1.1 × 10⁵``).

Examples
--------
>>> from scaling_lab.units import flops_to_pf_days, training_flops
>>> flops_to_pf_days(training_flops(175e9, 300e9)).round(0)
array([3646.])
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, check_number
from .published import FLOPS_PER_PARAM_PER_TOKEN, PF_DAY

__all__ = ["training_flops", "flops_to_pf_days", "pf_days_to_flops", "format_scientific"]

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def training_flops(N, D) -> np.ndarray:
    """Training compute C = 6ND in FLOPs (Sec. 2.1: about 6N FLOPs per training token).

    Examples
    --------
    >>> training_flops(175e9, 300e9)
    array([3.15e+23])
    """
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    return FLOPS_PER_PARAM_PER_TOKEN * N * D


def flops_to_pf_days(C) -> np.ndarray:
    """FLOPs to PF-days (1 PF-day = 1e15 FLOP/s for a day = 8.64e19 FLOPs).

    Examples
    --------
    >>> flops_to_pf_days(3.15e23).round(1)
    array([3645.8])
    """
    return as_array("C", C, positive=True) / PF_DAY


def pf_days_to_flops(C_pf_days) -> np.ndarray:
    """PF-days to FLOPs.

    Examples
    --------
    >>> pf_days_to_flops(1.0)
    array([8.64e+19])
    """
    return as_array("C_pf_days", C_pf_days, positive=True) * PF_DAY


def format_scientific(value: float, digits: int = 2) -> str:
    """A number for prose: ``3,600`` below 10^4, else ``1.1 × 10⁵``.

    The book pastes these strings into its text, so that large counts read as a
    person would write them.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int, default 2
        Significant digits.

    Examples
    --------
    >>> format_scientific(106446.04), format_scientific(3645.8), format_scientific(0.0123)
    ('1.1 × 10⁵', '3,600', '0.012')
    >>> format_scientific(8.8e13, 3)
    '8.80 × 10¹³'
    """
    value = check_number("value", value)
    digits = check_number("digits", digits, integer=True, low=1)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent)
    if -3 <= exponent < 4:
        rounded = float(f"{value:.{digits}g}")
        decimals = max(0, digits - 1 - exponent)
        return f"{rounded:,.{decimals}f}"
    return f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPTS)}"
