"""The command line's contract: the parser class, argument types, errors and the runner.

Design: every command goes through :func:`execute`, so the contract holds for all of
them at once: a handler returns ``(summary_text, json_dict)``; bad input raises
:class:`~scaling_lab.ScalingLabError` or :class:`CommandError` and ends in one
``scaling-lab: error:`` line on stderr with exit status 2, never a traceback; warnings
are printed as ``scaling-lab: warning:`` lines; ``--json`` prints exactly one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from .._validate import ScalingLabError

__all__ = ["PROG", "CommandError", "Parser", "positive_float", "add_json", "execute"]

PROG = "scaling-lab"


class CommandError(Exception):
    """Bad input to a command: the message becomes the ``scaling-lab: error:`` line.

    >>> str(CommandError("give --params N"))
    'give --params N'
    """


class Parser(argparse.ArgumentParser):
    """argparse, with every error reported as ``scaling-lab: error: ...`` and status 2."""

    def error(self, message):  # noqa: D401 - argparse's API
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: error: {message}\n")


def positive_float(text: str) -> float:
    """argparse type: a positive finite number, with a message naming the value.

    >>> positive_float("1e9")
    1000000000.0
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive finite number")
    return value


def add_json(parser: argparse.ArgumentParser) -> None:
    """Give a command the ``--json`` flag."""
    parser.add_argument("--json", action="store_true",
                        help="print exactly one JSON object instead of a summary")


def execute(args) -> int:
    """Run a parsed command's handler under the contract; return the exit status."""
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
