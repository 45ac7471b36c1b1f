"""The ``scaling-lab`` command line.

Design: one entry point with subcommands; each prints a short human summary, or with
``--json`` exactly one JSON object. Bad input never shows a traceback: every error ends
in one line on stderr that starts ``scaling-lab: error:`` and names the input and what
is wrong with it, and the exit status is 2 (argparse's usage line may come first).

Chapters add subcommands through :data:`PLUGINS`: each listed module has a function
``add_commands(commands, fit_commands)`` that adds its subparsers and sets a
``handler(args) -> (summary_text, json_dict)`` default.

Examples
--------
>>> import contextlib, io, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
>>> _ = path.write_text("N,L\\n1e6,4.0\\n1e7,2.0\\n1e8,1.0\\n")
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["fit", "power", str(path), "--x", "n", "--y", "l", "--json"])
>>> status, sorted(json.loads(out.getvalue()))
(0, ['k', 'method', 'n', 'n_interval', 'n_points'])
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys

from . import __version__
from ._validate import ScalingLabError
from .fit import fit_power_law
from .io import read_columns

__all__ = ["main", "build_parser", "PLUGINS", "CommandError"]

PROG = "scaling-lab"

#: Modules that add subcommands (see the module docstring).
PLUGINS: tuple[str, ...] = ("scaling_lab.predict_cli", "scaling_lab.zipf",
                            "scaling_lab.chinchilla")


class CommandError(Exception):
    """Bad input to a command: the message becomes the ``scaling-lab: error:`` line."""


class _Parser(argparse.ArgumentParser):
    """argparse, with every error reported as ``scaling-lab: error: ...`` and status 2."""

    def error(self, message):  # noqa: D401 - argparse's API
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: error: {message}\n")


def positive_float(text: str) -> float:
    """argparse type: a positive finite number, with a message naming the value."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive finite number")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with the subcommands of every plugin."""
    parser = _Parser(
        prog=PROG,
        description="Scaling laws, hands-on: fit, predict and explore neural scaling "
                    "laws from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=_Parser)
    commands.required = True
    fit = commands.add_parser("fit", help="fit a law to a CSV of measurements")
    fit_commands = fit.add_subparsers(dest="what", metavar="LAW", parser_class=_Parser)
    fit_commands.required = True

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
    _add_json(power)
    power.set_defaults(handler=_fit_power)

    for module_name in PLUGINS:
        importlib.import_module(module_name).add_commands(commands, fit_commands)
    return parser


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print exactly one JSON object instead of a summary")


def _fit_power(args) -> tuple[str, dict]:
    columns = read_columns(args.csv, [args.x, args.y], min_rows=4 if args.offset else 3,
                           positive=[args.x, args.y])
    fit = fit_power_law(columns[args.x], columns[args.y], offset=args.offset)
    result = {"k": fit.k, "n": fit.n, "n_interval": list(fit.n_interval),
              "n_points": fit.n_points, "method": fit.method}
    if args.offset:
        result["offset"] = fit.offset
    lo, hi = fit.n_interval
    law = f"{fit.offset:.4g} + {fit.k:.4g} x^{fit.n:.4f}" if args.offset else \
        f"{fit.k:.4g} x^{fit.n:.4f}"
    summary = (f"y = {law}\n"
               f"exponent n = {fit.n:.4f} (95% interval {lo:.4f} to {hi:.4f}), "
               f"{fit.n_points} points, method {fit.method}")
    return summary, result


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    import warnings

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            summary, result = args.handler(args)
    except (ScalingLabError, CommandError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{PROG}: error: {error.strerror or error}: {error.filename!r}",
              file=sys.stderr)
        return 2
    for warning in caught:
        print(f"{PROG}: warning: {warning.message}", file=sys.stderr)
    if args.json:
        print(json.dumps(result))
    else:
        print(summary)
    return 0


def run() -> None:
    """Console entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        sys.exit(130)
