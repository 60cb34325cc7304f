"""The pyqtgraph plot behind ``callChart`` (imported only after the first paint).

Top panel: a bar per coupon at its payment date (rolled payments shaded apart), the principal
as a distinct bar capped to the coupon scale and labelled, a line per call date with the first
emphasised and its notice window shaded, the settle date marked. Middle panel: coupons received
if the note is called on each call date against holding it to maturity. Bottom panel: yields.
X is UTC-midnight epoch seconds on a ``DateAxisItem(utcOffset=0)``.

Each panel is one item (``panels``, ``yield_panel``) drawing arrays taken straight from
the ``Quote`` (``app.present.chart_arrays``); a panel whose data did not change is not repainted.
"""

from __future__ import annotations

import math
from decimal import Decimal
from operator import attrgetter
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGraphicsItem, QWidget

from app.domain.model import Quote
from app.domain.money import format_usd
from app.present.chart_arrays import DAY, EMPTY, Arrays, Floats, NoteArrays, epoch
from app.present.rows import (
    CallIncome,
    CashFlowRow,
    RowKind,
    cash_flow_rows,
    fmt_date,
    fmt_rate,
    income_to_calls,
)
from app.ui.chart.axes import MoneyAxis, PercentAxis, QuietAxis, date_axis
from app.ui.chart.painting import paint_nothing
from app.ui.chart.panels import IncomePanel, PaymentsPanel
from app.ui.chart.style import DOTS_UP_TO, GRID_ALPHA
from app.ui.chart.yield_panel import YieldPanel
from app.ui.common.palette import current

HEADROOM = 1.32  # room above the capped principal bar for its label
# the least room of a value axis's labels (pyqtgraph's own starting width): "$80" alone does
# not make a thin axis
MIN_TEXT_WIDTH = 30
MIN_DAYS = 10  # zoomed in, the chart shows at least this many days (it has no times of day)


def style_plot(plot: pg.PlotItem, ylabel: str) -> None:
    c = current()
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getViewBox().setMouseEnabled(x=True, y=False)
    plot.setLabel("left", ylabel, color=c.axis_title)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTextPen(c.axis_text)
        axis.setPen(c.axis_line)
        # drawn once into a pixmap: the data change on every edit, the axes rarely do
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    # the value axis widens for wider labels but does not narrow again: typing an amount digit
    # by digit ($150 → $1.5k → $15k …) would otherwise re-lay the chart out and redraw every
    # axis on each key (~5 ms)
    plot.getAxis("left").setStyle(autoReduceTextSpace=False)


