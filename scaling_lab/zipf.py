"""Zipf's law: tokenising text, counting words, and fitting the tail of the counts.

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
* **One tokenizer, stated exactly.** Lowercase the text; a token is a maximal run of
  Unicode letters, joined across a single inner apostrophe (:data:`TOKEN_PATTERN`).
  Digits and underscores split words, so Austen's ``_italics_`` count as plain words.
* **Nothing downloaded.** The texts come with the package (Austen's six novels, public
  domain, see ``data/austen.PROVENANCE.md``), with Python (``pydoc_data.topics``), or
  with ``powerlaw`` (the Moby Dick counts of Clauset et al. 2009).

Examples
--------
>>> from scaling_lab.zipf import count_words, s_from_alpha
>>> wc = count_words("The cat saw the dog. The dog didn't see the cat.")
>>> wc.tokens, wc.types, wc.top(2)
(11, 6, [('the', 4), ('cat', 2)])
>>> s_from_alpha(2.0)
1.0
"""

from __future__ import annotations

import functools
import gzip
import math
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from scipy import optimize, special

from ._validate import ScalingLabError, as_array, check_choice, check_number
from .fit import fit_power_law

__all__ = [
    "TOKEN_PATTERN",
    "tokenize",
    "WordCounts",
    "count_words",
    "rank_frequency",
    "s_from_alpha",
    "alpha_from_s",
    "discrete_mle",
    "ks_distance",
    "ZipfFit",
    "TailComparison",
    "fit_zipf",
    "rank_frequency_slope",
    "sample_discrete_power_law",
    "sample_zipf_counts",
    "estimator_study",
    "load_text",
    "moby_dick_counts",
    "corpus_counts",
    "log_spaced_ranks",
    "TEXTS",
    "add_commands",
]

#: The default tokenizer's pattern, applied to lowercased text.
TOKEN_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN = re.compile(TOKEN_PATTERN)

#: Fewer distinct words than this cannot show a law (and the command refuses them).
MIN_TYPES = 10

