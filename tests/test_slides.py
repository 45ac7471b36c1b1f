"""The slide decks of ``make slides``: built from the executed chapters, offline, alive.

The rules that turn a chapter into slides are checked on small notebooks; the decks are
built from ``_build/jupyter_execute/book`` (written by the book build that runs before the
tests) and opened in headless Chromium from a server on 127.0.0.1, with every request to
another host blocked and counted, as a reader with no network would open them.
"""

from __future__ import annotations

import doctest
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import slidemarkup  # noqa: E402
import slides  # noqa: E402
from sitetools import serve  # noqa: E402
from slidemarkup import Context, myst_to_markdown, slideshow_notebook  # noqa: E402

# The book build writes them; another folder of executed chapters can be named instead.
EXECUTED = Path(
    os.environ.get(
        "COURSE_EXECUTED_NOTEBOOKS", ROOT / "_build" / "jupyter_execute" / "book"
    )
)


def _notebook(*cells):
    out = []
    for kind, source, *rest in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            cell["outputs"] = rest[0] if rest else []
            cell["execution_count"] = None
        out.append(cell)
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": out}


def _slide_types(nb):
    return [
        (c["cell_type"], c["metadata"].get("slideshow", {}).get("slide_type"))
        for c in nb["cells"]
    ]


# -- the rules, without a browser ---------------------------------------------------------


