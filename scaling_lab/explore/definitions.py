"""What an explorer is made of: sliders, panels, line styles and frames.

Design: these are frozen records with validation at construction, so a badly defined
explorer fails when a chapter defines it, not when a reader moves a slider. They import
nothing from the rest of the engine; the static page, the live widget and the
:class:`~scaling_lab.explore.explorer.Explorer` build on them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError
from ..plotting import PALETTE
from ..units import readable_numbers

__all__ = ["Slider", "Panel", "LineSpec", "Frame", "MAX_SLIDERS", "MAX_FRAMES",
           "MAX_HTML_BYTES", "VIEW_VARIABLE", "DASHES"]

#: At most this many sliders per explorer: split a bigger idea into several explorers.
MAX_SLIDERS = 3
#: At most this many points on the slider grid (the product of the slider sizes).
MAX_FRAMES = 512
#: The static page fragment of one explorer must stay under this many bytes.
MAX_HTML_BYTES = 1_200_000
#: Environment variable: "static" makes explorers display only their static page (its
#: sliders still move the lines), for front ends without a widget manager.
VIEW_VARIABLE = "SCALING_LAB_EXPLORER_VIEW"


#: Dash patterns (in units of the line width) for the line styles an explorer may use.
DASHES = {"-": None, "--": (3.7, 1.6), ":": (1.0, 1.65), "-.": (6.4, 1.6, 1.0, 1.6)}


@dataclass(frozen=True)
class Slider:
    """One slider: a named argument of the explorer's function and its grid of values.

    Parameters
    ----------
    name : str
        The keyword the function receives.
    label : str
        What the reader sees beside the slider (plain text; Unicode symbols are fine).
    values : sequence of float
        The grid, in order. The static page offers exactly these values.
    default : float
        The starting value; must be one of ``values``.
    fmt : str, default "{:g}"
        How a value is shown.

    Examples
    --------
    >>> s = Slider("alpha", "exponent α", (0.2, 0.3, 0.4), default=0.3, fmt="{:.2f}")
    >>> s.default_index, s.text(0.2)
    (1, '0.20')
    """

    name: str
    label: str
    values: tuple
    default: float
    fmt: str = "{:g}"

    def __post_init__(self):
        values = tuple(float(v) for v in self.values)
        object.__setattr__(self, "values", values)
        if len(values) < 2:
            raise ScalingLabError(
                f"slider {self.name!r} needs at least 2 values (got {len(values)})"
            )
        if not any(math.isclose(self.default, v, rel_tol=1e-12, abs_tol=1e-15)
                   for v in values):
            raise ScalingLabError(
                f"slider {self.name!r}: 'default' must be one of its values "
                f"(got {self.default!r}; values are {values})"
            )

    @property
    def default_index(self) -> int:
        return int(np.argmin([abs(v - self.default) for v in self.values]))

    def text(self, value: float) -> str:
        """The value as the page shows it: ``fmt``, with e-notation written out
        (``1e+22`` as ``10²²``) and a real minus sign
        (:func:`scaling_lab.units.readable_numbers`)."""
        return readable_numbers(self.fmt.format(value))


@dataclass(frozen=True)
class Panel:
    """One set of axes with fixed limits (fixed, so that the reader sees lines move).

    ``xscale`` and ``yscale`` are 'log' or 'linear'.

    >>> Panel("parameters N", "loss L (nats)", xlim=(1e6, 1e12), ylim=(1, 10)).xscale
    'log'
    """

    xlabel: str
    ylabel: str
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xscale: str = "log"
    yscale: str = "log"
    title: str = ""


@dataclass(frozen=True)
class LineSpec:
    """The fixed style of one moving line.

    ``kind`` is 'line' or 'points'. ``panel`` is the index of its Panel. ``color`` is a
    palette name or a hex colour; ``style`` one of '-', '--', ':', '-.'.

    >>> LineSpec("fit", "fitted law", color="orange", style="--").hex
    '#E69F00'
    """

    key: str
    label: str
    panel: int = 0
    color: str = "blue"
    style: str = "-"
    width: float = 2.0
    kind: str = "line"

    @property
    def hex(self) -> str:
        return PALETTE.get(self.color, self.color)


@dataclass(frozen=True)
class Frame:
    """What an explorer's function returns: the curves to draw and a note for the reader.

    ``curves`` maps each LineSpec key to ``(x, y)`` arrays. Non-finite y values (and
    non-positive ones on a log axis) break the line.

    >>> f = Frame({"y": ([1, 10], [1.0, 0.1])}, note="slope -1")
    >>> sorted(f.curves), f.note
    (['y'], 'slope −1')
    """

    curves: Mapping[str, tuple]
    note: str = ""

    def __post_init__(self):
        # Numbers as a page prints them: "C = 1e+22" reads "C = 10²²", "-0.5" "−0.5".
        object.__setattr__(self, "note", readable_numbers(self.note))

