"""Zipf's law, part 2: fitting the tail of word counts (Clauset, Shalizi & Newman 2009).

Design choices:

* **Two views, one law.** A rank-frequency plot (count against rank, exponent ``s``) and
  the distribution of the counts (a discrete power law with exponent ``alpha``) carry the
  same information; ``alpha = 1 + 1/s`` links them (:func:`s_from_alpha`). The fits work
  on the counts, where the statistics are standard.
* **The full method comes from ``powerlaw``.** :func:`fit_zipf` runs the
  Clauset-Shalizi-Newman pipeline through ``powerlaw.Fit(counts, discrete=True)`` with
  its default settings (discrete maximum likelihood; ``xmin`` chosen by the
  Kolmogorov-Smirnov distance). The package keeps the ``powerlaw`` objects out of the
  result: a :class:`ZipfFit` is a frozen dataclass of plain numbers.
* **A readable teaching version beside it.** :func:`discrete_mle` is the discrete
  maximum-likelihood estimate written out in a few lines (Hurwitz zeta and a bounded 1-D
  search); tests check it against ``powerlaw``.

Examples
--------
>>> from scaling_lab.zipf import s_from_alpha
>>> s_from_alpha(2.0)
1.0
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, special

from .._validate import (
    ScalingLabError,
    ScalingLabWarning,
    as_array,
    check_choice,
    check_number,
)
from ..fit import fit_power_law
from .scan import hurwitz_zeta
from .text import MIN_TYPES, rank_frequency, validate_counts

__all__ = ["s_from_alpha", "alpha_from_s", "discrete_mle", "discrete_stderr", "ks_distance",
           "ZipfFit", "TailComparison", "fit_zipf", "likelihood_ratio", "rank_frequency_slope"]


def s_from_alpha(alpha: float) -> float:
    """Zipf's rank exponent s from the count exponent: s = 1 / (alpha - 1).

    >>> round(s_from_alpha(1.9527), 4)
    1.0496
    """
    alpha = check_number("alpha", alpha, low=1.0)
    if alpha == 1.0:
        raise ScalingLabError("'alpha' must be > 1 (got 1.0): s = 1/(alpha - 1) diverges")
    return 1.0 / (alpha - 1.0)


def alpha_from_s(s: float) -> float:
    """The count exponent from Zipf's rank exponent: alpha = 1 + 1/s.

    >>> alpha_from_s(1.0)
    2.0
    """
    s = check_number("s", s, positive=True)
    return 1.0 + 1.0 / s


def discrete_mle(counts, xmin: int, *, method: str = "exact") -> tuple[float, float]:
    r"""Maximum-likelihood exponent of a discrete power law above ``xmin`` (teaching).

    For integers :math:`x_i \ge x_\mathrm{min}` with
    :math:`p(x) = x^{-\alpha} / \zeta(\alpha, x_\mathrm{min})` the log-likelihood is
    :math:`\mathcal L(\alpha) = -m \ln \zeta(\alpha, x_\mathrm{min}) - \alpha \sum_i \ln
    x_i` (Clauset et al. 2009, Sec. 3.1), with :math:`\zeta` the Hurwitz zeta function.
    ``method='exact'`` maximises it numerically; ``method='approx'`` uses the closed
    form :math:`1 + m / \sum_i \ln\bigl(x_i / (x_\mathrm{min} - \tfrac12)\bigr)`
    (their Eq. 3.7), good when ``xmin`` is above about 6. The standard error is the
    discrete one, :func:`discrete_stderr` (their Eq. 3.6), not the continuous
    :math:`(\hat\alpha - 1)/\sqrt m` that ``powerlaw`` reports for discrete fits too.

    Parameters
    ----------
    counts : array_like
        Positive whole numbers; those below ``xmin`` are not part of the tail.
    xmin : int
        Lower bound of the tail, >= 1.
    method : {'exact', 'approx'}, default 'exact'

    Returns
    -------
    (alpha, stderr) : tuple of float

    Examples
    --------
    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.0, xmin=1, size=20000, seed=1)
    >>> round(discrete_mle(x, xmin=1)[0], 2)
    2.0
    """
    counts = validate_counts(counts)
    xmin = check_number("xmin", xmin, integer=True, low=1)
    check_choice("method", method, ("exact", "approx"))
    tail = counts[counts >= xmin]
    if tail.size < 2 or np.unique(tail).size < 2:
        raise ScalingLabError(
            f"the tail above xmin={xmin} has {tail.size} values and "
            f"{np.unique(tail).size} distinct; a power law needs at least two distinct "
            "counts. Lower 'xmin' or bring more text."
        )
    m, log_sum = tail.size, float(np.sum(np.log(tail)))
    if method == "approx":
        alpha = 1.0 + m / float(np.sum(np.log(tail / (xmin - 0.5))))
    else:
        def negative_log_likelihood(a):
            return m * math.log(special.zeta(a, xmin)) + a * log_sum

        result = optimize.minimize_scalar(negative_log_likelihood,
                                          bounds=(1.0 + 1e-6, 10.0), method="bounded",
                                          options={"xatol": 1e-10})
        alpha = float(result.x)
    return alpha, discrete_stderr(alpha, xmin, m)


def discrete_stderr(alpha: float, xmin: int, n_tail: int) -> float:
    r"""Standard error of the discrete power-law exponent (Clauset et al. 2009, Eq. 3.6).

    .. math::

        \sigma = \Bigl\{ n \Bigl[ \frac{\zeta''(\alpha, x_\mathrm{min})}
        {\zeta(\alpha, x_\mathrm{min})} - \Bigl( \frac{\zeta'(\alpha, x_\mathrm{min})}
        {\zeta(\alpha, x_\mathrm{min})} \Bigr)^2 \Bigr] \Bigr\}^{-1/2},

    one over the square root of the Fisher information of the n counts in the tail:
    the bracket is the variance of :math:`\ln X` under the fitted law. The continuous
    formula :math:`(\alpha - 1)/\sqrt n` (their Eq. 3.2) is its limit for large
    ``xmin``; at ``xmin = 1`` the two differ by several per cent.

    Examples
    --------
    >>> round(discrete_stderr(2.0, 1, 5000), 4), round((2.0 - 1) / math.sqrt(5000), 4)
    (0.015, 0.0141)
    >>> round(discrete_stderr(1.9527, 7, 2958), 4)
    0.0175
    """
    alpha = check_number("alpha", alpha, low=1.0 + 1e-9)
    xmin = check_number("xmin", xmin, integer=True, low=1)
    n_tail = check_number("n_tail", n_tail, integer=True, low=1)
    z, z1, z2 = (float(v) for v in hurwitz_zeta(alpha, xmin, derivatives=True))
    return 1.0 / math.sqrt(n_tail * (z2 / z - (z1 / z) ** 2))


def ks_distance(counts, xmin: int, alpha: float) -> float:
    r"""Kolmogorov-Smirnov distance between the tail's CDF and the fitted power law.

    :math:`D = \max_{x \ge x_\mathrm{min}} |S(x) - P(x)|`, with :math:`S` the empirical
    CDF of the counts at or above ``xmin`` and :math:`P` the CDF of the discrete power
    law, :math:`1 - \zeta(\alpha, x+1)/\zeta(\alpha, x_\mathrm{min})` (Clauset et al.
    2009, Sec. 3.3). The Clauset method picks the ``xmin`` that makes D smallest.

    >>> from scaling_lab.zipf import sample_discrete_power_law
    >>> x = sample_discrete_power_law(2.5, xmin=1, size=5000, seed=0)
    >>> ks_distance(x, 1, 2.5) < 0.02
    True
    """
    counts = validate_counts(counts)
    xmin = check_number("xmin", xmin, integer=True, low=1)
    alpha = check_number("alpha", alpha, low=1.0 + 1e-9)
    tail = np.sort(counts[counts >= xmin])
    if tail.size == 0:
        raise ScalingLabError(f"no counts are >= xmin={xmin}; lower 'xmin'")
    values, first = np.unique(tail, return_index=True)
    # Empirical CDF just below and at each distinct value.
    below = first / tail.size
    at = np.append(first[1:], tail.size) / tail.size
    model_at = 1.0 - special.zeta(alpha, values + 1) / special.zeta(alpha, xmin)
    model_below = 1.0 - special.zeta(alpha, values) / special.zeta(alpha, xmin)
    return float(max(np.max(np.abs(at - model_at)), np.max(np.abs(below - model_below))))


@dataclass(frozen=True)
class TailComparison:
    """A likelihood-ratio test of the power law against another tail.

    Attributes
    ----------
    alternative : str
        ``'lognormal'``, ``'exponential'`` or ``'truncated_power_law'`` (a power law
        with an exponential cutoff, p(x) ∝ x^-alpha e^(-lambda x)).
    R : float
        Log-likelihood ratio, power law minus alternative, summed over the tail:
        positive favours the power law.
    normalized_R : float
        R divided by its standard deviation (Clauset et al. 2009, Sec. 5.1; Vuong's
        test); this is the R that ``powerlaw`` reports with ``normalized_ratio=True``.
    p : float
        For a non-nested alternative, the two-sided p-value of Vuong's test: small means
        the sign of R is significant. For the nested cutoff, the p-value of Wilks' test,
        2|R| against a chi-squared law with one degree of freedom (their App. C): small
        means the cutoff improves the fit by more than chance.
    nested : bool
        Whether the alternative contains the power law (the cutoff does).
    """

    alternative: str
    R: float
    normalized_R: float
    p: float
    nested: bool = False

    @property
    def verdict(self) -> str:
        """'power law', the alternative's name, or 'undecided' (p >= 0.1)."""
        if self.p >= 0.1:
            return "undecided"
        return "power law" if self.R > 0 else self.alternative


#: powerlaw's warnings worth a reader's attention, with what they mean for the result.
_WARNINGS_THAT_MATTER = {
    "No valid fits found for distribution": (
        "powerlaw's fit of the {name} did not converge (its optimiser stopped outside "
        "the parameter range or without success); the likelihood-ratio test against "
        "the {name} compares the power law with that unconverged fit"),
    "Likely underflow or overflow": (
        "powerlaw met an underflow or overflow computing a distribution ({message})"),
}


def _surface(caught) -> None:
    """Re-issue the warnings that matter as ScalingLabWarning, once each.

    Not surfaced: powerlaw's DeprecationWarning about its own ``sigma`` attribute, and
    "parameters very close to the edge of parameter ranges", an absolute 0.01 margin that
    flags every small cutoff rate lambda (1/lambda far above the largest count) and every
    exponential rate; the tests themselves say what those fits mean.
    """
    seen = set()
    for item in caught:
        message = str(item.message)
        for start, text in _WARNINGS_THAT_MATTER.items():
            if message.startswith(start) and message not in seen:
                seen.add(message)
                name = message.removeprefix(start).strip(" .").replace("_", " ")
                warnings.warn(text.format(name=name, message=message), ScalingLabWarning,
                              stacklevel=3)


def likelihood_ratio(fit, alternative: str) -> TailComparison:
    """The likelihood-ratio test of a ``powerlaw.Fit``'s power law against ``alternative``.

    ``'lognormal'`` and ``'exponential'`` get Vuong's test (not nested);
    ``'truncated_power_law'``, which contains the power law, gets the nested test, whose
    R is the raw log-likelihood ratio as Clauset et al. 2009 report it (Table 6.3).

    Examples
    --------
    >>> import powerlaw, warnings
    >>> from scaling_lab.datasets import moby_dick_counts
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     pl = powerlaw.Fit(moby_dick_counts(), discrete=True, verbose=0)
    ...     test = likelihood_ratio(pl, "exponential")
    >>> test.verdict
    'power law'
    """
    check_choice("alternative", alternative,
                 ("lognormal", "exponential", "truncated_power_law"))
    nested = alternative == "truncated_power_law"
    R, p = fit.distribution_compare("power_law", alternative, nested=nested)
    Rn, _ = fit.distribution_compare("power_law", alternative, nested=nested,
                                     normalized_ratio=True)
    return TailComparison(alternative, float(R), float(Rn), float(p), nested)


@dataclass(frozen=True)
class ZipfFit:
    """The Clauset-Shalizi-Newman fit of word counts (see :func:`fit_zipf`).

    Attributes
    ----------
    alpha : float
        Exponent of the counts' tail, p(x) ∝ x^-alpha for x >= xmin.
    alpha_stderr : float
        Its standard error, discrete (Clauset et al. 2009, Eq. 3.6; :func:`discrete_stderr`).
    xmin : int
        Smallest count in the tail, chosen by the Kolmogorov-Smirnov distance.
    n_tail : int
        Number of words with count >= xmin.
    ks_distance : float
        Kolmogorov-Smirnov distance of the fit at ``xmin``.
    n_types : int
        Number of words (distinct) fitted.
    comparisons : tuple of TailComparison
        The power law against the lognormal, the exponential and (nested) the power law
        with an exponential cutoff.
    method : str
        What computed the fit.
    xmin_scan : dict of str to numpy.ndarray
        ``'xmin'``, ``'distance'``, ``'alpha'``: the KS distance and exponent at each
        candidate xmin (for the figure of the search).

    Examples
    --------
    >>> fit = ZipfFit(alpha=2.0, alpha_stderr=0.02, xmin=7, n_tail=2500, ks_distance=0.01,
    ...               n_types=18000)
    >>> fit.s, fit.as_dict()["n_tail"]
    (1.0, 2500)
    """

    alpha: float
    alpha_stderr: float
    xmin: int
    n_tail: int
    ks_distance: float
    n_types: int
    comparisons: tuple = ()
    method: str = "powerlaw.Fit(counts, discrete=True)"
    xmin_scan: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def s(self) -> float:
        """Zipf's rank exponent, 1 / (alpha - 1)."""
        return s_from_alpha(self.alpha)

    def comparison(self, alternative: str) -> TailComparison:
        """The likelihood-ratio test against ``alternative``."""
        for item in self.comparisons:
            if item.alternative == alternative:
                return item
        known = ", ".join(repr(c.alternative) for c in self.comparisons)
        raise ScalingLabError(f"'alternative' must be one of {known} (got {alternative!r})")

    def predict(self, rank) -> np.ndarray:
        """The fitted count at ``rank`` (the line on a rank-frequency plot).

        In the tail the rank of a word with count x is about n_tail·P(X >= x), so
        count(rank) = xmin·(rank / n_tail)^-s for ranks up to n_tail.

        >>> ZipfFit(2.0, 0.01, 10, 100, 0.01, 500).predict([1, 100]).round(3)
        array([1000.,   10.])
        """
        rank = as_array("rank", rank, positive=True)
        return self.xmin * (rank / self.n_tail) ** (-self.s)

    def __str__(self) -> str:
        """A one-line summary.

        >>> print(ZipfFit(2.0, 0.02, 7, 2500, 0.01, 18000))
        alpha = 2.0000 ± 0.0200 for counts >= xmin = 7 (2,500 of 18,000 words in the tail)
        s = 1.0000, KS distance 0.0100
        """
        return (f"alpha = {self.alpha:.4f} ± {self.alpha_stderr:.4f} for counts >= xmin = "
                f"{self.xmin} ({self.n_tail:,} of {self.n_types:,} words in the tail)\n"
                f"s = {self.s:.4f}, KS distance {self.ks_distance:.4f}")

    def as_dict(self) -> dict:
        """The command line's JSON fields: alpha, xmin, n_tail, s (plain Python)."""
        return {"alpha": float(self.alpha), "xmin": int(self.xmin),
                "n_tail": int(self.n_tail), "s": float(self.s)}


def fit_zipf(counts, *, compare: bool = True, progress: bool = False) -> ZipfFit:
    """Fit the tail of word counts by the Clauset-Shalizi-Newman method.

    Runs ``powerlaw.Fit(counts, discrete=True)`` (version 2.0) with its defaults. For
    every candidate ``xmin`` (each distinct count but the two largest) it fits the
    exponent above it, then keeps the ``xmin`` whose fit has the smallest
    Kolmogorov-Smirnov distance. How the exponent is fitted depends on the candidate:

    * ``xmin >= 10``: the closed form 1 + m / sum ln(x / (xmin - 1/2)) (Clauset et al.
      2009, Eq. 3.7), kept as it is when it lies in (1.5, 3];
    * ``xmin < 10``, or a closed form outside (1.5, 3]: the exact discrete likelihood
      (their Eq. 3.5) maximised numerically (Nelder-Mead, tolerance 1e-4, exponent
      bounded to [0, 3]; for ``xmin < 10`` it starts from the continuous estimate
      1 + m / sum ln(x / xmin)). A fit within 0.01 of either bound is not admissible.

    The standard error is the discrete one (:func:`discrete_stderr`, Eq. 3.6).
    :func:`scaling_lab.zipf.scan_xmin` makes the same choices, vectorised.

    With ``compare=True`` it also runs the likelihood-ratio tests against the lognormal
    and the exponential (Vuong's test) and against the power law with an exponential
    cutoff (nested; about two seconds more).

    Parameters
    ----------
    counts : array_like
        Word counts (positive whole numbers), one per distinct word.
    compare : bool, default True
        Run the likelihood-ratio tests.
    progress : bool, default False
        Show ``powerlaw``'s progress bar on stderr (for long fits at the terminal).

    Returns
    -------
    ZipfFit

    Raises
    ------
    ScalingLabError
        Counts that are not positive whole numbers, fewer than ``MIN_TYPES`` (10)
        words, counts that never vary, or no admissible fit at any ``xmin``.

    Warns
    -----
    ScalingLabWarning
        When a comparison distribution's fit did not converge (the lognormal on the Moby
        Dick counts), or ``powerlaw`` met an underflow or overflow. Its other warnings
        are technical and are not passed on (see ``_surface``).

    Examples
    --------
    The Moby Dick counts of Clauset et al. 2009 (Table 6.1):

    >>> from scaling_lab.datasets import moby_dick_counts
    >>> fit = fit_zipf(moby_dick_counts(), compare=False)
    >>> round(fit.alpha, 4), fit.xmin, fit.n_tail, round(fit.alpha_stderr, 4)
    (1.9527, 7, 2958, 0.0175)
    """
    import powerlaw

    counts = validate_counts(counts)
    if counts.size < MIN_TYPES:
        raise ScalingLabError(
            f"'counts' has {counts.size} distinct words; at least {MIN_TYPES} are needed "
            "to see a law. Bring a longer text."
        )
    if np.unique(counts).size < 2:
        raise ScalingLabError(
            f"every word appears the same number of times ({counts[0]:g}): counts that "
            "never vary have no power-law tail. Bring a longer text."
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit = powerlaw.Fit(counts, discrete=True, verbose=1 if progress else 0)
            pl = fit.power_law
            alpha, xmin, n_tail = pl.alpha, pl.xmin, int(pl.n)
            comparisons = []
            if compare:
                comparisons = [likelihood_ratio(fit, alternative) for alternative in
                               ("lognormal", "exponential", "truncated_power_law")]
        except (ValueError, ZeroDivisionError, FloatingPointError) as error:
            raise ScalingLabError(f"the counts could not be fitted: {error}") from None
    if getattr(fit, "noise_flag", False) or not (np.isfinite(alpha) and alpha > 1):
        raise ScalingLabError(
            f"no candidate xmin gives an admissible power-law fit (alpha = {alpha:.3g}); "
            "the counts are too few or fall too steeply. Bring a longer text."
        )
    _surface(caught)
    scan = fit.xmin_fitting_results
    return ZipfFit(
        alpha=float(alpha), alpha_stderr=discrete_stderr(alpha, int(xmin), n_tail),
        xmin=int(xmin), n_tail=n_tail, ks_distance=float(pl.D), n_types=int(counts.size),
        comparisons=tuple(comparisons),
        xmin_scan={"xmin": np.asarray(scan["xmins"], dtype=float),
                   "distance": np.asarray(scan["distances"], dtype=float),
                   "alpha": np.asarray(scan["alphas"], dtype=float)},
    )


def rank_frequency_slope(counts, *, max_rank: int | None = None) -> float:
    """The rank exponent s that a straight line on the rank-frequency plot gives.

    This is the popular method: least squares through (log rank, log count), s = minus
    the slope. Every rank weighs the same, so the long staircase of rare words (many
    ranks share count 1, 2, 3...) dominates the line. The chapter compares it with the
    maximum-likelihood fit of :func:`fit_zipf`.

    Parameters
    ----------
    counts : array_like
        Word counts.
    max_rank : int, optional
        Fit only ranks 1..max_rank (the head).

    >>> round(rank_frequency_slope(27720 / np.arange(1, 13)), 6)  # 27720, 13860, ...
    1.0
    """
    ranks, ordered = rank_frequency(counts)
    if max_rank is not None:
        max_rank = check_number("max_rank", max_rank, integer=True, low=3)
        ranks, ordered = ranks[:max_rank], ordered[:max_rank]
    return -fit_power_law(ranks, ordered).n

