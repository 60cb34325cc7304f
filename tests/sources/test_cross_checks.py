"""Cross-checks of loaded notes are reported as warnings, never fixed silently (issue 3 §5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.model import Frequency, Note
from app.paths import sample_path
from app.sources import checks, load_bytes

# Ally PS 213, 02006DTT8 (domain.md check values): passes every check as printed.
ALLY_NOTE = Note(
    cusip="02006DTT8",
    coupon_rate_pct=Decimal("2.350"),
    frequency=Frequency.MONTHLY,
    issue_date=date(2019, 11, 29),
    maturity_date=date(2022, 11, 15),
    first_coupon_date=date(2019, 12, 15),
    principal_amount=Decimal("1185000.00"),
    price_pct=Decimal("100.000"),
    concession_pct=Decimal("1.550"),
    net_proceeds=Decimal("1166632.50"),
    first_coupon_amount=Decimal("1.04"),
)


def test_a_clean_note_has_no_warnings() -> None:
    assert checks.check(ALLY_NOTE) == []


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"cusip": "02006DTT9"}, "fails the check digit (check digit should be 8)"),
        ({"first_coupon_amount": Decimal("1.06")}, "differs from the computed $1.04"),
        ({"first_coupon_amount": Decimal("1.05")}, None),  # ±$0.01 allowed (domain.md)
        ({"net_proceeds": Decimal("1166000.00")}, "= $1,166,632.50"),
        ({"first_coupon_date": date(2019, 12, 20)}, "not on the regular monthly schedule"),
        ({"coupon_rate_pct": Decimal("26")}, "coupon rate outside 0–25%"),
        ({"maturity_date": date(2150, 11, 15)}, "more than 100 years"),
        ({"maturity_date": date(2019, 11, 1), "first_coupon_date": None}, "is not after the issue"),
        ({"price_pct": Decimal("10")}, "selling price"),
        ({"concession_pct": Decimal("12")}, "gross concession"),
        ({"coupon_rate_pct": None}, "no coupon rate"),
    ],
)
def test_each_check(changes: dict[str, object], fragment: str | None) -> None:
    found = checks.check(replace(ALLY_NOTE, **changes))  # type: ignore[arg-type]
    messages = [w.message for w in found]
    if fragment is None:
        assert messages == []
    else:
        assert any(fragment in m for m in messages), messages
        assert all(w.where == found[0].where for w in found)


def test_cfc_net_proceeds_check_value() -> None:
    """domain.md: CFC 63743FNE2, $1,185,000 × (100% − 1.550%) = $1,166,632.50."""
    note = replace(ALLY_NOTE, first_coupon_amount=None)
    assert checks.check(note) == []
    assert checks.check(replace(note, net_proceeds=Decimal("1166632.49"))) == []
    assert checks.check(replace(note, net_proceeds=Decimal("1166632.47")))


def test_checks_reach_the_warnings_of_a_loaded_document() -> None:
    text = sample_path().read_text(encoding="utf-8").replace("\\$1.16", "\\$1.61")
    _, warnings = load_bytes(text.encode(), "ally.txt")
    assert [(w.where, w.message) for w in warnings] == [
        ("02006DTU5", "printed 1st coupon $1.61 per $1,000 differs from the computed $1.16")
    ]
