"""Date helpers: month arithmetic anchored to a date, parsing ISO and US dates."""

from __future__ import annotations

import re
from datetime import date

from app.domain.errors import InputError

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_US_RE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})$")
_ISO_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the month's end (no end-of-month rule).

    Same as ``dateutil.relativedelta(months=n)`` and QuantLib's unadjusted ``advance``:
    2022-11-30 − 1 month = 2022-10-30; 2024-08-31 − 6 months = 2024-02-29.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(d.day, days_in_month(year, month0 + 1))
    return date(year, month0 + 1, day)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def parse_date(text: str, field: str = "date") -> date:
    """Parse ``2019-12-03`` or ``12/03/2019`` (or ``12/03/19``) into a date."""
    cleaned = text.strip()
    try:
        if _ISO_RE.match(cleaned):
            return date.fromisoformat(cleaned)
        match = _US_RE.match(cleaned)
        if match:
            month, day, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, month, day)
    except ValueError:
        pass
    raise InputError(
        f"{field} {cleaned!r} is not a date (use 2019-12-03 or 12/03/2019)",
        field=field,
        value=text,
    )
