"""Qt-free presentation rows: what the window shows, derived from domain objects.

Nothing here computes finance: amounts, dates and checks come from the ``Quote`` and the
``Note``; this module only arranges them (table rows, running totals of the coupons the quote
lists, labelled terms) so the item models and the chart stay thin and testable without Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import accumulate
from typing import ClassVar, NamedTuple

from app.domain.calendar import non_business_reason, roll_reason
from app.domain.model import (
    CallDate,
    Note,
    Offering,
    Quote,
)
from app.domain.money import format_pct

FREQUENCY_LABEL = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "semiannual": "Semi-annual",
    "annual": "Annual",
    "at-maturity": "At maturity",
    "once": "Once",
    "continuous": "Any time",
}


def fmt_date(d: date | None) -> str:
    """ISO date, the form the contract and the coupon table use; em dash when unknown."""
    return d.isoformat() if d is not None else "—"


def fmt_long_date(d: date | None) -> str:
    """``Mon 2019-12-16`` for labels where the weekday matters."""
    return f"{d:%a} {d.isoformat()}" if d is not None else "—"


def fmt_rate(value: Decimal | None) -> str:
    return format_pct(value, 3)


class RowKind(Enum):
    COUPON = "coupon"
    PRINCIPAL = "principal"


class CashFlowRow(NamedTuple):
    """One row of the coupon calendar: a coupon the purchase receives, or the principal."""

    kind: RowKind
    number: int | None
    accrual_start: date | None
    accrual_end: date | None
    payment_date: date
    days: int | None
    rate_pct: Decimal | None
    amount: Decimal
    cumulative: Decimal | None
    call: CallDate | None
    first_call: bool

    @property
    def rolled(self) -> bool:
        return self.accrual_end is not None and self.payment_date != self.accrual_end

    @property
    def rolled_reason(self) -> str | None:
        """Why the payment moved ("Sunday", "Saturday, Monday: Washington's Birthday")."""
        return roll_reason(self.accrual_end) if self.rolled and self.accrual_end else None


class _Memo:
    """The rows of the last quote: the table, the call schedule and the chart share them."""

    quote: ClassVar[Quote | None] = None
    rows: ClassVar[list[CashFlowRow]] = []
    calls: ClassVar[list[CallIncome]] = []


def cash_flow_rows(quote: Quote) -> list[CashFlowRow]:
    """The coupons of ``quote`` with their running total and call marks, then the principal."""
    if _Memo.quote is quote:
        return _Memo.rows
    calls = {c.date: c for c in quote.calls}
    first_call = quote.calls[0].date if quote.calls else None
    running = accumulate(c.amount for c in quote.coupons)
    coupon = RowKind.COUPON
    rows = [
        CashFlowRow(
            coupon,
            c.number,
            c.accrual_start,
            c.accrual_end,
            c.payment_date,
            c.days,
            c.rate_pct,
            c.amount,
            total,
            calls.get(c.accrual_end),
            c.accrual_end == first_call,
        )
        for c, total in zip(quote.coupons, running, strict=True)
    ]
    r = quote.redemption
    rows.append(
        CashFlowRow(
            RowKind.PRINCIPAL, None, None, r.date, r.payment_date, None, None, r.amount, None, None, False
        )
    )
    _Memo.quote, _Memo.rows, _Memo.calls = quote, rows, _income_to_calls(quote)
    return rows


@dataclass(frozen=True, slots=True)
class CallIncome:
    """Coupons received if the note is called on ``call.date`` against holding to maturity."""

    call: CallDate
    income: Decimal
    to_maturity: Decimal

    @property
    def forgone(self) -> Decimal:
        return self.to_maturity - self.income


def income_to_calls(quote: Quote) -> list[CallIncome]:
    """Running coupon total at each call date (coupons accruing up to and including it)."""
    cash_flow_rows(quote)
    return _Memo.calls


def _income_to_calls(quote: Quote) -> list[CallIncome]:
    ends = [c.accrual_end for c in quote.coupons]
    running = [Decimal(0), *accumulate(c.amount for c in quote.coupons)]
    total = running[-1]
    return [CallIncome(c, running[bisect_right(ends, c.date)], total) for c in quote.calls]


def settle_flag(d: date) -> str | None:
    """Why a settle date is not a New York banking day ("Saturday", "Thanksgiving"), or None."""
    return non_business_reason(d)


def search_text(offering: Offering, note: Note | None, name: str) -> str:
    """Lower-case words the offerings filter matches: CUSIP, issuer, rate, maturity year."""
    parts = [name, offering.issuer or "", offering.program or "", offering.document or ""]
    if note is not None:
        parts += [
            note.cusip,
            fmt_rate(note.coupon_rate_pct),
            str(note.coupon_rate_pct or ""),
            note.maturity_date.isoformat(),
            FREQUENCY_LABEL.get(note.frequency.value, ""),
        ]
        if note.redemption.callable:
            parts.append("callable")
        if note.survivors_option:
            parts.append("survivor")
    return " ".join(parts).lower()


class CallRow(NamedTuple):
    """A row of the call schedule: a call date (or maturity, ``call`` None) with what the
    purchase earns if redeemed then."""

    when: date
    payment_date: date
    notice_date: date | None
    price_pct: Decimal
    income: Decimal
    forgone: Decimal
    yield_pct: Decimal | None
    workout: bool
    first: bool

    @property
    def is_maturity(self) -> bool:
        return self.notice_date is None


def call_rows(quote: Quote) -> list[CallRow]:
    """Each call after settle with the coupons received to it and its yield, then maturity."""
    y = quote.yields
    to_call = {t.date: t.yield_pct for t in y.to_call} if y is not None else {}
    worst = y.worst_date if y is not None else None
    incomes = income_to_calls(quote)
    rows = [
        CallRow(
            c.call.date,
            c.call.payment_date,
            c.call.notice_date,
            c.call.price_pct,
            c.income,
            c.forgone,
            to_call.get(c.call.date),
            c.call.date == worst,
            i == 0,
        )
        for i, c in enumerate(incomes)
    ]
    total = sum((c.amount for c in quote.coupons), Decimal(0))
    r = quote.redemption
    rows.append(
        CallRow(
            r.date,
            r.payment_date,
            None,
            Decimal(100),
            total,
            Decimal(0),
            y.maturity_pct if y is not None else None,
            r.date == worst,
            False,
        )
    )
    return rows
