"""Golden label/value documents (pricing term sheets, MTN forms, zero-coupon notes): each loads to
exactly the offering file stored beside it, and every fact documents.md gives is read as printed.

Regenerate on purpose only:
``TERMSHEET_REGEN_GOLDEN=1 pytest tests/sources/test_golden_label_documents.py``.

Sources of the figures: documents.md (Chubb INA 5.000% 2034, Toyota Motor Credit 1.90% 2012, John
Hancock zero 41013MBT6) and the real filings it quotes (Chubb INA 2.850% 2051 / 3.050% 2061, its
July 2024 reopening of the 2034 notes, US Bancorp 3.15% 2015 Series R). The Caterpillar 2013/2018
tranches and the step-up form are written in those layouts with figures made consistent: their
yields are QuantLib's ``bondYield`` at the printed price (regular first periods, where the street
convention and QuantLib agree), their net proceeds principal × (price − concession).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.model import (
    CallFrequency,
    CallPrice,
    CouponType,
    DocumentFamily,
    Frequency,
    Offering,
    Step,
    YieldBasis,
)
from app.domain.quote import make_purchase, quote
from app.sources import load_path, offering_json
from tests.sources.test_golden_supplements import REGEN_FLAG, expected_path, regenerate

DATA = Path(__file__).resolve().parents[1] / "data" / "label_documents"
DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md", ".html", ".pdf"})
D = date
TERM, FORM, ZERO = DocumentFamily.TERM_SHEET, DocumentFamily.MTN_FORM, DocumentFamily.ZERO_COUPON
SEMI = Frequency.SEMIANNUAL


def _load(name: str) -> Offering:
    return load_path(DATA / name)[0]


def test_enough_layouts() -> None:
    assert len(DOCS) >= 10
    assert {p.suffix for p in DOCS} >= {".txt", ".html", ".pdf"}
    assert {_load(p.name).family for p in DOCS} == {TERM, FORM, ZERO}


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
    assert load_path(expected_path(doc)) == load_path(doc)


# document, CUSIP ("" = none printed), family, issue date, maturity, rate, frequency, first
# coupon date, price, printed yield, the yield's label as printed
CHECK_VALUES = [
    ("chubb-2034-term-sheet.html", "171239AK2", TERM, D(2024, 3, 7), D(2034, 3, 15), "5.000", SEMI,
     D(2024, 9, 15), "99.648", "5.045", "Yield to Maturity"),
    ("chubb-2034-term-sheet.pdf", "171239AK2", TERM, D(2024, 3, 7), D(2034, 3, 15), "5.000", SEMI,
     D(2024, 9, 15), "99.648", "5.045", "Yield to Maturity"),
    ("chubb-2034-term-sheet-unruled.pdf", "171239AK2", TERM, D(2024, 3, 7), D(2034, 3, 15), "5.000",
     SEMI, D(2024, 9, 15), "99.648", "5.045", "Yield to Maturity"),
    ("toyota-2012-one-line.txt", "89233P3L8", TERM, D(2009, 11, 17), D(2012, 12, 5), "1.90", SEMI,
     D(2010, 6, 5), "99.976", "1.908", "Re-offer Yield"),
    ("chubb-2051-2061-columns.html", "171239AH9", TERM, D(2021, 11, 18), D(2051, 12, 15), "2.850", SEMI,
     D(2022, 6, 15), "99.918", "2.854", "Yield to Maturity"),
    ("chubb-2051-2061-columns.html", "171239AJ5", TERM, D(2021, 11, 18), D(2061, 12, 15), "3.050", SEMI,
     D(2022, 6, 15), "99.447", "3.074", "Yield to Maturity"),
    ("caterpillar-2013-2018-one-cell.txt", "149123BP5", TERM, D(2008, 5, 30), D(2013, 5, 30), "4.900",
     SEMI, D(2008, 11, 30), "99.873", "4.929", "Yield to Maturity"),
    ("caterpillar-2013-2018-one-cell.txt", "149123BQ3", TERM, D(2008, 5, 30), D(2018, 5, 30), "5.450",
     SEMI, D(2008, 11, 30), "99.528", "5.512", "Yield to Maturity"),
    ("chubb-2029-2034-reopening.html", "171239AL0", TERM, D(2024, 7, 31), D(2029, 8, 15), "4.650", SEMI,
     D(2025, 2, 15), "99.904", None, None),
    ("chubb-2029-2034-reopening.html", "171239AK2", TERM, D(2024, 3, 7), D(2034, 3, 15), "5.000", SEMI,
     D(2024, 9, 15), "100.281", None, None),
    ("usbancorp-2015-mtn-form.html", "91159HGU8", FORM, D(2010, 3, 4), D(2015, 3, 4), "3.15", SEMI,
     D(2010, 9, 4), "99.826", None, None),
    ("stepup-2021-mtn-form.txt", "", FORM, D(2014, 7, 30), D(2021, 7, 30), "1.50", SEMI,
     D(2015, 1, 30), "100", None, None),
    ("john-hancock-2015-zero.txt", "41013MBT6", ZERO, D(2002, 10, 29), D(2015, 4, 15), None,
     Frequency.AT_MATURITY, None, "50.000", "5.641", "Implicit Rate"),
]  # fmt: skip


@pytest.mark.parametrize("row", CHECK_VALUES, ids=lambda r: f"{r[0]}:{r[1]}")
def test_check_values(row: tuple[object, ...]) -> None:
    name, cusip, family, issue, maturity, rate, freq, first, price, printed, label = row
    offering = _load(str(name))
    note = next(n for n in offering.notes if n.cusip == cusip)
    assert offering.family is family
    assert (note.issue_date, note.maturity_date, note.frequency) == (issue, maturity, freq)
    assert note.coupon_rate_pct == (Decimal(str(rate)) if rate else None)
    assert note.first_coupon_date == first
    assert note.price_pct == Decimal(str(price))
    found = note.printed_yield
    expected = (Decimal(str(printed)), label) if printed else None
    assert ((found.value_pct, found.label) if found else None) == expected


@pytest.mark.parametrize(
    ("name", "cusip"),
    [(r[0], r[1]) for r in CHECK_VALUES if r[9] is not None],
    ids=lambda v: str(v),
)
def test_printed_yield_is_the_yield_at_the_printed_price(name: str, cusip: str) -> None:
    """Every yield the documents print is what the engine gives at the printed price and the
    document's settle date, to the printed three decimals (street convention, domain.md)."""
    offering = _load(name)
    note = offering.note(cusip)
    assert note is not None and note.printed_yield is not None
    yields = quote(make_purchase(offering, note)).yields
    assert yields is not None and yields.maturity_pct is not None
    assert round(yields.maturity_pct, 3) == note.printed_yield.value_pct


