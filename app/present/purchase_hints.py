"""Qt-free: what the calculator says under each input (the rule, the date read back, what was
not understood), and which of the inputs typed on one note the next note accepts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.calendar import holiday_name, is_business_day
from app.domain.dates import DATE_SPELLINGS
from app.domain.errors import InputError
from app.domain.model import Note, Offering, Purchase
from app.domain.money import format_usd, parse_amount
from app.domain.quote import amount_rule, make_purchase, settle_range, validate
from app.present.rows import fmt_rate


def long_date(d: date) -> str:
    """``Tuesday, December 3, 2019``: the date read back in words, whatever spelling was typed."""
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:] if message else message


def amount_hint(defaults: Purchase, typed: str = "") -> str:
    """The amounts the note accepts; an amount typed in thousands (``25k``) read back first."""
    rule = sentence(amount_rule(defaults.minimum, defaults.increment))
    if typed.strip().lower().endswith("k"):
        try:
            return f"{typed.strip()} read as {format_usd(parse_amount(typed))} · {rule}"
        except InputError:
            pass
    return rule


def price_hint(note: Note, defaults: Purchase) -> str:
    conc = f" · concession {fmt_rate(note.concession_pct)}" if note.concession_pct else ""
    return f"Selling price {fmt_rate(defaults.price_pct)}{conc}"


def settle_hint(d: date, offering_settle: date) -> tuple[str, str]:
    """The date read back with what kind of day it is, and the hint's level ("" or "warn"):
    "⚠ Saturday, December 7, 2019 — not a New York banking day"; a holiday is named once
    ("⚠ Monday, January 20, 2020: Martin Luther King Jr. Day — …")."""
    if not is_business_day(d):
        holiday = holiday_name(d)
        named = f": {holiday}" if holiday else ""
        return f"⚠ {long_date(d)}{named} — not a New York banking day", "warn"
    if d == offering_settle:
        return f"{long_date(d)} · the offering's settle date (settles flat)", ""
    return f"{long_date(d)} · New York banking day", ""


def settle_expected(note: Note, reason: str, typed: str) -> str:
    """Why the settle text is no date (``reason``: the day that does not exist, "" when the
    spelling is none), what the field takes, and the dates the note accepts."""
    accepted = settle_range(note)
    if not typed.strip():
        return f"Type the settle date: {DATE_SPELLINGS} · {accepted}"
    if reason:
        return f"Not a date: {reason} · {accepted}"
    return f"Not a date: type {DATE_SPELLINGS} · {accepted}"


@dataclass(frozen=True)
class Carried:
    """The inputs typed on the note left that the next note takes (None: its own), and for each
    field reset, what was reset and why (``notes``)."""

    amount: Decimal | None = None
    settle: date | None = None
    notes: dict[str, str] = field(default_factory=dict)


def carry_over(
    offering: Offering, note: Note, defaults: Purchase, amount: Decimal | None, settle: date | None
) -> Carried:
    """Of ``amount`` and ``settle`` (typed on the note left; None: not typed), those ``note``
    accepts (a multiple of its increment, at least its minimum; a settle date from its issue
    date to the day before maturity); each other one is reset to ``defaults``, with a note."""
    notes: dict[str, str] = {}
    if amount is not None and (err := _refusal(offering, note, "amount", amount, defaults.settle_date)):
        notes["amount"] = f"Reset to {format_usd(defaults.amount)}: {err}"
        amount = None
    if settle is not None and (err := _refusal(offering, note, "settle", defaults.amount, settle)):
        notes["settle"] = f"Reset to {defaults.settle_date}: {err}"
        settle = None
    return Carried(amount, settle, notes)


def _refusal(offering: Offering, note: Note, wanted: str, amount: Decimal, settle: date) -> str | None:
    """What ``note`` says of ``wanted`` (a field) in a purchase of ``amount`` settling ``settle``;
    None when it takes it."""
    try:
        validate(make_purchase(offering, note, amount, settle))
    except InputError as err:
        return err.message if err.field == wanted else None
    return None
