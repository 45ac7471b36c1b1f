"""Validation at the public boundary.

Every public function checks its arguments through these few helpers, so that a reader
who passes a bad value gets one kind of message everywhere: the argument's name, the
value it got, and (where there is one) the fix. Nothing here uses ``assert``, which
disappears under ``python -O``, and nothing drops or changes data silently.
"""

from __future__ import annotations

import math
import warnings
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
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return f"an integer of {len(str(abs(value)))} digits"
    if isinstance(value, np.ndarray):
        with np.printoptions(threshold=6, edgeitems=3, precision=4):
            return np.array2string(value, separator=", ")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _too_large(name: str, value, where: str = "") -> ScalingLabError:
    return ScalingLabError(
        f"{name!r} is too large for a float{where} (got {_show(value)}; the largest is "
        "about 1.8e308)"
    )


def check_number(name: str, value, *, positive: bool = False, nonnegative: bool = False,
                 low: float | None = None, high: float | None = None,
                 integer: bool = False) -> float:
    """Return ``value`` as a float (or int) after checking it.

    Raises ScalingLabError naming ``name`` when the value is not a finite real number
    (booleans, text, complex numbers and integers too large for a float included) or
    lies outside the allowed range. A whole number is returned exactly as an int.

    >>> check_number("bootstrap", 10**400, integer=True)
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'bootstrap' is too large for a float (got an integer of 401 digits; the largest is about 1.8e308)
    """
    real = int | float | np.integer | np.floating
    if isinstance(value, bool | np.bool_) or not isinstance(value, real):
        raise ScalingLabError(f"{name!r} must be a real number (got {_show(value)})")
    try:
        number = float(value)
    except OverflowError:
        raise _too_large(name, value) from None
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
    if integer:
        return int(value) if isinstance(value, int | np.integer) else int(number)
    return number


def check_flag(name: str, value) -> bool:
    """Return a boolean option after checking that it is ``True`` or ``False``.

    A string such as ``"no"`` is truthy in Python, so it would switch an option on
    without a word; it is an error here.

    >>> check_flag("offset", "no")
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'offset' must be True or False (got 'no')
    """
    if not isinstance(value, bool | np.bool_):
        raise ScalingLabError(f"{name!r} must be True or False (got {_show(value)})")
    return bool(value)


#: numpy dtype kinds that are numbers (b: bool, c: complex, M/m: dates are not).
_REAL_KINDS = "iuf"


def _to_float_array(name: str, values) -> np.ndarray:
    """``values`` as a float array, refusing what would change the data silently."""
    if values is None or isinstance(values, str | bytes):
        raise ScalingLabError(
            f"{name!r} must be numbers (an array, a list or a number; got "
            f"{_show(values)})"
        )
    if np.ma.isMaskedArray(values):
        if np.ma.getmaskarray(values).any():
            count = int(np.ma.getmaskarray(values).sum())
            raise ScalingLabError(
                f"{name!r} has {count} masked {'entry' if count == 1 else 'entries'}; "
                "the mask would be ignored. Pass values.compressed() to drop them, or "
                "fill them"
            )
        values = np.ma.getdata(values)
    try:
        array = np.asarray(values)
    except (TypeError, ValueError, OverflowError):
        raise ScalingLabError(
            f"{name!r} must contain only numbers, as a flat list or array (got "
            f"{_show(values)})"
        ) from None
    kind = array.dtype.kind
    if kind == "O":
        if array.ndim == 0:
            raise ScalingLabError(f"{name!r} must be numbers (got {_show(values)})")
        values = []
        for index, item in enumerate(array.ravel()):
            if isinstance(item, bool | np.bool_) or not isinstance(
                    item, int | float | np.integer | np.floating):
                raise ScalingLabError(
                    f"{name!r} must contain only real numbers: entry {index} is "
                    f"{_show(item)}"
                )
            try:
                values.append(float(item))
            except OverflowError:
                raise _too_large(name, item, f" at entry {index}") from None
        return np.array(values).reshape(array.shape)
    if kind == "c":
        raise ScalingLabError(
            f"{name!r} must be real numbers (got complex values {_show(array)}); pass "
            "values.real if the imaginary parts are zero"
        )
    if kind == "b":
        raise ScalingLabError(
            f"{name!r} must be numbers, not True/False values (got {_show(array)})"
        )
    if kind not in _REAL_KINDS:
        what = {"U": "text", "S": "bytes", "M": "dates", "m": "time spans",
                "V": "records"}.get(kind, f"dtype {array.dtype}")
        raise ScalingLabError(
            f"{name!r} must contain only numbers (got {what}: {_show(values)})"
        )
    return array.astype(float, copy=False)


def as_array(name: str, values, *, positive: bool = False, nonnegative: bool = False,
             min_size: int = 1, ndim: int = 1) -> np.ndarray:
    """Return ``values`` as a float array after checking it.

    Scalars become 1-element arrays when ``ndim`` is 1. Non-numeric entries, NaN,
    infinities, and (when asked) non-positive values raise ScalingLabError naming the
    argument, the first bad entry and its index; so do None, text, True/False values,
    complex numbers, dates, integers too large for a float and masked entries, which a
    plain conversion would turn into numbers without a word.

    >>> as_array("x", [1, 2 + 1j])
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'x' must be real numbers (got complex values [1.+0.j, 2.+1.j]); pass values.real if the imaginary parts are zero
    """
    array = _to_float_array(name, values)
    if ndim == 1 and array.ndim == 0:
        if min_size > 1:
            raise ScalingLabError(
                f"{name!r} needs at least {min_size} values (got a single number "
                f"{_show(float(array))})"
            )
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


def check_spread(name: str, values: np.ndarray, *, what: str,
                 stacklevel: int = 3) -> None:
    """Raise if positive ``values`` never vary; warn if they span less than a decade.

    A fit cannot learn how something scales with ``name`` from one value of it, and
    learns little from a narrow range. Values that all lie in [1, 30] over so narrow a
    range look like logarithms (N given as log10 N), and the warning says so.

    >>> check_spread("N", np.array([1e9, 1e9, 1e9]), what="the exponent alpha")
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: 'N' never varies (all 3 values are 1e+09); the exponent alpha cannot be fitted without a range of 'N'
    """
    low, high = float(values.min()), float(values.max())
    if low == high:
        raise ScalingLabError(
            f"{name!r} never varies (all {values.size} values are {low:g}); {what} "
            f"cannot be fitted without a range of {name!r}"
        )
    if high < 10 * low:
        hint = ""
        if 1 <= low and high <= 30:
            hint = (f"; values from {low:g} to {high:g} look like log10({name}): give "
                    f"{name} itself (10**{name})")
        warnings.warn(
            f"{name!r} spans only a factor {high / low:.3g} (less than a decade), so "
            f"{what} is poorly determined{hint}", ScalingLabWarning,
            stacklevel=stacklevel)


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
