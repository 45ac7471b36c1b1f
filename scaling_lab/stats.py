"""Testing a power-law tail: goodness of fit, bootstrap uncertainty, nested likelihood ratio.

The methods of Clauset, Shalizi & Newman 2009 (arXiv:0706.1062) that go beyond the fit:
the semi-parametric bootstrap goodness-of-fit test with ``x_min`` re-selected in every
replicate (their Sec. 4.1), the non-parametric bootstrap of ``x_min``, ``alpha`` and
``n_tail`` jointly (Sec. 3.4, the "±" of their Table 6.1), and the nested likelihood-ratio
test against a power law with an exponential cutoff (Sec. 5.2 and App. C).

Design choices:

* **Fast because the fit is.** Every replicate is refitted from scratch, ``x_min``
  included, by :func:`scaling_lab.zipf.scan_xmin`, which fits all candidates at once in
  array arithmetic: a 1,000-replicate test of Austen's counts takes seconds, where a loop
  of ``powerlaw.Fit`` takes minutes (``benchmarks/bench_gof.py`` times both).
* **Monte Carlo error is part of the answer.** A p-value from B replicates comes with its
  standard error sqrt(p (1 - p) / B); a bootstrap standard deviation with its own Monte
  Carlo error. Every draw comes from one seeded ``numpy`` generator.
* **The published implementation, as an option.** ``alpha_grid=0.01`` fits the exponent
  on Clauset's grid (1.50, 1.51, ..., 3.50) in the data and in every replicate, as their
  ``plpva.m`` does.

Examples
--------
>>> from scaling_lab.zipf import sample_discrete_power_law
>>> x = sample_discrete_power_law(2.0, xmin=1, size=2000, seed=1)
>>> print(goodness_of_fit(x, 40, seed=2))  # doctest: +ELLIPSIS
goodness of fit: p = 0... ± 0... (40 replicates; KS distance 0.0...)
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from ._validate import ScalingLabError, check_number
from .zipf.fit import TailComparison, likelihood_ratio
from .zipf.sample import draw_discrete_power_law
from .zipf.scan import _grid, _scan
from .zipf.text import validate_counts

__all__ = [
    "GoodnessOfFit",
    "goodness_of_fit",
    "TailBootstrap",
    "bootstrap_tail",
    "PowerLawReport",
    "power_law_report",
    "cutoff_test",
    "reference",
    "reference_command",
]


@dataclass(frozen=True)
class GoodnessOfFit:
    """The semi-parametric bootstrap goodness-of-fit test (see :func:`goodness_of_fit`).

    Attributes
    ----------
    p : float
        Share of replicates whose KS distance (to their own best fit) is at least the
        data's. Small p (Clauset et al. use p <= 0.1) rules the power law out.
    p_se : float
        Monte Carlo standard error of ``p``, sqrt(p (1 - p) / replicates).
    ks_distance : float
        The data's KS distance to its fit.
    xmin, alpha, n_tail : int, float, int
        The fit the replicates are drawn from.
    replicates, seed : int
    distances : numpy.ndarray
        The replicates' KS distances.
    alpha_grid : float or None
    """

    p: float
    p_se: float
    ks_distance: float
    xmin: int
    alpha: float
    n_tail: int
    replicates: int
    seed: int
    distances: np.ndarray = field(repr=False, compare=False)
    alpha_grid: float | None = None

    @property
    def rejected(self) -> bool:
        """Whether p <= 0.1, the threshold of Clauset et al. 2009 (Sec. 4.1)."""
        return self.p <= 0.1

    def __str__(self) -> str:
        """One line.

        >>> print(GoodnessOfFit(0.5, 0.05, 0.01, 7, 1.95, 2958, 100, 0, np.zeros(100)))
        goodness of fit: p = 0.500 ± 0.050 (100 replicates; KS distance 0.0100)
        """
        return (f"goodness of fit: p = {self.p:.3f} ± {self.p_se:.3f} "
                f"({self.replicates} replicates; KS distance {self.ks_distance:.4f})")


def _replicates(name: str, value) -> int:
    return check_number(name, value, integer=True, low=2)


def goodness_of_fit(counts, replicates: int = 1000, *, seed: int = 0,
                    alpha_grid: float | None = None) -> GoodnessOfFit:
    """The goodness-of-fit test of Clauset et al. 2009 (Sec. 4.1), with its p-value.

    Fit the data (:func:`scan_xmin`). Then, ``replicates`` times, draw a synthetic data
    set of the same size: each value comes, with probability n_tail / n, from the fitted
    discrete power law above ``x_min``, and otherwise uniformly from the data's own
    values below ``x_min``. Refit every synthetic set from scratch, ``x_min`` included,
    and record its KS distance to its own fit. ``p`` is the share at least as large as
    the data's.

    Parameters
    ----------
    counts : array_like
        Positive whole numbers.
    replicates : int, default 1000
        Synthetic data sets; p is accurate to about 1 / (2 sqrt(replicates)) at worst.
    seed : int, default 0
    alpha_grid : float, optional
        See :func:`scan_xmin`; applied to the data and to every replicate.

    Returns
    -------
    GoodnessOfFit

    Examples
    --------
    Counts that are a power law pass the test (synthetic, seeded):

    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.0, xmin=1, size=2000, seed=1)
    >>> goodness_of_fit(x, 50, seed=2).rejected
    False
    """
    x = validate_counts(counts)
    replicates = _replicates("replicates", replicates)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    grid = _grid(alpha_grid)
    fit = _scan(x, grid)
    rng = np.random.default_rng(seed)
    xmin, alpha, n_tail = fit.best_xmin, fit.best_alpha, fit.best_n_tail
    body = x[x < xmin]
    distances = np.empty(replicates)
    for i in range(replicates):
        in_tail = rng.binomial(x.size, n_tail / x.size) if body.size else x.size
        sample = np.concatenate([draw_discrete_power_law(alpha, xmin, in_tail, rng),
                                 rng.choice(body, x.size - in_tail) if body.size else []])
        distances[i] = _scan(sample, grid).ks_distance
    p = float(np.mean(distances >= fit.ks_distance))
    return GoodnessOfFit(p=p, p_se=math.sqrt(p * (1 - p) / replicates),
                         ks_distance=fit.ks_distance, xmin=xmin, alpha=alpha,
                         n_tail=n_tail, replicates=replicates, seed=seed,
                         distances=distances, alpha_grid=grid)


def _sd_and_error(values: np.ndarray) -> tuple[float, float]:
    """Sample standard deviation and its Monte Carlo standard error (from the kurtosis)."""
    b = values.size
    sd = float(np.std(values, ddof=1))
    if sd == 0:
        return 0.0, 0.0
    centred = values - values.mean()
    kurtosis = float(np.mean(centred**4) / np.mean(centred**2) ** 2)
    variance_se = sd**2 * math.sqrt(max(kurtosis - (b - 3) / (b - 1), 0.0) / b)
    return sd, variance_se / (2 * sd)


@dataclass(frozen=True)
class TailBootstrap:
    """Bootstrap uncertainty of ``x_min``, ``alpha`` and ``n_tail`` (see
    :func:`bootstrap_tail`).

    Attributes
    ----------
    xmin_se, alpha_se, n_tail_se : float
        Standard deviations over the replicates (Clauset et al. 2009, Sec. 3.4).
    mc_error : dict of str to float
        Monte Carlo standard error of each of the three, keyed ``'xmin'``, ``'alpha'``,
        ``'n_tail'``.
    samples : numpy.ndarray
        One row per replicate: x_min, alpha, n_tail.
    replicates, seed : int
    """

    xmin_se: float
    alpha_se: float
    n_tail_se: float
    mc_error: dict = field(compare=False)
    samples: np.ndarray = field(repr=False, compare=False)
    replicates: int = 0
    seed: int = 0

    @property
    def correlation(self) -> np.ndarray:
        """Correlation matrix of (x_min, alpha, n_tail) over the replicates."""
        return np.corrcoef(self.samples, rowvar=False)


def bootstrap_tail(counts, replicates: int = 1000, *, seed: int = 0,
                   alpha_grid: float | None = None) -> TailBootstrap:
    """Joint bootstrap uncertainty of the fitted ``x_min``, ``alpha`` and ``n_tail``.

    Resample the n counts with replacement, refit everything (:func:`scan_xmin`), and
    take the standard deviation of each estimate over the replicates (the non-parametric
    bootstrap of Clauset et al. 2009, Sec. 3.4, the "±" of their Table 6.1).

    Examples
    --------
    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.0, xmin=1, size=2000, seed=1)
    >>> boot = bootstrap_tail(x, 30, seed=0)
    >>> 0 < boot.alpha_se < 0.2, boot.samples.shape
    (True, (30, 3))
    """
    x = validate_counts(counts)
    replicates = _replicates("replicates", replicates)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    grid = _grid(alpha_grid)
    _scan(x, grid)  # the data themselves must be fittable
    rng = np.random.default_rng(seed)
    samples = np.empty((replicates, 3))
    for i in range(replicates):
        fit = _scan(rng.choice(x, x.size), grid)
        samples[i] = fit.best_xmin, fit.best_alpha, fit.best_n_tail
    (xs, xe), (asd, ae), (ns, ne) = (_sd_and_error(samples[:, j]) for j in range(3))
    return TailBootstrap(xmin_se=xs, alpha_se=asd, n_tail_se=ns,
                         mc_error={"xmin": xe, "alpha": ae, "n_tail": ne},
                         samples=samples, replicates=replicates, seed=seed)


def _digits(value: float, error: float) -> str:
    """``1.95(2)``: the value to the decimal of the error's first digit, as Table 6.1."""
    if not (error > 0 and math.isfinite(error)):
        return f"{value:g}"
    decimals = max(0, -int(math.floor(math.log10(error))))
    digit = round(error * 10**decimals)
    if digit >= 10:
        decimals, digit = max(0, decimals - 1), round(error * 10 ** (decimals - 1))
    return f"{value:.{decimals}f}({digit})"


