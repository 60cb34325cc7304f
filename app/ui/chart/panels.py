"""The payments panel and the coupons panel of the chart, each one item that paints the whole
panel from arrays ``PaymentChart`` prepares (see ``painting`` for why one item).

What each draws, bottom to top, is what the pyqtgraph items it replaces drew, in their order:
payments — notice window, later call dates, coupon bars, late-paid bars, principal bar and its
label, first call line and label, settle line and label; coupons — the "if called" curve filled
up to the held-to-maturity level, the coupons-received steps, the call dots, the first call's
dot, the held-to-maturity line and its label.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QTransform

from app.present.chart_arrays import EMPTY, Floats
from app.ui.chart.painting import (
    Label,
    Layer,
    PanelItem,
    Rects,
    Series,
    StepLine,
    Symbol,
    column_rects,
    device_points,
    horizontal_line,
    pen,
    vertical_line,
)
from app.ui.common.palette import current

FIRST_CALL_LABEL_AT = 0.93  # up the line, as a fraction of the view height
SETTLE_LABEL_AT = 0.80


def _brush(color: str) -> QBrush:
    result: QBrush = pg.mkBrush(color)
    return result


class PaymentsPanel(PanelItem):
    """Coupon bars, the principal bar, the call dates, the notice window and the settle date."""

    def __init__(self) -> None:
        super().__init__()
        c = current()
        self.coupons = Rects()
        self.rolled = Rects()
        self.principal = Rects()
        self.principal_label = Label(c.principal_edge, (1, 1))
        self._coupon_brush, self._rolled_brush = _brush(c.coupon), _brush(c.rolled)
        self._principal_pen, self._principal_brush = pen(c.principal_edge, 1), _brush(c.principal)
        self._notice_brush, self._call_brush = _brush(c.notice), _brush(c.call)
        self._call_pen = pen(c.call, 1)
        self._first_pen = pen(c.first_call, 2.5)
        self._first_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._settle_pen = pen(c.settle, 2, Qt.PenStyle.DashLine)
        self._settle_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.first_label = Label(c.first_call, (0, 0))
        self.settle_label = Label(c.settle, (0, 0))
        # the call dates of the note (from the earliest seen) and how many precede the first
        # call of the quote: one picture of them all, shown from the first call on
        self.all_calls: Floats = EMPTY
        self.first_index = 0
        self.calls_top = 1.0
        self.first_call: float | None = None
        self.notice: tuple[float, float] | None = None
        self.settle: float | None = None
        self._calls_layer = Layer()

    # -- data ---------------------------------------------------------------------------
    def set_calls(self, all_calls: Floats, first_index: int, top: float, notice: float | None) -> bool:
        """Call lines from ``all_calls[first_index]`` on (that one emphasised), drawn from 0 to
        ``top``; the notice window from ``notice`` to the first call. False when unchanged."""
        first = float(all_calls[first_index]) if first_index < all_calls.size else None
        window = (notice, first) if first is not None and notice is not None else None
        same = (first_index, top, window) == (self.first_index, self.calls_top, self.notice)
        if same and all_calls is self.all_calls:
            return False
        if all_calls is not self.all_calls or top != self.calls_top:
            self._calls_layer.invalidate()
        self.all_calls, self.first_index, self.calls_top = all_calls, first_index, top
        self.first_call, self.notice = first, window
        return True

    def later_calls(self) -> Floats:
        """The x of the thin call lines drawn (every call after the first)."""
        return self.all_calls[self.first_index + 1 :] if self.first_call is not None else EMPTY

    # -- drawing ------------------------------------------------------------------------
    def draw(self, p: QPainter, t: QTransform, device: QRectF, dpr: float) -> None:
        view = self.boundingRect()
        if self.notice is not None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._notice_brush)
            p.drawRect(QRectF(self.notice[0], view.top(), self.notice[1] - self.notice[0], view.height()))
        p.resetTransform()
        if self.first_call is not None and self.first_index + 1 < self.all_calls.size:
            first_x = t.map(self.first_call, 0.0)[0]
            key = (id(self.all_calls), self.calls_top, t.m11(), t.m22(), t.dx(), t.dy())
            # the picture holds every call of the note; the columns left of the first call's
            # thick line (which covers column floor(x)) hold the calls before the settle date
            self._calls_layer.draw(
                p,
                device,
                dpr,
                key,
                lambda q, x0, y0: self._render_calls(q, t, x0, y0, dpr),
                float(np.floor(first_x)),
            )
        p.setTransform(t)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._coupon_brush)
        self.coupons.draw(p)
        p.setBrush(self._rolled_brush)
        self.rolled.draw(p)
        p.setPen(self._principal_pen)
        p.setBrush(self._principal_brush)
        self.principal.draw(p)
        p.resetTransform()
        self.principal_label.draw(p, t, self.font, device)
        self._draw_line(p, t, device, self.first_call, self._first_pen, self.first_label, FIRST_CALL_LABEL_AT)
        self._draw_line(p, t, device, self.settle, self._settle_pen, self.settle_label, SETTLE_LABEL_AT)

    def _render_calls(self, q: QPainter, t: QTransform, x0: float, y0: float, dpr: float) -> None:
        """Every call's thin line, 0 to ``calls_top``, in device coordinates less (x0, y0)."""
        if dpr != 1.0:  # as lines: a 1-pixel pen on a scaled screen
            lines = PrimitiveArray(QLineF, 4)
            lines.resize(self.all_calls.size)
            memory = lines.ndarray()
            memory[:, 0] = memory[:, 2] = self.all_calls
            memory[:, 1], memory[:, 3] = 0.0, self.calls_top
            q.setTransform(t * QTransform.fromTranslate(-x0, -y0))
            q.setPen(self._call_pen)
            q.drawLines(*lines.drawargs())
            return
        # the pixels of 1-pixel lines, as 1-pixel rects (filled faster than lines are stroked)
        xs, _ = device_points(t, self.all_calls, np.zeros(self.all_calls.size))
        y_top = t.map(0.0, self.calls_top)[1]
        y_zero = t.map(0.0, 0.0)[1]
        rects = column_rects(xs - x0, min(y_top, y_zero) - y0, max(y_top, y_zero) - y0)
        q.setPen(Qt.PenStyle.NoPen)
        q.setBrush(self._call_brush)
        q.drawRects(*rects.drawargs())

    def _draw_line(
        self,
        p: QPainter,
        t: QTransform,
        device: QRectF,
        x: float | None,
        line_pen: Any,
        label: Label,
        at: float,
    ) -> None:
        if x is None:
            return
        dx = t.map(x, 0.0)[0]
        vertical_line(p, line_pen, dx, device.top(), device.bottom())
        label.draw_at(p, dx, device.bottom() - at * device.height(), self.font, device)


