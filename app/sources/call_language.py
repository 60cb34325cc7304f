"""The call language of supplements, in one grammar: wording → structured ``Redemption``.

Wordings (domain.md "Calls"): "Callable at 100% on 11/15/2020 and Monthly thereafter with 30
Calendar Days Notice."; Quarterly / Semi-Annually / Annually thereafter; "... and any time
thereafter" (continuous); "callable once on"; "with 10 New York business days' notice";
"Non-Callable"; "not redeemable prior to the Stated Maturity Date"; prose such as "Subject to our
redemption right" (callable, terms in the prospectus: no call date, never guessed); make-whole
("T + 25 bps"). A call with no call date is flagged by the quote (app/domain/quote.py), not here.

Term sheets and form-layout supplements add (documents.md): a make-whole call before a date and a
par call on or after it ("Make-Whole Call prior to December 15, 2033 (T + 15 basis points)"; "Par
Call on or after December 15, 2033"): the par call date is the first call date (callable at 100%
any time from then on) and the make-whole period ends there, never turned into call dates; calls
on dates listed one by one ("on July 30, 2016, July 30, 2018 and July 30, 2020 at 100% plus
accrued interest"), each its own call date; a callable zero's stated amount per $1,000 on each
date ("April 15, 2008: $702.44 per $1,000" → 70.244%); "The Notes cannot be redeemed prior to
the Stated Maturity Date" (not callable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from app.domain.model import CallFrequency, CallPrice, Frequency, NoticeKind, Redemption
from app.sources.values import DATE_PATTERN, DATE_RE, date_from_match, find_dates

_I = re.IGNORECASE
_LABEL_RE = re.compile(
    r"\b(?:redemption\s+informa\w*|call\s+provisions?|call\s+features?|optional\s+redemption"
    r"|redemption\s+provisions?|redemption)\s*:",
    _I,
)
_PARTIAL_LABEL_RE = re.compile(r"^\s*redemption\s+info\w*\s*", _I)
_NON_CALLABLE_RE = re.compile(
    r"\bnon[-\s]?callable\b|\bnot\s+(?:be\s+)?(?:callable|redeemable|subject\s+to\s+redemption)"
    r"|^\s*(?:ncl|none|not\s+applicable|n/a)\s*\.?\s*$"  # "Call Features: NCL" (HSBC Finance 2006)
    r"|\bno\s+(?:optional\s+)?(?:redemption|call)\b|\bnot\s+(?:be\s+)?subject\s+to\s+(?:any\s+)?"
    r"(?:optional\s+)?redemption|\b(?:can\s*not|may\s+not|will\s+not|shall\s+not)\s+be\s+(?:redeemed|called)\b",
    _I,
)
_CALLABLE_RE = re.compile(
    r"\bcallable\b|\bredeem|\bredemption\s+right|\bcall\s+(?:the|these|such)\s+notes|\bat\s+our"
    r"\s+option\b",
    _I,
)
_MAKE_WHOLE_RE = re.compile(
    r"make[-\s]?whole|\bT\s*\+\s*\d+|treasury\s+(?:rate|yield)\s+plus|\bplus\s+\d+(?:\.\d+)?\s*"
    r"(?:bps|basis\s+points)",
    _I,
)
_PRICE_RE = re.compile(
    r"\bat\s+(?:a\s+)?(?:(?:redemption|call)\s+)?(?:price\s+)?(?:equal\s+to\s+|of\s+)?"
    r"(\d{1,3}(?:\.\d+)?)\s*%",
    _I,
)
_PAR_RE = re.compile(r"\bat\s+par\b", _I)
_FREQ_WORDS = (
    (r"semi[-\s]?annual(?:ly)?|every\s+six\s+months", CallFrequency.SEMIANNUAL),
    (r"monthly|every\s+month", CallFrequency.MONTHLY),
    (r"quarterly|every\s+(?:three\s+months|quarter)", CallFrequency.QUARTERLY),
    (r"annual(?:ly)?|every\s+year|yearly", CallFrequency.ANNUAL),
)
_ONCE_RE = re.compile(r"\b(?:once|one[-\s]time|only\s+on)\b", _I)
_ANY_TIME_RE = re.compile(
    r"\bany\s*time\b|\bcontinuous(?:ly)?\b|\bfrom\s+time\s+to\s+time\b|\bat\s+any\s+time\b", _I
)
_COUPON_DATES_RE = re.compile(r"\b(?:any|each|every)\s+(?:interest|coupon)\s+payment\s+date", _I)
_ON_OR_AFTER_RE = re.compile(r"\bon\s+or\s+after\b|\bafter\b", _I)
_NOTICE_RES = (
    re.compile(
        r"not\s+less\s+than\s+(\d{1,3})\s+(?:nor|or|and)\s+more\s+than\s+\d{1,3}\s+"
        r"(calendar|(?:new\s+york\s+)?(?:business|banking))?\s*days",
        _I,
    ),
    re.compile(
        r"(\d{1,3})\s+(calendar|(?:new\s+york\s+)?(?:business|banking))?\s*days?'?\s*(?:prior\s+)?"
        r"(?:written\s+)?notice",
        _I,
    ),
    re.compile(
        r"notice\s+(?:of\s+)?(?:not\s+less\s+than\s+|at\s+least\s+|no\s+fewer\s+than\s+)?"
        r"(\d{1,3})\s+(calendar|(?:new\s+york\s+)?(?:business|banking))?\s*days",
        _I,
    ),
)
_D = rf"({DATE_PATTERN})"
_PAR = r"(?:\bat\s+par\b|\b100(?:\.0+)?\s*%)"
# The make-whole call's wording (term sheets) is compiled on its first use, _make_whole_words():
# ~3 ms of compiling that a start with a table supplement (the sample) does without
_SPREAD = r"(?:\bT\s*\+|\bplus)\s*(\d+(?:\.\d+)?)\s*(?:bps|basis\s+points)?"
_PRIOR = rf"\b(?:prior\s+to|before)\s+(?:the\s+)?{_D}"
# one clause: no semicolon, and no full stop but an abbreviation's ("Apple Inc. may …") or a
# decimal point's ("plus 12.5 basis points")
_CLAUSE = r"(?:[^.;]|\.(?=\s*[a-z,(]|\d))"
_PAR_CALLS = (
    rf"\bpar\s+call\b[^.;]{{0,40}}?\b(?:on\s+or\s+after|after|from|commencing(?:\s+on)?|beginning(?:\s+on)?)"
    rf"\s+(?:the\s+)?{_D}",
    # "On or after May 8, 2024, Apple Inc. may at its option redeem the 2026 Notes, at any time
    # …, at a redemption price equal to 100% of the principal amount" (Apple term sheets, 2023)
    rf"\b(?:on\s+or\s+after|after|from\s+and\s+after|commencing(?:\s+on)?)\s+{_D}{_CLAUSE}{{0,200}}?{_PAR}",
    # "at par plus accrued and unpaid interest to the redemption date on or after October 15,
    # 2020" (Lubrizol pricing term sheet, 2010)
    rf"{_PAR}[^.;]{{0,80}}?\b(?:on|after|from)\s+(?:or\s+after\s+)?{_D}",
)
_PAR_AFTER = (
    rf"(?:\bon\s+or\s+after\s+(?:the\s+|such\s+|that\s+)?(?:par\s+call\s+)?date|\bthereafter\b)[^.;]{{0,80}}?{_PAR}"
    rf"|\bpar\s+call\s+on\s+or\s+after\s+(?:the\s+|such\s+|that\s+)?date"
)
_PER_THOUSAND_RE = re.compile(r"(?<!per )\$\s?(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?!\d)", _I)
_SEGMENT_PERCENT_RE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_PERIODIC_RE = re.compile(r"\bthereafter\b|\bon\s+or\s+after\b|\beach\b|\bevery\b|\bany\b", _I)
_FROM_COUPON = {
    Frequency.MONTHLY: CallFrequency.MONTHLY,
    Frequency.QUARTERLY: CallFrequency.QUARTERLY,
    Frequency.SEMIANNUAL: CallFrequency.SEMIANNUAL,
    Frequency.ANNUAL: CallFrequency.ANNUAL,
}


class _MakeWholeWords(NamedTuple):
    """The patterns of a make-whole call's wording: its spread, the date it runs until, the
    par call date and "on or after the par call date"."""

    spread: re.Pattern[str]
    until: re.Pattern[str]
    par_calls: tuple[re.Pattern[str], ...]
    par_after: re.Pattern[str]


@cache
def _make_whole_words() -> _MakeWholeWords:
    """The make-whole patterns, compiled on the first make-whole wording, then kept."""
    return _MakeWholeWords(
        spread=re.compile(_SPREAD, _I),
        until=re.compile(_PRIOR, _I),
        par_calls=tuple(re.compile(p, _I) for p in _PAR_CALLS),
        par_after=re.compile(_PAR_AFTER, _I),
    )


@dataclass(frozen=True, slots=True)
class CallReading:
    """A parsed call wording and what could not be read from it."""

    redemption: Redemption
    warnings: tuple[str, ...] = ()


def strip_label(text: str) -> str:
    """The wording without "Redemption Information:" (also the broken "Redemption Informa")."""
    labels = list(_LABEL_RE.finditer(text))
    if labels:
        text = text[labels[-1].end() :]
    return " ".join(_PARTIAL_LABEL_RE.sub("", text).split())


def _frequency(text: str, coupon: Frequency | None) -> CallFrequency | None:
    if _ANY_TIME_RE.search(text):
        return CallFrequency.CONTINUOUS
    for pattern, freq in _FREQ_WORDS:
        if re.search(rf"\b(?:{pattern})\b", text, _I):
            return freq
    if _COUPON_DATES_RE.search(text):
        return _FROM_COUPON.get(coupon) if coupon else None
    if _ONCE_RE.search(text):
        return CallFrequency.ONCE
    return None


def _notice(text: str) -> tuple[int | None, NoticeKind | None]:
    for pattern in _NOTICE_RES:
        m = pattern.search(text)
        if m:
            kind = (m.group(2) or "calendar").lower()
            business = "business" in kind or "banking" in kind
            return int(m.group(1)), NoticeKind.BUSINESS if business else NoticeKind.CALENDAR
    return None, None


def _price(text: str) -> Decimal | None:
    m = _PRICE_RE.search(text)
    if m:
        return Decimal(m.group(1))
    return Decimal(100) if _PAR_RE.search(text) else None


def parse(text: str | None, coupon: Frequency | None = None) -> CallReading:
    """Read one call wording. ``coupon`` resolves "on any interest payment date"."""
    wording = strip_label(text or "")
    if not wording:
        return CallReading(Redemption())
    if _NON_CALLABLE_RE.search(wording):
        return CallReading(Redemption(text=wording, callable=False))
    make_whole = bool(_MAKE_WHOLE_RE.search(wording))
    if not (_CALLABLE_RE.search(wording) or make_whole):
        return CallReading(Redemption(text=wording), (f"call terms not understood: {wording[:80]!r}",))
    days, kind = _notice(wording)
    base = Redemption(text=wording, callable=True, notice_days=days, notice_kind=kind)
    if make_whole:
        return CallReading(_make_whole(base, wording, coupon))
    listed = _listed(wording)
    if listed:
        return CallReading(
            replace(base, price_pct=listed[0].price_pct, first_call_date=listed[0].date, schedule=listed)
        )
    dates = find_dates(wording)
    first = dates[0] if dates else None
    frequency = _frequency(wording, coupon)
    if frequency is None and first is not None:
        after = _ON_OR_AFTER_RE.search(wording)
        frequency = CallFrequency.CONTINUOUS if after else CallFrequency.ONCE
    redemption = replace(base, price_pct=_price(wording), first_call_date=first, frequency=frequency)
    # no first call date (terms in the prospectus): read as it stands; the quote words the
    # warning (app/domain/quote.py), once for every source of the note
    return CallReading(redemption)


def _first_date(pattern: re.Pattern[str], wording: str) -> date | None:
    for m in pattern.finditer(wording):
        try:
            return date_from_match(m.group(1))
        except ValueError:
            continue
    return None


def _make_whole(base: Redemption, wording: str, coupon: Frequency | None) -> Redemption:
    """A make-whole call, alone ("at any time") or until a par call date: the par call date is
    the first call date at 100%, the make-whole period ends there; a date the make-whole call
    runs until is never a call date by itself."""
    words = _make_whole_words()
    base = replace(base, make_whole=True, make_whole_spread_bps=_spread(words.spread, wording))
    until = _first_date(words.until, wording)
    par = next((d for p in words.par_calls if (d := _first_date(p, wording)) is not None), None)
    if par is None and until is not None and words.par_after.search(wording):
        par = until  # "… prior to the Par Call Date …; on or after the Par Call Date, at 100%"
    if par is None:
        return replace(base, frequency=_frequency(wording, coupon), make_whole_until=until)
    on_coupons = _FROM_COUPON.get(coupon) if coupon and _COUPON_DATES_RE.search(wording) else None
    return replace(
        base,
        price_pct=Decimal(100),
        first_call_date=par,
        frequency=on_coupons or CallFrequency.CONTINUOUS,
        make_whole_until=until or par,
    )


def _listed(wording: str) -> tuple[CallPrice, ...]:
    """Call dates listed one by one, each with its price: a stated amount per $1,000 after the
    date (a callable zero), else the one price of the wording (100% when it says none)."""
    marks = list(DATE_RE.finditer(wording))
    if len(marks) < 2 or _PERIODIC_RE.search(wording):
        return ()
    common = _price(wording) or Decimal(100)
    found: list[CallPrice] = []
    for k, m in enumerate(marks):
        segment = wording[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(wording)]
        try:
            day = date_from_match(m.group(0))
        except ValueError:
            continue
        amount = _PER_THOUSAND_RE.search(segment)
        percent = _SEGMENT_PERCENT_RE.search(segment)
        if amount is not None:
            price = Decimal(amount.group(1).replace(",", "")) / 10
        else:
            price = Decimal(percent.group(1)) if percent is not None else common
        if not found or day > found[-1].date:
            found.append(CallPrice(day, price))
    return tuple(found) if len(found) >= 2 else ()


def _spread(pattern: re.Pattern[str], wording: str) -> Decimal | None:
    """The make-whole spread over Treasuries in basis points ("T + 25 bps" → 25)."""
    match = pattern.search(wording)
    return Decimal(match.group(1)) if match else None