@dataclass(frozen=True)
class PowerLawReport:
    """A row of Clauset et al. 2009, Table 6.1, for one data set (see
    :func:`power_law_report`).

    Attributes
    ----------
    n : int
        Number of values (distinct words).
    mean, sd, xmax : float
        Mean, standard deviation and largest value.
    xmin, alpha, n_tail : int, float, int
        The fit.
    xmin_se, alpha_se, n_tail_se : float
        Bootstrap standard deviations.
    p, p_se : float
        Goodness-of-fit p-value and its Monte Carlo standard error.
    replicates, seed : int
    alpha_grid : float or None
    ks_distance : float
        The data's KS distance to its fit.
    mc_error : dict of str to float
        Monte Carlo standard errors of ``xmin_se``, ``alpha_se`` and ``n_tail_se``.
    """

    n: int
    mean: float
    sd: float
    xmax: float
    xmin: int
    xmin_se: float
    alpha: float
    alpha_se: float
    n_tail: int
    n_tail_se: float
    p: float
    p_se: float
    replicates: int
    seed: int
    alpha_grid: float | None = None
    ks_distance: float = float("nan")
    mc_error: dict = field(default_factory=dict, compare=False)

    def data_cells(self) -> list[str]:
        """Table 6.1's description of the data: n, <x>, sd, x_max."""
        return [f"{self.n:,}", f"{self.mean:.2f}", f"{self.sd:.2f}", f"{self.xmax:,.0f}"]

    def fitted_cells(self, pm: str = " ± ") -> list[str]:
        """Table 6.1's fitted part: x_min, alpha, n_tail, p; ``pm`` joins a value and
        its error (a page may want non-breaking spaces around the ±).

        >>> r = PowerLawReport(18855, 11.14, 148.33, 14086, 7, 2.1, 1.9527, 0.0244,
        ...                    2958, 987.0, 0.49, 0.016, 1000, 0)
        >>> r.fitted_cells()
        ['7 ± 2', '1.95(2)', '2958 ± 987', '0.49']
        """
        return [f"{self.xmin}{pm}{self.xmin_se:.0f}", _digits(self.alpha, self.alpha_se),
                f"{self.n_tail}{pm}{self.n_tail_se:.0f}", f"{self.p:.2f}"]

    def row(self) -> str:
        """The row as Table 6.1 prints it: n, <x>, sd, x_max, x_min, alpha, n_tail, p.

        >>> r = PowerLawReport(18855, 11.14, 148.33, 14086, 7, 2.1, 1.9527, 0.0244,
        ...                    2958, 987.0, 0.49, 0.016, 1000, 0)
        >>> r.row()
        '18,855 | 11.14 | 148.33 | 14,086 | 7 ± 2 | 1.95(2) | 2958 ± 987 | 0.49'
        """
        return " | ".join(self.data_cells() + self.fitted_cells())

    def as_dict(self) -> dict:
        """Plain-Python fields for JSON (the command line's ``--gof`` keys among them)."""
        return {"gof_p": float(self.p), "gof_p_se": float(self.p_se),
                "xmin_se": float(self.xmin_se), "alpha_se": float(self.alpha_se),
                "n_tail_se": float(self.n_tail_se), "gof_replicates": int(self.replicates),
                "gof_seed": int(self.seed)}

    def to_json(self) -> dict:
        """Every field as plain Python (the shipped reference stores these).

        >>> r = PowerLawReport(3, 2.0, 1.0, 3, 1, 0.0, 2.0, 0.1, 3, 0.0, 0.5, 0.1, 10, 0)
        >>> PowerLawReport.from_json(r.to_json()) == r
        True
        """
        out = {}
        for key, value in self.__dict__.items():
            if isinstance(value, dict):
                out[key] = {k: float(v) for k, v in value.items()}
            elif isinstance(value, np.integer | int) and not isinstance(value, bool):
                out[key] = int(value)
            elif value is None:
                out[key] = None
            else:
                out[key] = float(value)
        return out

    @classmethod
    def from_json(cls, data: dict) -> PowerLawReport:
        """The report :meth:`to_json` wrote."""
        ints = {"n", "xmin", "n_tail", "replicates", "seed"}
        return cls(**{key: int(value) if key in ints else value
                      for key, value in data.items()})


