"""Explorers of the Zipf chapter.

``zipf/s-vocabulary``: Zipf's law with exponent s over a vocabulary of V words, the
expected rank-frequency line and one seeded synthetic corpus drawn from it, beside the
real curve of Jane Austen's six novels. The expected line is drawn wide and light, under
the thin line of the sample: where the sample follows the law the orange line runs inside
the blue one, and both stay visible.

Examples
--------
>>> ex = zipf_explorer()
>>> [s.name for s in ex.sliders]
['s', 'types', 'tokens']
>>> ex.frame(s=1.0, types=10000.0, tokens=1e5).note.startswith("synthetic corpus")
True
"""

from __future__ import annotations

import numpy as np

from ..datasets import corpus_counts
from ..explore import Explorer, Frame, LineSpec, Panel, Slider, register
from ..zipf import log_spaced_ranks, sample_zipf_counts

__all__ = ["zipf_explorer", "zipf_frame", "s_values"]

_SEED = 2009


def zipf_frame(s: float, types: float, tokens: float) -> Frame:
    """The expected counts under Zipf's law and one synthetic corpus drawn from it.

    >>> frame = zipf_frame(1.0, 1000.0, 1e4)
    >>> sorted(frame.curves)
    ['expected', 'sample']
    """
    types, tokens = int(types), int(tokens)
    ranks = np.arange(1, types + 1, dtype=float)
    p = ranks**-s
    p /= p.sum()
    shown = log_spaced_ranks(types, 80)
    expected = tokens * p[shown - 1]
    counts = sample_zipf_counts(s, types, tokens, seed=_SEED)
    sample_ranks = log_spaced_ranks(counts.size, 80)
    share = 100 * p[:10].sum()
    return Frame(
        {"expected": (shown.astype(float), expected),
         "sample": (sample_ranks.astype(float), counts[sample_ranks - 1])},
        note=(f"synthetic corpus (seed {_SEED}): {tokens:,} tokens from s = {s:g} over "
              f"V = {types:,} words; {counts.size:,} distinct words occur, the top 10 "
              f"words carry {share:.0f}% of the tokens."),
    )


def s_values() -> tuple[float, ...]:
    """The positions of the s slider: 0.45 to 1.70 in steps of 0.05, and Austen's fit.

    The grid holds the values the chapter discusses: Zipf's s = 1, Moby Dick's
    maximum-likelihood s = 1.05, the local slopes of Austen's curve (0.45 at the head,
    1.05, 1.15 and 1.40 further down) and the 1.60 of a line through every rank; the
    exact maximum-likelihood s of Austen's novels is added to it.

    >>> values = s_values()
    >>> len(values) >= 13, 1.0 in values, 1.6 in values
    (True, True, True)
    """
    from ..zipf import fit_zipf

    austen = round(fit_zipf(corpus_counts("austen").counts, compare=False).s, 3)
    grid = np.round(np.arange(0.45, 1.701, 0.05), 2)
    return tuple(float(v) for v in sorted({*grid.tolist(), austen}))


def _background(axes) -> None:
    austen = corpus_counts("austen")
    ranks = log_spaced_ranks(austen.types, 120)
    axes[0].plot(ranks, austen.counts[ranks - 1], color="#7F7F7F", linewidth=3.5,
                 alpha=0.55, label=f"Austen's novels ({austen.tokens:,} tokens)")


@register("zipf/s-vocabulary")
def zipf_explorer() -> Explorer:
    """Zipf's rank exponent s, the vocabulary V and the corpus size, against real text.

    The largest corpus size is the token count of Austen's novels, so the synthetic
    corpus and the real one compare like for like. Move s: the line turns (slope -s).
    Move V: the line ends at rank V and its head shifts, since the probabilities share
    one total. Move the corpus size: the sampled words follow the line down to counts of
    a few, where the staircase of words seen once, twice... begins and the sampled
    curve bends away from the line.
    """
    austen_tokens = float(corpus_counts("austen").tokens)  # the third size: Austen's
    return Explorer(
        name="zipf/s-vocabulary",
        title="Zipf's law: exponent s, vocabulary V and corpus size, beside real text",
        alt=("Rank-frequency plot on log-log axes: word count against rank. A grey curve "
             "shows Jane Austen's six novels. A wide light-blue line shows the counts "
             "Zipf's law expects with exponent s over V words; a thin orange line shows "
             "one synthetic corpus sampled from it, which runs along the blue line and "
             "then bends into a staircase of rare words."),
        function=zipf_frame,
        sliders=[
            Slider("s", "exponent s", s_values(), default=1.0),
            Slider("types", "vocabulary V", (1e3, 3e3, 1e4, 3e4, 1e5), default=3e4,
                   fmt="{:,.0f}"),
            Slider("tokens", "corpus size (tokens)", (1e4, 1e5, austen_tokens),
                   default=austen_tokens, fmt="{:,.0f}"),
        ],
        panels=[Panel(xlabel="rank r of the word", ylabel="count (occurrences)",
                      xlim=(1, 2e5), ylim=(0.7, 4e5))],
        lines=[  # drawn in this order: the wide expected line under the thin sample
            LineSpec("expected", r"Zipf's law: tokens $\times\ p(r)$, $p(r) \propto r^{-s}$",
                     color="sky", width=6.0),
            LineSpec("sample", "synthetic corpus drawn from the law", color="orange",
                     width=1.8),
        ],
        background=_background,
    )
