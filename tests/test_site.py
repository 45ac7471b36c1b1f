"""The built website: complete, offline, executed, and within its weight."""

from __future__ import annotations

import json
import re

import pytest
from sitetools import GUIDE_PAGES, ROOT, SITE, is_notebook, require, toc_files

pytestmark = pytest.mark.site

PAGES = toc_files()
CHAPTERS = [d for d in PAGES if d not in GUIDE_PAGES]
EXTERNAL_ASSET = re.compile(
    r'(?:src|href)="(https?://[^"]+)"|url\((["\']?)(https?://[^)"\']+)')


@pytest.fixture(scope="module", autouse=True)
def built():
    require((SITE / "index.html").exists(), "the site is not built: run 'make book' first")


def html(doc: str) -> str:
    return (SITE / f"{doc}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", PAGES)
def test_every_toc_page_is_built(doc):
    assert (SITE / f"{doc}.html").exists()


def test_no_asset_from_another_host():
    offenders = []
    for path in list(SITE.rglob("*.html")) + list(SITE.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in EXTERNAL_ASSET.finditer(text):
            url = match.group(1) or match.group(3)
            tag_start = text.rfind("<", 0, match.start())
            tag = text[tag_start:match.start()]
            if match.group(1) and tag.startswith("<a "):
                continue  # a link the reader may follow, not an asset the page loads
            offenders.append(f"{path.relative_to(SITE)}: {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_mathjax_is_served_locally():
    page = html("book/power-laws")
    src = re.search(r'<script[^>]+src="([^"]*tex-chtml[^"]*)"', page).group(1)
    assert not src.startswith("http")
    assert (SITE / "book" / src.split("?")[0]).resolve().exists()
    fonts = list((SITE / "_static" / "mathjax").rglob("*.woff"))
    assert fonts, "MathJax's fonts are not shipped"


@pytest.mark.parametrize("doc", [d for d in PAGES if is_notebook(d)])
def test_executed_notebook_is_offered(doc):
    notebook = SITE / "_sources" / f"{doc}.ipynb"
    assert notebook.exists()
    cells = json.loads(notebook.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    # Executed, but for the exercises' solutions, collapsed and cleared for the reader.
    solutions = [c for c in code if c["metadata"].get("jupyter", {}).get("outputs_hidden")]
    assert code and all(c.get("execution_count") for c in code if c not in solutions)
    assert all(not c["outputs"] for c in solutions)
    assert f"{doc.split('/')[-1]}.ipynb" in html(doc)  # the download menu links it


@pytest.mark.parametrize("doc", PAGES)
def test_no_error_or_stray_stderr_in_a_page(doc):
    page = html(doc)
    assert "Traceback (most recent call last)" not in page
    assert 'class="output stderr"' not in page, "a cell printed to stderr"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_has_its_parts(doc):
    page = html(doc)
    exercises = re.findall(r'class="[^"]*exercise[^"]*admonition', page)
    assert len(exercises) >= 4, f"{doc}: {len(exercises)} exercises"
    solutions = re.findall(r'class="[^"]*solution[^"]*dropdown', page)
    assert len(solutions) >= 4, f"{doc}: solutions must be hidden until asked for"
    assert 'class="sl-explorer"' in page, f"{doc}: no explorer"
    assert "Learning goals" in page and "Summary" in page and "References" in page
    assert re.search(r'class="math notranslate nohighlight"', page), f"{doc}: no display math"


@pytest.mark.parametrize("doc", PAGES)
def test_page_weight_within_budget(doc):
    own = (SITE / f"{doc}.html").stat().st_size
    assert own < 3_000_000, f"{doc}.html weighs {own / 1e6:.1f} MB"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_figures_have_alt_text(doc):
    images = re.findall(r"<img [^>]*>", html(doc))
    missing = [img for img in images
               if not re.search(r'alt="[^"]{10,}"', img) or re.search(r'alt="[^"]*\.png"', img)]
    assert not missing, f"{doc}: {len(missing)} figures without alt text"


def test_symbol_table_on_the_intro_page():
    page = html("book/intro")
    assert "Notation" in page and "C = 6ND" in page
    assert "<table" in page, "the symbol table did not render as a table"


@pytest.mark.parametrize("doc", PAGES)
def test_every_named_figure_is_shown(doc):
    """A figure cell that draws nothing (a figure lost by the backend) fails here."""
    source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    names = re.findall(r"^\s+name:\s*(fig-[\w-]+)", source, re.M)
    page = html(doc)
    for name in names:
        block = re.search(rf'<figure[^>]*id="{name}"[^>]*>(.*?)</figure>', page, re.S)
        assert block, f"{doc}: figure {name} is missing"
        assert "<img" in block.group(1), f"{doc}: figure {name} has no image"


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make book" in readme and "make test" in readme


@pytest.mark.parametrize("doc", PAGES)
def test_no_page_carries_unused_widget_state(doc):
    """The site's explorers are static pages; a widget manager never reads the state."""
    assert "application/vnd.jupyter.widget-state+json" not in html(doc)


@pytest.mark.parametrize("doc", PAGES)
def test_no_placeholder_text(doc):
    """No page asks the reader to fill in an address the course should have given."""
    text = html(doc)
    for placeholder in ("&lt;this repository&gt;", "&lt;it&gt;", "<this repository>"):
        assert placeholder not in text, placeholder
