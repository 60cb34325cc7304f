"""The pyqtgraph plot behind ``callChart`` (imported only after the first paint).

Top panel: a bar per coupon at its payment date (rolled payments shaded apart), the principal
as a distinct bar capped to the coupon scale and labelled, a line per call date with the first
emphasised and its notice window shaded, the settle date marked. Bottom panel: coupons received
if the note is called on each call date against holding it to maturity. X is UTC-midnight epoch
seconds on a ``DateAxisItem(utcOffset=0)``. Updates reuse the items (``setData``/``setOpts``).
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter, itemgetter, ne
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QWidget

from app.domain.model import Quote
from app.domain.money import format_usd
from app.ui.chart import (
    CALL,
    COUPON,
    FIRST_CALL,
    FORGONE,
    INCOME,
    MATURITY,
    NOTICE,
    PRINCIPAL,
    ROLLED,
    SETTLE,
)
from app.ui.chart_markers import Markers
from app.ui.chart_yields import PercentAxis, YieldPanel
from app.ui.present import (
    CallIncome,
    CashFlowRow,
    RowKind,
    cash_flow_rows,
    fmt_date,
    fmt_rate,
    income_to_calls,
)

_EPOCH = date(1970, 1, 1).toordinal()
DAY = 86400.0

GRID_ALPHA = 0.18
HEADROOM = 1.32  # room above the capped principal bar for its label
DOTS_UP_TO = 60  # a dot per call date up to this many; beyond, the line alone stays readable


def epoch(d: date) -> float:
    """UTC midnight of ``d`` in epoch seconds (the DateAxisItem's x)."""
    return (d.toordinal() - _EPOCH) * DAY


class _Epochs(dict[date, float]):
    """Epoch seconds by date, computed once per date: an edit looks ~350 dates up in C."""

    def __missing__(self, d: date) -> float:
        if len(self) > 200_000:
            self.clear()
        value = self[d] = epoch(d)
        return value


_EPOCHS = _Epochs()


class _Floats(dict[Any, float]):
    """Decimal amounts as floats, converted once (a schedule repeats the same coupon amount)."""

    def __missing__(self, value: Any) -> float:
        if len(self) > 50_000:
            self.clear()
        result = self[value] = float(value)
        return result


_FLOATS = _Floats()
_PAYMENT = itemgetter(4)  # CashFlowRow fields
_ACCRUAL_END = itemgetter(3)
_AMOUNT = itemgetter(7)
_DATE = attrgetter("date")
_CALL_PAYMENT = attrgetter("call.payment_date")
_CALL_DATE = attrgetter("call.date")


def epochs(dates: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
    """UTC-midnight epoch seconds of ``dates`` (a sequence) as a float array."""
    return np.fromiter(map(_EPOCHS.__getitem__, dates), float, len(dates))


def _money_tick(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"${value / 1000:.0f}k"
    if abs(value) >= 1000:
        return f"${value / 1000:.1f}k"
    return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else f"${value:.2f}"


def _label(item: pg.TextItem, text: str, x: float, y: float) -> None:
    """Set a label's text and anchor point, skipping what has not changed (a new text is
    laid out again by Qt; a move re-maps the label through the view)."""
    if item.toPlainText() != text:
        item.setText(text)
    if item.pos().x() != x or item.pos().y() != y:
        item.setPos(x, y)


class MoneyAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Dollar tick labels ($26, $1.2k, $25k)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [_money_tick(v * scale) for v in values]


def _date_axis() -> pg.DateAxisItem:
    return pg.DateAxisItem(orientation="bottom", utcOffset=0)


def _pen(color: Any, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> Any:
    return pg.mkPen(color=color, width=width, style=style)


def _style_plot(plot: pg.PlotItem, ylabel: str) -> None:
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getViewBox().setMouseEnabled(x=True, y=False)
    plot.setLabel("left", ylabel, color="#5b6875")
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTextPen("#3d4a57")
        axis.setPen("#b8c2cc")
        # drawn once into a pixmap: the data change on every edit, the axes rarely do
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class PaymentChart(pg.GraphicsLayoutWidget):  # type: ignore[misc]
    """Two linked panels; ``set_quote`` redraws by updating the existing items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPlot")
        self.setBackground("w")
        self.ci.setContentsMargins(6, 4, 10, 4)
        self.ci.setSpacing(2)
        self.quote: Quote | None = None
        self.rows: list[CashFlowRow] = []
        self.calls: list[CallIncome] = []
        self._home: tuple[float, float] | None = None
        self._tops: dict[int, float] = {}
        self._note: object = None
        self._first_call: object = None
        self._settle: date | None = None
        self._build_payments()
        self.ci.nextRow()
        self._build_income()
        self.ci.nextRow()
        self._build_yields()
        for row, stretch in enumerate((4, 3, 3)):
            self.ci.layout.setRowStretchFactor(row, stretch)
        for plot in (self.top, self.bottom):  # dates under the last panel only
            plot.getAxis("bottom").setStyle(showValues=False)
            plot.getAxis("bottom").setHeight(6)

    # -- construction --------------------------------------------------------------------
    def _build_payments(self) -> None:
        self.top = self.addPlot(axisItems={"bottom": _date_axis(), "left": MoneyAxis("left")})
        _style_plot(self.top, "Payment")
        empty = np.zeros(0)
        self.notice_region = pg.LinearRegionItem(
            values=(0, 1), movable=False, brush=pg.mkBrush(NOTICE), pen=_pen((0, 0, 0, 0))
        )
        self.notice_region.setZValue(-20)
        self.top.addItem(self.notice_region, ignoreBounds=True)
        # drawn as separate segments (QPainter.drawLines): a path of ~350 subpaths is slow to stroke
        self.call_lines = pg.PlotCurveItem(connect="pairs", pen=_pen(CALL, 1), segmentedLineMode="on")
        self.call_lines.setZValue(-10)
        self.top.addItem(self.call_lines, ignoreBounds=True)
        self.coupon_bars = pg.BarGraphItem(x=empty, height=empty, width=1, brush=COUPON, pen=None)
        self.rolled_bars = pg.BarGraphItem(x=empty, height=empty, width=1, brush=ROLLED, pen=None)
        self.principal_bar = pg.BarGraphItem(
            x=empty, height=empty, width=1, brush=PRINCIPAL, pen=_pen("#9c5a0c", 1)
        )
        for item in (self.coupon_bars, self.rolled_bars, self.principal_bar):
            self.top.addItem(item)
        self.principal_label = pg.TextItem("", color="#9c5a0c", anchor=(1, 1))
        self.top.addItem(self.principal_label, ignoreBounds=True)
        self.first_call = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=_pen(FIRST_CALL, 2.5),
            label="",
            labelOpts={"position": 0.93, "color": FIRST_CALL, "anchors": [(0, 0), (0, 0)]},
        )
        self.settle_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=_pen(SETTLE, 2, Qt.PenStyle.DashLine),
            label="",
            labelOpts={"position": 0.80, "color": SETTLE, "anchors": [(0, 0), (0, 0)]},
        )
        for line in (self.first_call, self.settle_line):
            self.top.addItem(line, ignoreBounds=True)
        self._bar_x = np.zeros(0)
        self._coupon_x = self._coupon_y = np.zeros(0)
        self._calls_key: tuple[Any, ...] | None = None
        self._bar_top = np.zeros(0)
        self._bar_half = 1.0
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def _build_income(self) -> None:
        self.bottom = self.addPlot(axisItems={"bottom": _date_axis(), "left": MoneyAxis("left")})
        _style_plot(self.bottom, "Coupons")
        self.bottom.setXLink(self.top)
        self.income_curve = pg.PlotCurveItem(pen=_pen(INCOME, 2), stepMode="right")
        # the curve of "income if called" filled up to the held-to-maturity level: the shaded
        # area is what a call takes away (one item, no FillBetweenItem rebuilt on every edit)
        self.if_called = pg.PlotCurveItem(pen=_pen(FIRST_CALL, 1), brush=pg.mkBrush(FORGONE))
        self.to_maturity = pg.InfiniteLine(
            angle=0, movable=False, pen=_pen(MATURITY, 1, Qt.PenStyle.DashLine)
        )
        self.call_points = Markers("o", 6, pen=None, brush=FIRST_CALL)
        self.first_point = Markers("o", 12, pen="w", brush=FIRST_CALL)
        for item in (self.if_called, self.income_curve, self.call_points, self.first_point):
            self.bottom.addItem(item)
        self.bottom.addItem(self.to_maturity, ignoreBounds=True)
        self.maturity_label = pg.TextItem("", color=MATURITY, anchor=(1, 1))
        self.bottom.addItem(self.maturity_label, ignoreBounds=True)
        self._call_x = np.zeros(0)

    def _build_yields(self) -> None:
        self.yield_plot = self.addPlot(axisItems={"bottom": _date_axis(), "left": PercentAxis("left")})
        _style_plot(self.yield_plot, "Yield")
        self.yield_plot.setXLink(self.top)
        self.yields = YieldPanel(self.yield_plot)

    # -- data ----------------------------------------------------------------------------
    def set_quote(self, quote: Quote | None) -> None:
        """Redraw for ``quote``; the user's zoom stays unless the note changed."""
        self.quote = quote
        self.rows = cash_flow_rows(quote) if quote is not None else []
        self.calls = income_to_calls(quote) if quote is not None else []
        note = quote.purchase.note if quote is not None else None
        new_note = note is not self._note
        self._note = note
        self._draw_payments(quote, new_note)
        self._draw_income(quote, new_note)
        self.yields.set_quote(quote)
        if new_note:
            self.reset_view()

    def _draw_payments(self, quote: Quote | None, new_note: bool) -> None:
        coupons = self.rows[:-1]
        n = len(coupons)
        months = quote.purchase.note.frequency.months if quote is not None else 1
        width = max(months, 1) * 30 * DAY * 0.62
        amounts = np.fromiter(map(_FLOATS.__getitem__, map(_AMOUNT, coupons)), float, n)
        paid = list(map(_PAYMENT, coupons))
        xs = epochs(paid)
        rolled = np.fromiter(map(ne, paid, map(_ACCRUAL_END, coupons)), bool, n)
        self._coupon_x, self._coupon_y = xs, amounts
        if rolled.any():
            self.coupon_bars.setOpts(x=xs[~rolled], height=amounts[~rolled], width=width)
            self.rolled_bars.setOpts(x=xs[rolled], height=amounts[rolled], width=width)
        else:
            self.coupon_bars.setOpts(x=xs, height=amounts, width=width)
            if self.rolled_bars.opts["x"].size:
                self.rolled_bars.setOpts(x=xs[:0], height=amounts[:0], width=width)
        top = self._fit_y(
            self.top, (float(amounts.max()) if amounts.size else 1.0) * 1.3 * HEADROOM, new_note
        )
        cap = top / HEADROOM
        principal = self.rows[-1:] if quote is not None else []
        px = epochs([r.payment_date for r in principal]) + width * 1.05
        self.principal_bar.setOpts(x=px, height=np.full(px.size, cap), width=width)
        if principal:
            _label(
                self.principal_label,
                f"Principal {format_usd(principal[0].amount)}",
                float(px[0]) + width * 0.5,
                cap,
            )
        self.principal_label.setVisible(bool(principal))
        self._bar_x = np.concatenate([xs, px])
        self._bar_top = np.concatenate([amounts, np.full(px.size, cap)])
        self._bar_half = width / 2
        self._draw_calls(quote, top)
        if quote is not None:
            self._draw_settle(quote)
            note = quote.purchase.note
            x0 = epoch(min(note.issue_date, quote.purchase.settle_date)) - 25 * DAY
            x1 = epoch(quote.redemption.payment_date) + width * 3
            self._home = (x0, x1)

    def _fit_y(self, plot: pg.PlotItem, wanted: float, force: bool) -> float:
        """Keep the y range while ``wanted`` fits well in it (no axis redraw per keystroke)."""
        current = self._tops.get(id(plot))
        if force or current is None or wanted > current or wanted < 0.55 * current:
            plot.setYRange(0, wanted, padding=0)
            self._tops[id(plot)] = current = wanted
        return current

    def _draw_calls(self, quote: Quote | None, top: float) -> None:
        calls = quote.calls if quote is not None else ()
        # the calls after a settle date are a tail of the note's schedule: first, last and count
        # name them, so an edit that keeps them (an amount typed) leaves the lines alone
        key = (self._note, calls[0].date, calls[-1].date, len(calls), top) if calls else None
        if key != self._calls_key or key is None:
            self._calls_key = key
            later = calls[1:]
            ys = np.tile([0.0, top], len(later))
            xs = np.repeat(epochs(list(map(_DATE, later))), 2)
            self.call_lines.setData(x=xs, y=ys, skipFiniteCheck=True)
        first = calls[0] if calls else None
        self.first_call.setVisible(first is not None)
        self.notice_region.setVisible(first is not None)
        if first is not None and first != self._first_call:
            self.first_call.setPos(epoch(first.date))
            self.first_call.label.setFormat(f"First call {fmt_date(first.date)}")
            self.notice_region.setRegion((epoch(first.notice_date), epoch(first.date)))
            self.notice_region.setToolTip(
                f"Notice window: the issuer must give notice by {fmt_date(first.notice_date)} "
                f"to call on {fmt_date(first.date)}"
            )
        self._first_call = first

    def _draw_settle(self, quote: Quote) -> None:
        settle = quote.purchase.settle_date
        if settle != self._settle:
            self._settle = settle
            self.settle_line.setPos(epoch(settle))
            self.settle_line.label.setFormat(f"Settle {fmt_date(settle)}")

    def _draw_income(self, quote: Quote | None, new_note: bool) -> None:
        coupons = self.rows[:-1]
        empty = np.zeros(0)
        if quote is None or not coupons:
            for item in (self.income_curve, self.if_called, self.call_points, self.first_point):
                item.setData(x=empty, y=empty)
            self._call_x = empty
            self.maturity_label.setVisible(False)
            self.to_maturity.setVisible(False)
            return
        start = epoch(quote.purchase.settle_date)
        xs = np.concatenate([[start], self._coupon_x])
        # running totals in floats (drawn, not shown: the labels print the Decimal totals)
        ys = np.concatenate([[0.0], np.cumsum(self._coupon_y)])
        self.income_curve.setData(x=xs, y=ys, skipFiniteCheck=True)
        total = float(ys[-1])
        cx = epochs(list(map(_CALL_PAYMENT, self.calls)))
        # income to a call: the coupons accruing up to and including its date
        ends = epochs(list(map(_ACCRUAL_END, coupons)))
        cy = ys[np.searchsorted(ends, epochs(list(map(_CALL_DATE, self.calls))), side="right")]
        self._call_x = cx
        self.if_called.setData(x=cx, y=cy, fillLevel=total, skipFiniteCheck=True)
        dots = cx.size <= DOTS_UP_TO
        self.call_points.setData(x=cx if dots else empty, y=cy if dots else empty)
        self.first_point.setData(x=cx[:1], y=cy[:1])
        if self.to_maturity.value() != total:
            self.to_maturity.setPos(total)
        self.to_maturity.setVisible(True)
        _label(
            self.maturity_label,
            f"Held to maturity {format_usd(coupons[-1].cumulative)}",
            float(xs[-1]),
            total,
        )
        self.maturity_label.setVisible(True)
        self._fit_y(self.bottom, total * 1.3 if total else 1.0, new_note)

    # -- view ----------------------------------------------------------------------------
    def reset_view(self) -> None:
        """The whole life of the note, from its issue date to the principal repayment."""
        if self._home is None:
            return
        x0, x1 = self._home
        for plot in (self.top, self.bottom, self.yield_plot):
            plot.getViewBox().setLimits(xMin=x0 - 400 * DAY, xMax=x1 + 400 * DAY)
        self.top.setXRange(x0, x1, padding=0)

    # -- tooltips ------------------------------------------------------------------------
    def _mouse_moved(self, pos: Any) -> None:
        """Tooltips by lookup: the bar, or the call date, under the mouse."""
        for plot, find, tip in (
            (self.top, self._bar_under, self._bar_tip),
            (self.bottom, self._call_under, self._call_tip),
            (self.yield_plot, self._call_under, self._call_tip),
        ):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                point = vb.mapSceneToView(pos)
                index = find(point.x(), point.y(), vb)
                vb.setToolTip(tip(0, 0, index) if index is not None else "")

    def _bar_under(self, x: float, y: float, vb: Any) -> int | None:
        return self.bar_at(x, y)

    def _call_under(self, x: float, y: float, vb: Any) -> int | None:
        """The call date nearest to ``x`` within 6 pixels."""
        if not self._call_x.size:
            return None
        i = (
            int(np.clip(np.searchsorted(self._call_x, x), 1, self._call_x.size - 1))
            if self._call_x.size > 1
            else 0
        )
        nearest = min(
            (j for j in (i - 1, i) if 0 <= j < self._call_x.size), key=lambda j: abs(self._call_x[j] - x)
        )
        pixel = vb.viewPixelSize()[0]
        return nearest if abs(self._call_x[nearest] - x) <= 6 * pixel else None

    def bar_at(self, x: float, y: float) -> int | None:
        """The index of the bar drawn at (x, y) in data coordinates, if any."""
        i = int(np.searchsorted(self._bar_x, x))
        for j in (i - 1, i):
            if 0 <= j < self._bar_x.size and abs(self._bar_x[j] - x) <= self._bar_half:
                return j if -0.05 * self._bar_top[j] <= y <= self._bar_top[j] * 1.05 else None
        return None

    def _bar_tip(self, x: float, y: float, data: Any) -> str:
        index = int(data)
        coupons = [r for r in self.rows if r.kind is RowKind.COUPON]
        if index >= len(coupons):
            principal = self.rows[-1]
            return f"Principal repaid {fmt_date(principal.payment_date)}\n{format_usd(principal.amount)}"
        r = coupons[index]
        lines = [
            f"Coupon {r.number}: {format_usd(r.amount)}",
            f"Paid {fmt_date(r.payment_date)} ({r.payment_date:%a})",
            f"Accrual {fmt_date(r.accrual_start)} → {fmt_date(r.accrual_end)}, {r.days} days",
        ]
        if r.rolled:
            lines.append(f"Due {fmt_date(r.accrual_end)}: {r.rolled_reason} → next banking day")
        if r.call is not None:
            lines.append(
                ("First call date" if r.first_call else "Call date")
                + f" (notice by {fmt_date(r.call.notice_date)})"
            )
        return "\n".join(lines)

    def _call_tip(self, x: float, y: float, data: Any) -> str:
        c = self.calls[int(data)]
        ytc = self.yields.yield_on(c.call.date)
        return (
            f"Called {fmt_date(c.call.date)}: coupons {format_usd(c.income)}\n"
            f"Held to maturity: {format_usd(c.to_maturity)}\n"
            f"Forgone if called: {format_usd(c.forgone)}"
            + (f"\nYield to this call: {fmt_rate(ytc)}" if ytc is not None else "")
        )

    # -- introspection for tests ---------------------------------------------------------
    def bar_count(self) -> int:
        """Coupon bars drawn (the principal bar is separate)."""
        return int(self.coupon_bars.opts["x"].size + self.rolled_bars.opts["x"].size)

    def principal_count(self) -> int:
        return int(np.asarray(self.principal_bar.opts["x"]).size)

    def call_line_count(self) -> int:
        """Call-date lines drawn: the emphasised first call plus one per later call."""
        xs, _ = self.call_lines.getData()
        later = 0 if xs is None else len(xs) // 2
        return later + (1 if self.quote is not None and self.quote.calls else 0)
