"""The window on real screens (issue 14 item 7): maximised on a 1366×768 laptop the client area is
about 1366×705 (768 less a taskbar and a title bar). Everything an advisor reads fits there or is
reached by scrolling down, never sideways: the purchase, its cost and its yields without
scrolling, the coupon calendar without a horizontal scroll bar (the columns that give way show in
a row's tooltip), the offerings tree with room for at least six rows. On a 1920×1080 screen all
columns show and none is stretched to fill the panel.

The sample's 02006DTT8 ($1,000 settling 2019-11-29): first coupon $1.04 (16 days of 2.35% on
$1,000, 30/360), its running total the same $1.04."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolTip, QTreeView, QWidget

from app.cli import CalcArgs
from app.ui.window.start import build_window
from tests.ui.windows import loaded

LAPTOP = (1366, 705)  # 1366×768 maximised: less a 33-px taskbar and a 30-px title bar
DESKTOP = (1920, 1017)
H = Qt.Orientation.Horizontal


def open_at(qtbot: Any, size: tuple[int, int]) -> Any:
    """The window with the sample, resized as the window manager would before it is shown."""
    win = loaded(build_window([], CalcArgs(), screenshot=True))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.plot is not None)
    QApplication.processEvents()
    return win


def seen_in(widget: QWidget, viewport: QWidget) -> bool:
    """The whole of ``widget`` lies inside ``viewport`` (its scroll area's visible part)."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def label(win: Any, name: str) -> QLabel:
    found = win.findChild(QLabel, name)
    assert found is not None, name
    return found


def test_laptop_shows_the_purchase_cost_and_every_yield_without_scrolling(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    assert (win.width(), win.height()) == LAPTOP
    viewport = win.panes.calc_scroll.viewport()
    for name in ("ytmValue", "ytwValue", "currentYieldValue", "beyValue", "totalCostValue"):
        assert seen_in(label(win, name), viewport), name
    assert seen_in(win.calculator.results.yields, viewport)
    assert label(win, "beyValue").text() == "2.362%"  # 2.350% monthly restated semiannually


def test_laptop_coupon_calendar_never_scrolls_sideways(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    table: QTableView = win.findChild(QTableView, "couponTable")
    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().length() <= table.viewport().width()
    model = table.model()
    titles = {model.headerData(c, H).replace("\n", " "): c for c in range(model.columnCount())}
    for kept in ("#", "Accrual end", "Payment date", "Amount", "Call"):
        column = titles[kept]
        assert not table.isColumnHidden(column), kept
        x = table.columnViewportPosition(column)
        assert x >= 0 and x + table.columnWidth(column) <= table.viewport().width(), kept


def test_laptop_coupon_row_tooltip_names_what_gave_way(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    table: QTableView = win.findChild(QTableView, "couponTable")
    model = table.model()
    cumulative = next(c for c in range(model.columnCount()) if model.headerData(c, H) == "Cumulative")
    assert table.isColumnHidden(cumulative)
    amount = next(c for c in range(model.columnCount()) if model.headerData(c, H) == "Amount")
    cell = table.visualRect(model.index(0, amount)).center()
    viewport = table.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, cell, viewport.mapToGlobal(cell))
    QApplication.sendEvent(viewport, event)
    assert "Cumulative: $1.04" in QToolTip.text()  # the first coupon is the running total
    QToolTip.hideText()


def test_laptop_offerings_tree_shows_six_rows_or_more(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    tree: QTreeView = win.findChild(QTreeView, "offeringTree")
    row = tree.rowHeight(tree.model().index(0, 0))
    assert row > 0
    assert tree.viewport().height() // row >= 6


def test_laptop_call_schedule_and_chart_keep_room(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    calls: QTableView = win.findChild(QTableView, "callTable")
    row = calls.rowHeight(0)
    assert calls.viewport().height() // row >= 4
    assert not calls.horizontalScrollBar().isVisible()
    assert win.chart.plot.height() >= 220


@pytest.mark.parametrize("size", [DESKTOP, (2560, 1377)])
def test_large_screens_show_every_column_none_stretched(qtbot: Any, size: tuple[int, int]) -> None:
    win = open_at(qtbot, size)
    table: QTableView = win.findChild(QTableView, "couponTable")
    columns = range(table.model().columnCount())
    assert not any(table.isColumnHidden(c) for c in columns)
    widths = [table.columnWidth(c) for c in columns]
    assert max(widths) <= 2.2 * min(w for w in widths[1:])  # the Call column is not a field of white
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert seen_in(win.calculator, win.panes.calc_scroll.viewport())  # all of it, income too


def drag(qtbot: Any, handle: QWidget, dx: int) -> None:
    """Drag a splitter handle sideways with the mouse, in five moves (the handle follows the
    mouse, so each move is a fifth of ``dx`` from where the handle is then)."""
    centre = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=centre)
    for _ in range(5):
        qtbot.mouseMove(handle, centre + QPoint(dx // 5, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=centre)
    QApplication.processEvents()


def test_maximised_after_start_lays_the_panels_out_again(qtbot: Any) -> None:
    """A first start opens at 92% of the screen (1256×706 on 1366×768); maximised then, the
    panels are laid out for the new size, as long as the user has not moved a splitter."""
    win = open_at(qtbot, (1256, 706))
    win.resize(*LAPTOP)
    qtbot.waitUntil(lambda: win.panes.main_split.sizes()[0] >= 280)
    viewport = win.panes.calc_scroll.viewport()
    assert seen_in(win.calculator.results.yields, viewport)
    assert not win.terms.horizontalScrollBar().isVisible()
    before = win.panes.main_split.sizes()[0]
    drag(qtbot, win.panes.main_split.handle(1), 80)  # the user widens the left column
    assert win.panes.main_split.sizes()[0] >= before + 70
    win.resize(1300, 700)
    QApplication.processEvents()
    qtbot.wait(100)
    assert win.panes.main_split.sizes()[0] >= before + 60  # the user's layout is kept


def test_narrow_terms_wrap_their_labels_instead_of_scrolling_sideways(qtbot: Any) -> None:
    win = open_at(qtbot, LAPTOP)
    terms = win.terms
    drag(qtbot, win.panes.main_split.handle(1), -90)  # the user narrows the left column
    assert win.panes.main_split.sizes()[0] < 240
    assert terms.horizontalScrollBar().maximum() == 0
    assert "2019-11-29" in terms.toPlainText()  # dates stay whole
    drag(qtbot, win.panes.main_split.handle(1), 140)
    assert terms.horizontalScrollBar().maximum() == 0
