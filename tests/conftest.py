"""Shared test settings: a bounded Hypothesis profile, and the built site's location."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
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
