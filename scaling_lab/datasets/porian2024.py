"""Porian et al. 2024: iso-FLOP runs on RefinedWeb for ten training configurations.

Design: three shipped tables (see ``data/porian2024.PROVENANCE.md``): the per-size points
of every iso-FLOP curve (``porian2024-isoflop``), the authors' optima per budget
(``porian2024-optima``) and their fitted exponents (``porian2024-fits``). They are the
authors' analysis outputs, not raw training logs. :func:`isoflop_runs` returns the runs
of one configuration as ``(N, C, L)``, ready for :func:`scaling_lab.isoflop.fit_isoflop`;
:data:`STEPS` lists the five configurations that lead from Kaplan et al.'s setting to
Chinchilla's, in the paper's order. Each configuration has its own parameter count and
loss (``param_count``, ``loss_split``): never mix configurations in one fit.

Examples
--------
>>> from scaling_lab.datasets import porian2024
>>> N, C, L = porian2024.isoflop_runs(porian2024.STEPS[0])
>>> N.size, float(C.min()), float(C.max())
(107, 1.25e+16, 1.28e+19)
"""

from __future__ import annotations

import numpy as np

from .. import published
from .._validate import check_choice
from ._csvtable import read_csv_columns, units_for
from .registry import DataSet, load, register

__all__ = ["STEPS", "CONFIGURATIONS", "isoflop_runs", "published_fit", "label"]

#: Every configuration, in the order of the authors' results table.
CONFIGURATIONS = tuple(c.config_id for c in published.PORIAN_2024)

#: The five steps from Kaplan et al.'s setting to Chinchilla's (Porian et al., Fig. 1):
#: reproducing Kaplan, counting last-layer FLOPs, correcting warmup, cosine decay,
#: optimizer tuning.
STEPS = CONFIGURATIONS[:5]

_FILES = ("porian2024.LICENSE", "porian2024.PROVENANCE.md")
_SOURCE = ("T. Porian, M. Wortsman, J. Jitsev, L. Schmidt, Y. Carmon, 'Resolving "
           "Discrepancies in Compute-Optimal Scaling of Language Models', "
           "arXiv:2406.19146 (2024); github.com/formll/resolving-scaling-law-discrepancies")
_VERSION = "commit 0dc60d91b8a525858a3067fc9e4a46ff5374cc6f (data last changed in 859f146)"
_KEYS = {"frame": "text", "config_id": "text", "dataset": "text", "hparams": "text",
         "warmup": "text", "decay": "text", "param_count": "text", "loss_split": "text",
         "dataset_name": "text", "label": "text"}


def _units(filename: str, known: dict) -> dict:
    return units_for(filename, {**_KEYS, **known})


register(DataSet(
    name="porian2024-isoflop",
    title="Iso-FLOP runs on RefinedWeb: loss at each size and budget, 10 configurations",
    source=_SOURCE, licence="MIT", version=_VERSION,
    derived="one row per element of optimal_pairs.n_vals / t_vals / loss_vals of each "
            "budget, from the restricted-unpickled analysis frames (PROVENANCE)",
    units=_units("porian2024_isoflop_refinedweb.csv",
                 {"flops": "FLOPs", "n_params": "parameters", "tokens": "tokens",
                  "tokens_per_param": "tokens per parameter", "loss": "nats per token"}),
    files=("porian2024_isoflop_refinedweb.csv", *_FILES),
    reader=lambda: read_csv_columns("porian2024_isoflop_refinedweb.csv"),
))

register(DataSet(
    name="porian2024-optima",
    title="The authors' optimum per budget (bootstrap medians), 10 configurations",
    source=_SOURCE, licence="MIT", version=_VERSION,
    derived="one row per optimal_pairs row; empty cells (NaN) where no optimum was "
            "found (optimum_found False)",
    units=_units("porian2024_optima_refinedweb.csv",
                 {"flops": "FLOPs", "n_points": "runs", "optimum_found": "true/false",
                  "n_opt": "parameters", "tokens_opt": "tokens",
                  "tokens_per_param_opt": "tokens per parameter",
                  "loss_opt": "nats per token", "n_bootstrap_valid": "replicates",
                  "n_opt_interp": "parameters", "tokens_opt_interp": "tokens",
                  "loss_opt_interp": "nats per token",
                  "loss_opt_tokens_interp": "nats per token"}),
    files=("porian2024_optima_refinedweb.csv", *_FILES),
    reader=lambda: read_csv_columns("porian2024_optima_refinedweb.csv"),
))

register(DataSet(
    name="porian2024-fits",
    title="The authors' power-law fits per configuration (4 variants each)",
    source=_SOURCE, licence="MIT", version=_VERSION,
    derived="four rows per configuration from fit_results; intervals are the 2.5% and "
            "97.5% quantiles of the repository's bootstrap fits",
    units=_units("porian2024_fits_refinedweb.csv",
                 {"fit_variant": "text", "paper_headline": "true/false",
                  "bootstrap_source": "text", "flops_min_fit": "FLOPs",
                  "flops_max_fit": "FLOPs", "n_opt_at_5.88e23": "parameters"}),
    files=("porian2024_fits_refinedweb.csv", *_FILES),
    reader=lambda: read_csv_columns("porian2024_fits_refinedweb.csv"),
))


def label(config_id: str) -> str:
    """The paper's name for a configuration.

    >>> label(STEPS[1])
    'Counting last layer FLOPs'
    """
    check_choice("config_id", config_id, CONFIGURATIONS)
    return published.PORIAN_2024[CONFIGURATIONS.index(config_id)].label


def isoflop_runs(config_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The iso-FLOP runs of one configuration: parameters N, budget C (FLOPs), loss L.

    N is counted as the configuration counts it (``param_count``) and L is its loss
    (``loss_split``); D = C / (6N) holds exactly.

    >>> N, C, L = isoflop_runs("rw-tuned-short-const-standard-val")
    >>> N.size, bool(np.allclose(load("porian2024-isoflop").where(
    ...     load("porian2024-isoflop")["config_id"] == STEPS[4])["tokens"], C / (6 * N)))
    (121, True)
    """
    check_choice("config_id", config_id, CONFIGURATIONS)
    table = load("porian2024-isoflop")
    rows = table.where(table["config_id"] == config_id)
    return rows["n_params"], rows["flops"], rows["loss"]


def published_fit(config_id: str) -> dict:
    """The authors' headline fit of one configuration, unrounded, from the shipped table.

    The weighted fit of the bootstrap medians (``bs_median_weighted``), with ``a``,
    ``a_interval``, ``b``, ``b_interval`` and the range of budgets it used.

    >>> fit = published_fit(STEPS[0])
    >>> round(fit["a"], 3), fit["n_budgets"]
    (0.835, 11)
    """
    check_choice("config_id", config_id, CONFIGURATIONS)
    table = load("porian2024-fits")
    row = table.where((table["config_id"] == config_id)
                      & (table["fit_variant"] == "bs_median_weighted"))
    return {"a": float(row["n_exponent"][0]),
            "a_interval": (float(row["n_exponent_ci_lo"][0]),
                           float(row["n_exponent_ci_hi"][0])),
            "b": float(row["t_exponent"][0]),
            "b_interval": (float(row["t_exponent_ci_lo"][0]),
                           float(row["t_exponent_ci_hi"][0])),
            "n_budgets": int(row["n_budgets_fit"][0]),
            "flops_range": (float(row["flops_min_fit"][0]), float(row["flops_max_fit"][0]))}
