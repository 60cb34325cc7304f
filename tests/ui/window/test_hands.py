"""Issue 14 on the whole window: stale figures look stale everywhere (or are gone), Tab moves from
panel to panel and never stays in a table, and a window with no document shows no made-up date
and whole headers. Driven with QTest key and mouse clicks.

"Looks stale" is read from the pixels: the darkest pixel of a figure, a table or the chart is
light grey while stale (the text colour is #1d2733, about 40 on a 0–255 grey scale; the stale
grey #9aa4ae about 160; the chart faded to 30% over white)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView, QWidget

from app.cli import CalcArgs
from tests.ui.driving import child, label, type_into
from tests.ui.windows import loaded

FIGURES = (
    "principalValue",
    "accruedInterestValue",
    "totalCostValue",
    "annualIncomeValue",
    "ytmValue",
    "ytwValue",
)


def darkest(widget: QWidget) -> int:
    """The darkest grey (0–255) in the widget as painted now."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return min(
        image.pixelColor(x, y).red() for y in range(0, image.height(), 1) for x in range(0, image.width(), 1)
    )


def _visible_rows(table: QTableView) -> QWidget:
    table.clearSelection()  # a selected row is painted white on blue
    return table.viewport()


def _chart(window: Any) -> Any:
    window.chart.ensure_plot()
    QApplication.processEvents()
    return window.chart.plot


def test_a_price_typed_past_its_range_leaves_no_figure_looking_valid(window: Any) -> None:
    # issue 14: typing 250 showed the 23.6% yield of the intermediate 25 beside a box reading 250
    plot = _chart(window)
    type_into(window, "priceEdit", "25", enter=False)
    assert window.current_quote() is not None and label(window, "ytmValue") != "2.350%"
    valid = {name: darkest(child(window, name, QLabel)) for name in FIGURES}  # the total is blue
    QTest.keyClicks(child(window, "priceEdit"), "0")
    QApplication.processEvents()
    assert window.current_quote() is None and "out of range" in label(window, "priceHint")
    for name in FIGURES:
        shown = child(window, name, QLabel)
        assert shown.font().strikeOut() and darkest(shown) > max(120, valid[name] + 40), name
    assert child(window, "yieldEdit", QLineEdit).text() == ""  # the 25's yield is not left there
    for table in (window.call_table, window.coupon_table):
        assert darkest(_visible_rows(table)) > 120, table.objectName()
    assert darkest(plot) > 100  # faded: overlapping marks add up, still far from the ~40 of text
    for note in ("callStaleNote", "couponStaleNote", "chartStaleNote"):
        assert child(window, note, QLabel).isVisible(), note
    # valid again: every figure in its normal look, the notes gone
    type_into(window, "priceEdit", "101")
    assert window.current_quote() is not None
    for name in FIGURES:
        shown = child(window, name, QLabel)
        assert not shown.font().strikeOut() and darkest(shown) == valid[name], name
    assert child(window, "yieldEdit", QLineEdit).text() == label(window, "ytmValue").rstrip("%")
    assert darkest(_visible_rows(window.coupon_table)) < 90
    assert darkest(plot) < 60
    assert not child(window, "callStaleNote", QLabel).isVisible()


