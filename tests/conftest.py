"""Shared test settings: a bounded Hypothesis profile, and the built site's location."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# Bounded and deterministic: the suite's time does not depend on luck.
settings.register_profile(
    "course", max_examples=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, through Playwright (skipped locally without it)."""
    from sitetools import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server():
    """The built site served on 127.0.0.1 (skipped locally when it is not built)."""
    from sitetools import SITE, require, serve

    require((SITE / "index.html").exists(), "the site is not built: run 'make book' first")
    with serve(SITE) as url:
        yield url
