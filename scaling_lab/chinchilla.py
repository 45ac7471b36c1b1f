"""Compute-optimal training (Hoffmann et al. 2022): the law, the allocation, the approaches.

Design choices:

* **Closed form first.** Under C = 6ND the loss E + A/N^alpha + B/D^beta is minimised
  at N_opt = G (C/6)^a and D_opt = (C/6)^b / G, with a = beta/(alpha+beta),
  b = alpha/(alpha+beta) and G = (alpha A / (beta B))^(1/(alpha+beta)). No numerical
  search is needed, so :func:`compute_optimal` is exact and vectorised; the tests check
  it against a numerical minimum of the iso-FLOP curve.
* **One parameter set, three names.** A law is given by name (``'hoffmann'``,
  ``'hoffmann-unrounded'``, ``'epoch'``) or as any object with E, A, B, alpha and beta
  (a :class:`~scaling_lab.published.ChinchillaParams` or a fit), so published and
  fitted laws go through the same functions.
* **Approaches 1 and 2 as small functions on runs.** :func:`envelope_optimum` takes the
  lower envelope of training curves, :func:`isoflop_fit` fits a parabola in log N per
  iso-FLOP slice; both are tested on synthetic runs from a known law.
* **Synthetic data, labelled.** :func:`synthetic_runs` draws iso-FLOP runs from a known
  law with seeded multiplicative noise; nothing here is measured.
* The fitter (Approach 3) lives in :mod:`scaling_lab.chinchilla_fit`, and the command
  line of the chapter (``fit chinchilla``, ``optimal``) at the end of this module.

Examples
--------
>>> from scaling_lab.chinchilla import compute_optimal, allocation_exponents
>>> round(allocation_exponents("hoffmann")[0], 4)
0.4516
>>> opt = compute_optimal(5.76e23, "hoffmann")
>>> round(opt.N / 1e9), round(opt.tokens_per_param)
(32, 93)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from . import published
from ._validate import (
    ScalingLabError,
    as_array,
    check_choice,
    check_number,
    check_same_length,
)
from .chinchilla_fit import fit_chinchilla, start_grid
from .fit import fit_power_law
from .laws import chinchilla_loss

__all__ = [
    "LAWS",
    "law_params",
    "allocation_exponents",
    "allocation_coefficient",
    "Allocation",
    "compute_optimal",
    "isoflop_loss",
    "synthetic_runs",
    "IsoFLOPFit",
    "isoflop_fit",
    "envelope_optimum",
    "add_commands",
]

#: The published parameter sets by their command-line names.
LAWS = published.CHINCHILLA_LAWS


def law_params(law) -> published.ChinchillaParams:
    """Resolve a law given by name, or check an object with E, A, B, alpha, beta.

    >>> law_params("epoch").B
    2085.43
    """
    if isinstance(law, str):
        check_choice("law", law, tuple(LAWS))
        return LAWS[law]
    try:
        values = {k: getattr(law, k) for k in ("E", "A", "B", "alpha", "beta")}
    except AttributeError:
        raise ScalingLabError(
            f"'law' must be one of {', '.join(map(repr, LAWS))} or have E, A, B, alpha "
            f"and beta (got {type(law).__name__})"
        ) from None
    for key, value in values.items():
        check_number(key, value, nonnegative=key == "E", positive=key != "E")
    if isinstance(law, published.ChinchillaParams):
        return law
    return published.ChinchillaParams(**values, name=getattr(law, "name", "custom"),
                                      source="given")


def _loss(N, D, law) -> np.ndarray:
    """:func:`scaling_lab.laws.chinchilla_loss` with the law given by name or object."""
    return chinchilla_loss(N, D, law_params(law))


def allocation_exponents(law="hoffmann") -> tuple[float, float]:
    """The allocation exponents (a, b) of N_opt ∝ C^a, D_opt ∝ C^b.

    a = beta / (alpha + beta) and b = alpha / (alpha + beta), so a + b = 1.

    >>> [round(allocation_exponents(k)[0], 4) for k in ("hoffmann", "hoffmann-unrounded")]
    [0.4516, 0.4565]
    """
    p = law_params(law)
    return p.beta / (p.alpha + p.beta), p.alpha / (p.alpha + p.beta)


def allocation_coefficient(law="hoffmann") -> float:
    """G = (alpha A / (beta B))^(1 / (alpha + beta)), so N_opt = G (C/6)^a.

    >>> round(allocation_coefficient("hoffmann"), 4)
    1.3447
    """
    p = law_params(law)
    return float((p.alpha * p.A / (p.beta * p.B)) ** (1 / (p.alpha + p.beta)))


@dataclass(frozen=True)
class Allocation:
    """The compute-optimal split of a budget (see :func:`compute_optimal`).

    Attributes are floats for a scalar budget, arrays otherwise: ``C`` (FLOPs), ``N``
    (parameters), ``D`` (tokens), ``tokens_per_param`` (D / N) and ``loss`` (nats).

    >>> opt = compute_optimal(5.76e23, "epoch")
    >>> round(opt.N / 1e9), round(opt.tokens_per_param)
    (72, 18)
    """

    C: float | np.ndarray
    N: float | np.ndarray
    D: float | np.ndarray
    tokens_per_param: float | np.ndarray
    loss: float | np.ndarray
    law: str

    def as_dict(self) -> dict:
        """The command line's JSON object (scalar budgets).

        >>> sorted(compute_optimal(1e21).as_dict())
        ['D', 'N', 'flops', 'law', 'loss', 'tokens_per_param']
        """
        return {"N": float(self.N), "D": float(self.D),
                "tokens_per_param": float(self.tokens_per_param),
                "loss": float(self.loss), "flops": float(self.C), "law": self.law}


def compute_optimal(C, law="hoffmann") -> Allocation:
    r"""The compute-optimal N and D for a budget of C FLOPs, in closed form.

    Parameters
    ----------
    C : float or array_like
        Training compute in FLOPs (> 0), with C = 6ND.
    law : str or parameter set, default 'hoffmann'
        See :func:`law_params`.

    Returns
    -------
    Allocation
        Floats for a scalar ``C``, arrays for an array.

    Notes
    -----
    Setting the derivative of :math:`L(N, C/(6N))` to zero gives
    :math:`\alpha A N^{-\alpha} = \beta B D^{-\beta}`, whose solution with
    :math:`ND = C/6` is :math:`N_\mathrm{opt} = G (C/6)^{a}`,
    :math:`D_\mathrm{opt} = G^{-1} (C/6)^{b}` (Hoffmann et al. 2022, Eq. 4 and App. D.2).

    Examples
    --------
    >>> opt = compute_optimal([1e21, 1e23, 5.76e23])
    >>> opt.tokens_per_param.round()
    array([50., 78., 93.])
    >>> bool(np.allclose(6 * opt.N * opt.D, [1e21, 1e23, 5.76e23]))
    True
    """
    p = law_params(law)
    scalar = np.ndim(C) == 0
    C_arr = as_array("C", C, positive=True)
    a, b = allocation_exponents(p)
    G = allocation_coefficient(p)
    N = G * (C_arr / 6) ** a
    D = (C_arr / 6) ** b / G
    loss = p.E + p.A / N**p.alpha + p.B / D**p.beta
    values = [C_arr, N, D, D / N, loss]
    if scalar:
        values = [float(v[0]) for v in values]
    return Allocation(*values, law=p.name)


def isoflop_loss(C: float, N, law="hoffmann") -> np.ndarray:
    """The loss along the iso-FLOP curve of budget C: L(N, C / (6N)).

    >>> N = compute_optimal(1e21).N
    >>> bool(isoflop_loss(1e21, N) <= isoflop_loss(1e21, [N / 2, 2 * N]).min())
    True
    """
    C = check_number("C", C, positive=True)
    N = as_array("N", N, positive=True)
    return _loss(N, C / (6 * N), law)


def synthetic_runs(law="hoffmann", *, budgets=(1e18, 3e18, 1e19, 3e19, 1e20, 3e20),
                   per_budget: int = 10, span: float = 1.0, noise: float = 0.01,
                   seed: int = 0, sizes=None):
    """Synthetic (not measured) iso-FLOP runs drawn from a known law, with seeded noise.

    For each budget, ``per_budget`` model sizes log-spaced over ``span`` decades on
    either side of the compute-optimal size; D = C / (6N); the loss is the law's
    times ``exp(noise * z)`` with z standard normal.

    Parameters
    ----------
    law : str or parameter set, default 'hoffmann'
    budgets : sequence of float
        FLOP budgets, > 0.
    per_budget : int, default 10
        Runs per budget (at least 3).
    span : float, default 1.0
        Decades of N on either side of N_opt.
    noise : float, default 0.01
        Standard deviation of the multiplicative log-noise (0 for exact values).
    seed : int, default 0
    sizes : array_like, optional
        The same model sizes at every budget, as in a real iso-FLOP sweep, instead of a
        window centred on each budget's optimum (``per_budget`` and ``span`` are then
        ignored).

    Returns
    -------
    (N, D, L) : tuple of numpy.ndarray

    Examples
    --------
    >>> N, D, L = synthetic_runs(noise=0.0)
    >>> N.size, bool(np.allclose(6 * N * D, np.repeat([1e18, 3e18, 1e19, 3e19, 1e20,
    ...                                                  3e20], 10)))
    (60, True)
    """
    budgets = as_array("budgets", budgets, positive=True)
    per_budget = check_number("per_budget", per_budget, integer=True, low=3)
    span = check_number("span", span, positive=True)
    noise = check_number("noise", noise, nonnegative=True)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    rng = np.random.default_rng(seed)
    if sizes is None:
        centre = compute_optimal(budgets, law).N
        offsets = np.logspace(-span, span, per_budget)
        N = (centre[:, None] * offsets[None, :]).ravel()
    else:
        sizes = as_array("sizes", sizes, positive=True, min_size=3)
        per_budget = sizes.size
        N = np.tile(sizes, budgets.size)
    C = np.repeat(budgets, per_budget)
    D = C / (6 * N)
    L = _loss(N, D, law) * np.exp(noise * rng.standard_normal(N.size))
    return N, D, L


@dataclass(frozen=True)
class IsoFLOPFit:
    """Approach 2: one parabola per iso-FLOP slice, then a power law through the minima.

    Attributes
    ----------
    budgets, N_opt, D_opt : numpy.ndarray
        Each slice's budget and the N and D at its parabola's minimum.
    a, b : float
        Exponents of N_opt ∝ C^a and D_opt ∝ C^b (least squares on log-log axes).

    >>> fit = isoflop_fit(*synthetic_runs(noise=0.0, span=0.5))
    >>> fit.budgets.size, round(fit.a + fit.b, 6)
    (6, 1.0)
    """

    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    a: float
    b: float


def isoflop_fit(N, D, L) -> IsoFLOPFit:
    """Hoffmann et al.'s Approach 2 on runs grouped by budget C = 6ND.

    Runs whose C agree to 1% form one slice; each slice with at least 3 runs gets a
    parabola of L in log N, whose vertex is that budget's N_opt.

    Parameters
    ----------
    N, D, L : array_like
        Parameters, tokens and losses of the runs.

    Returns
    -------
    IsoFLOPFit

    Examples
    --------
    >>> fit = isoflop_fit(*synthetic_runs(noise=0.0, span=0.5))
    >>> round(fit.a, 3), round(allocation_exponents()[0], 3)
    (0.452, 0.452)
    """
    N = as_array("N", N, positive=True, min_size=6)
    D = as_array("D", D, positive=True, min_size=6)
    L = as_array("L", L, positive=True, min_size=6)
    check_same_length(N=N, D=D, L=L)
    log_C = np.log(6 * N * D)
    order = np.argsort(log_C)
    groups, current = [], [order[0]]
    for i in order[1:]:
        if log_C[i] - log_C[current[0]] < 0.01:
            current.append(i)
        else:
            groups.append(current)
            current = [i]
    groups.append(current)
    budgets, n_opt = [], []
    for group in groups:
        if len(group) < 3:
            continue
        x = np.log(N[group])
        c2, c1, _ = np.polyfit(x, L[group], 2)
        if c2 <= 0:
            continue  # no minimum: the slice is too narrow or too noisy
        budgets.append(float(np.exp(np.mean(log_C[group]))))
        n_opt.append(float(np.exp(-c1 / (2 * c2))))
    if len(budgets) < 3:
        raise ScalingLabError(
            f"only {len(budgets)} iso-FLOP slices have 3 or more runs and a minimum; "
            "Approach 2 needs at least 3 budgets"
        )
    budgets, n_opt = np.array(budgets), np.array(n_opt)
    d_opt = budgets / (6 * n_opt)
    a = fit_power_law(budgets, n_opt).n
    b = fit_power_law(budgets, d_opt).n
    return IsoFLOPFit(budgets, n_opt, d_opt, float(a), float(b))


def envelope_optimum(budgets, sizes, law="hoffmann") -> tuple[np.ndarray, float]:
    """Approach 1: the lower envelope of the training curves of models of given sizes.

    A model of N parameters that has seen D tokens has spent C = 6ND; its training
    curve is L(N, D) as D grows (the law's curve, ignoring the learning-rate schedule).
    For each budget the envelope's lowest curve names N_opt among ``sizes``.

    Parameters
    ----------
    budgets : array_like
        FLOP budgets.
    sizes : array_like
        Model sizes trained (the candidates for N_opt).
    law : str or parameter set, default 'hoffmann'

    Returns
    -------
    (N_opt, a) : (numpy.ndarray, float)
        The best size per budget and the exponent of N_opt ∝ C^a.

    Examples
    --------
    >>> N_opt, a = envelope_optimum(np.logspace(18, 22, 9), np.logspace(7, 11, 400))
    >>> round(a, 2)
    0.45
    """
    budgets = as_array("budgets", budgets, positive=True, min_size=2)
    sizes = as_array("sizes", sizes, positive=True, min_size=2)
    grid_N = np.broadcast_to(sizes[None, :], (budgets.size, sizes.size)).ravel()
    grid_C = np.broadcast_to(budgets[:, None], (budgets.size, sizes.size)).ravel()
    losses = _loss(grid_N, grid_C / (6 * grid_N), law).reshape(budgets.size, sizes.size)
    N_opt = sizes[np.argmin(losses, axis=1)]
    return N_opt, float(fit_power_law(budgets, N_opt).n)


# -- command line --------------------------------------------------------------------

def add_commands(commands, fit_commands) -> None:
    """Add ``fit chinchilla`` and ``optimal`` to the ``scaling-lab`` parser."""
    from .cli import _add_json, positive_float

    fit = fit_commands.add_parser(
        "chinchilla", help="fit L = E + A/N^alpha + B/D^beta (Hoffmann's Approach 3)",
        description="Fit L(N, D) = E + A/N^alpha + B/D^beta by Hoffmann et al.'s "
                    "Approach 3: Huber loss on log L from a grid of L-BFGS starts. "
                    "Columns are matched case-insensitively.")
    fit.add_argument("csv", metavar="CSV", help="a CSV with a header row")
    fit.add_argument("--n-col", default="N", metavar="COL", help="parameters (default N)")
    tokens = fit.add_mutually_exclusive_group()
    tokens.add_argument("--d-col", default=None, metavar="COL",
                        help="tokens (default D)")
    tokens.add_argument("--c-col", default=None, metavar="COL",
                        help="training FLOPs instead of tokens; D = C / (6N)")
    fit.add_argument("--loss-col", default="loss", metavar="COL",
                     help="final loss in nats (default loss)")
    fit.add_argument("--drop-highest-loss", type=int, default=0, metavar="K",
                     help="drop the K runs of highest loss before fitting")
    fit.add_argument("--huber-delta", type=positive_float, default=1e-3, metavar="X",
                     help="Huber threshold (default 1e-3)")
    fit.add_argument("--bootstrap", type=int, default=0, metavar="B",
                     help="bootstrap replicates for 95%% intervals (default 0)")
    fit.add_argument("--seed", type=int, default=0, metavar="S",
                     help="bootstrap seed (default 0)")
    fit.add_argument("--starts", choices=("full", "small"), default="full",
                     help="start grid: Hoffmann's 4500 (full) or 243 (small)")
    fit.add_argument("--plot", default=None, metavar="FILE",
                     help="write a figure of the data against the fitted law")
    _add_json(fit)
    fit.set_defaults(handler=_fit_handler)

    optimal = commands.add_parser(
        "optimal", help="compute-optimal parameters and tokens for a FLOP budget",
        description="The compute-optimal N and D under C = 6ND, in closed form.")
    optimal.add_argument("--flops", type=positive_float, required=True, metavar="C",
                         help="training compute in FLOPs")
    optimal.add_argument("--law", choices=tuple(LAWS), default="hoffmann",
                         help="parameter set (default hoffmann, Eq. 10 as printed)")
    _add_json(optimal)
    optimal.set_defaults(handler=_optimal_handler)


def _optimal_handler(args):
    opt = compute_optimal(args.flops, args.law)
    summary = (f"compute-optimal at C = {opt.C:.3g} FLOPs (law {args.law}):\n"
               f"N = {opt.N:.3g} parameters, D = {opt.D:.3g} tokens, "
               f"{opt.tokens_per_param:.1f} tokens per parameter, "
               f"loss {opt.loss:.4f} nats")
    result = opt.as_dict()
    return summary, {k: result[k] for k in ("N", "D", "tokens_per_param", "loss")}


def _fit_handler(args):
    from .io import read_columns

    for name in ("drop_highest_loss", "bootstrap", "seed"):
        if getattr(args, name) < 0:
            raise ScalingLabError(f"--{name.replace('_', '-')} must be >= 0 "
                                  f"(got {getattr(args, name)})")
    second = args.c_col if args.c_col else (args.d_col or "D")
    names = [args.n_col, second, args.loss_col]
    columns = read_columns(args.csv, names, min_rows=1, positive=names)
    N, X, L = (columns[name] for name in names)
    D = X / (6 * N) if args.c_col else X
    if args.drop_highest_loss:
        if args.drop_highest_loss >= L.size:
            raise ScalingLabError(f"--drop-highest-loss {args.drop_highest_loss} would "
                                  f"drop every one of the {L.size} runs")
        keep = np.sort(np.argsort(L, kind="stable")[:L.size - args.drop_highest_loss])
        N, D, L = N[keep], D[keep], L[keep]
    if L.size < 6:
        raise ScalingLabError(
            f"{args.csv!r} gives {L.size} runs to fit; the law has 5 parameters, so at "
            "least 6 runs are needed"
        )
    starts = start_grid(args.starts)
    print(f"fitting {L.size} runs from {len(starts)} starts...", file=sys.stderr)
    if args.bootstrap:
        print(f"then {args.bootstrap} bootstrap refits...", file=sys.stderr)
    fit = fit_chinchilla(N, D, L, starts=starts, huber_delta=args.huber_delta,
                         bootstrap=args.bootstrap, seed=args.seed)
    lines = [f"L(N, D) = {fit.E:.4g} + {fit.A:.4g} / N^{fit.alpha:.4f} + "
             f"{fit.B:.4g} / D^{fit.beta:.4f}",
             f"{fit.n_points} runs, objective {fit.objective:.6g} (sum of Huber losses, "
             f"delta {fit.huber_delta:g}), allocation exponent a = {fit.a:.4f}"]
    if fit.intervals:
        lines.append(f"95% bootstrap intervals ({fit.n_bootstrap} replicates):")
        for key in ("E", "A", "B", "alpha", "beta"):
            lo, hi = fit.intervals[key]
            lines.append(f"  {key:5s} {lo:.4g} to {hi:.4g}")
    if args.plot:
        _plot_fit(fit, N, D, L, args.plot)
        lines.append(f"figure written to {args.plot}")
    return "\n".join(lines), fit.as_dict()


def _plot_fit(fit, N, D, L, path) -> None:
    from .plotting import PALETTE, figure, loglog

    fig, (left, right) = figure(2, width=9.2)
    predicted = fit.predict(N, D)
    left.scatter(N, L, s=14, color=PALETTE["blue"], label="data")
    left.scatter(N, predicted, s=18, marker="x", color=PALETTE["vermillion"],
                 label="fitted law at each run's D")
    loglog(left, xlabel="parameters N", ylabel="loss L (nats per token)")
    left.legend(fontsize=8)
    low, high = min(L.min(), predicted.min()) * 0.97, max(L.max(), predicted.max()) * 1.03
    right.plot([low, high], [low, high], color=PALETTE["grey"], ls="--", lw=1,
               label="perfect fit")
    right.scatter(L, predicted, s=14, color=PALETTE["blue"], label="runs")
    loglog(right, xlabel="measured loss (nats)", ylabel="predicted loss (nats)")
    right.legend(fontsize=8)
    fig.suptitle(f"E = {fit.E:.3g}, A = {fit.A:.4g}, B = {fit.B:.4g}, "
                 f"α = {fit.alpha:.3f}, β = {fit.beta:.3f}", fontsize=10)
    try:
        fig.savefig(path, dpi=120)
    except (OSError, ValueError) as error:
        raise ScalingLabError(f"cannot write the figure to {path!r}: {error}") from None
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
