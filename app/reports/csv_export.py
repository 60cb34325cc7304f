"""Cash flows of a purchase as CSV: one row per coupon, then the principal; UTF-8 with a BOM.

Columns ``number, accrual_start, accrual_end, payment_date, days, rate_pct, amount`` carry the
same text as ``calc --json``'s coupons (decimal strings, ISO dates), so a spreadsheet and a script
see the same numbers as the window. ``cumulative`` is the running total of cash received,
``call_notice_date`` marks a coupon date on which the issuer may call the note (and the last day
it must give notice), ``payment_note`` says why a payment is rolled to the next banking day.
On a call date ``call_price_pct`` is the call price (as ``calc --json`` echoes prices: "100.000")
and ``call_amount`` the principal the purchase would be repaid; a call date on which no coupon is
paid (a callable zero, a call between coupon dates) has its own ``call`` row, whose ``amount`` and
``cumulative`` are empty: it is a possible payment, not cash received.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from app.domain.calendar import roll_reason
from app.domain.model import CallDate, Coupon, Quote
from app.domain.money import price_digits

COLUMNS = (
    "cusip",
    "type",
    "number",
    "accrual_start",
    "accrual_end",
    "payment_date",
    "days",
    "rate_pct",
    "amount",
    "cumulative",
    "call_notice_date",
    "payment_note",
    "call_price_pct",
    "call_amount",
)
COUPON, PRINCIPAL, CALL = "coupon", "principal", "call"


def _iso(d: date | None) -> str:
    return d.isoformat() if d is not None else ""


def payment_note(due: date, paid: date) -> str:
    """Why a payment is paid after its due date ("" when it is not)."""
    if paid == due:
        return ""
    return f"due {due.isoformat()}, paid next banking day ({roll_reason(due)})"


def _call_fields(q: Quote, call: CallDate | None) -> dict[str, str]:
    if call is None:
        return {"call_notice_date": "", "call_price_pct": "", "call_amount": ""}
    return {
        "call_notice_date": _iso(call.notice_date),
        "call_price_pct": price_digits(call.price_pct),
        "call_amount": str(q.call_amount(call)),
    }


def _coupon_row(q: Quote, c: Coupon, cumulative: Decimal, call: CallDate | None) -> dict[str, str]:
    cusip = q.purchase.note.cusip
    return {
        "cusip": cusip,
        "type": COUPON,
        "number": str(c.number),
        "accrual_start": _iso(c.accrual_start),
        "accrual_end": _iso(c.accrual_end),
        "payment_date": _iso(c.payment_date),
        "days": str(c.days),
        "rate_pct": str(c.rate_pct),
        "amount": str(c.amount),
        "cumulative": str(cumulative),
        "payment_note": payment_note(c.accrual_end, c.payment_date),
    } | _call_fields(q, call)


def _call_row(q: Quote, call: CallDate) -> dict[str, str]:
    return (
        dict.fromkeys(COLUMNS, "")
        | {
            "cusip": q.purchase.note.cusip,
            "type": CALL,
            "accrual_end": _iso(call.date),
            "payment_date": _iso(call.payment_date),
            "payment_note": payment_note(call.date, call.payment_date),
        }
        | _call_fields(q, call)
    )


def rows(q: Quote) -> list[dict[str, str]]:
    """The table as dicts of text in date order: coupons and the call dates without one, the
    principal repayment last."""
    cusip = q.purchase.note.cusip
    calls = {c.date: c for c in q.calls}
    out: list[dict[str, str]] = []
    total = Decimal(0)
    for c in q.coupons:
        total += c.amount
        out.append(_coupon_row(q, c, total, calls.pop(c.accrual_end, None)))
    out += [_call_row(q, call) for call in calls.values()]
    out.sort(key=lambda row: row["accrual_end"])
    r = q.redemption
    total += r.amount
    out.append(
        dict.fromkeys(COLUMNS, "")
        | {
            "cusip": cusip,
            "type": PRINCIPAL,
            "accrual_end": _iso(r.date),
            "payment_date": _iso(r.payment_date),
            "amount": str(r.amount),
            "cumulative": str(total),
            "payment_note": payment_note(r.date, r.payment_date),
        }
    )
    return out


def render_csv(q: Quote) -> bytes:
    """The CSV file's bytes: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(q))
    return buffer.getvalue().encode("utf-8-sig")
