"""The New York banking calendar (Federal Reserve holiday schedule) and business-day rolls.

Rule (domain.md): New Year's, MLK, Washington's Birthday, Memorial, Juneteenth (from 2022),
Independence, Labor, Columbus, Veterans, Thanksgiving, Christmas; a Sunday holiday is observed on
Monday, a Saturday holiday is not moved. ``holidays.financial_holidays("XFED")`` is exactly this
calendar; QuantLib ``UnitedStates(FederalReserve)`` is the test oracle. Its table for 1999–2100
is read from ``fed_holidays_data`` (generated from the library by tools/gen_fed_holidays.py, kept
identical by a test) because importing ``holidays`` costs ~150 ms of start-up.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

from app.domain import fed_holidays_data

_ONE_DAY = timedelta(days=1)


class Roll(Enum):
    """Business-day conventions for payment dates."""

    UNADJUSTED = "unadjusted"
    FOLLOWING = "following"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Mon=0) of a month; ``n`` = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - _ONE_DAY
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _rule_holidays(year: int) -> dict[date, str]:
    """The same Federal Reserve rules for years the ``holidays`` package does not cover (before
    1999, after 2100); they agree with QuantLib from 1990 and with ``holidays`` 1999–2100."""
    fixed = {
        (1, 1): "New Year's Day",
        (6, 19): "Juneteenth National Independence Day",
        (7, 4): "Independence Day",
        (11, 11): "Veterans Day",
        (12, 25): "Christmas Day",
    }
    table: dict[date, str] = {}
    for (month, day), name in fixed.items():
        if month == 6 and year < 2021:  # enacted 2021 (a Saturday); first weekday closure 2022
            continue
        d = date(year, month, day)
        table[d + _ONE_DAY if d.weekday() == 6 else d] = name + (" (observed)" if d.weekday() == 6 else "")
    floating = [
        (1, 0, 3, "Martin Luther King Jr. Day"),
        (2, 0, 3, "Washington's Birthday"),
        (5, 0, -1, "Memorial Day"),
        (9, 0, 1, "Labor Day"),
        (10, 0, 2, "Columbus Day"),
        (11, 3, 4, "Thanksgiving Day"),
    ]
    for month, weekday, n, name in floating:
        if month == 1 and year < 1986:
            continue
        table[_nth_weekday(year, month, weekday, n)] = name
    return table


@lru_cache(maxsize=1)
def _table() -> dict[int, dict[date, str]]:
    """``holidays``' XFED schedule for 1999–2100, from the generated ``fed_holidays_data``."""
    by_year: dict[int, dict[date, str]] = {}
    for row in fed_holidays_data.ROWS.splitlines():
        day, name = row.split("|", 1)
        d = date.fromisoformat(day)
        by_year.setdefault(d.year, {})[d] = name
    return by_year


@lru_cache(maxsize=512)
def _year_holidays(year: int) -> dict[date, str]:
    """Holidays of one year (a Saturday holiday too, though the weekend closes it anyway)."""
    if year < fed_holidays_data.FIRST_YEAR:
        return _rule_holidays(year)
    if year <= fed_holidays_data.LAST_YEAR:
        return _table().get(year, {})
    return _rule_holidays(year)  # the library stops at 2100 too


def holiday_name(d: date) -> str | None:
    """The name of the Federal Reserve holiday falling on ``d``, if any."""
    return _year_holidays(d.year).get(d)


def is_business_day(d: date) -> bool:
    """True on a New York banking day: a weekday that is not a Federal Reserve holiday."""
    return d.weekday() < 5 and d not in _year_holidays(d.year)


@lru_cache(maxsize=512)
def following_table(year: int) -> tuple[int, tuple[date, ...]]:
    """For each day of ``year`` (by ordinal offset from Jan 1) the first banking day on or after:
    ``(ordinal of Jan 1, table)``; cached, so rolling a date is one lookup."""
    start = date(year, 1, 1)
    last = date(year, 12, 31)
    while not is_business_day(last):
        last += _ONE_DAY
    days = [start + timedelta(days=i) for i in range((last - start).days + 1)]
    table: list[date] = [last] * len(days)
    nxt = last
    for i in range(len(days) - 1, -1, -1):
        if is_business_day(days[i]):
            nxt = days[i]
        table[i] = nxt
    return start.toordinal(), tuple(table)


def following(d: date) -> date:
    """The first New York banking day on or after ``d`` (ISDA "Following")."""
    base, table = following_table(d.year)
    return table[d.toordinal() - base]


def non_business_reason(d: date) -> str | None:
    """Why ``d`` is not a banking day ("Saturday", "Washington's Birthday"), or None if it is."""
    name = holiday_name(d)
    if d.weekday() >= 5:
        day = "Saturday" if d.weekday() == 5 else "Sunday"
        return f"{day} ({name})" if name else day
    return name


def adjust(d: date, roll: Roll) -> date:
    """Apply a business-day convention to ``d``."""
    return following(d) if roll is Roll.FOLLOWING else d


def roll_reason(d: date) -> str | None:
    """Why a payment due on ``d`` is paid later: each closed day named ("Saturday, Monday:
    Washington's Birthday"); None when ``d`` is a banking day."""
    if is_business_day(d):
        return None
    reasons = []
    while not is_business_day(d):
        reason = non_business_reason(d)
        reasons.append(str(reason) if d.weekday() >= 5 else f"{d:%A}: {reason}")
        d += _ONE_DAY
    return ", ".join(reasons)


def business_days_before(d: date, n: int) -> date:
    """The date ``n`` New York business days before ``d`` (``d`` itself not counted)."""
    while n > 0:
        d -= _ONE_DAY
        if is_business_day(d):
            n -= 1
    return d
