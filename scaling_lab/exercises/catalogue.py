"""The feedback catalogue: what each exercise's check says to the common wrong answers.

Design: the catalogue is made from the checks themselves, never written by hand, so it
cannot drift from what a reader is told. Each check that takes one number is called once
under :func:`scaling_lab.feedback.recording`, which records the right value and the
mistakes the check knows; each known mistake, and the two slips every reader makes (the
right answer with its sign flipped, ten times the right answer), is then passed to the
real check, and its answer is the catalogue's entry. A slip that the check takes for one
of its named mistakes is not listed a second time. Checks of a function or of a fit are
listed with what they compare.

The catalogue gives no answer away. A slip is described, not given as a number; where a
message repeats the answer it was given (``N = 4.036e+11``), the value is written "…"
(:data:`MASK`), because a named mistake is often a simple function of the right answer
(its reciprocal, one minus it); and so is any other number within a fifth of the right
answer (an accepted interval, a fitted value). Everything else is what the check says.

Examples
--------
>>> rows = feedback_catalogue(["power-laws/eighty-twenty"])
>>> [row["mistake"] for row in rows]
['a known mistake', 'the right answer with its sign flipped', 'ten times the right answer']
>>> rows[0]["feedback"].startswith("Not yet: alpha = …: that is the Pareto index")
True
>>> rows[1]["feedback"]
'Not yet: alpha = … has the wrong sign; the expected value is positive.'
>>> "<tbody>" in catalogue_table("power-laws").html()
True
"""

from __future__ import annotations

import html
import inspect
import math
import re

from .._validate import ScalingLabError
from ..feedback import recording
from ..units import readable_numbers

__all__ = ["feedback_catalogue", "catalogue_table", "CatalogueTable", "MASK", "SLIPS"]

#: What the catalogue writes in place of a number that would give the answer away.
MASK = "…"
#: A number this close to the right answer (relative) is masked: it would reveal it.
REVEALING = 0.2
#: The slips checked for every numeric exercise besides its own known mistakes.
SLIPS = {"the right answer with its sign flipped": lambda x: -x,
         "ten times the right answer": lambda x: 10 * x}
KNOWN = "a known mistake"
COMPARES = "(compares a function or a fit)"

# A number as a message writes it: -0.52, 14,072, 1.2e+22 (not the 1 of l1 or 67B); the
# numbers of the generic diagnoses ("a factor of 10", "ln(10) = 2.303") are kept as they
# are, whatever the right answer.
_NUMBER = re.compile(r"(?P<keep>a factor of [\d^]+|ln\(10\) = [\d.]+|\b10\^-?\d+ times|"
                     r"\b100 times)|"
                     r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][+-]?\d+)?(?!\w)")
