"""The yield and accrued interest a document prints, checked (issue 12 item 7).

Check values (documents.md, domain.md): Chubb INA 5.000% 2034 at 99.648, settle 3/7/2024 → 5.045%
yield to maturity; Toyota Motor Credit 1.90% due 12/5/2012, settle 11/17/2009, first coupon
6/5/2010 (long), re-offer price 99.976 → 1.908%; Caterpillar Financial rate sheet June 2008:
5.250% monthly at par → 5.308% bond-equivalent, 5.750% quarterly → 5.791%; John Hancock 41013MBT6
zero at 50.000 → 5.641% bond-equivalent. Ally 02006DTT8 accrued on 1/10/2020: 25 days, $1.63 per
$1,000 (domain.md), $40.80 on $25,000.

Street convention (documents.md "Yields with an irregular first coupon"): the first coupon of a
long first period is pro-rated by its 30/360 days and discounted over days/180 periods, every flow
on its *unadjusted* date. QuantLib built with unadjusted payment dates computes exactly that (and
so agrees with the engine on long first periods: test_yields_oracle.py draws them); built as
domain.md builds the bond for cash flows (payment dates rolled Following), it discounts the rolled
dates instead — 9/15/2024 is a Sunday — and gives 5.04466% for Chubb, not the street 5.04500%.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InputError
from app.domain.model import (
    Frequency,
    Note,
    Offering,
    PrintedYield,
    Purchase,
    Redemption,
    SettleFrom,
    Workout,
    YieldBasis,
)
from app.domain.printed import (
    check_lines,
    check_printed_accrued,
    check_printed_yield,
    printed_checks,
)
from app.domain.quote import make_purchase, quote
from app.domain.yields import yield_to_maturity_pct
from tests.domain.test_yields_oracle import full_bond, ql_yield
from tests.offerings import ALLY, CHUBB, CHUBB_2034, JOHN_HANCOCK, JOHN_HANCOCK_ZERO
from tests.quantlib_oracle import DC, SCHEDULE_FREQ, qd, ql

TOYOTA = Note(
    "89233P3Z7",  # the CUSIP is the tests' own; the terms and yield are documents.md's
    Decimal("1.90"),
    Frequency.SEMIANNUAL,
    date(2009, 11, 17),
    date(2012, 12, 5),
    date(2010, 6, 5),
    price_pct=Decimal("99.976"),
    printed_yield=PrintedYield(Decimal("1.908"), "Reoffer Yield"),
)
CAT_MONTHLY = Note(
    "14912L4E8",
    Decimal("5.250"),
    Frequency.MONTHLY,
    None,  # a rate sheet prints no settle or issue date
    date(2018, 6, 15),
    price_pct=Decimal(100),
    printed_yield=PrintedYield(Decimal("5.308"), "Yield", YieldBasis.BOND_EQUIVALENT),
)
CAT_QUARTERLY = replace(
    CAT_MONTHLY,
    cusip="14912L4F5",
    coupon_rate_pct=Decimal("5.750"),
    frequency=Frequency.QUARTERLY,
    maturity_date=date(2023, 6, 15),
    printed_yield=PrintedYield(Decimal("5.791"), "Yield", YieldBasis.BOND_EQUIVALENT),
)
CAT_SHEET = Offering(
    (CAT_MONTHLY, CAT_QUARTERLY), offering_start=date(2008, 6, 2), offering_end=date(2008, 6, 9)
)


def ql_bond(note: Note, payment: int) -> object:
    """The note as domain.md builds it, with the payment convention given."""
    schedule = ql.Schedule(
        qd(note.issue_date), qd(note.maturity_date), ql.Period(SCHEDULE_FREQ[note.frequency]),
        ql.UnitedStates(ql.UnitedStates.FederalReserve), ql.Unadjusted, ql.Unadjusted,
        ql.DateGeneration.Backward, False, qd(note.first_coupon_date),
    )  # fmt: skip
    rate = [float(note.coupon_rate_pct or 0) / 100]
    return ql.FixedRateBond(0, 100.0, schedule, rate, DC, payment, 100.0, qd(note.issue_date))


@pytest.mark.parametrize(
    ("note", "street", "rolled"),
    [
        # QuantLib 1.44: unadjusted flows 0.0504499661724112, Following 0.05044664097155655
        (CHUBB_2034, 0.0504499661724112, 0.05044664097155655),
        # unadjusted 0.019079707177714622 (12/5/2010 and 6/5/2011 fall on weekends)
        (TOYOTA, 0.019079707177714622, None),
    ],
    ids=["chubb", "toyota"],
)
def test_the_engine_follows_the_street_convention_on_long_first_periods(
    note: Note, street: float, rolled: float | None
) -> None:
    ql.Settings.instance().evaluationDate = ql.Date(1, 1, 1990)
    assert note.issue_date is not None and note.price_pct is not None
    settle, price = note.issue_date, note.price_pct
    ours = yield_to_maturity_pct(Purchase(note, Decimal(1000), settle, price), places=None)
    assert ours is not None and float(ours) / 100 == pytest.approx(street, abs=1e-13)
    assert ql_yield(full_bond(note), note, price, settle) == pytest.approx(street, abs=1e-15)
    if rolled is not None:  # discounting the rolled payment dates is another (lower) yield
        bond = ql_bond(note, ql.Following)
        theirs = ql.BondFunctions.bondYield(
            bond, ql.BondPrice(float(price), ql.BondPrice.Clean), DC, ql.Compounded, ql.Semiannual,
            qd(settle), 1e-14, 200,
        )  # fmt: skip
        assert theirs == pytest.approx(rolled, abs=1e-15)
        assert street - theirs > 3e-6  # a third of a basis point
    assert round(float(ours), 3) == float(note.printed_yield.value_pct)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("offering", "note", "computed", "settle", "settle_from"),
    [
        (CHUBB, CHUBB_2034, "5.045", date(2024, 3, 7), SettleFrom.OFFERING),  # engine 5.044997
        (Offering((TOYOTA,)), TOYOTA, "1.908", date(2009, 11, 17), SettleFrom.ISSUE),
        (CAT_SHEET, CAT_MONTHLY, "5.308", date(2008, 6, 15), SettleFrom.COUPON_DATE),
        (CAT_SHEET, CAT_QUARTERLY, "5.791", date(2008, 6, 15), SettleFrom.COUPON_DATE),
        (JOHN_HANCOCK, JOHN_HANCOCK_ZERO, "5.641", date(2002, 10, 29), SettleFrom.OFFERING),
    ],
    ids=["chubb", "toyota", "cat-monthly", "cat-quarterly", "john-hancock-zero"],
)
def test_printed_yields_of_the_check_values_match(
    offering: Offering, note: Note, computed: str, settle: date, settle_from: SettleFrom
) -> None:
    check = check_printed_yield(offering, note)
    assert check is not None and check.reason is None
    assert (check.computed_pct, check.matches) == (Decimal(computed), True)
    assert (check.workout, check.workout_date) == (Workout.MATURITY, note.maturity_date)
    assert (check.settle_date, check.settle_from) == (settle, settle_from)
    bey = note.printed_yield is not None and note.printed_yield.basis is YieldBasis.BOND_EQUIVALENT
    assert check.compounding == (2 if bey else note.frequency.per_year)
    (line,) = check_lines(offering, note)
    assert line.level == "ok" and line.label == "Printed yield"
    assert line.text.startswith(f"printed {computed}%, computed {computed}%")
    assert line.text.endswith("(matches)") == (settle_from is not SettleFrom.COUPON_DATE)


def test_chubb_line_reads_as_the_issue_asks() -> None:
    (line,) = check_lines(CHUBB, CHUBB_2034)
    assert line.text == "printed 5.045%, computed 5.045% to maturity (matches)"


def test_a_rate_sheet_says_which_settle_date_it_assumed() -> None:
    (line,) = check_lines(CAT_SHEET, CAT_MONTHLY)
    assert line.text == (
        "printed 5.308%, computed 5.308% bond-equivalent to maturity (matches); settle 2008-06-15 "
        "(no settle date printed: assumed on a regular coupon date)"
    )


def test_a_premium_notes_yield_to_maturity_that_is_the_yield_to_its_par_call_says_so() -> None:
    """Chubb's note at 103 (the tests' price): 4.622% to maturity, 4.616% to the par call on
    12/15/2033 (QuantLib 1.44 0.04622444739432317, 0.04615536209794631): a sheet printing
    "Yield to Maturity: 4.616%" printed the yield to worst."""
    premium = replace(
        CHUBB_2034,
        price_pct=Decimal("103.000"),
        printed_yield=PrintedYield(Decimal("4.616"), "Yield to Maturity"),
    )
    check = check_printed_yield(CHUBB, premium)
    assert check is not None and check.matches
    assert (check.workout, check.workout_date, check.is_worst) == (Workout.WORST, date(2033, 12, 15), True)
    assert (check.computed_pct, check.maturity_pct) == (Decimal("4.616"), Decimal("4.622"))
    (line,) = check_lines(CHUBB, premium)
    assert line.text == (
        "printed 4.616% as “Yield to Maturity” is the yield to the par call on 2033-12-15 (the yield "
        "to worst), computed 4.616% (matches); to maturity 4.622%"
    )


def test_a_yield_that_matches_nothing_is_flagged() -> None:
    wrong = replace(CHUBB_2034, printed_yield=PrintedYield(Decimal("5.100"), "Yield to Maturity"))
    check = check_printed_yield(CHUBB, wrong)
    assert check is not None and not check.matches and check.computed_pct == Decimal("5.045")
    (line,) = check_lines(CHUBB, wrong)
    assert (line.text, line.level) == ("printed 5.100%, computed 5.045% to maturity (does not match)", "bad")


def test_the_printed_price_and_settle_date_win() -> None:
    """A yield printed for another price and date is checked at those (Chubb reopened: the same
    flows at 99.648 on 3/7/2024, whatever the offering says)."""
    printed = PrintedYield(
        Decimal("5.045"), "Yield", price_pct=Decimal("99.648"), settle_date=date(2024, 3, 7)
    )
    moved = replace(CHUBB_2034, price_pct=Decimal("101"), printed_yield=printed)
    check = check_printed_yield(replace(CHUBB, settle_date=date(2024, 6, 3)), moved)
    assert check is not None and check.matches and check.settle_from is SettleFrom.PRINTED
    assert check.price_pct == Decimal("99.648")


def test_the_printed_decimals_decide() -> None:
    """Compared at the printed number of decimals: the engine's 1.907971% is 1.9080 to four
    places and 1.91 to two (both match), not 1.9079 nor 1.90."""
    for printed, matches in (("1.9080", True), ("1.91", True), ("1.9079", False), ("1.90", False)):
        note = replace(TOYOTA, printed_yield=PrintedYield(Decimal(printed), "Yield"))
        check = check_printed_yield(Offering((note,)), note)
        assert check is not None and check.matches is matches, printed


def test_no_settle_date_at_all_is_a_reason_not_an_error() -> None:
    zero = replace(JOHN_HANCOCK_ZERO, issue_date=None)
    check = check_printed_yield(Offering((zero,)), zero)
    assert check is not None and check.computed_pct is None and not check.matches
    assert check.reason == "no settle or issue date printed"
    (line,) = check_lines(Offering((zero,)), zero)
    assert line.level == "" and "not computed" in line.text


def test_printed_accrued_interest_reproduces_to_the_cent() -> None:
    """A reopening of Ally 02006DTT8 ($25,000 more, settling 1/10/2020): 25 days of 2.350% on
    $25,000 = $40.80 ($1.63 per $1,000, domain.md)."""
    note = replace(ALLY.notes[0], principal_amount=Decimal(25000), printed_accrued_interest=Decimal("40.80"))
    reopened = replace(ALLY, settle_date=date(2020, 1, 10))
    check = check_printed_accrued(reopened, note)
    assert check is not None and check.matches
    assert (check.computed, check.accrual_start, check.days) == (Decimal("40.80"), date(2019, 12, 15), 25)
    (line,) = check_lines(reopened, note)
    assert line == (
        "Printed accrued",
        "printed $40.80, computed $40.80 (matches): 25 days from 2019-12-15 to 2020-01-10",
        "ok",
    )
    per_1000 = check_printed_accrued(
        reopened, replace(note, principal_amount=Decimal(1000), printed_accrued_interest=Decimal("1.63"))
    )
    assert per_1000 is not None and per_1000.matches
    off = check_printed_accrued(reopened, replace(note, printed_accrued_interest=Decimal("40.82")))
    assert off is not None and not off.matches  # ±$0.01 only
    missing = check_printed_accrued(reopened, replace(note, principal_amount=None))
    assert missing is not None and missing.reason == "no principal amount printed"


def test_a_purchase_carries_the_checks_whatever_its_own_price_and_date() -> None:
    purchase = make_purchase(CHUBB, CHUBB_2034, Decimal(5000), date(2025, 1, 6), Decimal("98.5"))
    assert purchase.printed == printed_checks(CHUBB, CHUBB_2034)
    q = quote(purchase)
    assert q.printed_yield is not None and q.printed_yield.matches and q.printed_accrued is None
    assert quote(make_purchase(ALLY, ALLY.notes[0])).printed_yield is None  # nothing printed


def test_a_rate_sheet_note_is_priced_as_a_new_issue_on_the_settle_date_given() -> None:
    """No settle or issue date printed (a weekly rate sheet): the calculator asks for one."""
    with pytest.raises(InputError) as err:
        make_purchase(CAT_SHEET, CAT_MONTHLY)
    assert err.value.field == "settle" and "prints no settle or issue date" in err.value.message
    purchase = make_purchase(CAT_SHEET, CAT_MONTHLY, settle_date=date(2008, 6, 12))
    assert purchase.note.issue_date == date(2008, 6, 12) == purchase.settle_date
    q = quote(purchase)
    assert q.accrued_interest == Decimal("0.00")  # a new issue settles flat
    assert q.coupons[0].accrual_start == date(2008, 6, 12) and q.coupons[0].accrual_end == date(2008, 6, 15)
    assert q.printed_yield is not None and q.printed_yield.settle_date == date(
        2008, 6, 15
    )  # the sheet's check
    assert replace(CAT_MONTHLY, redemption=Redemption(callable=False)).issue_date is None
