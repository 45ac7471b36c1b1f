"""Sphinx glue: markup that assistive technology reads correctly (WCAG 2.1 A).

Docutils writes each bibliography entry and citation as ``role="doc-biblioentry"``
inside a ``role="list"`` container. ARIA 1.2 deprecates that role, and a list whose
children are not list items is invalid list markup (axe-core: aria-required-children).
Each entry becomes a ``listitem``, so the bibliography reads as the list it is.
"""

from __future__ import annotations


def _entries_as_list_items(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _entries_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
