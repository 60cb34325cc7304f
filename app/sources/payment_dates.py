"""Interest-payment-date wordings → frequency, regular day and months, and the first payment.

Wordings (documents.md): "Semi-annually on March 15 and September 15, commencing September 15,
2024 (long first interest period)"; "On the 5th of each June, December and on the Maturity Date";
"Each May 22 and November 22, beginning on November 22, 2012."; "March 4 and September 4,
beginning September 7, 2010"; "April and October 15 of each year, beginning April 15, 2018";
"On the 15th of each April, July, October and on the Maturity Date" (the maturity month is the
fourth: quarterly). A frequency word wins over the months listed; otherwise the closest two
listed months give the period (three months apart: quarterly).

A first payment printed already rolled ("beginning September 7, 2010" for a March 4 / September
4 schedule) is taken back to the regular date only when that date is not a New York banking day
and the following banking day is the printed one (September 4, 2010 is a Saturday and September
6 Labor Day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.calendar import following, is_business_day
from app.domain.dates import add_months, days_in_month
from app.domain.model import Frequency
from app.sources.values import DATE_RE, MONTHS, find_dates

_I = re.IGNORECASE
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_RE = re.compile(rf"\b({_MONTH_ALT})\b(?<!may)\.?|\b(may)\b(?!\s+(?:be|not|have)\b)", _I)
_BEGIN_RE = re.compile(r"\b(?:beginning|commencing|starting|first\s+payment|initial\s+interest)\b", _I)
_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", _I)
_DAY_AFTER_MONTH_RE = re.compile(rf"\b(?:{_MONTH_ALT})\.?\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", _I)
_SEMI = r"\bsemi[-\s]?annual(?:ly)?\b|\btwice\s+a\s+year\b|\bevery\s+six\s+months\b"
_WORDS = (
    (re.compile(_SEMI, _I), Frequency.SEMIANNUAL),
    (re.compile(r"\bquarterly\b|\bevery\s+three\s+months\b", _I), Frequency.QUARTERLY),
    (re.compile(r"\bmonthly\b|\beach\s+month\b|\bevery\s+month\b", _I), Frequency.MONTHLY),
    (re.compile(r"\bannual(?:ly)?\b|\bonce\s+a\s+year\b", _I), Frequency.ANNUAL),
    (re.compile(r"\bat\s+maturity\b", _I), Frequency.AT_MATURITY),
)  # fmt: skip
_BY_GAP = {1: Frequency.MONTHLY, 3: Frequency.QUARTERLY, 6: Frequency.SEMIANNUAL, 12: Frequency.ANNUAL}


@dataclass(frozen=True, slots=True)
class PaymentDates:
    """What an interest-payment-dates wording says (None: not said)."""

    frequency: Frequency | None
    months: tuple[int, ...] = ()
    day: int | None = None
    first: date | None = None


def read(text: str) -> PaymentDates:
    """The frequency, regular months and day, and first payment date of a wording."""
    begin = _BEGIN_RE.search(text)
    regular = text[: begin.start()] if begin else text
    regular = DATE_RE.sub(" ", regular)  # full dates are not the regular schedule
    months = tuple(sorted({MONTHS[(m.group(1) or m.group(2)).lower()] for m in _MONTH_RE.finditer(regular)}))
    first = None
    if begin:
        found = find_dates(text[begin.end() :])
        first = found[0] if found else None
    elif len(listed := find_dates(text)) >= 2:
        return _listed(listed)
    return PaymentDates(
        _frequency(text[: begin.start()] if begin else text, months), months, _day(regular), first
    )


def _listed(dates: list[date]) -> PaymentDates:
    """Every payment listed as a full date ("July 11, 2007, January 11, 2008 and at Maturity",
    Toyota Motor Credit MTN pricing supplements, 1995–2007): the first is the first payment,
    the months between the first two the period."""
    first, second = dates[0], dates[1]
    gap = (second.year - first.year) * 12 + second.month - first.month
    months = (
        tuple(sorted({(first.month - 1 + k * gap) % 12 + 1 for k in range(12 // gap)}))
        if gap in _BY_GAP
        else ()
    )
    return PaymentDates(_BY_GAP.get(gap), months, first.day, first)


def _frequency(text: str, months: tuple[int, ...]) -> Frequency | None:
    for pattern, frequency in _WORDS:
        if pattern.search(text):
            return frequency
    if not months:
        return None
    if len(months) == 1:
        return Frequency.ANNUAL
    gaps = [(b - a) % 12 or 12 for a, b in zip(months, months[1:] + months[:1], strict=True)]
    return _BY_GAP.get(min(gaps))


def _day(regular: str) -> int | None:
    for pattern in (_ORDINAL_RE, _DAY_AFTER_MONTH_RE):
        m = pattern.search(regular)
        if m and 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
    return None


def unrolled(first: date, day: int | None) -> date | None:
    """The regular payment date a printed first payment was rolled from, or None when the
    printed date is not a roll ("beginning September 7, 2010" with day 4 → September 4, 2010)."""
    if day is None or first.day == day:
        return None
    for month_start in (date(first.year, first.month, 1), add_months(date(first.year, first.month, 1), -1)):
        regular = month_start.replace(day=min(day, days_in_month(month_start.year, month_start.month)))
        if regular < first and not is_business_day(regular) and following(regular) == first:
            return regular
    return None
