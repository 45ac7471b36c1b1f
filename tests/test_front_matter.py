"""The pages in front of the chapters list the chapters the table of contents publishes.

The introduction's "What the course covers", the reading table of "How to use this
course" and the lecture plans of "For instructors" each list the numbered chapters. They
are written by hand, so a chapter added to ``_toc.yml``, or moved, leaves them behind
unless a test compares them: each list must name every numbered chapter once, in the
order of the table of contents, with the number the book gives it (Jupyter Book numbers
the chapters of all ``numbered: true`` parts in one sequence).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

#: A link to a chapter: {doc}`name`, {doc}`text <name>`, <a href="name.html">text</a>, or
#: [text](name.md). A link's text must be part of the chapter's title.
_LINK = re.compile(
    r"\{doc\}`(?:(?P<doc_text>[^`<]*?)\s*<)?(?P<doc>[\w-]+)>?`"
    r"|<a href=\"(?P<href>[\w-]+)\.html\">(?P<href_text>[^<]*)</a>"
    r"|\[(?P<md_text>[^\]]*)\]\((?P<md>[\w-]+)\.(?:md|html)\)"
)


def numbered_chapters(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """The numbered chapters' document names, in the order of the table of contents."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    return [Path(chapter["file"]).name
            for part in data.get("parts", []) if part.get("numbered")
            for chapter in part.get("chapters", [])]


def title(name: str) -> str:
    """A chapter's title: its first level-1 heading outside code and front matter."""
    fenced, front = False, False
    for i, line in enumerate((BOOK / f"{name}.md").read_text(encoding="utf-8").splitlines()):
        if i == 0 and line.strip() == "---":
            front = True
            continue
        if front:
            front = line.strip() != "---"
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"book/{name}.md has no level-1 title")


def section(text: str, heading: str) -> list[str]:
    """The lines of the level-2 section ``heading`` of a page, up to the next one."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == f"## {heading}"]
    assert len(starts) == 1, f"expected one section '## {heading}', found {len(starts)}"
    body = []
    for line in lines[starts[0] + 1:]:
        if line.startswith("## "):
            break
        body.append(line)
    return body


def _link(text: str) -> tuple[str, str | None]:
    """The chapter a piece of Markdown links to first, and the link's text if it has one."""
    match = _LINK.search(text)
    assert match, f"no link to a chapter in {text!r}"
    name = match["doc"] or match["href"] or match["md"]
    return name, match["doc_text"] or match["href_text"] or match["md_text"]


def intro_chapters(text: str) -> list[tuple[int, str, str | None]]:
    """(number, chapter, link text) of each item of the intro's numbered list."""
    items = []
    for line in section(text, "What the course covers"):
        item = re.match(r"^(\d+)\.\s+(.*)$", line)
        if item:
            items.append((int(item[1]), *_link(item[2])))
    return items


def reading_table(text: str) -> list[tuple[int, str, str | None, list[str]]]:
    """(number, chapter, link text, other cells) of each row of the reading table."""
    rows = []
    for line in section(text, "Reading order and time"):
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        number = re.match(r"^(\d+)\.\s+(.*)$", cells[0])
        if number:  # the header and the separator have no number
            rows.append((int(number[1]), *_link(number[2]), cells[1:]))
    return rows


def instructor_plans(text: str) -> list[tuple[int, str]]:
    """(number, chapter) of each chapter's lecture plan, in page order.

    A plan is a level-2 section whose first link names a chapter; the plans that the
    lecture tools read are headed "## Chapter N: ...".
    """
    numbered = set(numbered_chapters())
    plans, heading = [], None
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line
            continue
        match = _LINK.search(line) if heading else None
        if match and (match["doc"] or match["href"] or match["md"]) in numbered:
            chapter = re.match(r"^## Chapter (\d+): ", heading)
            plans.append((int(chapter[1]) if chapter else 0,
                          match["doc"] or match["href"] or match["md"]))
            heading = None
    return plans


def _check_list(found, where: str) -> None:
    chapters = numbered_chapters()
    names = [row[1] for row in found]
    assert names == chapters, (
        f"{where} lists {names}; the table of contents numbers {chapters}: a chapter is "
        "left out, added or out of order")
    numbers = [row[0] for row in found]
    assert numbers == list(range(1, len(chapters) + 1)), f"{where} numbers them {numbers}"
    for _, name, text, *_ in found:
        if text is not None:
            assert text.lower() in title(name).lower(), (
                f"{where}: the link text {text!r} is not in the title of "
                f"book/{name}.md, {title(name)!r}")


def test_the_table_of_contents_has_numbered_chapters_with_titles():
    chapters = numbered_chapters()
    assert len(chapters) >= 6 and len(set(chapters)) == len(chapters)
    assert all(title(name) for name in chapters)


def test_the_intro_lists_every_chapter_in_order():
    _check_list(intro_chapters((BOOK / "intro.md").read_text(encoding="utf-8")),
                "book/intro.md, 'What the course covers',")


def test_the_reading_table_lists_every_chapter_in_order():
    rows = reading_table((BOOK / "how-to-use.md").read_text(encoding="utf-8"))
    _check_list(rows, "book/how-to-use.md, 'Reading order and time',")
    for number, name, _, (needs, *times) in rows:
        earlier = [int(n) for n in re.findall(r"\d+", needs)]
        assert all(n < number for n in earlier), (
            f"chapter {number} ({name}) needs chapters {earlier}: only earlier ones")
        assert len(times) == 2 and all(re.fullmatch(r"\d+ min", t) for t in times), (
            f"chapter {number} ({name}): reading and exercise times {times}")


def test_the_instructors_page_has_one_plan_per_chapter_in_order():
    plans = instructor_plans((BOOK / "instructors.md").read_text(encoding="utf-8"))
    chapters = numbered_chapters()
    assert [name for _, name in plans] == chapters, (
        f"the lecture plans are for {[name for _, name in plans]}; the table of contents "
        f"numbers {chapters}")
    assert [number for number, _ in plans] == list(range(1, len(chapters) + 1)), (
        "every plan is headed '## Chapter N: ...' with the chapter's number")


@pytest.mark.parametrize("text, expected", [
    ("## What the course covers\n\n1. {doc}`power-laws`: x\n2. <a href=\"zipf.html\">Z</a>\n"
     "3. {doc}`Kaplan et al. <kaplan>`: y\n4. [C](chinchilla.md)\n\n## Next\n5. {doc}`limits`\n",
     [(1, "power-laws", None), (2, "zipf", "Z"), (3, "kaplan", "Kaplan et al."),
      (4, "chinchilla", "C")]),
])
def test_the_intro_parser_reads_each_kind_of_link(text, expected):
    assert intro_chapters(text) == expected
