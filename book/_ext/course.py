"""Sphinx glue for the course site (build tooling, not course content).

* Drops the scripts of sphinx-thebe, which Jupyter Book 1 always loads even with thebe
  off: they declare a constant twice (a console error) and name a CDN. The site runs no
  code in the browser; JupyterLab is the way to run the chapters.
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


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


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
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("build-finished", _copy_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
