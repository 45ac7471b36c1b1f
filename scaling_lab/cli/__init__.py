"""The ``scaling-lab`` command line.

Design: one entry point with subcommands; each prints a short human summary, or with
``--json`` exactly one JSON object. Bad input never shows a traceback: every error ends
in one line on stderr that starts ``scaling-lab: error:`` and names the input and what
is wrong with it, and the exit status is 2 (argparse's usage line may come first).

One module per command, listed in :data:`PLUGINS`: each has a function
``add_commands(commands, fit_commands)`` that adds its subparser and sets a
``handler(args) -> (summary_text, json_dict)`` default. The parser, the error contract
and the runner live in :mod:`scaling_lab.cli._contract`; chapter modules hold no
argparse code.

Examples
--------
>>> import contextlib, io, json, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "runs.csv"
>>> _ = path.write_text("N,L\\n1e6,4.0\\n1e7,2.0\\n1e8,1.0\\n")
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["fit", "power", str(path), "--x", "n", "--y", "l", "--json"])
>>> status, sorted(json.loads(out.getvalue()))
(0, ['k', 'method', 'n', 'n_interval', 'n_points'])
"""

from __future__ import annotations

import importlib
import sys

from .. import __version__
from ._contract import (
    PROG,
    CommandError,
    Parser,
    add_json,
    execute,
    finish,
    positive_float,
)

__all__ = ["main", "run", "build_parser", "PLUGINS", "CommandError", "add_json",
           "positive_float"]

#: One module per command, in the order ``scaling-lab --help`` lists them.
PLUGINS: tuple[str, ...] = (
    "scaling_lab.cli.fit_power",
    "scaling_lab.cli.fit_chinchilla",
    "scaling_lab.cli.fit_isoflop",
    "scaling_lab.cli.predict",
    "scaling_lab.cli.optimal",
    "scaling_lab.cli.zipf",
    "scaling_lab.cli.experiment",
)


def build_parser() -> Parser:
    """The full parser, with the subcommands of every command module."""
    parser = Parser(
        prog=PROG,
        description="Scaling laws, hands-on: fit, predict and explore neural scaling "
                    "laws from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     parser_class=Parser)
    commands.required = True
    fit = commands.add_parser("fit", help="fit a law to a CSV of measurements")
    fit_commands = fit.add_subparsers(dest="what", metavar="LAW", parser_class=Parser)
    fit_commands.required = True
    for module_name in PLUGINS:
        importlib.import_module(module_name).add_commands(commands, fit_commands)
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    return execute(args)


def run() -> None:
    """Console entry point (the exit status of :func:`main`, after stdout is flushed)."""
    try:
        status = main()
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        status = 130
    except SystemExit as stop:  # argparse: --help, --version and usage errors
        status = stop.code
    sys.exit(finish(status))
