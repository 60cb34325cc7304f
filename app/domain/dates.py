"""Date helpers: month arithmetic anchored to a date, parsing the date spellings a user types."""

from __future__ import annotations

import re
from datetime import date

from app.domain.errors import InputError

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# ASCII digits only ([0-9], not \d): ``٢٠١٩-١٢-٠٣`` is not taken for a date
_YMD_RE = re.compile(r"^([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})$")
_MDY_RE = re.compile(r"^([0-9]{1,2})([-/])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})$")
_COMPACT_RE = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_NAME_FIRST_RE = re.compile(r"^([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?\s*,?\s*([0-9]{4})$")
_DAY_FIRST_RE = re.compile(r"^([0-9]{1,2})\s+([a-z]+)\.?\s*,?\s*([0-9]{4})$")
DATE_SPELLINGS = "2019-12-03, 12/03/2019 or Dec 3, 2019"


def _year(text: str) -> int:
    """A two-digit year is 1970–2069 (``12/03/19`` is 2019)."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _numbers(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written as numbers, None when it is no such spelling."""
    if m := _YMD_RE.match(text):
        return int(m.group(1)), int(m.group(3)), int(m.group(4))
    if m := _MDY_RE.match(text):
        return _year(m.group(4)), int(m.group(1)), int(m.group(3))
    if m := _COMPACT_RE.match(text):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    return None


def _named(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of ``Dec 3, 2019`` or ``3 December 2019``; month 0 for a name that is
    no month; None when it is no such spelling."""
    lower = text.lower()
    if m := _NAME_FIRST_RE.match(lower):
        return int(m.group(3)), _MONTH_NAMES.get(m.group(1), 0), int(m.group(2))
    if m := _DAY_FIRST_RE.match(lower):
        return int(m.group(3)), _MONTH_NAMES.get(m.group(2), 0), int(m.group(1))
    return None


def _no_such_day(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}" if month else "the month's name is not understood"
    if year < 1:
        return f"there is no year {year}"
    if day < 1:
        return f"there is no day {day}"
    return f"{date(year, month, 1):%B %Y} has {days_in_month(year, month)} days"


def read_date(text: str) -> tuple[date | None, str]:
    """The date ``text`` spells and "", or None and why not: the day that does not exist
    ("there is no day 0", "February 2019 has 28 days"), or "" for a spelling that is no date."""
    parts = _numbers(text) or _named(text)
    if parts is None:
        return None, ""
    year, month, day = parts
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, _no_such_day(year, month, day)


def parse_date(text: str, field: str = "date") -> date:
    """The date ``text`` spells, exactly, or ``InputError`` naming ``field`` and what is wrong.

    Spellings (the command line and the window accept the same): ISO ``2019-12-03`` (also
    ``2019-12-3``, ``2019/12/03``), US ``12/03/2019`` (also ``12/3/2019``, ``12-03-2019`` and
    a two-digit year, 1970–2069: ``12/03/19``), ``20191203``, and a month's name ``Dec 3,
    2019``, ``December 3 2019``, ``3 Dec 2019``. Nothing is guessed: ``2019-02-30`` and
    ``13/03/2019`` are errors (February 2019 has 28 days; there is no month 13), not the nearest
    date; non-ASCII digits and times (``2019-12-03T00:00``) are not dates. (dateutil's parser
    fills what is missing from today and reads ``03.12.2019`` day first: not for money.)"""
    cleaned = " ".join(text.split())
    found, reason = read_date(cleaned)
    if found is not None:
        return found
    why = f": {reason}" if reason else f" (type {DATE_SPELLINGS})"
    raise InputError(f"{field} {cleaned!r} is not a date{why}", field=field, value=text)
