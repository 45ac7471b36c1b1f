"""Sphinx glue for the course site (build tooling, not course content).

* Drops the scripts of sphinx-thebe, which Jupyter Book 1 always loads even with thebe
  off: they declare a constant twice (a console error) and name a CDN. The site runs no
  code in the browser; JupyterLab is the way to run the chapters.
* Offers each chapter as a notebook a reader can run anywhere: myst-nb writes the
  executed notebooks to ``_build/jupyter_execute``; each is rewritten for plain
  JupyterLab (``tools/readernotebook.py``: glued numbers filled in, references as text,
  solutions collapsed without outputs, no dependency on myst-nb), put beside the page
  sources for the theme's download menu (".ipynb"), and all of them are zipped into
  ``downloads/scaling-lab-notebooks.zip``.
* Builds the wheel of ``scaling_lab`` into ``downloads/``, so that the site carries the
  package its notebooks need (the "Run the chapters yourself" page links to both).
* Drops the notebooks' widget state from the pages: myst-nb embeds it as a
  ``widget-state+json`` script (45 to 170 KB a chapter) for a widget manager the site
  never loads, since every explorer on the site is its static page.
* Prints glued numbers as the prose does: every ``{glue:text}`` value goes through
  :func:`scaling_lab.units.readable_numbers` (a real minus sign, ``1e+22`` as ``10²²``).
* ``course_repository`` (``sphinx: config:`` in ``_config.yml``) is the address of the
  repository, if there is one; the ``course-repository`` directive shows how to clone it
  only when it is set, and nothing otherwise.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

#: Where the site keeps the files a reader downloads (relative to the site root).
DOWNLOADS = "downloads"
#: The zip of every chapter notebook.
NOTEBOOKS_ZIP = "scaling-lab-notebooks.zip"


def _executed(app) -> Path:
    return Path(app.outdir).parent / "jupyter_execute"


def _offer_notebook(app, pagename, templatename, context, doctree):
    if (_executed(app) / f"{pagename}.ipynb").exists():
        context["ipynb_source"] = f"{pagename}.ipynb"


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


def _tools(app) -> Path:
    return Path(app.srcdir) / "tools"


def _copy_notebooks(app, exception):
    """Reader notebooks beside the page sources, and all of them in one zip."""
    if exception is not None or app.builder.format != "html":
        return
    sys.path.insert(0, str(_tools(app)))
    try:
        import nbformat
        from readernotebook import reader_notebook
        from slidemarkup import chapter_numbers
        from slides import context, glue_data
    finally:
        sys.path.remove(str(_tools(app)))
    source = _executed(app)
    downloads = Path(app.outdir) / DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)
    base = context()
    numbers = chapter_numbers(Path(app.srcdir) / "_toc.yml")
    with zipfile.ZipFile(downloads / NOTEBOOKS_ZIP, "w", zipfile.ZIP_DEFLATED) as bundle:
        for notebook in sorted(source.rglob("*.ipynb")):
            ctx = base.__class__(titles=base.titles, citations=base.citations,
                                 glue=glue_data(notebook),
                                 chapter=numbers.get(notebook.stem, ""))
            reader = nbformat.from_dict(reader_notebook(json.loads(
                notebook.read_text(encoding="utf-8")), ctx))
            nbformat.validate(reader)
            text = nbformat.writes(reader)
            target = Path(app.outdir) / "_sources" / notebook.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            bundle.writestr(f"scaling-lab-notebooks/{notebook.name}", text)


_WIDGET_STATE = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>\s*', re.S)


def _drop_widget_state(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = _WIDGET_STATE.sub("", text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


def wheel_name(version: str) -> str:
    """The file name of the package's wheel at ``version``."""
    return f"scaling_lab-{version}-py3-none-any.whl"


def _build_wheel(app, exception):
    """The wheel of scaling_lab, built from a clean copy of its sources (the repository
    itself is left untouched: no build/ or egg-info folders)."""
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.srcdir)
    downloads = Path(app.outdir) / DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name in ("pyproject.toml", "README.md"):
            shutil.copyfile(root / name, work / name)
        shutil.copytree(root / "scaling_lab", work / "scaling_lab",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--disable-pip-version-check", "-w", str(work / "dist"),
             str(work)], check=True, cwd=work)
        for old in downloads.glob("scaling_lab-*.whl"):
            old.unlink()
        for wheel in (work / "dist").glob("scaling_lab-*.whl"):
            shutil.copyfile(wheel, downloads / wheel.name)


class CourseRepository(SphinxDirective):
    """How to clone the course's repository, shown only when ``course_repository`` is set."""

    has_content = False

    def run(self):
        url = (self.config.course_repository or "").strip()
        if not url:
            return []
        paragraph = nodes.paragraph()
        paragraph += nodes.Text("The course's sources are at ")
        paragraph += nodes.reference(url, url, refuri=url)
        paragraph += nodes.Text(": to work on them, clone the repository and run ")
        paragraph += nodes.literal("make lab", "make lab")
        paragraph += nodes.Text(" in it.")
        return [paragraph]


def _readable_glue() -> None:
    """Route myst-nb's formatting of ``{glue:text}`` values through readable_numbers."""
    from myst_nb.ext.glue import roles

    from scaling_lab.units import readable_numbers

    plain = roles.format_plain_text
    if getattr(plain, "readable", False):
        return

    def format_plain_text(text: str, fmt_spec: str) -> str:
        return readable_numbers(plain(text, fmt_spec))

    format_plain_text.readable = True
    roles.format_plain_text = format_plain_text


def setup(app):
    _readable_glue()
    app.add_config_value("course_repository", "", "env")
    app.add_directive("course-repository", CourseRepository)
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("build-finished", _copy_notebooks)
    app.connect("build-finished", _build_wheel)
    app.connect("build-finished", _drop_widget_state)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
