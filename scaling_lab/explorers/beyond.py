"""Explorers of the chapter "Beyond Chinchilla".

``beyond/inference``: the model that reaches a given loss with the fewest lifetime
FLOPs (Sardana et al. 2024), as the expected inference demand grows. The quality is set
as the loss of the compute-optimal model of a training budget, so the slider reads in
FLOPs; every frame is a handful of one-dimensional roots.

Examples
--------
>>> ex = inference_explorer()
>>> [s.name for s in ex.sliders]
['inference_tokens', 'budget', 'law']
>>> ex.frame(inference_tokens=0.0, budget=1e23, law=0).note.startswith("no inference")
True
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ..beyond import inference_optimal
from ..chinchilla import compute_optimal, law_params
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register

__all__ = ["inference_explorer", "INFERENCE_TOKENS", "BUDGETS", "EXPLORER_LAWS"]

#: Lifetime inference tokens offered by the slider: none, then 1e9 to 1e16.
INFERENCE_TOKENS = (0.0, *(10.0**k for k in range(9, 17)))
#: Training budgets whose compute-optimal loss sets the target.
BUDGETS = tuple(10.0**k for k in range(21, 26))
#: The laws, by slider position.
EXPLORER_LAWS = ("hoffmann", "epoch")
_DEMAND = np.logspace(8, 17, 46)


@cache
def _curve(budget: float, law: str):
    ell = compute_optimal(budget, law).loss
    return ell, inference_optimal(ell, _DEMAND, law)


def _frame(inference_tokens: float, budget: float, law: float) -> Frame:
    name = EXPLORER_LAWS[int(law)]
    ell, curve = _curve(float(budget), name)
    opt = inference_optimal(ell, float(inference_tokens), name)
    mark = max(float(inference_tokens), _DEMAND[0])
    p = law_params(name)
    low = min(opt.chinchilla_N / 30, opt.N / 3)
    sizes = np.logspace(np.log10(low), np.log10(opt.chinchilla_N) + 1, 120)
    reducible = ell - p.E - p.A / sizes**p.alpha
    with np.errstate(invalid="ignore", divide="ignore"):
        tokens = np.where(reducible > 0, (p.B / reducible) ** (1 / p.beta), np.nan)
    total = 6 * sizes * tokens + 2 * sizes * float(inference_tokens)
    if inference_tokens == 0:
        head = "no inference counted: the optimum is Chinchilla's"
    else:
        head = f"{inference_tokens:.0e} inference tokens"
    return Frame(
        {
            "total": (sizes, total / opt.chinchilla_total_flops),
            "best": (np.array([opt.N]), np.array([opt.total_flops
                                                  / opt.chinchilla_total_flops])),
            "chin": (np.array([opt.chinchilla_N]), np.array([1.0])),
            "ratio": (_DEMAND, curve.tokens_per_param),
            "here": (np.array([mark]), np.array([opt.tokens_per_param])),
        },
        note=(f"{head} ({p.label}, loss {ell:.3f} nats): N = {opt.N:.3g}, "
              f"{opt.tokens_per_param:.0f} tokens per parameter (Chinchilla "
              f"{opt.chinchilla_tokens_per_param:.0f}); lifetime FLOPs "
              f"{100 * float(opt.saving):.1f}% below those of the compute-optimal "
              "model"),
    )


@register("beyond/inference")
def inference_explorer() -> Explorer:
    """Lifetime FLOPs against model size at a fixed loss, and the optimum's tokens per
    parameter against inference demand.

    Move the inference tokens: the minimum of the lifetime cost slides to smaller
    models trained on more tokens. Move the budget: a better target needs a larger
    model. Move the law: Epoch's refit trains on fewer tokens per parameter.
    """
    return Explorer(
        name="beyond/inference",
        title="Inference-aware sizing: the cheapest model over its lifetime",
        alt=("Two panels. Left, log-log: lifetime FLOPs (training plus inference) of the "
             "models that reach one loss, relative to the compute-optimal model, against "
             "their size N; a U-shaped curve with its minimum marked, left of the "
             "compute-optimal model when inference is counted. Right: tokens per "
             "parameter of the cheapest model against lifetime inference tokens, flat at "
             "Chinchilla's ratio for small demand and rising steeply beyond it."),
        function=_frame,
        sliders=[
            Slider("inference_tokens", "lifetime inference tokens", INFERENCE_TOKENS,
                   default=1e13, fmt="{:.0e}"),
            Slider("budget", "quality: loss of the compute-optimal model of C FLOPs",
                   BUDGETS, default=1e23, fmt="{:.0e}"),
            Slider("law", "law (0 Hoffmann, 1 Epoch)", (0, 1), default=0, fmt="{:.0f}"),
        ],
        panels=[
            Panel(xlabel="parameters N", ylabel="lifetime FLOPs (relative)",
                  xlim=(1e7, 1e13), ylim=(0.05, 30), title="cost of the models of one loss"),
            Panel(xlabel="lifetime inference tokens", ylabel="tokens per parameter",
                  xlim=(1e8, 1e17), ylim=(5, 1e7), title="the cheapest model"),
        ],
        lines=[
            LineSpec("total", "training + inference", panel=0, color="blue"),
            LineSpec("best", "cheapest", panel=0, color="vermillion", width=9,
                     kind="points"),
            LineSpec("chin", "compute-optimal", panel=0, color="grey", width=9,
                     kind="points"),
            LineSpec("ratio", "D/N of the cheapest model", panel=1, color="blue"),
            LineSpec("here", "this demand", panel=1, color="vermillion", width=9,
                     kind="points"),
        ],
        height=3.4,
    )