class PaymentChart(pg.GraphicsLayoutWidget):  # type: ignore[misc]
    """Three x-linked panels; ``set_quote`` hands each its new arrays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPlot")
        self.setBackground(current().plot_bg)
        self.ci.setContentsMargins(6, 4, 10, 4)
        self.ci.setSpacing(2)
        self.quote: Quote | None = None
        self._rows: list[CashFlowRow] | None = None
        self._home: tuple[float, float] | None = None
        self._tops: dict[int, float] = {}
        self._note: object = None
        self._arrays = NoteArrays()
        self._bar_x = self._bar_top = self._call_x = EMPTY
        self._bar_half = 1.0
        self._notice_tip = ""
        self.top = self._panel(date_axis(), MoneyAxis("left"), "Payment")
        self.payments = PaymentsPanel()
        self.top.addItem(self.payments, ignoreBounds=True)
        self.ci.nextRow()
        self.bottom = self._panel(date_axis(), MoneyAxis("left"), "Coupons")
        self.income = IncomePanel()
        self.bottom.addItem(self.income, ignoreBounds=True)
        self.ci.nextRow()
        self.yield_plot = self._panel(date_axis(), PercentAxis("left"), "Yield")
        self.yields = YieldPanel(self.yield_plot)
        for row, stretch in enumerate((4, 3, 3)):
            self.ci.layout.setRowStretchFactor(row, stretch)
        for plot in (self.top, self.bottom):  # dates under the last panel only
            plot.getAxis("bottom").setStyle(showValues=False)
            plot.getAxis("bottom").setHeight(6)
        for plot in (self.bottom, self.yield_plot):
            plot.setXLink(self.top)
        for plot in (self.top, self.bottom, self.yield_plot):
            paint_nothing(plot, plot.getViewBox(), plot.getViewBox().childGroup)
        paint_nothing(self.ci)
        self._layouts = (self.ci, self.top, self.bottom, self.yield_plot)  # for ``lay_out_now``
        self._axes: list[QuietAxis] = [
            plot.getAxis(name) for plot in self._layouts[1:] for name in ("left", "bottom")
        ]
        self._value_axes: list[QuietAxis] = [plot.getAxis("left") for plot in self._layouts[1:]]
        for axis in self._value_axes:  # one width for all three (``_align_value_axes``)
            axis.setStyle(autoExpandTextSpace=False, tickTextWidth=MIN_TEXT_WIDTH)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def _panel(self, bottom: pg.AxisItem, left: pg.AxisItem, ylabel: str) -> pg.PlotItem:
        # no context menu (``style_plot`` turns it off): not built only to be dropped (~5 ms)
        plot = self.addPlot(axisItems={"bottom": bottom, "left": left}, enableMenu=False)
        style_plot(plot, ylabel)
        return plot

    # -- data ----------------------------------------------------------------------------
    def set_quote(self, quote: Quote | None) -> None:
        """Redraw for ``quote``; the user's zoom stays unless the note changed."""
        self.quote = quote
        self._rows = None
        note = quote.purchase.note if quote is not None else None
        new_note = note is not self._note
        self._note = note
        if new_note:  # the value axes' labels only grow within a note
            self._measure_afresh()
        if quote is None:
            self._clear()
        else:
            arrays = self._arrays.arrays(quote)
            self._draw_payments(quote, arrays, new_note)
            self._draw_income(quote, arrays, new_note)
        self.yields.set_quote(quote, self._call_x if quote is not None else None)
        if new_note:
            self.reset_view()
        self.lay_out_now()

    def lay_out_now(self) -> None:
        """Lay the panels out, prepare their views and measure their axes' labels now, before
        the paint: left to the paint, pyqtgraph lays out and moves the view boxes, and widens an
        axis for its labels, while painting, and the chart was painted a second time at once
        (two paints of ~10 ms for each note shown or figure typed, three at start-up)."""
        for _ in range(2):  # again: the views prepared and the axes drawn may ask for a layout
            for item in self._layouts:
                QCoreApplication.sendPostedEvents(item, QEvent.Type.LayoutRequest)
            self.scene().prepareForPaint()
            for axis in self._axes:
                axis.render_ahead()
            self._align_value_axes()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Laid out again at the new size, the value axes measured afresh: labels measured at
        another height (a denser or sparser scale) would otherwise keep their room."""
        super().resizeEvent(event)
        if hasattr(self, "_value_axes"):  # pyqtgraph resizes the view while it is built
            self._measure_afresh()
            self.lay_out_now()

    def _measure_afresh(self) -> None:
        """The value axes forget the room their labels took; the next ``lay_out_now`` measures."""
        for axis in self._value_axes:
            axis.textWidth = MIN_TEXT_WIDTH

    def _align_value_axes(self) -> None:
        """Give the three value axes the room of the widest one's labels, so that the panels'
        views line up and a date is at the same x in each (each ``PlotItem`` lays its axis out
        alone: "$3.00", "$80" and "2.4%" had put the yield panel's dates 4 px right of the
        payments'). pyqtgraph measures each axis's labels when it draws them (``textWidth``,
        which only grows here: ``style_plot``); the width is set through ``tickTextWidth``."""
        width = math.ceil(max(axis.textWidth for axis in self._value_axes))
        for axis in self._value_axes:
            if axis.style["tickTextWidth"] != width:
                axis.setStyle(tickTextWidth=width)

    def _clear(self) -> None:
        panel = self.payments
        for bars in (panel.coupons, panel.rolled, panel.principal):
            bars.set(EMPTY, EMPTY, 1.0)
        panel.principal_label.hide()
        panel.set_calls(EMPTY, 0, 1.0, None)
        panel.settle = None
        self.income.clear()
        self._bar_x = self._bar_top = self._call_x = EMPTY
        self._notice_tip = ""
        panel.changed()
        self.income.changed()

    def _draw_payments(self, quote: Quote, arrays: Arrays, new_note: bool) -> None:
        panel = self.payments
        paid, amounts = arrays.paid, arrays.amounts
        width = max(quote.purchase.note.frequency.months, 1) * 30 * DAY * 0.62
        rolled = paid != arrays.ends
        if rolled.any():
            changed = panel.coupons.set(paid[~rolled], amounts[~rolled], width)
            changed = panel.rolled.set(paid[rolled], amounts[rolled], width) or changed
        else:
            changed = panel.coupons.set(paid, amounts, width)
            changed = panel.rolled.set(EMPTY, EMPTY, width) or changed
        wanted = (float(amounts.max()) if amounts.size else 1.0) * 1.3 * HEADROOM
        top = self._fit_y(self.top, wanted, new_note)
        cap = top / HEADROOM
        px = epoch(quote.redemption.payment_date) + width * 1.05
        changed = panel.principal.set(np.array([px]), np.array([cap]), width) or changed
        text = f"Principal {format_usd(quote.redemption.amount)}"
        changed = panel.principal_label.set(text, px + width * 0.5, cap) or changed
        self._bar_x = np.append(paid, px)
        self._bar_top = np.append(amounts, cap)
        self._bar_half = width / 2
        changed = self._draw_calls(quote, arrays, top) or changed
        settle = quote.purchase.settle_date
        if panel.settle != epoch(settle):
            panel.settle = epoch(settle)
            panel.settle_label.set(f"Settle {fmt_date(settle)}", 0.0, 0.0)
            changed = True
        note = quote.purchase.note
        x0 = epoch(min(note.issue_date or settle, settle)) - 25 * DAY  # a priced note has its date
        self._home = (x0, epoch(quote.redemption.payment_date) + width * 3)
        if changed:
            panel.changed()

    def _draw_calls(self, quote: Quote, arrays: Arrays, top: float) -> bool:
        dates, notices = arrays.calls.columns[0], arrays.calls.columns[2]
        notice = float(notices[arrays.first]) if quote.calls else None
        if not self.payments.set_calls(dates, arrays.first if quote.calls else dates.size, top, notice):
            return False
        if quote.calls:
            call = quote.calls[0]
            self.payments.first_label.set(f"First call {fmt_date(call.date)}", 0.0, 0.0)
            self._notice_tip = (
                f"Notice window: the issuer must give notice by {fmt_date(call.notice_date)} "
                f"to call on {fmt_date(call.date)}"
            )
        else:
            self.payments.first_label.hide()
            self._notice_tip = ""
        return True

    def _fit_y(self, plot: pg.PlotItem, wanted: float, force: bool) -> float:
        """Keep the y range while ``wanted`` fits well in it (no axis redraw per keystroke)."""
        current = self._tops.get(id(plot))
        if force or current is None or wanted > current or wanted < 0.55 * current:
            plot.setYRange(0, wanted, padding=0)
            self._tops[id(plot)] = current = wanted
        return current

    def _draw_income(self, quote: Quote, arrays: Arrays, new_note: bool) -> None:
        panel = self.income
        amounts = arrays.amounts
        if not amounts.size:
            panel.clear()
            self._call_x = EMPTY
            panel.changed()
            return
        xs = np.concatenate([[epoch(quote.purchase.settle_date)], arrays.paid])
        # running totals in floats (drawn, not shown: the label prints the Decimal total)
        ys = np.concatenate([[0.0], np.cumsum(amounts)])
        total = float(ys[-1])
        dates, cx, _notices = arrays.call_columns()
        # income to a call: the coupons accruing up to and including its date
        cy = ys[np.searchsorted(arrays.ends, dates, side="right")]
        self._call_x = cx
        changed = panel.set_income(xs, ys)
        changed = panel.set_called(cx, cy, total) or changed
        dots = cx.size <= DOTS_UP_TO
        changed = panel.call_points.set(cx if dots else EMPTY, cy if dots else EMPTY) or changed
        changed = panel.first_point.set(cx[:1], cy[:1]) or changed
        held = format_usd(sum(map(attrgetter("amount"), quote.coupons), Decimal(0)))
        changed = panel.maturity_label.set(f"Held to maturity {held}", float(xs[-1]), total) or changed
        self._fit_y(self.bottom, total * 1.3 if total else 1.0, new_note)
        if changed:
            panel.changed()

    # -- view ----------------------------------------------------------------------------
    def reset_view(self) -> None:
        """The whole life of the note, from its issue date to the principal repayment."""
        if self._home is None:
            return
        x0, x1 = self._home
        for plot in (self.top, self.bottom, self.yield_plot):
            plot.getViewBox().setLimits(xMin=x0 - 400 * DAY, xMax=x1 + 400 * DAY, minXRange=MIN_DAYS * DAY)
        self.top.setXRange(x0, x1, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom the dates about the middle of the view (factor < 1: closer)."""
        self.top.getViewBox().scaleBy(x=factor, y=None)

    def pan(self, fraction: float) -> None:
        """Move the dates by ``fraction`` of the width shown (negative: earlier)."""
        (x0, x1), _ = self.top.getViewBox().viewRange()
        self.top.getViewBox().translateBy(x=fraction * (x1 - x0), y=0)

    def set_stale(self, stale: bool) -> None:
        """Faded while the inputs on screen are not those of the quote drawn."""
        self.ci.setOpacity(0.3 if stale else 1.0)

    # -- tooltips ------------------------------------------------------------------------
    def _mouse_moved(self, pos: Any) -> None:
        """Tooltips by lookup: the bar, the call date or the workout diamond under the mouse."""
        for plot, find, tip in (
            (self.top, self._bar_under, self._bar_tip),
            (self.bottom, self._call_under, self._call_tip),
            (self.yield_plot, self._call_under, self._call_tip),
        ):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                point = vb.mapSceneToView(pos)
                index = find(point.x(), point.y(), vb)
                text = tip(0, 0, index) if index is not None else ""
                if plot is self.yield_plot:  # the workout diamond sits on a call date's dot
                    text = self.yields.tip_at(point.x(), point.y(), vb) or text
                if not text and plot is self.top and self._in_notice_window(point.x()):
                    text = self._notice_tip
                vb.setToolTip(text)

    def _in_notice_window(self, x: float) -> bool:
        window = self.payments.notice
        return window is not None and window[0] <= x <= window[1]

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

    @property
    def rows(self) -> list[CashFlowRow]:
        """The coupon calendar rows of the quote (built when a tooltip needs them)."""
        if self._rows is None:
            self._rows = cash_flow_rows(self.quote) if self.quote is not None else []
        return self._rows

    @property
    def calls(self) -> list[CallIncome]:
        return income_to_calls(self.quote) if self.quote is not None else []

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
        return len(self.payments.coupons) + len(self.payments.rolled)

    def principal_count(self) -> int:
        return len(self.payments.principal)

    def bars(self) -> tuple[Floats, Floats]:
        """The coupon bars drawn (x, height), in date order, paid-late ones included."""
        xs = np.concatenate([self.payments.coupons.x, self.payments.rolled.x])
        heights = np.concatenate([self.payments.coupons.height, self.payments.rolled.height])
        order = np.argsort(xs, kind="stable")
        return xs[order], heights[order]

    def call_line_xs(self) -> tuple[float | None, Floats]:
        """The x of the emphasised first call line and of the thin lines of the later calls."""
        return self.payments.first_call, self.payments.later_calls()

    def call_line_count(self) -> int:
        """Call-date lines drawn: the emphasised first call plus one per later call."""
        first, later = self.call_line_xs()
        return int(later.size) + (first is not None)