class IncomePanel(PanelItem):
    """Coupons received against the date, what a call on each date leaves, held to maturity."""

    def __init__(self) -> None:
        super().__init__()
        c = current()
        self.income = Series()
        self.if_called = Series()
        self.call_points = Series()
        self.first_point = Series()
        self.total: float | None = None
        self.maturity_label = Label(c.maturity, (1, 1))
        self._steps = StepLine(2.0)
        self._fill = QPainterPath()
        self._called_path = QPainterPath()
        self._income_brush = _brush(c.income)
        self._called_pen, self._fill_brush = pen(c.first_call, 1), _brush(c.forgone)
        self._maturity_pen = pen(c.maturity, 1, Qt.PenStyle.DashLine)
        self._maturity_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._dot = Symbol("o", 6, pen=None, brush=c.first_call)
        self._first_dot = Symbol("o", 12, pen=c.plot_bg, brush=c.first_call)  # ringed in the background

    # -- data ---------------------------------------------------------------------------
    def set_income(self, xs: Floats, ys: Floats) -> bool:
        """Running totals as steps (``PlotCurveItem``'s stepMode 'right'), 2 pixels wide."""
        if not self.income.set(xs, ys):
            return False
        if xs.size:
            sx = np.append(np.repeat(xs, 2)[1:], xs[-1])
            self._steps.set(sx, np.repeat(ys, 2))
        else:
            self._steps.set(EMPTY, EMPTY)
        return True

    def set_called(self, cx: Floats, cy: Floats, total: float | None) -> bool:
        """The income if called on each date, filled up to ``total``."""
        if not self.if_called.set(cx, cy) and total == self.total:
            return False
        self.total = total
        self._called_path = pg.arrayToQPath(cx, cy, finiteCheck=False) if cx.size else QPainterPath()
        fill = QPainterPath()
        if cx.size >= 2 and total is not None:
            fill = QPainterPath(self._called_path)
            if cy[-1] != total:
                fill.lineTo(float(cx[-1]), total)
            fill.lineTo(float(cx[0]), total)
            if cy[0] != total:
                fill.lineTo(float(cx[0]), float(cy[0]))
        self._fill = fill
        return True

    def clear(self) -> None:
        self.set_income(EMPTY, EMPTY)
        self.set_called(EMPTY, EMPTY, None)
        self.call_points.set(EMPTY, EMPTY)
        self.first_point.set(EMPTY, EMPTY)
        self.maturity_label.hide()

    # -- drawing ------------------------------------------------------------------------
    def draw(self, p: QPainter, t: QTransform, device: QRectF, dpr: float) -> None:
        if not self._fill.isEmpty():
            p.fillPath(self._fill, self._fill_brush)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if not self._called_path.isEmpty():
            p.setPen(self._called_pen)
            p.drawPath(self._called_path)
        p.resetTransform()
        p.setBrush(self._income_brush)
        self._steps.draw(p, t, dpr)
        self._dot.draw(p, t, *self.call_points.getData(), dpr)
        self._first_dot.draw(p, t, *self.first_point.getData(), dpr)
        if self.total is not None:
            horizontal_line(p, self._maturity_pen, t, self.total, self.boundingRect())
        self.maturity_label.draw(p, t, self.font, device)
