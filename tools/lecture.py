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
* **Lecture notebooks, made from the executed chapters.** A slideshow needs slide
  markers in cell metadata. The chapters are written for the website and carry none, so
  each chapter executed by the book build (``_build/jupyter_execute/book/NAME.ipynb``) is
  written as ``_build/lecture/NAME.ipynb`` with the same rule and the same context as the
  static decks (``tools/slides.py``, ``tools/slidemarkup.py``): the title and every
  level-2 section are slides, level-3 sections, exercises, figures and explorers
  sub-slides; glued numbers, citations, equation and exercise numbers are filled in as
  the website shows them; plotting code is hidden on the slides. The outputs of the
  build are kept, so every figure is on its slide before anything runs; the instructor
  runs the notebook (Run All) for live code and explorers.
* **The book's hidden cells stay, out of sight.** A ``remove-cell`` cell (the setup) is
  skipped by the slideshow and collapsed in the notebook, but kept: the notebook must
  still run. ``hide-input`` and ``remove-input`` keep their meaning on the slides.
* **Speaker notes.** The chapter's lecture plan from ``book/instructors.md`` is in the
  notebook as ``notes`` cells after the slide each item belongs to, as in the decks: the
  slideshow leaves them off the slides, and the instructor reads them in the notebook
  beside the slides.
* **The decks' look.** Slide numbers (``slide_number``, the option the extension reads),
  the white theme and no transition; ``myst-revealjs.css`` beside the notebooks (which
  the extension loads) sets the text at the decks' size.
* They are made anew at each ``make lecture``, so the chapter files stay the one source
  (an edit made to a lecture notebook is overwritten the next time).

Usage::

    python tools/lecture.py                # make the lecture notebooks, open JupyterLab
    python tools/lecture.py --prepare      # only make the notebooks
    python tools/lecture.py -- --port 8890 --no-browser   # options for JupyterLab
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from slidemarkup import Context, chapter_numbers, slideshow_notebook  # noqa: E402
from slides import SOURCE, context, deck_names, glue_data, speaker_notes  # noqa: E402

ROOT = HERE.parent
BOOK = ROOT / "book"
OUT = ROOT / "_build" / "lecture"
# Pages of the book that are not chapters to present.
_NOT_LECTURES = {"bibliography", "how-to-use", "instructors", "run-yourself"}
#: reveal.js options read by jupyterlab-myst-revealjs from the notebook's metadata
#: (``myst-revealjs``; its names, not reveal.js's: ``slide_number``, a boolean).
REVEAL_OPTIONS = {"theme": "white", "transition": "none", "slide_number": True,
                  "width": 960, "height": 700}
#: Type sizes of the decks (nbconvert's reveal template on the white theme), in the
#: slides' own pixels, for the lecture slides; the extension loads this file from the
#: notebooks' folder.
SLIDE_CSS = """/* Written by tools/lecture.py: the lecture slides at the decks' type sizes
   (slide pixels, 960x700 slides, as nbconvert's reveal template sets them). */
.jp-SlideshowContent .jp-Slideshow-markdownCell { --jp-content-font-size1: 20px; }
.jp-SlideshowContent .jp-Slideshow-markdownCell .myst,
.jp-SlideshowContent .jp-Slideshow-markdownCell .jp-RenderedHTMLCommon {
  font-size: 20px; line-height: 1.3;
}
.jp-SlideshowContent .jp-Slideshow-markdownCell p,
.jp-SlideshowContent .jp-Slideshow-markdownCell li { font-size: 20px; }
.jp-SlideshowContent .jp-Slideshow-markdownCell table { font-size: 16px; }
.jp-SlideshowContent .reveal h1 { font-size: 50px; text-transform: uppercase; }
.jp-SlideshowContent .reveal h2 { font-size: 32px; text-transform: uppercase; }
.jp-SlideshowContent .reveal h3 { font-size: 26px; text-transform: uppercase; }
.jp-SlideshowContent .reveal .slides {
  --myst-revealjs-input-font-size: 11px; --myst-revealjs-output-font-size: 18px;
}
.jp-SlideshowContent .jp-OutputArea-output img,
.jp-SlideshowContent .jp-OutputArea-output svg { max-height: 480px; width: auto; }
"""


def chapter_names(source: Path = SOURCE) -> list[str]:
    """Chapters with an executed notebook in ``source``, in the course's order."""
    return [n for n in deck_names(source) if n not in _NOT_LECTURES]


