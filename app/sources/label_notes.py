"""One tranche of a label/value document → a ``Note``, shared by term sheets and MTN forms.

What each label gives (documents.md §2–3, §5): the CUSIP from ``CUSIP/ISIN`` (a space inside or
an ISIN beside it), rate and steps from ``Coupon`` / ``Interest Rate`` ("1.50% from and including
July 30, 2014 to but excluding July 30, 2016; 2.00% …" is a step sequence), frequency from
``Interest Payment Frequency`` or the payment-dates wording, the first coupon from ``Initial
Interest Payment Date`` or "commencing …" (taken back to its regular date when printed rolled),
the issue date from ``Original Issue Date`` / ``Issue Date`` / ``Settlement Date`` (a reopening:
the date the notes were first issued, "plus accrued interest from …"), the price from ``Price to
Public`` / ``Re-offer Price`` ("99.648% of the principal amount"), each printed yield with its
label, accrued interest printed in dollars, and the call wording. A note with no rate that sells
at a discount with a yield printed, or that says it is a zero, is a zero-coupon note.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from app.domain.daycount import DayCount
from app.domain.model import (
    CouponType,
    Frequency,
    Note,
    ParseWarning,
    PrintedYield,
    Step,
    YieldBasis,
)
from app.domain.schedule import on_regular_schedule
from app.sources import call_language, coupon_steps, payment_dates, values
from app.sources.grid import find_cusip
from app.sources.tranches import Sheet, Value
from app.sources.vocabulary import Field, Key, Label

_I = re.IGNORECASE
_FREQUENCY_WORD_RE = re.compile(r"monthly|quarterly|semi[-\s]?annual(?:ly)?|annual(?:ly)?|at\s+maturity", _I)
_NO_RATE_RE = re.compile(r"\b(?:none|zero|n/?a|0(?:\.0+)?\s?%)", _I)
_BEY_RE = re.compile(r"implicit|implied|accrual|bond[-\s]equivalent", _I)
_ACCRUED_OF = r"(?:of|totaling|totalling|equal\s+to|in\s+the\s+(?:aggregate\s+)?amount\s+of)"
_ACCRUED_RES = (
    re.compile(rf"accrued\s+interest\s+{_ACCRUED_OF}\s+\$\s?([\d,]+\.\d{{2}})", _I),
    re.compile(r"\$\s?([\d,]+\.\d{2})\s+(?:of|in)\s+(?:pre-issuance\s+)?accrued\s+interest", _I),
)
_FROM_RES = (
    # "… issued by us on July 29, 2011" (Caterpillar Financial reopenings, 2011)
    re.compile(rf"\b(?:originally\s+)?issued\s+(?:by\s+us\s+)?on\s+({values.DATE_PATTERN})", _I),
    re.compile(
        rf"accrued\s+interest[^.;]{{0,40}}?\bfrom\s+(?:and\s+including\s+)?({values.DATE_PATTERN})", _I
    ),
)
_ORIGINAL_RE = re.compile(r"\boriginal\b", _I)
READS = "only fixed-rate, step-up and zero-coupon notes are read"
_BULLET_RE = re.compile(r"\s*[•·]\s*")


@dataclass(slots=True)
class _Reading:
    """One tranche being read: its values and the warnings they raise."""

    sheet: Sheet
    tranche: int
    name: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)

    def value(self, key: Key) -> Value | None:
        return self.sheet.value(key, self.tranche)

    def values(self, key: Key) -> list[Value]:
        return self.sheet.values(key, self.tranche)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(ParseWarning(where, f"{self.name}: {message}"))

    def text(self, key: Key) -> str:
        found = self.value(key)
        return found.text if found else ""

    def date(self, key: Key) -> date | None:
        found = self.value(key)
        if found is None:
            return None
        day = values.date_in(found.text)
        if day is None:
            self.warn(found.where, f"{found.label}: {found.text[:40]!r} is not a date")
        return day

    def first(self, key: Key, parse: Callable[[str], Decimal | None]) -> tuple[Decimal | None, Value | None]:
        """The first value of ``key`` that ``parse`` reads (a percentage, a dollar amount)."""
        for found in self.values(key):
            number = parse(found.text)
            if number is not None:
                return number, found
        return None, None

    def where(self, *keys: Key) -> str:
        """The line of the first of ``keys`` printed, for a warning."""
        found = next((v for k in keys if (v := self.value(k)) is not None), None)
        return found.where if found else "document"


@dataclass(frozen=True, slots=True)
class Built:
    """A tranche read: its note (None when not loaded), the warnings, and why it was refused."""

    note: Note | None
    warnings: list[ParseWarning]
    refused: str | None = None


@dataclass(frozen=True, slots=True)
class _Coupon:
    """What a tranche pays: its kind, rate and steps, frequency and payment dates, its price."""

    coupon_type: CouponType
    rate: Decimal | None
    steps: tuple[Step, ...]
    frequency: Frequency | None
    dates: payment_dates.PaymentDates
    price: Decimal | None
    price_value: Value | None


def build(sheet: Sheet, tranche: int, settle: date | None) -> Built:
    """The note of ``tranche``; ``settle`` is the offering's settlement date."""
    r = _Reading(sheet, tranche)
    cusip = _cusip(r)
    maturity = r.date(Field.MATURITY)
    r.name = cusip or (f"note due {maturity}" if maturity else f"note {tranche + 1}")
    kind = _kind(r)
    if kind is CouponType.FLOATING:
        why = f"a floating-rate note: {READS}"
        r.warn(r.where(Field.MATURITY, Field.CUSIP), f"not loaded: {why}")
        return Built(None, r.warnings, why)
    issue = _issue_date(r, settle)
    coupon = _coupon(r, issue, kind)
    if maturity is None or coupon.frequency is None:
        missing = [
            n for n, v in (("maturity date", maturity), ("coupon frequency", coupon.frequency)) if not v
        ]
        r.warn(r.where(Field.MATURITY, Field.CUSIP), "not loaded: no " + ", no ".join(missing))
        return Built(None, r.warnings)
    note = _note(r, cusip, issue, maturity, coupon, coupon.frequency)
    note = _with_first_coupon(r, note, coupon.dates)
    return Built(_with_calls(r, note), r.warnings)


