"""The call chart draws what the quote says, after every kind of edit.

The chart keeps the x of a note's coupon and call dates from one quote to the next (a later
settle date slices them), keeps a picture of the call lines, and skips panels whose data did
not change: every check here runs after a sequence of edits, so stale arrays would show.
Expected values come from the ``Quote`` itself (dates as UTC-midnight epoch seconds, amounts as
floats, running totals from ``app.present.rows.income_to_calls``).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import accumulate
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.domain.model import Offering, Quote, Redemption
from app.domain.money import format_usd
from app.domain.quote import make_purchase, quote
from app.present.rows import income_to_calls

DAY = 86400.0


def x(d: date) -> float:
    return (d - date(1970, 1, 1)).days * DAY


def xs(dates: Any) -> list[float]:
    return [x(d) for d in dates]


def purchase(offering: Offering, amount: int, settle: date) -> Quote:
    return quote(make_purchase(offering, offering.notes[0], Decimal(amount), settle))


def new_chart(qtbot: Any) -> Any:
    """A shown ``callChart`` frame with its plot created."""
    from app.ui.chart.frame import CallChart

    frame = CallChart()
    qtbot.addWidget(frame)
    frame.resize(900, 560)
    frame.show()
    qtbot.waitExposed(frame)
    frame.ensure_plot()
    return frame


@pytest.fixture
def chart(qtbot: Any) -> Any:
    return new_chart(qtbot)


def settle(chart: Any, q: Quote | None) -> None:
    chart.set_quote(q)
    for _ in range(3):
        QApplication.processEvents()


def check_drawn(chart: Any, q: Quote) -> None:
    """Every array the chart paints against the quote."""
    plot = chart.plot
    coupons = q.coupons
    bar_x, heights = plot.bars()
    assert bar_x.tolist() == xs(c.payment_date for c in coupons)
    assert heights.tolist() == [float(c.amount) for c in coupons]
    assert chart.bar_count() == len(coupons)
    assert plot.principal_count() == 1
    assert plot.payments.principal_label.toPlainText() == f"Principal {format_usd(q.redemption.amount)}"
    first, later = plot.call_line_xs()
    assert first == (x(q.calls[0].date) if q.calls else None)
    assert later.tolist() == xs(c.date for c in q.calls[1:])
    assert chart.call_line_count() == len(q.calls)
    assert plot.payments.settle == x(q.purchase.settle_date)
    assert plot.payments.settle_label.text == f"Settle {q.purchase.settle_date.isoformat()}"
    # coupons received: steps from the settle date, one per coupon
    income_x, income_y = plot.income.income.getData()
    assert income_x.tolist() == [x(q.purchase.settle_date), *xs(c.payment_date for c in coupons)]
    running = [0.0, *accumulate(float(c.amount) for c in coupons)]
    assert income_y == pytest.approx(running, abs=1e-6)
    held = sum((c.amount for c in coupons), Decimal(0))
    assert plot.income.maturity_label.toPlainText() == f"Held to maturity {format_usd(held)}"
    # what each call leaves: the running total of the coupons accruing up to it
    called_x, called_y = plot.income.if_called.getData()
    assert called_x.tolist() == xs(c.payment_date for c in q.calls)
    assert called_y == pytest.approx([float(c.income) for c in income_to_calls(q)], abs=1e-6)
    # yields: one point per call with a yield, then maturity; the workout diamond at the worst
    y = q.yields
    assert y is not None and y.maturity_pct is not None and y.worst_pct is not None
    curve_x, curve_y = plot.yields.curve.getData()
    by_date = {t.date: t.yield_pct for t in y.to_call}
    shown = [c for c in q.calls if c.date in by_date]
    assert curve_x.tolist() == [*xs(c.payment_date for c in shown), x(q.redemption.payment_date)]
    assert curve_y.tolist() == [*(float(by_date[c.date]) for c in shown), float(y.maturity_pct)]
    _wx, wy = plot.yields.workout.getData()
    assert wy.tolist() == [float(y.worst_pct)]


EDITS = (  # (amount, settle) of the 30-year note, one after another
    (25_000, date(2021, 6, 1)),
    (26_000, date(2021, 6, 1)),  # an amount typed: bars and totals change, the dates do not
    (26_000, date(2021, 6, 20)),  # past the 06-15 coupon and call: one of each dropped
    (26_000, date(2021, 3, 2)),  # earlier than any quote so far: more coupons than cached
    (1_000, date(2021, 3, 2)),
    (1_000, date(2049, 11, 1)),  # the last three coupons and two calls
    (27_000, date(2021, 7, 20)),
)


def test_drawn_arrays_follow_each_edit(chart: Any, long_offering: Offering) -> None:
    for amount, when in EDITS:
        q = purchase(long_offering, amount, when)
        settle(chart, q)
        check_drawn(chart, q)


def test_short_and_non_callable_notes(chart: Any, ally: Offering, long_offering: Offering) -> None:
    tt8 = ally.note("02006DTT8")
    assert tt8 is not None
    q = quote(make_purchase(ally, tt8, Decimal(25_000), date(2019, 12, 3)))
    settle(chart, q)
    check_drawn(chart, q)
    assert chart.bar_count() == 36 and chart.call_line_count() == 24
    plain = replace(long_offering.notes[0], redemption=Redemption(callable=False))
    plain_offering = replace(long_offering, notes=(plain,))
    q = purchase(plain_offering, 25_000, date(2021, 6, 1))
    settle(chart, q)
    check_drawn(chart, q)
    assert chart.call_line_count() == 0
    settle(chart, None)
    assert chart.bar_count() == 0 and chart.call_line_count() == 0 and chart.plot.principal_count() == 0


def on_screen(chart: Any, part: str = "payments and coupons") -> np.ndarray[Any, Any]:
    """The payments and coupons panels as last painted on screen (not repainted for the
    occasion, as ``grab()`` would), down to the top of the yield panel; or (``part="yields"``)
    from there to the bottom of the plot, the dates included."""
    plot = chart.plot
    top_left = plot.mapTo(plot.window(), plot.rect().topLeft())
    split = int(plot.mapFromScene(plot.yield_plot.sceneBoundingRect().topLeft()).y())
    top, height = (split, plot.height() - split) if part == "yields" else (0, split)
    shot = plot.screen().grabWindow(
        plot.window().winId(), top_left.x(), top_left.y() + top, plot.width(), height
    )
    image = shot.toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].copy()


def test_picture_after_edits_is_the_picture_of_a_fresh_chart(
    qtbot: Any, chart: Any, long_offering: Offering
) -> None:
    """After edits (an amount, a coupon dropped, more coupons than cached), the payments and
    coupons panels show the pixels a new chart paints for the last quote alone, zoomed alike.
    The last quote keeps the first one's coupons and amount: both charts fit the same y ranges."""
    edits = (
        (24_000, date(2021, 6, 1)),
        (24_000, date(2021, 6, 20)),
        (24_000, date(2021, 3, 2)),
        (24_000, date(2021, 6, 5)),
        (25_000, date(2021, 6, 5)),  # an amount alone: the yield panel is not repainted
    )
    zoom = (x(date(2021, 2, 1)), x(date(2022, 3, 1)))
    settle(chart, purchase(long_offering, 25_000, date(2021, 6, 1)))
    chart.plot.top.setXRange(*zoom, padding=0)
    for amount, when in edits:
        settle(chart, purchase(long_offering, amount, when))
    shown = on_screen(chart)  # before another window changes which one is active (a repaint)
    fresh = new_chart(qtbot)
    settle(fresh, purchase(long_offering, *edits[-1]))
    fresh.plot.top.setXRange(*zoom, padding=0)
    settle(fresh, fresh.plot.quote)
    assert np.array_equal(shown, on_screen(fresh))


