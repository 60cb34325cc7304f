"""Issue 14, items 9/10 in the window: a yield to worst that is only the yield to maturity says so
(calculator, chart, call schedule); a zero-coupon note shows what a call repays, not $0.00
coupons; the yield typed prices to maturity, to worst or to a call date with the domain's
``quote.reprice_from_yield`` (the function ``calc --yield`` uses).

Sources: Prudential InterNotes 2014 (tests/data/supplements), 74432RAC7 "Subject to our
redemption right": callable on terms the prospectus gives; John Hancock 41013MBT6
(tests/offerings.py) called 2007-10-15 at $705 and 2010-10-15 at $800 per $1,000.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from app.cli import CalcArgs
from app.domain.model import Workout
from app.domain.quote import reprice_from_yield
from app.ui.common.roles import TOOLTIP
from tests.offerings import JOHN_HANCOCK
from tests.ui.driving import child, click_cusip, label, open_offering, type_into
from tests.ui.windows import loaded

DATA = Path(__file__).resolve().parents[2] / "data" / "supplements"


def _window(qtbot: Any, files: list[str], cusip: str) -> Any:
    from app.ui.window.start import build_window

    win = loaded(build_window(files, CalcArgs(cusip), screenshot=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.chart.ensure_plot()
    QApplication.processEvents()
    return win


def test_unknown_calls_are_said_wherever_the_worst_is_shown(qtbot: Any) -> None:
    win = _window(qtbot, [str(DATA / "prudential-internotes-2014.html")], "74432RAC7")
    assert win.offerings.current_note().cusip == "74432RAC7"
    assert (label(win, "ytwValue"), label(win, "ytwDetail")) == ("n/a", "calls unknown")
    assert "the yield to worst is only the yield to maturity" in child(win, "ytwValue", QLabel).toolTip()
    assert win.chart.plot.yields.label.text.startswith("Worst n/a — calls unknown; to maturity 4.600%")
    assert child(win, "callsUnknownNote", QLabel).isVisible()
    model = win.call_table.model()
    maturity = model.index(model.rowCount() - 1, 0)
    assert "the yield to worst is only the yield to maturity" in maturity.data(TOOLTIP)


def test_a_zero_coupon_note_shows_what_each_call_repays(window: Any, tmp_path: Path) -> None:
    open_offering(window, JOHN_HANCOCK, tmp_path, "zero.json")
    click_cusip(window, "41013MBT6")
    model = window.call_table.model()
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Repaid"
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["$705.00", "$800.00", "$1,000.00"]
    assert [model.index(r, 3).data() for r in range(2)] == ["$295.00", "$200.00"]  # short of $1,000
    assert "$0.00" not in label(window, "firstCouponCheck")
    assert "gives $0.00" not in window.terms.toPlainText()
    click_cusip(window, "02006DTT8")
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Coupons"


def _choose_basis(window: Any, presses: int) -> None:
    """Open the basis list with F4 and go down ``presses`` rows, then Enter (as by keyboard)."""
    combo: QComboBox = child(window, "yieldBasis", QComboBox)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_F4)
    view = combo.view()
    assert view.isVisible()
    for _ in range(presses):
        QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Return)
    window.activateWindow()  # the popup closed: the window has the keyboard again
    QApplication.processEvents()
    assert not view.isVisible()


def test_a_yield_to_worst_typed_prices_as_calc_yield_does(window: Any) -> None:
    purchase = window.current_quote().purchase
    _choose_basis(window, 1)
    assert child(window, "yieldBasis", QComboBox).currentText() == "to worst"
    type_into(window, "yieldEdit", "2.1", enter=False)
    repriced, lands = reprice_from_yield(purchase, Decimal("2.1"), Workout.WORST)
    assert Decimal(child(window, "priceEdit").text()) == repriced.price_pct
    assert f"to worst: the call on {lands}" in label(window, "yieldHint")


def test_a_yield_to_a_chosen_call_date_prices_to_that_date(window: Any) -> None:
    purchase = window.current_quote().purchase
    _choose_basis(window, 4)  # maturity, worst, 1st call, then each call date: the second one
    combo: QComboBox = child(window, "yieldBasis", QComboBox)
    assert combo.currentText() == "to the call on 2020-12-15"
    type_into(window, "yieldEdit", "2.0", enter=False)
    repriced, lands = reprice_from_yield(purchase, Decimal("2.0"), Workout.CALL, date(2020, 12, 15))
    assert lands == date(2020, 12, 15)
    assert Decimal(child(window, "priceEdit").text()) == repriced.price_pct
    assert "to call: the call on 2020-12-15" in label(window, "yieldHint")
