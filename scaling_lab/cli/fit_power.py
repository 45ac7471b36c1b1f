"""``scaling-lab fit power``: fit y = k x^n (or y = c + k x^n) to two columns of a CSV.

Examples
--------
>>> import contextlib, io, json, pathlib, tempfile
>>> from scaling_lab.cli import main
>>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
>>> _ = path.write_text("N,L\\n1e6,4.0\\n1e7,2.0\\n1e8,1.0\\n")
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["fit", "power", str(path), "--x", "n", "--y", "l", "--json"])
>>> status, round(json.loads(out.getvalue())["n"], 3)
(0, -0.301)
"""

from __future__ import annotations

import math
import warnings

from .._validate import ScalingLabWarning
from ..io import read_columns
from ._contract import add_json

__all__ = ["add_commands"]


def add_commands(commands, fit_commands) -> None:  # noqa: ARG001 - the plugin interface
    """Add ``fit power`` (see :mod:`scaling_lab.cli`)."""
    power = fit_commands.add_parser(
        "power", help="fit y = k x^n (or y = c + k x^n with --offset)",
        description="Fit y = k x^n by least squares on log-log axes, or y = c + k x^n "
                    "by nonlinear least squares with --offset. Columns are matched "
                    "case-insensitively.")
    power.add_argument("csv", metavar="CSV", help="a CSV file with a header row")
    power.add_argument("--x", required=True, metavar="COL", help="column of x (> 0)")
    power.add_argument("--y", required=True, metavar="COL", help="column of y (> 0)")
    power.add_argument("--offset", action="store_true",
                       help="also fit an irreducible offset c")
    power.add_argument("--plot", default=None, metavar="FILE",
                       help="write a log-log figure of the data, the fitted law and its "
                            "95%% prediction band")
    add_json(power)
    power.set_defaults(handler=_fit_power)


def _fit_power(args) -> tuple[str, dict]:
    columns = read_columns(args.csv, [args.x, args.y], min_rows=4 if args.offset else 3,
                           positive=[args.x, args.y])
    from ..fit import fit_power_law  # scipy: on use only

    fit = fit_power_law(columns[args.x], columns[args.y], offset=args.offset)
    result = {"k": fit.k, "n": fit.n, "n_interval": list(fit.n_interval),
              "n_points": fit.n_points, "method": fit.method}
    if args.offset:
        result["offset"] = fit.offset
    lo, hi = fit.n_interval
    if not (math.isfinite(lo) and math.isfinite(hi)):
        warnings.warn(
            "the data do not bound the exponent: its 95% interval is unbounded (with "
            "--offset this happens when the curve has levelled off, so the offset and "
            "the power law cannot be told apart); measure over a wider range",
            ScalingLabWarning, stacklevel=2)
    law = f"{fit.offset:.4g} + {fit.k:.4g} x^{fit.n:.4f}" if args.offset else \
        f"{fit.k:.4g} x^{fit.n:.4f}"
    summary = (f"y = {law}\n"
               f"exponent n = {fit.n:.4f} (95% interval {lo:.4f} to {hi:.4f}), "
               f"{fit.n_points} points, method {fit.method}")
    if args.plot:  # the contract has checked it and made it the real path
        _plot_power(fit, columns[args.x], columns[args.y], args)
        summary += f"\nfigure written to {args.plot}"
        result["figure"] = args.plot
    return summary, result


def _plot_power(fit, x, y, args) -> None:
    """The data, the fitted law and its 95% prediction band, on log-log axes."""
    import numpy as np

    from .._validate import ScalingLabError
    from ..plotting import PALETTE, figure, legend_below, loglog, signed

    fig, ax = figure(width=6.4, height=4.2)
    grid = np.geomspace(x.min(), x.max(), 200)
    low, high = fit.predict_interval(grid)
    ax.fill_between(grid, low, high, color=PALETTE["orange"], alpha=0.25, lw=0,
                    label="95% prediction band")
    term = rf"{fit.k:.4g}\,x^{{{fit.n:.4f}}}"
    formula = rf"$y = {fit.offset:.4g} + {term}$" if args.offset else rf"$y = {term}$"
    ax.plot(grid, fit.predict(grid), color=PALETTE["orange"], lw=2,
            label=f"fitted law, {formula}")
    ax.plot(x, y, "o", color=PALETTE["blue"], ms=5, label="data")
    loglog(ax, xlabel=args.x, ylabel=args.y)
    lo, hi = fit.n_interval
    ax.set_title(f"exponent n = {signed(fit.n, '.4f')} (95% interval {signed(lo, '.4f')} "
                 f"to {signed(hi, '.4f')}), {fit.n_points} points", fontsize=11)
    legend_below(ax)
    try:
        fig.savefig(args.plot, dpi=200, bbox_inches="tight")
    except (OSError, ValueError) as error:
        raise ScalingLabError(f"cannot write the figure to {args.plot!r}: {error}") from None
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
