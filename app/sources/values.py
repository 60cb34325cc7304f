"""Cell values as printed in supplements: dates, percents, dollars, placeholders, yes/no, enums."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from app.domain.daycount import DayCount
from app.domain.model import CouponType, Frequency

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE_PATTERN = (
    rf"{_WEEKDAY}(?:(?:{_MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{2}(?!\d)|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}\s+(?:{_MONTH_ALT})\.?,?\s+\d{{4}})"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_US_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LONG_RE = re.compile(rf"({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_DMY_RE = re.compile(rf"(\d{{1,2}})\s+({_MONTH_ALT})\.?,?\s+(\d{{4}})", re.I)
_BEGIN_RE = re.compile(r"\b(?:beginning|commencing|starting|first payment)\b(?:\s+on)?", re.I)
_FOOTNOTE_RE = re.compile(r"\(\d{1,2}\)|[*†‡§¹²³⁴⁵]")
_PLACEHOLDER_RE = re.compile(
    r"^\$?\s*\[\s*[—–\-•·_.\s]*\]\s*%?$|^(?:tbd|tbc|\[tbd\])$|^\$?\s*[-–—](?:\s*[-–—]){2,}\s*%?$", re.I
)  # "[]", "[—]", "TBD", "- - - -"
_NOT_APPLICABLE_RE = re.compile(r"^(?:n/?a|not\s+applicable|none)\.?$|^[-–—]$", re.I)
_PERCENT_RE = re.compile(r"^(\d{1,4}(?:\.\d+)?|\.\d+)\s*%?$")
_MONEY_RE = re.compile(r"^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_SPACE_RE = re.compile(r"\s+")


class Placeholder(ValueError):
    """A ``[]`` / ``[—]`` value: unknown until the final supplement."""


def clean(cell: str) -> str:
    """A cell without footnote marks and with single spaces."""
    return _SPACE_RE.sub(" ", _FOOTNOTE_RE.sub("", cell)).strip()


def not_applicable(cell: str) -> bool:
    """``N/A``, ``Not applicable``, ``None``, a lone dash: the column does not apply to the note."""
    return bool(_NOT_APPLICABLE_RE.match(clean(cell)))


def is_placeholder(cell: str) -> bool:
    return bool(_PLACEHOLDER_RE.match(clean(cell)))


def date_from_match(text: str) -> date:
    """A date from text that ``DATE_RE`` matched; ``ValueError`` for an impossible date."""
    if m := _US_RE.search(text):
        month, day, year = (int(g) for g in m.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        return date(year, month, day)
    if m := _ISO_RE.search(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _LONG_RE.search(text):
        return date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    if m := _DMY_RE.search(text):
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    raise ValueError(f"{text!r} is not a date")


def find_dates(text: str) -> list[date]:
    """Every valid date in ``text``, in order."""
    found = []
    for m in DATE_RE.finditer(text):
        try:
            found.append(date_from_match(m.group(0)))
        except ValueError:
            continue
    return found


def parse_date(cell: str) -> date:
    """A date cell: ``11/15/2022``, ``11/15/22``, ``November 15, 2022``, or a payment-dates
    sentence ("April and October 15 of each year, beginning April 15, 2018")."""
    text = clean(cell)
    if _PLACEHOLDER_RE.match(text):
        raise Placeholder(text)
    begin = _BEGIN_RE.search(text)
    if begin:
        dates = find_dates(text[begin.end() :])
        if dates:
            return dates[0]
    m = DATE_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"{text!r} is not a date")
    return date_from_match(text)


def parse_percent(cell: str) -> Decimal:
    """``100%``, ``100.000%``, ``100.00 %``, ``2.350`` → the number as printed."""
    text = clean(cell)
    if _PLACEHOLDER_RE.match(text):
        raise Placeholder(text)
    m = _PERCENT_RE.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a percentage")
    return Decimal(m.group(1))


def parse_money(cell: str) -> Decimal:
    """``$1,185,000.00``, ``$1.04``, ``1000`` → Decimal; ``[]`` raises ``Placeholder``."""
    text = clean(cell).replace(" ", "")
    if _PLACEHOLDER_RE.match(text):
        raise Placeholder(text)
    m = _MONEY_RE.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a dollar amount")
    try:
        return Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a dollar amount") from None


_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "none": False}


def parse_yes_no(cell: str) -> bool:
    key = clean(cell).lower().rstrip(".")
    if key not in _YES_NO:
        raise ValueError(f"{clean(cell)!r} is not Yes or No")
    return _YES_NO[key]


_FREQUENCIES = {
    "monthly": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "semiannual": Frequency.SEMIANNUAL,
    "semiannually": Frequency.SEMIANNUAL,
    "annual": Frequency.ANNUAL,
    "annually": Frequency.ANNUAL,
    "atmaturity": Frequency.AT_MATURITY,
    "maturity": Frequency.AT_MATURITY,
}
_COUPON_TYPES = {
    "fixed": CouponType.FIXED,
    "fixedrate": CouponType.FIXED,
    "step": CouponType.STEP,
    "stepup": CouponType.STEP,
    "fixedstep": CouponType.STEP,
    "multistep": CouponType.STEP,
    "stepupcallable": CouponType.STEP,
    "floating": CouponType.FLOATING,
    "float": CouponType.FLOATING,
    "floater": CouponType.FLOATING,
    "floatingrate": CouponType.FLOATING,
    "zero": CouponType.ZERO,
    "zerocoupon": CouponType.ZERO,
}
_DAY_COUNTS = {
    "30/360": DayCount.THIRTY_360,
    "30/360bondbasis": DayCount.THIRTY_360,
    "30e/360": DayCount.THIRTY_E_360,
    "act/360": DayCount.ACT_360,
    "actual/360": DayCount.ACT_360,
    "act/365": DayCount.ACT_365F,
    "actual/365": DayCount.ACT_365F,
    "act/365f": DayCount.ACT_365F,
    "actual/actual": DayCount.ACT_ACT_ICMA,
    "act/act": DayCount.ACT_ACT_ICMA,
}


def _key(cell: str) -> str:
    return re.sub(r"[\s\-_().,]", "", clean(cell).lower())


def parse_frequency(cell: str) -> Frequency:
    """``MONTHLY``, ``Semi-Annual``, ``Semi-Annually``, ``At Maturity`` → Frequency."""
    found = _FREQUENCIES.get(_key(cell))
    if found is None:
        raise ValueError(f"{clean(cell)!r} is not a coupon frequency")
    return found


def parse_coupon_type(cell: str) -> CouponType:
    found = _COUPON_TYPES.get(_key(cell))
    if found is None:
        raise ValueError(f"{clean(cell)!r} is not a coupon type")
    return found


def parse_day_count(cell: str) -> DayCount:
    found = _DAY_COUNTS.get(_key(cell))
    if found is None:
        raise ValueError(f"{clean(cell)!r} is not a known day count")
    return found


def parse_text(cell: str) -> str:
    text = clean(cell)
    if not text:
        raise ValueError("empty")
    return text


# Values inside label/value prose ("99.648% of the principal amount", "$1,000,000,000",
# "March 7, 2024 (T+3)"): the first such value in the text, None when there is none.
_PERCENT_IN_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?|\.\d+)\s?%")
_MONEY_IN_RE = re.compile(
    r"(?:\$|\bUSD|\bUS\$)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\s*(?:million|billion)\b)", re.I
)
_DAY_COUNT_IN_RE = re.compile(
    r"\b(30E?/360(?:\s*\(?bond\s+basis\)?)?|act(?:ual)?/(?:360|365F?|act(?:ual)?))\b", re.I
)
_ZERO_WORDS = r"zero[-\s]?coupon|original\s+issue\s+discount\s+note|discount\s+note|\baccretion\b"
_FLOATING_WORDS = (
    r"floating|floater|libor|sofr|euribor|federal\s+funds|prime\s+rate|cmt\s+rate|cd\s+rate"
    r"|commercial\s+paper|treasury\s+rate\s+note|inverse"
)
_KIND_WORDS = (
    (re.compile(_ZERO_WORDS, re.I), CouponType.ZERO),
    (re.compile(_FLOATING_WORDS, re.I), CouponType.FLOATING),
    (re.compile(r"step[-\s]?(?:up|down)|\bstep\b", re.I), CouponType.STEP),
    (re.compile(r"\bfixed\b", re.I), CouponType.FIXED),
)


def percent_in(text: str) -> Decimal | None:
    """The first percentage printed in ``text`` ("99.648% of the principal amount" → 99.648)."""
    m = _PERCENT_IN_RE.search(text)
    return Decimal(m.group(1)) if m else None


def percents_in(text: str) -> int:
    """How many percentages ``text`` prints."""
    return len(_PERCENT_IN_RE.findall(text))


def money_in(text: str) -> Decimal | None:
    """The first dollar amount printed in ``text`` ("$1,000,000,000 (may be increased)")."""
    m = _MONEY_IN_RE.search(text)
    return Decimal(m.group(1).replace(",", "")) if m else None


def money_all(text: str) -> list[Decimal]:
    """Every dollar amount printed in ``text``, in order."""
    return [Decimal(m.group(1).replace(",", "")) for m in _MONEY_IN_RE.finditer(text)]


def date_in(text: str) -> date | None:
    """The first valid date printed in ``text`` ("March 7, 2024 (T+3)" → 2024-03-07)."""
    found = find_dates(text)
    return found[0] if found else None


def day_count_in(text: str) -> DayCount | None:
    """The first day count named in ``text`` ("30/360", "Actual/360 for the period from …")."""
    m = _DAY_COUNT_IN_RE.search(text)
    if m is None:
        return None
    try:
        return parse_day_count(m.group(1))
    except ValueError:
        return None


def coupon_types_in(text: str) -> list[CouponType]:
    """The kinds of note a description names ("Fixed Rate Medium-Term Notes", "Floating Rate
    Note", "Zero Coupon Note"), zero before floating before step before fixed."""
    return [kind for pattern, kind in _KIND_WORDS if pattern.search(text)]
