"""Cell values as printed in supplements (domain.md "Layouts"), and step-up rate schedules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.daycount import DayCount
from app.domain.model import CouponType, Frequency, Step
from app.sources import coupon_steps, values

DATES = [
    ("11/15/2022", date(2022, 11, 15)),
    ("11/15/22", date(2022, 11, 15)),
    ("November 15, 2022", date(2022, 11, 15)),
    ("Nov. 15, 2022", date(2022, 11, 15)),
    ("Sept. 15, 2008", date(2008, 9, 15)),
    ("Tuesday, November 15, 2022", date(2022, 11, 15)),
    ("2022-11-15", date(2022, 11, 15)),
    ("15 November 2022", date(2022, 11, 15)),
    ("11/15/2022*", date(2022, 11, 15)),
    ("April and October 15 of each year, beginning April 15, 2018", date(2018, 4, 15)),
    ("The 15th of each month, commencing December 15, 2019", date(2019, 12, 15)),
]


@pytest.mark.parametrize(("cell", "expected"), DATES)
def test_dates(cell: str, expected: date) -> None:
    assert values.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["", "13/45/2022", "2/30/2020", "soon", "11/15", "Monthly"])
def test_bad_dates(cell: str) -> None:
    with pytest.raises(ValueError):
        values.parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("100%", "100"), ("100.000%", "100.000"), ("100.00 %", "100.00"), ("2.350", "2.350"),
     ("1.125 %", "1.125"), (".875%", "0.875")],
)  # fmt: skip
def test_percents_keep_the_printed_digits(cell: str, expected: str) -> None:
    assert str(values.parse_percent(cell)) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("$1,185,000.00", "1185000.00"), ("$1.04", "1.04"), ("1000", "1000"), ("$ 20.15", "20.15")],
)
def test_money(cell: str, expected: str) -> None:
    assert values.parse_money(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", ["[]", "[—]", "[ ]", "$[—]", "[–]", "[•]", "TBD"])
def test_placeholders(cell: str) -> None:
    assert values.is_placeholder(cell)
    with pytest.raises(values.Placeholder):
        values.parse_money(cell)


@pytest.mark.parametrize("cell", ["$1,18,000", "1.2.3", "12%x", "-5"])
def test_bad_money(cell: str) -> None:
    with pytest.raises(ValueError):
        values.parse_money(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("MONTHLY", Frequency.MONTHLY), ("Monthly", Frequency.MONTHLY),
     ("Quarterly", Frequency.QUARTERLY), ("Semi-Annual", Frequency.SEMIANNUAL),
     ("SEMI-ANNUALLY", Frequency.SEMIANNUAL), ("Semiannual", Frequency.SEMIANNUAL),
     ("Annual", Frequency.ANNUAL), ("Annually", Frequency.ANNUAL),
     ("At Maturity", Frequency.AT_MATURITY)],
)  # fmt: skip
def test_frequencies(cell: str, expected: Frequency) -> None:
    assert values.parse_frequency(cell) is expected


def test_enums() -> None:
    assert values.parse_coupon_type("FIXED") is CouponType.FIXED
    assert values.parse_coupon_type("Step-Up") is CouponType.STEP
    assert values.parse_coupon_type("Floating Rate") is CouponType.FLOATING
    assert values.parse_coupon_type("Zero Coupon") is CouponType.ZERO
    assert values.parse_yes_no("YES") is True and values.parse_yes_no("No") is False
    assert values.parse_day_count("30/360") is DayCount.THIRTY_360
    with pytest.raises(ValueError):
        values.parse_yes_no("Maybe")


ISSUE = date(2017, 6, 20)
STEPS = [
    (
        "3.00% to 6/20/2019, 3.50% to 6/20/2021, 4.00% thereafter",
        [(ISSUE, "3.00"), (date(2019, 6, 20), "3.50"), (date(2021, 6, 20), "4.00")],
    ),
    (
        "1.00% from and including June 20, 2017 to but excluding June 20, 2020; 1.50% from and "
        "including June 20, 2020 to but excluding June 20, 2023; 2.00% from and including June "
        "20, 2023",
        [(ISSUE, "1.00"), (date(2020, 6, 20), "1.50"), (date(2023, 6, 20), "2.00")],
    ),
    (
        "Step Schedule: 2.000% until 6/20/2018 and 2.500% thereafter",
        [(ISSUE, "2.000"), (date(2018, 6, 20), "2.500")],
    ),
    ("6/20/2019: 3.50%; 6/20/2021: 4.00%", [(date(2019, 6, 20), "3.50"), (date(2021, 6, 20), "4.00")]),
    ("no schedule here", []),
]


@pytest.mark.parametrize(("text", "expected"), STEPS, ids=[s[0][:30] for s in STEPS])
def test_step_schedules(text: str, expected: list[tuple[date, str]]) -> None:
    assert coupon_steps.parse(text, ISSUE) == tuple(Step(d, Decimal(r)) for d, r in expected)
