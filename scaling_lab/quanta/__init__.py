r"""The quantization model of neural scaling (Michaud et al. 2023), computed.

Three modules: :mod:`~scaling_lab.quanta.theory` (Zipfian quanta, the exact sums of the
unlearned mass, the loss laws in parameters, data and steps, the predicted exponents),
:mod:`~scaling_lab.quanta.simulation` (seeded training sets, the exponents fitted to
them, and the measured coverage of their intervals) and
:mod:`~scaling_lab.quanta.evidence` (the predicted ordering of the exponents against
the published ones, with their intervals).

Examples
--------
>>> from scaling_lab.quanta import unlearned_mass, quanta_loss_asymptotic
>>> unlearned_mass(1000, gamma=0.5).round(4)          # samples past the 1000th quantum
array([0.0242])
>>> (quanta_loss_asymptotic(1000, gamma=0.5) / unlearned_mass(1000, gamma=0.5)).round(5)
array([1.00025])
"""

from .evidence import (
    epoch_data_exponent_test,
    exponent_ordering,
    exponent_ordering_markdown,
)
from .simulation import (
    Coverage,
    QuantaSimulation,
    simulate_quanta,
    simulation_coverage,
    wilson_interval,
)
from .theory import (
    QuantaExponents,
    gamma_from_data_exponent,
    geometric_unlearned_mass,
    learned_from_data,
    learned_from_steps,
    predicted_exponents,
    prediction_table,
    prediction_table_markdown,
    quanta_loss,
    quanta_loss_asymptotic,
    quanta_probabilities,
    quantum_loss,
    unlearned_mass,
)

__all__ = [
    "quanta_probabilities",
    "unlearned_mass",
    "quanta_loss",
    "quanta_loss_asymptotic",
    "geometric_unlearned_mass",
    "quantum_loss",
    "learned_from_data",
    "learned_from_steps",
    "QuantaExponents",
    "predicted_exponents",
    "gamma_from_data_exponent",
    "QuantaSimulation",
    "simulate_quanta",
    "Coverage",
    "simulation_coverage",
    "wilson_interval",
    "exponent_ordering",
    "exponent_ordering_markdown",
    "epoch_data_exponent_test",
    "prediction_table",
    "prediction_table_markdown",
]
