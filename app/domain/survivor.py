"""Survivor's option ("death put"): when a holding becomes eligible, what the estate receives.

Supplement wording (domain.md "Survivor's option"; Ally Term Notes, InterNotes): after the
holder's death the estate may require the issuer to repay the note at 100% of principal plus
accrued interest, typically once the note has been held six months, within annual limits (often
the greater of $2,000,000 or 2% of the principal outstanding, and $250,000 per deceased owner
per year). The caller checks ``note.survivors_option`` before offering any of this.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from app.domain.dates import add_months
from app.domain.errors import InputError
from app.domain.model import Note, Purchase, SurvivorOption
from app.domain.money import round_cents
from app.domain.schedule import accrued_fraction, holding_index, periods

DEFAULT_HOLDING_MONTHS = 6
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}  # fmt: skip
_DURATION = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")(?:\s*\(\d{1,2}\))?[\s-]+(months?|years?)\b", re.IGNORECASE
)
_HELD = re.compile(r"\b(held|hold|holding|owned|acquired|purchased)\b", re.IGNORECASE)
_LIMIT = re.compile(r"\b(limit\w*|aggregate|per deceased|per year|calendar year|in any)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.;])\s+")


@lru_cache(maxsize=256)
def holding_months(note: Note) -> int:
    """Months the note must be held before the option can be exercised: as the supplement's
    survivor's option text states it ("held for at least six (6) months", "one year"), else six."""
    for sentence in _sentences(note):
        if not _HELD.search(sentence):
            continue
        match = _DURATION.search(sentence)
        if match:
            count = _NUMBERS.get(match.group(1).lower()) or int(match.group(1))
            return count * (12 if match.group(2).lower().startswith("year") else 1)
    return DEFAULT_HOLDING_MONTHS


def eligibility_date(purchase: Purchase, months: int | None = None) -> date:
    """The first day the estate may exercise the option: ``months`` (default: as the supplement
    states, else six) after the purchase settles, the day clamped to the month's end."""
    return add_months(purchase.settle_date, holding_months(purchase.note) if months is None else months)


def estate_amount(purchase: Purchase, on: date) -> Decimal:
    """What the estate receives for the whole holding if repaid on ``on``: principal at 100% plus
    interest accrued (30/360) from the start of that accrual period, rounded once to the cent.

    Raises ``InputError`` for a date before the purchase settles or on or after maturity.
    """
    note = purchase.note
    if not purchase.settle_date <= on < note.maturity_date:
        raise InputError(
            f"repayment date {on} is out of range: {purchase.settle_date} (settle) to the day "
            f"before maturity {note.maturity_date}",
            field="date",
            value=on,
        )
    schedule = periods(note)
    period = schedule[holding_index(schedule, on)]
    _, fraction = accrued_fraction(note, period, on)
    accrued_pct = period.rate_pct * fraction.numerator / fraction.denominator
    return round_cents(purchase.amount * (100 + accrued_pct) / 100)


@lru_cache(maxsize=256)
def stated_limits(note: Note) -> str | None:
    """The sentences of the supplement's survivor's option text that state its limits, if any."""
    found = [s for s in _sentences(note) if _LIMIT.search(s)]
    return " ".join(found) or None


def _sentences(note: Note) -> list[str]:
    text = " ".join((note.survivors_option_text or "").split())
    return [s for s in _SENTENCE.split(text) if s]


def survivor_option(purchase: Purchase) -> SurvivorOption | None:
    """The option of ``purchase`` as the quote carries it (None unless the note has one):
    eligible from, what the estate would receive that day, the stated limits."""
    note = purchase.note
    if not note.survivors_option:
        return None
    eligible = eligibility_date(purchase)
    estate = estate_amount(purchase, eligible) if eligible < note.maturity_date else None
    return SurvivorOption(eligible, estate, stated_limits(note))
