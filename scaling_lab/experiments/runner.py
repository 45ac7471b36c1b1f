"""Sweeps of training runs: a configuration in, one CSV row per run out.

Design choices:

* **A sweep is a plain dict** (:data:`SPARSE_PARITY`, :data:`CHARLM` and their tiny
  versions), written beside the results as JSON with the package version and the seed,
  so every shipped number can be traced to the exact setup that made it.
* **One progress bar per sweep** (tqdm), in optimiser steps: the total is known before
  the first step, and a step's time varies little with the model's size, so the time
  left is close from the start.
* **Budgets scale a fixed design.** :func:`sparse_parity_config` and
  :func:`charlm_config` turn a total FLOP budget into a sweep of the shipped shape,
  so a reader's one-minute run and the shipped run differ only in scale.

Examples
--------
>>> cfg = charlm_config(3e10, n_budgets=4, n_sizes=5)
>>> len(cfg["isoflop"]["budgets"]), len(cfg["isoflop"]["widths"][0])
(4, 5)
"""

from __future__ import annotations

import copy
import csv
import json
import pathlib
import platform
import time

import numpy as np

from .. import __version__
from .._validate import ScalingLabError, check_number
from .charlm import CharCorpus, char_model
from .mlp import MLP
from .sparse_parity import SparseParity
from .train import steps_for_budget, train

__all__ = ["SPARSE_PARITY", "SPARSE_PARITY_TINY", "CHARLM", "CHARLM_TINY",
           "sparse_parity_config", "charlm_config", "run_sparse_parity", "run_charlm",
           "write_sweep", "isoflop_widths"]

#: The shipped sparse-parity sweep (about 8 minutes of one core).
SPARSE_PARITY = {
    "experiment": "sparse-parity", "n_tasks": 50, "n_bits": 24, "k": 3, "gamma": 0.4,
    "task_seed": 0, "widths": [8, 16, 32, 64, 128, 256], "steps": 120_000, "batch": 128,
    "lr": 0.003, "warmup": 0.05, "final": 0.1, "seeds": [0, 1], "per_task": 200,
    "eval_points": 40, "dtype": "float32",
}

#: A sweep of a few seconds, shipped so a test can check it reproduces exactly.
SPARSE_PARITY_TINY = {
    **SPARSE_PARITY, "n_tasks": 4, "n_bits": 8, "widths": [4, 16], "steps": 300,
    "batch": 32, "seeds": [0], "per_task": 50, "eval_points": 4, "dtype": "float64",
}


def isoflop_widths(budget: float, n_sizes: int = 5, *, center: float = 96.0,
                   at: float = 1e11, exponent: float = 0.5) -> list[int]:
    """Hidden widths for one iso-FLOP budget: ``n_sizes`` widths a factor 2 apart around
    a guessed optimum ``center * (budget / at) ** exponent``.

    >>> isoflop_widths(1e11)
    [24, 48, 96, 192, 384]
    """
    n_sizes = check_number("n_sizes", n_sizes, integer=True, low=1)
    mid = center * (check_number("budget", budget, positive=True) / at) ** exponent
    ladder = 2.0 ** (np.arange(n_sizes) - (n_sizes - 1) / 2)
    return [max(2, round(float(mid * f))) for f in ladder]


def _isoflop(budgets, n_sizes):
    return {"budgets": [float(b) for b in budgets],
            "widths": [isoflop_widths(b, n_sizes) for b in budgets]}


#: The shipped character-LM sweep: isoFLOP curves, L(N), L(D), a learning-rate bracket.
CHARLM = {
    "experiment": "charlm", "context": 10, "embed": 16, "batch": 256, "lr": 0.003,
    "warmup": 0.05, "final": 0.1, "seed": 0, "eval_positions": 20_000, "dtype": "float32",
    "isoflop": _isoflop(10.0 ** np.arange(10, 11.51, 0.5), 5),
    "size": {"widths": [8, 16, 32, 64, 128, 256], "tokens": 3_800_000},
    "data": {"width": 512, "tokens": [25_000 * 2**i for i in range(7)]},
    "lr_bracket": {"budget": 1e11, "width": 96, "lrs": [0.001, 0.01, 0.03]},
}

#: The tiny character-LM sweep (seconds), shipped for the reproduction test.
CHARLM_TINY = {
    **CHARLM, "batch": 32, "eval_positions": 500, "dtype": "float64",
    "isoflop": {"budgets": [2e7, 6e7], "widths": [[4, 8, 16], [4, 8, 16]]},
    "size": {"widths": [4, 16], "tokens": 3200}, "data": {"width": 16, "tokens": [1600]},
    "lr_bracket": {"budget": 2e7, "width": 8, "lrs": [0.01]},
}


