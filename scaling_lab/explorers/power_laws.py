"""Explorers of the power-laws chapter.

Examples
--------
>>> ex = power_law_explorer()
>>> [s.name for s in ex.sliders]
['k', 'n', 'offset']
>>> ex.frame(k=1.0, n=-0.5, offset=0.0).note
'y = 0 + 1·x^-0.5: local slope on log-log axes at x = 100 is -0.5'
"""

from __future__ import annotations

import numpy as np

from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..laws import local_exponent, power_law

__all__ = ["power_law_explorer"]

_X_LINEAR = np.linspace(0.5, 100, 80)
_X_LOG = np.logspace(0, 2, 60)


def _power_law_frame(k: float, n: float, offset: float) -> Frame:
    y_log = power_law(_X_LOG, k=k, n=n, offset=offset)
    pure = power_law(_X_LOG, k=k, n=n)
    slope = local_exponent(_X_LOG, y_log)[-1]
    return Frame(
        {
            "linear": (_X_LINEAR, power_law(_X_LINEAR, k=k, n=n, offset=offset)),
            "loglog": (_X_LOG, y_log),
            "pure": (_X_LOG, pure if offset > 0 else np.full_like(pure, np.nan)),
        },
        note=(f"y = {offset:g} + {k:g}·x^{n:g}: local slope on log-log axes at x = 100 "
              f"is {slope:.2g}"),
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
            Slider("n", "exponent n", (-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0),
                   default=-0.5),
            Slider("offset", "offset", (0.0, 0.5, 1.0, 2.0), default=0.0),
        ],
        panels=[
            Panel(xlabel="x", ylabel="y", xlim=(0, 100), ylim=(0, 12), xscale="linear",
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
