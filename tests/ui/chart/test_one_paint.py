"""The chart is painted once for each note shown, not twice: its panels are laid out and its
views prepared before the paint (``PaymentChart.lay_out_now``). Left to the paint, pyqtgraph moved
the view boxes while painting and the chart was painted again at once (~10 ms more for every
note switch and every figure typed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.cli import CalcArgs
from tests.ui.driving import Paints, settle, shown_with_chart
from tests.ui.windows import built


def test_each_note_chosen_with_the_keyboard_paints_the_chart_once(qtbot: Any) -> None:
    data = Path(__file__).resolve().parents[2] / "data" / "supplements"
    win = built([str(data / "prudential-internotes-2014.html")], CalcArgs())  # three CUSIPs
    shown_with_chart(qtbot, win)
    settle(250)
    paints = Paints(win.chart.plot.viewport())
    tree = win.offerings.tree
    tree.setFocus()

    def cusip() -> str:
        return str(win.calculator.current.purchase.note.cusip)

    shown: dict[str, int] = {}
    for _ in range(6):
        before = cusip()
        paints.count = 0
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        settle(250)
        if cusip() != before:  # another note is shown (the first key may only reach the first)
            shown[cusip()] = paints.count
    assert len(shown) >= 2, shown
    assert set(shown.values()) == {1}, shown


def test_the_chart_made_at_start_up_is_painted_at_most_twice(qtbot: Any) -> None:
    """Made after the window's first paint, the chart is laid out at its size and its axes'
    labels measured before its own first paint. It is painted when shown and once more after the
    window's own relayout (from the axes' pictures, ~4 ms); three times before, the extra one for
    the layout pyqtgraph did while painting and the axes it widened then."""
    from app.ui.window.start import build_window

    paints = Paints()
    win = build_window([], CalcArgs(), screenshot=True)  # as `main.py --screenshot` builds it
    win.chart.ready.connect(lambda: win.chart.plot.viewport().installEventFilter(paints))
    shown_with_chart(qtbot, win)
    settle(500)
    assert 1 <= paints.count <= 2
