"""Qt-free presentation rows: what the window shows, derived from domain objects.

Nothing here computes finance: amounts, dates and checks come from the ``Quote`` and the
``Note``; this module only arranges them (table rows, running totals of the coupons the quote
lists, labelled terms) so the item models and the chart stay thin and testable without Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple, TypeVar, overload

from app.domain.calendar import roll_reason
from app.domain.calls import note_calls
from app.domain.model import (
    CallDate,
    CouponType,
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


@lru_cache(maxsize=64)
def _note_calls_by_date(note: Note) -> dict[date, CallDate]:
    return {c.date: c for c in note_calls(note)}


_R = TypeVar("_R")


class _LazyRows(Sequence[_R]):
    """A table's rows built one by one as they are asked for (a view paints a screenful of a
    30-year note's 361): subclasses give the count and ``_row(i)``."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _row(self, i: int) -> _R:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> _R: ...
    @overload
    def __getitem__(self, index: slice) -> list[_R]: ...
    def __getitem__(self, index: int | slice) -> _R | list[_R]:
        n = len(self)
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(n))]
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        return self._row(index)


class CouponRows(_LazyRows[CashFlowRow]):
    """The coupons of ``quote`` with their running total and call marks, then the principal:
    an edit costs one running sum, not 361 rows. ``coupon_rows`` gives the quote's."""

    def __init__(self, quote: Quote) -> None:
        self.quote = quote
        coupons = quote.coupons
        self.coupons = coupons
        self.cumulative = list(accumulate(c.amount for c in coupons))
        self.first_call = quote.calls[0].date if quote.calls else None
        self._calls = _note_calls_by_date(quote.purchase.note)

    def __len__(self) -> int:
        return len(self.coupons) + 1

    def _row(self, i: int) -> CashFlowRow:
        if i == len(self.coupons):
            r = self.quote.redemption
            return CashFlowRow(
                RowKind.PRINCIPAL, None, None, r.date, r.payment_date, None, None, r.amount, None, None, False
            )
        c = self.coupons[i]
        end = c.accrual_end
        return CashFlowRow(
            RowKind.COUPON,
            c.number,
            c.accrual_start,
            end,
            c.payment_date,
            c.days,
            c.rate_pct,
            c.amount,
            self.cumulative[i],
            self._calls.get(end),
            end == self.first_call,
        )

    @property
    def total(self) -> Decimal:
        """Every coupon the purchase receives to maturity."""
        return self.cumulative[-1] if self.cumulative else Decimal(0)

    def received_to(self, when: date) -> Decimal:
        """Coupons accruing up to and including ``when`` (a call date)."""
        k = bisect_right(self.coupons, when, key=_ACCRUAL_END)
        return self.cumulative[k - 1] if k else Decimal(0)


_ACCRUAL_END = attrgetter("accrual_end")


def coupon_rows(quote: Quote) -> CouponRows:
    """``CouponRows`` of ``quote``, built once per quote: the coupon table and the call
    schedule of one edit share its running sums."""
    rows = _last_rows[0]
    if rows is None or rows.quote is not quote:
        rows = _last_rows[0] = CouponRows(quote)
    return rows


_last_rows: list[CouponRows | None] = [None]


def cash_flow_rows(quote: Quote) -> list[CashFlowRow]:
    """The coupons of ``quote`` with their running total and call marks, then the principal."""
    return list(coupon_rows(quote))


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
    rows = coupon_rows(quote)
    total = rows.total
    return [CallIncome(c, rows.received_to(c.date), total) for c in quote.calls]


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


def filter_words(text: str) -> list[str]:
    """The words typed in the offerings filter, as ``search_text`` holds them."""
    return text.lower().split()


def holds_words(text: str, words: Sequence[str]) -> bool:
    """Whether a ``search_text`` holds every filter word (anywhere, as typed)."""
    return all(w in text for w in words)


class CallRow(NamedTuple):
    """A row of the call schedule: a call date (or maturity, ``call`` None) with what the
    purchase earns if redeemed then: the coupons received, the principal repaid (``repaid``:
    amount × the call price; a zero-coupon note's stated call amount), and what that is short
    of holding to maturity (``forgone``: coupons, or a zero's accretion). ``worst_note`` says
    why the yield to worst is not what it seems (calls unknown), on the workout row."""

    when: date
    payment_date: date
    notice_date: date | None
    price_pct: Decimal
    income: Decimal
    forgone: Decimal
    yield_pct: Decimal | None
    workout: bool
    first: bool
    repaid: Decimal = Decimal(0)
    zero: bool = False
    worst_note: str | None = None

    @property
    def is_maturity(self) -> bool:
        return self.notice_date is None


class CallRows(_LazyRows[CallRow]):
    """Each call after settle with the coupons received to it and its yield, then maturity."""

    def __init__(self, quote: Quote) -> None:
        self.quote = quote
        self.calls = quote.calls
        self.coupons = coupon_rows(quote)
        self.zero = quote.purchase.note.coupon_type is CouponType.ZERO
        y = quote.yields
        self.worst = y.worst_date if y is not None else None
        self.worst_note = y.worst_note if y is not None else None
        self._yields: dict[date, Decimal] | None = None

    def __len__(self) -> int:
        return len(self.calls) + 1

    def yield_on(self, when: date) -> Decimal | None:
        y = self.quote.yields
        if y is None:
            return None
        if self._yields is None:
            self._yields = dict(y.to_call)
        return self._yields.get(when)

    def _row(self, i: int) -> CallRow:
        total, zero = self.coupons.total, self.zero
        if i == len(self.calls):
            r = self.quote.redemption
            y = self.quote.yields
            workout = r.date == self.worst
            maturity = y.maturity_pct if y is not None else None
            note = self.worst_note if workout else None
            return CallRow(
                r.date, r.payment_date, None, Decimal(100), total, Decimal(0), maturity, workout, False,
                r.amount, zero, note,
            )  # fmt: skip
        c = self.calls[i]
        income = self.coupons.received_to(c.date)
        repaid = self.quote.call_amount(c)
        forgone = self.quote.redemption.amount - repaid if zero else total - income
        return CallRow(
            c.date, c.payment_date, c.notice_date, c.price_pct, income, forgone, self.yield_on(c.date),
            c.date == self.worst, i == 0, repaid, zero,
        )  # fmt: skip


def call_rows(quote: Quote) -> list[CallRow]:
    """Each call after settle with the coupons received to it and its yield, then maturity."""
    return list(CallRows(quote))
