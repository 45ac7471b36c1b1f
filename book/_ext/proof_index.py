"""Sphinx glue: the "Proof index" page lists each result by its title, not its label.

sphinx-proof's own index names every entry by its label (``thm-kaplan-crossing``), which
means nothing to a reader. This index reads each result's title from its page
("Scale invariance"), says what kind of result it is, and names the chapter it is in.
Results without a title keep their label.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx_proof.domain import ProofDomain, ProofIndex


class TitledProofIndex(ProofIndex):
    """sphinx-proof's index, with titles for names and chapters beside them."""

    def generate(self, docnames=None):
        env = self.domain.env
        proofs = getattr(env, "proof_list", {})
        titles = {}
        for docname in sorted({values["docname"] for values in proofs.values()}):
            for node in env.get_doctree(docname).findall(nodes.Element):
                label = node.get("label")
                if label in proofs and node.get("title"):
                    titles[label] = node["title"].strip().strip("()").strip()
        content = defaultdict(list)
        for anchor, values in proofs.items():
            if docnames is not None and values["docname"] not in docnames:
                continue
            name = titles.get(anchor, anchor)
            chapter = env.titles.get(values["docname"])
            # (name, subtype, docname, anchor, extra, qualifier, description)
            content[name[:1].upper()].append((
                name, 0, values["docname"], anchor,
                chapter.astext() if chapter is not None else "", "",
                values["realtype"]))
        return sorted((key, sorted(entries)) for key, entries in content.items()), True


def setup(app):
    app.setup_extension("sphinx_proof")
    # This Sphinx has no override for a domain's own index: replace it on the domain.
    ProofDomain.indices = [TitledProofIndex]
    return {"parallel_read_safe": True, "parallel_write_safe": True}