def test_chubb_make_whole_until_the_par_call() -> None:
    """ "Make-Whole Call prior to December 15, 2033 (T + 15 basis points)" / "Par Call on or after
    December 15, 2033": one call date at par from then on, the make-whole period before it."""
    r = _load("chubb-2034-term-sheet.html").notes[0].redemption
    assert (r.callable, r.make_whole, r.make_whole_spread_bps) == (True, True, Decimal(15))
    assert (r.first_call_date, r.make_whole_until) == (D(2033, 12, 15), D(2033, 12, 15))
    assert (r.price_pct, r.frequency, r.schedule) == (Decimal(100), CallFrequency.CONTINUOUS, ())


def test_chubb_offering_facts() -> None:
    """Pricing Date, Settlement Date "March 7, 2024 (T+3)", "$2,000 x $1,000"."""
    o = _load("chubb-2034-term-sheet.html")
    assert (o.issuer, o.trade_date, o.settle_date) == (
        "Chubb INA Holdings Inc.",
        D(2024, 3, 4),
        D(2024, 3, 7),
    )
    assert (o.minimum_denomination, o.increment) == (Decimal(2000), Decimal(1000))
    assert o.notes[0].principal_amount == Decimal(1_000_000_000)


def test_reopening_accrues_from_the_first_issue_and_prints_its_accrued_interest() -> None:
    """Chubb INA July 2024: $600,000,000 of the 2034 notes first issued March 7, 2024, settling July
    31, 2024: 144 days (30/360) at 5.000% = $12,000,000.00, as printed; the 2029 tranche is new."""
    o = _load("chubb-2029-2034-reopening.html")
    reopened, new = o.note("171239AK2"), o.note("171239AL0")
    assert reopened is not None and new is not None
    assert reopened.printed_accrued_interest == Decimal("12000000.00")
    assert new.printed_accrued_interest is None
    assert o.settle_date == D(2024, 7, 31)
    q = quote(make_purchase(o, reopened, amount=Decimal(600_000_000)), with_yields=False)
    assert (q.accrual_start, q.accrued_days, q.accrued_interest) == (
        D(2024, 3, 7),
        144,
        Decimal("12000000.00"),
    )


