"""The exercise audit: every chapter has at least four exercises, each with a hidden
solution that calls a registered check, and every registered check is used."""

import re

import numpy as np
import pytest
from sitetools import GUIDE_PAGES, ROOT, toc_files

from scaling_lab.exercises import EXERCISES, check

CHAPTERS = [d for d in toc_files() if d not in GUIDE_PAGES]
USED = {}
for doc in CHAPTERS:
    USED[doc] = set(re.findall(r'check\("([\w/-]+)"',
                               (ROOT / f"{doc}.md").read_text(encoding="utf-8")))


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_has_four_checked_exercises(doc):
    source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    exercises = re.findall(r"^```\{exercise\}", source, re.M)
    solutions = re.findall(r"^````\{solution-start\}", source, re.M)
    assert len(exercises) >= 4 and len(solutions) == len(exercises)
    assert len(re.findall(r":class: dropdown", source)) >= len(solutions)
    assert len(USED[doc]) >= 4, f"{doc} checks only {sorted(USED[doc])}"


def test_every_check_used_is_registered_and_every_registered_check_is_used():
    used = set().union(*USED.values())
    assert used <= set(EXERCISES), sorted(used - set(EXERCISES))
    assert set(EXERCISES) <= used, sorted(set(EXERCISES) - used)


def test_zipf_own_text_check():
    from scaling_lab.exercises.zipf import _austen_fit

    fit = _austen_fit()
    assert check("zipf/own-text", fit.s)
    assert "that is alpha" in check("zipf/own-text", fit.alpha).message


def test_chinchilla_split_function_check():
    from scaling_lab.chinchilla import allocation_coefficient, allocation_exponents

    G = allocation_coefficient("hoffmann")
    a, b = allocation_exponents("hoffmann")
    assert check("chinchilla/split-function", lambda C: G * (C / 6) ** a)
    assert "C/6" in check("chinchilla/split-function", lambda C: G * C**a).message
    assert "belongs to D_opt" in check("chinchilla/split-function",
                                       lambda C: G * (C / 6) ** b).message
    assert "raised" in check("chinchilla/split-function",
                             lambda C: np.log(-1 + "x")).message


def test_feedback_page_has_a_section_per_chapter_in_book_order():
    """The feedback catalogue has a real heading per chapter with exercises (so the page
    has a contents panel), in the book's order, each followed by that chapter's table."""
    source = (ROOT / "book/feedback.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \{doc\}`[^`<]+<([\w-]+)>`\n\n```\{code-cell\} ipython3\n"
                          r":tags: \[remove-input\]\ncatalogue_table\(\"([\w-]+)\"\)\n```",
                          source, re.M)
    assert all(doc == chapter for doc, chapter in sections), sections
    with_exercises = [doc.split("/")[-1] for doc in CHAPTERS
                      if any(i.split("/")[0] == doc.split("/")[-1] for i in EXERCISES)]
    assert [doc for doc, _ in sections] == with_exercises
    assert len(re.findall(r"^## ", source, re.M)) == len(sections)
