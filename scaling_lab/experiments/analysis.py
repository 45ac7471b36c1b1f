r"""Reading a sweep back and fitting scaling laws to it, with intervals and warnings.

Design choices:

* **Every exponent carries an interval** (95%, from :func:`scaling_lab.fit_power_law`,
  :func:`scaling_lab.isoflop.fit_isoflop` or the bootstrap of
  :func:`scaling_lab.fit_chinchilla`); the chapter compares intervals, never point
  estimates alone.
* **The sweep's weaknesses are reported, not hidden.** :func:`sweep_warnings` names each
  budget whose lowest loss sits at the edge of the sizes tried, says whether the learning
  rate was bracketed, and whether there are enough budgets to fit.
* **Subtask learning is read off the curves.** A subtask counts as learned at the first
  evaluation where its held-out loss drops below a tenth of chance (0.1 ln 2).

Examples
--------
>>> meta, tables = load_sweep("tiny-charlm")
>>> meta["config"]["experiment"], sorted(tables)
('charlm', ['runs'])
"""

from __future__ import annotations

import csv
import functools
import json
import pathlib
import warnings
from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, ScalingLabWarning
from ..chinchilla_fit import fit_chinchilla, start_grid
from ..fit import PowerLawFit, fit_power_law
from ..isoflop import fit_isoflop
from ..quanta import QuantaExponents, predicted_exponents
from .sparse_parity import SparseParity

__all__ = ["load_sweep", "read_csv", "SparseParityFits", "fit_sparse_parity",
           "learning_steps", "CharLMFits", "fit_charlm", "sweep_warnings", "LEARNED",
           "shipped_charlm_fits"]

#: Held-out loss below which a subtask counts as learned (a tenth of chance, nats).
LEARNED = 0.1 * np.log(2)

_SHIPPED = pathlib.Path(__file__).resolve().parent.parent / "data" / "experiments"


def read_csv(path) -> dict:
    """A CSV as a dict of columns: numbers as float arrays, other columns as lists."""
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise ScalingLabError(f"{str(path)!r} has no rows")
    out = {}
    for key in rows[0]:
        values = [r[key] for r in rows]
        try:
            out[key] = np.array([float(v) for v in values])
        except ValueError:
            out[key] = values
    return out


def load_sweep(name: str, directory=None) -> tuple[dict, dict]:
    """A sweep written by :func:`~scaling_lab.experiments.runner.write_sweep`.

    Parameters
    ----------
    name : str
        ``'sparse-parity'``, ``'charlm'``, ``'tiny-sparse-parity'``, ``'tiny-charlm'``
        (shipped), or the name of a sweep of your own in ``directory``.
    directory : path, optional
        Default: the shipped results, ``scaling_lab/data/experiments``.

    Returns
    -------
    (meta, tables) : the JSON object and a dict of tables ('runs', and 'curves' for
        sparse parity), each a dict of columns.
    """
    directory = _SHIPPED if directory is None else pathlib.Path(directory)
    path = directory / f"{name}.json"
    if not path.exists():
        raise ScalingLabError(f"no sweep {name!r} in {str(directory)!r} (no {path.name}); "
                              "run `make experiments` or `scaling-lab experiment`")
    meta = json.loads(path.read_text())
    tables = {key: read_csv(directory / file) for key, file in meta["files"].items()}
    return meta, tables


def learning_steps(curves: dict, width: int, seed: int) -> np.ndarray:
    """For one run, the first evaluated step at which each subtask's loss is below
    :data:`LEARNED` (NaN if never)."""
    pick = (curves["width"] == width) & (curves["seed"] == seed)
    if not pick.any():
        raise ScalingLabError(f"no curve for width={width}, seed={seed}")
    steps = curves["step"][pick]
    keys = sorted((k for k in curves if k[0] == "L" and k[1:].isdigit()),
                  key=lambda k: int(k[1:]))
    out = np.full(len(keys), np.nan)
    for j, key in enumerate(keys):
        below = np.flatnonzero(curves[key][pick] < LEARNED)
        if below.size:
            out[j] = steps[below[0]]
    return out


