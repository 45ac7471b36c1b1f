"""The static page of an explorer: an SVG figure whose paths a few lines of script switch.

Design: the figure is drawn once by matplotlib as SVG with its moving lines left empty;
each moving line becomes an SVG ``<path>`` whose ``d`` attribute Python precomputes for
every point of the slider grid, through matplotlib's own data-to-page transform. The
page's script only looks values up (no math in JavaScript), so the page works with no
kernel, no network and no library. Identical path strings are stored once.

On a narrow screen (the explorer's box under 600 px) an explorer of several panels shows
them one below the other: each is an ``<svg>`` whose viewBox crops one panel out of the
drawing through ``<use>``, so nothing is stored twice and the switched paths show in
every view. For a screen reader the figure is one image named by the alt text and
described (``aria-describedby``) by the note; a slider move is announced once, as the
slider's value text (its value, then the note), with no live region to repeat it.
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

__all__ = ["static_parts", "frame_paths", "static_html", "smallest_text", "value_text",
           "escape_attribute", "escape_text"]

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
    explorer._crops = _panel_crops(fig, axes) if len(axes) > 1 else []
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

def smallest_text(explorer) -> float:
    """The smallest font size (points, which are the SVG's units) of any text in the
    explorer's figure: tick labels, axis labels, titles, legends, annotations. A page
    shows it at ``size * (rendered width / viewBox width)`` CSS pixels."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    with plt.rc_context(STYLE):
        fig, axes = explorer._figure(dpi=72)
        for spec in explorer.lines:
            axes[spec.panel].plot([], [], **explorer._line_kwargs(spec))
        explorer._legend(axes)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        sizes = [t.get_fontsize() for t in fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip()
                 and t.get_window_extent(renderer).overlaps(fig.bbox)]
    return float(min(sizes))


def _panel_crops(fig, axes) -> list[tuple]:
    """Each panel's own region of the figure (axes, labels, title and legend), as an SVG
    viewBox ``(x, y, width, height)`` in points: a narrow screen shows the panels one
    below the other, each a view of the one drawing."""
    renderer = fig.canvas.get_renderer()  # Agg's, attached when the legends were measured
    width_pt, height_pt = fig.get_figwidth() * 72, fig.get_figheight() * 72
    scale = 72 / fig.dpi
    crops = []
    for ax in axes:
        box = ax.get_tightbbox(renderer)
        x0, x1 = max(box.x0 * scale - 3, 0), min(box.x1 * scale + 3, width_pt)
        y0 = max(height_pt - box.y1 * scale - 3, 0)
        y1 = min(height_pt - box.y0 * scale + 3, height_pt)
        crops.append((x0, y0, x1 - x0, y1 - y0))
    return crops


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
    note_id = f"{uid}-note"
    # One accessible figure: its name is the alt text, its description the note.
    label = f'<title>{escape_text(explorer.alt)}</title>'
    svg = re.sub(r"<svg ", f'<svg role="img" aria-label="{escape_attribute(explorer.alt)}" '
                 f'aria-describedby="{note_id}" ', svg, count=1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + label + f'<g id="{uid}-all">', svg,
                 count=1)
    svg = svg.replace("</svg>", "".join(overlay) + "</g></svg>")
    stack = ""
    if explorer._crops:
        # On a narrow screen: each panel at a readable size, below the one before; every
        # view is a <use> of the drawing above, so the paths are stored (and switched) once.
        views = "".join(
            f'<svg viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}" style="max-width:{w * 1.6:.0f}px"'
            f'><use href="#{uid}-all"/></svg>'
            for x, y, w, h in explorer._crops)
        stack = f'<div class="sl-stack" aria-hidden="true">{views}</div>'
    note = strings[notes[start]]
    controls = []
    for k, slider in enumerate(explorer.sliders):
        sid = f"{uid}-s{k}"
        texts = [slider.text(v) for v in slider.values]
        # The slider speaks once per move: its value and the note, as its value text.
        # The visible value is hidden from assistive technology (it would be a second
        # announcement), and the note is no live region (a third).
        controls.append(
            f'<div class="sl-slider"><label class="sl-label" id="{sid}-label" for="{sid}">'
            f'{escape_text(slider.label)}</label><input id="{sid}" type="range" min="0" '
            f'max="{len(slider.values) - 1}" step="1" value="{slider.default_index}" '
            f'data-sl-name="{escape_attribute(slider.name)}" '
            f'aria-labelledby="{sid}-label" '
            f'aria-valuetext="{escape_attribute(value_text(texts[slider.default_index], note))}">'
            f'<output for="{sid}" aria-hidden="true">'
            f'{escape_text(texts[slider.default_index])}</output></div>'
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
    multi = " sl-multi" if stack else ""
    html = (
        f'<div class="sl-explorer" id="{uid}" data-explorer="{escape_attribute(explorer.name)}">'
        f"{_STYLE_TAG}"
        f'<p class="sl-title">{escape_text(explorer.title)}</p>'
        f'<div class="sl-controls">{"".join(controls)}</div>'
        f'<div class="sl-figure{multi}"><div class="sl-full">{svg}</div>{stack}</div>'
        f'<p class="sl-note" id="{note_id}">{escape_text(note)}</p>'
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


def value_text(value: str, note: str) -> str:
    """What a screen reader says when a slider moves: the value, then the note."""
    return f"{value}: {note}" if note else value


def escape_attribute(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def escape_text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_STYLE_TAG = (
    "<style>.sl-explorer{margin:1em 0;padding:.6em .8em;border:1px solid #ccc;"
    "border-radius:6px;container-type:inline-size;max-width:100%;box-sizing:border-box}"
    ".sl-explorer .sl-title{font-weight:600;margin:0 0 .4em}"
    ".sl-controls{display:flex;flex-wrap:wrap;gap:.4em 1.4em;margin-bottom:.4em}"
    ".sl-slider{display:flex;flex-wrap:wrap;align-items:center;gap:.2em .5em;"
    "max-width:100%;min-width:0}"
    ".sl-slider input{width:11em;max-width:100%;min-width:0;flex:0 1 11em;margin:0}"
    ".sl-slider output{min-width:4.5em;font-variant-numeric:tabular-nums}"
    ".sl-figure{position:relative}"
    ".sl-figure svg{max-width:100%;height:auto;background:#fff;display:block}"
    ".sl-stack{display:none}"
    ".sl-stack svg{width:100%;margin:0 auto .3em}"
    "@container (max-width:600px){"
    ".sl-slider{flex:1 1 100%}.sl-slider .sl-label{flex:1 1 100%}"
    ".sl-slider input{flex:1 1 8em;width:auto}"
    ".sl-figure.sl-multi .sl-full{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip-path:inset(50%);white-space:nowrap}"
    ".sl-figure.sl-multi .sl-stack{display:block}}"
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
    "var k=0;for(var i=0;i<ins.length;i++){k+=(+ins[i].value)*d.strides[i];}"
    "var f=d.frames[k];var n=d.strings[d.notes[k]];"
    "for(var j=0;j<ps.length;j++){ps[j].setAttribute('d',d.strings[f[j]]);}"
    "for(i=0;i<ins.length;i++){var t=d.sliders[i].texts[+ins[i].value];"
    "outs[i].textContent=t;ins[i].setAttribute('aria-valuetext',n?t+': '+n:t);}"
    "note.textContent=n;r.setAttribute('data-sl-frame',k);}"
    "document.addEventListener('input',function(e){var t=e.target;"
    "if(!t.matches||!t.matches('.sl-explorer input[type=range]'))return;"
    "up(t.closest('.sl-explorer'));},true);})();"
)
