"""Property tests (hypothesis) of the schedule, accrual and the offering file."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import is_business_day
from app.domain.dates import add_months
from app.domain.daycount import days_30_360
from app.domain.model import (
    CallFrequency,
    CouponType,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    ParseWarning,
    Redemption,
    Step,
)
from app.domain.quote import make_purchase, quote
from app.domain.schedule import period_amount, periods
from app.sources import offering_json

dates = st.dates(min_value=date(1995, 1, 1), max_value=date(2070, 12, 31))
rates = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("15"), places=3)


@st.composite
def notes(draw: st.DrawFn) -> Note:
    issue = draw(dates)
    freq = draw(st.sampled_from(list(Frequency)))
    maturity = issue + timedelta(days=draw(st.integers(20, 365 * 30)))
    first = None
    if freq is not Frequency.AT_MATURITY:
        first = issue + timedelta(days=draw(st.integers(1, min(400, (maturity - issue).days))))
    return Note("PROPERTY1", draw(rates), freq, issue, maturity, first)


@settings(max_examples=300, deadline=None)
@given(notes())
def test_coupon_days_sum_to_the_life(note: Note) -> None:
    """Exact when no boundary is a 31st: there ISDA's D1=31→30 rule makes 30/360 non-additive
    (1/2→1/31→2/29 counts 29+29 days, 1/2→2/29 counts 57)."""
    ps = periods(note)
    if any(p.accrual_end.day == 31 for p in ps) or note.issue_date.day == 31:
        assert abs(sum(p.days for p in ps) - days_30_360(note.issue_date, note.maturity_date)) <= len(ps)
        return
    assert sum(p.days for p in ps) == days_30_360(note.issue_date, note.maturity_date)
    assert ps[0].accrual_start == note.issue_date and ps[-1].accrual_end == note.maturity_date


@settings(max_examples=300, deadline=None)
@given(notes())
def test_payment_is_first_business_day_on_or_after_accrual_end(note: Note) -> None:
    for p in periods(note):
        assert p.payment_date >= p.accrual_end and is_business_day(p.payment_date)
        d = p.accrual_end
        while d < p.payment_date:
            assert not is_business_day(d)
            d += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(notes(), st.floats(0, 0.999999), st.sampled_from([1000, 25000, 1_000_000]))
def test_accrued_is_between_zero_and_the_period_coupon(note: Note, where: float, amount: int) -> None:
    span = (note.maturity_date - note.issue_date).days
    settle = note.issue_date + timedelta(days=int(span * where))
    q = quote(make_purchase(Offering((note,)), note, Decimal(amount), settle))
    current = next(p for p in periods(note) if p.accrual_start <= settle < p.accrual_end)
    assert 0 <= q.accrued_interest <= period_amount(Decimal(amount), current)
    if q.accrued_days < current.days:
        assert q.accrued_interest <= period_amount(Decimal(amount), current)
    assert q.coupons[0].accrual_end > settle


@st.composite
def offerings(draw: st.DrawFn) -> Offering:
    note = draw(notes())
    opt = st.none() | st.text(max_size=30)
    money = st.none() | st.decimals(min_value=0, max_value=10**9, places=2)
    redemption = Redemption(
        draw(opt),
        draw(st.none() | st.booleans()),
        draw(money),
        draw(st.none() | dates),
        draw(st.none() | st.sampled_from(list(CallFrequency))),
        draw(st.none() | st.integers(0, 90)),
        draw(st.none() | st.sampled_from(list(NoticeKind))),
        draw(st.booleans()),
    )
    steps = tuple(Step(d, r) for d, r in draw(st.lists(st.tuples(dates, rates), max_size=3)))
    full = Note(
        note.cusip,
        note.coupon_rate_pct,
        note.frequency,
        note.issue_date,
        note.maturity_date,
        note.first_coupon_date,
        draw(st.sampled_from(list(CouponType))),
        steps,
        principal_amount=draw(money),
        price_pct=draw(money),
        concession_pct=draw(money),
        first_coupon_amount=draw(money),
        survivors_option=draw(st.none() | st.booleans()),
        ranking=draw(opt),
        redemption=redemption,
    )
    return Offering(
        (full,),
        issuer=draw(opt),
        preliminary=draw(st.booleans()),
        settle_date=draw(st.none() | dates),
        minimum_denomination=draw(money),
        agents=tuple(draw(st.lists(st.text(max_size=10), max_size=3))),
    )


@settings(max_examples=200, deadline=None)
@given(offerings(), st.lists(st.tuples(st.text(max_size=8), st.text(max_size=20)), max_size=3))
def test_offering_file_round_trips(offering: Offering, raw: list[tuple[str, str]]) -> None:
    warnings = [ParseWarning(w, m) for w, m in raw]
    back, back_warnings = offering_json.loads(offering_json.dumps(offering, warnings))
    assert back == offering and back_warnings == warnings


@settings(max_examples=500, deadline=None)
@given(dates, st.integers(-1200, 1200))
def test_add_months_is_dateutil_relativedelta(d: date, months: int) -> None:
    # domain.md: regular dates are maturity − k months, the day clamped to the month's end
    from dateutil.relativedelta import relativedelta

    assert add_months(d, months) == d + relativedelta(months=months)