def power_law_report(counts, replicates: int = 1000, *, seed: int = 0,
                     alpha_grid: float | None = None) -> PowerLawReport:
    """Everything Table 6.1 of Clauset et al. 2009 reports for one data set.

    Runs :func:`goodness_of_fit` (seed ``seed``) and :func:`bootstrap_tail` (seed
    ``seed + 1``), each with ``replicates`` replicates.

    Examples
    --------
    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.0, xmin=1, size=1500, seed=1)
    >>> report = power_law_report(x, 20, seed=0)
    >>> report.n, report.p > 0.1
    (1500, True)
    """
    x = validate_counts(counts)
    test = goodness_of_fit(x, replicates, seed=seed, alpha_grid=alpha_grid)
    boot = bootstrap_tail(x, replicates, seed=seed + 1, alpha_grid=alpha_grid)
    return PowerLawReport(
        n=int(x.size), mean=float(x.mean()), sd=float(x.std()), xmax=float(x.max()),
        xmin=test.xmin, xmin_se=boot.xmin_se, alpha=test.alpha, alpha_se=boot.alpha_se,
        n_tail=test.n_tail, n_tail_se=boot.n_tail_se, p=test.p, p_se=test.p_se,
        replicates=test.replicates, seed=test.seed, alpha_grid=test.alpha_grid,
        ks_distance=test.ks_distance, mc_error=dict(boot.mc_error))


