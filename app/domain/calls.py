"""Call dates from structured call terms, with their notice dates.

"Callable at 100% on 11/15/2020 and Monthly thereafter with 30 Calendar Days Notice" = call dates
11/15/2020, 12/15/2020, … on coupon dates up to (not including) maturity, each at 100% of
principal; notice date = call date − 30 calendar days (or N New York business days back).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from app.domain.calendar import business_days_before, following
from app.domain.dates import month_index
from app.domain.model import CallDate, CallFrequency, Note, NoticeKind, Period
from app.domain.schedule import periods

_PAR = Decimal(100)


def notice_date(call: date, days: int | None, kind: NoticeKind | None) -> date:
    """The last day notice can be given for a call on ``call``."""
    if not days:
        return call
    if kind is NoticeKind.BUSINESS:
        return business_days_before(call, days)
    return call - timedelta(days=days)


def call_dates(note: Note, periods: tuple[Period, ...]) -> tuple[CallDate, ...]:
    """Every call date of ``note`` on its coupon dates before maturity (empty if not callable or
    if the document gives no first call date)."""
    terms = note.redemption
    first = terms.first_call_date
    if not terms.callable or first is None or first >= note.maturity_date:
        return ()
    price = terms.price_pct if terms.price_pct is not None else _PAR
    step = terms.frequency.months if terms.frequency else 0
    continuous = terms.frequency is CallFrequency.CONTINUOUS
    dates = [(first, following(first))]
    if step or continuous:
        start_index = month_index(first)
        dates += [
            (p.accrual_end, p.payment_date)
            for p in periods
            if first < p.accrual_end < note.maturity_date
            and (step <= 1 or (month_index(p.accrual_end) - start_index) % step == 0)
        ]
    days, kind = terms.notice_days, terms.notice_kind
    if not days:
        return tuple(CallDate(d, paid, d, price) for d, paid in dates)
    if kind is NoticeKind.BUSINESS:
        return tuple(CallDate(d, paid, business_days_before(d, days), price) for d, paid in dates)
    back = timedelta(days=days)
    return tuple(CallDate(d, paid, d - back, price) for d, paid in dates)


@lru_cache(maxsize=4096)
def note_calls(note: Note) -> tuple[CallDate, ...]:
    """``call_dates`` of a note on its own schedule, cached per note (hashing the note, not the
    360 periods, keeps an edit of a 30-year note cheap)."""
    return call_dates(note, periods(note))
