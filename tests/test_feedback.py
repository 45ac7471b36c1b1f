"""Feedback teaches: each common mistake gets its own message."""

import numpy as np
import pytest

from scaling_lab import ScalingLabError, fit_power_law, published
from scaling_lab.exercises import EXERCISES, check
from scaling_lab.exercises.power_laws import synthetic_runs
from scaling_lab.feedback import Feedback, check_fit, check_function, check_number


@pytest.mark.parametrize(("answer", "fragment"), [
    (0.52, "Correct"),
    (-0.52, "wrong sign"),
    (1 / 0.52, "reciprocal"),
    (0.52 * np.log(10), "ln(10)"),
    (0.52 / np.log(10), "1/ln(10)"),
    (52.0, "not a percentage"),
    (5200.0, "factor 10^4"),
    (0.61, "too large (off by 17%)"),
    ("0.52", "must be a number, not a str"),
    (None, "must be a number"),
    (float("nan"), "division by zero"),
])
def test_check_number_diagnoses(answer, fragment):
    feedback = check_number(answer, 0.52, name="n")
    assert isinstance(feedback, Feedback)
    assert fragment in feedback.message
    assert bool(feedback) is (fragment == "Correct")


def test_named_mistakes_come_first():
    feedback = check_number(0.61, 0.52, mistakes={"did you fit in log space?": 0.61})
    assert not feedback and "did you fit in log space?" in feedback.message


def test_feedback_renders_html_escaped():
    html = check_number("<b>", 1.0)._repr_html_()
    assert "&lt;b&gt;" in html and "✗" in html


def test_check_function_cases():
    ref = lambda N: 406.4 / N**0.34  # noqa: E731
    x = np.logspace(6, 9, 4)
    assert check_function(ref, ref, x)
    assert "sign flipped" in check_function(lambda N: 406.4 * N**0.34, ref, x).message
    assert "times too large" in check_function(lambda N: 2 * ref(N), ref, x).message
    assert "constant 1.69" in check_function(lambda N: ref(N) + 1.69, ref, x).message
    assert "raised ZeroDivisionError" in check_function(lambda N: 1 / 0, ref, x).message
    assert "shape" in check_function(lambda N: 1.0, ref, x).message


def test_check_fit_diagnoses_raw_and_offset_mistakes():
    x = np.logspace(0, 3, 20)
    y = 3 * x**-0.7
    assert check_fit(-0.7, x, y)
    raw_slope = float(np.polyfit(x, y, 1)[0])
    assert "raw values" in check_fit(raw_slope, x, y).message
    y_off = 2.0 + 5.0 * x**-0.5
    pure = fit_power_law(x, y_off).n
    assert "without the offset" in check_fit(pure, x, y_off, offset=True).message
    assert "must be a number" in check_fit("x", x, y).message


def test_every_power_laws_exercise_accepts_its_solution_and_rejects_a_mistake():
    k = published.KAPLAN
    assert check("power-laws/doubling", 2 ** -k.alpha_N)
    assert "going *up*" in check("power-laws/doubling", 2 ** k.alpha_N).message
    assert check("power-laws/eighty-twenty", 2.16096)
    assert "Pareto index" in check("power-laws/eighty-twenty", 1.16096).message
    N, L = synthetic_runs()
    assert check("power-laws/fit-exponent", fit_power_law(N, L).n)
    assert not check("power-laws/fit-exponent", -0.5)
    N, L = synthetic_runs(offset=True)
    assert check("power-laws/fit-offset", fit_power_law(N, L, offset=True).n)
    assert "without the offset" in check("power-laws/fit-offset",
                                         fit_power_law(N, L).n).message
    assert check("power-laws/kaplan-function", lambda N: (k.N_c / N) ** k.alpha_N)
    assert not check("power-laws/kaplan-function", lambda N: (N / k.N_c) ** k.alpha_N)


def test_unknown_exercise_lists_known_ones():
    with pytest.raises(ScalingLabError, match="known exercises: .*power-laws/doubling"):
        check("power-laws/nope", 1)


def test_every_registered_exercise_has_a_docstring():
    for exercise_id, function in EXERCISES.items():
        assert function.__doc__, exercise_id


# -- emphasis and the feedback catalogue ------------------------------------------------


def test_emphasis_is_italic_in_html_and_plain_in_text():
    from scaling_lab.feedback import Feedback

    fb = Feedback(False, "the loss going *up*, not 6*N*D or 2 * 3")
    assert str(fb) == "the loss going up, not 6*N*D or 2 * 3"
    assert "<em>up</em>" in fb._repr_html_() and "*up*" not in fb._repr_html_()
    assert "6*N*D" in fb._repr_html_()


def test_the_catalogue_covers_every_exercise_and_never_says_correct():
    from scaling_lab.exercises import EXERCISES, feedback_catalogue
    from scaling_lab.feedback import _EMPHASIS

    rows = feedback_catalogue()
    assert {row["exercise"] for row in rows} == set(EXERCISES)
    for row in rows:
        assert not row["feedback"].startswith("Correct"), row
        assert not _EMPHASIS.search(row["feedback"]), row  # plain text, no *markup*


def test_each_known_mistake_gets_its_own_diagnosis():
    """A mistake an exercise names is answered with that exercise's words, not with the
    generic 'too large' (the catalogue would show the generic text otherwise)."""
    from scaling_lab.exercises import feedback_catalogue

    known = [row for row in feedback_catalogue() if row["mistake"] == "a known mistake"]
    assert len(known) >= 30
    generic = [row for row in known if "recheck the formula and the units" in row["feedback"]]
    assert not generic, generic
