"""CSV cash flows: the coupons read back equal ``calc --json``'s, plus the principal and call marks.

Check values: domain.md (Ally 02006DTT8; 2/15/2020 paid 2/18/2020; 3/15/2020 paid 3/16/2020).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from app.domain.model import Quote
from app.reports.calc_json import quote_dict
from app.reports.csv_export import COLUMNS, render_csv

COUPON_KEYS = ("number", "accrual_start", "accrual_end", "payment_date", "days", "rate_pct", "amount")


def read_back(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def coupons_as_json(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """The coupon rows in the shape of ``calc --json``'s coupons (ints where JSON has ints)."""
    ints = {"number", "days"}
    return [{k: int(r[k]) if k in ints else r[k] for k in COUPON_KEYS} for r in rows if r["type"] == "coupon"]


def test_coupons_equal_calc_json_exactly(ally_quote: Quote) -> None:
    rows = read_back(render_csv(ally_quote))
    assert coupons_as_json(rows) == quote_dict(ally_quote)["coupons"]


def test_new_issue_has_every_coupon(new_issue_quote: Quote) -> None:
    rows = read_back(render_csv(new_issue_quote))
    assert coupons_as_json(rows) == quote_dict(new_issue_quote)["coupons"]
    assert len([r for r in rows if r["type"] == "coupon"]) == 36
    assert rows[0]["amount"] == "1.04"  # the printed first coupon per $1,000


def test_utf8_bom_header_and_crlf(ally_quote: Quote) -> None:
    data = render_csv(ally_quote)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(COLUMNS)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_principal_row_and_cumulative(ally_quote: Quote) -> None:
    rows = read_back(render_csv(ally_quote))
    last = rows[-1]
    assert last["type"] == "principal"
    assert last["payment_date"] == "2022-11-15"
    assert Decimal(last["amount"]) == Decimal(25000)
    assert last["amount"] == str(ally_quote.redemption.amount)  # as calc --json prints it
    running = Decimal(0)
    for r in rows:
        running += Decimal(r["amount"])
        assert Decimal(r["cumulative"]) == running
    coupons = sum(c.amount for c in ally_quote.coupons)
    assert Decimal(last["cumulative"]) == coupons + ally_quote.redemption.amount


def test_call_dates_marked_with_notice_date(ally_quote: Quote) -> None:
    rows = read_back(render_csv(ally_quote))
    marked = {r["accrual_end"]: r["call_notice_date"] for r in rows if r["call_notice_date"]}
    assert marked == {c.date.isoformat(): c.notice_date.isoformat() for c in ally_quote.calls}
    assert marked["2020-11-15"] == "2020-10-16"  # 30 calendar days' notice
    assert "2022-11-15" not in marked  # maturity is not a call date


def test_rolled_payments_say_why(ally_quote: Quote) -> None:
    by_end = {r["accrual_end"]: r for r in read_back(render_csv(ally_quote)) if r["type"] == "coupon"}
    feb = by_end["2020-02-15"]
    assert feb["payment_date"] == "2020-02-18"
    assert "Washington's Birthday" in feb["payment_note"]
    assert by_end["2020-03-15"]["payment_date"] == "2020-03-16"
    assert by_end["2020-04-15"]["payment_note"] == ""
