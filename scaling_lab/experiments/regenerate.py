"""Regenerate the shipped results in ``scaling_lab/data/experiments`` (``make experiments``).

Run as ``python -m scaling_lab.experiments.regenerate [tiny|sparse-parity|charlm ...]``
(default: all three). Set ``OPENBLAS_NUM_THREADS=1`` to measure one core, as the
shipped wall times do.
"""

from __future__ import annotations

import pathlib
import sys
import time

from .runner import (
    CHARLM,
    CHARLM_TINY,
    SPARSE_PARITY,
    SPARSE_PARITY_TINY,
    run_charlm,
    run_sparse_parity,
    write_sweep,
)

__all__ = ["SHIPPED", "regenerate", "main"]

#: Where the shipped results live.
SHIPPED = pathlib.Path(__file__).resolve().parent.parent / "data" / "experiments"


def regenerate(which: str, out=SHIPPED, *, progress: bool = True) -> dict:
    """Run one shipped sweep ('tiny', 'sparse-parity' or 'charlm') and write it."""
    start = time.perf_counter()
    if which == "tiny":
        runs, curves = run_sparse_parity(SPARSE_PARITY_TINY, progress=progress)
        write_sweep(out, "tiny-sparse-parity", SPARSE_PARITY_TINY,
                    {"runs": runs, "curves": curves}, seconds=time.perf_counter() - start)
        start = time.perf_counter()
        rows = run_charlm(CHARLM_TINY, progress=progress)
        return write_sweep(out, "tiny-charlm", CHARLM_TINY, {"runs": rows},
                           seconds=time.perf_counter() - start)
    if which == "sparse-parity":
        runs, curves = run_sparse_parity(SPARSE_PARITY, progress=progress)
        return write_sweep(out, "sparse-parity", SPARSE_PARITY,
                           {"runs": runs, "curves": curves},
                           seconds=time.perf_counter() - start)
    if which == "charlm":
        rows = run_charlm(CHARLM, progress=progress)
        return write_sweep(out, "charlm", CHARLM, {"runs": rows},
                           seconds=time.perf_counter() - start)
    raise SystemExit(f"unknown sweep {which!r}: choose tiny, sparse-parity or charlm")


def main(argv=None) -> None:
    """Regenerate the sweeps named on the command line (default: all)."""
    for which in (argv if argv is not None else sys.argv[1:]) or (
            "tiny", "sparse-parity", "charlm"):
        meta = regenerate(which)
        print(f"{meta['name']}: {meta['wall_seconds']} s -> {SHIPPED}", flush=True)


if __name__ == "__main__":
    main()