#: The texts :func:`load_text` knows, with a one-line description each.
TEXTS = {
    "austen": "Jane Austen's six completed novels (1811-1818), public domain, shipped "
              "with the package",
    "python-docs": "the help topics of Python's documentation (pydoc_data.topics), "
                   "shipped with Python",
}


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lowercase word tokens with the default tokenizer.

    A token is a maximal run of Unicode letters, joined across a single inner
    apostrophe (straight ``'`` or curly ``’``): ``don't`` is one token, ``'tis`` is
    ``tis``, and digits, underscores, hyphens and other punctuation separate tokens.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Don't stop: it’s 9 o'clock, Mr_Darcy's well-known café!")
    ["don't", 'stop', 'it’s', "o'clock", 'mr', "darcy's", 'well', 'known', 'café']
    """
    if not isinstance(text, str):
        raise ScalingLabError(
            f"'text' must be a str (got {type(text).__name__}); read a file with "
            "scaling_lab.io.read_text first"
        )
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class WordCounts:
    """Word counts of a text, most frequent first (ties in alphabetical order).

    Attributes
    ----------
    words : tuple of str
        The distinct words, by decreasing count.
    counts : numpy.ndarray
        Their counts (integers, as floats), aligned with ``words``.

    Examples
    --------
    >>> wc = count_words("to be or not to be")
    >>> wc.words, wc.tokens, wc.types
    (('be', 'to', 'not', 'or'), 6, 4)
    """

    words: tuple
    counts: np.ndarray = field(repr=False)

    @property
    def tokens(self) -> int:
        """Number of tokens (running words) in the text."""
        return int(self.counts.sum())

    @property
    def types(self) -> int:
        """Number of distinct words."""
        return len(self.words)

    @property
    def ranks(self) -> np.ndarray:
        """Ranks 1, 2, ..., types."""
        return np.arange(1, self.types + 1, dtype=float)

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """The ``n`` most frequent words with their counts.

        >>> count_words("b a b").top(5)
        [('b', 2), ('a', 1)]
        """
        n = check_number("n", n, integer=True, low=1)
        return [(w, int(c)) for w, c in zip(self.words[:n], self.counts[:n], strict=False)]


def count_words(text: str) -> WordCounts:
    """Tokenise ``text`` (see :func:`tokenize`) and count each distinct word.

    Examples
    --------
    >>> wc = count_words("a rose is a rose is a rose")
    >>> wc.words, wc.counts.tolist()
    (('a', 'rose', 'is'), [3.0, 3.0, 2.0])
    """
    tally = Counter(tokenize(text))
    ordered = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    return WordCounts(tuple(w for w, _ in ordered),
                      np.array([c for _, c in ordered], dtype=float))


def _counts(counts, name: str = "counts") -> np.ndarray:
    """Validate word counts: positive whole numbers."""
    counts = as_array(name, counts, positive=True)
    if np.any(counts != np.round(counts)):
        index = int(np.flatnonzero(counts != np.round(counts))[0])
        raise ScalingLabError(
            f"{name!r} must hold whole numbers (counts of words): entry {index} is "
            f"{counts[index]:g}"
        )
    return counts


def rank_frequency(counts) -> tuple[np.ndarray, np.ndarray]:
    """Ranks 1..n and the counts sorted from largest to smallest.

    >>> rank_frequency([1, 5, 2])
    (array([1., 2., 3.]), array([5., 2., 1.]))
    """
    counts = _counts(counts)
    return np.arange(1, counts.size + 1, dtype=float), np.sort(counts)[::-1]


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
    (their Eq. 3.7), good when ``xmin`` is above about 6. The standard error is
    :math:`(\hat\alpha - 1)/\sqrt m`, as ``powerlaw`` reports it.

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
    >>> x = sample_discrete_power_law(2.0, xmin=1, size=20000, seed=1)
    >>> round(discrete_mle(x, xmin=1)[0], 2)
    2.0
    """
    counts = _counts(counts)
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
    return alpha, (alpha - 1.0) / math.sqrt(m)


def ks_distance(counts, xmin: int, alpha: float) -> float:
    r"""Kolmogorov-Smirnov distance between the tail's CDF and the fitted power law.

    :math:`D = \max_{x \ge x_\mathrm{min}} |S(x) - P(x)|`, with :math:`S` the empirical
    CDF of the counts at or above ``xmin`` and :math:`P` the CDF of the discrete power
    law, :math:`1 - \zeta(\alpha, x+1)/\zeta(\alpha, x_\mathrm{min})` (Clauset et al.
    2009, Sec. 3.3). The Clauset method picks the ``xmin`` that makes D smallest.

    >>> x = sample_discrete_power_law(2.5, xmin=1, size=5000, seed=0)
    >>> ks_distance(x, 1, 2.5) < 0.02
    True
    """
    counts = _counts(counts)
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
        ``'lognormal'`` or ``'exponential'``.
    R : float
        Log-likelihood ratio, power law minus alternative, summed over the tail:
        positive favours the power law.
    normalized_R : float
        R divided by its standard deviation (Clauset et al. 2009, Sec. 5.1; Vuong's
        test); this is the R that ``powerlaw`` reports with ``normalized_ratio=True``.
    p : float
        Two-sided p-value: small means the sign of R is significant.
    """

    alternative: str
    R: float
    normalized_R: float
    p: float

    @property
    def verdict(self) -> str:
        """'power law', the alternative's name, or 'undecided' (p >= 0.1)."""
        if self.p >= 0.1:
            return "undecided"
        return "power law" if self.R > 0 else self.alternative


@dataclass(frozen=True)
class ZipfFit:
    """The Clauset-Shalizi-Newman fit of word counts (see :func:`fit_zipf`).

    Attributes
    ----------
    alpha : float
        Exponent of the counts' tail, p(x) ∝ x^-alpha for x >= xmin.
    alpha_stderr : float
        Its standard error, (alpha - 1) / sqrt(n_tail).
    xmin : int
        Smallest count in the tail, chosen by the Kolmogorov-Smirnov distance.
    n_tail : int
        Number of words with count >= xmin.
    ks_distance : float
        Kolmogorov-Smirnov distance of the fit at ``xmin``.
    n_types : int
        Number of words (distinct) fitted.
    comparisons : tuple of TailComparison
        The power law against the lognormal and the exponential.
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

    Runs ``powerlaw.Fit(counts, discrete=True)`` with its defaults: for each candidate
    ``xmin`` a discrete maximum-likelihood exponent, and the ``xmin`` whose fit has the
    smallest Kolmogorov-Smirnov distance. With ``compare=True`` it also runs the
    likelihood-ratio tests against the lognormal and the exponential.

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
        words, or counts that never vary (no tail to fit).

    Examples
    --------
    The Moby Dick counts of Clauset et al. 2009 (Table 6.1):

    >>> fit = fit_zipf(moby_dick_counts(), compare=False)
    >>> round(fit.alpha, 4), fit.xmin, fit.n_tail
    (1.9527, 7, 2958)
    """
    import powerlaw

    counts = _counts(counts)
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
    with warnings.catch_warnings():
        # powerlaw warns when a comparison distribution finds no proper optimum (the
        # lognormal on the Moby Dick counts slides toward a power law); the numbers it
        # returns are still its answer, and the chapter discusses them.
        warnings.simplefilter("ignore")
        try:
            fit = powerlaw.Fit(counts, discrete=True, verbose=1 if progress else 0)
            pl = fit.power_law
            alpha, sigma, xmin, n_tail = pl.alpha, pl.standard_err, pl.xmin, pl.n
            comparisons = []
            if compare:
                for alternative in ("lognormal", "exponential"):
                    R, p = fit.distribution_compare("power_law", alternative)
                    Rn, _ = fit.distribution_compare("power_law", alternative,
                                                     normalized_ratio=True)
                    comparisons.append(TailComparison(alternative, float(R), float(Rn),
                                                      float(p)))
        except (ValueError, ZeroDivisionError, FloatingPointError) as error:
            raise ScalingLabError(f"the counts could not be fitted: {error}") from None
    if not (np.isfinite(alpha) and alpha > 1):
        raise ScalingLabError(
            f"the fit found no power-law tail (alpha = {alpha}); bring a longer text"
        )
    scan = fit.xmin_fitting_results
    return ZipfFit(
        alpha=float(alpha), alpha_stderr=float(sigma), xmin=int(xmin), n_tail=int(n_tail),
        ks_distance=float(pl.D), n_types=int(counts.size), comparisons=tuple(comparisons),
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


def sample_discrete_power_law(alpha: float, xmin: int, size: int, seed: int) -> np.ndarray:
    """Seeded synthetic samples from the discrete power law p(x) ∝ x^-alpha, x >= xmin.

    Exact inversion of the cumulative distribution up to x = xmin + 10^6, and the
    continuous approximation of Clauset et al. 2009 (App. D) beyond, where the two
    agree.

    >>> x = sample_discrete_power_law(2.0, 1, 5, seed=0)
    >>> x.dtype, bool(x.min() >= 1)
    (dtype('float64'), True)
    """
    alpha = check_number("alpha", alpha, low=1.0 + 1e-6)
    xmin = check_number("xmin", xmin, integer=True, low=1)
    size = check_number("size", size, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    rng = np.random.default_rng(seed)
    table = _discrete_cdf(alpha, xmin)
    u = rng.random(size)
    out = np.empty(size)
    inside = u < table[-1]
    out[inside] = xmin + np.searchsorted(table, u[inside], side="right")
    top = xmin + table.size - 0.5  # continuous tail beyond the table
    v = (1.0 - u[~inside]) / (1.0 - table[-1])
    out[~inside] = np.floor(top * v ** (-1.0 / (alpha - 1.0)) + 0.5)
    return out


def estimator_study(alpha: float = 2.0, *, size: int = 5000, repeats: int = 20,
                    seed: int = 0) -> dict[str, np.ndarray]:
    """Three estimates of alpha on many seeded synthetic samples of a known law.

    Each repeat draws ``size`` counts from the discrete power law with exponent
    ``alpha`` and ``xmin = 1`` (seed ``seed + i``) and estimates alpha three ways:
    ``'maximum likelihood'`` (:func:`discrete_mle`), ``'rank line'`` (1 + 1/s with s
    from a straight line through the rank-frequency plot, :func:`rank_frequency_slope`) and
    ``'histogram line'`` (a straight line through a log-log histogram with equal-width
    bins, :func:`scaling_lab.fit.histogram_exponent`).

    Returns
    -------
    dict of str to numpy.ndarray
        One array of ``repeats`` estimates per method.

    Examples
    --------
    >>> study = estimator_study(2.0, size=2000, repeats=5)
    >>> bool(abs(study["maximum likelihood"].mean() - 2.0) < 0.03)
    True
    """
    from .fit import histogram_exponent

    alpha = check_number("alpha", alpha, low=1.05, high=5.0)
    size = check_number("size", size, integer=True, low=100)
    repeats = check_number("repeats", repeats, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    out: dict[str, list] = {"maximum likelihood": [], "rank line": [],
                            "histogram line": []}
    for i in range(repeats):
        x = sample_discrete_power_law(alpha, 1, size, seed=seed + i)
        out["maximum likelihood"].append(discrete_mle(x, 1)[0])
        out["rank line"].append(alpha_from_s(rank_frequency_slope(x)))
        out["histogram line"].append(histogram_exponent(x))
    return {key: np.array(values) for key, values in out.items()}


@functools.lru_cache(maxsize=16)
def _discrete_cdf(alpha: float, xmin: int) -> np.ndarray:
    x = np.arange(xmin, xmin + 1_000_000, dtype=float)
    pmf = x**-alpha / special.zeta(alpha, xmin)
    return np.cumsum(pmf)


def sample_zipf_counts(s: float, types: int, tokens: int, seed: int) -> np.ndarray:
    """Word counts of a seeded synthetic corpus drawn from Zipf's law.

    ``tokens`` words are drawn independently from a vocabulary of ``types`` words where
    the word of rank r has probability ∝ r^-s. Returns the counts of the words that
    occur (unseen words are absent), largest first.

    >>> c = sample_zipf_counts(1.0, types=1000, tokens=10000, seed=0)
    >>> int(c.sum()), bool(np.all(np.diff(c) <= 0))
    (10000, True)
    """
    s = check_number("s", s, positive=True)
    types = check_number("types", types, integer=True, low=2)
    tokens = check_number("tokens", tokens, integer=True, low=1)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    p = np.arange(1, types + 1, dtype=float) ** -s
    counts = np.random.default_rng(seed).multinomial(tokens, p / p.sum()).astype(float)
    counts = np.sort(counts[counts > 0])[::-1]
    return counts


@functools.lru_cache(maxsize=4)
def load_text(name: str) -> str:
    """A text that ships with the package or with Python, by name (see :data:`TEXTS`).

    ``'austen'``: Jane Austen's six completed novels (about 725,000 tokens), from the
    public-domain texts of the janeaustenr package (provenance and licence beside the
    file in ``scaling_lab/data``). ``'python-docs'``: the help topics of Python's own
    documentation, ``pydoc_data.topics`` (about 64,000 tokens). Nothing is downloaded.

    >>> load_text("austen").splitlines()[0]
    'SENSE AND SENSIBILITY'
    """
    check_choice("name", name, tuple(TEXTS))
    if name == "austen":
        data = resources.files("scaling_lab").joinpath("data/austen.txt.gz").read_bytes()
        return gzip.decompress(data).decode("utf-8")
    from pydoc_data import topics

    return "\n".join(topics.topics[key] for key in sorted(topics.topics))


@functools.lru_cache(maxsize=4)
def corpus_counts(name: str) -> WordCounts:
    """The word counts of a named text (see :data:`TEXTS`), computed once and cached.

    >>> corpus_counts("austen").top(3)
    [('the', 26357), ('to', 24050), ('and', 22517)]
    """
    return count_words(load_text(name))


def log_spaced_ranks(n: int, points: int = 90) -> np.ndarray:
    """About ``points`` distinct ranks from 1 to ``n``, evenly spaced on a log axis.

    Figures of a rank-frequency curve with tens of thousands of ranks draw these only.

    >>> log_spaced_ranks(1000, 4)
    array([   1,   10,  100, 1000])
    """
    n = check_number("n", n, integer=True, low=1)
    points = check_number("points", points, integer=True, low=2)
    return np.unique(np.round(np.logspace(0, np.log10(n), points)).astype(int))


def moby_dick_counts() -> np.ndarray:
    """Word counts of Melville's *Moby Dick*, as used by Clauset et al. 2009.

    The 18,855 counts ship with ``powerlaw`` >= 2.0 (``load_test_dataset("words")``);
    they carry no words, only how often each distinct word occurs.

    >>> c = moby_dick_counts()
    >>> c.size, int(c.max())
    (18855, 14086)
    """
    import powerlaw

    return np.asarray(powerlaw.load_test_dataset("words"), dtype=float)


# -- command line --------------------------------------------------------------------

#: Above this many distinct words the command says on stderr that it is fitting.
_PROGRESS_TYPES = 5000


def add_commands(commands, fit_commands) -> None:
    """Add ``scaling-lab zipf PATH [--json]`` to the command line."""
    from .cli import _add_json

    zipf = commands.add_parser(
        "zipf", help="count the words of a UTF-8 text and fit Zipf's law",
        description="Tokenise a UTF-8 text (lowercase; runs of letters joined across "
                    "an inner apostrophe), count the words, and fit the tail of the "
                    "counts by the Clauset-Shalizi-Newman method "
                    "(powerlaw.Fit(counts, discrete=True)). Reports tokens, types, "
                    "alpha, xmin, n_tail and s = 1/(alpha - 1).")
    zipf.add_argument("path", metavar="PATH", help="a UTF-8 text file")
    _add_json(zipf)
    zipf.set_defaults(handler=_zipf_command)


def _zipf_command(args) -> tuple[str, dict]:
    import sys

    from .io import read_text

    text = read_text(args.path)
    counts = count_words(text)
    if counts.tokens == 0:
        raise ScalingLabError(f"{args.path!r} contains no words (it is empty or has no "
                              "letters)")
    if counts.types < MIN_TYPES:
        raise ScalingLabError(
            f"{args.path!r} has {counts.types} distinct words; at least {MIN_TYPES} are "
            "needed to fit Zipf's law. Give a longer text."
        )
    progress = counts.types >= _PROGRESS_TYPES
    if progress:
        print(f"scaling-lab: fitting the counts of {counts.types} distinct words...",
              file=sys.stderr, flush=True)
    fit = fit_zipf(counts.counts, compare=False, progress=progress and sys.stderr.isatty())
    result = {"tokens": counts.tokens, "types": counts.types, **fit.as_dict()}
    top = ", ".join(f"{w} {c}" for w, c in counts.top(5))
    summary = (
        f"{counts.tokens} tokens, {counts.types} distinct words; top: {top}\n"
        f"count distribution: alpha = {fit.alpha:.4f} ± {fit.alpha_stderr:.4f} for counts "
        f">= xmin = {fit.xmin} ({fit.n_tail} words in the tail)\n"
        f"Zipf's rank exponent: s = 1/(alpha - 1) = {fit.s:.4f}"
    )
    return summary, result
