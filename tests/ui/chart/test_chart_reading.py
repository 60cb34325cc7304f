"""The chart read at small sizes and close up (issue 14 item 8), driven as a user would in the
window at 1366×705 (a maximised 1366×768 laptop): the "Worst …" label stays inside the yield
panel whatever the price typed (101.5 used to push it below the panel's bottom), the date axis
keeps the year when zoomed in to months and days, and the yield-to-worst diamond has a tooltip
like the bars and call dates.

The sample's 02006DTT8 (2.35% monthly, callable monthly from 2020-11-15 at par, maturity
2022-11-15): at par every yield is 2.350% and the workout is maturity; at a premium (101.5) the
worst is the first call, 2020-11-15."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.cli import CalcArgs
from app.ui.window.start import build_window
from tests.ui.windows import loaded

YEAR = re.compile(r"\b(19|20)\d\d\b")
DAY = 86400.0


def x(d: date) -> float:
    """The chart's x of a date: UTC-midnight epoch seconds."""
    return (d - date(1970, 1, 1)).days * DAY


@pytest.fixture
def win(qtbot: Any) -> Any:
    window = loaded(build_window([], CalcArgs(), screenshot=True))
    qtbot.addWidget(window)
    window.resize(1366, 705)
    window.show()
    qtbot.waitExposed(window)
    window.chart.ensure_plot()
    QApplication.processEvents()
    return window


def type_price(qtbot: Any, win: Any, text: str) -> None:
    edit = win.calculator.priceEdit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def painted(win: Any) -> Any:
    plot = win.chart.plot
    plot.grab()  # paints every item now
    return plot


def view_rect(plot: Any, panel: Any) -> QRectF:
    """The panel's data area in the chart widget's pixels."""
    return plot.viewportTransform().mapRect(panel.getViewBox().sceneBoundingRect())


@pytest.mark.parametrize("price", ["101.5", "101", "99.25", "100"])
def test_worst_label_stays_inside_the_yield_panel(qtbot: Any, win: Any, price: str) -> None:
    type_price(qtbot, win, price)
    plot = painted(win)
    label = plot.yields.label
    assert label.toPlainText().startswith("Worst ")
    box = label.drawn
    assert not box.isEmpty()
    assert view_rect(plot, plot.yield_plot).contains(box), (price, box)


def test_worst_at_a_premium_is_the_first_call(qtbot: Any, win: Any) -> None:
    type_price(qtbot, win, "101.5")
    plot = painted(win)
    assert plot.yields.label.toPlainText().endswith("· 2020-11-15")
    for label in (plot.payments.first_label, plot.income.maturity_label):
        if label.toPlainText():
            panel = view_rect(plot, plot.top if label is plot.payments.first_label else plot.bottom)
            # a label held at the panel's edge: the same edge, computed through another transform
            assert panel.adjusted(-0.01, -0.01, 0.01, 0.01).contains(label.drawn)


def wheel(plot: Any, at: QPointF, clicks: int) -> None:
    viewport = plot.viewport()
    for _ in range(clicks):
        event = QWheelEvent(
            at,
            QPointF(viewport.mapToGlobal(at.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, event)
        QApplication.processEvents()


def tick_labels(axis: Any) -> list[str]:
    """The labels the axis draws at its present range."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]]


def test_zoomed_date_axis_keeps_the_year(qtbot: Any, win: Any) -> None:
    plot = painted(win)
    axis = plot.yield_plot.getAxis("bottom")
    assert {"2020", "2021", "2022"} <= set(tick_labels(axis))  # the whole life: years (and months)
    centre = view_rect(plot, plot.yield_plot).center()
    seen: list[str] = []
    for _ in range(16):
        wheel(plot, centre, 1)
        texts = tick_labels(axis)
        assert texts, "a zoomed axis has labels"
        assert any(YEAR.search(text) for text in texts), texts  # the year is always in view
        seen += texts
    low, high = plot.yield_plot.getViewBox().viewRange()[0]
    assert high - low < 31 * DAY  # zoomed in to days …
    assert any(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", t) for t in seen)  # … months: "Jun 2021"
    plot.yield_plot.setXRange(x(date(2021, 6, 3)), x(date(2021, 6, 25)), padding=0)
    days = tick_labels(axis)  # between two months: each day names its month and year
    assert days and all(re.fullmatch(r"\d{1,2} Jun 2021", t) for t in days), days


def diamond_tip(qtbot: Any, win: Any) -> str:
    plot = painted(win)
    view = plot.yield_plot.getViewBox()
    xs, ys = plot.yields.workout.getData()
    at = plot.mapFromScene(view.mapViewToScene(QPointF(float(xs[0]), float(ys[0]))))
    qtbot.mouseMove(plot.viewport(), at + QPoint(2, 1))
    QApplication.processEvents()
    return str(view.toolTip())


def test_the_workout_diamond_has_a_tooltip(qtbot: Any, win: Any) -> None:
    assert diamond_tip(qtbot, win) == "Yield to worst 2.350% to 2022-11-15 (maturity)"
    type_price(qtbot, win, "101.5")
    assert diamond_tip(qtbot, win).endswith("to 2020-11-15 (first call)")
