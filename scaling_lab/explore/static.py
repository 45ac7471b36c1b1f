"""The static page of an explorer: an SVG figure whose paths a few lines of script switch.

Design: the figure is drawn once by matplotlib as SVG with its moving lines left empty;
each moving line becomes an SVG ``<path>`` whose ``d`` attribute Python precomputes for
every point of the slider grid, through matplotlib's own data-to-page transform. The
page's script only looks values up (no math in JavaScript), so the page works with no
kernel, no network and no library. Identical path strings are stored once.
"""

from __future__ import annotations

import io
import itertools
import json
import re

import numpy as np

from .._validate import ScalingLabError
from ..plotting import STYLE
from .definitions import DASHES, MAX_HTML_BYTES, LineSpec

__all__ = ["static_parts", "frame_paths", "static_html", "escape_attribute", "escape_text"]

_IDS = itertools.count(1)


def _next_id() -> int:
    """A page-unique number for each rendering (SVG ids must not collide)."""
    return next(_IDS)


def static_parts(explorer) -> tuple:
    """The background SVG (moving lines drawn empty) and the path data per frame."""
    import matplotlib.pyplot as plt

    uid = re.sub(r"[^A-Za-z0-9]+", "-", explorer.name).strip("-") + f"-{_next_id()}"
    with plt.rc_context({**STYLE, "svg.hashsalt": uid}):
        fig, axes = explorer._figure(dpi=72)
        # Empty lines give the legend its entries; the overlay paths draw the data.
        for spec in explorer.lines:
            axes[spec.panel].plot([], [], **explorer._line_kwargs(spec))
        explorer._legend(axes)
        fig.draw_without_rendering()  # run the layout once, then freeze it
        fig.set_layout_engine("none")
        height_pt = fig.get_figheight() * 72
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", dpi=72)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    clips = []
    for i, ax in enumerate(axes):
        box = ax.get_window_extent()
        clips.append((f"{uid}-clip{i}", box.x0, height_pt - box.y1, box.width,
                      box.height))
    transforms = [ax.transData for ax in axes]
    log_axes = [(p.xscale == "log", p.yscale == "log") for p in explorer.panels]

    def path_data(spec: LineSpec, x, y) -> str:
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.shape != y.shape:
            raise ScalingLabError(
                f"explorer {explorer.name!r}, line {spec.key!r}: x and y differ in "
                f"length ({x.size} and {y.size})"
            )
        ok = np.isfinite(x) & np.isfinite(y)
        xlog, ylog = log_axes[spec.panel]
        if xlog:
            ok &= x > 0
        if ylog:
            ok &= y > 0
        pts = np.full((x.size, 2), np.nan)
        if ok.any():
            pts[ok] = transforms[spec.panel].transform(np.column_stack([x[ok], y[ok]]))
        pts[:, 1] = height_pt - pts[:, 1]
        pts = np.clip(pts, -5000, 5000)
        out, pen_down = [], False
        for (px, py), good in zip(pts, ok, strict=True):
            if not good:
                pen_down = False
                continue
            if spec.kind == "points":
                out.append(f"M{px:.1f} {py:.1f}h0")
            else:
                out.append(f"{'L' if pen_down else 'M'}{px:.1f} {py:.1f}")
                pen_down = True
        return "".join(out)

    if explorer._table is not None:  # the layout is deterministic: reuse the paths
        return (uid, svg, clips, *explorer._table)
    strings: list[str] = []
    index: dict[str, int] = {}

    def intern(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    frames, notes = [], []
    for params in explorer.grid():
        frame = explorer.frame(**params)
        frames.append([intern(path_data(spec, *frame.curves[spec.key]))
                       for spec in explorer.lines])
        notes.append(intern(frame.note))
    explorer._table = (strings, frames, notes)
    return uid, svg, clips, strings, frames, notes

def frame_paths(explorer, **params) -> list[str]:
    """The SVG path data the static page shows at these slider values, one string
    per line (in the order of ``lines``). Browser tests compare the page to it."""
    if explorer._table is None:
        static_parts(explorer)
    strings, frames, _ = explorer._table
    position = 0
    stride = 1
    values = {**explorer.defaults, **params}
    for slider in reversed(explorer.sliders):
        i = int(np.argmin([abs(v - values[slider.name]) for v in slider.values]))
        position += i * stride
        stride *= len(slider.values)
    return [strings[j] for j in frames[position]]

def static_html(explorer) -> str:
    """The explorer-contained web page fragment: figure, sliders and a short script."""
    uid, svg, clips, strings, frames, notes = static_parts(explorer)
    strides, stride = [], 1
    for slider in reversed(explorer.sliders):
        strides.insert(0, stride)
        stride *= len(slider.values)
    start = sum(s.default_index * st for s, st in zip(explorer.sliders, strides,
                                                      strict=True))
    overlay = ['<g class="sl-moving">']
    overlay.append("<defs>" + "".join(
        f'<clipPath id="{cid}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
        f'height="{h:.1f}"/></clipPath>' for cid, x, y, w, h in clips) + "</defs>")
    for j, spec in enumerate(explorer.lines):
        # Inline style, not presentation attributes: matplotlib's SVG carries a
        # style sheet (stroke-linecap: butt for every element) that would win.
        if spec.kind == "points":
            stroke = (f'style="stroke:{spec.hex};stroke-width:{spec.width:g};'
                      'stroke-linecap:round;fill:none"')
        else:
            dash = DASHES[spec.style]
            dash_css = (f'stroke-dasharray:{",".join(f"{d * spec.width:.2f}" for d in dash)};'
                        if dash else "")
            stroke = (f'style="stroke:{spec.hex};stroke-width:{spec.width:g};'
                      f'stroke-linejoin:round;stroke-linecap:butt;{dash_css}fill:none"')
        overlay.append(
            f'<path data-sl-line="{j}" data-sl-key="{escape_attribute(spec.key)}" '
            f'{stroke} clip-path="url(#{clips[spec.panel][0]})" '
            f'd="{strings[frames[start][j]]}"/>'
        )
    overlay.append("</g>")
    label = f'<title>{escape_text(explorer.alt)}</title>'
    svg = re.sub(r"<svg ", f'<svg role="img" aria-label="{escape_attribute(explorer.alt)}" ', svg,
                 count=1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + label, svg, count=1)
    svg = svg.replace("</svg>", "".join(overlay) + "</svg>")
    controls = []
    for k, slider in enumerate(explorer.sliders):
        sid = f"{uid}-s{k}"
        texts = [slider.text(v) for v in slider.values]
        controls.append(
            f'<label class="sl-slider" for="{sid}"><span class="sl-label">'
            f'{escape_text(slider.label)}</span><input id="{sid}" type="range" min="0" '
            f'max="{len(slider.values) - 1}" step="1" value="{slider.default_index}" '
            f'data-sl-name="{escape_attribute(slider.name)}" '
            f'aria-valuetext="{escape_attribute(texts[slider.default_index])}">'
            f'<output for="{sid}">{escape_text(texts[slider.default_index])}</output></label>'
        )
    data = {
        "name": explorer.name,
        "sliders": [{"name": s.name, "values": list(s.values),
                     "texts": [s.text(v) for v in s.values]} for s in explorer.sliders],
        "strides": strides,
        "strings": strings,
        "frames": frames,
        "notes": notes,
    }
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    html = (
        f'<div class="sl-explorer" id="{uid}" data-explorer="{escape_attribute(explorer.name)}">'
        f"{_STYLE_TAG}"
        f'<p class="sl-title">{escape_text(explorer.title)}</p>'
        f'<div class="sl-controls">{"".join(controls)}</div>'
        f'<div class="sl-figure">{svg}</div>'
        f'<p class="sl-note" aria-live="polite">{escape_text(strings[notes[start]])}</p>'
        f'<script type="application/json" class="sl-data">{payload}</script>'
        f"<script>{_SCRIPT}</script>"
        "</div>"
    )
    size = len(html.encode())
    if size > MAX_HTML_BYTES:
        raise ScalingLabError(
            f"explorer {explorer.name!r} weighs {size / 1e6:.2f} MB on the page; the budget "
            f"is {MAX_HTML_BYTES / 1e6:.1f} MB. Coarsen a slider's grid, use fewer "
            "points per line, or split the explorer."
        )
    return html


def escape_attribute(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def escape_text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_STYLE_TAG = (
    "<style>.sl-explorer{margin:1em 0;padding:.6em .8em;border:1px solid #ccc;"
    "border-radius:6px}.sl-explorer .sl-title{font-weight:600;margin:0 0 .4em}"
    ".sl-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;margin-bottom:.4em}"
    ".sl-slider{display:flex;align-items:center;gap:.5em}"
    ".sl-slider input{width:11em}.sl-slider output{min-width:4.5em;"
    "font-variant-numeric:tabular-nums}"
    ".sl-figure svg{max-width:100%;height:auto;background:#fff;display:block}"
    ".sl-note{margin:.3em 0 0;font-variant-numeric:tabular-nums}</style>"
)

# Switches precomputed paths; no math here, only look-ups into the data Python wrote.
# One listener on the document serves every explorer of the page, including copies of
# an explorer that a front end makes without running its script (a slideshow panel).
_SCRIPT = (
    "(function(){if(window.__slExplorers)return;window.__slExplorers=1;"
    "function up(r){var d=r.__slData||(r.__slData=JSON.parse("
    "r.querySelector('script.sl-data').textContent));"
    "var ins=r.querySelectorAll('input[type=range]');var outs=r.querySelectorAll('output');"
    "var ps=r.querySelectorAll('path[data-sl-line]');var note=r.querySelector('.sl-note');"
    "var k=0;for(var i=0;i<ins.length;i++){var v=+ins[i].value;k+=v*d.strides[i];"
    "var t=d.sliders[i].texts[v];outs[i].textContent=t;"
    "ins[i].setAttribute('aria-valuetext',t);}var f=d.frames[k];"
    "for(var j=0;j<ps.length;j++){ps[j].setAttribute('d',d.strings[f[j]]);}"
    "note.textContent=d.strings[d.notes[k]];r.setAttribute('data-sl-frame',k);}"
    "document.addEventListener('input',function(e){var t=e.target;"
    "if(!t.matches||!t.matches('.sl-explorer input[type=range]'))return;"
    "up(t.closest('.sl-explorer'));},true);})();"
)

