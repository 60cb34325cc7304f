"""Zero-coupon and discount notes (issue 12 item 5): no coupons, no accrued interest, semi-annual
yields, the redemption at maturity and the call amounts of a callable zero.

Check value: John Hancock SignatureNotes 2002, 41013MBT6, issue 10/29/2002, matures 4/15/2015,
price 50.000% → 5.641% semi-annual bond-equivalent (documents.md, family 5). Oracle: QuantLib 1.44
``ZeroCouponBond`` (and a ``FixedRateBond`` with a 0% coupon) ``bondYield(…, Thirty360(BondBasis),
Compounded, Semiannual, settle)``: the US convention for zeros, 30/360 days over 180 a period.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.domain.model import Purchase, Workout
from app.domain.quote import make_purchase, quote
from app.domain.yields import price_for_yield_pct, purchase_yields
from tests.offerings import JOHN_HANCOCK, JOHN_HANCOCK_ZERO
from tests.quantlib_oracle import DC, qd, ql

ISSUE, MATURITY = date(2002, 10, 29), date(2015, 4, 15)


def ql_zero(end: date, redemption: float) -> Any:
    return ql.ZeroCouponBond(0, ql.NullCalendar(), 100.0, qd(end), ql.Unadjusted, redemption, qd(ISSUE))


def ql_yield(bond: Any, price: float, settle: date) -> float:
    ql.Settings.instance().evaluationDate = ql.Date(1, 1, 1990)
    clean = ql.BondPrice(price, ql.BondPrice.Clean)
    return float(
        ql.BondFunctions.bondYield(bond, clean, DC, ql.Compounded, ql.Semiannual, qd(settle), 1e-14, 200)
    )


def test_john_hancock_implicit_rate_is_5_641_percent() -> None:
    y = purchase_yields(Purchase(JOHN_HANCOCK_ZERO, Decimal(1000), ISSUE, Decimal("50.000")))
    assert y.maturity_pct == Decimal("5.640558")  # printed 5.641% (documents.md)
    assert y.maturity_pct.quantize(Decimal("0.001")) == Decimal("5.641")
    assert y.maturity_bey_pct == y.maturity_pct  # semi-annual already: bond-equivalent as printed


@pytest.mark.parametrize(("settle", "price"), [(ISSUE, "50.000"), (date(2008, 1, 10), "75")])
def test_zero_yields_match_quantlib(settle: date, price: str) -> None:
    """To maturity and to each call (a zero maturing on the call date, redeemed at its amount)."""
    got = purchase_yields(Purchase(JOHN_HANCOCK_ZERO, Decimal(1000), settle, Decimal(price)), places=None)
    assert got.maturity_pct is not None
    assert (
        abs(float(got.maturity_pct) / 100 - ql_yield(ql_zero(MATURITY, 100.0), float(price), settle)) < 1e-12
    )
    by_date = {t.date: float(t.yield_pct) / 100 for t in got.to_call}
    for call in JOHN_HANCOCK_ZERO.redemption.schedule:
        if call.date <= settle:
            assert call.date not in by_date
            continue
        theirs = ql_yield(ql_zero(call.date, float(call.price_pct)), float(price), settle)
        assert abs(by_date[call.date] - theirs) < 1e-12


def test_a_zero_with_no_coupon_frequency_agrees_with_a_zero_rate_fixed_bond() -> None:
    schedule = ql.Schedule([qd(ISSUE), qd(MATURITY)], ql.NullCalendar(), ql.Unadjusted)
    bond = ql.FixedRateBond(0, 100.0, schedule, [0.0], DC, ql.Unadjusted, 100.0, qd(ISSUE))
    assert abs(ql_yield(bond, 50.0, ISSUE) - 0.05640558127384629) < 1e-15  # QuantLib 1.44
    got = purchase_yields(Purchase(JOHN_HANCOCK_ZERO, Decimal(1000), ISSUE, Decimal(50)), places=None)
    assert abs(float(got.maturity_pct or 0) - 5.640558127384629) < 1e-10


def test_quote_of_a_zero_lists_no_coupons_and_no_accrued_interest() -> None:
    q = quote(make_purchase(JOHN_HANCOCK, JOHN_HANCOCK_ZERO, Decimal(25000), date(2008, 1, 10), Decimal(75)))
    assert q.coupons == () and q.next_coupon is None  # no "coupon" of $0.00 listed as income
    assert (q.accrued_interest, q.accrued_days, q.annual_income) == (Decimal("0.00"), 0, Decimal("0.00"))
    assert (q.principal, q.total) == (Decimal("18750.00"), Decimal("18750.00"))
    assert (q.redemption.payment_date, q.redemption.amount) == (MATURITY, Decimal("25000.00"))
    assert q.yields is not None and q.yields.current_pct is None  # no coupon: no current yield
    # the one call left after the settle date repays its stated $800 per $1,000
    assert [(c.date, c.price_pct, q.call_amount(c)) for c in q.calls] == [
        (date(2010, 10, 15), Decimal("80.0"), Decimal("20000.00"))
    ]
    assert q.yields.worst_date == date(2010, 10, 15)  # bought at 75, called at 80 within 3 years


def test_price_from_yield_of_a_zero_inverts_its_yield() -> None:
    price, when = price_for_yield_pct(JOHN_HANCOCK_ZERO, ISSUE, Decimal("5.640558127384629"))
    assert (price, when) == (Decimal("50.000000"), MATURITY)
    # the price to worst is the lowest of the prices to each workout, on the workout giving it
    worst, on = price_for_yield_pct(JOHN_HANCOCK_ZERO, ISSUE, Decimal("6"), Workout.WORST)
    prices = {
        d: price_for_yield_pct(JOHN_HANCOCK_ZERO, ISSUE, Decimal("6"), Workout.CALL, d)[0]
        for d in (date(2007, 10, 15), date(2010, 10, 15))
    }
    prices[MATURITY] = price_for_yield_pct(JOHN_HANCOCK_ZERO, ISSUE, Decimal("6"))[0]
    assert worst == min(prices.values()) and prices[on] == worst
