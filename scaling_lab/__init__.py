"""scaling_lab: the small, tested library behind the course "Scaling Laws, hands-on".

Every formula and published number in the book is computed here. The package is laid out
in rooms, each importing only from the rooms before it (``ARCHITECTURE.md`` at the root of
the repository says what goes where, and a test enforces the direction):

1. foundation: :mod:`~scaling_lab.published` (every published constant, with its
   source), :mod:`~scaling_lab.symbols` (the symbol table), :mod:`~scaling_lab.units`
   (FLOPs and PF-days);
2. laws: :mod:`~scaling_lab.laws`, :mod:`~scaling_lab.kaplan`,
   :mod:`~scaling_lab.chinchilla`;
3. fitting: :mod:`~scaling_lab.optimize`, :mod:`~scaling_lab.fit`,
   :mod:`~scaling_lab.chinchilla_fit` (Approach 3), :mod:`~scaling_lab.isoflop`
   (Approaches 1 and 2), :mod:`~scaling_lab.zipf`;
4. models and simulations: :mod:`~scaling_lab.quanta`, :mod:`~scaling_lab.limits`;
5. data: :mod:`~scaling_lab.io`, :mod:`~scaling_lab.datasets`,
   :mod:`~scaling_lab.experiments`;
6. presentation: :mod:`~scaling_lab.plotting`, :mod:`~scaling_lab.feedback`;
7. the explorer engine: :mod:`~scaling_lab.explore`;
8. the chapters' explorers and checks: :mod:`~scaling_lab.explorers`,
   :mod:`~scaling_lab.exercises`;
9. the command line: :mod:`~scaling_lab.cli`.

Examples
--------
>>> import scaling_lab as sl
>>> sl.power_law([10.0], k=1.0, n=-1.0)
array([0.1])
"""

import importlib

from . import published  # noqa: F401
from ._validate import ScalingLabError, ScalingLabWarning
from .feedback import Feedback, check_fit, check_function, check_number
from .fit import PowerLawFit, fit_power_law
from .laws import (
    chinchilla_loss,
    growth_regime,
    local_exponent,
    log_log_line,
    pareto_exponent_for_share,
    power_law,
    top_share,
)
from .symbols import SYMBOLS, symbol, symbol_table_markdown

# The chapters' modules pull in matplotlib, scipy.optimize and powerlaw. They load on
# first use (PEP 562), so `import scaling_lab` and the command line start quickly.
_LAZY = {
    "exercises": None, "explorers": None, "kaplan": None, "zipf": None,
    "chinchilla": None, "chinchilla_fit": None, "isoflop": None, "quanta": None,
    "limits": None, "explore": None, "plotting": None, "datasets": None,
    "optimize": None, "units": None, "stats": None, "backtest": None, "beyond": None,
    "experiments": None,
    **dict.fromkeys(("Explorer", "Frame", "LineSpec", "Panel", "Slider"), "explore"),
    "get_explorer": "explorers",
    **dict.fromkeys(("QuantaExponents", "QuantaSimulation", "gamma_from_data_exponent",
                     "learned_from_data", "learned_from_steps", "predicted_exponents",
                     "prediction_table", "prediction_table_markdown", "quanta_loss",
                     "quanta_loss_asymptotic", "quanta_probabilities", "quantum_loss",
                     "simulate_quanta", "unlearned_mass"), "quanta"),
    **dict.fromkeys(("effective_data", "emergence_threshold", "exact_match",
                     "mean_estimation_error", "random_features_curve"), "limits"),
    "manifold_regression_error": "limits",
    **dict.fromkeys(("WordCounts", "ZipfFit", "count_words", "fit_zipf", "tokenize"),
                    "zipf"),
    **dict.fromkeys(("Allocation", "allocation_coefficient", "allocation_exponents",
                     "compute_optimal", "isoflop_loss"), "chinchilla"),
    **dict.fromkeys(("IsoFLOPFit", "envelope_optimum", "isoflop_fit", "fit_isoflop"),
                    "isoflop"),
    **dict.fromkeys(("ChinchillaFit", "fit_chinchilla", "start_grid"), "chinchilla_fit"),
}


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module 'scaling_lab' has no attribute {name!r}")
    module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
    value = module if _LAZY[name] is None else getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


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
    "chinchilla",
    "chinchilla_fit",
    "Allocation",
    "IsoFLOPFit",
    "allocation_coefficient",
    "allocation_exponents",
    "compute_optimal",
    "envelope_optimum",
    "isoflop_fit",
    "isoflop_loss",
    "fit_isoflop",
    "ChinchillaFit",
    "fit_chinchilla",
    "start_grid",
    "QuantaExponents",
    "QuantaSimulation",
    "gamma_from_data_exponent",
    "learned_from_data",
    "learned_from_steps",
    "predicted_exponents",
    "prediction_table",
    "prediction_table_markdown",
    "quanta_loss",
    "quanta_loss_asymptotic",
    "quanta_probabilities",
    "quantum_loss",
    "simulate_quanta",
    "unlearned_mass",
    "kaplan",
    "chinchilla_loss",
    "zipf",
    "WordCounts",
    "ZipfFit",
    "count_words",
    "fit_zipf",
    "tokenize",
    "limits",
    "isoflop",
    "datasets",
    "optimize",
    "units",
    "stats",
    "backtest",
    "beyond",
    "experiments",
    "effective_data",
    "emergence_threshold",
    "exact_match",
    "mean_estimation_error",
    "random_features_curve",
    "manifold_regression_error",
]
