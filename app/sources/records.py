"""A raw CUSIP record (cells by field) → a ``Note``, each unreadable cell a warning."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from app.domain.daycount import DayCount
from app.domain.model import CouponType, Frequency, Note, ParseWarning
from app.sources import call_language, coupon_steps, values
from app.sources.grid import RawRecord
from app.sources.vocabulary import Field

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
}
_FREQ_WORDS_RE = re.compile(r"\b(monthly|quarterly|semi[-\s]?annual(?:ly)?|annual(?:ly)?)\b", re.I)
_PERCENTS_RE = re.compile(r"\d(?:\.\d+)?\s*%")


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
        if raw is None:
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


def _survivors(reading: Reading) -> tuple[bool | None, str | None]:
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
    reading: Reading, coupon_type: CouponType, issue: date
) -> tuple[Decimal | None, tuple[Any, ...], CouponType]:
    raw_rate = reading.record.values.get(Field.COUPON_RATE, "")
    schedule = reading.record.values.get(Field.STEP_SCHEDULE)
    if schedule is None and len(_PERCENTS_RE.findall(raw_rate)) >= 2:
        schedule = raw_rate
    if schedule is None:
        return reading.get(Field.COUPON_RATE, Decimal), (), coupon_type
    steps = coupon_steps.parse(schedule, issue)
    if not steps:
        reading.warn(f"step schedule not understood: {values.clean(schedule)[:60]!r}")
        return None, (), coupon_type
    rate = steps[0].rate_pct if steps[0].from_date <= issue else None
    if len(_PERCENTS_RE.findall(raw_rate)) == 1:
        rate = reading.get(Field.COUPON_RATE, Decimal)
    return rate, steps, CouponType.STEP


def build(record: RawRecord, settle: date | None) -> tuple[Note | None, list[ParseWarning], bool]:
    """The note of ``record`` (None when a required field is missing), warnings, placeholder."""
    cusip = record.values[Field.CUSIP]
    r = Reading(record, cusip)
    issue = r.get(Field.ISSUE_DATE, date) or settle
    coupon_type = r.get(Field.COUPON_TYPE, CouponType) or CouponType.FIXED
    frequency = _frequency(r, coupon_type)
    maturity = r.get(Field.MATURITY, date)
    missing = [
        name
        for name, value in (
            ("maturity date", maturity),
            ("coupon frequency", frequency),
            ("settle / original issue date", issue),
        )
        if value is None
    ]
    if missing or issue is None or maturity is None or frequency is None:
        r.warn("not loaded: no " + ", no ".join(missing))
        return None, r.warnings, r.placeholder
    rate, steps, coupon_type = _rate_and_steps(r, coupon_type, issue)
    price = r.get(Field.PRICE, Decimal)
    concession = r.get(Field.CONCESSION, Decimal)
    agent_price = r.get(Field.AGENT_PRICE, Decimal)
    if concession is None and price is not None and agent_price is not None:
        concession = price - agent_price
    survivors, survivors_text = _survivors(r)
    calls = call_language.parse(record.values.get(Field.REDEMPTION), frequency)
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
    )
    return note, r.warnings, r.placeholder
