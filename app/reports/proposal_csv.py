"""Every payment of a proposal as CSV, one row per payment in date order; UTF-8 with a BOM.

The rows are ``proposal --json``'s ``cash_flows`` (held to maturity) with the same text
(decimal strings, ISO dates), plus where each comes from: ``position`` (1 = the first), the
coupon's number, accrual period, 30/360 days and rate, the running total of cash received and,
for a payment rolled to the next banking day, why.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from app.domain.holding import CashFlow
from app.domain.proposal import Proposal
from app.reports.csv_export import payment_note

COLUMNS = (
    "payment_date",
    "cusip",
    "kind",
    "amount",
    "position",
    "number",
    "accrual_start",
    "accrual_end",
    "days",
    "rate_pct",
    "cumulative",
    "payment_note",
)


def _row(f: CashFlow, cumulative: Decimal) -> dict[str, str]:
    c = f.coupon
    return {
        "payment_date": f.payment_date.isoformat(),
        "cusip": f.cusip,
        "kind": f.kind.value,
        "amount": str(f.amount),
        "position": str(f.position + 1),
        "number": str(c.number) if c else "",
        "accrual_start": c.accrual_start.isoformat() if c else "",
        "accrual_end": f.due_date.isoformat(),
        "days": str(c.days) if c else "",
        "rate_pct": str(c.rate_pct) if c else "",
        "cumulative": str(cumulative),
        "payment_note": payment_note(f.due_date, f.payment_date),
    }


def rows(p: Proposal, called: bool = False) -> list[dict[str, str]]:
    """The table as dicts of text (``called``: if every callable note is called first)."""
    out, total = [], Decimal("0.00")
    for f in p.cash_flows(called):
        total += f.amount
        out.append(_row(f, total))
    return out


def render_csv(p: Proposal) -> bytes:
    """The CSV file's bytes: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(p))
    return buffer.getvalue().encode("utf-8-sig")
