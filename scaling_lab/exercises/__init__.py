"""Exercise checks, by exercise id: ``check("power-laws/doubling", answer)``.

Design: a chapter's exercise cell calls :func:`check` with the exercise's id and the
reader's answer, and shows the returned :class:`~scaling_lab.feedback.Feedback`. The
right answer is computed here from the package (never typed into the chapter), so a
reader cannot read it off the page, and a test checks every exercise's right answer and
its most common wrong answers. One module per chapter registers its checks.

Examples
--------
>>> from scaling_lab.exercises import check
>>> bool(check("power-laws/eighty-twenty", 2.161))
True
>>> print(check("power-laws/eighty-twenty", 1.161))  # doctest: +ELLIPSIS
Not yet: alpha = 1.161: that is the Pareto index alpha - 1...
"""

from __future__ import annotations

from collections.abc import Callable

from .._validate import ScalingLabError
from ..feedback import Feedback

__all__ = ["check", "EXERCISES", "exercise", "feedback_catalogue"]

#: Every exercise check by id: a function of the reader's answer returning Feedback.
EXERCISES: dict[str, Callable[..., Feedback]] = {}


def exercise(exercise_id: str):
    """Decorator: register a check function under ``exercise_id``."""

    def decorate(function):
        if exercise_id in EXERCISES:
            raise ScalingLabError(f"exercise {exercise_id!r} is already registered")
        EXERCISES[exercise_id] = function
        return function

    return decorate


def check(exercise_id: str, *answer, **kwargs) -> Feedback:
    """Check the reader's answer to exercise ``exercise_id``; see each chapter."""
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        raise ScalingLabError(f"no exercise {exercise_id!r}; known exercises: {known}")
    return EXERCISES[exercise_id](*answer, **kwargs)


# The chapters' checks register themselves on import.
from . import (  # noqa: E402,F401
    beyond,
    chinchilla,
    kaplan,
    limits,
    measure,
    power_laws,
    quanta,
    zipf,
)
from .catalogue import feedback_catalogue  # noqa: E402
