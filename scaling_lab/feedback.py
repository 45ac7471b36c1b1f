"""Feedback on a reader's answers to the exercises.

Design: a check never raises on a wrong or malformed answer; it returns a
:class:`Feedback` that says whether the answer is right and, when it is not, what the
likely mistake is. Wrong answers are matched against the mistakes readers actually make
(a flipped sign, a reciprocal, log10 where ln was meant, a power of ten, a percentage),
plus any mistakes the exercise names itself ("did you fit in log space?"). Every message
repeats the answer as ``name = value`` before saying what is wrong with it. A Feedback
shows as a coloured box in a notebook (with real minus signs) and as plain text in a
terminal, and is truthy when the answer is right, so a cell can ``assert`` on it in a
solution.

Examples
--------
>>> from scaling_lab.feedback import check_number
>>> print(check_number(-0.52, expected=0.52, name="the exponent"))
Not yet: the exponent = -0.52 has the wrong sign; the expected value is positive.
>>> bool(check_number(0.455, expected=0.4516, rtol=0.01))
True
"""

from __future__ import annotations

import contextlib
import contextvars
import decimal
import fractions
import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ._validate import ScalingLabError, check_flag
from ._validate import check_number as _check_setting

__all__ = ["Feedback", "check_number", "check_function", "check_fit", "recording"]

# *word* in a message: emphasis, shown in italics in a notebook and as the bare word in
# plain text. Arithmetic such as 2 * 3 or 6*N*D is not emphasis (spaces, word characters).
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
# The checks made while a catalogue of feedback is being recorded (see ``recording``).
_RECORD: contextvars.ContextVar[list | None] = contextvars.ContextVar("record", default=None)


@contextlib.contextmanager
def recording():
    """Record what each :func:`check_number` call inside the block was asked to check.

    Yields a list that fills with one dict per call: ``expected``, ``rtol``, ``atol``,
    ``name``, ``units`` and ``mistakes`` (message to wrong value). The feedback catalogue of the
    book (:func:`scaling_lab.exercises.feedback_catalogue`) is made this way, from the
    checks themselves, so it cannot drift from what they say.

    >>> with recording() as calls:
    ...     _ = check_number(1.0, 2.0, mistakes={"halved": 1.0})
    >>> calls[0]["expected"], calls[0]["mistakes"]
    (2.0, {'halved': 1.0})
    """
    calls: list = []
    token = _RECORD.set(calls)
    try:
        yield calls
    finally:
        _RECORD.reset(token)


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes
    ----------
    correct : bool
        Whether the answer is right (within the tolerance).
    message : str
        One or two sentences for the reader: what is right, or what is likely wrong.

    Examples
    --------
    >>> fb = Feedback(False, "Not yet: check the sign.")
    >>> bool(fb), str(fb)
    (False, 'Not yet: check the sign.')
    """

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        """The message as plain text: emphasis (``*up*``) becomes the bare word."""
        return _EMPHASIS.sub(r"\1", self.message)

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "✓") if self.correct else ("#D55E00", "✗")
        from .units import readable_numbers

        text = _EMPHASIS.sub(r"<em>\1</em>",
                             html.escape(readable_numbers(self.message), quote=False))
        return (f'<div class="sl-feedback" style="border-left:4px solid {colour};'
                f'padding:.3em .8em;margin:.4em 0"><b style="color:{colour}">{mark}</b> '
                f"{text}</div>")


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def _shown(answer) -> str:
    """repr of a reader's answer, short, and never raising."""
    try:
        text = repr(answer)
    except Exception:  # a reader's own class may have a broken __repr__
        text = f"<{type(answer).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _as_number(answer, name: str) -> float | Feedback:
    """The reader's answer as a float, or the Feedback that says why it is not one.

    Any real number counts (int, float, numpy scalars and 0-d arrays, Fraction,
    Decimal); nothing here raises, whatever the answer is.
    """
    kind = type(answer).__name__
    if isinstance(answer, np.ndarray) and answer.ndim == 0 and \
            answer.dtype.kind in "iuf":
        answer = answer[()]
    if isinstance(answer, bool | np.bool_):
        return Feedback(False, f"Not yet: {name} must be a number, not {answer}.")
    if isinstance(answer, int | float | np.integer | np.floating | fractions.Fraction |
                  decimal.Decimal):
        try:
            return float(answer)
        except OverflowError:
            return Feedback(False, f"Not yet: {name} is too large to be a float (more "
                                   "than 1.8e308); check the formula and the units.")
    hint = ""
    if isinstance(answer, str):
        try:
            float(answer)
            hint = f"; for example {answer.strip()}, not {answer!r}"
        except ValueError:
            pass
    elif isinstance(answer, complex | np.complexfloating):
        hint = "; a complex number has no place here (a square root of a negative?)"
    elif isinstance(answer, np.ndarray | list | tuple) and np.size(answer) == 1:
        hint = "; give the single value (for example answer[0])"
    return Feedback(False, f"Not yet: {name} must be a number, not a {kind} "
                           f"({_shown(answer)}){hint}.")


