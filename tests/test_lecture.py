"""Lecture mode (``make lecture``): slide-marked notebooks served by JupyterLab.

The lecture notebooks are made from the executed chapters of the book build (as the
decks); the server is started the way ``make lecture`` starts it, on 127.0.0.1 with a
token, asked for a chapter, and stopped. With Chromium present, the slideshow is also
opened in JupyterLab.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import lecture  # noqa: E402
from sitetools import CHROMIUM_ARGS, IN_CI, require_chromium  # noqa: E402

CHAPTERS = lecture.chapter_names() if lecture.SOURCE.is_dir() else []


def _outside_fences(text: str):
    fence = None
    for line in text.splitlines():
        m = re.match(r"^ {0,3}(`{3,}|~{3,}|:{3,})", line)
        if m and fence is None:
            fence = m.group(1)
            continue
        if (
            m
            and fence
            and line.strip() == m.group(1)
            and m.group(1)[0] == fence[0]
            and len(m.group(1)) >= len(fence)
        ):
            fence = None
            continue
        if fence is None:
            yield line


@pytest.fixture(scope="module")
def lecture_dir(tmp_path_factory):
    if not CHAPTERS:
        pytest.skip(f"no executed chapters in {lecture.SOURCE}: `make book` writes them")
    out = tmp_path_factory.mktemp("lecture")
    written = lecture.prepare(lecture.SOURCE, out)
    assert [p.stem for p in written] == CHAPTERS
    return out


@pytest.mark.parametrize("name", CHAPTERS or ["(none)"])
def test_lecture_notebook_shows_what_the_decks_show(lecture_dir, name):
    import nbformat

    nb = nbformat.read(lecture_dir / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    executed = nbformat.read(lecture.SOURCE / f"{name}.ipynb", as_version=4)
    source = "\n".join(c.source for c in executed.cells if c.cell_type == "markdown")
    sections = [line for line in _outside_fences(source) if re.match(r"^#{1,2} ", line)]
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert kinds.count("slide") >= len(sections) > 0
    assert kinds[0] == "slide"
    # The options the extension reads (its own names: slide_number, not slideNumber).
    options = nb.metadata["myst-revealjs"]
    assert options["theme"] == "white" and options["slide_number"] is True
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    # Glued numbers, citations and references filled in; no MyST role or directive left.
    for raw in ("{glue", "{eq}", "{cite", "{doc}", "{prf:ref}", "{numref}", "```{", ":::{"):
        assert raw not in markdown, (name, raw)
    glued = json.loads((lecture.SOURCE / f"{name}.glue.json").read_text()) \
        if (lecture.SOURCE / f"{name}.glue.json").exists() else {}
    for key in glued:
        assert f"{key}:" not in markdown and f"[{key}]" not in markdown, (name, key)
    # The book's figures are on their slides before anything runs.
    pictures = sum("image/png" in o.get("data", {}) for c in executed.cells
                   if c.cell_type == "code" for o in c.get("outputs", []))
    assert pictures == sum("image/png" in o.get("data", {}) for c in nb.cells
                           if c.cell_type == "code" for o in c.get("outputs", []))
    # The book's hidden cells stay (the notebook must run) but are off the slides.
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if "remove-cell" in tags:
            assert cell.metadata["slideshow"]["slide_type"] == "skip"
            assert cell.metadata["jupyter"]["source_hidden"] is True
        if tags & {"hide-input", "remove-input"}:
            assert cell.metadata["jupyter"]["source_hidden"] is True
    # The lecture plan is in the notebook, as speaker notes of its slides.
    if name in lecture.chapter_numbers(ROOT / "_toc.yml"):
        assert kinds.count("notes") > 0, name
    # A notes cell ends its slide: the slideshow takes the cells after it into the notes.
    shown = [k for k in kinds if k != "skip"]
    for i, kind in enumerate(shown[:-1]):
        if kind == "notes":
            assert shown[i + 1] in {"slide", "subslide", "notes"}, (name, i)
    assert (lecture_dir / "myst-revealjs.css").is_file()


def test_lecture_needs_the_executed_chapters(tmp_path):
    with pytest.raises(SystemExit, match="make book"):
        lecture.prepare(tmp_path / "none", tmp_path / "out")


def test_lecture_command_serves_the_lecture_folder(tmp_path):
    settings = lecture.write_settings(tmp_path / "settings")
    argv = lecture.command(tmp_path, ["--no-browser"], settings)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in argv and argv[-1] == "--no-browser"
    assert f"--LabApp.app_settings_dir={settings}" in argv
    overrides = json.loads((settings / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    # The course's own settings (Markdown opens as a notebook) are kept.
    assert "@jupyterlab/docmanager-extension:plugin" in overrides


def test_make_lecture_target_is_wired():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lecture:", makefile, re.M) and "tools/lecture.py" in makefile
    assert "lecture" in makefile.split(".PHONY:")[1].split("\n")[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture(scope="module")
def lecture_server(lecture_dir, tmp_path_factory):
    for module in ("jupyterlab", "jupyterlab_myst_revealjs"):
        if importlib.util.find_spec(module) is None:
            message = f"{module} is not installed: `make venv` installs requirements.txt"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
    port, token = _free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    env = lecture.environment({**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)})
    settings = lecture.write_settings(tmp_path_factory.mktemp("lab-settings"))
    argv = lecture.command(
        lecture_dir,
        settings=settings,
        extra=[
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
    )
    log = open(runtime / "server.log", "w+")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(f"{base}/api/status?token={token}", timeout=3)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"JupyterLab did not start:\n{log.read()[-3000:]}")
            time.sleep(0.5)
        yield base, token
    finally:
        # Stop the server and its kernels: only the process group started here.
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()


def test_lecture_server_loads_a_chapter(lecture_server):
    base, token = lecture_server
    name = "power-laws" if "power-laws" in CHAPTERS else CHAPTERS[0]
    status, page = _get(f"{base}/lab/tree/{name}.ipynb?token={token}")
    assert status == 200
    config = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {"jupyterlab-myst-revealjs", "jupyterlab-myst"} <= extensions
    status, body = _get(f"{base}/api/contents/{name}.ipynb?token={token}&content=1")
    model = json.loads(body)
    assert status == 200 and model["type"] == "notebook"
    kinds = [
        c["metadata"].get("slideshow", {}).get("slide_type")
        for c in model["content"]["cells"]
    ]
    assert kinds[0] == "slide" and kinds.count("slide") > 1


@pytest.mark.browser
def test_slideshow_opens_in_jupyterlab(lecture_server):
    """The slideshow button's command opens reveal.js slides of the chapter, offline."""
    executable = require_chromium()
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    base, token = lecture_server
    name = "power-laws" if "power-laws" in CHAPTERS else CHAPTERS[0]
    external = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS,
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def route(request_route):
                url = request_route.request.url
                if urlparse(url).hostname == "127.0.0.1" or url.startswith(
                    ("data:", "blob:")
                ):
                    request_route.continue_()
                else:
                    external.append(url)
                    request_route.abort()

            page.route("**/*", route)
            page.goto(f"{base}/lab/tree/{name}.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
            # What the instructors' page says to click: the screen icon in the
            # notebook's toolbar, "Open as Slideshow".
            button = page.locator(
                '.jp-NotebookPanel-toolbar [data-jp-item-name="slideshow-button"]').first
            button.wait_for(timeout=60_000)
            button.click()
            page.wait_for_selector(
                ".reveal .slides section", state="attached", timeout=120_000
            )
            # The slides are built from the rendered cells. Whether every section is
            # there depends on timing under load (a presenter reopens the panel), so
            # the test asks for the title slide and more, not for the exact count; the
            # slide markers themselves are checked above.
            count = "document.querySelectorAll('.reveal .slides > section').length"
            page.wait_for_function(f"{count} >= 2", timeout=60_000, polling=500)
            title = page.locator(".reveal .slides > section").first.locator("h1")
            assert title.first.inner_text().strip().rstrip("¶").strip()
            # MyST is rendered (jupyterlab-myst), not shown as raw directives.
            first = page.locator(".reveal .slides > section").first.inner_text()
            assert "```{" not in first and ":::{" not in first
            # Slide numbers on, the decks' text size, the plan as speaker notes.
            page.wait_for_selector(".reveal .slide-number", state="attached")
            # The extension loads myst-revealjs.css from the notebooks' folder after a
            # build of the slides (a rebuild that overlaps another skips it); the rules
            # are checked on the real slides by adding them as it does.
            size = """() => getComputedStyle(document.querySelector(
                '.reveal .slides .jp-Slideshow-markdownCell p')).fontSize"""
            page.add_style_tag(content=lecture.SLIDE_CSS)
            assert page.evaluate(size) == "20px", page.evaluate(size)
            assert page.locator(".reveal aside.notes").count() > 0
        finally:
            browser.close()
    assert external == []


def test_instructor_page_names_what_exists():
    """The instructor page names only real checks and explorers, and every chapter's."""
    import scaling_lab.explorers  # noqa: F401  (registers every explorer)
    from scaling_lab.exercises import EXERCISES
    from scaling_lab.explore import REGISTRY

    page = (ROOT / "book" / "instructors.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z-]+/[a-z0-9-]+)`", page))
    unknown = named - set(EXERCISES) - set(REGISTRY)
    assert not unknown, (
        f"the instructor page names checks or explorers that do not exist: {unknown}"
    )
    for chapter in CHAPTERS:
        if chapter == "intro":
            continue
        source = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        explorers = set(re.findall(r'get_explorer\("([^"]+)"\)', source))
        assert explorers <= named, (chapter, explorers - named)


def test_lecture_kernels_show_static_explorers():
    """On a slide there is no widget manager: lecture kernels show the static page."""
    from scaling_lab.explore import VIEW_VARIABLE
    from scaling_lab.explorers import get_explorer

    env = lecture.environment({})
    assert env[VIEW_VARIABLE] == "static"
    saved = os.environ.get(VIEW_VARIABLE)
    os.environ[VIEW_VARIABLE] = "static"
    try:
        bundle = get_explorer("power-laws/k-n-offset")._repr_mimebundle_()
    finally:
        if saved is None:
            del os.environ[VIEW_VARIABLE]
        else:
            os.environ[VIEW_VARIABLE] = saved
    assert set(bundle) == {"text/plain", "text/html"}
