"""Issue 14, the calculator under an advisor's hands: the settle date and the amount typed as an
advisor types them, driven with QTest key and mouse clicks on the real window.

Check values (domain.md, issue 4): $25,000 of 02006DTT8 (2.350%, 30/360) settling 2019-12-03
accrues 4 days (11/29 → 12/03) = $6.53, total $25,006.53. Settling 2020-03-10 it accrues 25
days (02/15 → 03/10): 25,000 × 2.35% × 25 / 360 = $40.798 → $40.80.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from tests.ui.driving import child, label, type_into


@pytest.mark.parametrize(
    "spelling",
    ["2019-12-03", "12/03/2019", "12/3/2019", "2019-12-3", "12-03-2019", "Dec 3, 2019", "20191203"],
)
def test_the_keyboard_probe_prices_exactly_the_date_typed(window: Any, spelling: str) -> None:
    # issue 14's outside probe: click, select all, type, Enter, read the cost
    type_into(window, "amountEdit", "25,000")
    type_into(window, "settleDateEdit", spelling)
    assert label(window, "accruedInterestValue") == "$6.53"
    assert label(window, "totalCostValue") == "$25,006.53"
    assert child(window, "settleDateEdit").text() == "2019-12-03"  # read back as ISO on Enter
    assert "Tuesday, December 3, 2019" in label(window, "settleHint")


def test_the_probe_in_sequence_gives_the_same_cost_each_time(window: Any) -> None:
    type_into(window, "amountEdit", "25,000")
    for spelling in ("2019-12-03", "12/03/2019", "2019-12-03", "12/03/2019"):
        type_into(window, "settleDateEdit", spelling)
        assert (label(window, "accruedInterestValue"), label(window, "totalCostValue")) == (
            "$6.53",
            "$25,006.53",
        ), spelling


def test_a_date_typed_is_never_turned_into_another(window: Any) -> None:
    # issue 14: 2020-03-10 typed over 2019-11-29 showed 2020-11-03 and priced it silently
    type_into(window, "amountEdit", "25,000")
    type_into(window, "settleDateEdit", "2020-03-10")
    assert child(window, "settleDateEdit").text() == "2020-03-10"
    assert label(window, "accruedInterestDetail") == "25 days · 2020-02-15 → 2020-03-10"
    assert label(window, "accruedInterestValue") == "$40.80"


def test_a_half_typed_or_impossible_date_is_stale_and_says_what_the_field_takes(window: Any) -> None:
    type_into(window, "amountEdit", "25,000")
    type_into(window, "settleDateEdit", "2019-12-03")
    type_into(window, "settleDateEdit", "2019-12-0", enter=False)
    calc = window.calculator
    assert calc.stale and window.current_quote() is None
    hint = label(window, "settleHint")
    assert (
        hint == "Not a date: there is no day 0 · 2019-11-29 (issue) to 2022-11-14 (the day before maturity)"
    )
    assert child(window, "settleDateEdit").property("invalid") is True
    assert label(window, "accruedInterestValue") == "$6.53"  # the last valid figures, stale
    QTest.keyClick(child(window, "settleDateEdit"), Qt.Key.Key_Return)
    assert child(window, "settleDateEdit").text() == "2019-12-0"  # Enter guesses no date
    assert calc.stale
    type_into(window, "settleDateEdit", "2019-02-30")
    assert calc.stale and "February 2019 has 28 days" in label(window, "settleHint")
    type_into(window, "settleDateEdit", "3rd of Dec")
    assert calc.stale and label(window, "settleHint").startswith(
        "Not a date: type 2019-12-03, 12/03/2019 or Dec 3, 2019 · 2019-11-29 (issue) to"
    )
    type_into(window, "settleDateEdit", "")
    assert calc.stale and label(window, "settleHint").startswith("Type the settle date")
    type_into(window, "settleDateEdit", "12/3/2019")
    assert not calc.stale and label(window, "totalCostValue") == "$25,006.53"


def test_a_settle_date_out_of_the_notes_range_says_the_range(window: Any) -> None:
    type_into(window, "settleDateEdit", "11/28/2019")
    hint = label(window, "settleHint")
    assert "out of range: 2019-11-29 (issue) to 2022-11-14 (the day before maturity)" in hint


def _calendar_button(window: Any) -> QToolButton:
    edit = child(window, "settleDateEdit")
    buttons = [b for b in edit.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 1, "the settle field shows one calendar button"
    return buttons[0]


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard focus is (a popup's view, a field)."""
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, key, modifier)
    QApplication.processEvents()