def cutoff_test(counts, xmin: int | None = None) -> TailComparison:
    """The nested likelihood-ratio test against a power law with an exponential cutoff.

    The cutoff law p(x) ∝ x^-alpha e^(-lambda x) contains the power law (lambda = 0),
    so it always fits at least as well; the question is whether it fits better than
    chance would allow. Under the power law, 2|R| follows a chi-squared law with one
    degree of freedom (Wilks; Clauset et al. 2009, Sec. 5.2 and App. C), R the
    log-likelihood ratio summed over the tail. Computed by ``powerlaw`` above ``xmin``
    (by default the one :func:`scaling_lab.zipf.scan_xmin` picks).

    Returns
    -------
    scaling_lab.zipf.TailComparison
        With ``nested=True``; R < 0 with p < 0.1 favours the cutoff.

    Examples
    --------
    >>> from scaling_lab.datasets import moby_dick_counts
    >>> test = cutoff_test(moby_dick_counts())
    >>> round(test.R, 2), round(test.p, 2), test.verdict
    (-0.91, 0.18, 'undecided')
    """
    import warnings

    import powerlaw

    x = validate_counts(counts)
    if xmin is None:
        xmin = _scan(x, None).best_xmin
    xmin = check_number("xmin", xmin, integer=True, low=1)
    if np.sum(x >= xmin) < 2:
        raise ScalingLabError(f"'xmin' leaves fewer than 2 counts in the tail (got {xmin})")
    with warnings.catch_warnings():
        # The cutoff's rate lambda is small (1/lambda beyond the largest count), which
        # powerlaw's absolute 0.01 margin flags as "close to the edge of its range".
        warnings.simplefilter("ignore")
        fit = powerlaw.Fit(x, discrete=True, xmin=xmin, verbose=0)
        return likelihood_ratio(fit, "truncated_power_law")


