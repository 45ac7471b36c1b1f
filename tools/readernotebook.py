"""Turn an executed chapter into a notebook a reader can run anywhere, in plain JupyterLab.

Design choices:

* **The numbers, not their names.** A chapter's prose carries myst-nb roles
  (``{glue:text}`name:.3f```, ``{eq}``, ``{cite:p}``, ``{doc}``) and directives
  (exercises, proofs) that only the book's build understands. Plain JupyterLab would
  show them raw. Every Markdown cell is rewritten into plain Markdown with the same rule
  the slide decks use (``tools/slidemarkup.py``): glued values pasted in as the website
  shows them, equations numbered, citations as "Author et al. (year)".
* **No build-only dependency.** The setup cell's ``from myst_nb import glue`` becomes an
  import that falls back to a plain display when myst-nb is not installed, so the
  notebook runs with the ``scaling_lab`` wheel and JupyterLab alone.
* **Solutions present, collapsed, unanswered.** The cells of each solution (the text and
  the code between sphinx-exercise's ``solution-start`` and ``solution-end``) keep their
  source but are collapsed (``jupyter.source_hidden``) and carry no outputs, so the
  reader sees neither the answer nor its "Correct" before trying. The book's hidden setup
  cells are collapsed too, never removed: the notebook must still run.
* **No dead widget state.** An explorer's output keeps its static page (which works
  without a kernel) and loses the widget view and the notebook's widget state, which
  would show an error until the cell is run again; running it brings the live sliders.
* **Pure functions over nbformat dicts**, tested without a browser or a build.

Examples
--------
>>> nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
...     {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
...      "source": "from myst_nb import glue\\nglue('k', 2.5)"},
...     {"cell_type": "markdown", "metadata": {},
...      "source": "The value is {glue:text}`k:.1f`."}]}
>>> out = reader_notebook(nb, Context(glue={"k": {"text/plain": "2.5"}}))
>>> out["cells"][1]["source"]
'The value is 2.5.'
>>> "except ImportError" in out["cells"][0]["source"]
True
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slidemarkup import (  # noqa: E402
    SOLUTION_END,
    SOLUTION_START,
    Context,
    _source,
    _static_output,
    myst_to_markdown,
    number_equations,
    number_labels,
)

__all__ = ["reader_notebook", "GLUE_FALLBACK", "Context"]

#: What replaces ``from myst_nb import glue`` (or ``... import glue as NAME``) in a
#: reader's notebook; ``{name}`` is the name the chapter imports it as.
GLUE_FALLBACK = (
    "try:\n"
    "    from myst_nb import glue as {name}\n"
    "except ImportError:  # plain Jupyter: the text already shows the glued numbers\n"
    "    def {name}(name, value, display=True):\n"
    "        if display:\n"
    "            from IPython.display import display as _show\n"
    "            _show(value)"
)
_GLUE_IMPORT = re.compile(r"^from myst_nb import glue(?: as (?P<name>\w+))?[ \t]*$", re.M)
_HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}


def _collapse(cell: dict, *, outputs: bool = False) -> None:
    jupyter = dict(cell.get("metadata", {}).get("jupyter", {}))
    jupyter["source_hidden"] = True
    if outputs:
        jupyter["outputs_hidden"] = True
    cell.setdefault("metadata", {})["jupyter"] = jupyter


def _pieces(text: str) -> list[tuple[str, str]]:
    """Split converted Markdown at the solution markers: (state, text) pairs, where
    state is 'solution' inside a solution and 'text' outside."""
    out, state, lines = [], "text", []
    for line in text.splitlines():
        marker = line.strip()
        if marker in {SOLUTION_START, SOLUTION_END}:
            if "\n".join(lines).strip():
                out.append((state, "\n".join(lines).strip("\n")))
            lines, state = [], "solution" if marker == SOLUTION_START else "text"
            out.append((f"mark-{state}", ""))
            continue
        lines.append(line)
    if "\n".join(lines).strip():
        out.append((state, "\n".join(lines).strip("\n")))
    return out


def reader_notebook(nb: Mapping, context: Context | None = None) -> dict:
    """A copy of an executed chapter for plain JupyterLab (see the module docstring).

    Parameters
    ----------
    nb : dict
        The executed chapter, an nbformat 4 notebook.
    context : Context, optional
        Titles, citations and the glued values (``NAME.glue.json`` of the build).

    Returns
    -------
    dict
        A new notebook; ``nb`` is not changed.
    """
    context = copy.copy(context) if context else Context()
    context.equations, context.glue = {}, dict(context.glue)
    context.labels = dict(context.labels)
    nb = copy.deepcopy(dict(nb))
    nb.get("metadata", {}).pop("widgets", None)
    nb.get("metadata", {}).pop("source_map", None)
    number_equations(
        [_source(c) for c in nb["cells"] if c["cell_type"] == "markdown"], context
    )
    number_labels(nb["cells"], context)
    for cell in nb["cells"]:  # values glued by a cell's outputs, as the slides read them
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record and "name" in record:
                prefix = record.get("mime_prefix", "")
                context.glue.setdefault(record["name"], {
                    mime[len(prefix):]: "".join(v) if isinstance(v, list) else v
                    for mime, v in output.get("data", {}).items() if mime.startswith(prefix)
                })
    cells, in_solution = [], False
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = myst_to_markdown(_source(cell), context)
            for state, piece in _pieces(text):
                if state.startswith("mark-"):
                    in_solution = state == "mark-solution"
                    if in_solution:
                        cells.append({"cell_type": "markdown", "metadata": {},
                                      "source": "**Solution** (collapsed: click the bar "
                                                "at the left of the cells below to open "
                                                "them, after you have tried)"})
                    continue
                new = {"cell_type": "markdown", "metadata": {}, "source": piece}
                if in_solution:
                    _collapse(new)
                cells.append(new)
            continue
        if cell["cell_type"] == "code":
            source = _GLUE_IMPORT.sub(
                lambda m: GLUE_FALLBACK.format(name=m["name"] or "glue"), _source(cell))
            cell["source"] = source
            cell["outputs"] = [_static_output(o) for o in cell.get("outputs", [])]
            tags = set(cell.get("metadata", {}).get("tags", []))
            if in_solution:
                cell["outputs"], cell["execution_count"] = [], None
                _collapse(cell, outputs=True)
            elif tags & _HIDDEN_TAGS:
                _collapse(cell)
        cells.append(cell)
    for index, cell in enumerate(cells):
        cell["id"] = cell.get("id") or f"reader-cell-{index}"
    seen = set()
    for index, cell in enumerate(cells):
        if cell["id"] in seen:
            cell["id"] = f"reader-cell-{index}"
        seen.add(cell["id"])
    nb["cells"] = cells
    nb["nbformat"], nb["nbformat_minor"] = 4, max(5, nb.get("nbformat_minor", 5))
    return nb


def main(argv=None) -> int:
    """Write the reader notebooks of every executed chapter into a folder (``make lab``)."""
    import argparse
    import json
    from pathlib import Path

    import nbformat
    from slides import SOURCE, context, glue_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the executed notebooks (default: the book build's)")
    parser.add_argument("--out", type=Path, required=True, help="where to write them")
    args = parser.parse_args(argv)
    executed = sorted(args.source.glob("*.ipynb"))
    if not executed:
        parser.error(f"no executed notebooks in {args.source}: run 'make book' first")
    args.out.mkdir(parents=True, exist_ok=True)
    from slidemarkup import chapter_numbers

    base = context()
    numbers = chapter_numbers(Path(__file__).resolve().parent.parent / "_toc.yml")
    for notebook in executed:
        ctx = Context(titles=base.titles, citations=base.citations, glue=glue_data(notebook),
                      chapter=numbers.get(notebook.stem, ""))
        reader = nbformat.from_dict(reader_notebook(
            json.loads(notebook.read_text(encoding="utf-8")), ctx))
        nbformat.validate(reader)
        (args.out / notebook.name).write_text(nbformat.writes(reader), encoding="utf-8")
    print(f"{len(executed)} notebooks in {args.out}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
