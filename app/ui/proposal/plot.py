"""The pyqtgraph plot of the proposal's income per month (imported only when the chart is built).

One panel in the call chart's style and with its pieces (``app.ui.chart``: the dollar and date
axes, ``PanelItem`` drawing prepared arrays with a few ``QPainter`` calls): a bar of interest per
payment month, the principal returned in a month as a distinct bar capped to the interest scale,
and a line at each position's first call date (where "if called first" ends its income). An edit
hands the panel new arrays; no item is created or removed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QTransform
from PySide6.QtWidgets import QWidget

from app.present.chart_arrays import DAY, EMPTY, Floats
from app.present.proposal_rows import BAR_DAYS, NO_BARS, Marks, MonthBars, month_tip, principal_labels
from app.ui.chart.axes import MoneyAxis, date_axis
from app.ui.chart.painting import Label, PanelItem, Rects, paint_nothing, pen, vertical_line
from app.ui.chart.plot import style_plot
from app.ui.common.palette import current

HEADROOM = 1.32  # room above the capped principal bars for their labels
GROWTH = 1.3  # the y range's room above the tallest bar and its label
LABELS_UP_TO = 6  # principal returns labelled on the chart; beyond, tooltips only
NO_MARKS = Marks(EMPTY, (), (), EMPTY, ())


def _brush(color: str) -> QBrush:
    result: QBrush = pg.mkBrush(color)
    return result


class IncomePanel(PanelItem):
    """Interest bars, capped principal bars with their labels, first call lines."""

    def __init__(self) -> None:
        super().__init__()
        self.interest = Rects()
        self.principal = Rects()
        self.labels: list[Label] = []
        self.call_x: Floats = EMPTY
        c = current()
        self._label_color = c.principal_edge
        self._interest_brush = _brush(c.coupon)
        self._principal_pen, self._principal_brush = pen(c.principal_edge, 1), _brush(c.principal)
        self._call_pen = pen(c.first_call, 1.5, Qt.PenStyle.DashLine)

    def set_labels(self, texts: list[tuple[str, float, float]]) -> bool:
        """Principal labels (text, x, y), reusing the labels held; False when unchanged."""
        while len(self.labels) < len(texts):
            self.labels.append(Label(self._label_color, (1, 1)))
        changed = False
        for label, (text, x, y) in zip(self.labels, texts, strict=False):
            changed = label.set(text, x, y) or changed
        for label in self.labels[len(texts) :]:
            changed = label.hide() or changed
        return changed

    def draw(self, p: QPainter, t: QTransform, device: QRectF, dpr: float) -> None:
        # principal first: a month's interest bar covers its foot (the two read as stacked)
        p.setPen(self._principal_pen)
        p.setBrush(self._principal_brush)
        self.principal.draw(p)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._interest_brush)
        self.interest.draw(p)
        p.resetTransform()
        for x in self.call_x.tolist():
            vertical_line(p, self._call_pen, t.map(x, 0.0)[0], device.top(), device.bottom())
        for label in self.labels:
            label.draw(p, t, self.font)


class IncomePlot(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    """Income per month; ``set_data(bars, marks)`` hands the panel its arrays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalPlot")
        self.setBackground(current().plot_bg)
        self.ci.setContentsMargins(6, 4, 10, 4)
        self.plot = self.addPlot(axisItems={"bottom": date_axis(), "left": MoneyAxis("left")})
        style_plot(self.plot, "Income")
        self.panel = IncomePanel()
        self.plot.addItem(self.panel, ignoreBounds=True)
        paint_nothing(self.plot, self.plot.getViewBox(), self.plot.getViewBox().childGroup, self.ci)
        self.bars: MonthBars = NO_BARS
        self.marks: Marks = NO_MARKS
        self._top: float | None = None
        self._span: tuple[float, float] | None = None
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def set_data(self, bars: MonthBars, marks: Marks, new_view: bool) -> None:
        """Draw ``bars`` and ``marks``; ``new_view`` shows the whole span (positions added,
        removed or another case), else the user's zoom stays."""
        self.bars, self.marks = bars, marks
        panel = self.panel
        width = BAR_DAYS * DAY
        changed = panel.interest.set(bars.x, bars.interest, width)
        needed = (float(bars.interest.max()) if bars.interest.size else 1.0) * HEADROOM or 1.0
        top = self._fit_y(needed, new_view)
        cap = top / HEADROOM
        returned = bars.principal > 0
        changed = panel.principal.set(bars.x[returned], np.full(int(returned.sum()), cap), width) or changed
        labels = principal_labels(bars, marks) if int(returned.sum()) <= LABELS_UP_TO else []
        changed = panel.set_labels([(text, x + width / 2, cap) for text, x in labels]) or changed
        calls = np.unique(marks.call_x)  # notes first callable on one day: one line
        if not np.array_equal(calls, panel.call_x):
            panel.call_x, changed = calls, True
        if changed:
            panel.changed()
        if bars.x.size:
            self._span = (float(bars.x[0]) - 45 * DAY, float(bars.x[-1]) + 45 * DAY)
        if new_view:
            self.reset_view()

    def _fit_y(self, needed: float, force: bool) -> float:
        """The y range's top: ``needed`` with 30% to spare, kept while the bars fit and fill
        more than 40% of it (amounts typed one by one do not redraw the axes each time)."""
        top = self._top
        if force or top is None or needed > top or needed * GROWTH < 0.55 * top:
            top = self._top = needed * GROWTH
            self.plot.setYRange(0, top, padding=0)
        return top

    def reset_view(self) -> None:
        """From the first payment month to the last."""
        if self._span is None:
            return
        x0, x1 = self._span
        self.plot.getViewBox().setLimits(xMin=x0 - 400 * DAY, xMax=x1 + 400 * DAY)
        self.plot.setXRange(x0, x1, padding=0)

    def _mouse_moved(self, pos: Any) -> None:
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        index = self.bars.month_at(vb.mapSceneToView(pos).x())
        vb.setToolTip(month_tip(self.bars, index, self.marks) if index is not None else "")

    # -- what is drawn (tests) ------------------------------------------------------------
    def bar_heights(self) -> tuple[Floats, Floats]:
        return self.panel.interest.x, self.panel.interest.height

    def principal_xs(self) -> Floats:
        return self.panel.principal.x

    def call_xs(self) -> Floats:
        return self.panel.call_x
