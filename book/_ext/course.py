"""Sphinx glue for the course site (build tooling, not course content).

* Offers each chapter as an executed notebook: myst-nb writes the executed notebooks to
  ``_build/jupyter_execute``; this copies them beside the page sources and points the
  theme's download menu (".ipynb") at them.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def _executed(app) -> Path:
    return Path(app.outdir).parent / "jupyter_execute"


def _offer_notebook(app, pagename, templatename, context, doctree):
    if (_executed(app) / f"{pagename}.ipynb").exists():
        context["ipynb_source"] = f"{pagename}.ipynb"


def _copy_notebooks(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source = _executed(app)
    for notebook in source.rglob("*.ipynb"):
        target = Path(app.outdir) / "_sources" / notebook.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


def setup(app):
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("build-finished", _copy_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
