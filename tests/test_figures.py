"""No figure text below the course style's smallest size (plotting.SMALLEST_TEXT_PT).

The style sets every default size; a chapter or the package can still ask for a smaller
one (``fontsize=8``), which a phone then shows below 11 px. Two checks: every text size
written in a chapter's code or in the package's drawing code, and every explorer's
smallest text as drawn (an explorer's floor is its legend size). And no chapter draws a
legend inside its axes, where it can cover data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaling_lab.explore.explorer import LEGEND_FONTSIZE
from scaling_lab.explore.registry import REGISTRY
from scaling_lab.explore.static import smallest_text
from scaling_lab.explorers import get_explorer
from scaling_lab.plotting import SMALLEST_TEXT_PT

ROOT = Path(__file__).resolve().parents[1]
#: A text size written as a keyword, an rc key or a setter: fontsize=8, labelsize=9,
#: {"font.size": 8}, {"size": 8}, set_fontsize(8).
SIZE = re.compile(r"""(?:\b(?:fontsize|labelsize|titlesize)\s*=\s*|["'](?:font\.size|size|"""
                  r"""fontsize|[a-z]+\.(?:title|label)size)["']\s*:\s*|"""
                  r"""\bset_fontsize\(\s*)(\d+(?:\.\d*)?)""")


def small_sizes(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each text size below the smallest the style allows."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in SIZE.finditer(line):
            if float(match.group(1)) < SMALLEST_TEXT_PT:
                found.append((number, line.strip()))
    return found


def test_the_scan_finds_a_small_size_in_every_spelling():
    text = ('ax.annotate("x", (1, 2), fontsize=8)\nax.tick_params(labelsize=9.5)\n'
            'plt.rcParams.update({"font.size": 7})\nprop={"size": 6}\nt.set_fontsize(8)\n'
            'ok(fontsize=11, size=5000, markersize=3)\n')
    assert [n for n, _ in small_sizes(text)] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("path", sorted(
    [*(ROOT / "book").glob("*.md"), *(ROOT / "scaling_lab").rglob("*.py")]),
    ids=lambda p: str(p.relative_to(ROOT)))
def test_no_text_size_below_the_course_style(path):
    found = small_sizes(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)}: text below {SMALLEST_TEXT_PT} pt: "
                       f"{found}")


@pytest.mark.parametrize("name", sorted(REGISTRY) or ["power-laws/pure"])
def test_no_explorer_text_below_its_legend(name):
    """An explorer's SVG is shown larger than a chapter figure, so its floor is its
    legend size (the browser tests measure what that becomes on a phone); nothing an
    explorer draws, annotations included, may be smaller."""
    assert smallest_text(get_explorer(name)) >= LEGEND_FONTSIZE


#: A legend drawn inside an axes (``ax.legend()``, ``left.legend(...)``): the course puts
#: legends below the axes with plotting.legend_below, where they never cover data.
INSIDE_LEGEND = re.compile(r"\b(?!fig\b)[a-z_][a-z0-9_]*(?:\[[^\]]*\])?\.legend\(")


def test_the_legend_scan_finds_a_legend_inside_the_axes():
    text = "ax.legend()\nleft.legend(loc='upper left')\naxes[0].legend()\nlegend_below(ax)\n" \
           "fig.legend(handles, labels, loc='outside lower center')\n"
    assert [n for n, line in enumerate(text.splitlines(), 1)
            if INSIDE_LEGEND.search(line)] == [1, 2, 3]


@pytest.mark.parametrize("path", sorted((ROOT / "book").glob("*.md")), ids=lambda p: p.name)
def test_chapters_put_legends_below_the_axes(path):
    found = [(n, line.strip()) for n, line in
             enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if INSIDE_LEGEND.search(line)]
    assert not found, f"{path.name}: legends inside the axes (use legend_below): {found}"
