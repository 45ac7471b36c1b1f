"""Approach 2 at scale: ``scaling-lab fit isoflop`` on 1,200 runs with 1,000 bootstrap
replicates, start-up included, beside the same fit in process.

Target: the command, run as a fresh process (interpreter start, imports, reading the CSV,
the fit, 1,000 replicates and the JSON), in under 2 s wall clock. The runs are synthetic
(Epoch's law, 24 budgets x 50 sizes over 0.8 decades either side of each optimum, 1%
noise), so the benchmark needs no file of its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

TARGET_SECONDS = 2.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(bootstrap: int = 1000) -> None:
    from scaling_lab.isoflop import fit_isoflop, synthetic_runs

    N, D, L = synthetic_runs("epoch", budgets=np.logspace(18, 21, 24), per_budget=50,
                             span=0.8, noise=0.01, seed=5)
    C = 6 * N * D
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "runs.csv"
        rows = [f"{n:.17g},{c:.17g},{loss:.17g}" for n, c, loss in zip(N, C, L, strict=True)]
        path.write_text("N,flops,loss\n" + "\n".join(rows) + "\n")
        command = [sys.executable, "-m", "scaling_lab", "fit", "isoflop", str(path),
                   "--n-col", "N", "--flops-col", "flops", "--loss-col", "loss",
                   "--bootstrap", str(bootstrap), "--json"]
        walls, cpus = [], []
        for _ in range(3):
            cpu, start = _children_cpu(), time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - cpu)
        result = json.loads(done.stdout)
    cpu, start = time.process_time(), time.perf_counter()
    fit = fit_isoflop(N, C, L, bootstrap=bootstrap)
    in_process, in_cpu = time.perf_counter() - start, time.process_time() - cpu
    best = min(walls)
    print(f"   {N.size} synthetic runs in {result['n_budgets']} budgets, "
          f"{bootstrap} bootstrap replicates")
    print(f"   {'what':40s} {'wall s':>8s} {'cpu s':>8s}")
    print(f"   {'scaling-lab fit isoflop (fresh process)':40s} {best:8.2f} "
          f"{cpus[walls.index(best)]:8.2f}   (best of 3; all walls: "
          f"{', '.join(f'{w:.2f}' for w in walls)})")
    print(f"   {'fit_isoflop in this process':40s} {in_process:8.2f} {in_cpu:8.2f}")
    print(f"   target < {TARGET_SECONDS:g} s: {'met' if best < TARGET_SECONDS else 'MISSED'}; "
          f"a = {result['a']:.4f} (95% {result['a_interval'][0]:.4f} to "
          f"{result['a_interval'][1]:.4f}), in process {fit.a:.4f}")
