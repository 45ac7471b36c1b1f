"""The command line's contract: the parser class, argument types, errors and the runner.

Design: every command goes through :func:`execute`, so the contract holds for all of
them at once, and a new command gets it without a line of its own:

* A handler returns ``(summary_text, json_dict)``. Bad input raises
  :class:`~scaling_lab.ScalingLabError` or :class:`CommandError` (or an ``OSError`` or a
  ``MemoryError``) and ends in one ``scaling-lab: error:`` line, the last line on
  stderr, with exit status 2, never a traceback. Warnings are printed first, as
  ``scaling-lab: warning:`` lines. Anything else is a bug in the package: it is
  reported as an internal error with exit status 1.
* ``--json`` prints exactly one strict JSON object (RFC 8259): a value that does not
  exist as a number (an infinite interval, a NaN) is ``null``, and the object then has a
  ``"warnings"`` list that says which field and why. Every warning of the run is in that
  list too (it is absent when there is none). numpy numbers become plain numbers.
* An option whose destination is ``plot`` names a figure file. It is checked before the
  handler runs, so a bad path fails in a second, not after the fit: not a directory, in
  a folder that exists and can be written, with an extension matplotlib writes (none
  means ``.png``). The handler sees the real path, which it reports.
* Writing the output can fail (a full disk, a closed pipe): that is an error line and
  status 2 too.
* Negative numbers in any float syntax (``-1e9``, ``-.5``, ``-inf``) are option values,
  so ``--params -1e9`` is answered by the option's type ("must be a positive finite
  number"), not by "expected one argument".
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import warnings

import numpy as np

from .._validate import ScalingLabError

__all__ = ["PROG", "CommandError", "Parser", "positive_float", "whole_number", "add_json",
           "execute",
           "figure_path", "strict_json", "finish"]

PROG = "scaling-lab"

#: A negative number in any syntax ``float`` reads, for the parser.
_NEGATIVE_NUMBER = re.compile(
    r"^-(\d[\d_]*\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE)


class CommandError(Exception):
    """Bad input to a command: the message becomes the ``scaling-lab: error:`` line.

    >>> str(CommandError("give --params N"))
    'give --params N'
    """


class Parser(argparse.ArgumentParser):
    """argparse, with every error reported as ``scaling-lab: error: ...`` and status 2,
    and negative numbers such as ``-1e9`` read as values.

    >>> parser = Parser(prog="demo")
    >>> _ = parser.add_argument("--params", type=float)
    >>> parser.parse_args(["--params", "-1e9"]).params
    -1000000000.0
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def _print_message(self, message, file=None):
        # argparse swallows a failed write (--help into a full disk): report it instead.
        if not message:
            return
        file = file or sys.stderr
        try:
            file.write(message)
            file.flush()
        except OSError as error:
            if file is sys.stdout:
                _output_error(error)

    def error(self, message):  # noqa: D401 - argparse's API
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: error: {message}\n")


def whole_number(low: int, *, unit: str = "", hint: str = ""):
    """argparse type: a whole number of at least ``low``, with a message naming the value.

    >>> whole_number(0)("3"), whole_number(2, unit="replicates")("40")
    (3, 40)
    >>> whole_number(1)("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '0' must be at least 1
    """
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            bound = ">= 0" if low == 0 else f"at least {low}{' ' + unit if unit else ''}"
            raise argparse.ArgumentTypeError(
                f"{text!r} must be {bound}" + (f" ({hint})" if hint else ""))
        return value

    return parse


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


def figure_path(path) -> str:
    """The file a figure will really be written to, checked before any work is done.

    Parameters
    ----------
    path : str or path-like
        What the reader gave to ``--plot``.

    Returns
    -------
    str
        The path, with ``.png`` added when it has no extension (as matplotlib does).

    Raises
    ------
    ScalingLabError
        An empty name, a directory, a folder that does not exist or cannot be written,
        a file that cannot be overwritten, or a format matplotlib does not write.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> figure_path(folder + "/fit").endswith("/fit.png")
    True
    >>> figure_path(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    scaling_lab._validate.ScalingLabError: --plot '...' is a directory; give a file name such as '.../fit.png'
    """
    text = os.fspath(path)
    if not text.strip():
        raise ScalingLabError("--plot needs a file name, such as fit.png")
    if os.path.isdir(text) or text.endswith(("/", os.sep)):
        raise ScalingLabError(
            f"--plot {text!r} is a directory; give a file name such as "
            f"{os.path.join(text, 'fit.png')!r}"
        )
    from matplotlib import rcParams
    from matplotlib.backend_bases import FigureCanvasBase

    formats = FigureCanvasBase.get_supported_filetypes()
    extension = os.path.splitext(text)[1][1:].lower()
    if not extension:
        default = rcParams["savefig.format"]
        text = f"{text}.{default}"
        if os.path.isdir(text):
            raise ScalingLabError(f"--plot would write {text!r}, which is a directory; "
                                  "give a file name with an extension, such as fit.png")
    elif extension not in formats:
        listed = ", ".join(f".{name}" for name in sorted(formats))
        raise ScalingLabError(
            f"--plot {text!r}: matplotlib cannot write '.{extension}' files; end the "
            f"name with one of {listed}"
        )
    folder = os.path.dirname(text) or "."
    if not os.path.isdir(folder):
        raise ScalingLabError(f"--plot {text!r}: the folder {folder!r} does not exist; "
                              "create it first")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ScalingLabError(f"--plot {text!r}: the folder {folder!r} cannot be written")
    if os.path.exists(text) and not os.access(text, os.W_OK):
        raise ScalingLabError(f"--plot {text!r}: the file exists and cannot be "
                              "overwritten")
    return text


