"""Where the straight line ends: small, seeded experiments behind the limits chapter.

One module per idea: :mod:`~scaling_lab.limits.runs` (the :class:`ScalingRun` record and
the error of a sample mean), :mod:`~scaling_lab.limits.manifold` (nearest-neighbour
regression on a data manifold), :mod:`~scaling_lab.limits.double_descent`
(random-features regression), :mod:`~scaling_lab.limits.emergence` (exact match over k
tokens of a smoothly falling loss), :mod:`~scaling_lab.limits.repeated` (repeated data
and excess parameters, Muennighoff et al. 2023) and :mod:`~scaling_lab.limits.returns`
(the exponents of cost and return along the compute-optimal frontier). Every simulation
is a seeded pure function, small on purpose: each runs in well under a second.

Examples
--------
>>> from scaling_lab.limits import mean_estimation_error
>>> run = mean_estimation_error([10, 100, 1000], trials=400, seed=0)
>>> run.theory_exponent, round(run.exponent, 1)
(-1.0, -1.0)
"""

from .double_descent import RIDGES, DoubleDescentRun, random_features_curve
from .emergence import (
    TASK_LOSS,
    emergence_threshold,
    exact_match,
    exact_match_ceiling,
    task_loss,
    transition_width,
)
from .manifold import (
    ExponentBias,
    exponent_bias,
    manifold_exponent,
    manifold_regression_error,
    torus_points,
)
from .repeated import (
    DataConstrainedAllocation,
    data_constrained_loss,
    data_constrained_optimum,
    effective_data,
    effective_parameters,
    repeated_data_value,
    unique_data_model_size,
)
from .returns import frontier_loss_exponent, halving_factor
from .runs import ScalingRun, mean_estimation_error

__all__ = [
    "ScalingRun",
    "mean_estimation_error",
    "RIDGES",
    "DoubleDescentRun",
    "random_features_curve",
    "TASK_LOSS",
    "task_loss",
    "exact_match",
    "exact_match_ceiling",
    "emergence_threshold",
    "transition_width",
    "effective_data",
    "repeated_data_value",
    "unique_data_model_size",
    "effective_parameters",
    "data_constrained_loss",
    "DataConstrainedAllocation",
    "data_constrained_optimum",
    "frontier_loss_exponent",
    "halving_factor",
    "manifold_exponent",
    "manifold_regression_error",
    "torus_points",
    "ExponentBias",
    "exponent_bias",
]
