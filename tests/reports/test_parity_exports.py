"""The exports agree with ``calc`` (issue 14 items 9–10, issue 12 items 5–7): one price format
everywhere, call dates marked in the calendar (later coupons stop if called), a yield to worst
that says when calls are unknown, bond-equivalent yields, zero-coupon notes.

Check values: Ally 02006DTT8 (domain.md: callable at 100% on 11/15/2020, paid Monday 11/16/2020,
notice by 10/16/2020); John Hancock 41013MBT6 zero at 50.000 → 5.641% (documents.md; its call
amounts are the tests' own, tests/offerings.py); Prudential InterNotes 2014 74432RAC7 (callable,
terms in the prospectus).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.domain.model import Offering, Quote
from app.domain.money import format_price, price_digits
from app.domain.quote import make_purchase, quote
from app.reports.calc_json import quote_dict
from app.reports.csv_export import render_csv
from app.reports.ics_export import call_uid, render_ics
from app.reports.termsheet_html import term_sheet_html
from app.reports.text import quote_text
from app.sources import load_path
from tests.offerings import JOHN_HANCOCK, JOHN_HANCOCK_ZERO

SUPPLEMENTS = Path(__file__).resolve().parents[1] / "data" / "supplements"


def csv_rows(q: Quote) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(q).decode("utf-8-sig"), newline="")))


def events(offering: Offering, q: Quote) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(render_ics(offering, q)).walk("VEVENT"))


def pdf_text(offering: Offering, q: Quote) -> str:
    from app.reports._qt_pdf import render_pdf

    data = render_pdf(offering, q, source_name="x.txt", today=date(2020, 1, 9))
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    ("value", "digits"),
    [("100", "100.000"), ("100.00", "100.000"), ("99.648", "99.648"), ("101.2345", "101.2345"),
     ("103.921623", "103.921623"), ("1E+2", "100.000"), ("70.5", "70.500")],
)  # fmt: skip
def test_one_price_format(value: str, digits: str) -> None:
    assert price_digits(Decimal(value)) == digits
    assert format_price(Decimal(value)) == digits + "%"


@pytest.mark.usefixtures("qapp")
def test_the_price_is_echoed_the_same_way_everywhere(offering: Offering, ally_quote: Quote) -> None:
    """Ally 213 prints its selling price "100.00 %" and its call price "100%": every output says
    100.000 (JSON without the sign)."""
    q = replace(ally_quote, purchase=replace(ally_quote.purchase, price_pct=Decimal("100.00")))
    q = quote(q.purchase)
    data = quote_dict(q)
    assert data["price_pct"] == "100.000" and {c["price_pct"] for c in data["calls"]} == {"100.000"}
    text = quote_text(offering, q)
    assert "at 100.000% settling" in text and "  100.000%  " in text and "100%" not in text
    (description,) = {str(e["description"]) for e in events(offering, q)[:1]}
    assert "face at 100.000% settling" in description
    assert {r["call_price_pct"] for r in csv_rows(q) if r["call_notice_date"]} == {"100.000"}
    assert "Price 100.000%" in pdf_text(offering, q)


def test_calendar_marks_each_call_date_and_says_later_coupons_stop(
    offering: Offering, ally_quote: Quote
) -> None:
    found = {e.decoded("dtstart"): e for e in events(offering, ally_quote)}
    first_call = found[date(2020, 11, 16)]  # 11/15/2020 is a Sunday
    assert str(first_call["summary"]) == "02006DTT8 coupon $48.96 · call date"
    assert (
        "Call date: the issuer may redeem the note on Nov 15, 2020 at 100.000% ($25,000.00, paid "
        "Nov 16, 2020; notice by Oct 16, 2020). If it does, later coupons stop."
    ) in str(first_call["description"])
    marked = [d for d, e in found.items() if "call date" in str(e["summary"])]
    assert len(marked) == len(ally_quote.calls) == 24
    assert "call date" not in str(found[date(2022, 11, 15)]["summary"])  # maturity is not a call


def test_csv_carries_the_call_price_and_amount(ally_quote: Quote) -> None:
    rows = {r["accrual_end"]: r for r in csv_rows(ally_quote)}
    assert (rows["2020-11-15"]["call_price_pct"], rows["2020-11-15"]["call_amount"]) == (
        "100.000",
        "25000.00",
    )
    assert rows["2020-10-15"]["call_price_pct"] == rows["2020-10-15"]["call_amount"] == ""


def zero_quote(amount: str = "10000") -> Quote:
    return quote(make_purchase(JOHN_HANCOCK, JOHN_HANCOCK_ZERO, Decimal(amount)))


def test_a_zeros_csv_has_its_call_amounts_and_the_principal_but_no_coupons() -> None:
    rows = csv_rows(zero_quote())
    assert [
        (r["type"], r["payment_date"], r["amount"], r["call_price_pct"], r["call_amount"]) for r in rows
    ] == [
        ("call", "2007-10-15", "", "70.500", "7050.00"),
        ("call", "2010-10-15", "", "80.000", "8000.00"),
        ("principal", "2015-04-15", "10000.00", "", ""),
    ]
    assert rows[-1]["cumulative"] == "10000.00"  # cash received: the principal only


def test_a_zeros_calendar_has_its_call_dates_and_the_principal() -> None:
    q = zero_quote()
    found = events(JOHN_HANCOCK, q)
    summaries = sorted((e.decoded("dtstart"), str(e["summary"])) for e in found)
    assert summaries == [
        (date(2007, 10, 15), "41013MBT6 call date: may be redeemed for $7,050.00"),
        (date(2010, 10, 15), "41013MBT6 call date: may be redeemed for $8,000.00"),
        (date(2015, 4, 15), "41013MBT6 principal $10,000.00"),
    ]
    assert str(found[1]["uid"]) == call_uid("41013MBT6", date(2007, 10, 15))
    assert "later coupons" not in " ".join(str(e["description"]) for e in found)  # a zero has none
    assert "zero coupon note due Apr 15, 2015" in str(found[0]["description"])


@pytest.mark.usefixtures("qapp")
def test_a_zeros_term_sheet() -> None:
    text = pdf_text(JOHN_HANCOCK, zero_quote())
    for expected in (
        "Zero-Coupon Notes due Apr 15, 2015",
        "Coupon zero coupon",
        "Price 50.000%",
        "Yield to maturity 5.641%",
        "REPAYMENT AND CALL AMOUNTS",
        "Oct 15, 2007 $7,050.00 if called on Oct 15, 2007",
        "Apr 15, 2015 $10,000.00 principal at maturity",
        "Zero coupon: no interest is paid.",
        "printed 5.641%, computed 5.641% bond-equivalent to maturity (matches)",
    ):
        assert expected in text, expected
    assert "FIRST" not in text  # no "First 0 payments"


@pytest.mark.usefixtures("qapp")
def test_a_term_sheet_never_passes_the_yield_to_maturity_off_as_worst() -> None:
    offering, _ = load_path(SUPPLEMENTS / "prudential-internotes-2014.html")
    note = offering.note("74432RAC7")
    assert note is not None
    q = quote(make_purchase(offering, note))
    assert q.yields is not None and q.yields.maturity_pct is not None
    maturity = f"{q.yields.maturity_pct:.3f}%"
    text = pdf_text(offering, q)
    assert f"Yield to worst n/a — calls unknown; to maturity {maturity}" in text
    html = term_sheet_html(offering, q, source_name=None, today=date(2020, 1, 9), chart_width_px=600)
    assert html.count("calls unknown") == 1


@pytest.mark.usefixtures("qapp")
def test_term_sheet_shows_bond_equivalent_yields(offering: Offering, ally_quote: Quote) -> None:
    y = ally_quote.yields
    assert y is not None and y.maturity_bey_pct is not None and y.worst_bey_pct is not None
    text = pdf_text(offering, ally_quote)
    assert (
        f"Bond-equivalent yield {y.maturity_bey_pct:.3f}% to maturity, {y.worst_bey_pct:.3f}% to worst"
        in text
    )
