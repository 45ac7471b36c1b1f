"""Compute-optimal training (Hoffmann et al. 2022): the law and its closed-form allocation.

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
* **Laws here, fits elsewhere.** This module holds the law, its closed forms, and the
  chapter's demonstrations of how the designs of Approaches 1 and 2 move the exponent
  (:func:`training_envelope` on assumed training curves, :func:`isoflop_windows` with a
  window of sizes per budget), computed from the law alone; and two readings of a fit
  that need only its parameters (:func:`linear_branch_share`,
  :func:`optimal_loss_band`). Approaches 1 and 2 on runs live in
  :mod:`scaling_lab.isoflop`, the Approach 3 fitter in :mod:`scaling_lab.chinchilla_fit`,
  and the commands ``fit chinchilla`` and ``optimal`` in :mod:`scaling_lab.cli`.

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

from dataclasses import dataclass

import numpy as np

from . import published
from ._validate import (
    ScalingLabError,
    as_array,
    broadcast,
    check_choice,
    check_number,
    check_same_length,
)
from .laws import chinchilla_loss

__all__ = [
    "LAWS",
    "law_params",
    "allocation_exponents",
    "allocation_coefficient",
    "Allocation",
    "compute_optimal",
    "isoflop_loss",
    "schedule_loss",
    "Envelope",
    "training_envelope",
    "WindowFit",
    "isoflop_windows",
    "linear_branch_share",
    "LossBand",
    "optimal_loss_band",
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


# -- Approach 1 on assumed training curves -------------------------------------------

def schedule_loss(N, D, horizon, law="hoffmann", *, penalty: float = 0.0) -> np.ndarray:
    r"""A stylised (assumed, not measured) training curve: the loss after D tokens of a run
    whose learning-rate schedule ends at ``horizon`` tokens.

    .. math:: L(N, D) + p \, (L(N, D) - E) \max(0, 1 - D / T)

    At the end of its schedule (D = T) a run reaches the law's L(N, D), the loss of a
    matched schedule; before that it pays an excess, a share ``p`` of its reducible loss
    shrinking linearly to zero. The form and the size of the excess are assumptions of
    the demonstration, chosen only so that a checkpoint taken early in a long schedule is
    worse than a run whose schedule ends there (Hoffmann et al. 2022, Sec. 2 and App. B).

    Parameters
    ----------
    N, D, horizon : float or array_like
        Parameters, tokens seen and the tokens at which the schedule ends (broadcast).
    law : str or parameter set, default 'hoffmann'
    penalty : float, default 0
        The excess p at the start of the schedule, as a share of L - E (>= 0). With 0 the
        curve is the law itself at every checkpoint.

    Examples
    --------
    >>> float(schedule_loss(1e9, 2e10, 2e10, penalty=0.1)) == float(
    ...     schedule_loss(1e9, 2e10, 8e10, penalty=0.0))
    True
    >>> bool(schedule_loss(1e9, 2e10, 8e10, penalty=0.1) > schedule_loss(1e9, 2e10, 2e10))
    True
    """
    p = law_params(law)
    penalty = check_number("penalty", penalty, nonnegative=True)
    values = {}
    for name, value in (("N", N), ("D", D), ("horizon", horizon)):
        as_array(name, np.ravel(value), positive=True)
        values[name] = np.asarray(value, dtype=float)
    N, D, T = broadcast(**values)
    L = p.E + p.A / N**p.alpha + p.B / D**p.beta  # checked above, any shape
    return L + penalty * (L - p.E) * np.clip(1 - D / T, 0.0, None)


@dataclass(frozen=True)
class Envelope:
    """Approach 1: the lowest loss any run reached at each budget (see
    :func:`training_envelope`).

    Attributes
    ----------
    budgets, N_opt, D_opt, loss : numpy.ndarray
        The budgets reached by some run, and the size, tokens and loss of the best run.
    fraction : numpy.ndarray
        How far through its schedule the best run was (D / horizon, at most 1).
    a : float
        Exponent of N_opt ∝ C^a (least squares on log-log axes).
    """

    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    loss: np.ndarray
    fraction: np.ndarray
    a: float


def training_envelope(sizes, horizons, budgets, law="hoffmann", *,
                      penalty: float = 0.0) -> Envelope:
    """Hoffmann et al.'s Approach 1 on the curves of :func:`schedule_loss`.

    Each size is trained once per horizon; a run passes through every budget
    C = 6 N D with D up to its horizon. At each budget the envelope keeps the run with
    the lowest loss (Hoffmann et al. 2022, Sec. 3.1: four horizons per size spanning a
    16-fold range, the envelope read at 1500 budgets), then fits N_opt ∝ C^a.

    Parameters
    ----------
    sizes : array_like
        Model sizes (parameters), at least 2.
    horizons : array_like
        Schedule lengths in tokens: shape (runs,) for the same horizons at every size,
        or (len(sizes), runs).
    budgets : array_like
        FLOP budgets at which to read the envelope; those no run reaches are dropped
        (at least 2 must remain).
    law : str or parameter set, default 'hoffmann'
    penalty : float, default 0
        See :func:`schedule_loss`. With 0 the envelope is the law's own minimum over the
        sizes, and its exponent is the closed form's up to the grid of sizes.

    Returns
    -------
    Envelope

    Examples
    --------
    >>> sizes = np.logspace(8, 10, 30)
    >>> env = training_envelope(sizes, 20 * sizes[:, None] * [0.25, 1, 4],
    ...                         np.logspace(19, 21, 50))
    >>> abs(env.a - allocation_exponents()[0]) < 0.02
    True
    """
    sizes = as_array("sizes", sizes, positive=True, min_size=2)
    budgets = as_array("budgets", budgets, positive=True, min_size=2)
    T = np.asarray(horizons, dtype=float)
    if T.ndim == 1:
        T = np.broadcast_to(T[None, :], (sizes.size, T.size))
    if T.ndim != 2 or T.shape[0] != sizes.size or T.size == 0:
        raise ScalingLabError(
            f"'horizons' must have shape (runs,) or ({sizes.size}, runs) for "
            f"{sizes.size} sizes (got shape {np.shape(horizons)})")
    as_array("horizons", T.ravel(), positive=True)
    N = sizes[:, None, None]
    D = budgets[None, None, :] / (6 * N)
    reached = D <= T[:, :, None]
    loss = np.where(reached, schedule_loss(N, D, T[:, :, None], law, penalty=penalty),
                    np.inf)
    flat = loss.reshape(-1, budgets.size)
    best = np.argmin(flat, axis=0)
    keep = np.isfinite(flat[best, np.arange(budgets.size)])
    if keep.sum() < 2:
        raise ScalingLabError(
            f"only {int(keep.sum())} of the {budgets.size} budgets are reached by some "
            "run; choose budgets within 6 N D for D up to the horizons")
    size_index, run_index = np.unravel_index(best[keep], T.shape)
    C = budgets[keep]
    N_opt = sizes[size_index]
    D_opt = C / (6 * N_opt)
    a = float(np.polyfit(np.log(C), np.log(N_opt), 1)[0])
    return Envelope(C, N_opt, D_opt, flat[best[keep], np.flatnonzero(keep)],
                    D_opt / T[size_index, run_index], a)


# -- Approach 2 with a window of sizes per budget ------------------------------------

@dataclass(frozen=True)
class WindowFit:
    """One round of :func:`isoflop_windows`: each budget's window centre, the vertex of
    the parabola fitted in it, and the exponent a of N_opt ∝ C^a through the vertices."""

    budgets: np.ndarray
    centres: np.ndarray
    N_opt: np.ndarray
    a: float


def isoflop_windows(law, budgets, centres, *, span: float = 0.5, per_budget: int = 7,
                    rounds: int = 2, noise: float = 0.0, seed: int = 0) -> tuple:
    """Approach 2 with a window of sizes per budget, re-centred on the vertices.

    Round 1 draws synthetic (not measured) runs from ``law``: ``per_budget`` sizes
    log-spaced over ``span`` decades either side of each budget's ``centres`` (the guessed
    optimum), D = C / (6N), the loss times ``exp(noise * z)``. A parabola in log N per
    budget gives the vertex (as :func:`scaling_lab.isoflop.isoflop_fit` does, which the
    tests check), and a least-squares line through log N_opt against log C the exponent.
    Each further round centres every window on the previous vertex: the usual remedy for
    windows centred on a mis-guessed optimum.

    Parameters
    ----------
    law : str or parameter set
    budgets, centres : array_like
        FLOP budgets and the centre of each budget's window (parameters), same length,
        at least 3.
    span : float, default 0.5
        Decades of N either side of the centre.
    per_budget : int, default 7
        Sizes per window (at least 3).
    rounds : int, default 2
        Fits to make (1: no re-centring).
    noise : float, default 0
        Standard deviation of the multiplicative log-noise (new draws in every round).
    seed : int, default 0

    Returns
    -------
    tuple of WindowFit
        One per round: ``[0].a`` is the first pass, ``[-1].a`` the last.

    Examples
    --------
    >>> C = np.logspace(18, 21, 7)
    >>> guess = 3 * compute_optimal(C[0], "epoch").N * (C / C[0]) ** 0.73
    >>> first, again = isoflop_windows("epoch", C, guess)
    >>> true = allocation_exponents("epoch")[0]
    >>> round(first.a - true, 2), abs(again.a - true) < 0.002
    (0.08, True)
    """
    p = law_params(law)
    budgets = as_array("budgets", budgets, positive=True, min_size=3)
    centres = as_array("centres", centres, positive=True, min_size=3)
    check_same_length(budgets=budgets, centres=centres)
    span = check_number("span", span, positive=True)
    per_budget = check_number("per_budget", per_budget, integer=True, low=3)
    rounds = check_number("rounds", rounds, integer=True, low=1)
    noise = check_number("noise", noise, nonnegative=True)
    rng = np.random.default_rng(check_number("seed", seed, integer=True, nonnegative=True))
    order = np.argsort(budgets)
    budgets, centres = budgets[order], centres[order]
    x = np.log(np.logspace(-span, span, per_budget))
    fits = []
    for _ in range(rounds):
        log_N = np.log(centres)[:, None] + x[None, :]
        N = np.exp(log_N)
        L = p.E + p.A / N**p.alpha + p.B / (budgets[:, None] / (6 * N)) ** p.beta
        L = L * np.exp(noise * rng.standard_normal(L.shape))
        vertices = []
        for C, u, y in zip(budgets, log_N, L, strict=True):
            c2, c1, _ = np.polyfit(u, y, 2)
            if c2 <= 0:
                raise ScalingLabError(
                    f"the window at C = {C:.3g} FLOPs shows no minimum (the parabola opens "
                    "downwards); widen 'span' or lower 'noise'")
            vertices.append(-c1 / (2 * c2))
        N_opt = np.exp(np.array(vertices))
        a = float(np.polyfit(np.log(budgets), np.log(N_opt), 1)[0])
        fits.append(WindowFit(budgets, centres, N_opt, a))
        centres = N_opt
    return tuple(fits)


# -- reading a fit: its Huber branch, its prediction band ----------------------------

def linear_branch_share(fit, N, D, L) -> float:
    """The share of runs whose log-loss residual is on the linear branch of the fit's
    Huber loss: ``|log L_hat - log L| > fit.huber_delta``.

    Near 1 the fit behaves like least absolute deviations (a median-like estimator), near
    0 like least squares.

    Examples
    --------
    >>> from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid
    >>> N, D = (x.ravel() for x in np.meshgrid(np.logspace(8, 10, 8), np.logspace(9, 11, 8)))
    >>> L = _loss(N, D, "epoch") * np.exp(0.01 * np.random.default_rng(7).normal(size=64))
    >>> fit = fit_chinchilla(N, D, L, starts=start_grid("small"))
    >>> bool(0.5 < linear_branch_share(fit, N, D, L) < 1)
    True
    """
    N = as_array("N", N, positive=True)
    D = as_array("D", D, positive=True)
    L = as_array("L", L, positive=True)
    check_same_length(N=N, D=D, L=L)
    delta = check_number("fit.huber_delta", getattr(fit, "huber_delta", None),
                         positive=True)
    residual = np.log(fit.predict(N, D)) - np.log(L)
    return float(np.mean(np.abs(residual) > delta))


@dataclass(frozen=True)
class LossBand:
    """The loss of the compute-optimal model at budget ``C`` predicted by a fit
    (``point``), its bootstrap band (``lo``, ``hi``), the fit's ``E``, the reducible loss
    ``point - E``, the band's half-width as a share of it (``relative_half_width``), and
    the band of each replicate's own L - E (``reducible_lo``, ``reducible_hi``)."""

    C: float
    point: float
    lo: float
    hi: float
    E: float
    reducible: float
    relative_half_width: float
    reducible_lo: float
    reducible_hi: float
    level: float


