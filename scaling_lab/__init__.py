"""scaling_lab: the small, tested library behind the course "Scaling Laws, hands-on".

Every formula and published number in the book is computed here. Modules:

* :mod:`scaling_lab.laws` — power laws and their relatives.
* :mod:`scaling_lab.published` — every published constant, with its source.
* :mod:`scaling_lab.fit` — fitting power laws.
* :mod:`scaling_lab.symbols` — the symbol table.
* :mod:`scaling_lab.plotting` — one figure style.
* :mod:`scaling_lab.explore` and :mod:`scaling_lab.explorers` — sliders, live and static.
* :mod:`scaling_lab.feedback` — checking a reader's answers.
* :mod:`scaling_lab.cli` — the ``scaling-lab`` command.

Examples
--------
>>> import scaling_lab as sl
>>> sl.power_law([10.0], k=1.0, n=-1.0)
array([0.1])
"""

from . import exercises, explorers, published  # noqa: F401  (registers explorers, checks)
from ._validate import ScalingLabError, ScalingLabWarning
from .explore import Explorer, Frame, LineSpec, Panel, Slider, get_explorer
from .feedback import Feedback, check_fit, check_function, check_number
from .fit import PowerLawFit, fit_power_law
from .laws import (
    growth_regime,
    local_exponent,
    log_log_line,
    pareto_exponent_for_share,
    power_law,
    top_share,
)
from .symbols import SYMBOLS, symbol, symbol_table_markdown

__version__ = "0.1.0"

__all__ = [
    "exercises",
    "explorers",
    "published",
    "ScalingLabError",
    "ScalingLabWarning",
    "Explorer",
    "Frame",
    "LineSpec",
    "Panel",
    "Slider",
    "get_explorer",
    "Feedback",
    "check_fit",
    "check_function",
    "check_number",
    "PowerLawFit",
    "fit_power_law",
    "growth_regime",
    "local_exponent",
    "log_log_line",
    "pareto_exponent_for_share",
    "power_law",
    "top_share",
    "SYMBOLS",
    "symbol",
    "symbol_table_markdown",
]
