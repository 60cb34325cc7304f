"""The call language of supplements, in one grammar: wording → structured ``Redemption``.

Wordings (domain.md "Calls"): "Callable at 100% on 11/15/2020 and Monthly thereafter with 30
Calendar Days Notice."; Quarterly / Semi-Annually / Annually thereafter; "... and any time
thereafter" (continuous); "callable once on"; "with 10 New York business days' notice";
"Non-Callable"; "not redeemable prior to the Stated Maturity Date"; prose such as "Subject to our
redemption right" (callable, terms in the prospectus: no call date, never guessed); make-whole
("T + 25 bps"). A call with no call date is flagged by the quote (app/domain/quote.py), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.domain.model import CallFrequency, Frequency, NoticeKind, Redemption
from app.sources.values import find_dates

_I = re.IGNORECASE
_LABEL_RE = re.compile(
    r"\b(?:redemption\s+informa\w*|call\s+provisions?|call\s+features?|optional\s+redemption"
    r"|redemption\s+provisions?|redemption)\s*:",
    _I,
)
_PARTIAL_LABEL_RE = re.compile(r"^\s*redemption\s+info\w*\s*", _I)
_NON_CALLABLE_RE = re.compile(
    r"\bnon[-\s]?callable\b|\bnot\s+(?:be\s+)?(?:callable|redeemable|subject\s+to\s+redemption)"
    r"|\bno\s+(?:optional\s+)?(?:redemption|call)\b|\bnot\s+(?:be\s+)?subject\s+to\s+(?:any\s+)?"
    r"(?:optional\s+)?redemption",
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
_SPREAD_RE = re.compile(r"(?:\bT\s*\+|\bplus)\s*(\d+(?:\.\d+)?)\s*(?:bps|basis\s+points)?", _I)
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
_FROM_COUPON = {
    Frequency.MONTHLY: CallFrequency.MONTHLY,
    Frequency.QUARTERLY: CallFrequency.QUARTERLY,
    Frequency.SEMIANNUAL: CallFrequency.SEMIANNUAL,
    Frequency.ANNUAL: CallFrequency.ANNUAL,
}


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
    dates = find_dates(wording)
    first = dates[0] if dates else None
    frequency = _frequency(wording, coupon)
    if frequency is None and first is not None:
        after = _ON_OR_AFTER_RE.search(wording)
        frequency = CallFrequency.CONTINUOUS if after else CallFrequency.ONCE
    days, kind = _notice(wording)
    redemption = Redemption(
        text=wording,
        callable=True,
        price_pct=_price(wording),
        first_call_date=first,
        frequency=frequency,
        notice_days=days,
        notice_kind=kind,
        make_whole=make_whole,
        make_whole_spread_bps=_spread(wording) if make_whole else None,
    )
    # no first call date (terms in the prospectus, or make-whole): read as it stands; the quote
    # words the warning (app/domain/quote.py), once for every source of the note
    return CallReading(redemption)


def _spread(wording: str) -> Decimal | None:
    """The make-whole spread over Treasuries in basis points ("T + 25 bps" → 25)."""
    match = _SPREAD_RE.search(wording)
    return Decimal(match.group(1)) if match else None
