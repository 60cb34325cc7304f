"""The pyqtgraph plot behind ``callChart`` (imported only after the first paint).

Top panel: a bar per coupon at its payment date (rolled payments shaded apart), the principal
as a distinct bar capped to the coupon scale and labelled, a line per call date with the first
emphasised and its notice window shaded, the settle date marked. Bottom panel: coupons received
if the note is called on each call date against holding it to maturity. X is UTC-midnight epoch
seconds on a ``DateAxisItem(utcOffset=0)``. Updates reuse the items (``setData``/``setOpts``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

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
from app.ui.present import CallIncome, CashFlowRow, RowKind, cash_flow_rows, fmt_date, income_to_calls

_EPOCH = date(1970, 1, 1).toordinal()
DAY = 86400.0

GRID_ALPHA = 0.18


def epoch(d: date) -> float:
    """UTC midnight of ``d`` in epoch seconds (the DateAxisItem's x)."""
    return (d.toordinal() - _EPOCH) * DAY


def _money_tick(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"${value / 1000:.0f}k"
    if abs(value) >= 1000:
        return f"${value / 1000:.1f}k"
    return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else f"${value:.2f}"


class MoneyAxis(pg.AxisItem):
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


class PaymentChart(pg.GraphicsLayoutWidget):
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
        self._home: tuple[float, float, float, float] | None = None
        self._build_payments()
        self.ci.nextRow()
        self._build_income()
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)

    # -- construction --------------------------------------------------------------------
    def _build_payments(self) -> None:
        self.top = self.addPlot(axisItems={"bottom": _date_axis(), "left": MoneyAxis("left")})
        _style_plot(self.top, "Payment")
        self.top.setTitle("Payments by date", color="#3d4a57", size="9pt")
        empty = np.zeros(0)
        self.notice_region = pg.LinearRegionItem(
            values=(0, 1), movable=False, brush=pg.mkBrush(NOTICE), pen=_pen((0, 0, 0, 0)))
        self.notice_region.setZValue(-20)
        self.top.addItem(self.notice_region, ignoreBounds=True)
        self.call_lines = pg.PlotCurveItem(connect="pairs", pen=_pen(CALL, 1))
        self.call_lines.setZValue(-10)
        self.top.addItem(self.call_lines, ignoreBounds=True)
        self.coupon_bars = pg.BarGraphItem(x=empty, height=empty, width=1, brush=COUPON, pen=None)
        self.rolled_bars = pg.BarGraphItem(x=empty, height=empty, width=1, brush=ROLLED, pen=None)
        self.principal_bar = pg.BarGraphItem(x=empty, height=empty, width=1, brush=PRINCIPAL,
                                             pen=_pen("#9c5a0c", 1))
        for item in (self.coupon_bars, self.rolled_bars, self.principal_bar):
            self.top.addItem(item)
        self.principal_label = pg.TextItem("", color="#9c5a0c", anchor=(1, 1))
        self.top.addItem(self.principal_label, ignoreBounds=True)
        self.first_call = pg.InfiniteLine(angle=90, movable=False, pen=_pen(FIRST_CALL, 2.5),
                                          label="", labelOpts={"position": 0.93, "color": FIRST_CALL,
                                                               "anchors": [(0, 0), (0, 0)]})
        self.settle_line = pg.InfiniteLine(angle=90, movable=False,
                                           pen=_pen(SETTLE, 2, Qt.PenStyle.DashLine), label="",
                                           labelOpts={"position": 0.80, "color": SETTLE,
                                                      "anchors": [(0, 0), (0, 0)]})
        for line in (self.first_call, self.settle_line):
            self.top.addItem(line, ignoreBounds=True)
        self.hover = pg.ScatterPlotItem(
            size=11, pen=None, brush=pg.mkBrush(0, 0, 0, 0), hoverable=True,
            hoverBrush=pg.mkBrush("#1d2733"), hoverSize=9, tip=self._bar_tip)
        self.top.addItem(self.hover)

    def _build_income(self) -> None:
        self.bottom = self.addPlot(axisItems={"bottom": _date_axis(), "left": MoneyAxis("left")})
        _style_plot(self.bottom, "Coupons received")
        self.bottom.setTitle("Coupons received: if called vs. held to maturity",
                             color="#3d4a57", size="9pt")
        self.bottom.setXLink(self.top)
        self.income_curve = pg.PlotDataItem(pen=_pen(INCOME, 2), stepMode="right",
                                            name="Coupons received to date")
        self.if_called = pg.PlotDataItem(pen=_pen(FIRST_CALL, 1.5), name="If called then")
        self.to_maturity = pg.PlotDataItem(pen=_pen(MATURITY, 1.5, Qt.PenStyle.DashLine),
                                           name="Held to maturity")
        self.forgone = pg.FillBetweenItem(self.if_called, self.to_maturity,
                                          brush=pg.mkBrush(FORGONE))
        self.call_points = pg.ScatterPlotItem(
            size=7, pen=None, brush=pg.mkBrush(FIRST_CALL), hoverable=True,
            hoverBrush=pg.mkBrush("#1d2733"), hoverSize=11, tip=self._call_tip)
        for item in (self.forgone, self.income_curve, self.to_maturity, self.if_called,
                     self.call_points):
            self.bottom.addItem(item)
        self.maturity_label = pg.TextItem("", color="#1d2733", anchor=(1, 1))
        self.bottom.addItem(self.maturity_label, ignoreBounds=True)

    # -- data ----------------------------------------------------------------------------
    def set_quote(self, quote: Quote | None) -> None:
        self.quote = quote
        self.rows = cash_flow_rows(quote) if quote is not None else []
        self.calls = income_to_calls(quote) if quote is not None else []
        self._draw_payments(quote)
        self._draw_income(quote)

    def _draw_payments(self, quote: Quote | None) -> None:
        coupons = [r for r in self.rows if r.kind is RowKind.COUPON]
        months = quote.purchase.note.frequency.months if quote is not None else 1
        width = max(months, 1) * 30 * DAY * 0.62
        amounts = np.array([float(r.amount) for r in coupons], dtype=float)
        xs = np.array([epoch(r.payment_date) for r in coupons], dtype=float)
        rolled = np.array([r.rolled for r in coupons], dtype=bool)
        self.coupon_bars.setOpts(x=xs[~rolled], height=amounts[~rolled], width=width)
        self.rolled_bars.setOpts(x=xs[rolled], height=amounts[rolled], width=width)
        top = float(amounts.max()) if amounts.size else 1.0
        cap = top * 1.3
        principal = [r for r in self.rows if r.kind is RowKind.PRINCIPAL]
        px = np.array([epoch(r.payment_date) for r in principal], dtype=float)
        self.principal_bar.setOpts(x=px + width * 1.05, height=np.full(px.size, cap), width=width)
        if principal:
            self.principal_label.setText(f"Principal {format_usd(principal[0].amount)}")
            self.principal_label.setPos(float(px[0]) + width * 1.55, cap)
        self.principal_label.setVisible(bool(principal))
        hover_x = np.concatenate([xs, px + width * 1.05])
        hover_y = np.concatenate([amounts, np.full(px.size, cap)])
        self.hover.setData(x=hover_x, y=hover_y, data=np.arange(hover_x.size))
        self._draw_calls(quote, cap)
        if quote is not None:
            self._draw_settle(quote)
            x0 = epoch(quote.purchase.settle_date) - 25 * DAY
            x1 = epoch(quote.redemption.payment_date) + width * 3
            self._home = (x0, x1, 0.0, cap * 1.22)
            self.reset_view()

    def _draw_calls(self, quote: Quote | None, cap: float) -> None:
        calls = quote.calls if quote is not None else ()
        ys = np.tile([0.0, cap * 1.3], max(len(calls) - 1, 0))
        xs = np.repeat([epoch(c.date) for c in calls[1:]], 2)
        self.call_lines.setData(x=xs.astype(float), y=ys)
        first = calls[0] if calls else None
        self.first_call.setVisible(first is not None)
        self.notice_region.setVisible(first is not None)
        if first is not None:
            self.first_call.setPos(epoch(first.date))
            self.first_call.label.setFormat(f"First call {fmt_date(first.date)}")
            self.notice_region.setRegion((epoch(first.notice_date), epoch(first.date)))
            self.notice_region.setToolTip(
                f"Notice window: the issuer must give notice by {fmt_date(first.notice_date)} "
                f"to call on {fmt_date(first.date)}")

    def _draw_settle(self, quote: Quote) -> None:
        settle = quote.purchase.settle_date
        self.settle_line.setPos(epoch(settle))
        self.settle_line.label.setFormat(f"Settle {fmt_date(settle)}")

    def _draw_income(self, quote: Quote | None) -> None:
        coupons = [r for r in self.rows if r.kind is RowKind.COUPON]
        if quote is None or not coupons:
            for item in (self.income_curve, self.if_called, self.to_maturity):
                item.setData(x=np.zeros(0), y=np.zeros(0))
            self.call_points.setData(x=np.zeros(0), y=np.zeros(0))
            return
        start = epoch(quote.purchase.settle_date)
        xs = np.array([start] + [epoch(r.payment_date) for r in coupons], dtype=float)
        ys = np.array([0.0] + [float(r.cumulative or 0) for r in coupons], dtype=float)
        self.income_curve.setData(x=xs, y=ys)
        total = float(coupons[-1].cumulative or 0)
        cx = np.array([epoch(c.call.payment_date) for c in self.calls], dtype=float)
        cy = np.array([float(c.income) for c in self.calls], dtype=float)
        self.if_called.setData(x=cx, y=cy)
        self.to_maturity.setData(x=np.array([start, xs[-1]]), y=np.array([total, total]))
        sizes = np.full(cx.size, 7.0)
        if cx.size:
            sizes[0] = 12.0
        self.call_points.setData(x=cx, y=cy, data=np.arange(cx.size), size=sizes)
        self.maturity_label.setText(f"Held to maturity {format_usd(coupons[-1].cumulative)}")
        self.maturity_label.setPos(xs[-1], total)
        self.bottom.setYRange(0, total * 1.18 if total else 1.0, padding=0)

    # -- view ----------------------------------------------------------------------------
    def reset_view(self) -> None:
        if self._home is None:
            return
        x0, x1, y0, y1 = self._home
        self.top.getViewBox().setLimits(xMin=x0 - 400 * DAY, xMax=x1 + 400 * DAY)
        self.bottom.getViewBox().setLimits(xMin=x0 - 400 * DAY, xMax=x1 + 400 * DAY)
        self.top.setXRange(x0, x1, padding=0)
        self.top.setYRange(y0, y1, padding=0)

    # -- tooltips ------------------------------------------------------------------------
    def _bar_tip(self, x: float, y: float, data: Any) -> str:
        index = int(data)
        coupons = [r for r in self.rows if r.kind is RowKind.COUPON]
        if index >= len(coupons):
            principal = self.rows[-1]
            return f"Principal repaid {fmt_date(principal.payment_date)}\n{format_usd(principal.amount)}"
        r = coupons[index]
        lines = [f"Coupon {r.number}: {format_usd(r.amount)}",
                 f"Paid {fmt_date(r.payment_date)} ({r.payment_date:%a})",
                 f"Accrual {fmt_date(r.accrual_start)} → {fmt_date(r.accrual_end)}, {r.days} days"]
        if r.rolled:
            lines.append(f"Due {fmt_date(r.accrual_end)}: {r.rolled_reason} → next banking day")
        if r.call is not None:
            lines.append(("First call date" if r.first_call else "Call date")
                         + f" (notice by {fmt_date(r.call.notice_date)})")
        return "\n".join(lines)

    def _call_tip(self, x: float, y: float, data: Any) -> str:
        c = self.calls[int(data)]
        return (f"Called {fmt_date(c.call.date)}: coupons {format_usd(c.income)}\n"
                f"Held to maturity: {format_usd(c.to_maturity)}\n"
                f"Forgone if called: {format_usd(c.forgone)}")

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
