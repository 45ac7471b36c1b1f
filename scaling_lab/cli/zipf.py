"""``scaling-lab zipf``: count the words of a text and fit Zipf's law to the counts.

The fit is Clauset, Shalizi & Newman's (``powerlaw.Fit(counts, discrete=True)``), through
:func:`scaling_lab.zipf.fit_zipf`. With ``--gof B`` the command also runs their
goodness-of-fit test and bootstrap (:func:`scaling_lab.stats.power_law_report`, B
replicates each) and the nested likelihood-ratio test against a power law with an
exponential cutoff (:func:`scaling_lab.stats.cutoff_test`), and reports them as a row of
their Table 6.1.

:func:`write_reference` made the reference runs shipped in
``scaling_lab/data/zipf_gof.json``.
"""

from __future__ import annotations

import json
import sys

from .._validate import ScalingLabError
from ..io import read_text
from ._contract import add_json, whole_number

__all__ = ["add_commands", "write_reference"]

#: Above this many distinct words the command says on stderr that it is fitting.
_PROGRESS_TYPES = 5000


_replicates = whole_number(2, unit="replicates", hint="1,000 is the usual choice")
_seed = whole_number(0)


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``scaling-lab zipf PATH [--gof B] [--seed S] [--json]`` to the command line."""

    zipf = commands.add_parser(
        "zipf", help="count the words of a UTF-8 text and fit Zipf's law",
        description="Tokenise a UTF-8 text (lowercase; runs of letters joined across "
                    "an inner apostrophe), count the words, and fit the tail of the "
                    "counts by the Clauset-Shalizi-Newman method "
                    "(powerlaw.Fit(counts, discrete=True)). Reports tokens, types, "
                    "alpha, xmin, n_tail and s = 1/(alpha - 1). With --gof B, also the "
                    "bootstrap goodness-of-fit p-value with its Monte Carlo error, the "
                    "bootstrap standard errors of xmin, alpha and n_tail, and the "
                    "likelihood-ratio test against a power law with an exponential "
                    "cutoff.")
    zipf.add_argument("path", metavar="PATH", help="a UTF-8 text file")
    zipf.add_argument("--gof", metavar="B", type=_replicates, default=None,
                      help="run the goodness-of-fit test and the bootstrap with B "
                           "replicates each (1000 is usual; seconds, not minutes)")
    zipf.add_argument("--seed", metavar="S", type=_seed, default=0,
                      help="seed of the bootstrap (default 0)")
    add_json(zipf)
    zipf.set_defaults(handler=_zipf_command)


def _zipf_command(args) -> tuple[str, dict]:
    text = read_text(args.path)
    from ..zipf import MIN_TYPES, count_words, fit_zipf  # scipy, powerlaw: on use only

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
    if args.gof is not None:
        from ..stats import cutoff_test, power_law_report

        report = power_law_report(counts.counts, args.gof, seed=args.seed)
        cutoff = cutoff_test(counts.counts, report.xmin)
        result.update(report.as_dict())
        result.update({"cutoff_R": cutoff.R, "cutoff_p": cutoff.p})
        verdict = ("rules the power law out" if report.p <= 0.1 else
                   "does not rule the power law out")
        summary += (
            f"\ngoodness of fit ({report.replicates} replicates, seed {report.seed}): "
            f"p = {report.p:.3f} ± {report.p_se:.3f}, which {verdict} (p <= 0.1 would)\n"
            f"bootstrap: xmin = {report.xmin} ± {report.xmin_se:.1f}, alpha = "
            f"{report.alpha:.4f} ± {report.alpha_se:.4f}, n_tail = {report.n_tail} ± "
            f"{report.n_tail_se:.0f}\n"
            f"power law against a power law with exponential cutoff (nested): "
            f"R = {cutoff.R:.3f}, p = {cutoff.p:.3f}"
            f"{' (the cutoff fits better)' if cutoff.p < 0.1 else ' (no cutoff needed)'}\n"
            f"as in Clauset et al. 2009, Table 6.1 (n | <x> | sd | x_max | x_min | alpha | "
            f"n_tail | p):\n{report.row()}"
        )
    return summary, result


#: The command recorded in the shipped reference file.
REFERENCE_COMMAND = ('python -c "from scaling_lab.cli.zipf import write_reference; '
                     "write_reference('scaling_lab/data/zipf_gof.json')\"")


def write_reference(path: str, replicates: int = 2500, seed: int = 2009) -> dict:
    """Run the reference bootstraps the chapter and the tests read, and write them.

    Moby Dick (exact MLE, and Clauset's grid of exponents, ``alpha_grid=0.01``) and
    Austen's novels (exact MLE), each with :func:`scaling_lab.stats.power_law_report`
    at ``replicates`` replicates and ``seed``. A few minutes on one core.
    """
    from .. import __version__
    from ..datasets import corpus_counts, moby_dick_counts
    from ..stats import power_law_report

    runs = {
        "moby-dick": {
            "exact": power_law_report(moby_dick_counts(), replicates, seed=seed),
            "grid": power_law_report(moby_dick_counts(), replicates, seed=seed,
                                     alpha_grid=0.01),
        },
        "austen": {"exact": power_law_report(corpus_counts("austen").counts, replicates,
                                             seed=seed)},
    }
    data = {
        "command": REFERENCE_COMMAND,
        "scaling_lab_version": __version__,
        "numpy_version": __import__("numpy").__version__,
        "replicates": replicates,
        "seed": seed,
        "runs": {name: {variant: report.to_json() for variant, report in variants.items()}
                 for name, variants in runs.items()},
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.write("\n")
    return data