def test_slidemarkup_doctests():
    result = doctest.testmod(slidemarkup, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_headings_make_slides_and_subslides():
    nb = _notebook(
        ("markdown", "# Title\n\nGoals\n\n## First\n\nText\n\n### Detail\n\nMore"),
        ("code", "x = 1"),
        ("markdown", "## Second\n\n```python\n## not a heading\n```"),
    )
    assert _slide_types(slideshow_notebook(nb)) == [
        ("markdown", "slide"),
        ("markdown", "slide"),
        ("markdown", "subslide"),
        ("code", None),
        ("markdown", "slide"),
    ]


def test_author_markers_are_kept():
    nb = _notebook(("markdown", "Some text"), ("code", "1"))
    nb["cells"][1]["metadata"]["slideshow"] = {"slide_type": "fragment"}
    assert _slide_types(slideshow_notebook(nb)) == [
        ("markdown", None),
        ("code", "fragment"),
    ]


def test_exercises_and_gated_solutions_become_subslides():
    nb = _notebook(
        (
            "markdown",
            "## Exercises\n\n```{exercise} One\n:label: ex-1\nHow much?\n```\n\n"
            "```{exercise} Two\n:label: ex-2\nWhy?\n```\n\n"
            "````{solution-start} ex-2\n:class: dropdown\n````",
        ),
        ("code", "check('x', 1)"),
        ("markdown", "````{solution-end}\n````\n\nAfter the solution."),
        ("code", "y = 2"),
    )
    out = slideshow_notebook(nb)
    texts = [c["source"] for c in out["cells"]]
    assert (
        texts[0].startswith("## Exercises") and "**Exercise 1 (One).** How much?" in texts[0]
    )
    assert texts[1] == "**Exercise 2 (Two).** Why?"
    assert texts[2] == "**Solution.**"
    assert _slide_types(out) == [
        ("markdown", "slide"),
        ("markdown", "subslide"),
        ("markdown", "subslide"),
        ("code", None),
        ("markdown", "subslide"),
        ("code", None),
    ]
    assert "solution" not in "".join(texts[3:]).lower().replace("after the solution", "")


def test_myst_markup_becomes_markdown():
    ctx = Context(
        titles={"zipf": "Zipf's law"},
        citations={"hoffmann2022": ("Hoffmann et al.", "2022")},
    )
    text = (
        "(sec-x)=\n% a comment\nSee {doc}`zipf`, {cite:p}`hoffmann2022` and "
        "{eq}`eq-c`, but not `{eq}` in code.\n\n"
        "```{math}\n:label: eq-c\nC = 6ND\n```\n\n"
        ":::{prf:theorem} Optimum\nIt exists.\n:::\n\n"
        "```{note}\nMind the units.\n```"
    )
    out = myst_to_markdown(text, ctx)
    assert "(sec-x)=" not in out and "comment" not in out
    assert (
        "See *Zipf's law*, (Hoffmann et al. 2022) and (1), but not `{eq}` in code." in out
    )
    assert "C = 6ND \\tag{1}" in out
    assert "**Theorem (Optimum).** It exists." in out  # no label: numbered in a notebook
    assert "> **Note.**" in out and "> Mind the units." in out


def test_the_book_numbers_on_the_slides():
    """Eq. (4.1), Theorem 4.1, Exercise 4.2, Fig. 4.1, as the book prints them; a
    reference shows the number or the section's title, never the raw label."""
    figure = {"mystnb": {"figure": {"name": "fig-x", "caption": "A figure."}}}
    nb = _notebook(
        ("markdown", "# Chinchilla\n\n(sec-law)=\n## The law\n\n$$\nL = E\n$$ (eq-law)\n\n"
                     ":::{prf:theorem} Optimum\n:label: thm-opt\nIt exists.\n:::"),
        ("code", "plot()", [{"output_type": "display_data", "metadata": {},
                             "data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}]),
        ("markdown", "By {eq}`eq-law`, {prf:ref}`thm-opt` and {numref}`fig-x`; see "
                     "{ref}`sec-law`.\n\n```{exercise} One\n:label: ex-a\nQ?\n```\n\n"
                     "```{exercise} Two\n:label: ex-b\nAs {ref}`ex-a`.\n```"),
    )
    nb["cells"][1]["metadata"] = figure
    ctx = Context(chapter="4")
    text = "\n".join(c["source"] for c in slideshow_notebook(nb, ctx)["cells"]
                     if c["cell_type"] == "markdown")
    assert "L = E \\tag{4.1}" in text
    assert "**Theorem 4.1 (Optimum).**" in text
    assert "By (4.1), Theorem 4.1 and Fig. 4.1; see The law." in text
    assert "**Exercise 4.1 (One).**" in text and "**Exercise 4.2 (Two).** As Exercise 4.1." in text
    assert "thm-opt" not in text and "((" not in text


def test_chapter_numbers_follow_the_table_of_contents():
    numbers = slidemarkup.chapter_numbers(ROOT / "_toc.yml")
    assert numbers["power-laws"] == "1" and numbers["zipf"] == "2"
    assert "intro" not in numbers and "how-to-use" not in numbers


def test_long_sections_are_cut_into_slides_that_fit():
    para = "A sentence of about seventy characters, repeated to make a paragraph. " * 4
    table = "| a | b |\n|---|---|\n" + "\n".join(f"| {i} | {i * i} |" for i in range(30))
    nb = _notebook(("markdown", f"## Long\n\n{para}\n\n{para}\n\n{para}\n\n{table}\n\n"
                                f"{para}\n\n```python\nx = 1\n\ny = 2\n```"))
    cells = slideshow_notebook(nb)["cells"]
    assert len(cells) > 2
    for cell in cells:
        assert slidemarkup.text_height(cell["source"]) <= slidemarkup.SLIDE_LINES + 3
    assert cells[1]["source"].startswith("## Long (continued)")
    assert any("```python\nx = 1\n\ny = 2\n```" in c["source"] for c in cells)  # whole
    assert sum(c["source"].count("| 2") for c in cells) >= 1  # every table part...
    assert all(c["source"].count("|---|---|") <= c["source"].count("| a | b |")
               for c in cells)  # ...keeps its header


def test_plot_code_is_hidden_on_slides():
    image = {"output_type": "display_data", "metadata": {},
             "data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}
    nb = _notebook(("markdown", "## A"), ("code", "fig = plot()", [image]),
                   ("code", "fit = sl.fit_power_law(x, y)"))
    cells = slideshow_notebook(nb)["cells"]
    assert "remove-input" in cells[1]["metadata"]["tags"]
    assert "tags" not in cells[2]["metadata"]  # a short call stays on the slide
    assert cells[1]["metadata"]["slideshow"]["slide_type"] == "subslide"


def test_explorer_outputs_keep_only_the_static_page():
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    output = {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {
            "text/plain": "<Explorer>",
            "text/html": '<div class="sl-explorer"><input type="range"></div>',
            "application/vnd.jupyter.widget-view+json": view,
        },
    }
    nb = _notebook(
        ("markdown", "## A"), ("code", "explorer", [output]), ("markdown", "Next")
    )
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    out = slideshow_notebook(nb)
    assert "widgets" not in out["metadata"]
    data = out["cells"][1]["outputs"][0]["data"]
    assert set(data) == {"text/plain", "text/html"}
    # The explorer stands on a sub-slide of its own; the text after it too.
    assert _slide_types(out) == [
        ("markdown", "slide"),
        ("code", "subslide"),
        ("markdown", "subslide"),
    ]
    assert "widgets" in nb["metadata"]  # the input is not changed


def test_external_urls_are_found():
    page = (
        '<script src="https://cdn.example/x.js"></script><a href="https://arxiv.org/">'
        "paper</a><style>@import url(https://fonts.example/css);</style>"
        '<svg xmlns="http://www.w3.org/2000/svg"></svg><script src="reveal.js/r.js">'
    )
    assert slides._external_urls(page) == [
        "https://cdn.example/x.js",
        "https://fonts.example/css",
    ]


# -- the decks ----------------------------------------------------------------------------

#: The fit guard may shrink a slide a little; below this it would be hard to read.
MIN_SCALE = 0.8


def _executed_chapters():
    return slides.deck_names(EXECUTED) if EXECUTED.is_dir() else []


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    names = _executed_chapters()
    if not names:
        pytest.skip(
            f"no executed chapters in {EXECUTED}: `make book` writes them "
            "(`make test` builds the book first)"
        )
    out = tmp_path_factory.mktemp("slides")
    built = slides.build_decks(EXECUTED, out)
    assert [p.name for p in built] == [f"{n}.slides.html" for n in names]
    return out


def test_a_deck_per_executed_chapter_with_local_assets(decks):
    names = _executed_chapters()
    assert (decks / "reveal.js" / "dist" / "reveal.js").is_file()
    assert (decks / "reveal.js" / "dist" / "theme" / "white.css").is_file()
    assert (decks / "mathjax" / "tex-chtml.js").is_file()
    index = (decks / "index.html").read_text(encoding="utf-8")
    for name in names:
        page = (decks / f"{name}.slides.html").read_text(encoding="utf-8")
        assert slides._external_urls(page) == [], name
        assert 'src="reveal.js/dist/reveal.js"' in page
        assert 'src="mathjax/tex-chtml.js"' in page
        assert "require.js" not in page and "unpkg.com" not in page
        assert "application/vnd.jupyter.widget-view+json" not in page, name
        assert f'href="{name}.slides.html"' in index
        # Every explorer of the executed chapter is in its deck.
        executed = (EXECUTED / f"{name}.ipynb").read_text(encoding="utf-8")
        explorers = set(re.findall(r'data-explorer=\\"([^"\\]+)\\"', executed))
        assert explorers == set(re.findall(r'data-explorer="([^"]+)"', page)), name


# -- the decks in a browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def served(decks):
    with serve(decks) as url:
        yield url


def _open(browser, url):
    """A page at ``url`` with every request to another host blocked and recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    record = {"external": [], "failed": [], "errors": []}

    def route(request_route):
        request = request_route.request
        if urlparse(request.url).hostname == "127.0.0.1" or request.url.startswith(
            ("data:", "blob:", "file:")
        ):
            request_route.continue_()
        else:
            record["external"].append(request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda r: record["failed"].append(r.url))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("MathJax.startup.promise")
    return page, record


def _website_paths(name: str) -> dict[str, list[str]]:
    """Each explorer's starting lines as the executed chapter (the website) holds them."""
    import nbformat

    paths = {}
    for cell in nbformat.read(EXECUTED / f"{name}.ipynb", as_version=4).cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            found = re.search(r'data-explorer="([^"]+)"', page)
            if found:
                paths[found.group(1)] = re.findall(
                    r'<path data-sl-line="\d+"[^>]*? d="([^"]*)"', page
                )
    return paths


_PATHS = """root => Array.from(root.querySelectorAll('path[data-sl-line]'))
    .map(p => p.getAttribute('d'))"""
_INDICES = """root => Array.from(root.querySelectorAll('input[type=range]'))
    .map(i => Number(i.value))"""
_DATA = "root => JSON.parse(root.querySelector('script.sl-data').textContent)"


@pytest.mark.browser
@pytest.mark.parametrize("name", _executed_chapters() or ["(none)"])
def test_deck_offline_with_math_and_live_explorers(browser, served, name, tmp_path):
    """No request leaves 127.0.0.1, math is typeset, and every explorer's sliders, moved
    with the keyboard, switch its lines to the frames the book build computed."""
    from scaling_lab import get_explorer

    if name == "(none)":
        pytest.skip(f"no executed chapters in {EXECUTED}")
    website = _website_paths(name)
    page, record = _open(browser, f"{served}/{name}.slides.html")
    try:
        assert page.evaluate("Reveal.getTotalSlides()") >= 1
        markdown = page.evaluate("""() => Array.from(
            document.querySelectorAll('.jp-MarkdownCell'))
            .map(c => c.textContent).join(' ')""")
        assert "$$" not in markdown and "\\(" not in markdown and "\\tag" not in markdown
        assert (
            "{glue" not in markdown and "{eq}" not in markdown and "{cite" not in markdown
        )
        if "$" in (EXECUTED / f"{name}.ipynb").read_text(encoding="utf-8"):
            assert page.locator("mjx-container").count() > 0
        explorers = page.locator(".sl-explorer")
        assert explorers.count() == len(website)
        for k in range(explorers.count()):
            explorer_div = explorers.nth(k)
            explorer = get_explorer(explorer_div.get_attribute("data-explorer"))
            indices = explorer_div.evaluate("e => Reveal.getIndices(e.closest('section'))")
            page.evaluate(f"Reveal.slide({indices['h']}, {indices.get('v') or 0})")
            handle = explorer_div.element_handle()
            data = handle.evaluate(_DATA)
            # The deck's sliders are the package's sliders.
            assert len(data["sliders"]) == len(explorer.sliders)
            for shown, slider in zip(data["sliders"], explorer.sliders, strict=True):
                assert shown["values"] == pytest.approx(list(slider.values), rel=1e-12)
            seen = [handle.evaluate(_PATHS)]
            assert seen[0] == website[explorer.name], explorer.name
            assert seen[0] == explorer.frame_paths(), (
                f"{explorer.name}: the executed chapter differs from what scaling_lab "
                "computes now; rebuild the book"
            )
            for s, slider in enumerate(explorer.sliders):
                control = explorer_div.locator("input[type=range]").nth(s)
                for key in ("End", "ArrowLeft", "Home"):
                    control.focus()
                    control.press(key)
                    position = sum(
                        i * stride
                        for i, stride in zip(
                            handle.evaluate(_INDICES), data["strides"], strict=True
                        )
                    )
                    seen.append(handle.evaluate(_PATHS))
                    assert seen[-1] == [
                        data["strings"][j] for j in data["frames"][position]
                    ], (explorer.name, slider.name, key)
                    # ... which are the lines scaling_lab draws at those slider values.
                    indices_now = handle.evaluate(_INDICES)
                    values = {
                        s.name: s.values[i]
                        for s, i in zip(explorer.sliders, indices_now, strict=True)
                    }
                    assert seen[-1] == explorer.frame_paths(**values), (
                        explorer.name,
                        values,
                    )
                # The keys moved the slider, not the slides.
                assert page.evaluate("Reveal.getIndices()")["h"] == indices["h"]
            assert len({tuple(paths) for paths in seen}) > 1, "the lines never moved"
            page.screenshot(path=str(tmp_path / f"{name}-{k}.png"))
        assert record == {"external": [], "failed": [], "errors": []}
    finally:
        page.close()


def test_decks_follow_the_course_order(tmp_path):
    for name in ("zipf", "power-laws", "intro", "kaplan"):
        (tmp_path / f"{name}.ipynb").write_text("{}")
    assert slides.deck_names(tmp_path) == ["intro", "power-laws", "zipf", "kaplan"]


_MEASURE = """() => {
  const height = Reveal.getConfig().height, out = [];
  Reveal.getSlides().forEach((slide, i) => {
    const ix = Reveal.getIndices(slide);
    Reveal.slide(ix.h, ix.v);
    const s = Reveal.getCurrentSlide();
    const zoom = Number(s.style.zoom || 1);
    out.push({i, height: Math.max(s.getBoundingClientRect().height / Reveal.getScale(),
                                  s.scrollHeight * zoom),
              scale: Number(s.dataset.slFit || 1),
              text: (s.innerText || '').trim().slice(0, 60)});
  });
  return {height, slides: out};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_every_slide_fits_the_screen(browser, served, size):
    """Every slide of every deck fits the screen without scrolling, and none needed the
    fit guard to shrink it below MIN_SCALE."""
    failures = []
    for name in _executed_chapters():
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        try:
            page.goto(f"{served}/{name}.slides.html")
            page.wait_for_function("window.Reveal && Reveal.isReady()")
            page.wait_for_timeout(500)  # MathJax typesets before the measure
            result = page.evaluate(_MEASURE)
            for slide in result["slides"]:
                if slide["height"] > result["height"] + 2 or slide["scale"] < MIN_SCALE:
                    failures.append((name, slide))
        finally:
            page.close()
    assert not failures, failures


@pytest.mark.browser
def test_deck_opens_from_a_file_too(browser, decks):
    """Copied to a laptop and double-clicked: a deck needs no server either."""
    name = _executed_chapters()[0]
    page, record = _open(browser, (decks / f"{name}.slides.html").as_uri())
    try:
        assert page.evaluate("Reveal.getTotalSlides()") >= 1
        assert record["external"] == [] and record["errors"] == []
    finally:
        page.close()


def test_make_slides_target_is_wired():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^slides:", makefile, re.M) and "tools/slides.py" in makefile
    assert "slides" in makefile.split(".PHONY:")[1].split("\n")[0]


def test_no_executed_notebooks_says_what_to_run(tmp_path):
    with pytest.raises(SystemExit, match="make book"):
        slides.build_decks(tmp_path / "none", tmp_path / "out")


# -- speaker notes from the instructors' page ---------------------------------------------

_PLAN = """# For instructors

## Presenting

Text that is no chapter's.

## Chapter 1: Power laws

The chapter: {doc}`power-laws`.

**Lecture plan (50 min).**

| Minutes | Section | What to do |
| --- | --- | --- |
| 0-5 | Title | Ask: what is $2^{-1/2}$? (Expected: about 0.71.) |
| 5-12 | Intuition; The math | The table, then the definition. |

**Explorer.** `power-laws/k-n-offset` at minute 37: move $n$ first.
Then `power-laws/other` at minute 40: move $k$.

**Exercises.** In class: "Doubling a model".

**Common mistakes.**
- The sign of the exponent.
"""


def test_lecture_plan_items_become_notes_of_their_slides(tmp_path):
    page = tmp_path / "instructors.md"
    page.write_text(_PLAN, encoding="utf-8")
    notes = slidemarkup.lecture_notes(page)
    assert set(notes) == {"power-laws"}
    kinds = [(n.kind, n.target) for n in notes["power-laws"]]
    assert kinds == [("section", "Title"), ("section", "Intuition"), ("section", "The math"),
                     ("explorer", "power-laws/k-n-offset"), ("explorer", "power-laws/other"),
                     ("section", "Exercises"), ("section", "Misconceptions|Exercises")]
    first, other = (n.text for n in notes["power-laws"][3:5])
    assert "move $n$ first" in first and "move $k$" not in first and "move $k$" in other
    explorer = {"output_type": "display_data", "metadata": {}, "data": {
        "text/html": '<div class="sl-explorer" data-explorer="power-laws/k-n-offset">'
                     '<input type="range"></div>', "text/plain": "<Explorer>"}}
    nb = _notebook(("markdown", "# Power laws\n\nGoals.\n\n## Intuition: a factor\n\nText"),
                   ("code", "show()", [explorer]),
                   ("markdown", "## The math\n\nMore.\n\n## Exercises\n\nDo them."))
    cells = slideshow_notebook(nb)["cells"]
    missing = slidemarkup.attach_notes(cells, notes["power-laws"])
    assert [(n.kind, n.target) for n in missing] == [("explorer", "power-laws/other")]
    order = [(c["metadata"].get("slideshow", {}).get("slide_type"),
              c["source"].split("\n")[0][:12]) for c in cells]
    assert order == [
        ("slide", "# Power laws"), ("notes", "**Minutes 0-"),
        ("slide", "## Intuition"), ("notes", "**Minutes 5-"),
        ("subslide", "show()"), ("notes", "**Explorer.*"),
        ("slide", "## The math"), ("notes", "**Minutes 5-"),
        ("slide", "## Exercises"), ("notes", "**Exercises."),
    ]
    # Common mistakes fall back to the Exercises slide in a chapter without
    # Misconceptions, in the same notes cell.
    assert "The sign of the exponent" in cells[-1]["source"]


def test_every_plan_item_of_the_instructors_page_has_its_slide():
    """A heading renamed in a chapter, or a plan row naming no heading, fails here."""
    import nbformat

    names = _executed_chapters()
    if not names:
        pytest.skip(f"no executed chapters in {EXECUTED}")
    plans = slidemarkup.lecture_notes(ROOT / "book" / "instructors.md")
    chapters = [n for n in names if n in slidemarkup.chapter_numbers(ROOT / "_toc.yml")]
    assert chapters and set(chapters) <= set(plans)
    for name in chapters:
        nb = nbformat.read(EXECUTED / f"{name}.ipynb", as_version=4)
        cells = slideshow_notebook(nb, slides.context())["cells"]
        missing = slidemarkup.attach_notes(cells, plans[name])
        assert not missing, (name, [(n.kind, n.target) for n in missing])
        kinds = {n.kind for n in plans[name]}
        assert kinds == {"section", "explorer"}, name


class _Sections(__import__("html.parser").parser.HTMLParser):
    """The innermost <section>s of a deck: their h1/h2 title, explorers and notes."""

    def __init__(self):
        super().__init__()
        self.stack, self.done, self.capture = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.stack.append({"title": "", "level": 0, "explorers": set(), "notes": ""})
        elif self.stack and tag in {"h1", "h2"} and not self.stack[-1]["level"]:
            self.stack[-1]["level"], self.capture = int(tag[1]), "title"
        elif self.stack and tag == "aside" and "notes" in attrs.get("class", ""):
            self.capture = "notes"
        if self.stack and attrs.get("data-explorer"):
            self.stack[-1]["explorers"].add(attrs["data-explorer"])

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.done.append(self.stack.pop())
        elif (tag in {"h1", "h2"} and self.capture == "title") or (
                tag == "aside" and self.capture == "notes"):
            self.capture = None

    def handle_data(self, data):
        if self.capture and self.stack:
            self.stack[-1][self.capture] += data


def test_every_deck_has_its_notes_on_the_slides_of_their_sections(decks):
    plans = slidemarkup.lecture_notes(ROOT / "book" / "instructors.md")
    numbered = slidemarkup.chapter_numbers(ROOT / "_toc.yml")
    for name in _executed_chapters():
        if name not in numbered:
            continue
        parser = _Sections()
        parser.feed((decks / f"{name}.slides.html").read_text(encoding="utf-8"))
        with_notes = [s for s in parser.done if s["notes"].strip()]
        assert with_notes, f"{name}: no speaker notes"
        for note in plans[name]:
            plain = re.sub(r"(?m)^\s*- ", "", note.text)  # a list renders without "- "
            key = " ".join(re.sub(r"[*`$\\]", "", plain).split())[:50]
            homes = [s for s in with_notes
                     if key in " ".join(re.sub(r"[*`$\\]", "", s["notes"]).split())]
            assert homes, (name, note.target, key)
            if note.kind == "explorer":
                assert any(note.target in s["explorers"] for s in homes), (name, note)
                continue
            targets = note.target.lower().split("|")
            assert any(
                (t == "title" and s["level"] == 1)
                or (s["level"] == 2 and s["title"].replace("¶", "").strip().lower()
                    .startswith(t))
                for s in homes for t in targets
            ), (name, note.target, [s["title"] for s in homes])


@pytest.mark.browser
def test_speaker_view_opens_offline_with_the_notes(browser, decks):
    """Key S opens reveal.js's speaker view, which shows the slide's notes, with no
    network (the deck opened as a file)."""
    name = next(n for n in _executed_chapters()
                if n in slidemarkup.chapter_numbers(ROOT / "_toc.yml"))
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    external = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            external.append(url)
            request_route.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto((decks / f"{name}.slides.html").as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        with page.expect_popup() as popup_info:
            page.keyboard.press("s")
        popup = popup_info.value
        popup.wait_for_selector(".speaker-controls-notes", timeout=30_000)
        popup.wait_for_function(
            "document.querySelector('.speaker-controls-notes .value')"
            " && document.querySelector('.speaker-controls-notes .value')"
            ".textContent.includes('Minutes')", timeout=30_000)
    finally:
        context.close()
    assert external == []


def test_long_printed_text_is_cut_into_slides():
    listing = "".join(f"line {i}\n" for i in range(50))
    stream = {"output_type": "stream", "name": "stdout", "text": listing}
    nb = _notebook(("markdown", "## Code"), ("code", "print(source)", [stream]))
    cells = slideshow_notebook(nb)["cells"][1:]
    assert len(cells) == -(-50 // slidemarkup.STREAM_LINES)
    assert "".join(c["outputs"][0]["text"] for c in cells) == listing  # every line, once
    assert all("remove-input" in c["metadata"]["tags"] for c in cells)
    assert all(c["metadata"]["slideshow"]["slide_type"] == "subslide" for c in cells)
