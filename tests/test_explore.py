"""Explorers: one pure function, a live widget and a static page that agree with it."""

import io
import json
import re

import numpy as np
import pytest

import scaling_lab.explorers  # noqa: F401  (registers every explorer)
from scaling_lab import ScalingLabError
from scaling_lab.explore import (
    MAX_FRAMES,
    MAX_HTML_BYTES,
    MAX_SLIDERS,
    REGISTRY,
    Explorer,
    Frame,
    LineSpec,
    Panel,
    Slider,
)
from scaling_lab.explorers import get_explorer

NAMES = sorted(REGISTRY)
_BUILT: dict = {}


def built(name):
    """One instance per explorer for the whole module: its path table is computed once."""
    if name not in _BUILT:
        _BUILT[name] = get_explorer(name)
    return _BUILT[name]


_PAGES: dict = {}


def page_of(name):
    """One static page per explorer for the tests that only read it."""
    if name not in _PAGES:
        _PAGES[name] = built(name).static_html()
    return _PAGES[name]


def small(function=None, sliders=None, lines=None, panels=None):
    x = np.logspace(0, 2, 20)
    return Explorer(
        name="test/small", title="t", alt="a",
        function=function or (lambda n: Frame({"y": (x, x**n)}, note=f"n={n:g}")),
        sliders=sliders or [Slider("n", "n", (-1.0, -0.5, 0.0), default=-0.5)],
        panels=panels or [Panel("x", "y", (1, 100), (1e-2, 1e2))],
        lines=lines or [LineSpec("y", "y")],
    )