def strict_json(value, where: str = "") -> tuple[object, list[str]]:
    """``value`` with every non-finite number replaced by None, and a note for each.

    numpy scalars and arrays become plain Python numbers and lists, so that
    ``json.dumps(..., allow_nan=False)`` accepts the result.

    >>> strict_json({"n": -0.3, "n_interval": [float("-inf"), np.float64(0.1)]})
    ({'n': -0.3, 'n_interval': [None, 0.1]}, ['n_interval[0] is -inf, not a finite number: reported as null'])
    """
    notes: list[str] = []
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out[key], more = strict_json(item, f"{where}.{key}" if where else str(key))
            notes += more
        return out, notes
    if isinstance(value, list | tuple | np.ndarray):
        out = []
        for i, item in enumerate(value.tolist() if isinstance(value, np.ndarray)
                                 else value):
            converted, more = strict_json(item, f"{where}[{i}]")
            out.append(converted)
            notes += more
        return out, notes
    if isinstance(value, bool | np.bool_):
        return bool(value), notes
    if isinstance(value, np.integer):
        return int(value), notes
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            notes.append(f"{where or 'the value'} is {number}, not a finite number: "
                         "reported as null")
            return None, notes
        return number, notes
    return value, notes


def _say(kind: str, message) -> None:
    """One ``scaling-lab: KIND: ...`` line on stderr (silent if stderr itself fails)."""
    text = " ".join(str(message).split()) if "\n" in str(message) else str(message)
    try:
        print(f"{PROG}: {kind}: {text}", file=sys.stderr, flush=True)
    except OSError:
        pass


def _fail(caught, message, status: int = 2) -> int:
    for warning in caught:
        _say("warning", warning.message)
    _say("error", message)
    return status


def execute(args) -> int:
    """Run a parsed command's handler under the contract; return the exit status."""
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if getattr(args, "plot", None) is not None:
                args.plot = figure_path(args.plot)  # before any work is done
            summary, result = args.handler(args)
    except (ScalingLabError, CommandError) as error:
        return _fail(caught, error)
    except MemoryError:
        return _fail(caught, "out of memory; ask for less (fewer bootstrap replicates, "
                             "fewer runs or a smaller file)")
    except OSError as error:
        name = f": {error.filename!r}" if error.filename else ""
        return _fail(caught, f"{error.strerror or error}{name}")
    except Exception as error:  # a bug, not bad input: say so, without a traceback
        return _fail(caught, f"internal error ({type(error).__name__}: {error}); this "
                             "is a bug in scaling-lab, please report it with the "
                             "command line that caused it", status=1)
    messages = [str(warning.message) for warning in caught]
    for message in messages:
        _say("warning", message)
    if args.json:
        result, notes = strict_json(result)
        for note in notes:
            _say("warning", note)
        if messages or notes:  # after any warnings the command reports itself
            own = result.get("warnings") or []
            own = list(own) if isinstance(own, list | tuple) else [own]
            result = {**result, "warnings": [*own, *messages, *notes]}
        text = json.dumps(result, allow_nan=False)
    else:
        text = summary
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except OSError as error:
        _output_error(error)
        return 2
    return 0


#: Set when writing the output failed (the error line has been printed).
_output_failed = False


def _output_error(error: OSError) -> None:
    global _output_failed
    _output_failed = True
    _say("error", f"cannot write the output ({error.strerror or error})")


def finish(status) -> int:
    """The exit status once stdout is flushed: a failed flush (output to a full disk,
    or ``--help`` into a closed pipe) is an error line and status 2, and stdout then
    points at the null device so the interpreter's own last flush stays quiet."""
    try:
        sys.stdout.flush()
    except OSError as error:
        if not _output_failed:
            _say("error", f"cannot write the output ({error.strerror or error})")
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 2
    if isinstance(status, int):
        return 2 if _output_failed and status == 0 else status
    return 0 if status is None else 2