@dataclass(frozen=True)
class SparseParityFits:
    """Fits of a sparse-parity sweep beside the quantization model's predictions.

    Attributes
    ----------
    N : PowerLawFit
        Mean test loss against parameters, L ∝ N^n (n ≈ -gamma predicted), over the
        runs that learned fewer than ``saturation`` of the subtasks.
    S : PowerLawFit
        Mean test loss of the widest network against steps, after its first subtask
        is learned (n ≈ -gamma/(gamma+1) predicted).
    predicted : QuantaExponents
        The model's exponents for the sweep's gamma.
    width_S : int
        Width of the network of the steps fit.
    in_order : float
        Spearman rank correlation between a subtask's frequency rank and the step it
        is learned at, over the subtasks learned by the widest network (1: perfectly in
        order of frequency).
    n_learned_S : int
        Subtasks the widest network learned (mean over seeds, rounded down).
    N_finite, S_finite : PowerLawFit
        The same fits of the quantization model's own loss on this finite list of
        subtasks, ln 2 times the mass of the subtasks each run has not learned
        (:meth:`SparseParity.unlearned_loss` at the measured number learned): the
        model's prediction for these runs, which departs from the asymptotic exponents
        when the runs learn a sizeable share of the list.
    """

    N: PowerLawFit
    S: PowerLawFit
    predicted: QuantaExponents
    width_S: int
    in_order: float
    n_learned_S: int
    N_finite: PowerLawFit | None = None
    S_finite: PowerLawFit | None = None

    def agrees(self, which: str) -> bool:
        """Whether the predicted exponent lies inside the fit's 95% interval."""
        fit = {"N": self.N, "S": self.S}[which]
        target = -(self.predicted.parameters if which == "N" else self.predicted.steps)
        lo, hi = fit.n_interval
        return bool(lo <= target <= hi)

    def overlaps_finite(self, which: str) -> bool:
        """Whether the measured exponent's 95% interval overlaps the interval of the
        model's own finite-list prediction (``N_finite`` or ``S_finite``)."""
        fit, model = {"N": (self.N, self.N_finite), "S": (self.S, self.S_finite)}[which]
        if model is None:
            raise ScalingLabError(f"no finite-list prediction for {which!r} in this fit")
        return bool(fit.n_interval[0] <= model.n_interval[1]
                    and model.n_interval[0] <= fit.n_interval[1])


def _spearman(a, b) -> float:
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def fit_sparse_parity(meta: dict, tables: dict, *, saturation: float = 0.8,
                      onset: float = 0.95) -> SparseParityFits:
    """Fit L(N) and L(S) to a sparse-parity sweep (see :class:`SparseParityFits`).

    Parameters
    ----------
    meta, tables : from :func:`load_sweep`.
    saturation : float, default 0.8
        Runs that learned this fraction of the subtasks or more are left out of the N
        fit: past it the law runs out of quanta.
    onset : float, default 0.95
        The steps fit starts where the mean loss first drops below ``onset`` ln 2.
    """
    cfg, runs, curves = meta["config"], tables["runs"], tables["curves"]
    keep = runs["n_learned"] < saturation * cfg["n_tasks"]
    if keep.sum() < 3:
        raise ScalingLabError("fewer than 3 runs below saturation; lower the widths")
    fit_N = fit_power_law(runs["n_params"][keep], runs["test_loss"][keep])
    width = int(runs["width"].max())
    pick = curves["width"] == width
    steps = np.unique(curves["step"][pick])
    mean = np.array([curves["test_loss"][pick & (curves["step"] == s)].mean()
                     for s in steps])
    start = int(np.argmax(mean < onset * np.log(2)))
    fit_S = fit_power_law(steps[start:], mean[start:])
    seeds = np.unique(runs["seed"]).astype(int)
    ranks, when = [], []
    for seed in seeds:
        t = learning_steps(curves, width, seed)
        ok = np.isfinite(t)
        ranks.extend(np.flatnonzero(ok) + 1)
        when.extend(t[ok])
    learned = runs["n_learned"][runs["width"] == width]
    task = SparseParity(cfg["n_tasks"], cfg["n_bits"], cfg["k"], cfg["gamma"],
                        seed=cfg["task_seed"])
    model_N = task.unlearned_loss(runs["n_learned"][keep].astype(int))
    keys = [f"L{i + 1}" for i in range(cfg["n_tasks"])]
    model_S = np.array([np.mean([task.unlearned_loss(sum(
        float(curves[k][pick & (curves["step"] == s) & (curves["seed"] == seed)][0])
        < LEARNED for k in keys)) for seed in seeds]) for s in steps])
    ok = model_S[start:] > 0
    fit_NF = fit_power_law(runs["n_params"][keep], model_N) if np.all(model_N > 0) \
        else None
    fit_SF = fit_power_law(steps[start:][ok], model_S[start:][ok]) if ok.sum() >= 3 \
        else None
    return SparseParityFits(N=fit_N, S=fit_S, predicted=predicted_exponents(cfg["gamma"]),
                            width_S=width, in_order=_spearman(ranks, when),
                            n_learned_S=int(learned.mean()), N_finite=fit_NF,
                            S_finite=fit_SF)


