"""Exports of a whole proposal: CSV rows = its cash flows, one iCalendar event per payment date and
CUSIP with stable UIDs, a client PDF (pages as needed) with the client's name and the totals."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.domain.errors import InputError
from app.domain.holding import Position
from app.domain.money import format_usd
from app.domain.proposal import Proposal
from app.reports.export import ExportError
from app.reports.proposal_csv import render_csv
from app.reports.proposal_export import export_proposal, render
from app.reports.proposal_html import proposal_html
from app.reports.proposal_ics import proposal_uid, render_ics
from tests.offerings import ALLY, long_offering

DOC = "/docs/ally-213.txt"


@pytest.fixture
def proposal() -> Proposal:
    """$25,000 of 02006DTT8 settling 1/10/2020, and 02006DTU5 twice ($10,000 and $5,000)."""
    p = Proposal("Jane Q. Client", "Ann Advisor", "A two-note ladder")
    p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10)), ALLY)
    p.add(Position(DOC, "02006DTU5", Decimal(10000), date(2019, 12, 3)), ALLY)
    p.add(Position(DOC, "02006DTU5", Decimal(5000), date(2019, 12, 3)), ALLY)
    return p


def test_csv_rows_are_the_cash_flows(proposal: Proposal) -> None:
    data = render_csv(proposal)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    flows = list(proposal.cash_flows())
    assert len(rows) == len(flows) == (35 + 1) + 2 * (60 + 1)
    for row, f in zip(rows, flows, strict=True):
        assert (row["payment_date"], row["cusip"], row["kind"], row["amount"]) == (
            f.payment_date.isoformat(), f.cusip, f.kind.value, str(f.amount))  # fmt: skip
        assert row["position"] == str(f.position + 1)
    assert Decimal(rows[-1]["cumulative"]) == sum(f.amount for f in flows)
    rolled = next(r for r in rows if r["payment_date"] == "2020-02-18")
    assert "Washington's Birthday" in rolled["payment_note"] and rolled["accrual_end"] == "2020-02-15"


def test_one_event_per_payment_date_and_cusip(proposal: Proposal) -> None:
    events = list(Calendar.from_ical(render_ics(proposal)).walk("VEVENT"))
    groups = {(f.payment_date, f.cusip) for f in proposal.cash_flows()}
    assert len(events) == len(groups)
    assert {(e.decoded("dtstart"), str(e["summary"]).split()[0]) for e in events} == groups
    # the two 02006DTU5 positions share one event: $21.67 + $10.83 on 2020-01-15
    jan = next(e for e in events if e.decoded("dtstart") == date(2020, 1, 15) and "02006DTU5" in e["summary"])
    assert str(jan["summary"]) == "02006DTU5 coupon $32.50"
    last = next(e for e in events if e.decoded("dtstart") == date(2024, 11, 15))
    assert str(last["summary"]) == "02006DTU5 coupon $32.50 + principal $15,000.00"
    assert str(jan["uid"]) == proposal_uid("Jane Q. Client", "02006DTU5", date(2020, 1, 15))
    again = [str(e["uid"]) for e in Calendar.from_ical(render_ics(proposal)).walk("VEVENT")]
    assert again == [str(e["uid"]) for e in events]
    assert proposal_uid("Jane Q. Client", "02006DTU5", date(2020, 1, 15)) != proposal_uid(
        "John Other", "02006DTU5", date(2020, 1, 15))  # fmt: skip


def test_html_has_every_section(proposal: Proposal) -> None:
    proposal.add(Position("/docs/moved.txt", "02006DTT8"), InputError("the document <moved>"))
    html = proposal_html(proposal, today=date(2020, 1, 9))
    for needle in (
        "Jane Q. Client",
        "Prepared by Ann Advisor",
        "A two-note ladder",
        "POSITIONS",
        "TOTALS",
        "INCOME BY YEAR",
        "CALL RISK",
        "PAYMENT SCHEDULE BY MONTH",
        "Not an offer",
        format_usd(proposal.totals.total),
        format_usd(proposal.call_risk.income_at_risk),
        "the document &lt;moved&gt;",
        "Jan 2020",
        "ally-213.txt (Preliminary Pricing Supplement",
    ):
        assert needle in html, needle  # fmt: skip


@pytest.mark.usefixtures("qapp")
def test_pdf_pages_with_the_client_and_totals(proposal: Proposal) -> None:
    long = long_offering(10)
    proposal.add(Position("/docs/long.txt", "99999ZZZ0", Decimal(50000)), long)
    data = render(proposal, "pdf", today=date(2020, 1, 9))
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages > 2  # 121 months of payments
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Jane Q. Client" in text and "Ann Advisor" in text and "Jan 9, 2020" in text
    t = proposal.totals
    for figure in (t.total, t.annual_income, t.accrued_interest, proposal.call_risk.income_at_risk):
        assert format_usd(figure) in text
    assert f"Page {pages} of {pages}" in text and "Not an offer." in text
    assert "Jan 2030" in text  # the last month: the 10-year note's principal


def test_export_writes_whole_files_or_none(proposal: Proposal, tmp_path: Path) -> None:
    out = tmp_path / "payments.csv"
    assert export_proposal(proposal, "csv", out) == out and out.read_bytes() == render_csv(proposal)
    with pytest.raises(InputError, match="unknown export format"):
        export_proposal(proposal, "xls", tmp_path / "x.xls")
    with pytest.raises(ExportError, match="does not exist"):
        export_proposal(proposal, "ics", tmp_path / "missing" / "x.ics")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["payments.csv"]
