"""scaling_lab: the small, tested library behind the course "Scaling Laws, hands-on".

Every formula and published number in the book is computed here. Modules:

* :mod:`scaling_lab.laws` — power laws and their relatives.
* :mod:`scaling_lab.published` — every published constant, with its source.
* :mod:`scaling_lab.fit` — fitting power laws.
* :mod:`scaling_lab.symbols` — the symbol table.
* :mod:`scaling_lab.kaplan` — Kaplan et al. 2020's laws, frontier and crossing point.
* :mod:`scaling_lab.zipf` — Zipf's law: tokenising, counting, fitting word counts.
* :mod:`scaling_lab.quanta` — the quantization model: exact sums, laws, simulation.
* :mod:`scaling_lab.limits` and :mod:`scaling_lab.manifold` — where the straight line
  ends: other sources of power laws, double descent, emergence, repeated data.
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
    "chinchilla": None, "chinchilla_fit": None, "quanta": None, "limits": None,
    "manifold": None, "explore": None, "plotting": None,
    **dict.fromkeys(("Explorer", "Frame", "LineSpec", "Panel", "Slider", "get_explorer"),
                    "explore"),
    **dict.fromkeys(("QuantaExponents", "QuantaSimulation", "gamma_from_data_exponent",
                     "learned_from_data", "learned_from_steps", "predicted_exponents",
                     "prediction_table", "prediction_table_markdown", "quanta_loss",
                     "quanta_loss_asymptotic", "quanta_probabilities", "quantum_loss",
                     "simulate_quanta", "unlearned_mass"), "quanta"),
    **dict.fromkeys(("effective_data", "emergence_threshold", "exact_match",
                     "mean_estimation_error", "random_features_curve"), "limits"),
    "manifold_regression_error": "manifold",
    **dict.fromkeys(("WordCounts", "ZipfFit", "count_words", "fit_zipf", "tokenize"),
                    "zipf"),
    **dict.fromkeys(("Allocation", "IsoFLOPFit", "allocation_coefficient",
                     "allocation_exponents", "compute_optimal", "envelope_optimum",
                     "isoflop_fit", "isoflop_loss"), "chinchilla"),
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
    "manifold",
    "effective_data",
    "emergence_threshold",
    "exact_match",
    "mean_estimation_error",
    "random_features_curve",
    "manifold_regression_error",
]
