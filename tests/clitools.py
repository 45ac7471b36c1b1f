"""Running the command line in-process, for the tests of its commands."""

from __future__ import annotations

import contextlib
import io

from scaling_lab import cli


def run(argv) -> tuple[int, str, str]:
    """``scaling-lab ARGV`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(argv)
        except SystemExit as exit_:
            status = exit_.code
    return status, out.getvalue(), err.getvalue()