def optimal_loss_band(fit, C: float, *, level: float = 0.95) -> LossBand:
    """The predicted loss of the compute-optimal model at C, with its bootstrap band in
    nats and relative to the reducible loss L - E.

    A band in nats alone flatters a fit at large budgets, where the loss is close to E;
    relative to L - E it says how much of what is left to gain is known.

    Parameters
    ----------
    fit : ChinchillaFit
        A fit with bootstrap replicates (``fit_chinchilla(..., bootstrap=200)``).
    C : float
        Training compute in FLOPs.
    level : float, default 0.95
        Coverage of the band, in (0, 1).

    Examples
    --------
    >>> from scaling_lab.chinchilla_fit import fit_chinchilla, start_grid
    >>> N, D = (x.ravel() for x in np.meshgrid(np.logspace(8, 10, 8), np.logspace(9, 11, 8)))
    >>> L = _loss(N, D, "epoch") * np.exp(0.01 * np.random.default_rng(7).normal(size=64))
    >>> fit = fit_chinchilla(N, D, L, starts=start_grid("small"), bootstrap=50)
    >>> band = optimal_loss_band(fit, 1e23)
    >>> bool(band.lo < band.point < band.hi), bool(0 < band.relative_half_width < 1)
    (True, True)
    """
    C = check_number("C", C, positive=True)
    level = check_number("level", level, positive=True)
    if level >= 1:
        raise ScalingLabError(f"'level' must be in (0, 1) (got {level!r}); for a 95% "
                              "band pass 0.95")
    reps = getattr(fit, "replicates", None)
    if reps is None or len(reps) < 2:
        raise ScalingLabError("the fit has no bootstrap replicates; fit with "
                              "fit_chinchilla(..., bootstrap=200) or more")
    E, A, B, alpha, beta = np.asarray(reps, dtype=float).T
    N = ((alpha * A / (beta * B)) ** (1 / (alpha + beta))) * (C / 6) ** (
        beta / (alpha + beta))
    reducible = A / N**alpha + B / (C / (6 * N)) ** beta
    tails = 50 * np.array([1 - level, 1 + level])
    lo, hi = np.percentile(E + reducible, tails)
    red_lo, red_hi = np.percentile(reducible, tails)
    point = float(compute_optimal(C, fit).loss)
    E_fit = float(law_params(fit).E)
    return LossBand(C, point, float(lo), float(hi), E_fit, point - E_fit,
                    float((hi - lo) / 2 / (point - E_fit)), float(red_lo), float(red_hi),
                    level)
