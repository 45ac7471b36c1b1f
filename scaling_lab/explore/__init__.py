"""The explorer engine: sliders that move the lines of a figure, live in Jupyter and on a
static page.

The engine is split by concern, with imports in one direction:
:mod:`~scaling_lab.explore.definitions` (Slider, Panel, LineSpec, Frame and the budgets),
then :mod:`~scaling_lab.explore.static` (the static page) and
:mod:`~scaling_lab.explore.live` (the live widget), then
:mod:`~scaling_lab.explore.explorer` (the Explorer), then
:mod:`~scaling_lab.explore.registry`. The chapters' explorers live in
:mod:`scaling_lab.explorers`, which imports this package and never the reverse.

Design choices:

* **One definition, two renderings.** An :class:`Explorer` is a pure function of named
  slider values returning the curves to draw (a :class:`Frame`), plus the fixed parts of
  its figure: panels with fixed limits, the styles of its moving lines, and an optional
  background. The live rendering (ipywidgets in a kernel) and the static rendering (a
  web page with no kernel) both call that one function; no copy of the math exists in
  JavaScript.
* **Live:** ipywidgets sliders update the matplotlib lines in place (``set_data``) and
  re-render one PNG into an ``Image`` widget; ``make bench`` times it against drawing the
  figure anew.
* **Static:** the figure is drawn once as SVG with every moving line removed; each line is
  an SVG ``<path>`` whose ``d`` attribute is precomputed in Python for every point of the
  slider grid (through matplotlib's own data-to-page transform). A few lines of inline
  script switch the paths when a native ``<input type="range">`` moves. The page needs no
  kernel, no network and no library.
* **A budget, kept by construction.** Frames multiply with sliders, so an explorer has at
  most three sliders and at most :data:`MAX_FRAMES` grid points, and its page fragment
  must stay under :data:`MAX_HTML_BYTES`; otherwise it raises, telling the author to
  coarsen the grid or split the idea into two explorers.
* **Both renderings in one output.** Displaying an explorer produces one output with
  the widget view and ``text/html``: JupyterLab shows the live widget, and the book (which
  prefers ``text/html``) shows the static page. With the environment variable
  ``SCALING_LAB_EXPLORER_VIEW=static`` the output carries the static page alone, for a
  front end that cannot host widgets (JupyterLab's slideshow panel in lecture mode).

Examples
--------
>>> import numpy as np
>>> from scaling_lab.explore import Explorer, Frame, LineSpec, Panel, Slider
>>> x = np.logspace(0, 3, 50)
>>> ex = Explorer(
...     name="doc/slope", title="A power law", alt="a line whose slope follows n",
...     function=lambda n: Frame({"y": (x, x**n)}, note=f"slope {n:g}"),
...     sliders=[Slider("n", "exponent n", (-1.0, -0.5, 0.0), default=-0.5)],
...     panels=[Panel(xlabel="x", ylabel="y", xlim=(1, 1e3), ylim=(1e-3, 1e1))],
...     lines=[LineSpec("y", "y = x^n")],
... )
>>> ex.frame(n=-1.0).note
'slope −1'
>>> html = ex.static_html()
>>> html.count('type="range"')
1
"""


from .definitions import (
    MAX_FRAMES,
    MAX_HTML_BYTES,
    MAX_SLIDERS,
    VIEW_VARIABLE,
    Frame,
    LineSpec,
    Panel,
    Slider,
)
from .explorer import Explorer
from .live import LiveExplorer
from .registry import REGISTRY, register

__all__ = [
    "Slider",
    "Panel",
    "LineSpec",
    "Frame",
    "Explorer",
    "LiveExplorer",
    "REGISTRY",
    "register",
    "MAX_SLIDERS",
    "MAX_FRAMES",
    "MAX_HTML_BYTES",
    "VIEW_VARIABLE",
]
