"""Cross-checks of a loaded note, reported as warnings (never fixed silently)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from decimal import Decimal

from app.domain import cusip as cusip_rules
from app.domain.model import CouponType, Note, ParseWarning
from app.domain.money import round_cents
from app.domain.schedule import first_coupon_per_1000, on_regular_schedule

TOLERANCE = Decimal("0.01")
MAX_RATE_PCT = Decimal(25)
MAX_YEARS = 100


def _cusip(note: Note) -> Iterator[str]:
    if not note.cusip:
        yield "no CUSIP printed in the document: the note is loaded without one"
    elif not note.cusip_valid:
        expected = ""
        with suppress(ValueError):
            expected = f" (check digit should be {cusip_rules.check_digit(note.cusip)})"
        yield f"CUSIP {note.cusip} fails the check digit{expected}"


def _dates(note: Note) -> Iterator[str]:
    issue = note.issue_date
    if issue is None:
        return
    if note.maturity_date <= issue:
        yield f"maturity {note.maturity_date} is not after the issue date {issue}"
    elif note.maturity_date.year - issue.year > MAX_YEARS:
        yield f"maturity {note.maturity_date} is more than {MAX_YEARS} years after issue"
    first = note.first_coupon_date
    if first is not None and not issue < first <= note.maturity_date:
        yield f"1st coupon date {first} is not between the issue date and maturity"
    elif (
        first is not None
        and note.maturity_date.year - first.year <= MAX_YEARS
        and not (on_regular_schedule(note))
    ):
        yield (
            f"1st coupon date {first} is not on the regular {note.frequency.value} schedule "
            f"stepped back from maturity {note.maturity_date}"
        )


def _ranges(note: Note) -> Iterator[str]:
    rates = [note.coupon_rate_pct] + [s.rate_pct for s in note.steps]
    if any(r is not None and not Decimal(0) <= r <= MAX_RATE_PCT for r in rates):
        yield f"coupon rate outside 0–{MAX_RATE_PCT}%"
    if note.coupon_rate_pct is None and note.coupon_type is not CouponType.ZERO:
        yield "no coupon rate"
    if note.price_pct is not None and not Decimal(50) <= note.price_pct <= Decimal(150):
        yield f"selling price {note.price_pct}% outside 50–150%"
    if note.concession_pct is not None and not Decimal(0) <= note.concession_pct <= Decimal(10):
        yield f"gross concession {note.concession_pct}% outside 0–10%"


def _first_coupon(note: Note) -> Iterator[str]:
    printed = note.first_coupon_amount
    if printed is None or note.coupon_type is CouponType.FLOATING or note.issue_date is None:
        return
    if note.maturity_date.year - note.issue_date.year > MAX_YEARS:
        return
    try:
        computed = first_coupon_per_1000(note)
    except (ValueError, ArithmeticError, OverflowError):
        return
    if computed is not None and abs(computed - printed) > TOLERANCE:
        yield f"printed 1st coupon ${printed} per $1,000 differs from the computed ${computed}"


def _net_proceeds(note: Note) -> Iterator[str]:
    principal, price, concession = note.principal_amount, note.price_pct, note.concession_pct
    if note.net_proceeds is None or None in (principal, price, concession):
        return
    assert principal is not None and price is not None and concession is not None
    expected = round_cents(principal * (price - concession) / 100)
    if abs(expected - note.net_proceeds) > TOLERANCE:
        yield (
            f"net proceeds ${note.net_proceeds:,} differ from principal × (price − concession) = "
            f"${expected:,}"
        )


CHECKS: tuple[Callable[[Note], Iterator[str]], ...] = (
    _cusip,
    _dates,
    _ranges,
    _first_coupon,
    _net_proceeds,
)


def check(note: Note) -> list[ParseWarning]:
    """Every cross-check that fails for ``note``, as warnings under its CUSIP (a note printed
    without one: under its maturity)."""
    where = note.cusip or f"note due {note.maturity_date}"
    return [ParseWarning(where, message) for rule in CHECKS for message in rule(note)]
