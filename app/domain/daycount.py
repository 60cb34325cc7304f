"""Day-count conventions as named things, each mapped to its function in one table.

Sources: ISDA 2006 Definitions §4.16 (b) Actual/Actual (ICMA), (d) Actual/365 (Fixed),
(e) Actual/360, (f) 30/360 (bond basis), (g) 30E/360 (Eurobond basis).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from fractions import Fraction

from app.domain.dates import add_months


class DayCount(Enum):
    """A day-count convention; the value is the label used in documents and the offering file."""

    THIRTY_360 = "30/360"
    THIRTY_E_360 = "30E/360"
    ACT_360 = "ACT/360"
    ACT_365F = "ACT/365F"
    ACT_ACT_ICMA = "ACT/ACT-ICMA"


def days_30_360(d1: date, d2: date) -> int:
    """30/360 bond basis, ISDA 2006 §4.16(f): D1=31→30; D2=31→30 only when D1 ≥ 30.

    No February end-of-month rule (QuantLib ``Thirty360(Thirty360.BondBasis)``).
    """
    day1 = 30 if d1.day == 31 else d1.day
    day2 = 30 if d2.day == 31 and day1 >= 30 else d2.day
    return 360 * (d2.year - d1.year) + 30 * (d2.month - d1.month) + (day2 - day1)


def days_30e_360(d1: date, d2: date) -> int:
    """30E/360 Eurobond basis, ISDA 2006 §4.16(g): any 31st becomes the 30th."""
    day1 = min(d1.day, 30)
    day2 = min(d2.day, 30)
    return 360 * (d2.year - d1.year) + 30 * (d2.month - d1.month) + (day2 - day1)


def days_actual(d1: date, d2: date) -> int:
    """Actual calendar days."""
    return (d2 - d1).days


_DAYS: dict[DayCount, Callable[[date, date], int]] = {
    DayCount.THIRTY_360: days_30_360,
    DayCount.THIRTY_E_360: days_30e_360,
    DayCount.ACT_360: days_actual,
    DayCount.ACT_365F: days_actual,
    DayCount.ACT_ACT_ICMA: days_actual,
}
_BASIS: dict[DayCount, int] = {
    DayCount.THIRTY_360: 360,
    DayCount.THIRTY_E_360: 360,
    DayCount.ACT_360: 360,
    DayCount.ACT_365F: 365,
}


def day_count(convention: DayCount, d1: date, d2: date) -> int:
    """Days between two dates under ``convention``."""
    return _DAYS[convention](d1, d2)


def year_fraction(
    convention: DayCount,
    d1: date,
    d2: date,
    ref_start: date | None = None,
    ref_end: date | None = None,
    per_year: int = 0,
) -> Fraction:
    """Exact fraction of a year from ``d1`` to ``d2``.

    Actual/Actual (ICMA) needs the regular reference period (``ref_start``, ``ref_end``) and the
    number of periods a year; an irregular period is split at quasi-coupon dates stepped back from
    ``ref_end`` (ICMA Rule 251).
    """
    if convention is not DayCount.ACT_ACT_ICMA:
        return Fraction(_DAYS[convention](d1, d2), _BASIS[convention])
    if per_year <= 0 or ref_end is None:
        return Fraction((d2 - d1).days, 365)
    months = 12 // per_year
    total = Fraction(0)
    end = ref_end
    if d2 > end:  # long last period beyond the reference end: not used by our notes
        end = d2
    k = 0
    while True:
        q_end = add_months(end, -months * k)
        q_start = add_months(end, -months * (k + 1))
        lo, hi = max(d1, q_start), min(d2, q_end)
        if hi > lo:
            total += Fraction((hi - lo).days, per_year * (q_end - q_start).days)
        if q_start <= d1:
            return total
        k += 1
