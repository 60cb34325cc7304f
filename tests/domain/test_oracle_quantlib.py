"""The engine against QuantLib, the independent oracle (domain.md "Reference implementation").

QuantLib: Schedule(issue, maturity, Period(f), UnitedStates(FederalReserve), Unadjusted,
Unadjusted, Backward, False, first) and FixedRateBond(0, face, schedule, [rate],
Thirty360(BondBasis), Following, 100, issue). Money is computed from QuantLib's day counts with
Decimal (rounded once, half-up) and also compared with QuantLib's float amounts within half a cent.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.domain.calendar import is_business_day
from app.domain.dates import add_months
from app.domain.model import Frequency, Note, Offering
from app.domain.quote import make_purchase, quote
from app.domain.schedule import periods
from tests.quantlib_oracle import DC, SCHEDULE_FREQ, qd, ql

CAL = ql.UnitedStates(ql.UnitedStates.FederalReserve)
CENT = Decimal("0.01")


def pd(d: ql.Date) -> date:
    return date(d.year(), d.month(), d.dayOfMonth())


def random_note(rng: random.Random) -> Note:
    """A random note issued 1990 or later (the years the calendar is checked for)."""
    while True:
        note = _random_note(rng)
        if note.issue_date >= date(1990, 1, 1):
            return note


def _random_note(rng: random.Random) -> Note:
    """A random note with the awkward cases domain.md names: month ends 28–31, Februaries, leap
    years, long and short first periods, off-grid first dates, every frequency."""
    freq = rng.choice(list(Frequency))
    year, month = rng.randint(2000, 2045), rng.randint(1, 12)  # issues from 1990 on
    day = rng.choice([1, 5, 14, 15, 20, 28, 29, 30, 31, rng.randint(1, 31)])
    maturity = add_months(date(year, month, 1), rng.randint(1, 360)).replace(day=1)
    maturity = add_months(maturity, 0).replace(day=min(day, _month_end(maturity)))
    months = freq.months
    if months == 0:
        issue = maturity - timedelta(days=rng.randint(30, 3650))
        return Note("ORACLE", _rate(rng), freq, issue, maturity, None)
    count = rng.randint(1, max(1, 360 // months))
    regular_first = add_months(maturity, -months * (count - 1))
    kind = rng.choice(["short", "long", "regular", "off-grid"])
    if kind == "long" and count > 1:
        issue = add_months(regular_first, -months) - timedelta(days=rng.randint(1, 27 * months))
    elif kind == "regular":
        issue = add_months(regular_first, -months)
    else:
        issue = regular_first - timedelta(days=rng.randint(1, 27 * months))
    first = regular_first
    if kind == "off-grid" and count > 1:
        first = regular_first - timedelta(days=rng.randint(1, (regular_first - issue).days - 1 or 1))
        first = max(first, issue + timedelta(days=1))
    return Note("ORACLE", _rate(rng), freq, issue, maturity, first)


def _month_end(d: date) -> int:
    return (add_months(d.replace(day=1), 1) - timedelta(days=1)).day


def _rate(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(1, 12000)) / 1000


def ql_bond(note: Note, face: Decimal) -> ql.FixedRateBond:
    first = qd(note.first_coupon_date) if note.first_coupon_date else ql.Date()
    sched = ql.Schedule(
        qd(note.issue_date),
        qd(note.maturity_date),
        ql.Period(SCHEDULE_FREQ[note.frequency]),
        CAL,
        ql.Unadjusted,
        ql.Unadjusted,
        ql.DateGeneration.Backward,
        False,
        first,
    )
    return ql.FixedRateBond(
        0,
        float(face),
        sched,
        [float(note.coupon_rate_pct) / 100],
        DC,
        ql.Following,
        100.0,
        qd(note.issue_date),
    )


def settle_dates(rng: random.Random, note: Note) -> list[date]:
    """The issue date, a random date, and dates on, just before and just after a coupon date."""
    ends = [p.accrual_end for p in periods(note)][:-1] or [note.issue_date]
    pick = rng.choice(ends)
    span = (note.maturity_date - note.issue_date).days
    found = [
        note.issue_date,
        note.issue_date + timedelta(days=rng.randrange(span)),
        pick,
        pick - timedelta(days=1),
        pick + timedelta(days=1),
    ]
    return [d for d in found if note.issue_date <= d < note.maturity_date]


def test_two_thousand_random_notes_match_quantlib() -> None:
    rng = random.Random(20191129)
    ql.Settings.instance().evaluationDate = ql.Date(1, 1, 1990)
    checked_coupons = 0
    for _ in range(2000):
        note = random_note(rng)
        amount = Decimal(rng.choice([1000, 5000, 25000, 100000, 1234000]))
        bond = ql_bond(note, amount)
        coupons = [ql.as_fixed_rate_coupon(cf) for cf in bond.cashflows()[:-1]]
        ours = periods(note)
        assert len(ours) == len(coupons), note
        for p, c in zip(ours, coupons, strict=True):
            assert (p.accrual_start, p.accrual_end) == (pd(c.accrualStartDate()), pd(c.accrualEndDate())), (
                note
            )
            assert p.payment_date == pd(c.date()), note
            assert p.days == c.accrualDays(), note
        for p, c in rng.sample(list(zip(ours, coupons, strict=True)), min(3, len(ours))):
            expected = (amount * note.coupon_rate_pct * c.accrualDays() / 36000).quantize(CENT, ROUND_HALF_UP)
            q = quote(make_purchase(Offering((note,)), note, amount, p.accrual_start))
            assert q.coupons[0].amount == expected, note
            assert abs(float(expected) - c.amount()) <= 0.005 + 1e-6, note
            checked_coupons += 1
        for settle in settle_dates(rng, note):
            q = quote(make_purchase(Offering((note,)), note, amount, settle))
            holding = next(c for c in coupons if pd(c.accrualStartDate()) <= settle < pd(c.accrualEndDate()))
            days = DC.dayCount(holding.accrualStartDate(), qd(settle))
            assert q.accrual_start == pd(holding.accrualStartDate())
            assert q.accrued_days == days, (note, settle)
            expected = (amount * note.coupon_rate_pct * days / 36000).quantize(CENT, ROUND_HALF_UP)
            assert q.accrued_interest == expected, (note, settle)
            rolled_window = any(
                pd(c.accrualEndDate()) <= settle <= pd(c.date()) and c.date() != c.accrualEndDate()
                for c in coupons
            )
            if not rolled_window:  # QuantLib counts an unpaid rolled coupon as accrued until paid
                ql_accrued = bond.accruedAmount(qd(settle)) * float(amount) / 100
                assert abs(float(expected) - ql_accrued) <= 0.005 + 1e-6, (note, settle)
            assert [c.number for c in q.coupons] == list(range(q.coupons[0].number, len(ours) + 1))
    assert checked_coupons > 4000


def test_every_coupon_of_a_sample_of_notes() -> None:
    """All coupons of 200 notes, amounts on a $25,000 position, day for day with QuantLib."""
    rng = random.Random(7)
    for _ in range(200):
        note = random_note(rng)
        bond = ql_bond(note, Decimal(25000))
        q = quote(make_purchase(Offering((note,)), note, Decimal(25000), note.issue_date))
        for ours, c in zip(q.coupons, bond.cashflows()[:-1], strict=True):
            fc = ql.as_fixed_rate_coupon(c)
            assert (ours.accrual_end, ours.payment_date, ours.days) == (
                pd(fc.accrualEndDate()),
                pd(fc.date()),
                fc.accrualDays(),
            )
            assert abs(float(ours.amount) - fc.amount()) <= 0.005 + 1e-6


def test_calendar_matches_federal_reserve_every_day_1990_2060() -> None:
    d, end = date(1990, 1, 1), date(2060, 12, 31)
    mismatches = []
    while d <= end:
        if CAL.isBusinessDay(qd(d)) != is_business_day(d):
            mismatches.append(d)
        d += timedelta(days=1)
    assert mismatches == []