# reST markup in a docstring: :func:`~a.b`, :math:`x`, ``code``.
_ROLE = re.compile(r":(\w+):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _one_number(function) -> bool:
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    required = [p for p in parameters if p.default is p.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == 1


def _plain(text: str) -> str:
    """A docstring's reST as plain text: ``:func:`f``` -> f(), ````x```` -> x."""
    def role(match):
        kind, target = match.groups()
        target = re.sub(r"^(.*?)\s*<.*>$", r"\1", target)  # an explicit title
        if kind in ("func", "meth") and not target.endswith(")"):
            target += "()"
        return target

    return _LITERAL.sub(r"\1", _ROLE.sub(role, text))


def _summary(function) -> str:
    """The first paragraph of a check's docstring, on one line, as plain text."""
    paragraph = (inspect.getdoc(function) or "").split("\n\n")[0]
    return _plain(" ".join(paragraph.split()))


def _masked(text: str, name: str, tried: float, expected: float) -> str:
    """``text`` with the repeated answer and any number near ``expected`` as MASK."""
    echo = f"{name} = {tried:.4g}"
    text = text.replace(echo, f"{name} = {MASK}") if echo in text else \
        text.replace(f"{tried:.4g}", MASK)

    def hide(match):
        token = match.group(0)
        if match["keep"] or re.fullmatch(r"-?\d", token):  # a digit of a formula: 1 - x
            return token
        value = float(token.replace(",", ""))
        near = value * expected > 0 and abs(value - expected) <= REVEALING * abs(expected)
        return MASK if near else token

    return _NUMBER.sub(hide, text)


def feedback_catalogue(ids=None) -> list[dict]:
    """One row per (exercise, wrong answer): ``exercise``, ``mistake`` (what kind of
    wrong answer), ``feedback`` (what the check answers, as plain text, with the numbers
    that would give the answer away written as :data:`MASK`).

    Parameters
    ----------
    ids : sequence of str, optional
        Exercise ids (default: every registered exercise, in id order).
    """
    from . import EXERCISES, check

    rows = []
    for exercise_id in ids or sorted(EXERCISES):
        function = EXERCISES[exercise_id]
        calls = []
        if _one_number(function):
            with recording() as calls:
                check(exercise_id, 0.0)
        if not calls:  # a function or a fit: what the check compares
            rows.append({"exercise": exercise_id, "mistake": COMPARES,
                         "feedback": _summary(function)})
            continue
        call = calls[-1]
        expected, known = call["expected"], list(call["mistakes"].values())
        tried = [(KNOWN, wrong) for wrong in known]
        for slip, make in SLIPS.items() if expected else ():
            wrong = make(expected)
            if not any(math.isclose(wrong, other, rel_tol=call["rtol"],
                                    abs_tol=call["atol"]) for other in known):
                tried.append((slip, wrong))  # a slip the check names is listed once
        seen = set()
        for kind, wrong in tried:
            text = _masked(str(check(exercise_id, wrong)), call["name"], wrong, expected)
            if text not in seen:
                seen.add(text)
                rows.append({"exercise": exercise_id, "mistake": kind, "feedback": text})
    return rows


def _breakable(text: str) -> str:
    """Escaped HTML in which a long token (a dotted name) may break after a dot or a
    slash (a phone's column is narrower than ``(scaling_lab.zipf.discrete_mle)``)."""
    out = []
    for token in re.split(r"(\s+)", html.escape(text, quote=False)):
        if len(token) > 18:
            token = re.sub(r"([./])(?=[\w(])", r"\1<wbr>", token)
        out.append(token)
    return "".join(out)


def _exercise_id(exercise_id: str) -> str:
    """An exercise id as code that breaks only after its slash, never at a hyphen."""
    parts = [f'<span style="white-space:nowrap">{html.escape(part)}</span>'
             for part in exercise_id.split("/")]
    return "<code>" + "/<wbr>".join(parts) + "</code>"


class CatalogueTable:
    """The catalogue of some exercises as a table: a group of rows per exercise, headed
    by its id; shown as a table in a notebook and as plain text in a terminal.

    A notebook is given the table's HTML as Markdown (one raw HTML block): the book then
    places it in the page like any Markdown table, not in a framed HTML output area.

    Parameters
    ----------
    rows : list of dict
        Rows of :func:`feedback_catalogue`.
    """

    def __init__(self, rows: list[dict]):
        self.rows = list(rows)

    def _groups(self):
        groups: dict[str, list[dict]] = {}
        for row in self.rows:
            groups.setdefault(row["exercise"], []).append(row)
        return groups.items()

    def html(self) -> str:
        """The table as HTML (one block, no blank line)."""
        out = ['<div class="pst-scrollable-table-container">',
               '<table class="table sl-catalogue">',
               '<colgroup><col style="width:30%"><col></colgroup>',
               '<thead><tr><th scope="col">answer given</th>'
               '<th scope="col">what <code>check</code> says</th></tr></thead>']
        for exercise_id, rows in self._groups():
            anchor = "exercise-" + re.sub(r"[^\w-]", "-", exercise_id)
            out += ["<tbody>", f'<tr><th scope="colgroup" colspan="2" id="{anchor}" '
                               f'style="text-align:left">{_exercise_id(exercise_id)}'
                               "</th></tr>"]
            for row in rows:
                out.append(f"<tr><td>{html.escape(row['mistake'])}</td>"
                           f"<td>{_breakable(readable_numbers(row['feedback']))}</td></tr>")
            out.append("</tbody>")
        return "\n".join(out + ["</table>", "</div>"])

    def _repr_markdown_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        lines = []
        for exercise_id, rows in self._groups():
            lines.append(exercise_id)
            lines += [f"  {row['mistake']}: {row['feedback']}" for row in rows]
        return "\n".join(lines)

    __repr__ = __str__


def catalogue_table(chapter: str | None = None, ids=None) -> CatalogueTable:
    """The catalogue of one chapter's exercises (``chapter`` is the part of an exercise
    id before the slash), or of the exercises ``ids``.

    >>> print(catalogue_table(ids=["zipf/tokens"]))  # doctest: +ELLIPSIS
    zipf/tokens
      a known mistake: Not yet: the number of tokens = …: that is what str.split() gives...
    """
    from . import EXERCISES

    if ids is None:
        ids = sorted(i for i in EXERCISES if chapter is None or i.split("/")[0] == chapter)
    if not ids:
        chapters = sorted({i.split("/")[0] for i in EXERCISES})
        raise ScalingLabError(f"no exercises in chapter {chapter!r}; chapters with "
                              f"exercises: {', '.join(chapters)}")
    return CatalogueTable(feedback_catalogue(ids))