def test_grids_are_opaque_and_behind_the_data(chart: Any, long_offering: Offering) -> None:
    """The axes draw their grid in opaque colours behind the view: translucent grid lines cost
    the raster engine ten times as much, about 4 ms a panel on every rescale of an amount typed."""
    settle(chart, purchase(long_offering, 25000, date(2020, 1, 15)))
    from PySide6.QtGui import QPainter

    image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
    for plot in (chart.plot.top, chart.plot.bottom, chart.plot.yield_plot):
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            assert axis.zValue() < plot.getViewBox().zValue()
            painter = QPainter(image)
            try:
                _axis, ticks, _texts = axis.generateDrawSpecs(painter)
            finally:
                painter.end()
            assert ticks and all(pen.color().alpha() == 255 for pen, _a, _b in ticks)


def test_value_axes_do_not_narrow_while_amounts_are_typed(chart: Any, long_offering: Offering) -> None:
    """Typing an amount digit by digit moves the labels between $150 and $1.5M; an axis that
    narrowed again would re-lay the chart out and redraw every axis on each key (~5 ms)."""
    widths = []
    for amount in (1_000, 10_000, 100_000, 1_000_000):  # coupons $4.38 ($1.00 … $5.00 ticks) → …
        settle(chart, purchase(long_offering, amount, date(2020, 1, 15)))
        widths.append([p.getAxis("left").width() for p in (chart.plot.top, chart.plot.bottom)])
    for before, after in itertools.pairwise(widths):
        assert all(a >= b for a, b in zip(after, before, strict=True)), widths