@dataclass(frozen=True)
class CharLMFits:
    """Fits of a character-LM sweep (losses in nats per character, held out).

    Attributes
    ----------
    N, D : PowerLawFit or None
        L(N) = E + k N^n over the 'size' runs, L(D) over the 'data' runs (with offset).
    approach2 : IsoFLOPApproach2 or None
        :func:`scaling_lab.isoflop.fit_isoflop` on the iso-FLOP runs (C = the runs'
        counted FLOPs), with bootstrap intervals.
    approach3 : ChinchillaFit or None
        :func:`scaling_lab.fit_chinchilla` on the iso-FLOP runs (D = characters seen),
        with bootstrap intervals.
    warnings : list of str
        What :func:`sweep_warnings` and the fits warned.
    """

    N: PowerLawFit | None
    D: PowerLawFit | None
    approach2: object
    approach3: object
    warnings: list


def fit_charlm(runs: dict, *, bootstrap: int = 1000, seed: int = 0) -> CharLMFits:
    """Fit L(N), L(D), Approach 2 and Approach 3 to a character-LM sweep's runs.

    Fits that the sweep cannot support (too few runs) are None, and say why in
    ``warnings``.
    """
    part = np.array(runs["part"])
    messages = sweep_warnings(runs)
    fits = {}
    for name, column in (("N", "n_params"), ("D", "tokens")):
        pick = part == ("size" if name == "N" else "data")
        fits[name] = None
        if pick.sum() >= 4:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ScalingLabWarning)
                fits[name] = fit_power_law(runs[column][pick], runs["test_loss"][pick],
                                           offset=True)
            messages += [f"L({name}): {w.message}" for w in caught
                         if issubclass(w.category, ScalingLabWarning)]
    iso = part == "isoflop"
    a2 = a3 = None
    if iso.sum() >= 6:
        # grouped by the planned budget: a run's counted FLOPs fall short of it by less
        # than one step, which for the smallest budgets can exceed fit_isoflop's 1%
        N, C, L = runs["n_params"][iso], runs["budget"][iso], runs["test_loss"][iso]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ScalingLabWarning)
            try:
                a2 = fit_isoflop(N, C, L, bootstrap=bootstrap, seed=seed)
            except ScalingLabError as error:
                messages.append(f"Approach 2 not fitted: {error}")
        messages += [f"Approach 2: {w.message}" for w in caught
                     if issubclass(w.category, ScalingLabWarning)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ScalingLabWarning)
            a3 = fit_chinchilla(N, runs["tokens"][iso], L, starts=start_grid("small"),
                                bootstrap=min(bootstrap, 300), seed=seed)
        messages += [f"Approach 3: {w.message}" for w in caught
                     if issubclass(w.category, ScalingLabWarning)]
    return CharLMFits(N=fits["N"], D=fits["D"], approach2=a2, approach3=a3,
                      warnings=messages)


