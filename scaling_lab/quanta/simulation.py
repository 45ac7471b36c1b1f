"""The quantization model, simulated: seeded training sets, learned quanta, fitted exponents.

Design choices:

* **The simulation draws samples, then applies the model's rule.** A training set of D
  samples is a multinomial draw over the quanta; a quantum is learned once it has at
  least ``tau`` samples (and, with a finite capacity, only the most frequent of those
  fit). The test loss of the resulting model is then computed exactly from the learned
  set, so the only randomness is the training set's. Each scale is an independent run
  with its own draw, for every resource (the parameters sweep too: a model of each
  capacity gets its own training set), so the residuals of a fit across scales are
  independent draws.
* **Coverage is measured, not assumed.** Independent residuals are necessary for the
  fit's 95% interval to cover the predicted exponent 95% of the time, not sufficient:
  the loss is a staircase in the number of quanta and only tends to a power law, so a
  fit has a small bias that its interval does not know about. :func:`simulation_coverage`
  repeats a sweep over seeds and reports how often the intervals cover the prediction,
  with a binomial interval on that rate.
* **Ranks past the data's reach are counted as unlearned.** The draw covers the ranks
  whose expected count at the largest scale is at least ``tau / 20``, plus one bucket for
  all later ranks; a quantum of that bucket would need a count 20 times its expectation
  to be learned. Asking for more than ``max_rank`` ranks raises instead of truncating.

Examples
--------
>>> from scaling_lab.quanta import simulate_quanta
>>> sim = simulate_quanta(0.5, [1e4, 1e5, 1e6], resource="data", seed=0)
>>> sim.scale.size
3
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import zeta

from .._validate import ScalingLabError, as_array, check_choice, check_number
from ..fit import PowerLawFit, fit_power_law
from .theory import (
    _RESOURCES,
    _gamma,
    _losses,
    predicted_exponents,
    quanta_probabilities,
    unlearned_mass,
)

__all__ = ["QuantaSimulation", "simulate_quanta", "Coverage", "simulation_coverage",
           "wilson_interval"]


@dataclass(frozen=True)
class QuantaSimulation:
    """The result of :func:`simulate_quanta`.

    Attributes
    ----------
    resource : str
        ``'parameters'``, ``'data'`` or ``'steps'``: what the scale counts.
    scale : numpy.ndarray
        The capacities n (quanta a model can hold, ∝ N), sample counts D or steps S.
    n_learned : numpy.ndarray
        Quanta learned at each scale.
    loss : numpy.ndarray
        Exact test loss of each trained model, in nats.
    gamma, tau : float
        The quanta exponent and the samples (or steps) a quantum needs.
    L_learned, L_unlearned : float
        The per-sample losses.
    seed : int
        The seed of the draws.

    Examples
    --------
    >>> sim = simulate_quanta(1.0, [1e4, 1e6], resource="steps", seed=3)
    >>> sim.resource, sim.theory_exponent
    ('steps', -0.5)
    """

    resource: str
    scale: np.ndarray
    n_learned: np.ndarray
    loss: np.ndarray
    gamma: float
    tau: float
    L_learned: float
    L_unlearned: float
    seed: int

    @property
    def theory_exponent(self) -> float:
        """The predicted slope of L - l1 against the scale (negative)."""
        e = predicted_exponents(self.gamma)
        return -getattr(e, self.resource)

    def fit(self, min_learned: int = 10) -> PowerLawFit:
        """Fit L - l1 = k scale^n on the scales where at least ``min_learned`` quanta
        are learned (below that the staircase of the first quanta dominates).

        >>> sim = simulate_quanta(1.0, np.logspace(4, 7, 12), seed=1)
        >>> fit = sim.fit()
        >>> fit.n_interval[0] < sim.theory_exponent < fit.n_interval[1]
        True
        """
        min_learned = check_number("min_learned", min_learned, integer=True, low=0)
        keep = self.n_learned >= min_learned
        if keep.sum() < 3:
            raise ScalingLabError(
                f"only {int(keep.sum())} scales have at least min_learned={min_learned} "
                "quanta learned; simulate larger scales or lower 'min_learned'"
            )
        return fit_power_law(self.scale[keep], self.loss[keep] - self.L_learned)


def _rank_reach(samples: float, gamma: float, tau: float, max_rank: int) -> int:
    s = gamma + 1.0
    reach = int(np.ceil((20.0 * samples / (tau * zeta(s))) ** (1.0 / s))) + 1
    if reach > max_rank:
        raise ScalingLabError(
            f"the largest scale reaches quanta up to rank {reach:,}, above "
            f"max_rank={max_rank:,}. Lower the largest scale, raise 'gamma' or 'tau', "
            "or raise 'max_rank' (memory grows with it)."
        )
    return max(reach, 2)


def simulate_quanta(gamma: float, scales, *, resource: str = "data", tau: int = 10,
                    batch: int = 64, capacity: int | None = None,
                    data: int | None = None, L_learned: float = 0.0,
                    L_unlearned: float = 1.0, seed: int = 0,
                    max_rank: int = 2_000_000) -> QuantaSimulation:
    """Simulate the learning process of the quantization model at several scales.

    Parameters
    ----------
    gamma : float
        The quanta exponent, > 0.
    scales : array_like
        What varies, by ``resource``: capacities n (quanta a model can hold, ∝ N),
        numbers of samples D, or numbers of steps S. Values >= 1.
    resource : {'data', 'steps', 'parameters'}, default 'data'
        ``'data'``: each scale D is a run on its own draw of D samples; a quantum with
        at least ``tau`` samples is learned (then the ``capacity`` most frequent of
        those, if a capacity is given). ``'steps'``: S steps of ``batch`` samples; a
        quantum present in at least ``tau`` steps is learned (each quantum's number of
        steps is drawn from its exact binomial marginal). ``'parameters'``: each scale
        is a capacity; each model gets its own training set of ``data`` samples (by
        default enough for the largest capacity to be limited by capacity alone) and
        learns the ``capacity`` quanta with the most samples among those with at least
        ``tau``.
    tau : int, default 10
        Samples (or steps) a quantum needs, >= 1.
    batch : int, default 64
        Samples per step (``'steps'`` only).
    capacity : int, optional
        Quanta a model can hold (``'data'`` and ``'steps'``); unlimited by default.
    data : int, optional
        Training samples (``'parameters'`` only).
    L_learned, L_unlearned : float
        Per-sample losses, as in :func:`quanta_loss`.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`.
    max_rank : int, default 2,000,000
        Most ranks a draw may cover (memory and time grow with it).

    Returns
    -------
    QuantaSimulation

    Raises
    ------
    ScalingLabError
        On a bad argument, naming it; when the scales would need more than
        ``max_rank`` ranks.

    Examples
    --------
    >>> sim = simulate_quanta(0.5, [1e3, 1e5, 1e7], tau=10, seed=0)
    >>> sim.n_learned
    array([  12.,  248., 5588.])
    >>> from scaling_lab.quanta import quanta_loss
    >>> (sim.loss - quanta_loss(sim.n_learned, 0.5)).round(3)   # nearly the sum
    array([0.002, 0.001, 0.   ])
    """
    gamma = _gamma(gamma)
    check_choice("resource", resource, _RESOURCES)
    scales = as_array("scales", scales, positive=True)
    if (scales < 1).any():
        raise ScalingLabError(f"'scales' must be >= 1 (got {scales.min():g})")
    tau = check_number("tau", tau, integer=True, low=1)
    batch = check_number("batch", batch, integer=True, low=1)
    low, high = _losses(L_learned, L_unlearned)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    max_rank = check_number("max_rank", max_rank, integer=True, low=2)
    if capacity is not None:
        capacity = check_number("capacity", capacity, integer=True, low=0)
    if resource == "parameters":
        if capacity is not None:
            raise ScalingLabError("'capacity' is what 'scales' vary when "
                                  "resource='parameters'; leave it out")
        if data is None:
            # Enough samples that the largest capacity's last quantum expects 10 tau.
            data = int(np.ceil(10 * tau / float(quanta_probabilities(
                [np.floor(scales.max())], gamma)[0])))
        data = check_number("data", data, integer=True, low=1)
    elif data is not None:
        raise ScalingLabError("'data' applies to resource='parameters' only; for "
                              f"resource={resource!r} the scales are the data")

    rng = np.random.default_rng(seed)
    if resource == "parameters":
        reach = _rank_reach(data, gamma, tau, max_rank)
    elif resource == "data":
        reach = _rank_reach(scales.max(), gamma, tau, max_rank)
    else:
        reach = _rank_reach(scales.max() * batch, gamma, tau, max_rank)
    p = quanta_probabilities(np.arange(1, reach + 1), gamma)
    tail = float(unlearned_mass(reach, gamma)[0])

    def learned_mass(counts, cap):
        eligible = np.flatnonzero(counts >= tau)
        if cap is not None and eligible.size > cap:
            # Most samples first; ties go to the lower rank (stable sort).
            order = np.argsort(-counts[eligible], kind="stable")
            eligible = eligible[order[:cap]]
        return eligible.size, float(p[eligible].sum())

    n_learned, mass = np.empty(scales.size), np.empty(scales.size)
    for i, value in enumerate(np.floor(scales).astype(np.int64)):
        # A fresh draw for every scale: the runs are independent.
        if resource == "parameters":
            counts = rng.multinomial(data, np.append(p, tail))[:-1]
            n_learned[i], mass[i] = learned_mass(counts, int(value))
            continue
        if resource == "data":
            counts = rng.multinomial(int(value), np.append(p, tail))[:-1]
        else:
            q = -np.expm1(batch * np.log1p(-p))
            counts = rng.binomial(int(value), q)
        n_learned[i], mass[i] = learned_mass(counts, capacity)
    loss = low + (high - low) * np.clip(1.0 - mass, 0.0, 1.0)
    return QuantaSimulation(resource, scales, n_learned, loss, gamma, float(tau), low,
                            high, seed)


@dataclass(frozen=True)
class Coverage:
    """The result of :func:`simulation_coverage`.

    Attributes
    ----------
    gamma : float
        The quanta exponent.
    resource : str
        ``'parameters'``, ``'data'`` or ``'steps'``.
    theory_exponent : float
        The slope the corollary predicts (negative).
    slopes, low, high : numpy.ndarray
        The fitted slope and its 95% interval, one per seed.
    seeds : tuple of int
        The seeds, one independent sweep each.

    Examples
    --------
    >>> cov = simulation_coverage(1.0, np.logspace(4, 6, 8), seeds=range(4))
    >>> cov.trials, 0 <= cov.rate <= 1
    (4, True)
    """

    gamma: float
    resource: str
    theory_exponent: float
    slopes: np.ndarray
    low: np.ndarray
    high: np.ndarray
    seeds: tuple

    @property
    def trials(self) -> int:
        """Number of independent sweeps."""
        return int(self.slopes.size)

    @property
    def hits(self) -> int:
        """Sweeps whose 95% interval contains the predicted slope."""
        return int(np.sum((self.low <= self.theory_exponent)
                          & (self.theory_exponent <= self.high)))

    @property
    def rate(self) -> float:
        """Measured coverage, hits / trials."""
        return self.hits / self.trials

    @property
    def rate_interval(self) -> tuple[float, float]:
        """95% Wilson score interval for the coverage rate (binomial)."""
        return wilson_interval(self.hits, self.trials)

    @property
    def mean_bias(self) -> float:
        """Mean fitted slope minus the predicted one."""
        return float(np.mean(self.slopes) - self.theory_exponent)


def wilson_interval(hits: int, trials: int) -> tuple[float, float]:
    """95% Wilson score interval for a binomial rate hits / trials.

    Better than the normal approximation near 0 and 1, where coverages live.

    >>> [round(v, 3) for v in wilson_interval(19, 20)]
    [0.764, 0.991]
    """
    trials = int(check_number("trials", trials, integer=True, low=1))
    hits = int(check_number("hits", hits, integer=True, nonnegative=True, high=trials))
    z, n, p = 1.959963984540054, trials, hits / trials
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return float(max(centre - half, 0.0)), float(min(centre + half, 1.0))


def simulation_coverage(gamma: float, scales, *, resource: str = "data",
                        seeds=range(20), tau: int = 10, min_learned: int = 10,
                        **options) -> Coverage:
    """How often the fitted 95% interval covers the predicted exponent, over seeds.

    Each seed is an independent sweep of :func:`simulate_quanta` (a fresh draw per
    scale); each sweep is fitted with :meth:`QuantaSimulation.fit`, and the coverage is
    the share of sweeps whose interval contains the corollary's slope. A coverage well
    below 95% means the intervals are too narrow for the bias of the fit (the loss only
    tends to a power law), not that the corollary is wrong.

    Parameters
    ----------
    gamma : float
        The quanta exponent, > 0.
    scales : array_like
        The sweep, as in :func:`simulate_quanta`.
    resource : {'data', 'steps', 'parameters'}, default 'data'
        What the scales count.
    seeds : iterable of int, default range(20)
        One independent sweep per seed, at least 2.
    tau : int, default 10
        Samples (or steps) a quantum needs.
    min_learned : int, default 10
        Passed to :meth:`QuantaSimulation.fit`.
    **options
        Other arguments of :func:`simulate_quanta` (``batch``, ``data``, ...).

    Returns
    -------
    Coverage

    Examples
    --------
    >>> cov = simulation_coverage(1.5, np.logspace(3, 6, 10), resource="steps",
    ...                           seeds=range(10))
    >>> cov.theory_exponent, cov.trials
    (-0.6, 10)
    """
    seeds = tuple(int(check_number("seeds", s, integer=True, nonnegative=True))
                  for s in seeds)
    if len(seeds) < 2:
        raise ScalingLabError(f"'seeds' must hold at least 2 seeds to measure a "
                              f"coverage (got {len(seeds)})")
    slopes, low, high = [], [], []
    theory = None
    for seed in seeds:
        sim = simulate_quanta(gamma, scales, resource=resource, tau=tau, seed=seed,
                              **options)
        fit = sim.fit(min_learned=min_learned)
        theory = sim.theory_exponent
        slopes.append(fit.n)
        low.append(fit.n_interval[0])
        high.append(fit.n_interval[1])
    return Coverage(float(gamma), resource, float(theory), np.array(slopes),
                    np.array(low), np.array(high), seeds)
