"""Gadre et al. 2024: 104 open_lm models, 11M to 6.9B parameters, 5 to 640 tokens each.

Design: one shipped table (``gadre2024-models``, see ``data/gadre2024.PROVENANCE.md``),
one row per trained model with its size, tokens, eight losses and two downstream
errors. :func:`runs` picks the models of one training set; :func:`backtest` is the
honest test of a law: fit Approach 3 (:func:`scaling_lab.chinchilla_fit.fit_chinchilla`)
on the models below a size cut, predict the larger ones, and score each prediction
against its bootstrap prediction interval.

N here counts every parameter, input embedding and output head included (the open_lm
count), and D = (tokens per parameter) x N exactly.

Examples
--------
>>> from scaling_lab.datasets import gadre2024
>>> r = gadre2024.runs("rpj")
>>> r["N"].size, sorted(set(r["tokens_per_param"].tolist()))[:3]
(35, [5.0, 10.0, 20.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import ScalingLabError, check_choice, check_number
from ._csvtable import read_csv_columns, units_for
from .registry import DataSet, load, register

__all__ = ["TRAINING_SETS", "LOSSES", "runs", "Backtest", "backtest"]

#: The three training sets, by the table's ``dataset`` value.
TRAINING_SETS = {"c4_original": "C4", "rpj": "RedPajama", "rw_original": "RefinedWeb"}

#: The loss columns (nats per token). ``loss_c4_val`` (C4 eval, about 1.7e8 tokens) is
#: the least noisy; the Paloma splits use about 1e6 tokens each.
LOSSES = ("loss_openlm", "loss_c4_val", "loss_paloma_c4_en",
          "loss_paloma_dolma_100_programing_languages", "loss_paloma_falcon-refinedweb",
          "loss_paloma_ptb", "loss_paloma_redpajama", "loss_val_de-en_100")

_TEXT = ("name", "dataset", "model_name", "model_config_source")
_UNITS = {**dict.fromkeys(_TEXT, "text"), "params": "parameters",
          "params_no_embed": "parameters", "tokens": "tokens",
          "tokens_per_param_nominal": "tokens per parameter", "flops_6ND": "FLOPs",
          "lr": "1 (learning rate)", "lr_cooldown_end": "1 (learning rate)",
          "warmup_steps": "steps", "global_bs_seqs": "sequences", "seq_len": "tokens",
          "c4_val_eval_tokens": "tokens", "err_avg": "1 (error rate)",
          "err_avg_subset": "1 (error rate)",
          **{name: "nats per token" for name in (*LOSSES, "loss_c4_val_seq_lower_95",
                                                  "loss_c4_val_seq_upper_95")}}

register(DataSet(
    name="gadre2024-models",
    title="104 open_lm models trained on C4, RedPajama or RefinedWeb at 0.25 to 32 "
          "times Chinchilla's tokens per parameter",
    source="S. Y. Gadre et al., 'Language models scale reliably with over-training and "
           "on downstream tasks', arXiv:2403.08540 (2024); github.com/mlfoundations/scaling",
    licence="MIT",
    version="commit a003c4913793ac2ae7ef87b28ecb562955d026d5",
    derived="one row per exp_data/models/*.json, losses and 46- and 17-task average "
            "errors as the repository's parse_model_json computes them; 'seed' is empty "
            "(NaN) for the 92 models that do not record one (PROVENANCE)",
    units=units_for("gadre2024_models.csv", _UNITS),
    files=("gadre2024_models.csv", "gadre2024.LICENSE", "gadre2024.PROVENANCE.md"),
    reader=lambda: read_csv_columns("gadre2024_models.csv"),
))


def runs(training_set: str, loss: str = "loss_c4_val") -> dict:
    """The models trained on one set: N, D, loss, tokens per parameter and model name.

    Parameters
    ----------
    training_set : {'c4_original', 'rpj', 'rw_original'}
    loss : str, default 'loss_c4_val'
        One of :data:`LOSSES`.

    Returns
    -------
    dict with ``N``, ``D``, ``L``, ``tokens_per_param`` and ``model`` arrays.

    >>> r = runs("c4_original")
    >>> r["N"].size, r["model"][-1]
    (34, 'open_lm_7b')
    """
    check_choice("training_set", training_set, tuple(TRAINING_SETS))
    check_choice("loss", loss, LOSSES)
    table = load("gadre2024-models")
    rows = table.where(table["dataset"] == training_set)
    return {"N": rows["params"], "D": rows["tokens"], "L": rows[loss],
            "tokens_per_param": rows["tokens_per_param_nominal"],
            "model": rows["model_name"]}


@dataclass(frozen=True)
class Backtest:
    """An extrapolation backtest of Approach 3 (see :func:`backtest`).

    Attributes
    ----------
    training_set, loss : str
    size_cut : float
        Models with N below it were fitted; the rest were predicted.
    fit : ChinchillaFit
        The fit on the small models (with its bootstrap).
    model : numpy.ndarray
        Names of the held-back models.
    N, D, tokens_per_param, observed, predicted : numpy.ndarray
        Held-back models: size, tokens, tokens per parameter, measured and predicted
        loss (nats).
    low, high : numpy.ndarray
        The 95% bootstrap prediction interval of each (refitted law plus a resampled
        residual of the fitted runs, in log loss).
    n_fitted : int
        Models fitted.

    Examples
    --------
    >>> bt = backtest("rpj", bootstrap=50, starts="small")
    >>> list(bt.model), bt.n_fitted
    (['open_lm_1b', 'open_lm_1b', 'open_lm_7b'], 32)
    """

    training_set: str
    loss: str
    size_cut: float
    fit: object
    model: np.ndarray
    N: np.ndarray
    D: np.ndarray
    tokens_per_param: np.ndarray
    observed: np.ndarray
    predicted: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n_fitted: int

    @property
    def relative_error(self) -> np.ndarray:
        """(predicted - observed) / observed of each held-back model."""
        return (self.predicted - self.observed) / self.observed

    @property
    def inside(self) -> np.ndarray:
        """Whether each measured loss lies inside its prediction interval."""
        return (self.low <= self.observed) & (self.observed <= self.high)


def backtest(training_set: str = "rpj", *, size_cut: float = 1e9,
             loss: str = "loss_c4_val", bootstrap: int = 1000, seed: int = 0,
             starts: str = "full") -> Backtest:
    """Fit L = E + A/N^alpha + B/D^beta below a size cut; predict the models above it.

    Parameters
    ----------
    training_set : {'c4_original', 'rpj', 'rw_original'}, default 'rpj'
    size_cut : float, default 1e9
        Parameters; the models below are fitted (at every tokens per parameter), the
        models at or above it are held back and predicted.
    loss : str, default 'loss_c4_val'
    bootstrap : int, default 1000
        Replicates (at least 20): the fitted runs resampled with replacement and refit.
    seed : int, default 0
    starts : {'full', 'small'}, default 'full'
        Hoffmann et al.'s 4500 starts, or 243.

    Returns
    -------
    Backtest

    Notes
    -----
    The prediction interval of a held-back model is the 2.5 and 97.5 percentiles of
    ``L_r(N, D) * exp(e)`` over the replicates r, with e one of the fitted runs' log
    residuals under the full fit, drawn at random: the law's uncertainty and the scatter
    of a single run about it. A band of the law alone would be too narrow for a run.
    """
    from ..chinchilla_fit import fit_chinchilla, start_grid  # scipy: only when fitting

    r = runs(training_set, loss)
    cut = check_number("size_cut", size_cut, positive=True)
    n_boot = check_number("bootstrap", bootstrap, integer=True, low=20)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    train = r["N"] < cut
    if train.sum() < 6 or train.all():
        raise ScalingLabError(
            f"size_cut {cut:g} leaves {int(train.sum())} models to fit and "
            f"{int((~train).sum())} to predict; choose a cut between "
            f"{np.sort(np.unique(r['N']))[1]:.3g} and {r['N'].max():.3g}"
        )
    with np.errstate(divide="ignore", invalid="ignore"):  # handled inside the optimiser
        fit = fit_chinchilla(r["N"][train], r["D"][train], r["L"][train],
                             starts=start_grid(starts), bootstrap=n_boot, seed=seed)
    residuals = np.log(r["L"][train]) - np.log(fit.predict(r["N"][train], r["D"][train]))
    held = ~train
    N, D = r["N"][held], r["D"][held]
    E, A, B, alpha, beta = (col[:, None] for col in fit.replicates.T)
    laws = E + A / N**alpha + B / D**beta
    rng = np.random.default_rng(seed + 1)
    draws = laws * np.exp(rng.choice(residuals, size=laws.shape))
    low, high = np.nanpercentile(draws, [2.5, 97.5], axis=0)
    return Backtest(training_set=training_set, loss=loss, size_cut=cut, fit=fit,
                    model=r["model"][held], N=N, D=D,
                    tokens_per_param=r["tokens_per_param"][held],
                    observed=r["L"][held], predicted=fit.predict(N, D), low=low,
                    high=high, n_fitted=int(train.sum()))
