"""Feedback teaches: each common mistake gets its own message."""

import numpy as np
import pytest

from scaling_lab import ScalingLabError, fit_power_law, published
from scaling_lab.exercises import EXERCISES, check
from scaling_lab.exercises.power_laws import synthetic_runs
from scaling_lab.feedback import Feedback, check_fit, check_function, check_number


@pytest.mark.parametrize(("answer", "fragment"), [
    (0.52, "Correct"),
    (-0.52, "n = -0.52 has the wrong sign"),
    (1 / 0.52, "reciprocal"),
    (0.52 * np.log(10), "ln(10)"),
    (0.52 / np.log(10), "1/ln(10)"),
    (52.0, "not a percentage"),
    (5200.0, "off by a factor of 10^4 (10^4 times the expected value)."),
    (5.2, "off by a factor of 10 (ten times the expected value)."),
    (0.052, "off by a factor of 10 (a tenth of the expected value)."),
    (0.61, "n = 0.61 is too large (off by 17%)"),
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


def test_a_power_of_ten_names_the_units_only_when_the_answer_has_them():
    bare = check_number(5.2, 0.52, name="n").message
    assert "units" not in bare and "10^1" not in bare
    billions = check_number(40.4, 4.04e10, name="N_opt", units="parameters").message
    assert billions == ("Not yet: N_opt = 40.4 is off by a factor of 10^9 (10^-9 times the "
                        "expected value): check the units; the answer is in parameters.")
    negative = check_number(-5.0, -0.5, name="the exponent").message
    assert "ten times the expected value" in negative
    with pytest.raises(ScalingLabError, match="'units'"):
        check_number(1.0, 2.0, units="")


def test_feedback_html_has_real_minus_signs():
    html = check_number(-0.52, 0.52, name="n")._repr_html_()
    assert "n = \u22120.52" in html and "-0.52" not in html


def _numeric_calls():
    """Each one-number exercise: its id and what its check was asked to check."""
    from scaling_lab.exercises.catalogue import _one_number
    from scaling_lab.feedback import recording

    for exercise_id, function in sorted(EXERCISES.items()):
        if _one_number(function):
            with recording() as calls:
                check(exercise_id, 0.0)
            if calls:
                yield exercise_id, calls[-1]


def test_the_catalogue_gives_no_answer_away():
    """No number on a row is near the right answer, its negative or ten times it (the
    slips), nor near a fitted exercise's accepted interval; answers are masked."""
    from scaling_lab.exercises import feedback_catalogue
    from scaling_lab.exercises.catalogue import _NUMBER, MASK
    from scaling_lab.exercises.chinchilla import _reference_fit

    by_id = {}
    for row in feedback_catalogue():
        by_id.setdefault(row["exercise"], []).append(row["feedback"])
    lo, hi = _reference_fit().intervals["alpha"]
    checked = 0
    for exercise_id, call in _numeric_calls():
        right = call["expected"]
        revealing = [right, -right, 10 * right]
        if exercise_id == "chinchilla/fit-alpha":
            revealing += [lo, hi]
        for text in by_id[exercise_id]:
            assert f"{call['name']} = {MASK}" in text, text
            for match in _NUMBER.finditer(text):
                if match["keep"] or len(match.group(0)) == 1:  # 1 - x, xmin - 1/2
                    continue
                value = float(match.group(0).replace(",", ""))
                assert not any(np.isclose(value, r, rtol=0.02) for r in revealing), \
                    (exercise_id, text)
            checked += 1
    assert checked >= 100


def test_slips_are_described_and_listed_once():
    """A slip row describes the slip (no value) and never repeats a named mistake:
    ten times tenfold-data's answer is one of its named mistakes, so it has no such row."""
    from scaling_lab.exercises import feedback_catalogue
    from scaling_lab.exercises.catalogue import KNOWN, SLIPS

    rows = feedback_catalogue()
    kinds = {row["mistake"] for row in rows}
    assert set(SLIPS) <= kinds
    for exercise_id in EXERCISES:
        texts = [row["feedback"] for row in rows if row["exercise"] == exercise_id]
        assert len(texts) == len(set(texts)), exercise_id
    tenfold = [row["mistake"] for row in rows if row["exercise"] == "quantization/tenfold-data"]
    assert "ten times the right answer" not in tenfold and KNOWN in tenfold
    assert "the right answer with its sign flipped" in tenfold


def test_units_are_mentioned_only_for_answers_with_units():
    from scaling_lab.exercises import feedback_catalogue

    units = {exercise_id: call["units"] for exercise_id, call in _numeric_calls()}
    assert units["chinchilla/n-opt"] == "parameters" and units["kaplan/crossing"] == "PF-days"
    assert units["power-laws/doubling"] is None and units["beyond/inference-ratio"] is None
    for row in feedback_catalogue():
        if row["mistake"] == "ten times the right answer":
            assert "10^" not in row["feedback"], row
            assert ("check the units" in row["feedback"]) is bool(units[row["exercise"]]), row


def test_no_catalogue_text_contains_sphinx_markup():
    import re

    from scaling_lab.exercises import feedback_catalogue

    for row in feedback_catalogue():
        for text in (row["mistake"], row["feedback"]):
            assert not re.search(r":\w+:`|``", text), row
    summary = [row["feedback"] for row in feedback_catalogue(["quantization/fit-data"])]
    assert summary == ["The slope of L - l1 against D, fitted to the simulated runs of "
                       "exercise_simulation()."]


def test_the_catalogue_table_groups_rows_under_each_exercise():
    from scaling_lab.exercises.catalogue import catalogue_table

    table = catalogue_table("power-laws")
    html = table.html()
    assert table._repr_markdown_() == html and "\n\n" not in html  # one HTML block
    ids = sorted(i for i in EXERCISES if i.startswith("power-laws/"))
    assert html.count("<tbody>") == len(ids)
    assert html.count('scope="colgroup"') == len(ids)
    for exercise_id in ids:  # once, as the group's header, breaking only at the slash
        head, tail = exercise_id.split("/")
        assert html.count(f">{tail}</span>") == 1
        assert f'nowrap">{head}</span>/<wbr><span' in html
    # a long dotted name can break (a phone's column is narrower than it)
    zipf = catalogue_table("zipf").html()
    assert "(scaling_lab.<wbr>zipf.<wbr>discrete_mle)" in zipf
    with pytest.raises(ScalingLabError, match="chapters with exercises"):
        catalogue_table("nope")
