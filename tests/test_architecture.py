"""The package's rooms, as ARCHITECTURE.md states them, hold in the code.

The room table is read from ARCHITECTURE.md itself, so the document and the code cannot
drift apart: every module must be in a room, and every import (top-level or inside a
function) must point to the module's own room or a room listed before it.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scaling_lab"
OUTSIDE_ROOMS = {"__init__", "__main__"}
MAX_LINES = 550
#: Every published constant lives once, in one file (a table with sources, not code).
NO_SIZE_LIMIT = {"published.py"}


def rooms() -> dict[str, int]:
    """Top-level module name -> room number, from the table in ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|[^|]+\|([^|]+)\|", line)
        if match:
            for name in re.findall(r"`([A-Za-z_]+)/?`", match.group(2)):
                table[name] = int(match.group(1))
    return table


ROOMS = rooms()


def top_name(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path) -> str:
    parts = ("scaling_lab", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, text: str | None = None) -> set[str]:
    """Every scaling_lab module ``path`` imports (or ``text``, read as if it were at
    ``path``), as dotted names."""
    here = dotted(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = set()
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:  # `from .. import published` names a module
                found.add(f"{target}.{alias.name}")
    return {name for name in found if name.startswith("scaling_lab.")}


def room_of(name: str) -> int | None:
    """The room of a dotted module name, or None for the package itself."""
    top = name.split(".")[1]
    if top in OUTSIDE_ROOMS or top == "__version__":
        return None
    is_module = (PACKAGE / f"{top}.py").exists() or (PACKAGE / top).is_dir()
    return ROOMS.get(top) if is_module else None


def test_the_room_table_is_read():
    assert ROOMS["published"] == 1 and ROOMS["cli"] == 9, ROOMS
    assert sorted(set(ROOMS.values())) == list(range(1, 10))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_has_a_room(path):
    top = top_name(path)
    if top in OUTSIDE_ROOMS:
        return
    assert top in ROOMS, (
        f"scaling_lab/{path.relative_to(PACKAGE)} is in no room: add `{top}` to the table "
        "in ARCHITECTURE.md"
    )


def wrong_way(path: Path, text: str | None = None) -> list[str]:
    """The imports of ``path`` that point to a later room."""
    top = top_name(path)
    if top in OUTSIDE_ROOMS or top not in ROOMS:
        return []
    return sorted(
        f"{name} (room {room_of(name)})" for name in imported_modules(path, text)
        if room_of(name) is not None and room_of(name) > ROOMS[top]
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_one_way(path):
    top = top_name(path)
    mine = ROOMS.get(top)
    wrong = wrong_way(path)
    assert not wrong, (
        f"scaling_lab/{path.relative_to(PACKAGE)} (room {mine}, {top}) imports from a "
        f"later room: {', '.join(wrong)}. Move the code, or see ARCHITECTURE.md."
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path):
    if str(path.relative_to(PACKAGE)) in NO_SIZE_LIMIT:
        return
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, (
        f"scaling_lab/{path.relative_to(PACKAGE)} has {lines} lines; split it by idea "
        f"(at most {MAX_LINES}, see ARCHITECTURE.md)"
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_imports(path):
    """Each module imports on its own (no import circle within a room)."""
    if path.name == "__main__.py":
        return  # running it runs the command line
    importlib.import_module(dotted(path))


def test_chapter_modules_hold_no_argparse():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules()
                 if top_name(p) != "cli" and "argparse" in p.read_text(encoding="utf-8")]
    assert not offenders, f"argparse code outside scaling_lab/cli: {offenders}"


@pytest.mark.parametrize("where, text", [
    ("laws.py", "from .cli import main\n"),
    ("laws.py", "def f():\n    from . import plotting\n"),
    ("zipf/fit.py", "from ..datasets import corpus_counts\n"),
    ("explore/static.py", "import scaling_lab.explorers\n"),
    ("fit.py", "from scaling_lab.quanta.theory import unlearned_mass\n"),
])
def test_the_checker_catches_a_wrong_import(where, text):
    """An import against the direction is caught, relative, absolute or in a function."""
    assert wrong_way(PACKAGE / where, text)


@pytest.mark.parametrize("where, text", [
    ("cli/zipf.py", "from ..zipf import fit_zipf\nfrom .. import published\n"),
    ("zipf/fit.py", "from .text import rank_frequency\nfrom ..fit import fit_power_law\n"),
])
def test_the_checker_accepts_a_right_import(where, text):
    assert not wrong_way(PACKAGE / where, text)