def test_dates_keep_their_room_after_the_chart_was_empty(qtbot: Any, ally: Offering) -> None:
    """A chart that was empty first (made before its document arrived, as on a slow start, or
    every document closed) and then given a quote is laid out and drawn as one given the quote
    at once: the date axis under the last panel had shrunk to its empty labels' room (pyqtgraph
    reduces an axis's text space when no label is drawn) and the dates were cut off at the
    bottom."""
    from app.ui.chart.frame import CallChart

    tt8 = ally.note("02006DTT8")
    assert tt8 is not None
    q = quote(make_purchase(ally, tt8, Decimal(1_000), date(2019, 11, 29)))
    was_empty = new_chart(qtbot)  # created with no quote: empty panels
    settle(was_empty, None)
    settle(was_empty, q)
    direct = CallChart()
    qtbot.addWidget(direct)
    direct.resize(900, 560)
    direct.set_quote(q)
    direct.show()
    qtbot.waitExposed(direct)
    direct.ensure_plot()
    settle(direct, q)

    def layout(chart: Any) -> list[tuple[float, ...]]:
        plots = (chart.plot.top, chart.plot.bottom, chart.plot.yield_plot)
        return [p.geometry().getRect() for p in plots] + [(p.getAxis("bottom").height(),) for p in plots]

    assert layout(was_empty) == layout(direct)
    # the yield panel and the dates under it, whole, as a new chart draws them
    assert np.array_equal(on_screen(was_empty, part="yields"), on_screen(direct, part="yields"))


@pytest.mark.parametrize("empty_first", [False, True])
def test_the_panels_share_one_date_scale(
    qtbot: Any, ally: Offering, long_offering: Offering, empty_first: bool
) -> None:
    """The three panels' value axes are equally wide, so that a date is at the same x in each
    (a call line in the payments panel above its dot in the coupons and yields panels), whatever
    the widths of their labels ($3.00, $80, 2.4%, $1.5M) and whether the chart was empty first."""
    from app.ui.chart.frame import CallChart

    frame = CallChart()
    qtbot.addWidget(frame)
    frame.resize(900, 560)
    if not empty_first:
        frame.set_quote(purchase(ally, 1_000, date(2019, 11, 29)))
    frame.show()
    qtbot.waitExposed(frame)
    frame.ensure_plot()
    # four notes and amounts, then the panel narrowed and widened again (a splitter dragged)
    cases = [(ally, 1_000, None), (long_offering, 25_000, None), (long_offering, 1_000_000, None)]
    cases += [(ally, 5_000, None), (ally, 5_000, (420, 300)), (ally, 5_000, (1100, 640))]
    for offering, amount, size in cases:
        if size is not None:
            frame.resize(*size)
        settle(
            frame,
            purchase(offering, amount, date(2021, 6, 1) if offering is long_offering else date(2019, 11, 29)),
        )
        views = [
            p.getViewBox().sceneBoundingRect()
            for p in (frame.plot.top, frame.plot.bottom, frame.plot.yield_plot)
        ]
        assert len({(v.left(), v.width()) for v in views}) == 1, (offering.issuer, amount, size, views)
