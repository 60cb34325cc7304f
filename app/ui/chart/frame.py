"""The call chart's frame (``callChart``): a header with a reset button, and the pyqtgraph plot
created after the window's first paint (``ensure_plot``) so start-up never waits for pyqtgraph.

The chart is handed domain objects (``set_quote``) and never reaches back into the window; it is
faded with a note while the inputs on screen are not those of its quote (``set_stale``). It takes
the keyboard focus (Tab): Left/Right move the dates, +/− zoom, 0 or Home shows the whole life.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Quote
from app.ui.chart.parts import drop, header, plot_stack
from app.ui.chart.style import legend_html
from app.ui.common import stale_note, theme

if TYPE_CHECKING:
    from app.ui.chart.plot import PaymentChart

log = logging.getLogger("termsheet.ui")


class CallChart(QFrame):
    """Coupon payments, call dates and the income a call takes away."""

    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callChart")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip("Tab here, then Left/Right: move the dates · +/−: zoom · 0: the whole life")
        self.plot: PaymentChart | None = None
        self._quote: Quote | None = None
        self.stale = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        head, row, self.title, self.reset_button = header(
            "Payments and call dates", "Show the whole life of the note (Ctrl+0)", self.reset_zoom
        )
        self.hint = QLabel("Wheel: zoom · drag: pan · hover a bar for details")
        self.hint.setObjectName("chartHint")
        # the hint gives way (clipped) when the panel is narrow; the title and button stay
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.stale_note = stale_note("chartStaleNote")
        row.addWidget(self.title)
        row.addWidget(self.stale_note)
        row.addWidget(self.hint, 1)
        row.addWidget(self.reset_button)
        layout.addWidget(head)
        self.legend = QLabel(legend_html())
        self.legend.setObjectName("chartLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setContentsMargins(10, 2, 10, 0)
        layout.addWidget(self.legend)
        self.stack, self.placeholder = plot_stack("Loading chart…")
        layout.addWidget(self.stack, 1)
        theme.notifier().changed.connect(self.restyle)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def _fit_hint(self) -> None:
        """The hint shows only whole, beside the title, the stale note and the button."""
        room = self.width() - self.title.sizeHint().width() - self.reset_button.sizeHint().width() - 40
        if self.stale:
            room -= self.stale_note.sizeHint().width()
        self.hint.setVisible(room >= self.hint.sizeHint().width())

    def ensure_plot(self) -> PaymentChart:
        """Create the plot (imports pyqtgraph) and draw the latest quote on it."""
        if self.plot is None:
            plot = self._create_plot()
            self.ready.emit()
            return plot
        return self.plot

    def _create_plot(self) -> PaymentChart:
        from app.ui.chart.plot import PaymentChart

        self.plot = PaymentChart(self)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the frame takes the keys
        self.stack.addWidget(self.plot)
        self.plot.setGeometry(self.stack.contentsRect())  # the stack's own layout does it later
        self.plot.set_quote(self._quote)
        self.plot.set_stale(self.stale)
        self._show_page()
        self.plot.lay_out_now()  # at the size it is shown at: painted once, not laid out again after
        return self.plot

    def restyle(self) -> None:
        """The theme changed: the legend and the plot in the new colours (the plot's pens,
        brushes and cached axes are built with them, so it is built again)."""
        self.legend.setText(legend_html())
        old, self.plot = self.plot, None
        if drop(self.stack, old):
            self._create_plot()

    def set_quote(self, quote: Quote | None) -> None:
        self._quote = quote
        if self.plot is not None:
            self.plot.set_quote(quote)
            self._show_page()

    def set_stale(self, stale: bool) -> None:
        """Fade the plot and show the note while the inputs are not those of the quote drawn."""
        if stale == self.stale:
            return
        self.stale = stale
        self.stale_note.setVisible(stale)
        self._fit_hint()
        if self.plot is not None:
            self.plot.set_stale(stale)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plot, key = self.plot, event.key()
        moves = {Qt.Key.Key_Left: -0.2, Qt.Key.Key_Right: 0.2}
        zooms = {Qt.Key.Key_Plus: 0.8, Qt.Key.Key_Equal: 0.8, Qt.Key.Key_Minus: 1.25}
        if plot is None or self._quote is None:
            super().keyPressEvent(event)
        elif key in moves:
            plot.pan(moves[Qt.Key(key)])
        elif key in zooms:
            plot.zoom(zooms[Qt.Key(key)])
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            plot.reset_view()
        else:
            super().keyPressEvent(event)

    def _show_page(self) -> None:
        if self._quote is None:
            self.placeholder.setText("Select a CUSIP to chart its payments and call dates.")
            self.stack.setCurrentWidget(self.placeholder)
        elif self.plot is not None:
            self.stack.setCurrentWidget(self.plot)

    def reset_zoom(self) -> None:
        if self.plot is not None:
            self.plot.reset_view()

    # -- what is drawn (for tests and accessibility) -------------------------------------
    def bar_count(self) -> int:
        return self.plot.bar_count() if self.plot is not None else 0

    def call_line_count(self) -> int:
        return self.plot.call_line_count() if self.plot is not None else 0
