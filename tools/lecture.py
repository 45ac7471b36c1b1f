"""Lecture mode: ``make lecture`` opens the chapters as live slideshows in JupyterLab.

Design choices:

* **A slideshow extension inside JupyterLab.** ``jupyterlab-myst-revealjs`` shows a
  notebook as reveal.js slides in a panel beside it, rendering MyST Markdown (through
  ``jupyterlab-myst``) and running code cells in the notebook's kernel. It was chosen
  over ``jupyterlab-rise`` 0.43.1, whose slideshow page, with JupyterLab 4.6, neither
  renders MyST nor loads the widget manager, and fetches fonts from a CDN.
* **Explorers as static pages.** The slides panel renders outputs without the
  notebook's widget manager, so a live ipywidget would never load on a slide. The
  server's kernels therefore run with ``SCALING_LAB_EXPLORER_VIEW=static``: each
  explorer shows its static page, whose sliders move the lines on the slide itself (the
  frames are computed by the kernel when the cell runs). ``make lab`` keeps the live
  ipywidgets.
* **Lecture notebooks, made from the chapters.** A slideshow needs slide markers in cell
  metadata. The chapters are written for the website and carry none, so each chapter
  ``book/NAME.md`` is read with jupytext and written as ``_build/lecture/NAME.ipynb``
  with the same rule as the static decks (``tools/slidemarkup.py``): the title and every
  level-2 section are slides, level-3 sections and exercises sub-slides. The MyST
  Markdown is kept as written. The notebooks have no outputs: the instructor runs them
  (Run All) before or during the lecture. They are made anew at each ``make lecture``,
  so the chapter files stay the one source (an edit made to a lecture notebook is
  overwritten the next time).

Usage::

    python tools/lecture.py                # make the lecture notebooks, open JupyterLab
    python tools/lecture.py --prepare      # only make the notebooks
    python tools/lecture.py -- --port 8890 --no-browser   # options for JupyterLab
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from slidemarkup import slideshow_notebook  # noqa: E402

ROOT = HERE.parent
BOOK = ROOT / "book"
OUT = ROOT / "_build" / "lecture"
# Pages of the book that are not chapters to present.
_NOT_LECTURES = {"bibliography", "how-to-use", "instructors", "run-yourself"}
#: reveal.js options read by jupyterlab-myst-revealjs from the notebook's metadata.
REVEAL_OPTIONS = {"theme": "white", "transition": "none", "slideNumber": "c/t"}


def chapter_names(book: Path = BOOK) -> list[str]:
    """Chapters (MyST notebooks with a jupytext header) in ``book``, by file name."""
    names = []
    for path in sorted(Path(book).glob("*.md")):
        head = path.read_text(encoding="utf-8")[:600]
        if path.stem not in _NOT_LECTURES and head.startswith("---") and "jupytext" in head:
            names.append(path.stem)
    return names


def lecture_notebook(chapter: Path) -> dict:
    """The lecture notebook of one chapter: slide markers, MyST kept, no outputs."""
    import jupytext

    nb = jupytext.read(chapter)
    slideshow = slideshow_notebook(nb, convert_markdown=False, static_explorers=True)
    for cell in slideshow["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    slideshow["metadata"].pop("jupytext", None)
    slideshow["metadata"]["myst-revealjs"] = dict(REVEAL_OPTIONS)
    return slideshow


def prepare(
    book: Path = BOOK, out: Path = OUT, names: Iterable[str] | None = None
) -> list[Path]:
    """Write ``out/NAME.ipynb`` for each chapter (all of them, or ``names``)."""
    import nbformat

    book, out = Path(book), Path(out)
    names = list(names) if names else chapter_names(book)
    missing = [n for n in names if not (book / f"{n}.md").exists()]
    if not names or missing:
        raise SystemExit(f"no chapter {missing or ''} in {book}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = out / f"{name}.ipynb"
        nbformat.write(nbformat.from_dict(lecture_notebook(book / f"{name}.md")), path)
        written.append(path)
    return written


def command(
    out: Path = OUT, extra: Sequence[str] = (), settings: Path | None = None
) -> list[str]:
    """The JupyterLab command line that serves the lecture notebooks.

    ``settings`` is a folder written by :func:`write_settings`.
    """
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={out}"]
    if settings is not None:
        argv.append(f"--LabApp.app_settings_dir={settings}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        argv.append("--allow-root")
    return [*argv, *extra]


def write_settings(folder: Path) -> Path:
    """JupyterLab settings for a lecture, in ``folder/overrides.json``.

    The course's settings (``tools/lab-overrides.json``: MyST files open as notebooks), plus every
    cell of a notebook rendered at once: JupyterLab otherwise renders only the cells in
    view, and the slideshow, built from the rendered cells, would miss slides.
    """
    overrides = json.loads((HERE / "lab-overrides.json").read_text(encoding="utf-8"))
    tracker = overrides.setdefault("@jupyterlab/notebook-extension:tracker", {})
    tracker["windowingMode"] = "none"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text(
        json.dumps(overrides, indent=2) + "\n", encoding="utf-8"
    )
    return folder


def environment(base: dict | None = None) -> dict:
    """The server's environment: its kernels show each explorer's static page only.

    The slideshow panel renders outputs without the notebook's widget manager, so a
    live widget would show "Loading widget..." there. The static page needs none: its
    sliders move the lines on the slide and in the notebook alike.
    """
    return {**(os.environ if base is None else base), "SCALING_LAB_EXPLORER_VIEW": "static"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="chapters (default: all)")
    parser.add_argument(
        "--prepare", action="store_true", help="only write the lecture notebooks"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help="folder for the lecture notebooks (default: %(default)s)",
    )
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    for path in prepare(BOOK, args.out, args.names):
        print(f"wrote {path}")
    if args.prepare:
        return 0
    settings = write_settings(args.out.resolve().parent / "lecture-settings")
    print(
        "Open a chapter, run it (Run > Run All Cells), then press the slideshow button "
        "in the notebook's toolbar. Ctrl-C stops JupyterLab."
    )
    argv = command(args.out.resolve(), extra, settings)
    os.execve(argv[0], argv, environment())
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