def iso_mask(runs: dict) -> np.ndarray:
    """Which runs belong to the iso-FLOP curves."""
    return np.array(runs["part"]) == "isoflop"


def sweep_warnings(runs: dict) -> list[str]:
    """Honest warnings about a character-LM sweep's design, as sentences.

    * a budget whose lowest loss is at its smallest or largest size (the optimum may
      lie outside the sizes tried);
    * a learning rate never bracketed (every run used one rate, or the best of the rates
      tried is the smallest or the largest), or a sweep run at a rate the bracket shows
      is not the best;
    * fewer than 3 budgets with 3 or more sizes (Approach 2 cannot fit a line), or
      fewer than 4 (its interval rests on very few points).

    >>> sweep_warnings({"part": ["isoflop"] * 3, "budget": np.full(3, 1e9),
    ...     "width": np.array([4., 8, 16]), "n_params": np.array([1., 2, 3]),
    ...     "test_loss": np.array([3., 2, 2.5]), "lr": np.full(3, 0.003)})[0]
    'the learning rate was never bracketed: every run used lr = 0.003; the losses, and the optimum sizes, may change with it'
    """
    part = np.array(runs["part"])
    out = []
    lrs = np.unique(runs["lr"])
    bracket = part == "lr"
    if not bracket.any() or lrs.size < 3:
        out.append("the learning rate was never bracketed: every run used lr = "
                   + ", ".join(f"{v:g}" for v in lrs)
                   + "; the losses, and the optimum sizes, may change with it")
    else:
        b, w = runs["budget"][bracket][0], runs["width"][bracket][0]
        same = (runs["budget"] == b) & (runs["width"] == w)
        tried, loss = runs["lr"][same], runs["test_loss"][same]
        best = tried[np.argmin(loss)]
        if best in (tried.min(), tried.max()):
            out.append(f"the learning rate was not bracketed: at budget {b:.3g}, width "
                       f"{w:g}, the best of the rates tried ({best:g}) is at the edge")
        used = runs["lr"][iso_mask(runs)]
        if used.size and np.unique(used).size == 1 and used[0] != best:
            mine = loss[tried == used[0]]
            extra = f" ({mine.min() - loss.min():.3g} nats higher)" if mine.size else ""
            out.append(f"the sweep's learning rate {used[0]:g} is not the best of those "
                       f"tried at budget {b:.3g}, width {w:g} ({best:g} is){extra}: the "
                       "losses are too high, and the optimum sizes may move with it")
    iso = part == "isoflop"
    budgets = np.unique(runs["budget"][iso])
    full = 0
    for b in budgets:
        pick = iso & (runs["budget"] == b)
        if pick.sum() >= 3:
            full += 1
        order = np.argsort(runs["n_params"][pick])
        best = int(np.argmin(runs["test_loss"][pick][order]))
        if pick.sum() >= 2 and best in (0, pick.sum() - 1):
            side = "smallest" if best == 0 else "largest"
            out.append(f"budget {b:.3g} FLOPs: the lowest loss is at the {side} size "
                       f"tried (width {runs['width'][pick][order][best]:g}); the optimum "
                       "may lie outside the sizes tried")
    if full < 3:
        out.append(f"only {full} budget(s) with 3 or more sizes: too few budgets to fit "
                   "Approach 2 (it needs 3)")
    elif full < 4:
        out.append(f"only {full} budgets: the fitted exponent rests on {full} points")
    return out


@functools.lru_cache(maxsize=2)
def shipped_charlm_fits(name: str = "charlm", bootstrap: int = 1000) -> CharLMFits:
    """:func:`fit_charlm` on a shipped sweep, computed once per process (the chapter and
    its explorer share it)."""
    return fit_charlm(load_sweep(name)[1]["runs"], bootstrap=bootstrap)
