"""Explorers of the power-laws chapter.

The exponent slider has 14 positions from -1 to 1, including the exponents the chapter
discusses: Kaplan et al.'s -alpha_N, Hoffmann et al.'s -alpha and -1/2. The axes keep
fixed limits, so that a reader sees the lines move rather than the axes; where a growing
curve leaves the linear panel, the note says where.

Examples
--------
>>> ex = power_law_explorer()
>>> [s.name for s in ex.sliders]
['k', 'n', 'offset']
>>> ex.frame(k=1.0, n=-0.5, offset=0.0).note
'y = 0 + 1·x^−0.5: local slope on log-log axes at x = 100 is −0.5'
"""

from __future__ import annotations

import numpy as np

from .. import published
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..laws import local_exponent, power_law
from ..plotting import signed

__all__ = ["power_law_explorer", "EXPONENTS"]

_X_LINEAR = np.linspace(0.5, 100, 80)
_X_LOG = np.logspace(0, 2, 60)
_Y_LINEAR_MAX = 12.0

#: The positions of the exponent slider: an even grid from -1 to 1 plus the published
#: exponents the chapter discusses (Kaplan et al. 2020 Eq. 1.1, Hoffmann et al. 2022
#: Eq. 10).
EXPONENTS = tuple(sorted({*np.round(np.linspace(-1, 1, 9), 3).tolist(), -0.875, -0.625,
                          -published.KAPLAN.alpha_N, -published.HOFFMANN.alpha}))


def _power_law_frame(k: float, n: float, offset: float) -> Frame:
    y_log = power_law(_X_LOG, k=k, n=n, offset=offset)
    pure = power_law(_X_LOG, k=k, n=n)
    slope = local_exponent(_X_LOG, y_log)[-1]
    exits = ""
    if n > 0 and offset + k * 100.0**n > _Y_LINEAR_MAX:
        x_exit = ((_Y_LINEAR_MAX - offset) / k) ** (1 / n) if offset < _Y_LINEAR_MAX else 0
        exits = (f"; on the linear axes the curve leaves the frame (y > {_Y_LINEAR_MAX:g}) "
                 f"at x = {x_exit:.3g}")
    return Frame(
        {
            "linear": (_X_LINEAR, power_law(_X_LINEAR, k=k, n=n, offset=offset)),
            "loglog": (_X_LOG, y_log),
            "pure": (_X_LOG, pure if offset > 0 else np.full_like(pure, np.nan)),
        },
        note=(f"y = {offset:g} + {k:g}·x^{signed(n, 'g')}: local slope on log-log axes "
              f"at x = 100 is {signed(slope, '.2g')}{exits}"),
    )


@register("power-laws/k-n-offset")
def power_law_explorer() -> Explorer:
    """y = offset + k x^n on linear and log-log axes, side by side.

    Move n: the log-log line turns about x = 1, keeping its straightness; on linear
    axes the same change bends the curve. Move the offset: the log-log line bends and
    flattens toward the offset, so its local slope is no longer n.
    """
    return Explorer(
        name="power-laws/k-n-offset",
        title="y = offset + k·xⁿ on linear and on log-log axes",
        alt=("Two panels. Left: y against x on linear axes from 0 to 100. Right: the "
             "same law on log-log axes, where a pure power law is a straight line of "
             "slope n and an offset bends it flat."),
        function=_power_law_frame,
        sliders=[
            Slider("k", "coefficient k", (0.5, 1.0, 2.0, 4.0), default=1.0),
            Slider("n", "exponent n", EXPONENTS, default=-0.5),
            Slider("offset", "offset", (0.0, 0.5, 1.0, 2.0), default=0.0),
        ],
        panels=[
            Panel(xlabel="x", ylabel="y", xlim=(0, 100), ylim=(0, _Y_LINEAR_MAX),
                  xscale="linear",
                  yscale="linear", title="linear axes"),
            Panel(xlabel="x", ylabel="y", xlim=(1, 100), ylim=(1e-3, 1e3),
                  title="log-log axes"),
        ],
        lines=[
            LineSpec("linear", "offset + k·xⁿ", panel=0, color="blue"),
            LineSpec("loglog", "offset + k·xⁿ", panel=1, color="blue"),
            LineSpec("pure", "k·xⁿ alone", panel=1, color="orange", style="--"),
        ],
    )
