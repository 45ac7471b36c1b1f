"""Ruan et al. 2024: 148 public base models, their compute and benchmark accuracies.

Design: one shipped table (``ruan2024-benchmarks``, copied byte for byte; see
``data/ruan2024.PROVENANCE.md``). Sizes and token counts are as the models' publishers
report them; 25 models give no data size and no FLOPs, and some benchmarks are missing
for a few models: those cells are NaN, never guessed. The table has no loss column.
The column names are the file's own.

Examples
--------
>>> from scaling_lab.datasets import load
>>> t = load("ruan2024-benchmarks")
>>> len(t), t.units["FLOPs (1E21)"]
(148, '1e21 FLOPs')
>>> int(np.isnan(t["FLOPs (1E21)"]).sum())
25
"""

from __future__ import annotations

import numpy as np  # noqa: F401 - used by the doctests

from ._csvtable import read_csv_columns, units_for
from .registry import DataSet, register

__all__: list[str] = []

_BENCHMARKS = ("MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K",
               "XWinograd", "HumanEval")

register(DataSet(
    name="ruan2024-benchmarks",
    title="148 public base language models: size, data, FLOPs and 8 benchmark accuracies",
    source="Y. Ruan, C. J. Maddison, T. Hashimoto, 'Observational Scaling Laws and the "
           "Predictability of Language Model Performance', arXiv:2405.10938 (2024); "
           "github.com/ryoungj/ObsScaling, eval_results/base_llm_benchmark_eval.csv",
    licence="Apache-2.0",
    version="commit 4d6e1e43fd2635d04654aa77d1df9d5266ea0382",
    derived="copied byte for byte; empty cells are read as NaN",
    units=units_for("ruan2024_base_llm_benchmark_eval.csv",
                    {"Model": "text", "Model Family": "text",
                     "Model Size (B)": "1e9 parameters",
                     "Pretraining Data Size (T)": "1e12 tokens",
                     "FLOPs (1E21)": "1e21 FLOPs",
                     **dict.fromkeys(_BENCHMARKS, "1 (accuracy)")}),
    files=("ruan2024_base_llm_benchmark_eval.csv", "ruan2024.LICENSE",
           "ruan2024.PROVENANCE.md"),
    reader=lambda: read_csv_columns("ruan2024_base_llm_benchmark_eval.csv"),
))