def _close(a: float, b: float, rtol: float, atol: float) -> bool:
    return math.isclose(a, b, rel_tol=rtol, abs_tol=atol)


def check_number(answer, expected: float, *, rtol: float = 0.02, atol: float = 0.0,
                 name: str = "your answer",
                 mistakes: Mapping[str, float] | None = None,
                 units: str | None = None) -> Feedback:
    """Check a numeric answer and diagnose the usual mistakes.

    Parameters
    ----------
    answer : object
        What the reader computed. Anything that is not a finite real number gets
        feedback saying so (no exception, whatever the object).
    expected : float
        The right value.
    rtol, atol : float
        Relative and absolute tolerance (``math.isclose``). Default 2%.
    name : str
        How to refer to the answer in the message ("the exponent", "N_opt").
    mistakes : mapping of str to float, optional
        Known wrong answers and what each means: ``{"did you fit in log space?":
        0.61}``. Checked before the generic diagnoses.
    units : str, optional
        What the answer counts ("parameters", "PF-days") when it has units in which a
        power-of-ten slip is plausible: an answer off by a power of ten is then told to
        check them. Without it (exponents, ratios, counts) the message only names the
        factor.

    Returns
    -------
    Feedback

    Raises
    ------
    ScalingLabError
        When ``expected``, ``rtol``, ``atol`` or a value of ``mistakes`` is not a finite
        real number (a mistake of the exercise, not of the reader).

    Examples
    --------
    >>> print(check_number(0.5, 0.52, name="n", mistakes={
    ...     "did you fit in log space? A straight line through the raw values gives 0.5":
    ...     0.5}))
    Not yet: n = 0.5: did you fit in log space? A straight line through the raw values gives 0.5
    >>> print(check_number(2.2, 0.9555, name="the slope"))
    Not yet: the slope = 2.2 is about ln(10) = 2.303 times the expected value: did you mix log10 and the natural log?
    >>> print(check_number(40.4, 4.04e10, name="N_opt", units="parameters"))
    Not yet: N_opt = 40.4 is off by a factor of 10^9 (10^-9 times the expected value): check the units; the answer is in parameters.
    >>> print(check_number(5.2, 0.52, name="n"))
    Not yet: n = 5.2 is off by a factor of 10 (ten times the expected value).
    >>> print(check_number("0.3", 0.3))
    Not yet: your answer must be a number, not a str ('0.3'); for example 0.3, not '0.3'.
    """
    expected = _check_setting("expected", expected)
    rtol = _check_setting("rtol", rtol, nonnegative=True)
    atol = _check_setting("atol", atol, nonnegative=True)
    if mistakes is not None and not isinstance(mistakes, Mapping):
        raise ScalingLabError(f"'mistakes' must map messages to wrong values (got "
                              f"{_shown(mistakes)})")
    mistakes = {str(message): _check_setting(f"mistakes[{message!r}]", wrong)
                for message, wrong in (mistakes or {}).items()}
    if units is not None and not (isinstance(units, str) and units.strip()):
        raise ScalingLabError(f"'units' must be a non-empty string (got {_shown(units)})")
    record = _RECORD.get()
    if record is not None:
        record.append({"expected": expected, "rtol": rtol, "atol": atol, "name": name,
                       "units": units, "mistakes": dict(mistakes)})
    value = _as_number(answer, name)
    if isinstance(value, Feedback):
        return value
    if not math.isfinite(value):
        return Feedback(False, f"Not yet: {name} is {value}; check for a division by zero "
                               "or the logarithm of a non-positive number.")
    if _close(value, expected, rtol, atol):
        return Feedback(True, f"Correct: {name} = {_fmt(value)} (expected "
                              f"{_fmt(expected)}, within {rtol * 100:g}%).")
    for message, wrong in (mistakes or {}).items():
        if _close(value, float(wrong), rtol, atol):
            return Feedback(False, f"Not yet: {name} = {_fmt(value)}: {message}")
    diagnosis = _diagnose(value, expected, rtol, atol, units)
    if diagnosis:
        return Feedback(False, f"Not yet: {name} = {_fmt(value)} {diagnosis}")
    direction = "large" if value > expected else "small"
    off = abs(value - expected) / abs(expected) if expected else abs(value)
    return Feedback(False, f"Not yet: {name} = {_fmt(value)} is too {direction} "
                           f"(off by {off:.0%}); recheck the formula and the units.")