#: The shipped reference runs (see :func:`reference`).
REFERENCE_FILE = "zipf_gof.json"


def reference(name: str, variant: str = "exact") -> PowerLawReport:
    """A shipped reference run of :func:`power_law_report` (2,500 replicates).

    The chapter and the tests read these instead of rerunning minutes of bootstrap;
    ``scaling_lab/data/zipf_gof.json`` records the exact command that made them, and a
    test checks that a small fresh run agrees within Monte Carlo error.

    Parameters
    ----------
    name : {'moby-dick', 'austen'}
    variant : {'exact', 'grid'}
        ``'exact'``: the exact discrete MLE; ``'grid'``: Clauset's grid of exponents
        (``alpha_grid=0.01``, Moby Dick only).

    Examples
    --------
    >>> ref = reference("moby-dick", "grid")
    >>> ref.xmin, ref.n_tail, ref.replicates
    (7, 2958, 2500)
    """
    data = _reference_data()
    runs = data["runs"]
    if name not in runs:
        raise ScalingLabError(f"'name' must be one of {', '.join(map(repr, runs))} "
                              f"(got {name!r})")
    if variant not in runs[name]:
        raise ScalingLabError(f"'variant' must be one of "
                              f"{', '.join(map(repr, runs[name]))} for {name!r} "
                              f"(got {variant!r})")
    return PowerLawReport.from_json(runs[name][variant])


def reference_command() -> str:
    """The command that made the shipped reference runs.

    >>> "write_reference" in reference_command()
    True
    """
    return _reference_data()["command"]


@functools.lru_cache(maxsize=1)
def _reference_data() -> dict:
    text = resources.files("scaling_lab").joinpath("data", REFERENCE_FILE).read_text(
        encoding="utf-8")
    return json.loads(text)
