"""Check values from real supplements, ISDA and the Federal Reserve calendar (sources cited)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

import pytest

from app.domain import cusip
from app.domain.calendar import following, holiday_name, is_business_day, roll_reason
from app.domain.calls import call_dates
from app.domain.dates import parse_date
from app.domain.daycount import DayCount, day_count, days_30_360, year_fraction
from app.domain.errors import InputError
from app.domain.model import (
    CallFrequency,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    Redemption,
    Step,
)
from app.domain.money import parse_amount, parse_percent
from app.domain.quote import make_purchase, quote
from app.domain.schedule import first_coupon_per_1000, on_regular_schedule, periods

ALLY_CALL = Redemption(
    "Callable at 100% on 11/15/2020 and Monthly thereafter with 30 Calendar Days Notice.",
    True,
    D(100),
    date(2020, 11, 15),
    CallFrequency.MONTHLY,
    30,
    NoticeKind.CALENDAR,
)
# Ally Financial Term Notes, Preliminary Pricing Supplement No. 213 (shared/reference/)
ALLY_TT8 = Note(
    "02006DTT8",
    D("2.350"),
    Frequency.MONTHLY,
    date(2019, 11, 29),
    date(2022, 11, 15),
    date(2019, 12, 15),
    first_coupon_amount=D("1.04"),
    price_pct=D(100),
    concession_pct=D("1.125"),
    redemption=ALLY_CALL,
)
ALLY_TU5 = Note(
    "02006DTU5",
    D("2.600"),
    Frequency.MONTHLY,
    date(2019, 11, 29),
    date(2024, 11, 15),
    date(2019, 12, 15),
    first_coupon_amount=D("1.16"),
    redemption=ALLY_CALL,
)
ALLY = Offering(
    (ALLY_TT8, ALLY_TU5), settle_date=date(2019, 11, 29), minimum_denomination=D(1000), increment=D(1000)
)


@pytest.mark.parametrize(
    ("note", "printed", "first_days"),
    [
        (ALLY_TT8, D("1.04"), 16),  # Ally 213: 11/29/2019 → 12/15/2019, $1.04 printed
        (ALLY_TU5, D("1.16"), 16),  # Ally 213: 1.1556 printed as $1.16
        # CFC InterNotes 63743FNE2, settle 8/18/2011, 2.850% monthly, 1st 9/15/2011 = 27 days → $2.14
        (
            Note(
                "63743FNE2",
                D("2.850"),
                Frequency.MONTHLY,
                date(2011, 8, 18),
                date(2021, 8, 15),
                date(2011, 9, 15),
            ),
            D("2.14"),
            27,
        ),
        # CFC InterNotes 63743FF68, settle 2/15/2018, 3.400% monthly, 1st 3/15/2018 → $2.83
        (
            Note(
                "63743FF68",
                D("3.400"),
                Frequency.MONTHLY,
                date(2018, 2, 15),
                date(2028, 2, 15),
                date(2018, 3, 15),
            ),
            D("2.83"),
            30,
        ),
        # HSBC Finance InterNotes 40429XXN1, settle 7/9/2010, 3.900% semi-annual, long 1st 1/15/2011
        (
            Note(
                "40429XXN1",
                D("3.900"),
                Frequency.SEMIANNUAL,
                date(2010, 7, 9),
                date(2015, 7, 15),
                date(2011, 1, 15),
            ),
            D("20.15"),
            186,
        ),
    ],
)
def test_first_coupon_per_1000_matches_print(note: Note, printed: D, first_days: int) -> None:
    assert periods(note)[0].days == first_days
    assert first_coupon_per_1000(note) == printed


def test_ally_payment_dates_roll_but_accrual_does_not() -> None:
    # domain.md check values for 02006DTT8
    ps = periods(ALLY_TT8)
    by_end = {p.accrual_end: p.payment_date for p in ps}
    assert by_end[date(2019, 12, 15)] == date(2019, 12, 16)  # Sunday → Monday
    assert by_end[date(2020, 2, 15)] == date(2020, 2, 18)  # Saturday, then Washington's Birthday
    assert by_end[date(2020, 3, 15)] == date(2020, 3, 16)  # Sunday
    assert len(ps) == 36
    assert ps[-1].accrual_end == ps[-1].payment_date == date(2022, 11, 15)
    assert [p.days for p in ps[1:3]] == [30, 30]  # accrual unadjusted: 12/15→1/15→2/15


def test_ally_accrued_and_purchase() -> None:
    q = quote(make_purchase(ALLY, ALLY_TT8, D(1000), date(2020, 1, 10)))
    assert (q.accrued_days, q.accrued_interest) == (25, D("1.63"))  # domain.md: 25 days → $1.63
    # issue 2: $25,000 settling 2019-12-03 → 4 days, $6.53; first coupon paid 12/16 = $26.11
    q = quote(make_purchase(ALLY, ALLY_TT8, D(25000), date(2019, 12, 3)))
    assert (q.accrued_days, q.accrued_interest, q.total) == (4, D("6.53"), D("25006.53"))
    assert (q.coupons[0].payment_date, q.coupons[0].amount) == (date(2019, 12, 16), D("26.11"))
    assert q.concession == D("281.25") and q.annual_income == D("587.50")
    assert q.first_coupon.matches


def test_settle_on_issue_and_on_coupon_dates_accrues_nothing() -> None:
    # "Initial trades settle flat"; accrued on a coupon date is zero (domain.md)
    for settle in (date(2019, 11, 29), date(2020, 1, 15), date(2020, 2, 15)):
        q = quote(make_purchase(ALLY, ALLY_TT8, D(5000), settle))
        assert q.accrued_interest == 0 and q.accrued_days == 0


def test_rounding_on_whole_position() -> None:
    # domain.md: $25,000 of a 5% monthly note pays $104.17, not 25 × $4.17 = $104.25
    note = Note("X", D(5), Frequency.MONTHLY, date(2020, 1, 15), date(2021, 1, 15), date(2020, 2, 15))
    off = Offering((note,), settle_date=date(2020, 1, 15))
    q = quote(make_purchase(off, note, D(25000)))
    assert q.coupons[0].amount == D("104.17")


@pytest.mark.parametrize(
    ("d1", "d2", "days"),
    [
        # ISDA 2006 §4.16(f) 30/360 bond basis; D2=31 only moves when D1 ≥ 30
        (date(2007, 1, 15), date(2007, 1, 30), 15),
        (date(2007, 1, 15), date(2007, 2, 15), 30),
        (date(2007, 1, 15), date(2007, 7, 15), 180),
        (date(2007, 9, 30), date(2008, 3, 31), 180),
        (date(2007, 9, 30), date(2007, 10, 31), 30),
        (date(2007, 9, 30), date(2008, 9, 30), 360),
        (date(2007, 1, 15), date(2007, 1, 31), 16),  # D1 < 30: D2 = 31 stays
        (date(2007, 1, 31), date(2007, 2, 28), 28),  # no February end-of-month rule
        (date(2007, 2, 28), date(2007, 3, 31), 33),
        (date(2008, 2, 29), date(2008, 3, 31), 32),
        (date(2019, 11, 29), date(2019, 12, 15), 16),  # Ally first period
        (date(2020, 3, 5), date(2020, 4, 15), 40),  # domain.md long first period
    ],
)
def test_30_360_bond_basis(d1: date, d2: date, days: int) -> None:
    assert days_30_360(d1, d2) == days


def test_other_day_counts() -> None:
    # ISDA 2006 §4.16: 30E/360 turns every 31st into the 30th; Actual counts calendar days
    assert day_count(DayCount.THIRTY_E_360, date(2007, 1, 15), date(2007, 1, 31)) == 15
    assert day_count(DayCount.ACT_360, date(2020, 2, 1), date(2020, 3, 1)) == 29
    assert year_fraction(DayCount.ACT_365F, date(2020, 1, 1), date(2021, 1, 1)) == Fraction(366, 365)
    # ICMA regular semi-annual period = exactly one half
    half = year_fraction(
        DayCount.ACT_ACT_ICMA, date(2020, 1, 15), date(2020, 7, 15), date(2020, 1, 15), date(2020, 7, 15), 2
    )
    assert half == Fraction(1, 2)


@pytest.mark.parametrize(
    ("day", "business", "name"),
    [
        (date(2022, 6, 20), False, "Juneteenth National Independence Day (observed)"),  # first year
        (date(2021, 6, 18), True, None),  # before Juneteenth joined the Fed schedule
        (date(2021, 7, 5), False, "Independence Day (observed)"),  # Sunday 7/4 → Monday
        (date(2021, 12, 24), True, None),  # Saturday Christmas 2021 is not moved to Friday
        (date(2022, 1, 1), False, "New Year's Day"),  # Saturday holiday: closed anyway, not moved
        (date(2021, 12, 31), True, None),
        (date(2020, 4, 10), True, None),  # Good Friday is a banking day
        (date(2020, 10, 12), False, "Columbus Day"),
        (date(2020, 11, 11), False, "Veterans Day"),
        (date(2020, 2, 17), False, "Washington's Birthday"),
    ],
)
def test_federal_reserve_calendar(day: date, business: bool, name: str | None) -> None:
    assert is_business_day(day) is business
    assert holiday_name(day) == name


def test_roll_reason_names_each_closed_day() -> None:
    assert following(date(2020, 2, 15)) == date(2020, 2, 18)
    assert roll_reason(date(2020, 2, 15)) == "Saturday, Sunday, Monday: Washington's Birthday"
    assert roll_reason(date(2020, 2, 18)) is None


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("02006DTT8", True),
        ("02006DTU5", True),
        ("63743FNE2", True),
        ("037833100", True),
        ("02006DTT7", False),
        ("02006DTT", False),
        ("0200-DTT8", False),
    ],
)
def test_cusip_check_digit(code: str, valid: bool) -> None:
    # Apple 037833100 (CUSIP Global Services example); the rest from the supplements
    assert cusip.is_valid(code) is valid


def test_call_dates_monthly_with_calendar_notice() -> None:
    calls = call_dates(ALLY_TT8, periods(ALLY_TT8))
    assert calls[0].date == date(2020, 11, 15) and calls[0].notice_date == date(2020, 10, 16)
    assert calls[0].payment_date == date(2020, 11, 16)  # Sunday → Monday
    assert calls[-1].date == date(2022, 10, 15)  # up to, not including, maturity
    assert len(calls) == 24


@pytest.mark.parametrize(
    ("freq", "count"),
    [
        (CallFrequency.QUARTERLY, 8),
        (CallFrequency.SEMIANNUAL, 4),
        (CallFrequency.ANNUAL, 2),
        (CallFrequency.ONCE, 1),
        (CallFrequency.CONTINUOUS, 24),
    ],
)
def test_call_frequencies_land_on_coupon_dates(freq: CallFrequency, count: int) -> None:
    note = Note(
        "X",
        D(3),
        Frequency.MONTHLY,
        date(2019, 11, 29),
        date(2022, 11, 15),
        date(2019, 12, 15),
        redemption=Redemption(None, True, D(100), date(2020, 11, 15), freq),
    )
    calls = call_dates(note, periods(note))
    assert len(calls) == count
    coupon_dates = {p.accrual_end for p in periods(note)}
    assert all(c.date in coupon_dates and c.date < note.maturity_date for c in calls)


def test_business_day_notice_counts_back_banking_days() -> None:
    # "with 10 New York business days' notice": call 2020-02-18 (Tue) → back over Presidents' Day
    note = Note(
        "X",
        D(3),
        Frequency.MONTHLY,
        date(2019, 11, 18),
        date(2022, 11, 18),
        date(2019, 12, 18),
        redemption=Redemption(
            None, True, D(100), date(2020, 2, 18), CallFrequency.ONCE, 10, NoticeKind.BUSINESS
        ),
    )
    assert call_dates(note, periods(note))[0].notice_date == date(2020, 2, 3)


def test_step_up_rates_apply_per_period() -> None:
    note = Note(
        "X",
        D(3),
        Frequency.SEMIANNUAL,
        date(2019, 6, 20),
        date(2022, 6, 20),
        date(2019, 12, 20),
        steps=(Step(date(2019, 6, 20), D("3.00")), Step(date(2020, 6, 20), D("3.50"))),
    )
    assert [p.rate_pct for p in periods(note)] == [D("3.00")] * 2 + [D("3.50")] * 4


def test_long_and_short_first_periods_and_off_grid() -> None:
    # long first period 3/5/2020 → 4/15/2020 = 40 days (domain.md)
    note = Note("X", D(3), Frequency.MONTHLY, date(2020, 3, 5), date(2025, 3, 15), date(2020, 4, 15))
    assert periods(note)[0].days == 40 and on_regular_schedule(note)
    off_grid = Note("X", D(3), Frequency.MONTHLY, date(2020, 3, 5), date(2025, 3, 15), date(2020, 4, 10))
    assert not on_regular_schedule(off_grid)
    assert periods(off_grid)[1].accrual_start == date(2020, 4, 10)


def test_anchored_to_maturity_not_month_by_month() -> None:
    # 1/31 + 1m + 1m would drift to 3/29; anchoring to a 31st maturity keeps month ends
    note = Note("X", D(3), Frequency.MONTHLY, date(2020, 1, 15), date(2020, 12, 31), date(2020, 1, 31))
    ends = [p.accrual_end for p in periods(note)]
    assert ends[:3] == [date(2020, 1, 31), date(2020, 2, 29), date(2020, 3, 31)]


@pytest.mark.parametrize("text", ["1e2", "1_00", "١٠١", "１００", "NaN", "Infinity", "-5", "", "10.0.1"])
def test_percent_accepts_plain_digits_only(text: str) -> None:
    with pytest.raises(InputError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("text", "value"), [("101", D(101)), ("100.000%", D("100.000")), (" 99.5 % ", D("99.5"))]
)
def test_percent_spellings(text: str, value: D) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize(
    "text",
    [
        # issue 14: what an advisor types for 3 December 2019, each exactly that date
        "2019-12-03",
        "2019-12-3",
        "2019/12/03",
        "12/03/2019",
        "12/3/2019",
        "12-03-2019",
        "12/03/19",
        "20191203",
        "Dec 3, 2019",
        "December 3 2019",
        "dec. 3rd, 2019",
        "3 Dec 2019",
        " 2019-12-03 ",
    ],
)
def test_date_spellings_give_exactly_that_date(text: str) -> None:
    assert parse_date(text, "settle date") == date(2019, 12, 3)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # nothing is guessed: no nearest date, no day-first reading, no time, no other digits
        ("2019-02-30", "February 2019 has 28 days"),
        ("13/03/2019", "there is no month 13"),
        ("2019-12-0", "there is no day 0"),
        ("Dek 3, 2019", "the month's name is not understood"),
        ("٢٠١٩-١٢-٠٣", "is not a date (type 2019-12-03, 12/03/2019 or Dec 3, 2019)"),
        ("12/3/２０１９", "is not a date"),
        ("2019-12-03T00:00", "is not a date"),
        ("2019-12/03", "is not a date"),
        ("03.12.2019", "is not a date"),
        ("2019-12", "is not a date"),
    ],
)
def test_what_is_no_date_says_why(text: str, reason: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_date(text, "settle date")
    assert reason in raised.value.message and raised.value.field == "settle date"


def test_documented_date_and_amount_spellings() -> None:
    # contract.md: 2019-12-03 and 12/03/2019; 25000, 25,000, 25000.00, $25,000
    assert parse_date("2019-12-03") == parse_date("12/03/2019") == date(2019, 12, 3)
    assert {parse_amount(t) for t in ("25000", "25,000", "25000.00", "$25,000")} == {D(25000)}
    for bad in ("25,00", "٢٥٠٠٠", "-25000", "25000.005.1", "1e5"):
        with pytest.raises(InputError):
            parse_amount(bad)


@pytest.mark.parametrize(("text", "value"), [("25k", D(25000)), ("25K", D(25000)), ("$2.5k", D(2500))])
def test_thousands_written_with_k(text: str, value: D) -> None:
    # issue 14: "25k" is $25,000 (the window says how it read it), never $25
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # issue 14: the minus and the letters were dropped silently; say what was not understood
        ("-1000", "negative amounts are not allowed"),
        ("(1,000)", "negative amounts are not allowed"),
        ("25x", "'x' not understood"),
        ("25m", "'m' not understood"),
        ("٢٥٠٠٠", "'٢', '٥', '٠' not understood"),
        ("25,00", "is not a dollar amount (e.g. 25,000, $25,000.00 or 25k)"),
    ],
)
def test_an_amount_that_is_not_one_says_why(text: str, said: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_amount(text)
    assert said in raised.value.message


def test_an_amount_out_of_range_states_both_bounds() -> None:
    # issue 14: the upper bound ($1,000,000,000, quote.MAX_AMOUNT) was never said
    from app.domain.quote import MAX_AMOUNT, make_purchase, quote
    from tests.offerings import ALLY

    with pytest.raises(InputError) as raised:
        quote(make_purchase(ALLY, ALLY.notes[0], MAX_AMOUNT + 1000))
    assert raised.value.field == "amount"
    assert "at least $1,000.00, at most $1,000,000,000.00, in multiples of $1,000.00" in raised.value.message
