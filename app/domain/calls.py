"""Call dates from structured call terms, with their notice dates and prices.

"Callable at 100% on 11/15/2020 and Monthly thereafter with 30 Calendar Days Notice" = call dates
11/15/2020, 12/15/2020, … on coupon dates up to (not including) maturity, each at 100% of
principal; notice date = call date − 30 calendar days (or N New York business days back).
Call dates listed one by one (``Redemption.schedule``: a callable zero pays a stated amount per
$1,000 on each) are the call dates, each at its own price. A make-whole call before a date is not
a fixed-price call: its period gives no call dates; the par call that follows it ("Par Call on or
after December 15, 2033") does, from that date on.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from app.domain.calendar import business_days_before, following
from app.domain.dates import month_index
from app.domain.model import CallDate, CallFrequency, Note, NoticeKind, Period, Redemption
from app.domain.schedule import periods

_PAR = Decimal(100)
_DATE = attrgetter("date")


def notice_date(call: date, days: int | None, kind: NoticeKind | None) -> date:
    """The last day notice can be given for a call on ``call``."""
    if not days:
        return call
    if kind is NoticeKind.BUSINESS:
        return business_days_before(call, days)
    return call - timedelta(days=days)


def par_call_date(terms: Redemption) -> date | None:
    """The first fixed-price call date of recurring terms: ``first_call_date``, else the end of a
    make-whole period (where its par call begins); never a date inside the make-whole period."""
    first = terms.first_call_date or terms.make_whole_until
    if first is not None and terms.make_whole_until is not None:
        return max(first, terms.make_whole_until)
    return first


def calls_unknown(note: Note) -> bool:
    """Callable on terms the document does not give ("Subject to our redemption right": see the
    prospectus): no call dates, so a yield to worst can only be the yield to maturity. A
    make-whole call at any time is known: it has no fixed-price call date."""
    terms = note.redemption
    if not terms.callable or terms.schedule or terms.make_whole:
        return False
    return par_call_date(terms) is None


def call_dates(note: Note, periods: tuple[Period, ...]) -> tuple[CallDate, ...]:
    """Every call date of ``note`` before maturity: the listed ones, else those of recurring terms
    on its coupon dates (empty if not callable or if the document gives no call date)."""
    terms = note.redemption
    if not terms.callable:
        return ()
    listed = terms.schedule
    if listed:
        dates = [(c.date, following(c.date), c.price_pct) for c in sorted(listed, key=_DATE)]
        return _with_notice([d for d in dates if d[0] < note.maturity_date], terms)
    return _with_notice(_recurring(note, periods), terms)


def _recurring(note: Note, periods: tuple[Period, ...]) -> list[tuple[date, date, Decimal]]:
    """The call dates of "Callable at P on D and <frequency> thereafter" on the coupon dates."""
    terms = note.redemption
    first = par_call_date(terms)
    if first is None or first >= note.maturity_date:
        return []
    price = terms.price_pct if terms.price_pct is not None else _PAR
    step = terms.frequency.months if terms.frequency else 0
    dates = [(first, following(first), price)]
    if step or terms.frequency is CallFrequency.CONTINUOUS:
        start_index = month_index(first)
        dates += [
            (p.accrual_end, p.payment_date, price)
            for p in periods
            if first < p.accrual_end < note.maturity_date
            and (step <= 1 or (month_index(p.accrual_end) - start_index) % step == 0)
        ]
    return dates


def _with_notice(dates: list[tuple[date, date, Decimal]], terms: Redemption) -> tuple[CallDate, ...]:
    days, kind = terms.notice_days, terms.notice_kind
    if not days:
        return tuple(CallDate(d, paid, d, price) for d, paid, price in dates)
    if kind is NoticeKind.BUSINESS:
        return tuple(CallDate(d, paid, business_days_before(d, days), price) for d, paid, price in dates)
    back = timedelta(days=days)
    return tuple(CallDate(d, paid, d - back, price) for d, paid, price in dates)


@lru_cache(maxsize=4096)
def note_calls(note: Note) -> tuple[CallDate, ...]:
    """``call_dates`` of a note on its own schedule, cached per note (hashing the note, not the
    360 periods, keeps an edit of a 30-year note cheap)."""
    return call_dates(note, periods(note))
