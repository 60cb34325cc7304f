"""A purchase priced: validation of the inputs, then every figure of ``calc`` as a ``Quote``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from app.domain.calendar import following
from app.domain.calls import calls_unknown, note_calls, par_call_date
from app.domain.errors import InputError
from app.domain.model import (
    Coupon,
    CouponType,
    FirstCouponCheck,
    Note,
    Offering,
    ParseWarning,
    Period,
    Purchase,
    Quote,
    Redemption,
    Repayment,
    Workout,
)
from app.domain.money import format_price, format_usd, round_cents
from app.domain.printed import printed_checks
from app.domain.schedule import (
    accrued_fraction,
    first_coupon_per_1000,
    holding_index,
    period_amount,
    periods,
)
from app.domain.survivor import survivor_option
from app.domain.yields import price_for_yield_pct, purchase_yields

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
    on the settle date given, which ``InputError`` asks for when there is none. The purchase
    carries the document's printed yield and accrued interest, checked (``printed``)."""
    minimum = offering.minimum_denomination or Decimal(1000)
    increment = offering.increment or minimum
    settle = settle_date or offering.settle_date or note.issue_date
    if settle is None:
        raise InputError(
            f"settle date: {note.cusip or 'this note'}'s document prints no settle or issue date; "
            "enter the date the purchase settles",
            field="settle",
        )
    printed = printed_checks(offering, note)
    if note.issue_date is None:
        note = replace(note, issue_date=settle)
    return Purchase(
        note=note,
        amount=minimum if amount is None else amount,
        settle_date=settle,
        price_pct=price_pct if price_pct is not None else (note.price_pct or Decimal(100)),
        minimum=minimum,
        increment=increment,
        printed=printed,
    )


def reprice_from_yield(
    purchase: Purchase, yield_pct: Decimal, workout: Workout = Workout.MATURITY, call_date: date | None = None
) -> tuple[Purchase, date]:
    """``purchase`` at the clean price (``yields.PRICE_PLACES``) at which its yield to
    ``workout`` is ``yield_pct`` (``yields.price_for_yield_pct``), and the date it works out to.
    ``InputError``: a price outside the allowed range (naming the yield), no such call date."""
    price, when = price_for_yield_pct(purchase.note, purchase.settle_date, yield_pct, workout, call_date)
    if not MIN_PRICE_PCT <= price <= MAX_PRICE_PCT:
        raise InputError(
            f"yield {yield_pct}% gives a price of {price}%, out of range: {MIN_PRICE_PCT}% to "
            f"{MAX_PRICE_PCT}% of par",
            field="yield",
            value=yield_pct,
        )
    return replace(purchase, price_pct=price), when


def amount_rule(minimum: Decimal, increment: Decimal) -> str:
    """The amounts a note accepts, in words: "at least $1,000.00, at most $1,000,000,000.00, in
    multiples of $1,000.00" (the window's hint and every error say it so)."""
    return f"at least {_bounds(minimum)}, in multiples of {format_usd(increment)}"


def _bounds(minimum: Decimal) -> str:
    return f"{format_usd(minimum)}, at most {format_usd(MAX_AMOUNT)}"


def settle_range(note: Note) -> str:
    """The settle dates a note accepts, in words: "2019-11-29 (issue) to 2022-11-14 (the day
    before maturity)"; a note whose issue date is not known (a rate sheet's, before a settle date
    is given) from its first settle date on."""
    last = f"{note.maturity_date - timedelta(days=1)} (the day before maturity)"
    return f"{note.issue_date} (issue) to {last}" if note.issue_date else f"up to {last}"


def validate(purchase: Purchase) -> None:
    """Raise ``InputError`` naming the field and the allowed range when an input is invalid."""
    note, amount = purchase.note, purchase.amount
    rule = amount_rule(purchase.minimum, purchase.increment)
    if not amount.is_finite() or amount < purchase.minimum or amount > MAX_AMOUNT:
        raise InputError(f"amount {_money(amount)} is out of range: {rule}", field="amount", value=amount)
    if purchase.increment > 0 and amount % purchase.increment != 0:
        raise InputError(
            f"amount {_money(amount)} is not a multiple of the increment {format_usd(purchase.increment)} "
            f"(at least {_bounds(purchase.minimum)})",
            field="amount",
            value=amount,
        )
    settle = purchase.settle_date
    if note.issue_date is None or not note.issue_date <= settle < note.maturity_date:
        raise InputError(
            f"settle date {settle} is out of range: {settle_range(note)}",
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
    zero = note.coupon_type is CouponType.ZERO
    start, days, accrued = (settle, 0, _NO_INTEREST) if zero else _accrued(purchase, current)
    principal = round_cents(amount * purchase.price_pct / 100)
    coupons = () if zero else _note_coupons(note, amount)[index:]
    concession = round_cents(amount * note.concession_pct / 100) if note.concession_pct is not None else None
    calls = tuple(c for c in note_calls(note) if c.date > settle)
    maturity = note.maturity_date
    return Quote(
        purchase=purchase,
        principal=principal,
        accrual_start=start,
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
        survivor=survivor_option(purchase),
    )


_NO_INTEREST = Decimal("0.00")


def _accrued(purchase: Purchase, period: Period) -> tuple[date, int, Decimal]:
    """Start, 30/360 days and amount of the interest accrued in ``period`` up to the settle date
    (a zero-coupon note accrues none: its quote says so with the settle date and 0 days)."""
    days, fraction = accrued_fraction(purchase.note, period, purchase.settle_date)
    rate = period.rate_pct * fraction.numerator
    return period.accrual_start, days, round_cents(purchase.amount * rate / (100 * fraction.denominator))


def note_warnings(note: Note) -> tuple[ParseWarning, ...]:
    """What the figures cannot show, worded here only (the loaders leave these to the quote, so
    the window, ``calc`` and the term sheet say each once): a floating rate projected; a call
    with no call dates (``Yields.worst_note`` says what that does to the yield to worst); a
    make-whole call: at any time, or before a par call."""
    found = []
    if note.coupon_type is CouponType.FLOATING:
        found.append(ParseWarning(note.cusip, "floating rate: coupons projected at the current rate"))
    if calls_unknown(note):
        found.append(ParseWarning(note.cusip, UNKNOWN_CALLS))
    elif note.redemption.callable and note.redemption.make_whole:
        found.append(ParseWarning(note.cusip, make_whole_words(note.redemption)))
    return tuple(found)


UNKNOWN_CALLS = "callable on terms the document does not give (see the prospectus): no call dates"
MAKE_WHOLE_ANY_TIME = "make-whole call at any time: no call dates at a fixed price"


def make_whole_words(terms: Redemption) -> str:
    """A make-whole call in words: before its par call ("make-whole call before 2033-12-15 at
    T+15 bp: not a fixed-price call; par call from 2033-12-15"), or at any time."""
    par = par_call_date(terms)
    if par is None:
        return MAKE_WHOLE_ANY_TIME
    spread = terms.make_whole_spread_bps
    at = f" at T+{spread.normalize():f} bp" if spread is not None else ""
    price = terms.price_pct if terms.price_pct is not None else Decimal(100)
    follows = "par call" if price == 100 else f"call at {format_price(price)}"
    return f"make-whole call before {par}{at}: not a fixed-price call; {follows} from {par}"
