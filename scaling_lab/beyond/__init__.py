"""Laws beyond 2022: over-training, inference-aware sizing, downstream error, schedules.

One module per idea: :mod:`~scaling_lab.beyond.overtraining` (Gadre et al. 2024's loss
at a fixed token multiplier, and Sardana et al. 2024's optimum of training plus
inference FLOPs), :mod:`~scaling_lab.beyond.downstream` (Gadre et al.'s law from loss to
average top-1 error, and a sigmoid in log compute for one benchmark) and
:mod:`~scaling_lab.beyond.schedules` (cosine and warmup-stable-decay learning-rate
schedules). Every function is a closed form or a one-dimensional root; the fits on real
runs live in :mod:`scaling_lab.beyond_fit`.

Examples
--------
>>> from scaling_lab.beyond import inference_optimal
>>> opt = inference_optimal(2.0, 0.0)
>>> round(opt.tokens_per_param / opt.chinchilla_tokens_per_param, 6)
1.0
"""

from .downstream import error_from_loss, sigmoid_accuracy, sigmoid_width
from .overtraining import (
    InferenceAllocation,
    OvertrainingLaw,
    inference_optimal,
)
from .schedules import cosine_schedule, wsd_schedule

__all__ = [
    "OvertrainingLaw",
    "InferenceAllocation",
    "inference_optimal",
    "error_from_loss",
    "sigmoid_accuracy",
    "sigmoid_width",
    "cosine_schedule",
    "wsd_schedule",
]
