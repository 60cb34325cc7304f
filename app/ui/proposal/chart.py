"""The proposal's chart frame (``proposalChart``): a header with the legend and a reset button, and
the plot of income per month (``plot``, pyqtgraph) created when the panel is first shown.

It is handed the proposal (``set_proposal(p, called, new_view)``) and never reaches back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.proposal import Proposal
from app.present.proposal_rows import Marks, MonthBars, marks, month_bars
from app.ui.chart import parts, style
from app.ui.common import theme
from app.ui.common.palette import current

if TYPE_CHECKING:
    from app.ui.proposal.plot import IncomePlot


def legend_html() -> str:
    """The legend in the colours in use (``palette.current()``), drawn as the call chart's."""
    c = current()
    return style.legend_html(
        (
            ("■", "Interest paid in the month", c.coupon),
            ("■", "Principal returned (bar capped)", c.principal),
            ("┆", "First call date", c.first_call),
        )
    )


class IncomeChart(QFrame):
    """Income per month of the proposal, principal returns and first call dates marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalChart")
        self.plot: IncomePlot | None = None
        self.bars: MonthBars | None = None
        self.marks: Marks | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        head, row, self.title, self.reset_button = parts.header(
            "Income per month", "Show every payment month", self.reset_zoom
        )
        self.legend = QLabel(legend_html())
        self.legend.setObjectName("chartLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.title)
        row.addSpacing(12)
        row.addWidget(self.legend, 1)
        row.addWidget(self.reset_button)
        layout.addWidget(head)
        self.stack, self.placeholder = parts.plot_stack("Add a purchase to the proposal to chart its income.")
        layout.addWidget(self.stack, 1)
        theme.notifier().changed.connect(self.restyle)

    def restyle(self) -> None:
        """The theme changed: the legend and the plot in the new colours (the plot's pens and
        cached axes are built with them, so it is built again with the same figures, the whole
        span in view)."""
        self.legend.setText(legend_html())
        old, self.plot = self.plot, None
        if parts.drop(self.stack, old):
            self.ensure_plot()

    def ensure_plot(self) -> IncomePlot:
        """Create the plot (imports pyqtgraph) and draw the latest figures on it."""
        if self.plot is None:
            from app.ui.proposal.plot import IncomePlot

            self.plot = IncomePlot(self)
            self.stack.addWidget(self.plot)
            self._draw(True)
        return self.plot

    def set_proposal(self, p: Proposal, called: bool, new_view: bool) -> None:
        """The bars and marks of ``p`` in one case; the zoom stays unless ``new_view``."""
        self.bars = month_bars(p.month_series(called))
        self.marks = marks(p, called)
        self._draw(new_view)

    def _draw(self, new_view: bool) -> None:
        bars = self.bars
        if self.plot is None or bars is None or self.marks is None:
            return
        if not bars.x.size:
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.plot.set_data(bars, self.marks, new_view)
        self.stack.setCurrentWidget(self.plot)

    def reset_zoom(self) -> None:
        if self.plot is not None:
            self.plot.reset_view()
