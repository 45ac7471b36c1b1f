"""The handouts of ``make handouts``: PDFs of the slides, the exercise sheets and the book.

One chapter's handouts are printed here (headless Chromium, offline) from the book build;
the full set, with the book's PDF, is checked too when ``make handouts`` has written it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import handouts  # noqa: E402
import slidemarkup  # noqa: E402
from sitetools import require, require_chromium  # noqa: E402

EXECUTED = Path(os.environ.get("COURSE_EXECUTED_NOTEBOOKS",
                               ROOT / "_build" / "jupyter_execute" / "book"))
CHAPTER = "power-laws"  # the first chapter: short, with equations, figures, an explorer


def _text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def _pages(path: Path) -> int:
    pypdf = pytest.importorskip("pypdf")
    return len(pypdf.PdfReader(path).pages)


def _flat(text: str) -> str:
    """Text without white space: PDF extraction breaks lines where the page did."""
    return "".join(text.split())


def _equation_numbers(name: str) -> list[str]:
    import nbformat

    nb = nbformat.read(EXECUTED / f"{name}.ipynb", as_version=4)
    ctx = slidemarkup.Context(
        chapter=slidemarkup.chapter_numbers(ROOT / "_toc.yml").get(name, ""))
    slidemarkup.number_equations(
        [c.source for c in nb.cells if c.cell_type == "markdown"], ctx)
    return [f"({ctx.number(n)})" for n in ctx.equations.values()]


def _raw_glue(name: str, text: str) -> list[str]:
    """Glued values shown as their keys: "key:.3f" (a role left as written) or "[key]"
    (a value the build did not glue). A key in code (``glue("key", x)``) is not one."""
    path = EXECUTED / f"{name}.glue.json"
    keys = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    flat = _flat(text)
    return [k for k in keys if f"{k}:" in flat or f"[{k}]" in flat]


def _slide_count(deck_html: str) -> int:
    """Slides of a deck: its innermost <section> elements."""
    count, depth, inner = 0, 0, False
    for tag in re.finditer(r"<(/?)section\b", deck_html):
        if tag.group(1):
            count += inner
            depth, inner = depth - 1, False
        else:
            depth, inner = depth + 1, True
    return count


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require((ROOT / "_build" / "html" / "index.html").exists() and
            (EXECUTED / f"{CHAPTER}.ipynb").exists(),
            "no book build: `make book` writes _build/html and the executed chapters")
    require_chromium()
    pytest.importorskip("pypdf")
    out = tmp_path_factory.mktemp("handouts")
    written = handouts.build_handouts([CHAPTER], out=out, source=EXECUTED, book=False)
    assert sorted(p.name for p in written) == sorted(
        f"{CHAPTER}-{kind}.pdf" for kind in ("slides", "exercises", "solutions"))
    return out


@pytest.mark.browser
def test_slides_pdf_has_a_page_per_slide_and_the_equations(printed, tmp_path):
    import slides

    deck = slides.build_deck(EXECUTED / f"{CHAPTER}.ipynb", tmp_path)
    pdf = printed / f"{CHAPTER}-slides.pdf"
    assert _pages(pdf) == _slide_count(deck.read_text(encoding="utf-8")) > 10
    text = _text(pdf)
    numbers = _equation_numbers(CHAPTER)
    assert numbers and all(n in text for n in numbers), [n for n in numbers if n not in text]
    assert "y=kxn" in _flat(text)  # the chapter's first equation, typeset
    for raw in ("{glue", "{eq}", "{cite", "{prf:", "$$", "\\tag"):
        assert raw not in text
    assert not _raw_glue(CHAPTER, text)
    # The explorer is printed at its starting frame, and says where it moves.
    assert _flat(handouts.EXPLORER_LINE) in _flat(text)


@pytest.mark.browser
def test_exercise_sheet_has_no_solutions_and_the_solutions_sheet_has(printed):
    number = slidemarkup.chapter_numbers(ROOT / "_toc.yml")[CHAPTER]
    exercises = _text(printed / f"{CHAPTER}-exercises.pdf")
    solutions = _text(printed / f"{CHAPTER}-solutions.pdf")
    assert f"Exercise {number}.1" in exercises and f"Exercise {number}.1" in solutions
    assert "Solution" not in exercises.replace("Solutions are hidden", "")
    assert "Solution to" in solutions
    assert _pages(printed / f"{CHAPTER}-solutions.pdf") > \
        _pages(printed / f"{CHAPTER}-exercises.pdf") >= 1
    for text in (exercises, solutions):
        assert "{glue" not in text and "{eq}" not in text
        assert not _raw_glue(CHAPTER, text)


def test_make_handouts_target_is_wired():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^handouts:", makefile, re.M) and "tools/handouts.py" in makefile
    assert "handouts" in makefile.split(".PHONY:")[1].split("\n")[0]


def test_no_website_says_what_to_run(tmp_path):
    with pytest.raises(handouts.HandoutError, match="make book"):
        handouts.build_handouts([CHAPTER], out=tmp_path / "out", site=tmp_path / "none")


FULL = ROOT / "_build" / "handouts"


def test_the_full_set_when_make_handouts_has_run():
    """Every chapter's three PDFs and the book, each equation of each chapter in its
    slides and in the book, no raw glue key anywhere."""
    if not (FULL / "book.pdf").exists():
        pytest.skip("`make handouts` has not run")
    pytest.importorskip("pypdf")
    book = _text(FULL / "book.pdf")
    assert _pages(FULL / "book.pdf") > 50
    for name in handouts.chapters():
        executed, printed = EXECUTED / f"{name}.ipynb", FULL / f"{name}-slides.pdf"
        if not executed.exists() or not printed.exists() or \
                executed.stat().st_mtime > printed.stat().st_mtime:
            continue  # a chapter added or rebuilt after the handouts were printed
        for kind in ("slides", "exercises", "solutions"):
            assert _pages(FULL / f"{name}-{kind}.pdf") >= 1, (name, kind)
        text = _text(FULL / f"{name}-slides.pdf")
        for number in _equation_numbers(name):
            assert number in text, (name, number)
            assert number in book, (name, number)
        assert not _raw_glue(name, text) and not _raw_glue(name, book), name