def _coupon(r: _Reading, issue: date | None, kind: CouponType | None) -> _Coupon:
    rate, steps, rate_text = _rate(r, issue)
    price, price_value = r.first(Field.PRICE, values.percent_in)
    dates = payment_dates.read(r.text(Label.PAYMENT_DATES) or rate_text)  # "5.000%, paid semi-annually …"
    if kind is CouponType.ZERO or _is_zero(r, rate, steps, rate_text, price):
        return _Coupon(CouponType.ZERO, None, (), Frequency.AT_MATURITY, dates, price, price_value)
    coupon_type = CouponType.STEP if steps else CouponType.FIXED
    return _Coupon(coupon_type, rate, steps, _frequency(r, dates), dates, price, price_value)


def _note(
    r: _Reading, cusip: str, issue: date | None, maturity: date, coupon: _Coupon, frequency: Frequency
) -> Note:
    principal, _ = r.first(Field.PRINCIPAL, values.money_in)
    return Note(
        cusip=cusip,
        coupon_rate_pct=coupon.rate,
        frequency=frequency,
        issue_date=issue,
        maturity_date=maturity,
        coupon_type=coupon.coupon_type,
        steps=coupon.steps,
        day_count=values.day_count_in(r.text(Field.DAY_COUNT)) or DayCount.THIRTY_360,
        principal_amount=principal,
        price_pct=coupon.price,
        concession_pct=_concession(r, principal),
        net_proceeds=r.first(Field.NET_PROCEEDS, values.money_in)[0],
        first_coupon_amount=r.first(Field.FIRST_COUPON_AMOUNT, values.money_in)[0],
        survivors_option=_survivors(r),
        ranking=r.text(Field.RANKING) or None,
        printed_yield=_printed_yield(r, coupon.coupon_type is CouponType.ZERO),
        printed_accrued_interest=_accrued(r, coupon.price_value),
    )


def _cusip(r: _Reading) -> str:
    found = r.value(Field.CUSIP)
    if found is None:
        return ""
    cusip = find_cusip(found.text)
    if cusip is None:
        r.warn(found.where, f"{found.label}: {found.text[:40]!r} holds no CUSIP")
    return cusip or ""


