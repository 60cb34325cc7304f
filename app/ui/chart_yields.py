"""The yield panel of the chart: the yield to each call date, the yield to maturity, and the
workout date (yield to worst) emphasised. Yields come from the ``Quote`` (``quote.yields``)."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from app.domain.model import Quote
from app.ui.chart import YIELD
from app.ui.chart_markers import Markers
from app.ui.present import fmt_date, fmt_rate

_EPOCH = date(1970, 1, 1).toordinal()
DAY = 86400.0


class PercentAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = 2 if spacing < 0.1 else 1
        return [f"{v * scale:.{places}f}%" for v in values]


def _x(d: date) -> float:
    return (d.toordinal() - _EPOCH) * DAY


_DATE = attrgetter("date")
_YIELD = attrgetter("yield_pct")
_PAYMENT = attrgetter("payment_date")


class YieldPanel:
    """Fills one ``PlotItem`` (with a ``PercentAxis`` on the left) with the yields of a quote."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.view = plot.getViewBox()
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(YIELD, width=1.0))
        self.dots = Markers("o", 5, pen=None, brush=YIELD)
        self.maturity = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen(YIELD, width=1, style=Qt.PenStyle.DotLine)
        )
        self.workout = Markers("d", 14, pen="w", brush="#b42318")
        self.label = pg.TextItem("", color="#b42318", anchor=(-0.08, -0.05))
        for item in (self.curve, self.dots, self.workout):
            plot.addItem(item)
        for item in (self.maturity, self.label):
            plot.addItem(item, ignoreBounds=True)
        self._range: tuple[float, float] | None = None
        self._shown: tuple[Any, ...] | None = None
        self.by_date: dict[date, Any] = {}

    def set_quote(self, quote: Quote | None) -> None:
        y = quote.yields if quote is not None else None
        visible = y is not None and y.maturity_pct is not None
        for item in (self.curve, self.dots, self.maturity, self.workout, self.label):
            item.setVisible(visible)
        if not visible or quote is None or y is None or y.maturity_pct is None:
            self.by_date = {}
            self._shown = None
            return
        # an amount typed leaves the yields as they were: nothing to redraw then
        shown = (y, quote.redemption.payment_date, quote.purchase.settle_date)
        if shown == self._shown:
            return
        self._shown = shown
        self.by_date = dict(zip(map(_DATE, y.to_call), map(_YIELD, y.to_call), strict=True))
        calls = [c for c in quote.calls if c.date in self.by_date]
        xs = np.fromiter(map(_x, map(_PAYMENT, calls)), float, len(calls))
        ys = np.fromiter(map(float, map(self.by_date.__getitem__, map(_DATE, calls))), float, len(calls))
        ytm = float(y.maturity_pct)
        maturity_x = _x(quote.redemption.payment_date)
        self.curve.setData(x=np.append(xs, maturity_x), y=np.append(ys, ytm), skipFiniteCheck=True)
        dots = xs.size <= 60
        self.dots.setData(
            x=np.append(xs, maturity_x) if dots else [maturity_x], y=np.append(ys, ytm) if dots else [ytm]
        )
        if self.maturity.value() != ytm:
            self.maturity.setPos(ytm)
        self._workout(quote, ytm, maturity_x)
        self._fit(np.append(ys, ytm))

    def _workout(self, quote: Quote, ytm: float, maturity_x: float) -> None:
        y = quote.yields
        assert y is not None
        when = y.worst_date
        call = next((c for c in quote.calls if c.date == when), None)
        wx = _x(call.payment_date) if call is not None else maturity_x
        wy = float(y.worst_pct) if y.worst_pct is not None else ytm
        self.workout.setData(x=[wx], y=[wy])
        text = f"Worst {fmt_rate(y.worst_pct)} · {fmt_date(when)}"
        if self.label.toPlainText() != text:
            self.label.setText(text)
        if self.label.pos().x() != wx or self.label.pos().y() != wy:
            self.label.setPos(wx, wy)
        # beside the diamond, on the side with room (a workout at maturity is at the right edge)
        late = call is None or wx > (_x(quote.purchase.settle_date) + maturity_x) / 2
        anchor = (1.08, -0.05) if late else (-0.08, -0.05)
        if tuple(self.label.anchor) != anchor:
            self.label.setAnchor(anchor)

    def _fit(self, values: np.ndarray[Any, Any]) -> None:
        """Keep the range while the yields fit in it with a margin (no redraw of the axis)."""
        low, high = float(values.min()), float(values.max())
        span = max(high - low, 0.25)
        current = self._range
        if current is None or low < current[0] or high > current[1] or span < 0.4 * (current[1] - current[0]):
            self._range = (low - 0.9 * span, high + 0.35 * span)
            self.plot.setYRange(*self._range, padding=0)

    def yield_on(self, d: date) -> Any:
        return self.by_date.get(d)
