"""The live rendering of an explorer: ipywidgets sliders over a blitted matplotlib figure.

Design: the fixed parts of the figure are drawn once; a slider move recomputes one frame,
moves the lines in place (``set_data``) and re-renders one PNG into an ``Image`` widget,
which ``make bench`` times against drawing the whole figure anew. ipywidgets and PIL are
imported only when a live explorer is made, so the package imports without them.
"""

from __future__ import annotations

import base64
import io

from .static import escape_text

__all__ = ["LiveExplorer"]


class LiveExplorer:
    """The live rendering: ipywidgets sliders, an image of the figure, and a note.

    Attributes
    ----------
    sliders : dict of str to ipywidgets.SelectionSlider
    image : ipywidgets.Image
    note : ipywidgets.HTML
    lines : dict of str to matplotlib.lines.Line2D
    figure : matplotlib.figure.Figure
    box : ipywidgets.VBox
        What is displayed.

    Setting a slider's ``value`` updates the lines in place and re-renders the image.
    """

    def __init__(self, explorer):
        import ipywidgets as widgets
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.explorer = explorer
        self.figure, self.lines = explorer.draw()
        self.figure.set_dpi(self.DPI * self.PIXEL_RATIO)
        canvas = FigureCanvasAgg(self.figure)
        # Blitting: draw the fixed parts once, then only the moving lines per update.
        for line in self.lines.values():
            line.set_animated(True)
        canvas.draw()
        self.figure.set_layout_engine("none")
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self.sliders = {}
        for slider in explorer.sliders:
            options = [(slider.text(v), v) for v in slider.values]
            self.sliders[slider.name] = widgets.SelectionSlider(
                options=options, value=slider.values[slider.default_index],
                description=slider.label, continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="320px"),
            )
        # The image carries twice the pixels it is shown at: sharp on a high-density
        # screen, at the same size on the page as a figure of DPI dots per inch.
        shown = round(self.figure.get_figwidth() * self.DPI)
        self.image = widgets.Image(format="png", value=self._png(), layout=widgets.Layout(
            width=f"{shown}px", max_width="100%", height="auto"))
        self.note = widgets.HTML(value=escape_text(explorer.frame().note))
        for control in self.sliders.values():
            control.observe(self.update, names="value")
        title = widgets.HTML(value=f"<b>{escape_text(explorer.title)}</b>")
        self.box = widgets.VBox([title, widgets.HBox(list(self.sliders.values()),
                                                     layout=widgets.Layout(flex_flow="row wrap")),
                                 self.image, self.note])

    #: Size of the live image on the page, in CSS pixels per inch of the figure.
    DPI = 90
    #: Image pixels per CSS pixel (2: "retina").
    PIXEL_RATIO = 2

    @property
    def values(self) -> dict:
        """The current slider values."""
        return {name: control.value for name, control in self.sliders.items()}

    def _png(self) -> bytes:
        from PIL import Image

        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for line in self.lines.values():
            line.axes.draw_artist(line)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw",
                                 "RGBA", 0, 1).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()

    def update(self, change=None) -> None:
        """Recompute the frame at the current slider values and redraw in place."""
        frame = self.explorer.frame(**self.values)
        for key, line in self.lines.items():
            x, y = frame.curves[key]
            line.set_data(x, y)
        self.note.value = escape_text(frame.note)
        self.image.value = self._png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)

    def png_base64(self) -> str:
        """The current figure as base64 PNG (for tests and slides)."""
        return base64.b64encode(self._png()).decode()