def _kind(r: _Reading) -> CouponType | None:
    """The kind of note the document ticks or names (type of note, security, coupon); a
    description naming two kinds (a fixed and a floating tranche) says nothing of this one."""
    for key in (Label.NOTE_TYPE, Field.COUPON_TYPE, Label.SECURITY, Field.COUPON_RATE):
        for found in r.values(key):
            if key is Field.COUPON_RATE and values.percents_in(found.text):
                continue
            kinds = values.coupon_types_in(found.text)
            if len(kinds) == 1 or (kinds and key is Label.NOTE_TYPE):
                return kinds[0]
    return None


def _rate(r: _Reading, issue: date | None) -> tuple[Decimal | None, tuple[Step, ...], str]:
    """The coupon rate (or the first step) and the steps of a rate sequence."""
    schedule = r.value(Field.STEP_SCHEDULE)
    rate_values = [v for v in r.values(Field.COUPON_RATE) if values.percents_in(v.text)]
    found = rate_values[0] if rate_values else r.value(Field.COUPON_RATE)
    text = found.text if found else ""
    steps_text = schedule.text if schedule else (text if values.percents_in(text) >= 2 else "")
    if steps_text and issue is not None:
        steps = coupon_steps.parse(steps_text, issue)
        if len(steps) >= 2:
            first = next((s.rate_pct for s in steps if s.from_date <= issue), steps[0].rate_pct)
            return first, steps, text
    return values.percent_in(text), (), text


def _is_zero(
    r: _Reading, rate: Decimal | None, steps: tuple[Step, ...], rate_text: str, price: Decimal | None
) -> bool:
    """No coupon: the rate says none (or 0%), or no rate at all and a discount price with a yield."""
    if steps:
        return False
    if rate == 0 or (rate is None and _NO_RATE_RE.search(rate_text)):
        return True
    return rate is None and price is not None and price < 100 and r.value(Label.YIELD) is not None


def _frequency(r: _Reading, dates: payment_dates.PaymentDates) -> Frequency | None:
    found = r.value(Field.FREQUENCY)
    if found is not None:
        m = _FREQUENCY_WORD_RE.search(found.text)
        if m:
            return values.parse_frequency(m.group(0))
        r.warn(found.where, f"{found.label}: {found.text[:40]!r} is not a coupon frequency")
    return dates.frequency


def _issue_date(r: _Reading, settle: date | None) -> date | None:
    """Interest accrues from the original issue date: the one printed as such, else (a
    reopening) the date the notes were first issued or accrue from, else the issue or settlement
    date."""
    labelled = r.value(Field.ISSUE_DATE)
    if labelled is not None and _ORIGINAL_RE.search(labelled.label):
        return r.date(Field.ISSUE_DATE)
    reopened = _reopening_date(r)
    if reopened is not None and (settle is None or reopened < settle):
        return reopened
    return (r.date(Field.ISSUE_DATE) if labelled else None) or settle


def _reopening_date(r: _Reading) -> date | None:
    """A reopening's original issue date ("… issued on March 7, 2024", "plus accrued interest
    from March 7, 2024"); a description shared by several tranches is not read for it."""
    shared = (Label.SECURITY, Field.PRINCIPAL) if r.sheet.count == 1 else ()
    keys = (Field.PRICE, Label.ACCRUED_INTEREST, *shared)
    texts = [v.text for key in keys for v in r.values(key)]
    for pattern in _FROM_RES:
        for text in texts:
            m = pattern.search(text)
            if m:
                return values.date_in(m.group(1))
    return None


def _concession(r: _Reading, principal: Decimal | None) -> Decimal | None:
    """The selling concession in percent ("Commission: 0.225%"; "$690,000.00" on the principal)."""
    found = r.value(Field.CONCESSION)
    if found is None:
        return None
    pct = values.percent_in(found.text)
    if pct is not None:
        return pct
    dollars = values.money_in(found.text)
    if dollars is None or not principal:
        return None
    return (dollars * 100 / principal).normalize()


def _survivors(r: _Reading) -> bool | None:
    """ "Survivor's Option: Yes", "[X] Applicable [ ] Not Applicable"."""
    found = r.value(Field.SURVIVORS_OPTION)
    if found is None:
        return None
    return _yes_no(found.text)