def test_a_half_typed_amount_restyles_the_figures_once_not_per_key(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the edit path's budget: the look changes on the valid ↔ stale change only
    from app.ui.common import ResultRow

    calls: list[bool] = []
    original = ResultRow.set_stale
    monkeypatch.setattr(
        ResultRow, "set_stale", lambda row, stale: (calls.append(stale), original(row, stale))
    )
    rows = len(window.calculator.results.rows)
    type_into(window, "amountEdit", "2", enter=False)  # below the minimum: stale
    for key in "5,00":
        QTest.keyClicks(child(window, "amountEdit"), key)
    assert window.calculator.stale and calls == [True] * rows
    QTest.keyClicks(child(window, "amountEdit"), "0")  # 25,000: valid again
    assert not window.calculator.stale and calls == [True] * rows + [False] * rows


def test_a_note_with_no_valid_purchase_shows_none_of_the_previous_notes_figures(
    window: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    from tests.offerings import long_offering
    from tests.ui.driving import click_cusip, open_offering

    long = long_offering(1)
    open_offering(window, replace(long, settle_date=long.notes[0].maturity_date), tmp_path)
    click_cusip(window, "99999ZZZ0")
    assert window.current_quote() is None and label(window, "totalCostValue") == "—"
    assert window.coupon_table.model().rowCount() == window.call_table.model().rowCount() == 0
    assert _chart(window).quote is None


# -- Tab -----------------------------------------------------------------------------------------


def _tab(backward: bool = False) -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_Backtab if backward else Qt.Key.Key_Tab)
    QApplication.processEvents()
    now = QApplication.focusWidget()
    assert now is not None
    return now


def _name(widget: QWidget) -> str:
    return widget.objectName() or (widget.parent().objectName() if widget.parent() else "")


def test_tab_leaves_the_call_schedule_and_reaches_every_panel(window: Any) -> None:
    # issue 14: 1,191 Tabs never left the call schedule; the coupon table, the copy button, the
    # chart and the terms were out of the keyboard's reach
    window.activateWindow()
    child(window, "offeringFilter").setFocus()
    QApplication.processEvents()
    order = [_name(_tab()) for _ in range(13)]
    expected = [
        "offeringTree",
        "amountEdit",
        "settleDateEdit",
        "priceEdit",
        "yieldEdit",
        "yieldBasis",
        "callTable",
        "couponTable",
        "copyTableButton",
        "callChart",
        "resetZoomButton",
        "termsView",
    ]
    assert order[: len(expected)] == expected
    window.call_table.setFocus()
    assert _name(_tab()) == "couponTable"
    assert _name(_tab(backward=True)) == "callTable"
    assert _name(_tab(backward=True)) == "yieldBasis"


def test_arrows_move_inside_a_table_and_keep_the_focus(window: Any) -> None:
    table = window.call_table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    first = table.currentIndex().row()
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == first + 1
    assert QApplication.focusWidget() is table


def test_the_chart_takes_the_keys_once_tabbed_to(window: Any) -> None:
    plot = _chart(window)
    chart = window.chart
    chart.setFocus()
    x0, x1 = plot.top.getViewBox().viewRange()[0]
    QTest.keyClick(chart, Qt.Key.Key_Plus)
    z0, z1 = plot.top.getViewBox().viewRange()[0]
    assert z1 - z0 < x1 - x0
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert plot.top.getViewBox().viewRange()[0][0] > z0
    QTest.keyClick(chart, Qt.Key.Key_0)
    r0, r1 = plot.top.getViewBox().viewRange()[0]
    assert r1 - r0 == pytest.approx(x1 - x0, rel=1e-6)


# -- no document ---------------------------------------------------------------------------------


def _empty_window(qtbot: Any, tmp_path: Path) -> Any:
    from app.ui.window.start import build_window

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    win = loaded(build_window([str(empty)], CalcArgs(), screenshot=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _headers_whole(table: QTableView) -> None:
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # no sideways scrolling
    metrics = header.fontMetrics()
    for column in range(header.count()):
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
        assert header.sectionSize(column) >= widest + 12, title  # the style sheet's 6 + 6 padding


def test_a_window_with_no_document_shows_no_date_and_whole_headers(qtbot: Any, tmp_path: Path) -> None:
    # issue 14: the empty window showed settle 2000-01-01 and clipped call-schedule headers
    win = _empty_window(qtbot, tmp_path)
    assert win.offerings.documents() == []
    settle = child(win, "settleDateEdit")
    assert settle.text() == ""  # not 2000-01-01
    assert settle.placeholderText() == "yyyy-mm-dd"
    assert child(win, "amountEdit", QLineEdit).text() == child(win, "priceEdit", QLineEdit).text() == ""
    assert "choose a CUSIP" in label(win, "amountHint")  # the first field says what to do
    assert label(win, "totalCostValue") == "—" and not win.calculator.isEnabled()
    _headers_whole(win.call_table)


def test_closing_the_last_document_empties_the_calculator(window: Any) -> None:
    type_into(window, "amountEdit", "25,000")
    window.close_current()
    assert child(window, "settleDateEdit").text() == ""
    assert child(window, "amountEdit", QLineEdit).text() == ""
    assert label(window, "totalCostValue") == label(window, "ytmValue") == "—"
    assert "choose a CUSIP" in label(window, "amountHint")
    assert window.coupon_table.model().rowCount() == 0


def test_a_yield_typed_while_the_price_is_wrong_sets_a_valid_price(window: Any) -> None:
    type_into(window, "priceEdit", "250")
    assert window.current_quote() is None and child(window, "yieldEdit", QLineEdit).text() == ""
    type_into(window, "yieldEdit", "2.350", enter=False)
    assert window.current_quote() is not None
    assert abs(float(child(window, "priceEdit", QLineEdit).text()) - 100.0) < 0.01  # the coupon rate: par
