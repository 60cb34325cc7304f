"""A raw CUSIP record (cells by field) → a ``Note``, each unreadable cell a warning."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from app.domain.daycount import DayCount
from app.domain.model import CouponType, Frequency, Note, ParseWarning, PrintedYield, YieldBasis
from app.sources import call_language, footnotes, step_notes, values
from app.sources.grid import RawRecord
from app.sources.vocabulary import Field, norm_label

T = TypeVar("T")
_PARSERS: dict[Field, Callable[[str], Any]] = {
    Field.PRINCIPAL: values.parse_money,
    Field.PRICE: values.parse_percent,
    Field.AGENT_PRICE: values.parse_percent,
    Field.CONCESSION: values.parse_percent,
    Field.NET_PROCEEDS: values.parse_money,
    Field.COUPON_TYPE: values.parse_coupon_type,
    Field.COUPON_RATE: values.parse_percent,
    Field.FREQUENCY: values.parse_frequency,
    Field.MATURITY: values.parse_date,
    Field.FIRST_COUPON_DATE: values.parse_date,
    Field.FIRST_COUPON_AMOUNT: values.parse_money,
    Field.RANKING: values.parse_text,
    Field.DAY_COUNT: values.parse_day_count,
    Field.ISSUE_DATE: values.parse_date,
    Field.YIELD: values.parse_percent,
}
_FREQ_WORDS_RE = re.compile(r"\b(monthly|quarterly|semi[-\s]?annual(?:ly)?|annual(?:ly)?)\b", re.I)
_PERCENTS_RE = re.compile(r"\d(?:\.\d+)?\s*%")
_ZERO_RE = re.compile(r"^\W*zero(?:[-\s]coupon)?\b", re.I)
_NO_CALL_RE = re.compile(r"^(?:no|n|none|non[-\s]?callable|not\s+callable)\.?$", re.I)
_YES_RE = re.compile(r"^(?:yes|y)\.?$", re.I)
_BOND_EQUIVALENT_LABELS = ("implicit rate", "accrual yield", "bond equivalent yield", "implied yield")


@dataclass(frozen=True, slots=True)
class Context:
    """What a record is read against beside its own cells: the document's footnotes, whether
    it prints an issue date at all (a rate sheet does not) and how its yields compound."""

    footnotes: Mapping[str, str] = field(default_factory=dict)
    issue_optional: bool = False
    bond_equivalent: bool = False


TABLE = Context()


@dataclass(slots=True)
class Reading:
    """One record being read: parsed values, warnings, and whether a placeholder was seen."""

    record: RawRecord
    cusip: str
    warnings: list[ParseWarning] = field(default_factory=list)
    placeholder: bool = False

    def warn(self, message: str) -> None:
        self.warnings.append(
            ParseWarning(self.record.where or f"line {self.record.line}", f"{self.cusip}: {message}")
        )

    def get(self, key: Field, kind: type[T]) -> T | None:
        """The parsed value of ``key`` (None when absent, a placeholder or unreadable)."""
        raw = self.record.values.get(key)
        if raw is None or values.not_applicable(raw):
            return None
        try:
            value = _PARSERS[key](raw)
        except values.Placeholder:
            self.placeholder = True
            return None
        except (ValueError, ArithmeticError) as err:
            self.warn(f"{key.value}: {err}")
            return None
        return value if isinstance(value, kind) else None


def _survivors(reading: Reading, context: Context) -> tuple[bool | None, str | None]:
    raw = reading.record.values.get(Field.SURVIVORS_OPTION)
    if raw is None:
        return None, None
    text = values.clean(raw)
    first = re.split(r"[\s,;(]", text, maxsplit=1)[0]
    try:
        flag = values.parse_yes_no(first)
    except ValueError:
        reading.warn(f"survivor's option: {text[:40]!r} is not Yes or No")
        return None, None
    notes = footnotes.of_cell(raw, context.footnotes)
    if notes:
        return flag, " ".join(notes)
    return flag, (text if text.lower().rstrip(".") != first.lower().rstrip(".") else None)


def _frequency(reading: Reading, coupon_type: CouponType) -> Frequency | None:
    found = reading.get(Field.FREQUENCY, Frequency)
    if found is not None:
        return found
    hint = reading.record.values.get(Field.FIRST_COUPON_DATE, "")
    if m := _FREQ_WORDS_RE.search(hint):
        return values.parse_frequency(m.group(1))
    return Frequency.AT_MATURITY if coupon_type is CouponType.ZERO else None


def _rate_and_steps(
    reading: Reading, coupon_type: CouponType, issue: date | None
) -> tuple[Decimal | None, tuple[Any, ...], CouponType]:
    raw_rate = reading.record.values.get(Field.COUPON_RATE, "")
    schedule = reading.record.values.get(Field.STEP_SCHEDULE)
    if schedule is None and len(_PERCENTS_RE.findall(raw_rate)) >= 2:
        schedule = raw_rate
    if coupon_type is CouponType.ZERO and _ZERO_RE.match(values.clean(raw_rate)):
        return None, (), coupon_type  # "Zero Coupon" printed where the rate goes
    if schedule is None or coupon_type is CouponType.ZERO:
        return reading.get(Field.COUPON_RATE, Decimal), (), coupon_type
    if issue is None:
        reading.warn("step schedule not read: the document prints no issue date to start it")
        return None, (), CouponType.STEP
    from app.sources import coupon_steps  # on first use: a table of fixed-rate notes does without it

    steps = coupon_steps.parse(schedule, issue)
    if not steps and step_notes.rate_range(schedule):
        reading.warn(
            f"the rate steps {values.clean(schedule)}, but no note under the table gives the step date"
        )
        return None, (), CouponType.STEP
    if not steps:
        reading.warn(f"step schedule not understood: {values.clean(schedule)[:60]!r}")
        return None, (), coupon_type
    rate = steps[0].rate_pct if steps[0].from_date <= issue else None
    if len(_PERCENTS_RE.findall(raw_rate)) == 1:
        rate = reading.get(Field.COUPON_RATE, Decimal)
    return rate, steps, CouponType.STEP


def _coupon_type(reading: Reading) -> CouponType:
    """The printed coupon type; a rate cell reading "Zero Coupon" makes a zero; else fixed."""
    printed = reading.get(Field.COUPON_TYPE, CouponType)
    if printed is not None:
        return printed
    zero = _ZERO_RE.match(values.clean(reading.record.values.get(Field.COUPON_RATE, "")))
    return CouponType.ZERO if zero else CouponType.FIXED


def _call_wording(record: RawRecord, context: Context) -> str | None:
    """The call terms of a record: its redemption text, or its callable cell ("No", "Yes", a
    first call date) read with the footnotes its marks point to."""
    cell = record.values.get(Field.CALLABLE)
    wording = record.values.get(Field.REDEMPTION)
    if cell is None:
        return wording
    text = values.clean(cell)
    if _NO_CALL_RE.match(text):
        return "Non-Callable"
    head = "Callable." if _YES_RE.match(text) or not text else f"Callable on {text}."
    return " ".join([head, *footnotes.of_cell(cell, context.footnotes), *([wording] if wording else [])])


def _printed_yield(reading: Reading, context: Context) -> PrintedYield | None:
    value = reading.get(Field.YIELD, Decimal)
    if value is None:
        return None
    label = values.clean(reading.record.labels.get(Field.YIELD, "Yield")).rstrip(":")
    bond_equivalent = context.bond_equivalent or norm_label(label) in _BOND_EQUIVALENT_LABELS
    return PrintedYield(value, label, YieldBasis.BOND_EQUIVALENT if bond_equivalent else YieldBasis.NOTE)


def build(
    record: RawRecord, settle: date | None, context: Context = TABLE
) -> tuple[Note | None, list[ParseWarning], bool]:
    """The note of ``record`` (None when a required field is missing), warnings, placeholder."""
    cusip = record.values[Field.CUSIP]
    r = Reading(record, cusip)
    issue = r.get(Field.ISSUE_DATE, date) or settle
    coupon_type = _coupon_type(r)
    frequency = _frequency(r, coupon_type)
    maturity = r.get(Field.MATURITY, date)
    needed = [("maturity date", maturity), ("coupon frequency", frequency)]
    if not context.issue_optional:  # a rate sheet's notes are new issues settling when entered
        needed.append(("settle / original issue date", issue))
    missing = [name for name, value in needed if value is None]
    if missing or maturity is None or frequency is None:
        r.warn("not loaded: no " + ", no ".join(missing))
        return None, r.warnings, r.placeholder
    rate, steps, coupon_type = _rate_and_steps(r, coupon_type, issue)
    price = r.get(Field.PRICE, Decimal)
    concession = r.get(Field.CONCESSION, Decimal)
    agent_price = r.get(Field.AGENT_PRICE, Decimal)
    if concession is None and price is not None and agent_price is not None:
        concession = price - agent_price
    survivors, survivors_text = _survivors(r, context)
    calls = call_language.parse(_call_wording(record, context), frequency)
    for message in calls.warnings:
        r.warn(message)
    note = Note(
        cusip=cusip,
        coupon_rate_pct=rate,
        frequency=frequency,
        issue_date=issue,
        maturity_date=maturity,
        first_coupon_date=r.get(Field.FIRST_COUPON_DATE, date),
        coupon_type=coupon_type,
        steps=steps,
        day_count=r.get(Field.DAY_COUNT, DayCount) or DayCount.THIRTY_360,
        principal_amount=r.get(Field.PRINCIPAL, Decimal),
        price_pct=price,
        concession_pct=concession,
        net_proceeds=r.get(Field.NET_PROCEEDS, Decimal),
        first_coupon_amount=r.get(Field.FIRST_COUPON_AMOUNT, Decimal),
        survivors_option=survivors,
        survivors_option_text=survivors_text,
        ranking=r.get(Field.RANKING, str),
        redemption=calls.redemption,
        printed_yield=_printed_yield(r, context),
    )
    return note, r.warnings, r.placeholder
