"""Training throughput of the largest shipped model beside numpy's own matrix multiply,
and the wall time of each shipped sweep.

Target: the training loop of the largest character model of the shipped sweep runs at
least half as many FLOP/s (counted by :meth:`MLP.flops`) as numpy's float32 matrix
multiply does on the same shapes in the same run: the Python around the matrices costs
less than the matrices. Both are measured on one thread when ``OPENBLAS_NUM_THREADS=1``
(``make experiments`` sets it); otherwise on what BLAS chooses. The sweeps' wall times
are those recorded in the shipped JSON by ``make experiments`` (rerunning them here
would take many minutes), beside the sum of the runs' own times.
"""

from __future__ import annotations

import time

import numpy as np

TARGET_RATIO = 0.5


def _best(function, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run(steps: int = 40) -> None:
    from scaling_lab.experiments import CHARLM, CharCorpus, load_sweep
    from scaling_lab.experiments.mlp import MLP
    from scaling_lab.experiments.train import train

    cfg = CHARLM
    widths = [w for ws in cfg["isoflop"]["widths"] for w in ws]
    widths += cfg["size"]["widths"] + [cfg["data"]["width"]]
    width, batch = max(widths), cfg["batch"]
    corpus = CharCorpus.austen()
    V = corpus.vocab_size
    net = MLP(cfg["context"], (width,), V, vocab=V, embed=cfg["embed"])
    sample = corpus.sampler(cfg["context"])
    per_step = sum(net.flops(batch)[k] for k in ("forward", "backward"))
    train(net, sample, steps=5, batch=batch, lr=cfg["lr"])  # warm up
    seconds = _best(lambda: train(net, sample, steps=steps, batch=batch, lr=cfg["lr"]), 3)
    train_rate = steps * per_step / seconds

    # numpy's matrix multiply on the model's own shapes: forward, weight and input
    # gradients of both layers, 2 m k n FLOPs each
    rng = np.random.default_rng(0)
    k0 = cfg["context"] * cfg["embed"]
    shapes = [(batch, k0, width), (k0, batch, width), (batch, width, k0),
              (batch, width, V), (width, batch, V), (batch, V, width)]
    mats = [(rng.standard_normal((m, k), dtype=np.float32),
             rng.standard_normal((k, n), dtype=np.float32)) for m, k, n in shapes]
    flops = sum(2 * m * k * n for m, k, n in shapes)
    matmul_rate = flops * 20 / _best(lambda: [a @ b for _ in range(20) for a, b in mats])
    big = rng.standard_normal((1024, 1024), dtype=np.float32)
    square_rate = 2 * 1024**3 * 5 / _best(lambda: [big @ big for _ in range(5)])

    ratio = train_rate / matmul_rate
    print(f"   largest model: width {width}, N = {net.n_params:,} parameters, batch {batch}")
    print(f"   {'what':46s} {'GFLOP/s':>9s}")
    print(f"   {'training (C counted; time incl. Adam, batches)':46s} {train_rate / 1e9:9.2f}")
    print(f"   {'numpy matmul, the same shapes':46s} {matmul_rate / 1e9:9.2f}")
    print(f"   {'numpy matmul, 1024 x 1024 (for reference)':46s} {square_rate / 1e9:9.2f}")
    print(f"   target: training at least {TARGET_RATIO:g} x matmul: "
          f"{'met' if ratio >= TARGET_RATIO else 'MISSED'} ({ratio:.2f} x)")
    print(f"   {'shipped sweep':22s} {'runs':>5s} {'wall s':>8s} {'sum of runs s':>14s}")
    for name in ("sparse-parity", "charlm"):
        try:
            meta, tables = load_sweep(name)
        except Exception as error:  # noqa: BLE001 - reported, the other rows still print
            print(f"   {name:22s} not shipped ({error})")
            continue
        runs = tables["runs"]
        print(f"   {name:22s} {len(runs['seconds']):5d} {meta['wall_seconds']:8.1f} "
              f"{runs['seconds'].sum():14.1f}")
