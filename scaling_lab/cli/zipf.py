"""``scaling-lab zipf``: count the words of a text and fit Zipf's law to the counts.

The fit is Clauset, Shalizi & Newman's (``powerlaw.Fit(counts, discrete=True)``), through
:func:`scaling_lab.zipf.fit_zipf`.
"""

from __future__ import annotations

import sys

from .._validate import ScalingLabError
from ..io import read_text
from ..zipf import MIN_TYPES, count_words, fit_zipf
from ._contract import add_json

__all__ = ["add_commands"]

#: Above this many distinct words the command says on stderr that it is fitting.
_PROGRESS_TYPES = 5000


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``scaling-lab zipf PATH [--json]`` to the command line."""

    zipf = commands.add_parser(
        "zipf", help="count the words of a UTF-8 text and fit Zipf's law",
        description="Tokenise a UTF-8 text (lowercase; runs of letters joined across "
                    "an inner apostrophe), count the words, and fit the tail of the "
                    "counts by the Clauset-Shalizi-Newman method "
                    "(powerlaw.Fit(counts, discrete=True)). Reports tokens, types, "
                    "alpha, xmin, n_tail and s = 1/(alpha - 1).")
    zipf.add_argument("path", metavar="PATH", help="a UTF-8 text file")
    add_json(zipf)
    zipf.set_defaults(handler=_zipf_command)


def _zipf_command(args) -> tuple[str, dict]:
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