def test_toyota_one_line_reads_every_label() -> None:
    """A .txt filing whose whole term sheet is one line: commission and net proceeds agree
    ($250,000,000 × (99.976% − 0.200%) = $249,440,000)."""
    o = _load("toyota-2012-one-line.txt")
    note = o.notes[0]
    assert (o.trade_date, o.settle_date, o.dtc_number) == (D(2009, 11, 12), D(2009, 11, 17), "7256")
    assert (note.concession_pct, note.net_proceeds) == (Decimal("0.200"), Decimal(249_440_000))
    assert note.redemption.callable is None  # no redemption printed: not stated


def test_us_bancorp_form_ticks_and_rolls() -> None:
    """þ Fixed Rate Note (the other boxes not ticked); "beginning September 7, 2010" is
    September 4, 2010 (a Saturday, then Labor Day) rolled, said once; "þ The Notes cannot be
    redeemed"; blank fields unread; $690,000.00 commission = 0.138% and the net proceeds agree.
    The issuer is the name in capitals above the program's title ("U.S. BANCORP", no "Inc.")."""
    offering, warnings = load_path(DATA / "usbancorp-2015-mtn-form.html")
    assert offering.issuer == "U.S. BANCORP"
    note = offering.notes[0]
    assert note.coupon_type is CouponType.FIXED
    assert note.redemption.callable is False
    assert (note.concession_pct, note.net_proceeds) == (Decimal("0.138"), Decimal(498_440_000))
    assert [w.message for w in warnings] == [
        "91159HGU8: first interest payment printed as 2010-09-07 is the regular date 2010-09-04 rolled "
        "to the next business day: 2010-09-04 is used"
    ]


def test_step_up_form_without_a_cusip() -> None:
    """[X]/[ ] boxes, a step sequence "1.50% from and including July 30, 2014 to but excluding
    July 30, 2016; 2.00% …", calls on three listed dates at 100%, no CUSIP printed: loaded, said."""
    offering, warnings = load_path(DATA / "stepup-2021-mtn-form.txt")
    note = offering.notes[0]
    assert note.cusip == "" and note.coupon_type is CouponType.STEP
    assert note.steps == (
        Step(D(2014, 7, 30), Decimal("1.50")),
        Step(D(2016, 7, 30), Decimal("2.00")),
        Step(D(2018, 7, 30), Decimal("2.50")),
        Step(D(2020, 7, 30), Decimal("3.50")),
    )
    r = note.redemption
    assert r.schedule == tuple(CallPrice(D(y, 7, 30), Decimal(100)) for y in (2016, 2018, 2020))
    assert (r.notice_days, note.survivors_option, note.day_count.value) == (10, True, "30/360")
    assert any("no CUSIP printed" in w.message for w in warnings)


def test_zero_coupon_note() -> None:
    """John Hancock 41013MBT6: 50.000% of principal, no rate, implicit rate 5.641% (semi-annual
    bond-equivalent), no accrued interest at any settle date."""
    offering = _load("john-hancock-2015-zero.txt")
    note = offering.notes[0]
    assert (note.coupon_type, note.coupon_rate_pct, note.first_coupon_date) == (CouponType.ZERO, None, None)
    assert note.printed_yield is not None and note.printed_yield.basis is YieldBasis.BOND_EQUIVALENT
    q = quote(make_purchase(offering, note, settle_date=D(2008, 6, 2)), with_yields=False)
    assert q.accrued_interest == 0
