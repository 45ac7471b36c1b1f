"""Helpers shared by the tests that read the built site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
#: The built site; COURSE_SITE points the tests at another build (e.g. one chapter's,
#: from make chapter), whose pages outside its table of contents are left out.
SITE = Path(os.environ.get("COURSE_SITE", ROOT / "_build" / "html"))
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if Path("/usr/bin/chromium").exists() else None)


def require(condition: bool, reason: str) -> None:
    """Skip with a reason locally; fail in CI, where nothing may be missing."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: required)")
        pytest.skip(reason)


def toc_files() -> list[str]:
    """Every document of the table of contents, e.g. 'book/power-laws'."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def is_notebook(doc: str) -> bool:
    return "kernelspec:" in (ROOT / f"{doc}.md").read_text().split("---", 2)[1] \
        if (ROOT / f"{doc}.md").read_text().startswith("---") else False


#: Chapters proper: notebooks with exercises (not the introduction or guide pages).
GUIDE_PAGES = {"book/intro", "book/bibliography", "book/how-to-use", "book/instructors",
               "book/run-yourself", "book/feedback"}


#: Flags for headless Chromium on a machine with no network beyond loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def require_chromium() -> str:
    """Debian's chromium, or a skip (locally) / failure (CI) that says how to get it."""
    require(CHROMIUM is not None, "Debian's chromium is not installed (apt-get install "
                                  "chromium); .ci/run installs it")
    return CHROMIUM


@contextlib.contextmanager
def serve(directory):
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yield the URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
