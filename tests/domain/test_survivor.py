"""Survivor's option: eligibility date, the estate's amount, the stated holding period and limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InputError
from app.domain.model import Frequency, Note, Purchase
from app.domain.survivor import (
    DEFAULT_HOLDING_MONTHS,
    eligibility_date,
    estate_amount,
    holding_months,
    stated_limits,
)

# Ally Term Notes supplement No. 213 (shared/reference/): 02006DTT8, 2.350% monthly, settle
# 11/29/2019, first coupon 12/15/2019, Survivor's Option "Yes".
ALLY = Note("02006DTT8", Decimal("2.350"), Frequency.MONTHLY, date(2019, 11, 29), date(2022, 11, 15),
            date(2019, 12, 15), survivors_option=True)  # fmt: skip

# Typical prospectus wording (InterNotes / Ally Term Notes prospectus supplements).
TYPICAL = (
    "The Survivor's Option may be exercised by the authorized representative of a deceased beneficial "
    "owner, provided the Notes were acquired at least six months prior to the exercise. We may limit "
    "the aggregate principal amount of Notes repaid in any calendar year to the greater of $2,000,000 "
    "or 2% of the outstanding principal amount; and $250,000 per deceased owner per year."
)


def holding(settle: date, amount: str = "1000", note: Note = ALLY) -> Purchase:
    return Purchase(note, Decimal(amount), settle, Decimal(100))


# Source: domain.md "Survivor's option" — eligible six months after the purchase settles; the day
# clamps to the month's end like every month step of the engine (dates.add_months).
ELIGIBILITY = [
    (date(2019, 11, 29), date(2020, 5, 29)),
    (date(2019, 8, 31), date(2020, 2, 29)),  # leap February
    (date(2021, 8, 31), date(2022, 2, 28)),
    (date(2020, 3, 15), date(2020, 9, 15)),
]


@pytest.mark.parametrize(("settle", "eligible"), ELIGIBILITY)
def test_eligible_six_months_after_the_purchase_settles(settle: date, eligible: date) -> None:
    assert eligibility_date(holding(settle)) == eligible


def test_a_stated_holding_period_wins_and_the_caller_may_override_it() -> None:
    note = replace(ALLY, survivors_option_text="Notes held for at least twelve (12) months.")
    assert eligibility_date(holding(date(2019, 11, 29), note=note)) == date(2020, 11, 29)
    assert eligibility_date(holding(date(2019, 11, 29), note=note), months=3) == date(2020, 2, 29)


# Source: the supplements' wordings of the holding period.
HOLDING_WORDINGS = [
    (None, DEFAULT_HOLDING_MONTHS),
    ("", DEFAULT_HOLDING_MONTHS),
    (TYPICAL, 6),
    ("The Notes must have been held for at least 6 months.", 6),
    ("provided the Notes have been owned for a minimum of one year", 12),
    ("held by the deceased for at least twelve (12) months prior to the request", 12),
    ("Limited to $250,000 per deceased owner in any 12-month period.", DEFAULT_HOLDING_MONTHS),
]


@pytest.mark.parametrize(("text", "months"), HOLDING_WORDINGS)
def test_holding_period_as_stated(text: str | None, months: int) -> None:
    note = Note("X", Decimal(5), Frequency.MONTHLY, date(2020, 1, 15), date(2030, 1, 15), None,
                survivors_option_text=text)  # fmt: skip
    assert holding_months(note) == months


# Source: domain.md check values — accrued on 1/10/2020 per $1,000 of 02006DTT8 = 25 days → $1.63;
# repaid at 100% + accrued, rounded once on the whole position ($25,000: 25,000 × 2.35% × 25/360
# = 40.798… → $40.80, not 25 × $1.63 = $40.75).
ESTATE = [
    ("1000", date(2020, 1, 10), "1001.63"),
    ("25000", date(2020, 1, 10), "25040.80"),
    ("25000", date(2020, 1, 15), "25000.00"),  # a coupon date: nothing accrued (the coupon is paid)
    ("1000", date(2019, 11, 29), "1000.00"),  # the original issue date: settles flat
    ("1000", date(2019, 12, 14), "1000.98"),  # 15 days of the short first period
    ("5000", date(2022, 11, 14), "5009.47"),  # the day before maturity: 29 days
]


@pytest.mark.parametrize(("amount", "on", "expected"), ESTATE)
def test_the_estate_receives_principal_at_par_plus_accrued(amount: str, on: date, expected: str) -> None:
    assert estate_amount(holding(date(2019, 11, 29), amount), on) == Decimal(expected)


@pytest.mark.parametrize("on", [date(2019, 11, 28), date(2022, 11, 15), date(2023, 1, 1)])
def test_the_estate_amount_outside_the_holding_is_an_input_error(on: date) -> None:
    with pytest.raises(InputError, match="out of range"):
        estate_amount(holding(date(2019, 11, 29)), on)


def test_the_limits_are_the_supplements_own_words() -> None:
    note = Note("X", Decimal(5), Frequency.MONTHLY, date(2020, 1, 15), date(2030, 1, 15), None,
                survivors_option_text=TYPICAL)  # fmt: skip
    assert stated_limits(note) == (
        "We may limit the aggregate principal amount of Notes repaid in any calendar year to the "
        "greater of $2,000,000 or 2% of the outstanding principal amount; and $250,000 per deceased "
        "owner per year."
    )
    assert stated_limits(ALLY) is None


def test_the_quote_carries_the_option_so_every_output_has_it() -> None:
    """house.md: the window computed this itself; the quote has it now (``Quote.survivor``). Ally
    02006DTT8, $25,000 settling 1/10/2020: eligible 7/10/2020, when 25 days have accrued in the
    6/15 period: $25,000 + $40.80 (domain.md: 25 days → $1.63 per $1,000)."""
    from app.domain.model import Offering, SurvivorOption
    from app.domain.quote import make_purchase, quote

    note = replace(ALLY, survivors_option_text=TYPICAL)
    offering = Offering((note,), settle_date=date(2019, 11, 29))
    q = quote(make_purchase(offering, note, Decimal(25000), date(2020, 1, 10)))
    assert q.survivor == SurvivorOption(date(2020, 7, 10), Decimal("25040.80"), stated_limits(note))
    assert q.survivor.limits is not None and "$250,000 per deceased owner" in q.survivor.limits
    late = quote(make_purchase(offering, note, Decimal(1000), date(2022, 8, 1)))
    assert late.survivor == SurvivorOption(date(2023, 2, 1), None, stated_limits(note))  # after maturity
    for without in (False, None):
        plain = replace(note, survivors_option=without)
        assert (
            quote(make_purchase(Offering((plain,)), plain, Decimal(1000), date(2020, 1, 10))).survivor is None
        )
