"""What every explorer shares: controls, a busy state, and its figure shown as PNG bytes.

An explorer draws each figure on a ``matplotlib.figure.Figure`` that pyplot does not manage,
renders it to PNG and puts the bytes in an ``ipywidgets.Image``. Nothing depends on the kernel's
matplotlib backend (a bare Figure shown before the inline backend is set up prints as text),
no figure reaches the inline backend (no second copy under the widget, none in the log console)
and ``plt.get_fignums()`` stays as it was.
"""
from __future__ import annotations

import io
import os
import time

import ipywidgets as w
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

BUSY = "computing…"


def static_mode() -> bool:
    """True while nbgrader executes the notebook: draw static figures, build no controls."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def png_bytes(figure: Figure) -> bytes:
    """The figure rendered as PNG."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class Explorer:
    """Base class: subclasses set ``self.controls`` (name -> widget), call ``self._start()`` and
    implement ``draw(**values) -> Figure``.

    After each redraw: ``.figure`` is the last Figure (not managed by pyplot), ``.png`` its PNG
    bytes, also in ``.image.value`` (an ``ipywidgets.Image``); ``.state`` holds what ``draw``
    computed; ``.seconds`` is how long the redraw took (drawing and rendering included), and
    ``.redraws`` counts them. While a redraw runs, ``.busy`` is True, ``.status`` says
    "computing…" and every control is disabled. ``.note`` (set by a subclass before a redraw, e.g.
    to say which controls it reset) is shown in ``.status`` after that redraw.

    When ``static_mode()`` is on, no control is observed and the explorer displays as one static
    PNG of its default settings.
    """

    controls: dict
    control_width = "330px"        # each control; they wrap onto several rows when the page is narrow
    description_width = "110px"    # the label left of a control

    def _start(self) -> None:
        self.figure: Figure | None = None
        self.png = b""
        self.state: dict = {}
        self.redraws = 0
        self.seconds = 0.0
        self.busy = False
        self.note = ""
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.status = w.Label(value="", layout=w.Layout(min_height="1.6em"))
        for control in self.controls.values():
            control.layout.width = self.control_width
            control.style.description_width = self.description_width
            if not static_mode():
                control.observe(self.update, names="value")
        self._widget: w.Widget | None = None
        self.update()

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None) -> None:
        """Recompute and redraw from the controls' values, showing the busy state meanwhile."""
        start = time.perf_counter()
        self._set_busy(True)
        try:
            figure = self.draw(**self.values())
            self.png = png_bytes(figure)
            plt.close(figure)  # only matters if a subclass drew with pyplot
            self.figure = figure
            self.image.value = self.png
            self.redraws += 1
        finally:
            self._set_busy(False)
        self.seconds = time.perf_counter() - start

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for control in self.controls.values():
            control.disabled = busy
        if busy:
            self.status.value = BUSY
        else:
            self.status.value, self.note = self.note, ""

    def draw(self, **values) -> Figure:
        raise NotImplementedError

    @property
    def widget(self) -> w.Widget:
        """The controls (wrapping onto rows), the status line, then the figure; built once."""
        if self._widget is None:
            controls = w.HBox(list(self.controls.values()),
                              layout=w.Layout(flex_flow="row wrap", grid_gap="4px 12px", width="100%"))
            self._widget = w.VBox([controls, self.status, self.image], layout=w.Layout(width="100%"))
        return self._widget

    def _ipython_display_(self) -> None:
        from IPython.display import Image, display
        display(Image(data=self.png, format="png") if static_mode() else self.widget)
