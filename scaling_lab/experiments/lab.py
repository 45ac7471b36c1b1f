"""The budgeted lab: run a sweep of the shipped shape on a FLOP budget, fit it, warn.

:func:`run_lab` is what ``scaling-lab experiment`` runs and what a reader calls from a
notebook: it trains with a progress bar, writes one CSV row per run and a JSON of the
exact configuration into a folder, fits the runs, and issues a
:class:`~scaling_lab.ScalingLabWarning` for each weakness of the sweep (an optimum at
the edge of the sizes tried, a learning rate never bracketed, too few budgets).

Examples
--------
>>> import tempfile, warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")
...     lab = run_lab("charlm", 5e9, tempfile.mkdtemp(), n_budgets=3, n_sizes=3,
...                   progress=False)
>>> len(lab.runs["test_loss"]), lab.meta["config"]["experiment"]
(9, 'charlm')
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, ScalingLabWarning, check_choice, check_number
from .analysis import fit_charlm, fit_sparse_parity, load_sweep
from .runner import (
    charlm_config,
    run_charlm,
    run_sparse_parity,
    sparse_parity_config,
    write_sweep,
)

__all__ = ["LabResult", "run_lab"]

#: The largest sweep the lab trains, in FLOPs (about a day of one core).
MAX_BUDGET = 1e15


@dataclass(frozen=True)
class LabResult:
    """What :func:`run_lab` ran and fitted.

    Attributes
    ----------
    meta : dict
        The JSON written beside the CSV (configuration, versions, seed, wall time).
    runs : dict
        The runs' columns.
    fits : SparseParityFits or CharLMFits or None
        None when the sweep cannot be fitted (the warnings say why).
    warnings : list of str
        Every warning issued.
    """

    meta: dict
    runs: dict
    fits: object
    warnings: list


def run_lab(experiment: str, budget: float, out, *, seed: int = 0, n_budgets: int = 4,
            n_sizes: int = 5, bootstrap: int = 200, progress: bool = True) -> LabResult:
    """Train a sweep of ``experiment`` on ``budget`` FLOPs in all, write it to ``out``.

    Parameters
    ----------
    experiment : {'sparse-parity', 'charlm'}
    budget : float
        Total training FLOPs of the sweep (forward plus backward, as counted by
        :meth:`MLP.flops`). On one core, about 1e10 FLOPs take a second.
    out : path
        Folder for ``EXPERIMENT.csv`` and ``EXPERIMENT.json`` (created if missing).
    seed : int, default 0
    n_budgets, n_sizes : int
        For 'charlm': iso-FLOP budgets (half a decade apart) and sizes per budget.
    bootstrap : int, default 200
        For 'charlm': bootstrap replicates of the fits' intervals (at least 40).
    progress : bool, default True
        Show a progress bar (tqdm) with the time left.
    """
    check_choice("experiment", experiment, ("sparse-parity", "charlm"))
    budget = check_number("budget", budget, positive=True)
    if budget > MAX_BUDGET:
        raise ScalingLabError(
            f"'budget' of {budget:.3g} FLOPs is more than this lab trains (at most "
            f"{MAX_BUDGET:.0e}, about a day of one core at 1e10 FLOPs a second); give a "
            "smaller --budget"
        )
    start = time.perf_counter()
    if experiment == "sparse-parity":
        cfg = sparse_parity_config(budget, seed=seed)
        runs, curves = run_sparse_parity(cfg, progress=progress)
        tables = {"runs": runs, "curves": curves}
    else:
        cfg = charlm_config(budget, n_budgets=n_budgets, n_sizes=n_sizes, seed=seed)
        tables = {"runs": run_charlm(cfg, progress=progress)}
    write_sweep(out, experiment, cfg, tables, seconds=time.perf_counter() - start)
    meta, tables = load_sweep(experiment, out)
    messages: list[str] = []
    fits = None
    if experiment == "charlm":
        fits = fit_charlm(tables["runs"], bootstrap=bootstrap, seed=seed)
        messages = list(fits.warnings)
    else:
        messages.append("sparse parity: every width used lr = "
                        f"{cfg['lr']:g}; the learning rate was never bracketed")
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ScalingLabWarning)
                fits = fit_sparse_parity(meta, tables)
            messages += [str(w.message) for w in caught]
        except Exception as error:  # noqa: BLE001 - reported, never hidden
            messages.append(f"no fit: {error}")
        if np.all(tables["runs"]["n_learned"] == 0):
            messages.append("no subtask was learned by any width: raise the budget")
    for message in messages:
        warnings.warn(message, ScalingLabWarning, stacklevel=2)
    return LabResult(meta=meta, runs=tables["runs"], fits=fits, warnings=messages)
