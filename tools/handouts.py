"""Print the course on paper: ``make handouts`` writes PDFs into ``_build/handouts``.

For each numbered chapter:

* ``NAME-slides.pdf``: its reveal.js deck (``tools/slides.py``), one slide per page, as
  reveal.js prints a deck opened with ``?print-pdf``;
* ``NAME-exercises.pdf``: the chapter's exercises as the website shows them (glued
  numbers, equations, figures), without the solutions;
* ``NAME-solutions.pdf``: the same exercises with their solutions open;

and ``book.pdf``, every page of the website in the order of the table of contents,
with a bookmark per page.

Design choices:

* **Headless Chromium prints.** The site tests already drive Debian's Chromium with
  Playwright; ``page.pdf`` prints what a reader sees, MathJax typeset and figures
  embedded. Every request to another host is refused, so a handout that would need the
  network fails to build instead of printing a hole (``HandoutError``).
* **From what is built.** The sheets and the book are printed from the website
  (``_build/html``), the decks from the executed notebooks; nothing is recomputed.
* **Explorers on paper.** An explorer prints its starting frame (the static page's SVG)
  with a line under it saying that its sliders move it on the website.
* **The book in one file** by appending the pages' PDFs (``pypdf``).

Usage::

    python tools/handouts.py                  # every chapter, and the book
    python tools/handouts.py power-laws       # one chapter (no book.pdf)
    python tools/handouts.py --no-book --out DIR
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from slidemarkup import chapter_numbers  # noqa: E402
from slides import SOURCE, build_decks, course_order  # noqa: E402

ROOT = HERE.parent
SITE = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "handouts"
#: Flags for headless Chromium with no network beyond loopback (as the site tests).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
#: What an explorer says on paper.
EXPLORER_LINE = ("Printed at its starting values: on the website its sliders move the "
                 "lines.")

# The website printed as a page of text: no navigation, no buttons, full width.
_SITE_PRINT_CSS = """
.bd-header, .bd-header-announcement, .bd-sidebar-primary, .bd-sidebar-secondary,
.header-article, .bd-footer, .bd-footer-content, .prev-next-area, .footer-article,
.bd-footer-article, #pst-back-to-top, .toggle-button, button.copybtn, .sl-download,
.headerlink, .skip-link, .search-button-field { display: none !important; }
.bd-main .bd-content .bd-article-container, .bd-page-width, .bd-container__inner,
.bd-article { max-width: 100% !important; width: 100% !important; }
.bd-main { margin: 0 !important; padding: 0 !important; }
.solution.dropdown > *, .toggle-hidden, details > * { display: block !important;
  visibility: visible !important; }
.sl-explorer::after { content: "%(line)s"; display: block; font-style: italic;
  margin-top: 0.4em; }
.sl-explorer input[type=range] { accent-color: #555; }
img, svg { max-width: 100%% !important; }
figure, .sl-explorer, .cell_output { break-inside: avoid; }
""".replace("%(line)s", EXPLORER_LINE)


class HandoutError(RuntimeError):
    """A handout could not be printed as it should be (a missing build, the network)."""


@contextlib.contextmanager
def _serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def chromium() -> str:
    """Debian's Chromium (``apt-get install chromium``)."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        raise HandoutError("chromium is not installed: apt-get install chromium "
                           "(.ci/run installs it)")
    return found


class Printer:
    """A headless Chromium that prints local pages to PDF and refuses the network."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_ARGS)

    def close(self):
        self.browser.close()
        self._playwright.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _page(self, width=1100, height=1400):
        page = self.browser.new_page(viewport={"width": width, "height": height})
        refused: list[str] = []

        def route(request_route):
            url = request_route.request.url
            if urlparse(url).hostname == "127.0.0.1" or url.startswith(
                    ("data:", "blob:", "file:", "about:")):
                request_route.continue_()
            else:
                refused.append(url)
                request_route.abort()

        page.route("**/*", route)
        return page, refused

    @staticmethod
    def _typeset(page) -> None:
        page.wait_for_load_state("networkidle")
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "!window.MathJax || (MathJax.startup && MathJax.startup.promise)",
                timeout=20_000)
            page.evaluate("window.MathJax && MathJax.startup ? "
                          "MathJax.startup.promise.then(() => 1) : 1")

    def deck(self, url: str, path: Path) -> Path:
        """Print a deck, one slide per page, with reveal.js's print layout."""
        page, refused = self._page(1280, 720)
        try:
            page.goto(f"{url}?print-pdf")
            page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=60_000)
            self._typeset(page)
            page.wait_for_function(
                "document.querySelectorAll('.reveal .pdf-page').length > 0",
                timeout=60_000)
            page.add_style_tag(content=(
                f'.sl-explorer::after {{ content: "{EXPLORER_LINE}"; display: block; '
                "font-style: italic; font-size: 0.6em; margin-top: 0.3em; }"))
            page.wait_for_timeout(300)
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
        finally:
            page.close()
        _refuse(refused, url)
        return path

    def site_page(self, url: str, path: Path, *, keep: str | None = None,
                  solutions: bool = True, title: str | None = None) -> Path:
        """Print a page of the website as text; ``keep`` a CSS selector of the one part
        to print (with the page's title), ``solutions`` False to leave them out."""
        page, refused = self._page()
        try:
            page.goto(url)
            self._typeset(page)
            page.add_style_tag(content=_SITE_PRINT_CSS)
            found = page.evaluate(
                """([keep, solutions, title]) => {
                  const article = document.querySelector('article.bd-article')
                    || document.querySelector('main') || document.body;
                  if (!solutions) document.querySelectorAll('.solution')
                    .forEach(e => e.remove());
                  document.querySelectorAll('.toggle-hidden')
                    .forEach(e => e.classList.remove('toggle-hidden'));
                  if (!keep) return true;
                  const part = article.querySelector(keep);
                  if (!part) return false;
                  // The book's print header keeps the title; its table of contents goes.
                  const header = document.querySelector('#jb-print-docs-body');
                  if (header) {
                    header.querySelector('#print-main-content')?.remove();
                    const h1 = header.querySelector('h1');
                    if (h1) h1.textContent = title;
                  }
                  article.replaceChildren(part);
                  return true;
                }""", [keep, solutions, title or ""])
            if not found:
                raise HandoutError(f"{url}: no {keep} to print")
            page.emulate_media(media="print")
            page.wait_for_timeout(300)
            page.pdf(path=str(path), format="A4", print_background=True,
                     margin={"top": "16mm", "bottom": "16mm", "left": "14mm",
                             "right": "14mm"},
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8px;width:100%;'
                                     'text-align:center"><span class="pageNumber"></span>'
                                     ' / <span class="totalPages"></span></div>')
        finally:
            page.close()
        _refuse(refused, url)
        return path


