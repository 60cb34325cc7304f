"""Issue 14: choosing another CUSIP kept nothing of the amount typed. An advisor comparing two
CUSIPs for the same client types the amount (and the settle date) once: they go with the next
note when it accepts them (a multiple of its increment, at least its minimum; a settle date from
its issue date to the day before maturity), else that note's own, with a hint saying what was
reset and why. The note's own price is never carried (each note has its selling price).

The choice between the amount just typed and the one last left for that CUSIP (the saved
purchase inputs, ``PurchaseMemory``): the amount just typed wins — it is the client's; the saved
inputs apply when nothing was typed (the note's defaults were on screen) and at start-up.

Check values: $25,000 of 02006DTU5 (2.600%) settling 2019-12-03 accrues 4 days (30/360):
25,000 × 2.6% × 4 / 360 = $7.22.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.model import Offering
from tests.offerings import ALLY, CHUBB
from tests.ui.driving import child, click_cusip, label, open_offering, type_into


def test_the_amount_and_settle_date_typed_go_with_the_next_note(window: Any) -> None:
    click_cusip(window, "02006DTT8")
    type_into(window, "amountEdit", "25,000")
    type_into(window, "settleDateEdit", "12/03/2019")
    click_cusip(window, "02006DTU5")
    assert child(window, "amountEdit").text() == "25,000"
    assert child(window, "settleDateEdit").text() == "2019-12-03"
    assert child(window, "priceEdit").text() == "100.000"
    assert label(window, "accruedInterestValue") == "$7.22"
    assert label(window, "totalCostValue") == "$25,007.22"
    assert "Reset" not in label(window, "amountHint") + label(window, "settleHint")


def _five_thousands(tmp: Path, window: Any) -> Offering:
    """Chubb's 2034 note sold in $5,000 pieces, issued 2024-03-07."""
    offering = replace(CHUBB, minimum_denomination=Decimal(5000), increment=Decimal(5000))
    open_offering(window, offering, tmp, "chubb.json")
    return offering


def test_what_the_next_note_refuses_is_reset_and_said(window: Any, tmp_path: Path) -> None:
    _five_thousands(tmp_path, window)
    click_cusip(window, "02006DTT8")
    type_into(window, "amountEdit", "3,000")
    type_into(window, "settleDateEdit", "2019-12-03")
    click_cusip(window, "171239AK2")
    assert child(window, "amountEdit").text() == "5,000"
    assert label(window, "amountHint") == (
        "Reset to $5,000.00: amount $3,000.00 is out of range: at least $5,000.00, at most "
        "$1,000,000,000.00, in multiples of $5,000.00"
    )
    assert child(window, "settleDateEdit").text() == "2024-03-07"
    assert label(window, "settleHint") == (
        "Reset to 2024-03-07: settle date 2019-12-03 is out of range: 2024-03-07 (issue) to "
        "2034-03-14 (the day before maturity)"
    )
    assert window.current_quote() is not None
    type_into(window, "amountEdit", "10,000")  # typing there ends the note
    assert "Reset" not in label(window, "amountHint")


def test_what_was_not_typed_is_not_carried(window: Any, tmp_path: Path) -> None:
    # the sample's defaults (its minimum, its settle date) are not the advisor's: the next note
    # shows its own, with no reset notes
    _five_thousands(tmp_path, window)
    click_cusip(window, "02006DTT8")
    click_cusip(window, "171239AK2")
    assert child(window, "amountEdit").text() == "5,000"
    assert child(window, "settleDateEdit").text() == "2024-03-07"
    assert "Reset" not in label(window, "amountHint") + label(window, "settleHint")


def test_an_invalid_amount_on_screen_is_not_carried(window: Any) -> None:
    click_cusip(window, "02006DTT8")
    type_into(window, "amountEdit", "25,500")  # not a multiple of $1,000: stale
    click_cusip(window, "02006DTU5")
    assert child(window, "amountEdit").text() == "1,000"
    assert window.current_quote() is not None


def test_the_amount_just_typed_wins_over_the_one_saved_for_that_cusip(window: Any) -> None:
    click_cusip(window, "02006DTU5")
    type_into(window, "amountEdit", "7,000")
    click_cusip(window, "02006DTT8")  # saves 02006DTU5's 7,000 (and carries it here)
    type_into(window, "amountEdit", "50,000")
    click_cusip(window, "02006DTU5")
    assert child(window, "amountEdit").text() == "50,000"


def test_the_carry_rule_qt_free() -> None:
    from app.domain.quote import make_purchase
    from app.present.purchase_hints import carry_over

    note = ALLY.notes[1]
    defaults = make_purchase(ALLY, note)
    kept = carry_over(ALLY, note, defaults, Decimal(25000), None)
    assert (kept.amount, kept.settle, kept.notes) == (Decimal(25000), None, {})
    refused = carry_over(ALLY, note, defaults, Decimal(25500), ALLY.notes[1].maturity_date)
    assert refused.amount is None and refused.settle is None
    assert refused.notes["amount"].startswith("Reset to $1,000.00: amount $25,500.00 is not a multiple")
    assert refused.notes["settle"].startswith("Reset to 2019-11-29: settle date 2024-11-15 is out of range")
