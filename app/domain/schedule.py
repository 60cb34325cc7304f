"""The coupon schedule of a note: accrual periods generated backward from maturity.

Rules (domain.md): each regular date is anchored to maturity (maturity − k·months, the day
clamped to the month's end, never month-by-month), the first coupon date is taken from the
document (short or long first period), accrual dates are unadjusted and payment dates roll to the
following New York banking day. Same result as QuantLib ``Schedule(issue, maturity, Period(f),
UnitedStates(FederalReserve), Unadjusted, Unadjusted, DateGeneration.Backward, False, first)``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from app.domain.calendar import following, following_table
from app.domain.dates import add_months, days_in_month
from app.domain.daycount import DayCount, day_count, days_30_360, year_fraction
from app.domain.errors import ScheduleError
from app.domain.model import CouponType, Note, Period
from app.domain.money import round_cents


def accrual_dates(issue: date, first: date | None, maturity: date, months: int) -> list[date]:
    """Unadjusted accrual boundaries from ``issue`` to ``maturity``.

    ``months`` = 0 means one period (interest at maturity). Raises ``ScheduleError`` when the dates
    cannot form a schedule.
    """
    if maturity <= issue:
        raise ScheduleError(f"maturity {maturity} is not after the issue date {issue}", field="maturity_date")
    if first is not None and not issue < first <= maturity:
        raise ScheduleError(
            f"first coupon date {first} must be after the issue date {issue} and on or before "
            f"maturity {maturity}",
            field="first_coupon_date",
        )
    if months == 0:
        return [issue, maturity]
    exit_date = first if first is not None else issue
    backward = [maturity]
    year, month, day = maturity.year, maturity.month - 1, maturity.day
    while True:  # maturity − k·months, inlined add_months (hot: 360 dates per 30-year note)
        month -= months
        if month < 0:
            year, month = year + month // 12, month % 12
        d = date(year, month + 1, min(day, days_in_month(year, month + 1)))
        if d < exit_date:
            if first is not None and backward[-1] != first:
                backward.append(first)
            break
        backward.append(d)
    if backward[-1] != issue:
        backward.append(issue)
    backward.reverse()
    return backward


def _fraction(note: Note, start: date, end: date, months: int) -> Fraction:
    if note.day_count is DayCount.THIRTY_360:
        return Fraction(days_30_360(start, end), 360)
    per_year = 12 // months if months else 1
    ref_months = months or 12
    return year_fraction(note.day_count, start, end, add_months(end, -ref_months), end, per_year)


@lru_cache(maxsize=4096)
def periods(note: Note) -> tuple[Period, ...]:
    """Every accrual period of ``note`` (cached: a note is immutable); ``ScheduleError`` when the
    document gave no issue date (a purchase supplies one: ``quote.make_purchase``)."""
    months = note.frequency.months
    issue = note.issue_date
    if issue is None:
        raise ScheduleError(
            "the document prints no issue or settle date: enter a settle date", field="settle"
        )
    bounds = accrual_dates(issue, note.first_coupon_date, note.maturity_date, months)
    plain_fixed = not note.steps and note.coupon_type is not CouponType.ZERO
    fixed_rate = note.rate_on(issue)
    thirty = note.day_count is DayCount.THIRTY_360
    if thirty and plain_fixed:
        return _thirty_fixed_periods(bounds, fixed_rate)
    result = []
    start = bounds[0]
    for number, end in enumerate(bounds[1:], start=1):
        rate = fixed_rate if plain_fixed else note.rate_on(start)
        if thirty:
            days = days_30_360(start, end)
            result.append(Period(number, start, end, following(end), days, rate, days, 360))
        else:
            days = day_count(note.day_count, start, end)
            yf = _fraction(note, start, end, months)
            result.append(
                Period(number, start, end, following(end), days, rate, yf.numerator, yf.denominator)
            )
        start = end
    return tuple(result)


def _thirty_fixed_periods(bounds: list[date], rate: Decimal) -> tuple[Period, ...]:
    """The common case (fixed rate, 30/360) with the day count inlined: every edit of a 30-year
    monthly note rebuilds nothing, but a newly selected note builds 360 rows here."""
    make = Period._make
    result = []
    start = bounds[0]
    d1 = start.day
    table_year, (base, table) = start.year, following_table(start.year)
    for number, end in enumerate(bounds[1:], start=1):
        if end.year != table_year:
            table_year, (base, table) = end.year, following_table(end.year)
        d2 = end.day
        if d1 == 31:
            d1 = 30
        if d2 == 31 and d1 >= 30:
            d2 = 30
        days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + d2 - d1
        result.append(make((number, start, end, table[end.toordinal() - base], days, rate, days, 360)))
        start, d1 = end, end.day
    return tuple(result)


def holding_index(schedule: tuple[Period, ...], settle: date) -> int:
    """Index of the period whose accrual holds ``settle`` (start ≤ settle < end): a bisect on the
    accrual ends, with no list built on the edit path."""
    return bisect_right(schedule, settle, key=_accrual_end)


def _accrual_end(period: Period) -> date:
    return period.accrual_end


def period_amount(amount: Decimal, period: Period) -> Decimal:
    """The coupon of ``period`` on a position of ``amount``, rounded once to the cent."""
    return round_cents(amount * period.rate_pct * period.year_fraction_num / (100 * period.year_fraction_den))


def accrued_fraction(note: Note, period: Period, settle: date) -> tuple[int, Fraction]:
    """Days and year fraction accrued in ``period`` up to ``settle`` (start ≤ settle < end)."""
    days = day_count(note.day_count, period.accrual_start, settle)
    if note.day_count is DayCount.THIRTY_360:
        return days, Fraction(days, 360)
    return days, _fraction(note, period.accrual_start, settle, note.frequency.months)


def first_coupon_per_1000(note: Note) -> Decimal | None:
    """The engine's first coupon per $1,000, to check against the printed "1st Coupon Amount"."""
    try:
        first = periods(note)[0]
    except ScheduleError:
        return None
    return period_amount(Decimal(1000), first)


def on_regular_schedule(note: Note) -> bool:
    """True when the printed first coupon date lies on the grid stepped back from maturity."""
    months = note.frequency.months
    if not months or note.first_coupon_date is None:
        return True
    k, rem = divmod(
        (note.maturity_date.year - note.first_coupon_date.year) * 12
        + note.maturity_date.month
        - note.first_coupon_date.month,
        months,
    )
    return rem == 0 and add_months(note.maturity_date, -months * k) == note.first_coupon_date
