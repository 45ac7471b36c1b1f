"""Build one reveal.js deck per chapter from the executed notebooks: ``make slides``.

Design choices:

* **From the executed notebooks.** ``make book`` executes every chapter and myst-nb keeps
  the results in ``_build/jupyter_execute/book/NAME.ipynb``; a deck shows exactly what
  the website shows, computed once, with no kernel.
* **Slides from headings** (``tools/slidemarkup.py``): the title and each level-2
  section are slides; level-3 sections, exercises, solutions and explorers are vertical
  sub-slides. MyST markup is rewritten into Markdown that nbconvert renders.
* **Offline, like the website.** nbconvert's slides exporter points at CDNs for
  reveal.js, require.js, jQuery, MathJax and the widget manager. Here reveal.js comes
  from the ``sphinx-revealjs`` package and MathJax 3 from ``sphinx-mathjax-offline``,
  copied next to the decks (``_build/slides/reveal.js``, ``_build/slides/mathjax``) and
  referenced by relative URLs; the template ``tools/slides_template/course-reveal``
  loads nothing else. A deck works from any static server, or opened as a file.
* **Speaker notes from the instructors' page.** Each chapter's lecture plan in
  ``book/instructors.md`` (its rows name the sections they belong to; the explorer
  paragraph names the explorers) becomes ``notes`` cells on the slides of those
  sections and explorers: reveal.js's notes plugin (copied with reveal.js) shows them in
  its speaker view (key S), which needs no network either.
* **Explorers as on the website.** An explorer's output holds the live widget view and a
  static page (``text/html``: an SVG figure, native range sliders and an inline script).
  nbconvert would prefer the widget view, which needs a kernel, so the widget view and
  the notebook's widget state are dropped and the static page is what the deck shows.

Usage::

    python tools/slides.py                 # every executed chapter -> _build/slides
    python tools/slides.py power-laws      # one chapter
    python tools/slides.py --source DIR --out DIR
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from slidemarkup import (  # noqa: E402
    Context,
    attach_notes,
    chapter_numbers,
    chapter_titles,
    citation_labels,
    lecture_notes,
    slideshow_notebook,
)

ROOT = HERE.parent
SOURCE = ROOT / "_build" / "jupyter_execute" / "book"
OUT = ROOT / "_build" / "slides"
BOOK = ROOT / "book"
TEMPLATES = HERE / "slides_template"

#: Relative URLs of the local copies, as written into every deck.
REVEAL_DIR = "reveal.js"
MATHJAX_DIR = "mathjax"

# Parts of the MathJax package the decks never load (other outputs, bundles).
_MATHJAX_SKIP = re.compile(r"^(mml-|tex-svg|tex-mml|tex-chtml-full|node-main)")
# Pages of the book that are not slideshows.
_NOT_DECKS = {"bibliography", "how-to-use", "instructors", "run-yourself"}


def reveal_source() -> Path:
    """The reveal.js copy bundled by the installed ``sphinx-revealjs`` package."""
    try:
        import sphinx_revealjs
    except ImportError as error:
        raise SystemExit(
            "sphinx-revealjs is not installed: run `make venv` "
            "(it is pinned in requirements.txt)"
        ) from error
    path = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (path / "dist" / "reveal.js").exists():
        raise SystemExit(f"no reveal.js in {path}: reinstall sphinx-revealjs")
    return path


def mathjax_source() -> Path:
    """The MathJax 3 copy bundled by the installed ``sphinx-mathjax-offline`` package."""
    import sysconfig

    path = (
        Path(sysconfig.get_paths()["purelib"])
        / "sphinx-mathjax-offline"
        / "static"
        / "mathjax"
    )
    if not (path / "tex-chtml.js").exists():
        raise SystemExit(
            f"no MathJax in {path}: run `make venv` "
            "(sphinx-mathjax-offline is pinned in requirements.txt)"
        )
    return path


def copy_assets(out: Path) -> None:
    """Copy reveal.js (core, white theme and its fonts, notes plugin) and MathJax."""
    reveal = reveal_source()
    target = out / REVEAL_DIR
    ignore = shutil.ignore_patterns("*.map", "*.esm.js", "source", "template")
    shutil.copytree(reveal / "dist", target / "dist", ignore=ignore, dirs_exist_ok=True)
    shutil.copytree(
        reveal / "plugin" / "notes",
        target / "plugin" / "notes",
        ignore=ignore,
        dirs_exist_ok=True,
    )
    shutil.copy2(reveal / "LICENSE", target / "LICENSE")
    mathjax = mathjax_source()

    def skip(directory, names):
        return [n for n in names if Path(directory) == mathjax and _MATHJAX_SKIP.match(n)]

    shutil.copytree(mathjax, out / MATHJAX_DIR, ignore=skip, dirs_exist_ok=True)


def exporter():
    """nbconvert's slides exporter, configured for offline decks."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    c = Config()
    c.SlidesExporter.template_name = "course-reveal"
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.reveal_url_prefix = REVEAL_DIR
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_transition = "none"
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.SlidesExporter.mathjax_url = f"{MATHJAX_DIR}/tex-chtml.js"
    # Never referenced by the template; emptied so no CDN address is even written.
    c.SlidesExporter.require_js_url = ""
    c.SlidesExporter.jquery_url = ""
    c.SlidesExporter.font_awesome_url = ""
    c.SlidesExporter.widget_renderer_url = ""
    c.SlidesExporter.mermaid_js_url = ""
    # Jupyter Book's cell tags mean the same in a deck.
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    c.TagRemovePreprocessor.remove_input_tags = {"remove-input", "hide-input"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    return SlidesExporter(config=c)


def context() -> Context:
    """Chapter titles and citation labels for the book's references."""
    return Context(
        titles=chapter_titles(BOOK), citations=citation_labels(BOOK / "references.bib")
    )


def speaker_notes(slideshow: dict, name: str, page: Path | None = None) -> int:
    """Add the chapter's lecture plan from the instructors' page as speaker notes
    (``notes`` cells: reveal.js shows them in the speaker view, key S). A plan item whose
    section or explorer the chapter no longer has is reported on stderr. Returns the
    number of notes placed."""
    notes = lecture_notes(page or BOOK / "instructors.md").get(name, [])
    missing = attach_notes(slideshow["cells"], notes)
    for note in missing:
        print(f"{name}: no slide for the lecture plan's {note.kind} "
              f"{note.target!r} (book/instructors.md)", file=sys.stderr)
    return len(notes) - len(missing)


def glue_data(notebook: Path) -> dict[str, dict]:
    """The values a chapter glued into its prose (``myst_nb.glue``), by name.

    myst-nb takes glued outputs out of the executed notebook and keeps them beside it
    in ``NAME.glue.json``; the deck pastes them where the website does.
    """
    path = Path(notebook).with_suffix(".glue.json")
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: {
            mime: "".join(v) if isinstance(v, list) else v
            for mime, v in output.get("data", {}).items()
        }
        for name, output in data.items()
    }