#: How a power of ten is written in a message: 10^k times the expected value.
_TIMES = {1: "ten times", 2: "100 times", -1: "a tenth of", -2: "a hundredth of"}


def _diagnose(value: float, expected: float, rtol: float, atol: float,
              units: str | None = None) -> str:
    if expected != 0 and _close(value, -expected, rtol, atol):
        sign = "positive" if expected > 0 else "negative"
        return f"has the wrong sign; the expected value is {sign}."
    if expected != 0 and value != 0 and _close(value, 1 / expected, rtol, atol):
        return "is the reciprocal of the expected value: did you invert a ratio?"
    ln10 = math.log(10)
    for factor, text in ((ln10, "about ln(10) = 2.303 times"),
                         (1 / ln10, "about 1/ln(10) = 0.434 times")):
        if _close(value, expected * factor, rtol, atol):
            return f"is {text} the expected value: did you mix log10 and the natural log?"
    if _close(value, expected * 100, rtol, atol):
        return "is 100 times the expected value: give a fraction, not a percentage."
    if expected != 0 and value * expected > 0:
        ratio = math.log10(value / expected)
        if abs(ratio) >= 0.9 and abs(ratio - round(ratio)) < math.log10(1 + rtol) + 1e-12:
            k = round(ratio)
            factor = {1: "10", 2: "100"}.get(abs(k), f"10^{abs(k)}")
            times = _TIMES.get(k, f"10^{k} times")
            hint = f": check the units; the answer is in {units}." if units else "."
            return f"is off by a factor of {factor} ({times} the expected value){hint}"
    return ""


def check_function(function: Callable, reference: Callable, x, *, rtol: float = 1e-6,
                   name: str = "your function") -> Feedback:
    """Check a reader's function against the reference on sample inputs.

    Parameters
    ----------
    function : callable
        The reader's function of one array argument.
    reference : callable
        The right function (usually from ``scaling_lab``).
    x : array_like
        Inputs to compare on.
    rtol : float, default 1e-6
        Relative tolerance per point.
    name : str
        How to refer to the function.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import numpy as np
    >>> ref = lambda N: 406.4 / N**0.34
    >>> print(check_function(lambda N: 406.4 * N**0.34, ref, np.logspace(6, 9, 4)))
    Not yet: your function grows where it should fall: is the exponent's sign flipped?
    """
    from ._validate import as_array

    x = as_array("x", x, ndim=np.ndim(x) or 1)
    rtol = _check_setting("rtol", rtol, nonnegative=True)
    try:
        returned = function(x)
    except Exception as error:  # the reader's code may fail in any way; report it
        return Feedback(False, f"Not yet: {name} raised {type(error).__name__}: {error}")
    try:
        got = np.asarray(returned)
        if got.dtype.kind not in "iuf":
            raise TypeError(got.dtype)
        got = got.astype(float)
    except (TypeError, ValueError, OverflowError):
        return Feedback(False, f"Not yet: {name} returned {_shown(returned)}, not real "
                               "numbers; return the value of the formula at x.")
    want = np.asarray(reference(x), dtype=float)
    if got.shape != want.shape:
        return Feedback(False, f"Not yet: {name} returned shape {got.shape} for input of "
                               f"shape {x.shape}; expected {want.shape}. Use numpy "
                               "operations so it works on arrays.")
    if not np.all(np.isfinite(got)):
        return Feedback(False, f"Not yet: {name} returned non-finite values (nan or inf).")
    if np.allclose(got, want, rtol=rtol, atol=0):
        return Feedback(True, f"Correct: {name} matches at all {x.size} test points.")
    if x.size > 1 and np.all(want > 0) and np.all(got > 0):
        trend_got = np.sign(np.diff(np.log(got)))
        trend_want = np.sign(np.diff(np.log(want)))
        if np.all(trend_got == -trend_want) and np.all(trend_want != 0):
            word = "grows where it should fall" if trend_want[0] < 0 else \
                "falls where it should grow"
            return Feedback(False, f"Not yet: {name} {word}: is the exponent's sign "
                                   "flipped?")
        ratio = got / want
        if np.allclose(ratio, ratio[0], rtol=rtol):
            return Feedback(False, f"Not yet: {name} has the right shape but is "
                                   f"{ratio[0]:.4g} times too {'large' if ratio[0] > 1 else 'small'}"
                                   ": check the coefficient.")
        diff = got - want
        if np.allclose(diff, diff[0], rtol=1e-6, atol=1e-9 * np.abs(want).max()):
            return Feedback(False, f"Not yet: {name} is off by a constant {diff[0]:.4g}: "
                                   "check the offset (the irreducible term).")
    worst = int(np.argmax(np.abs(got - want) / np.abs(want)))
    return Feedback(False, f"Not yet: at x = {x.ravel()[worst]:.4g} {name} gives "
                           f"{got.ravel()[worst]:.4g}, expected {want.ravel()[worst]:.4g}.")


