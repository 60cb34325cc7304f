"""The yield panel of the chart: the yield to each call date, the yield to maturity, and the
workout date (yield to worst) emphasised. Yields come from the ``Quote`` (``quote.yields``).
One item draws the panel (see ``painting``); an edit that leaves the yields as they were
(an amount typed) does not touch it."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QTransform

from app.domain.model import WORST_CALLS_UNKNOWN, CallDate, Quote
from app.present.chart_arrays import Floats, epoch
from app.present.rows import fmt_date, fmt_rate
from app.present.words import worst_words
from app.ui.chart.painting import Label, PanelItem, Series, Symbol, horizontal_line, pen
from app.ui.chart.style import DOTS_UP_TO
from app.ui.common.palette import current

_x = epoch
_DATE = attrgetter("date")
_YIELD = attrgetter("yield_pct")
_PAYMENT = attrgetter("payment_date")


class YieldsItem(PanelItem):
    """The curve of yields to each call (then maturity), its dots, the yield-to-maturity level,
    the workout diamond and its label, in the order the pyqtgraph items were drawn."""

    def __init__(self) -> None:
        super().__init__()
        c = current()
        self.curve = Series()
        self.dots = Series()
        self.workout = Series()
        self.maturity: float | None = None
        self.label = Label(c.first_call, (-0.08, -0.05))
        self._path = QPainterPath()
        self._curve_pen = pen(c.yield_, 1.0)
        self._maturity_pen = pen(c.yield_, 1, Qt.PenStyle.DotLine)
        self._maturity_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._dot = Symbol("o", 5, pen=None, brush=c.yield_)
        self._diamond = Symbol("d", 14, pen=c.plot_bg, brush=c.first_call)  # ringed in the background

    def set_curve(self, xs: Floats, ys: Floats) -> bool:
        if not self.curve.set(xs, ys):
            return False
        self._path = pg.arrayToQPath(xs, ys, finiteCheck=False) if xs.size else QPainterPath()
        return True

    def draw(self, p: QPainter, t: QTransform, device: QRectF, dpr: float) -> None:
        if self.maturity is None:
            return
        p.setPen(self._curve_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._path)
        p.resetTransform()
        self._dot.draw(p, t, *self.dots.getData(), dpr)
        self._diamond.draw(p, t, *self.workout.getData(), dpr)
        horizontal_line(p, self._maturity_pen, t, self.maturity, self.boundingRect())
        self.label.draw(p, t, self.font, device)


class YieldPanel:
    """Fills one ``PlotItem`` (with a ``PercentAxis`` on the left) with the yields of a quote."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.view = plot.getViewBox()
        self.item = YieldsItem()
        plot.addItem(self.item, ignoreBounds=True)
        self.curve, self.dots, self.workout = self.item.curve, self.item.dots, self.item.workout
        self.label = self.item.label
        self._range: tuple[float, float] | None = None
        self._shown: tuple[Any, ...] | None = None
        self._quote: Quote | None = None
        self._by_date: dict[date, Any] | None = None
        self.workout_tip = ""  # the diamond's tooltip

    def set_quote(self, quote: Quote | None, call_x: Floats | None = None) -> None:
        """``call_x``: the payment x of ``quote.calls``, when the caller has them at hand."""
        y = quote.yields if quote is not None else None
        if quote is None or y is None or y.maturity_pct is None:
            self._quote, self._by_date, self._shown = quote, {}, None
            self.workout_tip = ""
            if self.item.maturity is not None:
                self.item.maturity = None
                self.item.changed()
            return
        # an amount typed leaves the yields as they were: nothing to redraw then
        shown = (y, quote.redemption.payment_date, quote.purchase.settle_date)
        if shown == self._shown:
            return
        self._shown, self._quote, self._by_date = shown, quote, None
        xs, ys = self._points(quote, call_x)
        ytm = float(y.maturity_pct)
        maturity_x = _x(quote.redemption.payment_date)
        item = self.item
        item.set_curve(np.append(xs, maturity_x), np.append(ys, ytm))
        dots = xs.size <= DOTS_UP_TO
        item.dots.set(
            np.append(xs, maturity_x) if dots else np.array([maturity_x]),
            np.append(ys, ytm) if dots else np.array([ytm]),
        )
        item.maturity = ytm
        self._workout(quote, ytm, maturity_x)
        self._fit(np.append(ys, ytm))
        item.changed()

    def _points(self, quote: Quote, call_x: Floats | None) -> tuple[Floats, Floats]:
        """The (payment x, yield) of each call the yields list."""
        y = quote.yields
        assert y is not None
        to_call, calls = y.to_call, quote.calls
        ys = np.fromiter(map(float, map(_YIELD, to_call)), float, len(to_call))
        sizes = call_x is not None and call_x.size == len(calls) == len(to_call)
        if sizes and list(map(_DATE, to_call)) == list(map(_DATE, calls)):  # a yield for every call
            assert call_x is not None
            return call_x, ys
        by_date = self.by_date
        shown = [c for c in calls if c.date in by_date]
        xs = np.fromiter(map(_x, map(_PAYMENT, shown)), float, len(shown))
        ys = np.fromiter(map(float, map(by_date.__getitem__, map(_DATE, shown))), float, len(shown))
        return xs, ys

    def _workout(self, quote: Quote, ytm: float, maturity_x: float) -> None:
        y = quote.yields
        assert y is not None
        when = y.worst_date
        call = next((c for c in quote.calls if c.date == when), None)
        wx = _x(call.payment_date) if call is not None else maturity_x
        wy = float(y.worst_pct) if y.worst_pct is not None else ytm
        self.workout.set(np.array([wx]), np.array([wy]))
        # beside the diamond, on the side with room (a workout at maturity is at the right edge)
        late = call is None or wx > (_x(quote.purchase.settle_date) + maturity_x) / 2
        anchor = (1.08, -0.05) if late else (-0.08, -0.05)
        # calls unknown: the worst is only the yield to maturity, said as every output says it
        text = (
            f"Worst {worst_words(y, fmt_date)}"
            if y.calls_unknown
            else f"Worst {fmt_rate(y.worst_pct)} · {fmt_date(when)}"
        )
        self.label.set(text, wx, wy, anchor)
        self.workout_tip = worst_tip(quote, call)

    def tip_at(self, x: float, y: float, view: Any) -> str:
        """The diamond's tooltip when (x, y), in data coordinates, is on it (9 pixels around)."""
        xs, ys = self.workout.getData()
        if not xs.size or not self.workout_tip:
            return ""
        px, py = view.viewPixelSize()
        on = abs(float(xs[0]) - x) <= 9 * px and abs(float(ys[0]) - y) <= 9 * py
        return self.workout_tip if on else ""

    def _fit(self, values: Floats) -> None:
        """Keep the range while the yields fit in it with a margin (no redraw of the axis)."""
        low, high = float(values.min()), float(values.max())
        span = max(high - low, 0.25)
        current = self._range
        if current is None or low < current[0] or high > current[1] or span < 0.4 * (current[1] - current[0]):
            self._range = (low - 0.9 * span, high + 0.35 * span)
            self.plot.setYRange(*self._range, padding=0)

    @property
    def by_date(self) -> dict[date, Any]:
        """Yield to each call date (built when a tooltip asks)."""
        if self._by_date is None:
            y = self._quote.yields if self._quote is not None else None
            to_call = y.to_call if y is not None else ()
            self._by_date = dict(zip(map(_DATE, to_call), map(_YIELD, to_call), strict=True))
        return self._by_date

    def yield_on(self, d: date) -> Any:
        return self.by_date.get(d)


def worst_tip(quote: Quote, call: CallDate | None) -> str:
    """``Yield to worst 2.350% to 2022-11-15 (maturity)``: what the workout diamond marks."""
    y = quote.yields
    assert y is not None
    if y.calls_unknown:  # never a yield to worst that is only the yield to maturity
        return (
            f"Yield to worst {worst_words(y, fmt_date)}\n"
            + WORST_CALLS_UNKNOWN[:1].upper()
            + WORST_CALLS_UNKNOWN[1:]
        )
    what = "maturity" if call is None else "first call" if call is quote.calls[0] else "call date"
    return f"Yield to worst {fmt_rate(y.worst_pct)} to {fmt_date(y.worst_date)} ({what})"
