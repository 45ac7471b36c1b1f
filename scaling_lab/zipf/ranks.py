"""Where Zipf's law holds: the slopes of a rank curve, range by range, with intervals.

A single power law has one log-log slope everywhere; real text does not. This module
measures the local slope of the rank-frequency curve (the local rank exponent s) and of
the share of tokens beyond rank r, over ranges of rank, each with a bootstrap interval.

Design: the interval re-draws the whole text (a multinomial bootstrap over the words'
observed shares, seeded, each word at its observed rank), so it carries the sampling
noise of a corpus of that size, as plus or minus z bootstrap standard deviations;
the line in each range is least squares in log-log space, which is what "slope" means on
the figure (not an estimator of a distribution's exponent: that is :func:`fit_zipf`).

Examples
--------
>>> import numpy as np
>>> c = np.round(1e6 / np.arange(1, 2001) ** 1.2)
>>> float(local_rank_slopes(c, (10, 100, 1000), replicates=10).slope.round(1)[0])
1.2
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import special

from .._validate import ScalingLabError, check_choice, check_number
from .text import validate_counts

__all__ = ["LocalSlopes", "local_rank_slopes"]


@dataclass(frozen=True)
class LocalSlopes:
    """Log-log slopes of a rank curve over ranges of rank (see :func:`local_rank_slopes`).

    Attributes
    ----------
    quantity : str
        ``'count'`` (minus the slope: the local rank exponent s) or ``'missed'`` (the
        slope itself of the share of tokens beyond rank r).
    edges : tuple of int
        Range boundaries: range i covers ranks ``edges[i]`` to ``edges[i + 1]``.
    slope, low, high : numpy.ndarray
        The slope in each range and its bootstrap interval.
    level, replicates, seed : float, int, int
    bias : numpy.ndarray
        Mean of the bootstrap slopes minus the slope, per range.
    """

    quantity: str
    edges: tuple
    slope: np.ndarray
    low: np.ndarray
    high: np.ndarray
    level: float
    replicates: int
    seed: int
    bias: np.ndarray = field(default=None, repr=False, compare=False)

    def rows(self) -> list[tuple[int, int, float, float, float]]:
        """(first rank, last rank, slope, low, high) per range.

        >>> LocalSlopes("count", (1, 10, 100), np.array([0.5, 1.0]), np.array([0.4, 0.9]),
        ...             np.array([0.6, 1.1]), 0.95, 10, 0).rows()[1]
        (10, 100, 1.0, 0.9, 1.1)
        """
        return [(int(a), int(b), float(s), float(lo), float(hi)) for a, b, s, lo, hi in
                zip(self.edges[:-1], self.edges[1:], self.slope, self.low, self.high,
                    strict=True)]


def _segment_slopes(ordered: np.ndarray, edges: tuple, quantity: str) -> np.ndarray:
    ranks = np.arange(1, ordered.size + 1, dtype=float)
    y = ordered if quantity == "count" else 1.0 - np.cumsum(ordered) / ordered.sum()
    out = []
    for first, last in zip(edges[:-1], edges[1:], strict=True):
        keep = slice(first - 1, min(last, ordered.size))
        r, v = ranks[keep], y[keep]
        r, v = r[v > 0], v[v > 0]
        slope = np.polyfit(np.log(r), np.log(v), 1)[0] if r.size >= 2 else np.nan
        out.append(-slope if quantity == "count" else slope)
    return np.array(out)


def local_rank_slopes(counts, edges=(1, 10, 100, 1000, 3000), *, quantity: str = "count",
                      replicates: int = 200, seed: int = 0,
                      level: float = 0.95) -> LocalSlopes:
    """Where Zipf's law holds: the rank curve's log-log slope range by range.

    For each range of ranks [edges[i], edges[i+1]] a least-squares line through
    (log rank, log y) gives the local slope. With ``quantity='count'``, y is the count
    of the word of rank r and the result is the local rank exponent s (minus the slope);
    a single Zipf law would give the same s in every range. With ``quantity='missed'``,
    y is the share of tokens outside the r most frequent words, which falls with slope
    1 - s under Zipf's law with s > 1 and an unlimited vocabulary.

    The interval comes from re-drawing the text: ``replicates`` corpora of the same
    number of tokens, each word drawn with its observed share (a multinomial bootstrap,
    seeded) and kept at its observed rank. It is the slope plus or minus z times the
    replicates' standard deviation (z = 1.96 at ``level=0.95``). The replicates' mean
    shift is reported as ``bias``: the logarithm of a small count is biased low by about
    1/(2 x), which steepens a slope where counts are small; a percentile interval would
    carry that shift and could miss the slope itself.

    Parameters
    ----------
    counts : array_like
        Word counts.
    edges : sequence of int, default (1, 10, 100, 1000, 3000)
        Increasing rank boundaries, the last at most the number of words.
    quantity : {'count', 'missed'}, default 'count'
    replicates : int, default 200
    seed : int, default 0
    level : float, default 0.95

    Returns
    -------
    LocalSlopes

    Examples
    --------
    Exact Zipf counts have the same slope everywhere:

    >>> c = np.round(1e6 / np.arange(1, 2001))
    >>> local_rank_slopes(c, (1, 10, 100, 1000), replicates=20).slope.round(2)
    array([1., 1., 1.])
    """
    counts = validate_counts(counts)
    quantity = check_choice("quantity", quantity, ("count", "missed"))
    edges = tuple(int(check_number("edges", e, integer=True, low=1)) for e in edges)
    if len(edges) < 2 or any(b <= a for a, b in zip(edges[:-1], edges[1:], strict=True)):
        raise ScalingLabError(f"'edges' must be increasing ranks, at least two "
                              f"(got {edges!r})")
    if edges[-1] > counts.size:
        raise ScalingLabError(f"'edges' must end at most at the number of words, "
                              f"{counts.size} (got {edges[-1]})")
    replicates = check_number("replicates", replicates, integer=True, low=2)
    seed = check_number("seed", seed, integer=True, nonnegative=True)
    level = check_number("level", level, low=0.5, high=0.999)
    ordered = np.sort(counts)[::-1]
    slope = _segment_slopes(ordered, edges, quantity)
    rng = np.random.default_rng(seed)
    share = ordered / ordered.sum()
    draws = np.array([
        _segment_slopes(rng.multinomial(int(ordered.sum()), share).astype(float), edges,
                        quantity)
        for _ in range(replicates)])
    spread = np.nanstd(draws, axis=0, ddof=1) * special.ndtri(0.5 + level / 2)
    return LocalSlopes(quantity, edges, slope, slope - spread, slope + spread, level,
                       replicates, seed, bias=np.nanmean(draws, axis=0) - slope)