def course_order() -> list[str]:
    """Every page of the table of contents, in the book's order."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [Path(toc["root"]).name]
    for part in toc.get("parts", []):
        names.extend(Path(chapter["file"]).name for chapter in part.get("chapters", []))
    return names


def guide_pages() -> set[str]:
    """Pages of the table of contents' unnumbered parts ("Using the course", the back
    matter): guides and reference pages, not lectures."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {Path(chapter["file"]).name for part in toc.get("parts", [])
            if not part.get("numbered") for chapter in part.get("chapters", [])}


def deck_names(source: Path) -> list[str]:
    """Chapters with an executed notebook in ``source``, in the course's order (pages
    not in the table of contents last, by name); the introduction is one, the guide
    pages (:func:`guide_pages`) are not."""
    order = {name: i for i, name in enumerate(course_order())}
    skip = _NOT_DECKS | guide_pages()
    names = [p.stem for p in Path(source).glob("*.ipynb") if p.stem not in skip]
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))


def build_deck(
    notebook: Path, out: Path, *, ctx: Context | None = None, slides_exporter=None
) -> Path:
    """Write ``out/NAME.slides.html`` for one executed chapter notebook."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    ctx = copy.copy(ctx or context())
    ctx.glue = glue_data(notebook)
    ctx.chapter = chapter_numbers(ROOT / "_toc.yml").get(Path(notebook).stem, "")
    slideshow = slideshow_notebook(nb, ctx)
    speaker_notes(slideshow, Path(notebook).stem)
    slideshow = nbformat.from_dict(slideshow)
    slideshow.metadata["title"] = _title(slideshow) or Path(notebook).stem
    body, _ = (slides_exporter or exporter()).from_notebook_node(
        slideshow, resources={"metadata": {"name": Path(notebook).stem}}
    )
    leaked = _external_urls(body)
    if leaked:
        raise SystemExit(f"{notebook}: the deck would load from another host: {leaked}")
    path = Path(out) / f"{Path(notebook).stem}.slides.html"
    path.write_text(body, encoding="utf-8")
    return path


def build_decks(
    source: Path = SOURCE, out: Path = OUT, names: Iterable[str] | None = None
) -> list[Path]:
    """Build a deck for each chapter (all of them, or ``names``) and an index page.

    Raises
    ------
    SystemExit
        When there is no executed notebook to build from (run ``make book`` first).
    """
    source, out = Path(source), Path(out)
    names = list(names) if names else deck_names(source)
    missing = [n for n in names if not (source / f"{n}.ipynb").exists()]
    if not names or missing:
        raise SystemExit(
            f"no executed notebook for {missing or 'any chapter'} in "
            f"{source}: run `make book` first"
        )
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    ctx, slides_exporter = context(), exporter()
    decks = [
        build_deck(source / f"{n}.ipynb", out, ctx=ctx, slides_exporter=slides_exporter)
        for n in names
    ]
    _write_index(out)
    return decks


def _title(nb) -> str | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


# Addresses that are not loads: XML namespaces, and links a reader may follow.
_URL = re.compile(
    r"""(?:src|href)\s*=\s*["'](?P<url>(?:https?:)?//[^"']+)["']"""
    r"""|url\(\s*["']?(?P<css>(?:https?:)?//[^)"']+)"""
)


def _external_urls(text: str) -> list[str]:
    """Addresses on another host that a page would load (scripts, styles, images)."""
    found = []
    for m in _URL.finditer(text):
        url = m["url"] or m["css"]
        tag_start = text.rfind("<", 0, m.start())
        tag = text[tag_start : m.start()]
        if m["url"] and tag.startswith("<a"):  # a link is followed, not loaded
            continue
        found.append(url)
    return sorted(set(found))


def _write_index(out: Path) -> None:
    """A plain page listing every deck in ``out``, in the course's order."""
    items = []
    numbers = chapter_numbers(ROOT / "_toc.yml")
    order = {name: i for i, name in enumerate(course_order())}
    decks = sorted(out.glob("*.slides.html"),
                   key=lambda d: (order.get(d.name.split(".")[0], len(order)), d.name))
    for deck in decks:
        title = re.search(r"<title>(.*?) slides</title>", deck.read_text(encoding="utf-8"))
        name = title.group(1) if title else deck.stem
        number = numbers.get(deck.name.split(".")[0])
        items.append(f'<li><a href="{deck.name}">{f"{number}. " if number else ""}'
                     f"{name}</a></li>")
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Scaling Laws, hands-on: slides</title></head><body>"
        "<h1>Scaling Laws, hands-on: slides</h1><ul>\n"
        + "\n".join(items)
        + "\n</ul><p>Arrow keys move between slides; <kbd>Esc</kbd> shows an overview; "
        "<kbd>S</kbd> opens the speaker notes.</p></body></html>\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="chapters to build (default: all)")
    parser.add_argument(
        "--source",
        type=Path,
        default=SOURCE,
        help="folder of executed notebooks (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help="folder for the decks (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for deck in build_decks(args.source, args.out, args.names):
        print(f"wrote {deck.relative_to(ROOT) if deck.is_relative_to(ROOT) else deck}")
    print(f"Open {html.escape(str(args.out / 'index.html'))}, or serve the folder.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
