"""The feedback catalogue: what each exercise's check says to the common wrong answers.

Design: the catalogue is made from the checks themselves, never written by hand, so it
cannot drift from what a reader is told. Each check that takes one number is called once
under :func:`scaling_lab.feedback.recording`, which records the right value and the
mistakes the check knows; each known mistake, and the two slips every reader makes (a
flipped sign, a power of ten), is then passed to the real check, and its answer is the
catalogue's entry. Checks of a function or of several values are listed by name with
what they compare.

Examples
--------
>>> rows = feedback_catalogue(["power-laws/eighty-twenty"])
>>> rows[0]["exercise"], rows[0]["mistake"]
('power-laws/eighty-twenty', 'a known mistake')
>>> rows[0]["feedback"].startswith("Not yet: alpha = 1.161: that is the Pareto index")
True
>>> print(catalogue_markdown(["power-laws/eighty-twenty"]).splitlines()[0])
## power-laws
"""

from __future__ import annotations

import inspect

from ..feedback import recording

__all__ = ["feedback_catalogue", "catalogue_markdown"]

#: The slips checked for every numeric exercise besides its own known mistakes.
SLIPS = {"the sign flipped": lambda x: -x, "ten times too large": lambda x: 10 * x}


def _one_number(function) -> bool:
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    required = [p for p in parameters if p.default is p.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == 1


def feedback_catalogue(ids=None) -> list[dict]:
    """One row per (exercise, wrong answer): ``exercise``, ``mistake`` (what kind of
    wrong answer), ``feedback`` (what the check answers, as plain text).

    Parameters
    ----------
    ids : sequence of str, optional
        Exercise ids (default: every registered exercise, in id order).
    """
    from . import EXERCISES, check

    rows = []
    for exercise_id in ids or sorted(EXERCISES):
        function = EXERCISES[exercise_id]
        summary = (inspect.getdoc(function) or "").split("\n")[0]
        calls = []
        if _one_number(function):
            with recording() as calls:
                check(exercise_id, 0.0)
        if not calls:  # a function, a fit or several values: what the check compares
            rows.append({"exercise": exercise_id, "mistake": "(compares a function, a "
                         "fit or several values)", "feedback": summary})
            continue
        call = calls[-1]
        tried = [("a known mistake", wrong) for wrong in call["mistakes"].values()]
        if call["expected"]:
            tried += [(slip, make(call["expected"])) for slip, make in SLIPS.items()]
        for kind, wrong in tried:
            rows.append({"exercise": exercise_id, "mistake": kind,
                         "feedback": str(check(exercise_id, wrong))})
    return rows


def catalogue_markdown(ids=None, *, heading=None) -> str:
    """The catalogue as Markdown: a section per chapter, a table per section.

    ``heading(chapter)`` gives a section's heading text (default: the chapter's id, the
    part of an exercise id before the slash).
    """
    out, chapter = [], None
    for row in feedback_catalogue(ids):
        this = row["exercise"].split("/")[0]
        if this != chapter:
            chapter = this
            out += ["", f"## {heading(this) if heading else this}", "",
                    "| exercise | answer given | what `check` says |", "|---|---|---|"]
        text = row["feedback"].replace("|", "\\|").replace("\n", " ")
        out.append(f"| `{row['exercise']}` | {row['mistake']} | {text} |")
    return "\n".join(out).strip() + "\n"
