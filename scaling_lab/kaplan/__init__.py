r"""Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv 2001.08361).

Two modules: :mod:`~scaling_lab.kaplan.laws` (one function per equation: L(N), L(D),
L(C_min), L(N, D), L(N, S), the critical batch size, the overfitting bound, the factor
of a resource that scales a power-law term, and the two
popular misreadings of Eq. 1.5) and :mod:`~scaling_lab.kaplan.frontier` (the
compute-efficient allocation, the data used along the frontier, the crossing point and
its sensitivity to each input, and Eq. 1.5 read at a point: its limiting term, local
exponents and best split of a compute budget).
Units: N counts non-embedding parameters, D tokens, compute is in PF-days and loss in
nats per token. FLOP conversions and :func:`format_scientific` are in
:mod:`scaling_lab.units` and re-exported here for the chapter.

Examples
--------
>>> from scaling_lab import kaplan
>>> float(kaplan.loss_N(1e9).round(3)[0])
2.377
>>> float(kaplan.loss_ND(1e9, 1e10).round(3)[0])
2.484
>>> round(kaplan.crossing_point().C_min, -3)
106000.0
"""

from ..units import flops_to_pf_days, format_scientific, pf_days_to_flops, training_flops
from .frontier import (
    Allocation,
    Crossing,
    CrossingSensitivity,
    alpha_C_min_for_crossing,
    compute_efficient_allocation,
    crossing_point,
    crossing_sensitivity,
    frontier_tokens,
    joint_law_split,
    limiting_term,
    local_exponents,
)
from .laws import (
    critical_batch_size,
    factor_for_loss_ratio,
    loss_C_min,
    loss_D,
    loss_N,
    loss_ND,
    loss_NS,
    loss_product_form,
    loss_sum_form,
    tokens_to_avoid_overfitting,
)

__all__ = [
    "loss_N",
    "loss_D",
    "loss_C_min",
    "loss_ND",
    "loss_NS",
    "loss_product_form",
    "loss_sum_form",
    "critical_batch_size",
    "tokens_to_avoid_overfitting",
    "factor_for_loss_ratio",
    "training_flops",
    "flops_to_pf_days",
    "pf_days_to_flops",
    "Allocation",
    "compute_efficient_allocation",
    "frontier_tokens",
    "Crossing",
    "crossing_point",
    "CrossingSensitivity",
    "crossing_sensitivity",
    "alpha_C_min_for_crossing",
    "limiting_term",
    "local_exponents",
    "joint_law_split",
    "format_scientific",
]