def _refuse(refused: list[str], url: str) -> None:
    if refused:
        raise HandoutError(f"{url} asked for pages on another host: {sorted(set(refused))}")


def chapters() -> list[str]:
    """The numbered chapters, in the course's order."""
    numbers = chapter_numbers(ROOT / "_toc.yml")
    return [name for name in course_order() if name in numbers]


def _title(site: Path, name: str) -> str:
    import re

    text = (site / "book" / f"{name}.html").read_text(encoding="utf-8")
    found = re.search(r"<title>(.*?)(?: &#8212;| —|</title>)", text, re.S)
    return (found.group(1) if found else name).strip()


def build_handouts(names: Iterable[str] | None = None, *, out: Path = OUT,
                   site: Path = SITE, source: Path = SOURCE,
                   book: bool = True) -> list[Path]:
    """Write the handouts (see the module docstring); returns the files written.

    Raises
    ------
    HandoutError
        When the website or the executed notebooks are missing (``make book``), or a
        page would load from another host.
    """
    site, out, source = Path(site), Path(out), Path(source)
    if not (site / "index.html").exists():
        raise HandoutError(f"no website in {site}: run `make book` first")
    if not names:  # every chapter built; one not built yet is named and left out
        names = []
        for name in chapters():
            if (site / "book" / f"{name}.html").exists() and \
                    (source / f"{name}.ipynb").exists():
                names.append(name)
            else:
                print(f"handouts: {name} is not built yet (make book): left out",
                      file=sys.stderr)
    names = list(names)
    unknown = [n for n in names if not (site / "book" / f"{n}.html").exists()]
    if unknown:
        raise HandoutError(f"no page for {unknown} in {site}/book: run `make book`")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="decks-", dir=out) as decks, \
            Printer() as printer, _serve(Path(decks)) as deck_url, \
            _serve(site) as site_url:
        build_decks(source, Path(decks), names)
        for name in names:
            written.append(printer.deck(f"{deck_url}/{name}.slides.html",
                                        out / f"{name}-slides.pdf"))
            heading = _title(site, name)  # with its number, as the website's title
            for solutions, suffix, label in ((False, "exercises", "Exercises"),
                                             (True, "solutions", "Solutions")):
                written.append(printer.site_page(
                    f"{site_url}/book/{name}.html", out / f"{name}-{suffix}.pdf",
                    keep="section#exercises", solutions=solutions,
                    title=f"{heading}: {label}"))
        if book:
            written.append(print_book(printer, site_url, site, out / "book.pdf"))
    return written


def print_book(printer: Printer, site_url: str, site: Path, path: Path) -> Path:
    """Every page of the website in the table of contents' order, in one PDF."""
    from pypdf import PdfWriter

    parts = path.parent / "book-pages"
    parts.mkdir(exist_ok=True)
    writer = PdfWriter()
    for name in course_order():
        html = site / "book" / f"{name}.html"
        if not html.exists():
            continue
        part = printer.site_page(f"{site_url}/book/{name}.html", parts / f"{name}.pdf")
        start = len(writer.pages)
        writer.append(str(part))
        writer.add_outline_item(title=_title(site, name), page_number=start)
    with open(path, "wb") as handle:
        writer.write(handle)
    shutil.rmtree(parts)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="chapters (default: every numbered one)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder for the PDFs (default: %(default)s)")
    parser.add_argument("--no-book", action="store_true", help="leave out book.pdf")
    args = parser.parse_args(argv)
    try:
        paths = build_handouts(args.names, out=args.out,
                               book=not args.no_book and not args.names)
    except HandoutError as error:
        print(f"handouts: error: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
