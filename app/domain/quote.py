"""A purchase priced: validation of the inputs, then every figure of ``calc`` as a ``Quote``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from app.domain.calendar import following
from app.domain.calls import note_calls
from app.domain.errors import InputError
from app.domain.model import (
    Coupon,
    FirstCouponCheck,
    Note,
    Offering,
    ParseWarning,
    Period,
    Purchase,
    Quote,
    Repayment,
)
from app.domain.money import format_usd, round_cents
from app.domain.schedule import (
    accrued_fraction,
    first_coupon_per_1000,
    holding_index,
    period_amount,
    periods,
)
from app.domain.yields import purchase_yields

MAX_AMOUNT = Decimal(1_000_000_000)
MIN_PRICE_PCT = Decimal("1")
MAX_PRICE_PCT = Decimal("200")


def make_purchase(
    offering: Offering,
    note: Note,
    amount: Decimal | None = None,
    settle_date: date | None = None,
    price_pct: Decimal | None = None,
) -> Purchase:
    """A purchase with the contract's defaults: the minimum denomination (else $1,000), the
    offering's settle date (else the note's issue date), the selling price (else 100).

    A note whose document prints no issue date (a rate sheet) is priced as a new issue settling
    on the settle date given, which ``InputError`` asks for when there is none."""
    minimum = offering.minimum_denomination or Decimal(1000)
    increment = offering.increment or minimum
    settle = settle_date or offering.settle_date or note.issue_date
    if settle is None:
        raise InputError(
            f"settle date: {note.cusip or 'this note'}'s document prints no settle or issue date; "
            "enter the date the purchase settles",
            field="settle",
        )
    if note.issue_date is None:
        note = replace(note, issue_date=settle)
    return Purchase(
        note=note,
        amount=minimum if amount is None else amount,
        settle_date=settle,
        price_pct=price_pct if price_pct is not None else (note.price_pct or Decimal(100)),
        minimum=minimum,
        increment=increment,
    )


def validate(purchase: Purchase) -> None:
    """Raise ``InputError`` naming the field and the allowed range when an input is invalid."""
    note, amount = purchase.note, purchase.amount
    rule = f"at least {format_usd(purchase.minimum)}, in multiples of {format_usd(purchase.increment)}"
    if not amount.is_finite() or amount < purchase.minimum or amount > MAX_AMOUNT:
        raise InputError(f"amount {_money(amount)} is out of range: {rule}", field="amount", value=amount)
    if purchase.increment > 0 and amount % purchase.increment != 0:
        raise InputError(
            f"amount {_money(amount)} is not a multiple of the increment: {rule}",
            field="amount",
            value=amount,
        )
    settle = purchase.settle_date
    if note.issue_date is None or not note.issue_date <= settle < note.maturity_date:
        raise InputError(
            f"settle date {settle} is out of range: {note.issue_date} (issue) to "
            f"{note.maturity_date - timedelta(days=1)} (the day before maturity)",
            field="settle",
            value=settle,
        )
    price = purchase.price_pct
    if not price.is_finite() or not MIN_PRICE_PCT <= price <= MAX_PRICE_PCT:
        raise InputError(
            f"price {price}% is out of range: {MIN_PRICE_PCT}% to {MAX_PRICE_PCT}% of par",
            field="price",
            value=price,
        )


def _money(amount: Decimal) -> str:
    return format_usd(amount) if amount.is_finite() and abs(amount) < 10**15 else str(amount)


def position_coupons(amount: Decimal, rows: tuple[Period, ...]) -> tuple[Coupon, ...]:
    """The coupons of ``rows`` on a position of ``amount``; periods of equal rate and length
    (most of them) share one rounded amount."""
    amounts: dict[tuple[Decimal, int, int], Decimal] = {}
    result = []
    for p in rows:
        key = (p.rate_pct, p.year_fraction_num, p.year_fraction_den)
        value = amounts.get(key)
        if value is None:
            value = amounts[key] = period_amount(amount, p)
        result.append(
            Coupon(p.number, p.accrual_start, p.accrual_end, p.payment_date, p.days, p.rate_pct, value)
        )
    return tuple(result)


@lru_cache(maxsize=8)
def _note_coupons(note: Note, amount: Decimal) -> tuple[Coupon, ...]:
    """Every coupon of ``note`` on a position of ``amount`` (kept: a settle date moved takes a
    tail of the same coupons)."""
    return position_coupons(amount, periods(note))


def quote(purchase: Purchase, *, with_yields: bool = True) -> Quote:
    """Every figure of ``calc`` for a valid purchase (raises ``InputError`` otherwise);
    ``with_yields=False`` leaves ``yields`` None (the cash-flow part alone)."""
    validate(purchase)
    note, amount, settle = purchase.note, purchase.amount, purchase.settle_date
    schedule = periods(note)
    index = holding_index(schedule, settle)
    current = schedule[index]
    days, fraction = accrued_fraction(note, current, settle)
    accrued = round_cents(amount * current.rate_pct * fraction.numerator / (100 * fraction.denominator))
    principal = round_cents(amount * purchase.price_pct / 100)
    coupons = _note_coupons(note, amount)[index:]
    concession = round_cents(amount * note.concession_pct / 100) if note.concession_pct is not None else None
    calls = tuple(c for c in note_calls(note) if c.date > settle)
    maturity = note.maturity_date
    return Quote(
        purchase=purchase,
        principal=principal,
        accrual_start=current.accrual_start,
        accrued_days=days,
        accrued_interest=accrued,
        total=principal + accrued,
        concession=concession,
        annual_income=round_cents(amount * current.rate_pct / 100),
        first_coupon=FirstCouponCheck(note.first_coupon_amount, first_coupon_per_1000(note)),
        coupons=coupons,
        redemption=Repayment(maturity, following(maturity), round_cents(amount)),
        calls=calls,
        yields=purchase_yields(purchase) if with_yields else None,
        warnings=note_warnings(note),
    )


def note_warnings(note: Note) -> tuple[ParseWarning, ...]:
    """What the figures cannot show, worded here only (the loaders leave these to the quote, so
    the window, ``calc`` and the term sheet say each once): a floating rate projected; a call
    with no call dates."""
    found = []
    if note.coupon_type.value == "floating":
        found.append(ParseWarning(note.cusip, "floating rate: coupons projected at the current rate"))
    terms = note.redemption
    if terms.callable and terms.first_call_date is None:
        why = (
            "make-whole call at any time: no call dates at a fixed price"
            if terms.make_whole
            else "callable on terms the document does not give (see the prospectus): no call dates"
        )
        found.append(ParseWarning(note.cusip, why))
    return tuple(found)