def parse_path(d):
    return np.array([[float(a), float(b)] for a, b in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", d)])


def static_data(html):
    payload = re.search(r'<script type="application/json" class="sl-data">(.*?)</script>',
                        html, re.S).group(1)
    return json.loads(payload.replace("<\\/", "</"))


def test_the_power_laws_explorer_is_registered():
    assert "power-laws/k-n-offset" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_explorer_keeps_the_rules(name):
    explorer = built(name)
    assert explorer.name == name
    assert 1 <= len(explorer.sliders) <= MAX_SLIDERS
    frames = list(explorer.grid())
    assert len(frames) <= MAX_FRAMES
    html = explorer.static_html()
    assert len(html.encode()) <= MAX_HTML_BYTES
    assert explorer.alt and explorer.title
    data = static_data(html)
    assert len(data["frames"]) == len(frames)
    # Pure: the same values give the same curves.
    a, b = explorer.frame(), explorer.frame()
    for key in a.curves:
        np.testing.assert_array_equal(a.curves[key][1], b.curves[key][1])


@pytest.mark.parametrize("name", NAMES)
def test_static_page_starts_at_the_default_frame(name):
    explorer = built(name)
    html = explorer.static_html()
    shown = re.findall(r'<path data-sl-line="\d+" data-sl-key="[^"]*" [^>]*d="([^"]*)"', html)
    assert shown == explorer.frame_paths()


@pytest.mark.parametrize("name", NAMES)
def test_sliders_move_some_line(name):
    explorer = built(name)
    for slider in explorer.sliders:
        paths = {tuple(explorer.frame_paths(**{slider.name: v})) for v in slider.values}
        notes = {explorer.frame(**{slider.name: v}).note for v in slider.values}
        assert len(paths) > 1 or len(notes) > 1, f"slider {slider.name!r} changes nothing"


def test_static_paths_map_data_to_the_axes_box():
    """Invert the drawn path through the axes box and recover the function's data."""
    explorer = small()
    html = explorer.static_html()
    x0, y0, w, h = map(float, re.search(
        r'<clipPath id="[^"]+"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
        r'height="([\d.]+)"', html).groups())
    points = parse_path(explorer.frame_paths(n=-1.0)[0])
    x = 10 ** (0 + (points[:, 0] - x0) / w * 2)  # xlim (1, 100): two decades
    y = 10 ** (2 - (points[:, 1] - y0) / h * 4)  # ylim (1e-2, 1e2): four decades
    np.testing.assert_allclose(y, 1 / x, rtol=0.02)
    np.testing.assert_allclose(x[[0, -1]], [1, 100], rtol=0.02)


def test_non_finite_and_non_positive_values_break_the_line():
    x = np.logspace(0, 2, 6)
    explorer = small(function=lambda n: Frame({"y": (x, np.array(
        [1, 2, np.nan, 3, -1, 4.0]))}))
    d = explorer.frame_paths()[0]
    assert d.count("M") == 3 and d.count("L") == 1


def test_points_are_drawn_as_dots():
    explorer = small(lines=[LineSpec("y", "y", kind="points", width=4)])
    html = explorer.static_html()
    assert "stroke-linecap:round" in html
    assert explorer.frame_paths()[0].count("h0") == 20


def test_live_widget_follows_the_function():
    pytest.importorskip("ipywidgets")
    explorer = get_explorer("power-laws/k-n-offset")
    live = explorer.widget()
    before = live.image.value
    live.sliders["n"].value = 0.5
    live.sliders["offset"].value = 1.0
    frame = explorer.frame(n=0.5, offset=1.0)
    for key, line in live.lines.items():
        np.testing.assert_array_equal(line.get_ydata(), frame.curves[key][1])
    assert live.note.value == frame.note
    assert live.image.value != before and live.image.value[:4] == b"\x89PNG"
    # Drawn at twice the size it is shown at ("retina").
    from PIL import Image

    shown = int(live.image.layout.width.removesuffix("px"))
    assert Image.open(io.BytesIO(live.image.value)).width == 2 * shown


def test_one_output_carries_both_renderings():
    pytest.importorskip("ipywidgets")
    bundle = get_explorer("power-laws/k-n-offset")._repr_mimebundle_()
    assert "text/html" in bundle
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].count('type="range"') == 3


@pytest.mark.parametrize(("make", "message"), [
    (lambda: small(sliders=[Slider(c, c, (1.0, 2.0), default=1.0) for c in "abcd"]),
     "has 4 sliders"),
    (lambda: small(sliders=[Slider(c, c, tuple(range(10)), default=1) for c in "abc"]),
     "1000 grid points"),
    (lambda: Slider("n", "n", (1.0, 2.0), default=3.0), "'default' must be one of"),
    (lambda: Slider("n", "n", (1.0,), default=1.0), "at least 2 values"),
    (lambda: small(lines=[LineSpec("y", "y", panel=2)]), "'panel' must be in 0..0"),
    (lambda: small(lines=[LineSpec("y", "y", style="~")]), "'style' must be one of"),
    (lambda: small(lines=[LineSpec("y", "a"), LineSpec("y", "b")]), "keys repeat"),
])
def test_bad_definitions_are_refused(make, message):
    with pytest.raises(ScalingLabError, match=re.escape(message)):
        make()


def test_bad_calls_are_refused():
    with pytest.raises(ScalingLabError, match="has no slider 'm'"):
        small().frame(m=1)
    with pytest.raises(ScalingLabError, match="must return a Frame"):
        small(function=lambda n: {"y": ([1], [1])}).frame()
    with pytest.raises(ScalingLabError, match="lacks the lines"):
        small(function=lambda n: Frame({})).frame()
    with pytest.raises(ScalingLabError, match="no explorer named 'nope'"):
        get_explorer("nope")


def test_the_byte_budget_is_enforced():
    x = np.logspace(0, 2, 100)
    rng = np.random.default_rng(0)
    sliders = [Slider(c, c, tuple(float(i) for i in range(8)), default=0.0) for c in "abc"]
    lines = [LineSpec(f"l{i}", f"l{i}") for i in range(3)]
    explorer = small(
        function=lambda a, b, c: Frame({f"l{i}": (x, rng.random(100) * 10 + 0.1)
                                        for i in range(3)}),
        sliders=sliders, lines=lines)
    with pytest.raises(ScalingLabError, match="weighs .* MB on the page"):
        explorer.static_html()


@pytest.mark.parametrize("name", NAMES)
def test_every_slider_changes_the_note(name):
    """The note is what a screen reader hears: each position of each slider (the others
    where they start) gives its own note."""
    explorer = built(name)
    for slider in explorer.sliders:
        notes = [explorer.frame(**{slider.name: v}).note.strip() for v in slider.values]
        assert all(notes), f"{name}: slider {slider.name!r} leaves the note empty"
        repeated = [slider.text(v) for v, a, b in
                    zip(slider.values[1:], notes[:-1], notes[1:], strict=True) if a == b]
        assert not repeated, (
            f"{name}: moving {slider.name!r} to {repeated} does not change the note")


@pytest.mark.parametrize("name", NAMES)
def test_the_static_page_speaks_once_and_describes_its_figure(name):
    explorer = built(name)
    html = page_of(name)
    assert "aria-live" not in html and 'role="status"' not in html
    note_id = re.search(r'<p class="sl-note" id="([^"]+)">', html).group(1)
    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert f'aria-describedby="{note_id}"' in svg and 'role="img"' in svg
    outputs = re.findall(r"<output [^>]*>", html)
    assert len(outputs) == len(explorer.sliders)
    assert all('aria-hidden="true"' in o for o in outputs)
    note = explorer.frame().note
    for slider, tag in zip(explorer.sliders, re.findall(r'<input [^>]*>', html), strict=True):
        expected = slider.text(slider.values[slider.default_index]) + ": " + note
        valuetext = re.search(r'aria-valuetext="([^"]*)"', tag).group(1)
        assert html_unescape(valuetext) == expected


@pytest.mark.parametrize("name", NAMES)
def test_panels_stack_on_a_narrow_screen(name):
    """Several panels: one view per panel, each a <use> of the one drawing (no copy of
    its paths), cropped to a region inside the figure."""
    explorer = built(name)
    html = page_of(name)
    views = re.findall(r'<svg viewBox="([\d. -]+)"[^>]*><use href="#([^"]+)"/></svg>', html)
    if len(explorer.panels) == 1:
        assert not views and 'class="sl-stack"' not in html
        return
    assert len(views) == len(explorer.panels)
    uid = re.search(r'<div class="sl-explorer" id="([^"]+)"', html).group(1)
    assert '<div class="sl-figure sl-multi">' in html
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', html).groups())
    lefts = []
    for box, target in views:
        assert target == f"{uid}-all"
        x, y, w, h = map(float, box.split())
        assert 0 <= x and x + w <= width + 0.1 and 0 <= y and y + h <= height + 0.1
        assert w > 0.2 * width / len(explorer.panels)
        lefts.append(x)
    assert lefts == sorted(lefts)
    assert html.count(f'id="{uid}-all"') == 1


@pytest.mark.parametrize("name", NAMES)
def test_legends_sit_outside_the_data_and_each_axis_has_one_tick_format(name):
    explorer = built(name)
    fig, _ = explorer.draw()
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            assert not legend.get_window_extent(renderer).overlaps(ax.bbox), (
                f"{name}: a legend over the data")
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            labels = [t.get_text() for t in axis.get_ticklabels(which="both")
                      if t.get_text() and lo <= t.get_position()[axis is ax.yaxis] <= hi]
            kinds = {"power" if "^" in t else "plain" for t in labels}
            assert len(kinds) <= 1, f"{name}: one axis mixes {labels}"


def html_unescape(text):
    import html

    return html.unescape(text)
