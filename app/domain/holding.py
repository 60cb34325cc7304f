"""One position of a client proposal priced: its quote, its payments held to maturity and if
called first, and what it adds to each month and year.

Money is counted on the date the client receives it: every sum by month or year is by
*payment date* (the rolled date the cash arrives, ``Coupon.payment_date``, ``Repayment.
payment_date``, ``CallDate.payment_date``), never by the unadjusted accrual end. A coupon due
Saturday 2020-02-15 and paid Tuesday 2020-02-18 counts in February either way, but one due
Saturday 2020-08-31 and paid 2020-09-01 counts in September. Each amount is the position's own,
rounded once to the cent exactly as ``calc`` shows it, so sums agree with ``calc`` to the cent.

"If called first": the issuer calls on the first call date after the position settles whose
notice date is not before the settle date (the first call it can still give notice of; the yield
to worst follows the same rule). The holder receives the coupons to that date (between coupon
dates: the interest accrued to it, 30/360) and the call price on the call's payment date.
A note with no such call (non-callable, or callable on terms the document does not give) is held
to maturity in that case too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import NamedTuple

from app.domain.errors import InputError, TermSheetError
from app.domain.model import CallDate, Coupon, Note, Offering, Quote
from app.domain.money import round_cents
from app.domain.quote import make_purchase, quote
from app.domain.schedule import accrued_fraction, periods

ZERO = Decimal("0.00")


class FlowKind(Enum):
    """What a payment is; the value is the ``proposal --json`` spelling."""

    COUPON = "coupon"
    PRINCIPAL = "principal"  # repaid at maturity
    CALL = "call"  # principal repaid at the call price on a call date


@dataclass(frozen=True, slots=True)
class Position:
    """One purchase in a proposal as the advisor entered it; None = the calculator's default
    (the minimum denomination, the offering's settle date, the selling price).

    ``document`` names the offering document (a path once read from a proposal file)."""

    document: str
    cusip: str
    amount: Decimal | None = None
    settle_date: date | None = None
    price_pct: Decimal | None = None


class CashFlow(NamedTuple):
    """A payment to the client: ``due_date`` is the unadjusted date (accrual end, maturity, call
    date), ``payment_date`` the date the money arrives; ``coupon`` is set for a coupon."""

    payment_date: date
    cusip: str
    kind: FlowKind
    amount: Decimal
    position: int
    due_date: date
    coupon: Coupon | None = None


class Sums(NamedTuple):
    """A case's payments summed by month (index year·12 + month − 1) or by year, as columns:
    ``keys`` in order with the coupons' ``interest`` and count (``coupons``) of each, and the one
    principal payment apart. Columns, not a row object per month: a 30-year monthly position has
    360 months, rebuilt on every edit of its amount."""

    keys: list[int]
    interest: list[Decimal]
    coupons: list[int]
    principal_key: int
    principal: Decimal


@dataclass(frozen=True, slots=True)
class Scenario:
    """The payments of a priced position in one case (held to maturity, or called first):
    its coupons, then the principal (``kind`` PRINCIPAL or CALL) on ``principal_paid``, and their
    sums by payment month and year."""

    coupons: tuple[Coupon, ...]
    kind: FlowKind
    principal: Decimal
    principal_due: date
    principal_paid: date
    interest: Decimal
    by_month: Sums
    by_year: Sums

    def __len__(self) -> int:
        return len(self.coupons) + 1

    def flow(self, index: int, cusip: str, position: int) -> CashFlow:
        """Payment ``index`` of this case (coupons first, the principal last)."""
        if index < len(self.coupons):
            c = self.coupons[index]
            return CashFlow(c.payment_date, cusip, FlowKind.COUPON, c.amount, position, c.accrual_end, c)
        return CashFlow(self.principal_paid, cusip, self.kind, self.principal, position, self.principal_due)

    def payment_dates(self) -> Iterator[date]:
        yield from (c.payment_date for c in self.coupons)
        yield self.principal_paid


@dataclass(frozen=True, slots=True)
class Holding:
    """A position and what it prices to: ``quote`` with both scenarios, or the ``error`` that
    keeps it from being priced (document missing, unknown CUSIP, invalid amount …)."""

    position: Position
    offering: Offering | None = None
    quote: Quote | None = None
    error: TermSheetError | None = None
    call: CallDate | None = None
    held: Scenario | None = None
    called: Scenario | None = None

    @property
    def cusip(self) -> str:
        return self.quote.purchase.note.cusip if self.quote else self.position.cusip

    @property
    def priced(self) -> bool:
        return self.quote is not None


def price_position(position: Position, source: Offering | TermSheetError) -> Holding:
    """The holding of ``position`` in the offering ``source`` (or the error loading it); never
    raises for bad input: the holding carries the error."""
    if isinstance(source, TermSheetError):
        return Holding(position, error=source)
    try:
        note = find_note(source, position.cusip)
        purchase = make_purchase(source, note, position.amount, position.settle_date, position.price_pct)
        return holding_of(position, source, quote(purchase))
    except TermSheetError as err:
        return Holding(position, source, error=err)


def with_amount(holding: Holding, amount: Decimal) -> Holding:
    """``holding`` for a new face amount, its yields kept (they do not depend on the amount).

    A priced holding raises ``InputError`` for an amount its note does not accept (and stays as
    it was); one not priced is priced again (and keeps an error if it still cannot be)."""
    position = replace(holding.position, amount=amount)
    if holding.quote is None or holding.offering is None:
        return reprice(holding, position)
    purchase = replace(holding.quote.purchase, amount=amount)
    q = replace(quote(purchase, with_yields=False), yields=holding.quote.yields)
    return holding_of(position, holding.offering, q)


def edited(holding: Holding, position: Position) -> Holding:
    """``holding`` with its position changed (settle date, price …): as ``with_amount``, a
    priced holding raises ``InputError`` for a value its note does not accept."""
    if holding.quote is None or holding.offering is None:
        return reprice(holding, position)
    note = find_note(holding.offering, position.cusip)
    purchase = make_purchase(
        holding.offering, note, position.amount, position.settle_date, position.price_pct
    )
    return holding_of(position, holding.offering, quote(purchase))


def reprice(holding: Holding, position: Position) -> Holding:
    """``position`` priced in ``holding``'s offering, or kept with ``holding``'s loading error."""
    if holding.offering is not None:
        return price_position(position, holding.offering)
    return Holding(position, error=holding.error)


def find_note(offering: Offering, cusip: str) -> Note:
    """The note ``cusip`` of ``offering``; ``InputError`` naming the CUSIPs it has otherwise."""
    note = offering.note(cusip)
    if note is None:
        known = ", ".join(n.cusip for n in offering.notes)
        raise InputError(f"unknown CUSIP {cusip!r}; this offering has {known}", field="cusip", value=cusip)
    return note


def holding_of(position: Position, offering: Offering, q: Quote) -> Holding:
    """The holding of a priced position: both scenarios and their sums."""
    held = _scenario(q.coupons, FlowKind.PRINCIPAL, q.redemption.amount, q.redemption.date,
                     q.redemption.payment_date)  # fmt: skip
    call = first_call(q)
    called = held if call is None else _called(q, call)
    return Holding(position, offering, q, None, call, held, called)


def first_call(q: Quote) -> CallDate | None:
    """The call of "if called first": the first call after the settle date whose notice date is
    not before it (``q.calls`` are the calls after the settle date, in date order)."""
    settle = q.purchase.settle_date
    return next((c for c in q.calls if c.notice_date >= settle), None)


def _called(q: Quote, call: CallDate) -> Scenario:
    """The coupons to ``call`` (the interest accrued to it when it falls between coupon dates)
    and the call price, paid on the call's payment date."""
    coupons = q.coupons[: bisect_right(q.coupons, call.date, key=_accrual_end)]
    if len(coupons) < len(q.coupons) and q.coupons[len(coupons)].accrual_start < call.date:
        coupons += (_stub(q, q.coupons[len(coupons)], call),)
    amount = round_cents(q.purchase.amount * call.price_pct / 100)
    return _scenario(coupons, FlowKind.CALL, amount, call.date, call.payment_date)


def _stub(q: Quote, coupon: Coupon, call: CallDate) -> Coupon:
    """The interest accrued from the start of ``coupon``'s period to the call date, paid with
    the call."""
    note = q.purchase.note
    period = periods(note)[coupon.number - 1]
    days, fraction = accrued_fraction(note, period, call.date)
    amount = round_cents(
        q.purchase.amount * period.rate_pct * fraction.numerator / (100 * fraction.denominator)
    )
    return Coupon(
        coupon.number, coupon.accrual_start, call.date, call.payment_date, days, period.rate_pct, amount
    )


def _accrual_end(c: Coupon) -> date:
    return c.accrual_end


def _scenario(
    coupons: tuple[Coupon, ...], kind: FlowKind, principal: Decimal, due: date, paid: date
) -> Scenario:
    keys: list[int] = []
    interest: list[Decimal] = []
    counts: list[int] = []
    total, last = ZERO, -1
    for c in coupons:  # in payment-date order: one run per month
        d, amount = c.payment_date, c.amount
        total += amount
        key = d.year * 12 + d.month - 1
        if key == last:
            interest[-1] += amount
            counts[-1] += 1
        else:
            keys.append(key)
            interest.append(amount)
            counts.append(1)
            last = key
    by_month = Sums(keys, interest, counts, paid.year * 12 + paid.month - 1, principal)
    return Scenario(coupons, kind, principal, due, paid, total, by_month, _years(by_month))


def _years(months: Sums) -> Sums:
    """``months`` summed by year."""
    keys: list[int] = []
    interest: list[Decimal] = []
    counts: list[int] = []
    for key, amount, count in zip(months.keys, months.interest, months.coupons, strict=True):
        year = key // 12
        if keys and keys[-1] == year:
            interest[-1] += amount
            counts[-1] += count
        else:
            keys.append(year)
            interest.append(amount)
            counts.append(count)
    return Sums(keys, interest, counts, months.principal_key // 12, months.principal)
