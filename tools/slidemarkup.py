"""Turn a chapter notebook (MyST Markdown cells) into a slideshow notebook.

Design choices:

* **Chapters stay as they are.** A chapter is written for the website; its slide
  structure is derived from its headings when a deck or a lecture notebook is made:
  the title and every level-2 section start a slide, every level-3 section, exercise,
  solution and explorer starts a vertical sub-slide below it. A cell that already carries
  ``slideshow`` metadata keeps it, so an author can override the rule cell by cell.
* **Plain Markdown for nbconvert.** nbconvert renders CommonMark, not MyST, so the few
  MyST constructs the chapters use (directives such as ``exercise``, ``prf:theorem``,
  ``math``, admonitions; roles such as ``{eq}``, ``{doc}``, ``{cite:p}``; targets
  ``(label)=``) are rewritten into Markdown that says the same thing: numbered equations
  keep their numbers (``\\tag``), citations become "Author et al. (year)", a
  cross-reference to another chapter becomes its title. Unknown directives keep their
  title and body, so nothing a chapter says is silently dropped.
* **Pure functions over nbformat dicts**, so the slide decks (``tools/slides.py``) and
  the lecture notebooks (``tools/lecture.py``) share one rule, and the tests check it
  without a browser.

Examples
--------
>>> print(myst_to_markdown("See {eq}`eq-a`.\\n\\n$$\\nx^2\\n$$ (eq-a)\\n"))
See (1).
<BLANKLINE>
$$
x^2 \\tag{1}
$$
<BLANKLINE>
>>> print(myst_to_markdown("```{exercise} Doubling\\n:label: ex-d\\nWhat factor?\\n```"))
**Exercise (Doubling).** What factor?
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scaling_lab.units import readable_numbers

__all__ = [
    "Context",
    "number_labels",
    "chapter_numbers",
    "myst_to_markdown",
    "slideshow_notebook",
    "chapter_titles",
    "citation_labels",
    "Note",
    "lecture_notes",
    "attach_notes",
]

# An opening fence: ``` or ::: (three or more), a {directive} and its argument.
_OPEN = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[^}\s]+)\}\s*(?P<arg>.*)$"
)
# A plain code fence (no directive): its content is left untouched.
_PLAIN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ROLE = re.compile(r"\{(?P<name>[\w:+-]+)\}`(?P<text>[^`]*)`")
_ROLE_OR_CODE = re.compile(
    r"\{(?P<name>[\w:+-]+)\}`(?P<text>[^`]*)`|(?P<code>(?P<ticks>`+).*?(?P=ticks))"
)
_TARGET = re.compile(r"^\s*\([\w:.-]+\)=\s*$")
_LABELLED_MATH_END = re.compile(r"^\$\$\s*\((?P<label>[\w:.-]+)\)\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+\S")

_THEOREMS = {
    "theorem",
    "lemma",
    "definition",
    "proposition",
    "corollary",
    "conjecture",
    "axiom",
    "example",
    "remark",
    "criterion",
    "algorithm",
    "observation",
    "property",
    "assumption",
    "notation",
}
_ADMONITIONS = {
    "note",
    "tip",
    "hint",
    "important",
    "warning",
    "caution",
    "attention",
    "danger",
    "error",
    "seealso",
    "admonition",
    "margin",
    "sidebar",
    "aside",
    "epigraph",
}
_DROPPED = {"bibliography", "toctree", "tableofcontents", "glossary", "raw", "index"}

#: Marker cells between which a gated solution lives (sphinx-exercise).
SOLUTION_START = "<!-- slides: solution -->"
SOLUTION_END = "<!-- slides: end solution -->"


@dataclass
class Context:
    """What a conversion needs to know beyond the cell text.

    Parameters
    ----------
    titles : mapping of str to str
        Document name (``power-laws``) to its title, for ``{doc}`` references.
    citations : mapping of str to tuple of (str, str)
        Bibtex key to ``(authors, year)``, for ``{cite:p}`` and ``{cite:t}``.
    equations : dict of str to int
        Equation label to its number in this notebook; filled by
        :func:`number_equations`.
    glue : dict of str to dict
        Values glued by the notebook's cells (``myst_nb.glue``), name to mime bundle;
        filled by :func:`slideshow_notebook` from the executed outputs.
    chapter : str
        The chapter's number in the book ("4"), so that equations, exercises, theorems
        and figures carry the book's numbers (Eq. (4.1), Exercise 4.3); empty for an
        unnumbered page, whose numbers run 1, 2, ...
    labels : dict of str to str
        Label to what a reference to it shows ("Theorem 4.1", "Fig. 4.2", a section's
        title); filled by :func:`number_labels`.
    """

    titles: Mapping[str, str] = field(default_factory=dict)
    citations: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    equations: dict[str, int] = field(default_factory=dict)
    glue: dict[str, dict] = field(default_factory=dict)
    chapter: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    def number(self, n: int) -> str:
        """``n`` as the book writes it in this chapter: "4.2", or "2" unnumbered."""
        return f"{self.chapter}.{n}" if self.chapter else str(n)


def number_equations(texts, context: Context) -> None:
    """Number every labelled equation of ``texts`` in order of appearance."""
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = _OPEN.match(line)
            label = None
            if m and m["name"] == "math":
                for option in lines[i + 1 :]:
                    om = re.match(r"^:label:\s*(\S+)", option)
                    if om:
                        label = om.group(1)
                    if not option.startswith(":"):
                        break
            else:
                lm = _LABELLED_MATH_END.match(line.strip())
                if lm:
                    label = lm["label"]
            if label and label not in context.equations:
                context.equations[label] = len(context.equations) + 1


_LABEL_OPTION = re.compile(r"^:(?:label|name):\s*(\S+)")


def number_labels(cells, context: Context) -> None:
    """Number the exercises, theorem-like blocks and figures of a chapter, as the book.

    ``cells`` are the notebook's cells in order. Exercises are numbered in one sequence
    (sphinx-exercise), each kind of theorem-like block in its own (sphinx-proof), and
    figures (``{figure}`` directives and cells with a ``mystnb`` figure name) in one;
    a ``(label)=`` target before a heading refers to the heading's title.
    """
    counters: dict[str, int] = {}

    def count(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return context.number(counters[kind])

    for cell in cells:
        if cell.get("cell_type") == "code":
            name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
            if name:
                context.labels.setdefault(name, f"Fig. {count('figure')}")
            continue
        lines = _source(cell).splitlines()
        for i, line in enumerate(lines):
            target = _TARGET.match(line)
            if target:
                for following in lines[i + 1:]:
                    heading = _HEADING.match(following)
                    if heading:
                        label = line.strip()[1:-2]
                        context.labels.setdefault(label, following.lstrip("#").strip())
                        break
                    if following.strip():
                        break
                continue
            opening = _OPEN.match(line)
            if not opening:
                continue
            name = opening["name"]
            bare = name.split(":")[-1]
            if name == "exercise":
                kind, shown = "exercise", "Exercise"
            elif name.startswith("prf:") and bare in _THEOREMS:
                kind, shown = bare, bare.capitalize()
            elif name == "figure":
                kind, shown = "figure", "Fig."
            else:
                continue
            number = count(kind)
            context.labels.setdefault(f"#{kind}-{number}", f"{shown} {number}")
            for option in lines[i + 1:]:
                match = _LABEL_OPTION.match(option)
                if match:
                    context.labels[match.group(1)] = f"{shown} {number}"
                if not option.startswith(":"):
                    break


def _cite(keys: str, context: Context, parenthetical: bool) -> str:
    parts = []
    for key in (k.strip() for k in keys.split(",")):
        authors, year = context.citations.get(key, (key, ""))
        if not year:
            parts.append(authors)
        elif parenthetical:
            parts.append(f"{authors} {year}")
        else:
            parts.append(f"{authors} ({year})")
    text = "; ".join(parts)
    return f"({text})" if parenthetical else text


def _glued(name: str, context: Context, kind: str = "text") -> str:
    """The text of a glued value, formatted like the book's ``{glue:text}`name:fmt```
    (myst-nb's format, then :func:`scaling_lab.units.readable_numbers`)."""
    key, _, fmt = name.partition(":")
    bundle = context.glue.get(key.strip())
    if bundle is None:
        return f"[{key}]"
    if kind == "md" and "text/markdown" in bundle:
        return bundle["text/markdown"]
    if kind == "math" and "text/latex" in bundle:
        return bundle["text/latex"]
    if "image/png" in bundle and kind in {"any", "figure"}:
        return f"![{key}](data:image/png;base64,{bundle['image/png'].strip()})"
    value = bundle.get("text/plain", "")
    if fmt:
        for kind in (int, float):  # as myst-nb: a glued int keeps its type
            try:
                return readable_numbers(format(kind(value), fmt))
            except ValueError:
                continue
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _role(match: re.Match, context: Context) -> str:
    name, text = match["name"], match["text"]
    if name.startswith("glue"):
        return _glued(text, context, name.partition(":")[2] or "any")
    explicit = re.match(r"^(?P<title>.*?)\s*<(?P<target>[^>]+)>$", text, re.S)
    title, target = (explicit["title"], explicit["target"]) if explicit else (None, text)
    if name == "math":
        return f"${text}$"
    if name == "eq":
        number = context.equations.get(target)
        return f"({context.number(number)})" if number else f"({target})"
    if name in {"cite:p", "cite:ps", "cite"}:
        return _cite(text, context, parenthetical=True)
    if name.startswith("cite"):
        return _cite(text, context, parenthetical=False)
    if name == "doc":
        doc = target.split("/")[-1].removesuffix(".md")
        return f"*{title or context.titles.get(doc, doc)}*"
    if name in {"ref", "numref", "prf:ref"}:
        return title or context.labels.get(target) or target.replace("-", " ")
    if name in {"term", "abbr"}:
        return title or target.replace("-", " ")
    if name == "sub":
        return f"<sub>{text}</sub>"
    if name == "sup":
        return f"<sup>{text}</sup>"
    if name == "kbd":
        return f"<kbd>{text}</kbd>"
    return title or target


_EQ_IN_PARENTHESES = re.compile(r"\((\{eq\}`[^`]*`)\)")


def _inline(text: str, context: Context) -> str:
    """Rewrite roles, leaving inline code spans alone. An equation reference written in
    parentheses, "({eq}`label`)", shows its number once in them: "(4.1)", not "((4.1))".
    """
    text = _EQ_IN_PARENTHESES.sub(r"\1", text)
    return _ROLE_OR_CODE.sub(lambda m: m["code"] if m["code"] else _role(m, context), text)


def _directive(name: str, arg: str, options: dict, body: str, context: Context) -> str:
    """Plain Markdown for one MyST directive (its body already converted)."""
    body = body.strip("\n")
    arg = _inline(arg.strip(), context)
    bare = name.split(":")[-1]
    if name == "math":
        number = context.equations.get(options.get("label", ""))
        tag = f" \\tag{{{context.number(number)}}}" if number else ""
        return f"$$\n{body}{tag}\n$$"
    if name in _DROPPED:
        return ""
    if name.startswith("glue"):
        value = _glued(arg, context, "figure")
        return f"{value}\n\n*{body}*" if body else value
    if name in {"code", "code-block", "sourcecode", "code-cell"}:
        return f"```{arg}\n{body}\n```"
    if name == "exercise":
        shown = context.labels.get(options.get("label", ""), "Exercise")
        head = f"**{shown} ({arg}).**" if arg else f"**{shown}.**"
        return f"{head} {body}".rstrip()
    if name == "solution":
        return f"{SOLUTION_START}\n\n**Solution.** {body}".rstrip()
    if name == "solution-start":
        return SOLUTION_START + "\n\n**Solution.**"
    if name == "solution-end":
        return SOLUTION_END
    if name == "prf:proof" or bare == "proof":
        return f"*Proof.* {body} ∎".rstrip()
    if name.startswith("prf:") and bare in _THEOREMS:
        shown = context.labels.get(options.get("label", ""), bare.capitalize())
        head = f"**{shown} ({arg}).**" if arg else f"**{shown}.**"
        return f"{head} {body}".rstrip()
    if name in {"figure", "image"}:
        caption = body or options.get("alt", "")
        return f"*Figure: {caption}*" if caption else ""
    if name in _ADMONITIONS:
        title = arg if name == "admonition" else (arg or name.capitalize())
        quoted = "\n".join("> " + line if line else ">" for line in body.splitlines())
        return f"> **{title}.**\n>\n{quoted}".rstrip()
    head = f"**{arg}**\n\n" if arg else ""
    return f"{head}{body}".strip()


def myst_to_markdown(text: str, context: Context | None = None) -> str:
    """Rewrite the MyST constructs of one Markdown cell into plain Markdown.

    Parameters
    ----------
    text : str
        The cell's source.
    context : Context, optional
        Titles, citations and equation numbers; empty when omitted.

    Returns
    -------
    str
        Markdown that nbconvert (and any CommonMark renderer with math) shows as meant.

    Examples
    --------
    >>> ctx = Context(citations={"kaplan2020": ("Kaplan et al.", "2020")})
    >>> myst_to_markdown("As {cite:t}`kaplan2020` found {cite:p}`kaplan2020`.", ctx)
    'As Kaplan et al. (2020) found (Kaplan et al. 2020).'
    """
    context = context or Context()
    number_equations([text], context)
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _OPEN.match(line)
        plain = None if opening else _PLAIN.match(line)
        if opening:
            fence = opening["fence"]
            closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            j = i + 1
            options: dict[str, str] = {}
            while j < len(lines) and re.match(r"^:[\w-]+:", lines[j]):
                key, _, value = lines[j][1:].partition(":")
                options[key] = value.strip()
                j += 1
            # An option block may also be YAML between --- lines.
            if j < len(lines) and lines[j].strip() == "---":
                k = j + 1
                while k < len(lines) and lines[k].strip() != "---":
                    key, _, value = lines[k].partition(":")
                    options[key.strip()] = value.strip()
                    k += 1
                j = k + 1
            body_start, depth = j, 0
            while j < len(lines):
                if _OPEN.match(lines[j]) and _OPEN.match(lines[j])["fence"][0] == fence[0]:
                    depth += 1
                elif closing.match(lines[j]):
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            body = "\n".join(lines[body_start:j])
            if opening["name"] not in {"math", "code", "code-block", "sourcecode"}:
                body = myst_to_markdown(body, context)
            out.append(_directive(opening["name"], opening["arg"], options, body, context))
            i = j + 1
            continue
        if plain:
            fence = plain["fence"]
            j = i + 1
            while j < len(lines) and not re.match(
                rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[j]
            ):
                j += 1
            out.extend(lines[i : j + 1])
            i = j + 1
            continue
        if _TARGET.match(line) or re.match(r"^\s*%", line):
            i += 1
            continue
        labelled = _LABELLED_MATH_END.match(line.strip())
        if labelled:
            number = context.equations.get(labelled["label"])
            if number and out:
                out[-1] = out[-1] + f" \\tag{{{context.number(number)}}}"
            out.append("$$")
            i += 1
            continue
        out.append(_inline(line, context))
        i += 1
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _split_markdown(text: str) -> list[tuple[str, str]]:
    """Split converted Markdown into pieces, each tagged with the slide it starts.

    A piece starts at a level-1 or level-2 heading ("slide"), a level-3 heading or an
    exercise ("subslide"), or a solution marker ("solution"); the first piece is
    "continue" unless it starts with one of those.
    """
    pieces: list[tuple[str, list[str]]] = [("continue", [])]
    in_fence = None
    for line in text.splitlines():
        fence = _PLAIN.match(line)
        if fence and in_fence is None:
            in_fence = fence["fence"][0]
        elif fence and in_fence == fence["fence"][0]:
            in_fence = None
        kind = None
        if in_fence is None or fence:
            heading = _HEADING.match(line)
            if heading and len(heading["hashes"]) <= 2:
                kind = "slide"
            elif heading and len(heading["hashes"]) == 3:
                kind = "subslide"
            elif line.startswith("**Exercise"):
                kind = "subslide"
            elif line.strip() == SOLUTION_START:
                kind = "solution"
            elif line.strip() == SOLUTION_END:
                kind = "end-solution"
        if kind and not (kind == "subslide" and _only_heading(pieces[-1][1])):
            pieces.append((kind, [line]))
        else:
            pieces[-1][1].append(line)
    result = []
    for kind, piece_lines in pieces:
        piece = "\n".join(
            line
            for line in piece_lines
            if line.strip() not in {SOLUTION_START, SOLUTION_END}
        )
        if piece.strip() or kind in {"solution", "end-solution"}:
            result.append((kind, piece.strip("\n")))
    return [part for kind, piece in result for part in _fit(kind, piece)]


#: How much text one slide holds, in lines of about :data:`LINE_CHARS` characters at
#: the decks' type size (measured in the browser tests at 1280x720 and 1920x1080).
SLIDE_LINES = 12.5
LINE_CHARS = 68


def _blocks(text: str) -> list[str]:
    """Paragraphs, lists, tables, display math and code blocks: the units a slide may be
    split between (never inside a fence or a ``$$`` block)."""
    blocks, current, fence, math = [], [], None, False
    for line in text.splitlines():
        stripped = line.strip()
        if fence is None and not math and not stripped:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        if fence is None and not math and current and _LIST_ITEM.match(line):
            blocks.append("\n".join(current))  # a list may be cut between its items
            current = []
        current.append(line)
        opening = _PLAIN.match(line)
        if opening and fence is None:
            fence = opening["fence"][0]
        elif opening and fence == opening["fence"][0]:
            fence = None
        elif fence is None:
            math = _math_state(math, stripped)
    if current:
        blocks.append("\n".join(current))
    return blocks


_LIST_ITEM = re.compile(r"^(\d+\.|[-*+])\s")


def _math_state(inside: bool, stripped: str) -> bool:
    """Whether a line leaves us inside a ``$$`` display block."""
    if inside:
        return not stripped.endswith("$$")
    if not stripped.startswith("$$"):
        return False
    return not (len(stripped) > 4 and stripped.endswith("$$"))


def text_height(text: str) -> float:
    """The height of Markdown on a slide, in lines (see :data:`SLIDE_LINES`).

    A rough model, kept honest by the browser test that measures every slide: a title
    takes 2.2 lines per 30 characters and a section heading 1.6 per 42 (the theme sets
    them in capitals), a line of prose ``len / LINE_CHARS`` lines (at least one), a list
    item or quoted line a quarter more, a display equation 2.2 lines, a line of a table or
    of code 1.1 lines, and a gap 0.5.
    """
    height, fence, math = 0.0, False, False
    for line in text.splitlines():
        stripped = line.strip()
        if _PLAIN.match(line):
            fence = not fence
            height += 0.3
        elif fence:
            height += 1.0
        elif math or stripped.startswith("$$"):
            if not math:
                height += 2.2
            math = _math_state(math, stripped)
        elif _HEADING.match(line):
            level = len(_HEADING.match(line)["hashes"])
            title = stripped.lstrip("#").strip()
            per_line = {1: 30, 2: 42}.get(level, 60)  # uppercase headings are wide
            height += {1: 2.2, 2: 1.6}.get(level, 1.3) * max(1.0, -(-len(title) // per_line))
        elif stripped.startswith(">") or re.match(r"^(\d+\.|[-*+])\s", stripped):
            height += 1.25 * max(1.0, len(stripped) / (LINE_CHARS - 8))
        elif stripped.startswith("|"):
            height += 1.1
        elif not stripped:
            height += 0.5
        else:
            height += max(1.0, len(stripped) / LINE_CHARS)
    return height


def _split_table_output(cell: dict) -> list[dict]:
    """A cell whose Markdown output is a table too long for one slide, as several copies
    of the cell (input hidden after the first), each showing some of the rows."""
    outputs = cell.get("outputs", [])
    if len(outputs) != 1 or "text/markdown" not in outputs[0].get("data", {}):
        return [cell]
    text = "".join(outputs[0]["data"]["text/markdown"])
    rows = text.strip().splitlines()
    if not rows or not rows[0].lstrip().startswith("|") or text_height(text) <= SLIDE_LINES:
        return [cell]
    head, body, size = rows[:2], rows[2:], 8
    parts = []
    for i in range(0, len(body), size):
        part = copy.deepcopy(cell)
        part["outputs"][0]["data"] = {"text/markdown": "\n".join(head + body[i:i + size]),
                                      "text/plain": ""}
        tags = set(part.get("metadata", {}).get("tags", []))
        part.setdefault("metadata", {})["tags"] = sorted(tags | {"remove-input"})
        if i:
            part["id"] = f"{cell.get('id', 'cell')}-rows-{i}"
        parts.append(part)
    return parts


#: Lines of printed text (a stream output) that one slide holds at the decks' size.
STREAM_LINES = 20


def _split_stream_output(cell: dict) -> list[dict]:
    """A cell whose printed text is too long for one slide (a listing, a long table), as
    several copies of the cell (input hidden), each printing some of the lines."""
    outputs = cell.get("outputs", [])
    if len(outputs) != 1 or outputs[0].get("output_type") != "stream":
        return [cell]
    lines = "".join(outputs[0].get("text", "")).splitlines(keepends=True)
    if len(lines) <= STREAM_LINES + 2:
        return [cell]
    parts = []
    for i in range(0, len(lines), STREAM_LINES):
        part = copy.deepcopy(cell)
        part["outputs"][0]["text"] = "".join(lines[i:i + STREAM_LINES])
        tags = set(part.get("metadata", {}).get("tags", []))
        part.setdefault("metadata", {})["tags"] = sorted(tags | {"remove-input"})
        if i:
            part["id"] = f"{cell.get('id', 'cell')}-lines-{i}"
        parts.append(part)
    return parts


def code_height(cell: Mapping) -> float:
    """The height of a code cell on a slide, in lines: its source unless hidden, and
    its text, table and Markdown outputs (code and output text are set small)."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    if "remove-cell" in tags:
        return 0.0
    height = 0.0 if tags & {"remove-input", "hide-input"} else \
        0.6 + 0.55 * len(_source(cell).splitlines())
    if "remove-output" in tags:
        return height
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = "".join(output.get("text", ""))
            height += 0.55 * sum(max(1, -(-len(line) // 110)) for line in text.splitlines())
            continue
        data = output.get("data", {})
        if "text/markdown" in data:
            height += text_height("".join(data["text/markdown"]))
        elif "text/html" in data:
            height += 1.1 * max(1, "".join(data["text/html"]).count("<tr"))
        elif "text/plain" in data:
            height += 0.55 * len("".join(data["text/plain"]).splitlines())
    return height


def _fit(kind: str, piece: str) -> list[tuple[str, str]]:
    """Split one slide's Markdown into slides that fit (:data:`SLIDE_LINES`)."""
    if text_height(piece) <= SLIDE_LINES or kind in {"solution", "end-solution"}:
        return [(kind, piece)]
    lines = piece.splitlines()
    heading = lines[0] if lines and _HEADING.match(lines[0]) else None
    blocks = []
    for block in _blocks("\n".join(lines[1:]) if heading else piece):
        rows = block.splitlines()
        if rows and rows[0].lstrip().startswith("|") and text_height(block) > SLIDE_LINES / 2:
            head, body, size = rows[:2], rows[2:], 7  # a long table: its rows in parts
            blocks.extend("\n".join(head + body[i:i + size])
                          for i in range(0, len(body), size))
        else:
            blocks.append(block)
    if heading and heading.startswith("# "):
        heading = None  # a chapter's title is not repeated on the slides after it
    out, current = [], [lines[0]] if lines and _HEADING.match(lines[0]) else []
    first = list(current)
    for block in blocks:
        trial = "\n\n".join([*current, block])
        if current and current != first and text_height(trial) > SLIDE_LINES:
            out.append("\n\n".join(current))
            current = [f"{heading.rstrip()} (continued)"] if heading else []
            first = list(current)
        current.append(block)
    if current:
        out.append("\n\n".join(current))
    return [(kind if i == 0 else "subslide", text) for i, text in enumerate(out)]


def _only_heading(lines: list[str]) -> bool:
    """Whether a piece so far is a heading alone (an exercise below it stays with it)."""
    shown = [line for line in lines if line.strip()]
    return len(shown) == 1 and bool(_HEADING.match(shown[0]))


def _shows_a_figure(cell: Mapping) -> bool:
    """Whether a code cell's output is a picture (a figure or an explorer)."""
    return _is_explorer(cell) or any(
        "image/png" in output.get("data", {}) or "image/svg+xml" in output.get("data", {})
        for output in cell.get("outputs", [])
    )


def _is_explorer(cell: Mapping) -> bool:
    return any(
        'type="range"' in str(output.get("data", {}).get("text/html", ""))
        for output in cell.get("outputs", [])
    )


def _markdown_cell(source: str, slide_type: str) -> dict:
    cell = {"cell_type": "markdown", "metadata": {}, "source": source}
    if slide_type != "continue":
        cell["metadata"]["slideshow"] = {"slide_type": slide_type}
    return cell


def slideshow_notebook(
    nb: Mapping,
    context: Context | None = None,
    *,
    convert_markdown: bool = True,
    static_explorers: bool = True,
    hide_code: bool = True,
) -> dict:
    """A copy of a chapter notebook with slide markers (and plain Markdown).

    Parameters
    ----------
    nb : dict
        The chapter as an nbformat 4 notebook (executed or not).
    context : Context, optional
        Titles and citations for references; equations are numbered here.
    convert_markdown : bool
        Rewrite MyST into plain Markdown (for nbconvert); keep MyST when False (for
        JupyterLab with a MyST renderer).
    static_explorers : bool
        Keep only the static page of an explorer output (``text/html``), dropping the
        widget view and the notebook's widget state, which a page with no kernel
        cannot show.
    hide_code : bool
        Tag the input of a cell that draws a figure or an explorer, or is longer than 8
        lines, ``remove-input``: the slide shows what it computes, the book how. Each
        figure and explorer is a sub-slide of its own.

    Returns
    -------
    dict
        A new notebook; ``nb`` is not changed.

    Examples
    --------
    >>> nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    ...     {"cell_type": "markdown", "metadata": {},
    ...      "source": "# T\\n\\nIntro\\n\\n## A\\n\\nText"},
    ...     {"cell_type": "code", "metadata": {}, "source": "1", "outputs": []}]}
    >>> [(c["cell_type"], c["metadata"].get("slideshow", {}).get("slide_type"))
    ...  for c in slideshow_notebook(nb)["cells"]]
    [('markdown', 'slide'), ('markdown', 'slide'), ('code', None)]
    """
    context = copy.copy(context) if context else Context()
    context.equations, context.glue = {}, dict(context.glue)
    context.labels = dict(context.labels)
    nb = copy.deepcopy(dict(nb))
    number_equations(
        [_source(c) for c in nb["cells"] if c["cell_type"] == "markdown"], context
    )
    number_labels(nb["cells"], context)
    if static_explorers:
        nb.get("metadata", {}).pop("widgets", None)
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record and "name" in record:
                prefix = record.get("mime_prefix", "")
                context.glue[record["name"]] = {
                    mime[len(prefix) :]: "".join(v) if isinstance(v, list) else v
                    for mime, v in output.get("data", {}).items()
                    if mime.startswith(prefix)
                }
    cells: list[dict] = []
    pending: str | None = None  # slide type for the next cell that shows something
    used = 0.0  # how full the current slide is, in lines (see text_height)
    for cell in nb["cells"]:
        cell = dict(cell)
        cell["source"] = _source(cell)
        marked = "slideshow" in cell.get("metadata", {})
        if cell["cell_type"] == "markdown":
            if convert_markdown:
                pieces = _split_markdown(myst_to_markdown(cell["source"], context))
            else:
                pieces = _split_raw(cell["source"])
            for index, (kind, piece) in enumerate(pieces):
                if kind == "end-solution":
                    pending = "subslide"
                    if not piece.strip():
                        continue
                    kind = "subslide"
                elif kind == "solution":
                    kind = "subslide"
                if kind == "continue" and pending:
                    kind, pending = pending, None
                elif kind != "continue":
                    pending = None
                height = text_height(piece) if convert_markdown else 0.0
                if kind == "continue" and used and used + height > SLIDE_LINES:
                    kind = "subslide"  # the slide is full: carry on below it
                used = height if kind != "continue" else used + height
                new = _markdown_cell(piece, kind)
                if marked and index == 0:
                    new["metadata"] = dict(cell["metadata"])
                cells.append(new)
            continue
        if cell["cell_type"] == "code":
            if static_explorers:
                cell["outputs"] = [_static_output(o) for o in cell.get("outputs", [])]
            if hide_code and (_shows_a_figure(cell) or len(cell["source"].splitlines()) > 8):
                # Plotting code (and any long cell) is for the book; a slide shows the
                # figure. Jupyter Book's tag, honoured by the decks and lecture mode.
                metadata = dict(cell.get("metadata", {}))
                tags = set(metadata.get("tags", []))
                if hide_code and not tags & {"remove-cell", "remove-input"}:
                    metadata["tags"] = sorted(tags | {"remove-input"})
                    cell["metadata"] = metadata
            parts = _split_table_output(cell) if convert_markdown else [cell]
            if convert_markdown and len(parts) == 1:
                parts = _split_stream_output(cell)
            if len(parts) > 1:  # a long table printed by a cell: its rows in parts
                for part in parts:
                    part["metadata"] = {**part.get("metadata", {}),
                                        "slideshow": {"slide_type": "subslide"}}
                cells.extend(parts)
                pending, used = "subslide", SLIDE_LINES
                continue
            height = code_height(cell) if convert_markdown else 0.0
            if not marked:
                metadata = dict(cell.get("metadata", {}))
                if _is_explorer(cell) or _shows_a_figure(cell):
                    metadata["slideshow"] = {"slide_type": "subslide"}
                    pending = "subslide"
                    used = SLIDE_LINES  # a figure fills its slide
                elif pending and height:
                    metadata["slideshow"] = {"slide_type": pending}
                    pending, used = None, height
                elif height and used and used + height > SLIDE_LINES:
                    metadata["slideshow"] = {"slide_type": "subslide"}
                    used = height
                else:
                    used += height
                cell["metadata"] = metadata
        cells.append(cell)
        caption = (
            cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        )
        if caption and convert_markdown and cell.get("outputs"):
            cells.append(
                _markdown_cell(f"*{myst_to_markdown(caption, context)}*", "continue")
            )
    ids = set()
    for index, cell in enumerate(cells):
        if not cell.get("id") or cell["id"] in ids:
            cell["id"] = f"slide-cell-{index}"
        ids.add(cell["id"])
    nb["cells"] = cells
    return nb


def _split_raw(text: str) -> list[tuple[str, str]]:
    """Split an unconverted MyST cell at its level-1/2/3 headings (for JupyterLab)."""
    pieces: list[tuple[str, list[str]]] = [("continue", [])]
    in_fence = None
    for line in text.splitlines():
        outside = in_fence is None
        fence = re.match(r"^ {0,3}(`{3,}|~{3,}|:{3,})", line)
        if fence:
            token = fence.group(1)
            if in_fence is None:
                in_fence = token
            elif (
                token[0] == in_fence[0]
                and len(token) >= len(in_fence)
                and line.strip() == token
            ):
                in_fence = None
        opening = _OPEN.match(line) if outside else None
        heading = _HEADING.match(line) if outside else None
        if heading and len(heading["hashes"]) <= 3:
            kind = "slide" if len(heading["hashes"]) <= 2 else "subslide"
            pieces.append((kind, [line]))
        elif opening and opening["name"] == "exercise" and not _only_heading(pieces[-1][1]):
            pieces.append(("subslide", [line]))
        else:
            pieces[-1][1].append(line)
    return [
        (kind, "\n".join(lines).strip("\n"))
        for kind, lines in pieces
        if "\n".join(lines).strip()
    ]


def _source(cell: Mapping) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


_WIDGET_MIMES = (
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)


def _static_output(output: Mapping) -> dict:
    """An output without its widget view when it has a static page to show instead."""
    output = dict(output)
    data = output.get("data")
    if data and "text/html" in data and any(m in data for m in _WIDGET_MIMES):
        output["data"] = {k: v for k, v in data.items() if k not in _WIDGET_MIMES}
    return output


def chapter_numbers(toc: Path) -> dict[str, str]:
    """Each numbered chapter's number in the book, by document name, from ``_toc.yml``.

    Jupyter Book numbers the chapters of every ``numbered: true`` part in one sequence
    (``use_multitoc_numbering``), so the third numbered chapter is chapter 3.
    """
    import yaml

    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    numbers, n = {}, 0
    for part in data.get("parts", []):
        if not part.get("numbered"):
            continue
        for chapter in part.get("chapters", []):
            n += 1
            numbers[Path(chapter["file"]).name] = str(n)
    return numbers


def chapter_titles(book: Path) -> dict[str, str]:
    """Each ``book/*.md`` page's level-1 title, by document name."""
    titles = {}
    for path in sorted(Path(book).glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles[path.stem] = line[2:].strip()
                break
    return titles


def citation_labels(bibfile: Path, label: Callable | None = None) -> dict:
    """``key -> (authors, year)`` from a bibtex file, "Kaplan et al." style."""
    try:
        from pybtex.database import parse_file
    except ImportError:  # no pybtex: citations show their keys
        return {}
    if not Path(bibfile).exists():
        return {}
    labels = {}
    for key, entry in parse_file(str(bibfile)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        last = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in people]
        if not last:
            authors = key
        elif len(last) == 1:
            authors = last[0]
        elif len(last) == 2:
            authors = f"{last[0]} and {last[1]}"
        else:
            authors = f"{last[0]} et al."
        labels[key] = (authors, entry.fields.get("year", ""))
    return labels


# -- speaker notes from the instructors' page -----------------------------------------------


@dataclass
class Note:
    """One item of a chapter's lecture plan, and the slide it belongs to.

    ``kind`` is "section" (``target`` names a level-1 or level-2 heading of the chapter by
    its start, "Title" for the chapter's title) or "explorer" (``target`` is the
    explorer's registered name); ``text`` is the note, in Markdown.
    """

    kind: str
    target: str
    text: str


_CHAPTER_HEADING = re.compile(r"^## Chapter \d+: ")
_CHAPTER_LINK = re.compile(r"\{doc\}`(?P<doc>[\w-]+)`|href=\"(?P<href>[\w-]+)\.html\"")
_EXPLORER_NAME = re.compile(r"`(?P<name>[a-z0-9-]+/[a-z0-9-]+)`")
#: Paragraphs of a chapter's plan that belong to one section of the chapter.
#: Alternatives are separated by "|": the first the chapter has is used.
_PARAGRAPH_SECTIONS = {"Exercises": "Exercises", "Common mistakes": "Misconceptions|Exercises"}


def lecture_notes(page: Path) -> dict[str, list[Note]]:
    """The speaker notes of each chapter, from the instructors' page (``book/instructors.md``).

    Each ``## Chapter N: ...`` section names its chapter (``{doc}`name``` or a link to
    ``name.html``). The rows of its lecture plan become notes of the sections named in
    the row's Section cell (several separated by ";"), each the start of a heading of the
    chapter; the **Explorer** paragraph is cut at each explorer's name, and each part is
    a note of that explorer's slide; **Exercises** goes to the Exercises section and
    **Common mistakes** to Misconceptions (or Exercises, in a chapter without one).
    """
    notes: dict[str, list[Note]] = {}
    chapter, block, lines = None, None, Path(page).read_text(encoding="utf-8").splitlines()
    paragraphs: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("## "):
            chapter = None
            if _CHAPTER_HEADING.match(line):
                chapter = ""
            continue
        if chapter == "":
            link = _CHAPTER_LINK.search(line)
            if link:
                chapter = link["doc"] or link["href"]
                notes[chapter] = []
                paragraphs = []
            continue
        if not chapter:
            continue
        bold = re.match(r"^\*\*(?P<name>[^*]+?)\.?\*\*\s*(?P<rest>.*)$", line)
        if bold:
            block = bold["name"].split(" (")[0].rstrip(".")
            paragraphs.append((block, [bold["rest"]] if bold["rest"] else []))
            continue
        if block and paragraphs:
            paragraphs[-1][1].append(line)
        if block == "Lecture plan" and line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 3 or cells[0] in {"Minutes", ""} or set(cells[0]) <= set("-: "):
                continue
            minutes, sections, what = cells[0], cells[1], " | ".join(cells[2:])
            for section in (s.strip() for s in sections.split(";")):
                notes[chapter].append(Note(
                    "section", section, f"**Minutes {minutes}: {sections}.** {what}"))
        if block and not line.strip() and "\n".join(paragraphs[-1][1]).strip():
            _paragraph_notes(notes[chapter], paragraphs[-1])
            block = None
    if chapter and block:
        _paragraph_notes(notes[chapter], paragraphs[-1])
    return notes


def _paragraph_notes(notes: list[Note], paragraph: tuple[str, list[str]]) -> None:
    name, lines = paragraph
    text = "\n".join(lines).strip()
    if not text or name == "Lecture plan":
        return
    if name in {"Explorer", "Explorers"}:
        text = " ".join(text.split())
        found = list(_EXPLORER_NAME.finditer(text))
        for i, match in enumerate(found):
            start = text.rfind(". ", 0, match.start()) + 1 if i else 0
            end = len(text)
            if i + 1 < len(found):
                end = text.rfind(". ", 0, found[i + 1].start()) + 1 or found[i + 1].start()
            notes.append(Note("explorer", match["name"],
                              f"**Explorer.** {text[start:end].strip()}"))
        return
    section = _PARAGRAPH_SECTIONS.get(name)
    if section:
        body = text if not text.startswith("- ") else "\n" + text
        notes.append(Note("section", section, f"**{name}.** {body}".rstrip()))


def _heading_text(source: str) -> tuple[int, str] | None:
    first = source.lstrip("\n").split("\n", 1)[0]
    match = _HEADING.match(first)
    if not match:
        return None
    return len(match["hashes"]), first.lstrip("#").strip()


def note_target(cells, note: Note) -> int | None:
    """The index of the cell that starts the slide ``note`` belongs to, or None.

    A target of alternatives ("Misconceptions|Exercises") takes the first that exists.
    """
    if note.kind == "section" and "|" in note.target:
        for target in note.target.split("|"):
            found = note_target(cells, Note(note.kind, target, note.text))
            if found is not None:
                return found
        return None
    for index, cell in enumerate(cells):
        if note.kind == "explorer":
            if cell.get("cell_type") != "code":
                continue
            if f'get_explorer("{note.target}")' in _source(cell) or any(
                f'data-explorer="{note.target}"' in str(o.get("data", {}).get("text/html", ""))
                for o in cell.get("outputs", [])
            ):
                return index
            continue
        if cell.get("cell_type") != "markdown":
            continue
        heading = _heading_text(_source(cell))
        if not heading or heading[0] > 2:
            continue
        level, title = heading
        if note.target.lower() == "title":
            if level == 1:
                return index
        elif level == 2 and title.lower().startswith(note.target.lower()):
            return index
    return None


def attach_notes(cells: list[dict], notes) -> list[Note]:
    """Insert each note as a ``notes`` cell at the end of the slide it belongs to.

    Returns the notes whose slide was not found (a heading renamed in the chapter, an
    explorer removed), for the caller to report.
    """
    placed: dict[int, list[str]] = {}
    missing = []
    for note in notes or ():
        index = note_target(cells, note)
        if index is None:
            missing.append(note)
        else:
            placed.setdefault(index, []).append(note.text)
    for index in sorted(placed, reverse=True):
        cell = {"cell_type": "markdown", "id": f"speaker-notes-{index}",
                "source": "\n\n".join(placed[index]),
                "metadata": {"slideshow": {"slide_type": "notes"}, "tags": ["notes"]}}
        # At the end of the slide: JupyterLab's slideshow would take the cells that
        # follow a notes cell on its slide into the notes, off the slide.
        after = index + 1
        while after < len(cells) and cells[after].get("metadata", {}).get(
                "slideshow", {}).get("slide_type") not in {"slide", "subslide"}:
            after += 1
        cells.insert(after, cell)
    return missing
