"""Golden supplements: each document loads to exactly the offering file stored beside it.

Regenerate on purpose only: ``TERMSHEET_REGEN_GOLDEN=1 pytest tests/sources/test_golden_supplements.py``.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.model import CallFrequency, CouponType, DocumentFamily, Frequency, Step, YieldBasis
from app.domain.schedule import first_coupon_per_1000
from app.sources import load_path, offering_json

DATA = Path(__file__).resolve().parents[1] / "data" / "supplements"
DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md", ".html", ".pdf"})
REGEN_FLAG = "TERMSHEET_REGEN_GOLDEN"


def expected_path(doc: Path) -> Path:
    """``name.ext`` → ``name.ext.expected.json`` beside it."""
    return doc.with_name(doc.name + ".expected.json")


def regenerate() -> bool:
    """True only when the expected files are to be rewritten on purpose."""
    return os.environ.get(REGEN_FLAG) == "1"


def test_enough_layouts() -> None:
    assert len(DOCS) >= 8
    assert {p.suffix for p in DOCS} >= {".txt", ".md", ".html", ".pdf"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_document_loads_to_its_expected_offering_file(doc: Path) -> None:
    offering, warnings = load_path(doc)
    actual = offering_json.dumps(offering, warnings)
    expected = expected_path(doc)
    if regenerate():
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no {expected.name}; create it with {REGEN_FLAG}=1"
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_expected_offering_file_loads_back(doc: Path) -> None:
    offering, warnings = load_path(expected_path(doc))
    assert (offering, warnings) == load_path(doc)


# notes whose document prints no 1st coupon amount: a rate sheet's, a zero's
NO_FIRST_COUPON = (
    {
        ("caterpillar-rate-sheet-2008-footnotes.html", cusip)
        for cusip in ("14912HPQ7", "14912HPR5", "14912HPS3")
    }
    | {("john-hancock-signaturenotes-2002-transposed.txt", "41013MBT6")}
    | {
        ("northwind-internotes-2017-three-row-header.html", "66705QAD3")  # prints no 1st coupon amount
    }
)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_first_coupon_cross_check(doc: Path) -> None:
    """Every printed 1st coupon amount reproduces within $0.01 (domain.md, 30/360)."""
    offering, _ = load_path(doc)
    for note in offering.notes:
        if (doc.name, note.cusip) in NO_FIRST_COUPON:
            assert note.first_coupon_amount is None, note.cusip
            continue
        assert note.first_coupon_amount is not None, note.cusip
        computed = first_coupon_per_1000(note)
        assert computed is not None
        assert abs(computed - note.first_coupon_amount) <= Decimal("0.01"), note.cusip


# domain.md "Check values": CUSIP, settle, first coupon date, printed amount per $1,000.
CHECK_VALUES = [
    ("ally-213-pipe.txt", "02006DTT8", date(2019, 11, 29), date(2019, 12, 15), "1.04"),
    ("ally-213-pipe.txt", "02006DTU5", date(2019, 11, 29), date(2019, 12, 15), "1.16"),
    ("cfc-internotes-2011-one-line.txt", "63743FNE2", date(2011, 8, 18), date(2011, 9, 15), "2.14"),
    ("cfc-internotes-2018-columns.txt", "63743FF68", date(2018, 2, 15), date(2018, 3, 15), "2.83"),
    ("hsbc-internotes-2010-two-groups.md", "40429XXN1", date(2010, 7, 9), date(2011, 1, 15), "20.15"),
    # documents.md §1: HSBC Finance 2011 (two row groups per CUSIP, no price column); Prudential
    # 2024 (space-aligned, headers over three lines)
    ("hsbc-finance-2011-two-groups-no-price.html", "40429XD94", date(2011, 7, 28), date(2012, 1, 15), "9.28"),
    ("prudential-internotes-2024-aligned.txt", "74432BAF5", date(2024, 9, 12), date(2025, 3, 15), "20.33"),
]


@pytest.mark.parametrize(("name", "cusip", "settle", "first", "amount"), CHECK_VALUES)
def test_domain_check_values(name: str, cusip: str, settle: date, first: date, amount: str) -> None:
    offering, _ = load_path(DATA / name)
    note = offering.note(cusip)
    assert note is not None and note.cusip_valid
    assert (note.issue_date, note.first_coupon_date) == (settle, first)
    assert note.first_coupon_amount == Decimal(amount) == first_coupon_per_1000(note)


def test_cfc_net_proceeds() -> None:
    """domain.md: $1,185,000 at 100% less 1.550% concession nets $1,166,632.50."""
    offering, _ = load_path(DATA / "cfc-internotes-2011-one-line.txt")
    note = offering.note("63743FNE2")
    assert note is not None
    assert note.principal_amount == Decimal("1185000.00")
    assert note.net_proceeds == Decimal("1166632.50")


FAMILIES = {
    "caterpillar-rate-sheet-2008-footnotes.html": DocumentFamily.RATE_SHEET,
    "john-hancock-signaturenotes-2002-transposed.txt": DocumentFamily.TABLE_SUPPLEMENT,
    "ford-credit-2011-split-headers.html": DocumentFamily.TABLE_SUPPLEMENT,
}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_document_names_its_family(doc: Path) -> None:
    offering, _ = load_path(doc)
    assert offering.family is FAMILIES.get(doc.name, DocumentFamily.TABLE_SUPPLEMENT)


def _bond_equivalent(rate_pct: Decimal, per_year: int) -> Decimal:
    """domain.md "Yields": 2·((1 + y/f)^(f/2) − 1) of a coupon bought at par, in percent."""
    rate = rate_pct / 100
    return (2 * ((1 + rate / per_year) ** (Decimal(per_year) / 2) - 1) * 100).quantize(Decimal("0.001"))


def test_rate_sheet_yields_are_bond_equivalent_and_its_dates_unknown() -> None:
    """Cat Financial rate sheet, June 2008 (domain.md check values): 5.250% monthly at par →
    5.308%, 5.750% quarterly → 5.791%; no settle or first coupon date, said once."""
    offering, warnings = load_path(DATA / "caterpillar-rate-sheet-2008-footnotes.html")
    assert (offering.offering_start, offering.offering_end) == (date(2008, 6, 2), date(2008, 6, 9))
    assert [(n.cusip, str(n.coupon_rate_pct)) for n in offering.notes] == [
        ("14912HPQ7", "5.250"),
        ("14912HPR5", "5.750"),
        ("14912HPS3", "6.000"),
    ]
    for note, printed in zip(offering.notes, ("5.308", "5.791", "6.000"), strict=True):
        assert note.issue_date is None and note.first_coupon_date is None
        assert note.printed_yield is not None and note.printed_yield.value_pct == Decimal(printed)
        assert note.printed_yield.basis is YieldBasis.BOND_EQUIVALENT
        assert note.price_pct == Decimal("100.000")
        assert _bond_equivalent(note.coupon_rate_pct or Decimal(0), note.frequency.per_year) == Decimal(
            printed
        )
    assert [w.where for w in warnings] == ["document"]
    assert "no settle or first coupon date" in warnings[0].message


def test_rate_sheet_marks_are_read_through_their_footnotes() -> None:
    """``6/15/10***``: "*** Callable at 100% on the date shown and annually thereafter with 30
    calendar days' notice"; ``YES§``: the survivor's option footnote."""
    offering, _ = load_path(DATA / "caterpillar-rate-sheet-2008-footnotes.html")
    q7, r5, _s3 = offering.notes
    assert q7.redemption.callable is False
    call = r5.redemption
    assert (call.callable, call.first_call_date, call.price_pct) == (True, date(2010, 6, 15), Decimal(100))
    assert (call.frequency, call.notice_days) == (CallFrequency.ANNUAL, 30)
    assert r5.survivors_option is True
    assert (r5.survivors_option_text or "").startswith("Survivor's Option: repayment at 100%")


def test_transposed_zero_and_its_implicit_rate() -> None:
    """John Hancock SignatureNotes 2002 (documents.md §5): 41013MBT6 issued 10/29/2002, matures
    4/15/2015 at price 50.000, implicit rate 5.641% semi-annual bond-equivalent. The figures
    agree: 100 / (1 + 0.05641/2)^n with n = 24 + 166/180 periods (30/360) is 50.00."""
    offering, _ = load_path(DATA / "john-hancock-signaturenotes-2002-transposed.txt")
    assert [n.cusip for n in offering.notes] == [
        "41013MBP4", "41013MBQ2", "41013MBR0", "41013MBS8", "41013MBT6", "41013MBU3",
    ]  # fmt: skip
    zero = offering.note("41013MBT6")
    assert zero is not None and zero.coupon_type is CouponType.ZERO
    assert zero.frequency is Frequency.AT_MATURITY and zero.coupon_rate_pct is None
    assert (zero.issue_date, zero.maturity_date, zero.price_pct) == (
        date(2002, 10, 29), date(2015, 4, 15), Decimal("50.000"),
    )  # fmt: skip
    printed = zero.printed_yield
    assert printed is not None and (printed.value_pct, printed.label) == (Decimal("5.641"), "Implicit Rate")
    assert printed.basis is YieldBasis.BOND_EQUIVALENT
    periods = 24 + Decimal(166) / 180
    price = 100 / (1 + printed.value_pct / 200) ** periods
    assert price.quantize(Decimal("0.01")) == Decimal("50.00")


def test_step_rate_range_takes_its_date_from_the_note_under_the_table() -> None:
    """``Step | 4.25% to 4.85%`` with "Initial Coupon 4.25% steps to 4.85% on 7/15/05" under it."""
    for name in ("bofa-internotes-2004-step-range.pdf", "bofa-internotes-2004-step-range-unruled.pdf"):
        offering, _ = load_path(DATA / name)
        note = offering.note("06050XJY0")
        assert note is not None and note.coupon_type is CouponType.STEP
        assert note.steps == (
            Step(date(2004, 7, 8), Decimal("4.25")),
            Step(date(2005, 7, 15), Decimal("4.85")),
        )
        assert offering.preliminary and note.principal_amount is None  # "- - - -"


def test_price_column_missing_is_assumed_par_and_said() -> None:
    offering, warnings = load_path(DATA / "hsbc-finance-2011-two-groups-no-price.html")
    assert {n.price_pct for n in offering.notes} == {Decimal(100)}
    assert warnings[0].message == "no selling price is printed: 100% of principal assumed for every note"