def sparse_parity_config(budget: float, *, seed: int = 0) -> dict:
    """The shipped sparse-parity design with its steps scaled to ``budget`` FLOPs in all.

    >>> sparse_parity_config(1e11)["steps"]
    4948
    """
    budget = check_number("budget", budget, positive=True)
    cfg = {**SPARSE_PARITY, "seeds": [check_number("seed", seed, integer=True,
                                                   nonnegative=True)]}
    task_in = cfg["n_tasks"] + cfg["n_bits"]
    per_step = sum(sum(MLP(task_in, (w,), 2).flops(cfg["batch"])[k]
                       for k in ("forward", "backward")) for w in cfg["widths"])
    steps = int(budget // per_step)
    if steps < 100:
        raise ScalingLabError(
            f"'budget' of {budget:.3g} FLOPs buys only {steps} steps per width; "
            f"sparse parity needs at least 100: use --budget {100 * per_step:.2g} or more")
    cfg["steps"] = steps
    return cfg


def charlm_config(budget: float, *, n_budgets: int = 4, n_sizes: int = 5,
                  seed: int = 0) -> dict:
    """An isoFLOP sweep of ``n_budgets`` budgets half a decade apart and ``n_sizes``
    widths each, whose runs add up to ``budget`` FLOPs. No L(N), L(D) or learning-rate
    runs: the command warns that the learning rate was never bracketed.

    >>> cfg = charlm_config(1e12)
    >>> round(sum(b * len(w) for b, w in zip(cfg["isoflop"]["budgets"],
    ...                                      cfg["isoflop"]["widths"])) / 1e12, 6)
    1.0
    """
    budget = check_number("budget", budget, positive=True)
    n_budgets = check_number("n_budgets", n_budgets, integer=True, low=1)
    n_sizes = check_number("n_sizes", n_sizes, integer=True, low=1)
    ratios = 10.0 ** (-0.5 * np.arange(n_budgets)[::-1])
    top = budget / (n_sizes * ratios.sum())
    if top * ratios[0] < 1e8:
        raise ScalingLabError(
            f"'budget' of {budget:.3g} FLOPs leaves {top * ratios[0]:.2g} for the "
            f"smallest of {n_budgets} budgets; use --budget "
            f"{1e8 * n_sizes * ratios.sum() / ratios[0]:.2g} or more, or fewer budgets")
    cfg = copy.deepcopy(CHARLM)
    cfg.update(seed=check_number("seed", seed, integer=True, nonnegative=True),
               isoflop=_isoflop(top * ratios, n_sizes), size=None, data=None,
               lr_bracket=None)
    return cfg


def _bar(total, progress, desc):
    """A bar in optimiser steps: a step's time varies far less with the model's size than
    its FLOPs do (numpy's overhead dominates small models), so the time left is honest."""
    from tqdm.auto import tqdm

    return tqdm(total=int(total), unit="step", unit_scale=True, disable=not progress,
                desc=desc, dynamic_ncols=True, smoothing=0.1)


def _stepper(bar, per_step):
    """``train``'s progress callback (FLOPs done) turned into steps on ``bar``."""
    return lambda flops: bar.update(round(flops / per_step))


def run_sparse_parity(config: dict = SPARSE_PARITY, *, progress: bool = True):
    """Run a sparse-parity sweep: every width for every seed.

    Returns
    -------
    runs : list of dict
        One row per run: seed, width, n_params, steps, batch, examples, flops,
        test_loss, train_loss, n_learned, seconds.
    curves : list of dict
        One row per evaluation: seed, width, step, test_loss, then ``L1 ... Ln`` (the
        held-out loss of each subtask, in nats).
    """
    cfg = config
    dtype = np.dtype(cfg["dtype"])
    task = SparseParity(cfg["n_tasks"], cfg["n_bits"], cfg["k"], cfg["gamma"],
                        seed=cfg["task_seed"])
    evaluate = task.evaluator(cfg["per_task"])
    at = np.unique(np.geomspace(min(100, cfg["steps"]), cfg["steps"],
                                cfg["eval_points"]).round().astype(int))
    nets = [(s, w, MLP(task.n_in, (w,), 2, seed=s, dtype=dtype))
            for s in cfg["seeds"] for w in cfg["widths"]]
    runs, curves = [], []
    with _bar(len(nets) * cfg["steps"], progress, "sparse parity") as bar:
        for seed, width, net in nets:
            bar.set_postfix(width=width, seed=seed)
            f = net.flops(cfg["batch"])
            start = time.perf_counter()
            result = train(net, task.sample, steps=cfg["steps"], batch=cfg["batch"],
                           lr=cfg["lr"], seed=seed, warmup=cfg["warmup"],
                           final=cfg["final"], evaluate=evaluate, eval_at=at,
                           progress=_stepper(bar, f["forward"] + f["backward"]))
            final = result.final_loss
            runs.append({"seed": seed, "width": width, "n_params": net.n_params,
                         "steps": result.steps, "batch": result.batch,
                         "examples": result.steps * result.batch, "flops": result.flops,
                         "test_loss": task.mean_loss(final),
                         "train_loss": result.train_loss,
                         "n_learned": int(np.sum(final < 0.1 * np.log(2))),
                         "seconds": round(time.perf_counter() - start, 2)})
            for step, losses in zip(result.eval_steps, result.eval_losses, strict=True):
                row = {"seed": seed, "width": width, "step": int(step),
                       "test_loss": task.mean_loss(losses)}
                row.update({f"L{i + 1}": float(v) for i, v in enumerate(losses)})
                curves.append(row)
    return runs, curves


def _charlm_plan(cfg):
    """Every run of a character-LM sweep: (part, budget, width, lr, steps)."""
    batch, plan = cfg["batch"], []

    def add(part, width, lr, steps, budget):
        plan.append((part, budget, width, lr, max(1, int(steps))))

    def model(width):
        return char_model(width, vocab=CharCorpus.austen().vocab_size,
                          context=cfg["context"], embed=cfg["embed"])

    for budget, widths in zip(cfg["isoflop"]["budgets"], cfg["isoflop"]["widths"],
                              strict=True):
        for w in widths:
            add("isoflop", w, cfg["lr"], steps_for_budget(model(w), budget, batch), budget)
    if cfg.get("size"):
        for w in cfg["size"]["widths"]:
            add("size", w, cfg["lr"], cfg["size"]["tokens"] // batch, 0.0)
    if cfg.get("data"):
        for tokens in cfg["data"]["tokens"]:
            add("data", cfg["data"]["width"], cfg["lr"], tokens // batch, 0.0)
    if cfg.get("lr_bracket"):
        b = cfg["lr_bracket"]
        for lr in b["lrs"]:
            add("lr", b["width"], lr, steps_for_budget(model(b["width"]), b["budget"],
                                                       batch), b["budget"])
    return plan, model


def run_charlm(config: dict = CHARLM, *, progress: bool = True) -> list[dict]:
    """Run a character-LM sweep; one row per run.

    Columns: part ('isoflop', 'size', 'data' or 'lr'), budget (the iso-FLOP budget, 0
    for L(N) and L(D) runs), width, n_params, lr, batch, steps, tokens, flops,
    flops_per_token, test_loss (nats per character, held out), train_loss, seconds.
    """
    cfg = config
    corpus = CharCorpus.austen()
    sample = corpus.sampler(cfg["context"])
    evaluate = corpus.evaluator(cfg["context"], cfg["eval_positions"])
    plan, model = _charlm_plan(cfg)
    per_step = {w: sum(model(w).flops(cfg["batch"])[k] for k in ("forward", "backward"))
                for w in {p[2] for p in plan}}
    rows = []
    with _bar(sum(p[-1] for p in plan), progress, "character LM") as bar:
        for part, budget, width, lr, steps in plan:
            bar.set_postfix(part=part, width=width)
            net = MLP(cfg["context"], (width,), corpus.vocab_size, vocab=corpus.vocab_size,
                      embed=cfg["embed"], seed=cfg["seed"], dtype=np.dtype(cfg["dtype"]))
            start = time.perf_counter()
            result = train(net, sample, steps=steps, batch=cfg["batch"], lr=lr,
                           seed=cfg["seed"], warmup=cfg["warmup"], final=cfg["final"],
                           evaluate=evaluate, progress=_stepper(bar, per_step[width]))
            tokens = result.steps * result.batch
            rows.append({"part": part, "budget": budget, "width": width,
                         "n_params": net.n_params, "lr": lr, "batch": result.batch,
                         "steps": result.steps, "tokens": tokens, "flops": result.flops,
                         "flops_per_token": result.flops / tokens,
                         "test_loss": result.final_loss, "train_loss": result.train_loss,
                         "seconds": round(time.perf_counter() - start, 2)})
    return rows


def write_sweep(out, name: str, config: dict, tables: dict, *, seconds: float) -> dict:
    """Write ``NAME.csv`` (and ``NAME-KEY.csv`` for each further table) and
    ``NAME.json`` (the configuration, package and numpy versions, the wall time) in
    ``out``; return the JSON object."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for key, rows in tables.items():
        path = out / (f"{name}.csv" if key == "runs" else f"{name}-{key}.csv")
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        files[key] = path.name
    meta = {"name": name, "config": config, "package_version": __version__,
            "numpy_version": np.__version__, "python_version": platform.python_version(),
            "seed": config.get("seed", config.get("seeds")), "files": files,
            "wall_seconds": round(seconds, 1)}
    (out / f"{name}.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta
