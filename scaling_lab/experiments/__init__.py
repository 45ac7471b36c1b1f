"""Neural networks trained on a laptop: measure a scaling law yourself (numpy only).

Modules, one idea each:

* :mod:`~scaling_lab.experiments.mlp`: the network (an MLP with hand-derived gradients,
  an optional Bengio-style embedding), Adam, the warmup plus cosine schedule, and the
  exact FLOP count of a training step;
* :mod:`~scaling_lab.experiments.train`: one seeded training loop on a FLOP budget;
* :mod:`~scaling_lab.experiments.sparse_parity`: multitask sparse parity (Michaud et al.
  2023), the quantization model's own task;
* :mod:`~scaling_lab.experiments.charlm`: a character language model on Jane Austen;
* :mod:`~scaling_lab.experiments.runner`: the shipped sweeps, run and written to CSV and
  JSON (``make experiments`` runs :mod:`~scaling_lab.experiments.regenerate`);
* :mod:`~scaling_lab.experiments.analysis`: the fits, with intervals, and honest warnings;
* :mod:`~scaling_lab.experiments.lab`: :func:`run_lab`, a sweep on a reader's budget
  (the ``scaling-lab experiment`` command).

No deep-learning framework: numpy's matrix multiply does the work, and every gradient is
written out (and checked against finite differences in the tests).

Examples
--------
>>> from scaling_lab.experiments import MLP, load_sweep
>>> MLP(4, (8,), 2).n_params
58
>>> meta, tables = load_sweep("tiny-sparse-parity")
>>> meta["package_version"] == __import__("scaling_lab").__version__
True
"""

from __future__ import annotations

from .analysis import (
    LEARNED,
    CharLMFits,
    SparseParityFits,
    fit_charlm,
    fit_sparse_parity,
    learning_steps,
    load_sweep,
    shipped_charlm_fits,
    sweep_warnings,
)
from .charlm import CharCorpus, char_model, flops_per_token
from .lab import LabResult, run_lab
from .mlp import MLP, Adam, lr_schedule
from .runner import (
    CHARLM,
    CHARLM_TINY,
    SPARSE_PARITY,
    SPARSE_PARITY_TINY,
    charlm_config,
    run_charlm,
    run_sparse_parity,
    sparse_parity_config,
    write_sweep,
)
from .sparse_parity import SparseParity
from .train import TrainResult, steps_for_budget, train

__all__ = ["MLP", "Adam", "lr_schedule", "TrainResult", "train", "steps_for_budget",
           "SparseParity", "CharCorpus", "char_model", "SPARSE_PARITY",
           "SPARSE_PARITY_TINY", "CHARLM", "CHARLM_TINY", "sparse_parity_config",
           "charlm_config", "run_sparse_parity", "run_charlm", "write_sweep", "load_sweep",
           "fit_sparse_parity", "SparseParityFits", "learning_steps", "fit_charlm",
           "CharLMFits", "sweep_warnings", "LEARNED", "run_lab", "LabResult",
           "shipped_charlm_fits", "flops_per_token"]
