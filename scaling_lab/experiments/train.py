"""One training loop for every experiment: seeded batches, Adam, warmup plus cosine.

Design choices:

* **A run is fixed by its budget.** The number of steps is the largest whole number whose
  training FLOPs (forward plus backward, :meth:`MLP.flops`) fit in the budget, so runs of
  different sizes at one budget sit on one iso-FLOP curve, C = steps x FLOPs per step.
* **Two random streams.** The weights come from ``seed`` (inside :class:`MLP`), the
  batches from ``numpy.random.default_rng([seed, 1])``: changing the model's size does
  not change which batches it sees first.
* **Evaluation is not training compute.** The held-out loss is measured at chosen steps
  and its FLOPs are not counted in C (as in the papers).

Examples
--------
>>> import numpy as np
>>> from scaling_lab.experiments.mlp import MLP
>>> from scaling_lab.experiments.train import train
>>> def sample(rng, batch):
...     x = rng.standard_normal((batch, 2))
...     return x, (x[:, 0] > 0).astype(int)
>>> net = MLP(2, (8,), 2, seed=0)
>>> run = train(net, sample, steps=200, batch=32, lr=0.01, seed=0,
...             evaluate=lambda n: float(n.losses(*sample(np.random.default_rng(9), 500)).mean()))
>>> bool(run.final_loss < 0.2), run.steps, run.flops == 200 * net.flops(32)["forward"] + 200 * net.flops(32)["backward"]
(True, 200, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._validate import check_number
from .mlp import MLP, Adam, lr_schedule

__all__ = ["TrainResult", "train", "steps_for_budget"]


@dataclass(frozen=True)
class TrainResult:
    """What one training run measured.

    Attributes
    ----------
    steps, batch : int
        Optimiser steps and examples per step (examples seen D = steps x batch).
    flops : int
        Training compute C: forward plus backward FLOPs over all steps.
    optimizer_flops : int
        Adam's FLOPs over all steps (not part of C).
    eval_steps : numpy.ndarray
        Steps after which the held-out loss was measured.
    eval_losses : list
        What ``evaluate`` returned at each of them (a float, or an array per subtask).
    final_loss : float or numpy.ndarray
        The last evaluation.
    train_loss : float
        Mean training loss over the last 10% of steps.
    """

    steps: int
    batch: int
    flops: int
    optimizer_flops: int
    eval_steps: np.ndarray
    eval_losses: list
    final_loss: object
    train_loss: float


def steps_for_budget(net: MLP, budget: float, batch: int) -> int:
    """The number of steps of ``batch`` examples whose training FLOPs fit in ``budget``.

    >>> net = MLP(3, (4,), 2)
    >>> per_step = net.flops(10)["forward"] + net.flops(10)["backward"]
    >>> steps_for_budget(net, 5 * per_step + 1, 10)
    5
    """
    budget = check_number("budget", budget, positive=True)
    f = net.flops(batch)
    return int(budget // (f["forward"] + f["backward"]))


def train(net: MLP, sample: Callable, *, steps: int, batch: int, lr: float, seed: int = 0,
          warmup: float = 0.05, final: float = 0.1, evaluate: Callable | None = None,
          eval_at=None, progress: Callable | None = None) -> TrainResult:
    """Train ``net`` in place with Adam on batches from ``sample(rng, batch) -> (x, y)``.

    Parameters
    ----------
    net : MLP
    sample : callable
        ``sample(rng, batch)`` returns inputs and integer labels.
    steps, batch : int
        Number of steps and examples per step.
    lr : float
        Peak learning rate of the warmup plus cosine schedule (:func:`lr_schedule`).
    seed : int, default 0
        Seed of the batches' random stream.
    warmup : float, default 0.05
        Warmup as a fraction of ``steps``.
    final : float, default 0.1
        Last learning rate as a fraction of ``lr``.
    evaluate : callable, optional
        ``evaluate(net)`` returns the held-out loss (a float or an array).
    eval_at : array_like of int, optional
        Steps (1 to ``steps``) after which to evaluate; default: the last step only.
    progress : callable, optional
        Called as ``progress(flops)`` every 50 steps with the FLOPs done since the last
        call (a progress bar's ``update``).

    Returns
    -------
    TrainResult
    """
    steps = check_number("steps", steps, integer=True, low=1)
    batch = check_number("batch", batch, integer=True, low=1)
    lr = check_number("lr", lr, positive=True)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    warmup = check_number("warmup", warmup, low=0.0, high=1.0)
    rates = lr_schedule(np.arange(steps), steps, lr, warmup=int(warmup * steps),
                        final=final)
    eval_at = {steps} if eval_at is None else {int(s) for s in eval_at if 1 <= s <= steps}
    rng = np.random.default_rng([seed, 1])
    opt = Adam(net.params)
    f = net.flops(batch)
    per_step = f["forward"] + f["backward"]
    tail = max(1, steps // 10)
    train_tail, done_steps, results = [], [], []
    for t in range(steps):
        x, y = sample(rng, batch)
        loss, grads = net.loss_and_grad(x, y)
        opt.step(grads, float(rates[t]))
        if t >= steps - tail:
            train_tail.append(loss)
        if evaluate is not None and t + 1 in eval_at:
            done_steps.append(t + 1)
            results.append(evaluate(net))
        if progress is not None and (t + 1) % 50 == 0:
            progress(50 * per_step)
    if progress is not None and steps % 50:
        progress((steps % 50) * per_step)
    return TrainResult(steps=steps, batch=batch, flops=steps * per_step,
                       optimizer_flops=steps * opt.flops(), eval_steps=np.array(done_steps),
                       eval_losses=results, final_loss=results[-1] if results else None,
                       train_loss=float(np.mean(train_tail)))
