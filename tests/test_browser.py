"""Every page in a real browser, as a reader sees it: served from 127.0.0.1 with no
network, every slider moved with the keyboard and its figure checked against what
scaling_lab computes, math rendered, no request to another host, no console error."""

from __future__ import annotations

import json

import pytest
import sitetools
from sitetools import toc_files

pytestmark = pytest.mark.browser

SITE = sitetools.SITE
PAGES = [doc for doc in toc_files() if (SITE / f"{doc}.html").exists()] or toc_files()

#: Console messages from the theme's own scripts that are not errors of this course.
THEME_NOISE = ("Got invalid theme mode",)


def open_page(browser, url):
    """Open ``url``; block and record requests to other hosts, failures and errors."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"external": [], "failed": [], "errors": []}

    def route(route):
        if route.request.url.startswith("http://127.0.0.1:") or \
                route.request.url.startswith("data:"):
            route.continue_()
        else:
            seen["external"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    page.on("requestfailed", lambda r: seen["failed"].append(f"failed {r.url}")
            if r.url.startswith("http://127.0.0.1") else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text)
            if m.type == "error" and not m.text.startswith(THEME_NOISE) else None)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => !window.MathJax || !window.MathJax.startup || "
                           "window.MathJax.startup.promise !== undefined", timeout=10000)
    page.wait_for_timeout(300)
    return page, seen


@pytest.mark.parametrize("doc", PAGES)
def test_page_offline_clean_and_math_rendered(server, browser, doc):
    page, seen = open_page(browser, f"{server}/{doc}.html")
    try:
        page.evaluate("() => window.MathJax && MathJax.startup.promise")
        assert not seen["external"], f"requests to other hosts: {seen['external'][:5]}"
        assert not seen["failed"], f"failed requests: {seen['failed'][:5]}"
        assert not seen["errors"], f"console errors: {seen['errors'][:5]}"
        text = page.inner_text("article")
        assert "$$" not in text and "\\(" not in text and "\\[" not in text, \
            "raw TeX left in the page"
        if page.locator("div.math, span.math").count():
            assert page.locator("mjx-container").count() > 0, "math was not typeset"
    finally:
        page.close()


def explorer_pages():
    pages = []
    for doc in PAGES:
        path = SITE / f"{doc}.html"
        if path.exists() and 'class="sl-explorer"' in path.read_text(encoding="utf-8"):
            pages.append(doc)
    return pages or ["book/power-laws"]


@pytest.mark.parametrize("doc", explorer_pages())
def test_every_slider_moves_its_figure_to_what_scaling_lab_computes(server, browser, doc):
    from scaling_lab.explorers import get_explorer

    page, seen = open_page(browser, f"{server}/{doc}.html")
    try:
        roots = page.locator(".sl-explorer")
        assert roots.count() > 0
        for i in range(roots.count()):
            root = roots.nth(i)
            name = root.get_attribute("data-explorer")
            explorer = get_explorer(name)
            data = json.loads(root.locator("script.sl-data").text_content())
            sliders = root.locator("input[type=range]")
            assert sliders.count() == len(explorer.sliders)
            for s in range(sliders.count()):
                slider = sliders.nth(s)
                slider.scroll_into_view_if_needed()
                slider.focus()
                size = len(explorer.sliders[s].values)
                states = {}
                for key in ("Home", "ArrowRight", "End", "ArrowLeft"):
                    slider.press(key)
                    positions = [int(sliders.nth(k).input_value())
                                 for k in range(sliders.count())]
                    values = {sl.name: sl.values[p]
                              for sl, p in zip(explorer.sliders, positions, strict=True)}
                    shown = [root.locator(f'path[data-sl-line="{j}"]').get_attribute("d")
                             for j in range(len(explorer.lines))]
                    assert shown == explorer.frame_paths(**values), (
                        f"{name}: slider {explorer.sliders[s].name} at {values}")
                    note = root.locator(".sl-note").inner_text()
                    assert note == explorer.frame(**values).note.strip()
                    output = root.locator("output").nth(s).inner_text()
                    assert output == data["sliders"][s]["texts"][positions[s]]
                    states[key] = (shown, note)
                if size > 1:
                    assert states["Home"] != states["End"], (
                        f"{name}: moving {explorer.sliders[s].name} changed nothing")
                slider.press("Home")
        assert not seen["errors"], seen["errors"][:5]
    finally:
        page.close()