def check_fit(exponent, x, y, *, offset: bool = False, name: str = "your exponent"
              ) -> Feedback:
    """Check an exponent the reader fitted to ``(x, y)`` against the package's fit.

    The answer is right when it lies inside the 95% interval of
    :func:`scaling_lab.fit.fit_power_law` on the same data. A wrong answer is compared
    with the classic mistakes: a straight line through the raw values (not logs), log10
    of one axis only, and (with ``offset=True``) a pure power law that ignores the
    offset.

    Parameters
    ----------
    exponent : float
        The reader's exponent n of y = k x^n.
    x, y : array_like
        The data the reader fitted.
    offset : bool, default False
        Whether the right model has an irreducible offset.
    name : str
        How to refer to the answer.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import numpy as np
    >>> x = np.logspace(0, 3, 20)
    >>> y = 2.0 + 5.0 * x**-0.5
    >>> print(check_fit(-0.5, x, y, offset=True))  # doctest: +ELLIPSIS
    Correct: your exponent = -0.5 lies in the 95% interval [-0.5..., -0.4...].
    >>> print(check_fit(-0.165, x, y, offset=True))  # doctest: +ELLIPSIS
    Not yet: your exponent = -0.165 matches a pure power law fitted without the offset...
    """
    from .fit import fit_power_law

    offset = check_flag("offset", offset)
    value = _as_number(exponent, name)
    if isinstance(value, Feedback):
        return value
    if not math.isfinite(value):
        return Feedback(False, f"Not yet: {name} is {value}; check for a division by zero "
                               "or the logarithm of a non-positive number.")
    try:
        reference = fit_power_law(x, y, offset=offset)
    except ScalingLabError as error:
        return Feedback(False, f"Not yet: the data cannot be fitted: {error}")
    low, high = reference.n_interval
    pad = max(1e-9, 1e-6 * abs(reference.n))
    if low - pad <= value <= high + pad:
        return Feedback(True, f"Correct: {name} = {value:.4g} lies in the 95% interval "
                              f"[{low:.4g}, {high:.4g}].")
    tol = max(3 * (high - low) / 2, 0.01 * abs(reference.n), 1e-3)
    x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    candidates = {
        "a straight line through the raw values (not their logarithms): fit "
        "log y against log x": float(np.polyfit(x_arr, y_arr, 1)[0]),
        "a fit of log y against x (an exponential, not a power law): take the log of "
        "x too": float(np.polyfit(x_arr, np.log(y_arr), 1)[0]),
    }
    if offset:
        pure = fit_power_law(x_arr, y_arr).n
        candidates = {"a pure power law fitted without the offset: the irreducible "
                      "term flattens the curve, so fit y = c + k x^n": pure, **candidates}
    for mistake, wrong in candidates.items():
        if abs(value - wrong) <= tol:
            return Feedback(False, f"Not yet: {name} = {value:.4g} matches {mistake}.")
    return Feedback(False, f"Not yet: {name} = {value:.4g} lies outside the 95% interval "
                           f"[{low:.4g}, {high:.4g}]; did you fit in log space?")