def test_the_calendar_opens_from_its_button_f4_and_alt_down_and_picks_by_keyboard(window: Any) -> None:
    edit: QLineEdit = child(window, "settleDateEdit")
    button = _calendar_button(window)
    assert "F4" in button.toolTip() or "F4" in button.defaultAction().toolTip()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    calendar = edit.calendarWidget()
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2019, 11, 29)
    assert calendar.isAncestorOf(QApplication.focusWidget())  # the arrows move in the calendar
    _key(Qt.Key.Key_Escape)
    assert not calendar.isVisible() and edit.text() == "2019-11-29"
    edit.setFocus()
    _key(Qt.Key.Key_F4)
    assert calendar.isVisible()
    _key(Qt.Key.Key_Right)  # the next day, a Saturday
    _key(Qt.Key.Key_Return)
    assert not calendar.isVisible() and edit.text() == "2019-11-30"
    assert window.focusWidget() is edit
    assert "Saturday" in label(window, "settleHint")
    _key(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2019, 11, 30)
    _key(Qt.Key.Key_Escape)
    # the calendar offers the note's dates and still names New York banking holidays
    assert calendar.minimumDate() == QDate(2019, 11, 29) and calendar.maximumDate() == QDate(2022, 11, 14)
    calendar.setCurrentPage(2020, 1)
    assert "Martin Luther King" in calendar.dateTextFormat(QDate(2020, 1, 20)).toolTip()


def test_up_and_down_move_a_typed_date_by_a_day(window: Any) -> None:
    type_into(window, "settleDateEdit", "2019-12-03")
    edit = child(window, "settleDateEdit")
    QTest.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "2019-12-04"
    QTest.keyClick(edit, Qt.Key.Key_PageDown)
    assert edit.text() == "2019-11-04"


# -- the amount ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["25k", "25K"])
def test_an_amount_in_thousands_is_read_and_said(window: Any, typed: str) -> None:
    # issue 14: "25k" lost its k and priced $25
    type_into(window, "amountEdit", typed, enter=False)
    assert label(window, "principalValue") == "$25,000.00"
    assert label(window, "amountHint").startswith(f"{typed} read as $25,000.00")
    QTest.keyClick(child(window, "amountEdit"), Qt.Key.Key_Return)
    assert child(window, "amountEdit").text() == "25,000"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("-1000", "negative amounts are not allowed"),
        ("25x", "'x' not understood"),
        ("1e5", "'e' not understood"),
    ],
)
def test_what_the_amount_field_does_not_understand_is_said_there(window: Any, typed: str, said: str) -> None:
    # issue 14: the field dropped the minus (-1000 priced $1,000) and the letters, silently
    type_into(window, "amountEdit", "25,000")
    type_into(window, "amountEdit", typed)
    assert child(window, "amountEdit").text() == typed
    assert said in label(window, "amountHint")
    assert child(window, "amountEdit").property("invalid") is True
    assert window.calculator.stale and label(window, "principalValue") == "$25,000.00"


def test_the_amount_field_states_its_upper_bound(window: Any) -> None:
    # quote.MAX_AMOUNT = $1,000,000,000 was enforced and never said
    hint = label(window, "amountHint")
    assert "At least $1,000.00, at most $1,000,000,000.00, in multiples of $1,000.00" in hint
    type_into(window, "amountEdit", "2,000,000,000")
    assert "out of range: at least $1,000.00, at most $1,000,000,000.00" in label(window, "amountHint")


# -- the settle hint -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2019-12-07", "⚠ Saturday, December 7, 2019 — not a New York banking day"),
        ("2019-12-08", "⚠ Sunday, December 8, 2019 — not a New York banking day"),
        (
            "2020-01-20",
            "⚠ Monday, January 20, 2020: Birthday of Martin Luther King, Jr. — not a New York banking day",
        ),
        ("2019-12-03", "Tuesday, December 3, 2019 · New York banking day"),
    ],
)
def test_the_settle_hint_names_the_day_once(window: Any, typed: str, said: str) -> None:
    # issue 14: "⚠ Saturday: Saturday — not a New York banking day"
    type_into(window, "settleDateEdit", typed)
    assert label(window, "settleHint") == said
    assert not window.calculator.stale  # flagged, still priced


def test_the_amount_typed_survives_leaving_the_field_with_tab(window: Any) -> None:
    type_into(window, "amountEdit", "25k", enter=False)
    QTest.keyClick(child(window, "amountEdit"), Qt.Key.Key_Tab)
    assert child(window, "amountEdit").text() == "25,000"
    assert window.focusWidget() is child(window, "settleDateEdit")
    assert Decimal(window.current_quote().purchase.amount) == Decimal(25000)


def test_settle_date_text_is_kept_in_the_session(window: Any, tmp_path: Path) -> None:
    # the session keeps a date, never a half-typed text: the last valid one, else the default
    type_into(window, "settleDateEdit", "2019-12-0", enter=False)
    cusip, inputs = window.purchase_inputs()
    assert cusip == "02006DTT8" and inputs.settle.isoformat() == "2019-11-29"


def test_stepping_past_the_last_date_a_calendar_holds_does_nothing(window: Any) -> None:
    type_into(window, "settleDateEdit", "9999-12-31")
    QTest.keyClick(child(window, "settleDateEdit"), Qt.Key.Key_PageUp)
    QTest.keyClick(child(window, "settleDateEdit"), Qt.Key.Key_Up)
    assert child(window, "settleDateEdit").text() == "9999-12-31"
    assert "out of range" in label(window, "settleHint")