def _yes_no(text: str) -> bool | None:
    words = text.lower().split()
    if words[:2] == ["not", "applicable"] or words[:1] == ["inapplicable"]:
        return False
    if words[:1] == ["applicable"]:
        return True
    try:
        return values.parse_yes_no(words[0].strip(",;.")) if words else None
    except ValueError:
        return None


def _printed_yield(r: _Reading, zero: bool) -> PrintedYield | None:
    """The first yield printed with a percentage, with its label as printed; a zero's "implicit
    rate" or "accrual yield" compounds semi-annually (bond-equivalent)."""
    pct, found = r.first(Label.YIELD, values.percent_in)
    if pct is None or found is None:
        return None
    bey = zero or bool(_BEY_RE.search(found.label) or _BEY_RE.search(found.text))
    basis = YieldBasis.BOND_EQUIVALENT if bey else YieldBasis.NOTE
    return PrintedYield(pct, " ".join(found.label.split()), basis)


def _accrued(r: _Reading, price: Value | None) -> Decimal | None:
    """Accrued interest printed in dollars: "plus accrued interest of $861,805.56", or its own
    label ("Accrued Interest: $12,000,000.00 …")."""
    labelled = r.value(Label.ACCRUED_INTEREST)
    if labelled is not None and (dollars := values.money_in(labelled.text)) is not None:
        return dollars
    for found in (v for v in (price, labelled) if v is not None):
        for pattern in _ACCRUED_RES:
            m = pattern.search(found.text)
            if m:
                return Decimal(m.group(1).replace(",", ""))
    return None


def _with_first_coupon(r: _Reading, note: Note, dates: payment_dates.PaymentDates) -> Note:
    """The first coupon date (none for a zero, none when it is past the issue date of a
    reopening), taken back to its regular date when it was printed already rolled."""
    issue = note.issue_date
    zero = note.coupon_type is CouponType.ZERO
    first = None if zero else (r.date(Field.FIRST_COUPON_DATE) or dates.first)
    if first is None or issue is None or first <= issue:
        return note
    note = _replace_first(note, first)
    regular = payment_dates.unrolled(first, dates.day)
    if regular is not None and not on_regular_schedule(note) and regular > issue:
        fixed = _replace_first(note, regular)
        if on_regular_schedule(fixed):
            r.warn(
                r.where(Label.PAYMENT_DATES, Field.FIRST_COUPON_DATE),
                f"first interest payment printed as {first} is the regular date {regular} rolled to the "
                f"next business day: {regular} is used",
            )
            return fixed
    return note


def _replace_first(note: Note, first: date) -> Note:
    return replace(note, first_coupon_date=first)


def _with_calls(r: _Reading, note: Note) -> Note:
    wording = _call_wording(r)
    if not wording:
        if r.sheet.not_applicable(Field.REDEMPTION, r.tranche):
            return replace(note, redemption=replace(note.redemption, callable=False))
        return note
    reading = call_language.parse(wording, note.frequency)
    for message in reading.warnings:
        r.warn(r.where(Field.REDEMPTION, Label.INITIAL_REDEMPTION_DATE), message)
    return replace(note, redemption=reading.redemption)


def _call_wording(r: _Reading) -> str:
    """The call terms as one wording: every redemption label ("Make-Whole Call: …", "Par Call:
    …" kept with their label), and a form's initial redemption date and percentage."""
    parts = []
    for found in r.values(Field.REDEMPTION):
        label = found.label
        generic = call_language.strip_label(f"{label}:") == "" or not label
        text = _BULLET_RE.sub("; ", found.text).strip("; ")
        flag = _yes_no(text) if len(text.split()) <= 2 else None  # "[X] Yes [ ] No" boxes
        if flag is not None:
            text = "Callable" if flag else "Non-callable"
        parts.append(text if generic or flag is not None else f"{label} {text}")
    initial = r.value(Label.INITIAL_REDEMPTION_DATE)
    if initial is not None and values.date_in(initial.text) is not None:
        pct = values.percent_in(r.text(Label.INITIAL_REDEMPTION_PERCENTAGE))
        price = f" at {pct}%" if pct is not None else ""
        parts.append(f"Redeemable on or after {initial.text}{price}")
    return "; ".join(p for p in parts if p)
