"""Where the straight line ends: small, seeded experiments behind the limits chapter.

One module per idea: :mod:`~scaling_lab.limits.runs` (the :class:`ScalingRun` record and
the error of a sample mean), :mod:`~scaling_lab.limits.manifold` (nearest-neighbour
regression on a data manifold), :mod:`~scaling_lab.limits.double_descent`
(random-features regression), :mod:`~scaling_lab.limits.emergence` (exact match over k
tokens of a smoothly falling loss) and :mod:`~scaling_lab.limits.repeated` (repeated
data, Muennighoff et al. 2023). Every simulation is a seeded pure function, small on
purpose: each runs in well under a second.

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
    task_loss,
    transition_width,
)
from .manifold import manifold_exponent, manifold_regression_error, torus_points
from .repeated import effective_data, repeated_data_value
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
    "emergence_threshold",
    "transition_width",
    "effective_data",
    "repeated_data_value",
    "manifold_exponent",
    "manifold_regression_error",
    "torus_points",
]
