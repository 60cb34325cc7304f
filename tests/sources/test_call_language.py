"""Every call wording of domain.md / issue 3 → the right ``Redemption`` structure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.model import CallFrequency as F
from app.domain.model import Frequency, NoticeKind
from app.sources.call_language import parse, strip_label

CAL, BUS = NoticeKind.CALENDAR, NoticeKind.BUSINESS
D = date

# wording → (callable, price_pct, first_call_date, frequency, notice_days, notice_kind, make_whole)
# Sources: Ally PS 213 (2019), CFC / HSBC / Prudential InterNotes, Deere CoreNotes, domain.md.
WORDINGS = [
    (
        "Callable at 100% on 11/15/2020 and Monthly thereafter with 30 Calendar Days Notice.",
        (True, "100", D(2020, 11, 15), F.MONTHLY, 30, CAL, False),
    ),
    (
        "Redemption Information: Callable at 100% on 11/15/2020 and Monthly thereafter with 30 "
        "Calendar Days Notice.",
        (True, "100", D(2020, 11, 15), F.MONTHLY, 30, CAL, False),
    ),
    (
        "Redemption Informa Redemption Information: Callable at 100% on 11/15/2020 and Monthly "
        "thereafter with 30 Calendar Days Notice.",
        (True, "100", D(2020, 11, 15), F.MONTHLY, 30, CAL, False),
    ),
    (
        "Callable at 100% on 7/15/2012 and Quarterly thereafter with 30 Calendar Days Notice.",
        (True, "100", D(2012, 7, 15), F.QUARTERLY, 30, CAL, False),
    ),
    (
        "Callable at 100% on 8/15/2013 and Semi-Annually thereafter with 30 Calendar Days Notice.",
        (True, "100", D(2013, 8, 15), F.SEMIANNUAL, 30, CAL, False),
    ),
    (
        "Callable at 100.000% on 6/15/2010 and Annually thereafter with 15 Calendar Days Notice.",
        (True, "100.000", D(2010, 6, 15), F.ANNUAL, 15, CAL, False),
    ),
    (
        "Callable at 100% on 2/15/2019 and any time thereafter with 10 New York business days' notice.",
        (True, "100", D(2019, 2, 15), F.CONTINUOUS, 10, BUS, False),
    ),
    (
        "Callable once on 6/15/2016 with 30 Calendar Days Notice.",
        (True, None, D(2016, 6, 15), F.ONCE, 30, CAL, False),
    ),
    (
        "Callable at 100% one time only on November 15, 2021 with 5 business days notice",
        (True, "100", D(2021, 11, 15), F.ONCE, 5, BUS, False),
    ),
    (
        "CALLABLE AT 100% ON 11/15/2020 AND MONTHLY THEREAFTER WITH 30 CALENDAR DAYS NOTICE",
        (True, "100", D(2020, 11, 15), F.MONTHLY, 30, CAL, False),
    ),
    (
        "Redeemable at par on any Interest Payment Date on or after May 15, 2021 upon not less "
        "than 30 nor more than 60 days' notice.",
        (True, "100", D(2021, 5, 15), F.QUARTERLY, 30, CAL, False),
    ),
    (
        "Redeemable in whole or in part at our option on or after 3/1/2022 at 100%.",
        (True, "100", D(2022, 3, 1), F.CONTINUOUS, None, None, False),
    ),
    (
        "Callable at 100% on 11/15/20 and Monthly thereafter with 30 Calendar Days Notice.",
        (True, "100", D(2020, 11, 15), F.MONTHLY, 30, CAL, False),
    ),
]
NOT_CALLABLE = [
    "Non-Callable",
    "Redemption Information:Non-Callable",
    "Redemption Information: NON-CALLABLE",
    "Noncallable",
    "The notes are not redeemable prior to the Stated Maturity Date.",
    "The notes will not be subject to redemption at our option.",
]


@pytest.mark.parametrize(("text", "expected"), WORDINGS, ids=[w[0][:40] for w in WORDINGS])
def test_call_wording(text: str, expected: tuple[object, ...]) -> None:
    reading = parse(text, Frequency.QUARTERLY)
    r = reading.redemption
    callable_, price, first, freq, days, kind, make_whole = expected
    assert r.callable is callable_
    assert r.price_pct == (Decimal(price) if isinstance(price, str) else None)
    assert (r.first_call_date, r.frequency) == (first, freq)
    assert (r.notice_days, r.notice_kind, r.make_whole) == (days, kind, make_whole)
    assert reading.warnings == ()
    assert r.text is not None and not r.text.lower().startswith("redemption")


@pytest.mark.parametrize("text", NOT_CALLABLE)
def test_not_callable(text: str) -> None:
    reading = parse(text)
    assert reading.redemption.callable is False
    assert reading.redemption.first_call_date is None
    assert reading.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Subject to our redemption right",
        "The notes are subject to our redemption right; see the prospectus supplement.",
        "Callable at our option.",
    ],
)
def test_prose_redemption_right_is_callable_on_unknown_terms(text: str) -> None:
    """Callable, terms in the prospectus: never guessed (domain.md "Calls"); read without a
    warning, the quote flags it once (tests/reports/test_call_warning_once.py)."""
    reading = parse(text)
    r = reading.redemption
    assert r.callable is True
    assert (r.first_call_date, r.frequency, r.notice_days) == (None, None, None)
    assert reading.warnings == ()


@pytest.mark.parametrize(
    ("text", "spread_bps"),
    [
        ("Make-whole call at any time at T + 25 bps", Decimal(25)),
        ("Redeemable at any time at the greater of 100% and a make-whole amount (T+25 bps).", Decimal(25)),
        ("Redeemable at our option at any time at the Treasury Rate plus 10 basis points.", Decimal(10)),
    ],
)
def test_make_whole(text: str, spread_bps: Decimal) -> None:
    reading = parse(text)
    r = reading.redemption
    assert r.callable is True and r.make_whole is True
    assert r.make_whole_spread_bps == spread_bps
    assert r.frequency is F.CONTINUOUS and r.first_call_date is None
    assert reading.warnings == ()  # the quote flags it (no call dates)


def test_make_whole_with_a_par_call_date() -> None:
    r = parse(
        "Callable at 100% on 5/15/2024 and any time thereafter; make-whole (T + 25 bps) before that date"
    ).redemption
    assert r.make_whole and r.first_call_date == D(2024, 5, 15) and r.frequency is F.CONTINUOUS


def test_interest_payment_dates_follow_the_coupon_frequency() -> None:
    text = "Callable at 100% on any interest payment date on or after 6/15/2021"
    assert parse(text, Frequency.MONTHLY).redemption.frequency is F.MONTHLY
    assert parse(text, Frequency.SEMIANNUAL).redemption.frequency is F.SEMIANNUAL


def test_empty_and_unknown() -> None:
    assert parse(None).redemption.callable is None
    assert parse("Redemption Information:").redemption.callable is None
    reading = parse("See the accompanying term sheet.")
    assert reading.redemption.callable is None
    assert reading.warnings and "not understood" in reading.warnings[0]


def test_strip_label() -> None:
    assert strip_label("Redemption Informa Redemption Information: Non-Callable") == "Non-Callable"
    assert strip_label("Call Provisions:  Callable  at 100%") == "Callable at 100%"
