"""Validation at the public boundary.

Every public function checks its arguments through these few helpers, so that a reader
who passes a bad value gets one kind of message everywhere: the argument's name, the
value it got, and (where there is one) the fix. Nothing here uses ``assert``, which
disappears under ``python -O``, and nothing drops or changes data silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

__all__ = ["ScalingLabError", "ScalingLabWarning"]


class ScalingLabError(ValueError):
    """A bad argument: the message names the argument, its value and the fix.

    It is a ValueError, so code that catches ValueError keeps working.

    >>> check_number("k", -1.5, positive=True)
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'k' must be > 0 (got -1.5)
    """


class ScalingLabWarning(UserWarning):
    """A result that is computed but deserves a second look (for example a fit on
    a range too narrow to pin down an exponent).

    >>> import warnings
    >>> from scaling_lab import fit_power_law
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = fit_power_law([1, 2, 4], [1, 0.8, 0.6])
    >>> caught[0].category.__name__
    'ScalingLabWarning'
    """


def _show(value) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, np.ndarray):
        with np.printoptions(threshold=6, edgeitems=3, precision=4):
            return np.array2string(value, separator=", ")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_number(name: str, value, *, positive: bool = False, nonnegative: bool = False,
                 low: float | None = None, high: float | None = None,
                 integer: bool = False) -> float:
    """Return ``value`` as a float (or int) after checking it.

    Raises ScalingLabError naming ``name`` when the value is not a finite real number
    or lies outside the allowed range.
    """
    real = int | float | np.integer | np.floating
    if isinstance(value, bool) or not isinstance(value, real):
        raise ScalingLabError(f"{name!r} must be a real number (got {_show(value)})")
    number = float(value)
    if not math.isfinite(number):
        raise ScalingLabError(f"{name!r} must be finite (got {_show(value)})")
    if integer and number != int(number):
        raise ScalingLabError(f"{name!r} must be a whole number (got {_show(value)})")
    if positive and number <= 0:
        raise ScalingLabError(f"{name!r} must be > 0 (got {_show(value)})")
    if nonnegative and number < 0:
        raise ScalingLabError(f"{name!r} must be >= 0 (got {_show(value)})")
    if low is not None and number < low:
        raise ScalingLabError(f"{name!r} must be >= {low:g} (got {_show(value)})")
    if high is not None and number > high:
        raise ScalingLabError(f"{name!r} must be <= {high:g} (got {_show(value)})")
    return int(number) if integer else number


def as_array(name: str, values, *, positive: bool = False, nonnegative: bool = False,
             min_size: int = 1, ndim: int = 1) -> np.ndarray:
    """Return ``values`` as a float array after checking it.

    Scalars become 1-element arrays when ``ndim`` is 1. Non-numeric entries, NaN,
    infinities, and (when asked) non-positive values raise ScalingLabError naming the
    argument, the first bad entry and its index.
    """
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ScalingLabError(
            f"{name!r} must contain only numbers (got {_show(values)})"
        ) from None
    if ndim == 1 and array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != ndim:
        raise ScalingLabError(
            f"{name!r} must be {ndim}-dimensional (got shape {array.shape})"
        )
    if array.size < min_size:
        raise ScalingLabError(
            f"{name!r} needs at least {min_size} values (got {array.size})"
        )
    bad = ~np.isfinite(array)
    if bad.any():
        index = int(np.flatnonzero(bad.ravel())[0])
        raise ScalingLabError(
            f"{name!r} must be finite: entry {index} is {float(array.ravel()[index])!r}"
        )
    if positive and (array <= 0).any():
        index = int(np.flatnonzero((array <= 0).ravel())[0])
        raise ScalingLabError(
            f"{name!r} must be > 0 for a power law on log axes: entry {index} is "
            f"{array.ravel()[index]:g}. Remove or explain the non-positive values "
            "before fitting; they have no logarithm."
        )
    if nonnegative and (array < 0).any():
        index = int(np.flatnonzero((array < 0).ravel())[0])
        raise ScalingLabError(
            f"{name!r} must be >= 0: entry {index} is {array.ravel()[index]:g}"
        )
    return array


def check_same_length(**arrays: np.ndarray) -> int:
    """Raise unless every named array has the same length; return that length."""
    sizes = {name: len(a) for name, a in arrays.items()}
    if len(set(sizes.values())) > 1:
        shown = ", ".join(f"{name!r} has {size}" for name, size in sizes.items())
        raise ScalingLabError(f"the inputs must have the same length: {shown}")
    return next(iter(sizes.values()))


def broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast the named arrays together, or raise naming them and their shapes."""
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        shapes = " and ".join(f"{a.shape}" for a in arrays.values())
        names = " and ".join(f"{name!r}" for name in arrays)
        raise ScalingLabError(f"{names} must broadcast together (got shapes {shapes})"
                              ) from None


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    """Raise unless ``value`` is one of ``choices``."""
    choices = tuple(choices)
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ScalingLabError(f"{name!r} must be one of {listed} (got {_show(value)})")
    return value