def lecture_notebook(notebook: Path, ctx: Context | None = None) -> dict:
    """The lecture notebook of one executed chapter (see the module docstring)."""
    import nbformat

    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    ctx = copy.copy(ctx or context())
    ctx.glue = glue_data(notebook)
    ctx.chapter = chapter_numbers(ROOT / "_toc.yml").get(notebook.stem, "")
    slideshow = slideshow_notebook(nb, ctx, convert_markdown=True, static_explorers=True)
    speaker_notes(slideshow, notebook.stem)
    carry = None  # a slide marker of a skipped cell, for the next cell shown
    for cell in slideshow["cells"]:
        metadata = cell.setdefault("metadata", {})
        tags = set(metadata.get("tags", []))
        if "remove-cell" in tags:
            kind = metadata.get("slideshow", {}).get("slide_type")
            if kind in {"slide", "subslide"} and carry != "slide":
                carry = kind
            metadata["slideshow"] = {"slide_type": "skip"}
            metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
            continue
        if tags & {"remove-input", "hide-input"}:
            metadata.setdefault("jupyter", {})["source_hidden"] = True
        if carry and metadata.get("slideshow", {}).get("slide_type") != "notes":
            if metadata.get("slideshow", {}).get("slide_type") != "slide":
                metadata["slideshow"] = {"slide_type": carry}
            carry = None
    slideshow["metadata"].pop("jupytext", None)
    slideshow["metadata"].pop("source_map", None)
    slideshow["metadata"]["myst-revealjs"] = dict(REVEAL_OPTIONS)
    return slideshow


def prepare(
    source: Path = SOURCE, out: Path = OUT, names: Iterable[str] | None = None
) -> list[Path]:
    """Write ``out/NAME.ipynb`` for each executed chapter (all, or ``names``), and the
    slides' style sheet ``out/myst-revealjs.css``.

    Raises
    ------
    SystemExit
        When there is no executed notebook to make them from (run ``make book``).
    """
    import nbformat

    source, out = Path(source), Path(out)
    names = list(names) if names else chapter_names(source)
    missing = [n for n in names if not (source / f"{n}.ipynb").exists()]
    if not names or missing:
        raise SystemExit(f"no executed notebook for {missing or 'any chapter'} in "
                         f"{source}: run `make book` first")
    out.mkdir(parents=True, exist_ok=True)
    (out / "myst-revealjs.css").write_text(SLIDE_CSS, encoding="utf-8")
    ctx = context()
    written = []
    for name in names:
        path = out / f"{name}.ipynb"
        lecture = nbformat.from_dict(lecture_notebook(source / f"{name}.ipynb", ctx))
        nbformat.validate(lecture)
        nbformat.write(lecture, path)
        written.append(path)
    return written


def command(
    out: Path = OUT, extra: Sequence[str] = (), settings: Path | None = None
) -> list[str]:
    """The JupyterLab command line that serves the lecture notebooks.

    ``settings`` is a folder written by :func:`write_settings`.
    """
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={out}",
            # No news prompt or update check on a projected screen.
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if settings is not None:
        argv.append(f"--LabApp.app_settings_dir={settings}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        argv.append("--allow-root")
    return [*argv, *extra]


def write_settings(folder: Path) -> Path:
    """JupyterLab settings for a lecture, in ``folder/overrides.json``.

    The course's settings (``tools/lab-overrides.json``: MyST files open as notebooks), plus every
    cell of a notebook rendered at once: JupyterLab otherwise renders only the cells in
    view, and the slideshow, built from the rendered cells, would miss slides; and no
    prompt about news on the screen.
    """
    overrides = json.loads((HERE / "lab-overrides.json").read_text(encoding="utf-8"))
    tracker = overrides.setdefault("@jupyterlab/notebook-extension:tracker", {})
    tracker["windowingMode"] = "none"
    # No "notified about news?" prompt on a projected screen.
    overrides.setdefault("@jupyterlab/apputils-extension:notification", {})[
        "fetchNews"] = "false"
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
        "--source",
        type=Path,
        default=SOURCE,
        help="folder of executed notebooks (default: %(default)s)",
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
    for path in prepare(args.source, args.out, args.names):
        print(f"wrote {path}")
    if args.prepare:
        return 0
    settings = write_settings(args.out.resolve().parent / "lecture-settings")
    print(
        "Open a chapter, run it (Run > Run All Cells), then press the slideshow button "
        "(Open as Slideshow, the screen icon left of the kernel's name in the notebook's "
        "toolbar) and click into the slides before using the keys. Ctrl-C stops JupyterLab."
    )
    argv = command(args.out.resolve(), extra, settings)
    os.execve(argv[0], argv, environment())
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
