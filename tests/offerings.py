"""Offerings the tests build in code (so model, window and export tests do not depend on a loader):
the Ally offering of Pricing Supplement No. 213, a long monthly callable note, a many-CUSIP file.

Source of ``ALLY``: resources/samples/ally-term-notes-pricing-supplement-213.txt (the supplement
in shared/reference/: Ally Financial Term Notes, Series A, Preliminary Pricing Supplement
No. 213, 2019-11-18), CUSIP 02006DTT8 and 02006DTU5. Import as ``from tests.offerings import …``
(pytest's importlib mode resolves ``tests`` from the rootdir; the benches put the root on the path).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.model import CallFrequency, Frequency, Note, NoticeKind, Offering, Redemption


def callable_monthly(first_call: date) -> Redemption:
    """The Ally wording: "Callable at 100% on <first_call> and Monthly thereafter …"."""
    return Redemption(
        text=f"Callable at 100% on {first_call:%m/%d/%Y} and Monthly thereafter "
        "with 30 Calendar Days Notice.",
        callable=True,
        price_pct=Decimal(100),
        first_call_date=first_call,
        frequency=CallFrequency.MONTHLY,
        notice_days=30,
        notice_kind=NoticeKind.CALENDAR,
    )


def _ally_note(cusip: str, rate: str, maturity: date, first_amount: str, concession: str) -> Note:
    return Note(
        cusip=cusip,
        coupon_rate_pct=Decimal(rate),
        frequency=Frequency.MONTHLY,
        issue_date=date(2019, 11, 29),
        maturity_date=maturity,
        first_coupon_date=date(2019, 12, 15),
        price_pct=Decimal("100.00"),
        concession_pct=Decimal(concession),
        first_coupon_amount=Decimal(first_amount),
        survivors_option=True,
        ranking="Senior Unsecured Notes",
        redemption=callable_monthly(date(2020, 11, 15)),
    )


ALLY = Offering(
    notes=(
        _ally_note("02006DTT8", "2.350", date(2022, 11, 15), "1.04", "1.125"),
        _ally_note("02006DTU5", "2.600", date(2024, 11, 15), "1.16", "1.700"),
    ),
    issuer="Ally Financial Inc.",
    program="Ally Financial Term Notes, Series A",
    document="Preliminary Pricing Supplement No. 213",
    preliminary=True,
    supplement_date=date(2019, 11, 18),
    prospectus_date=date(2018, 8, 7),
    registration_no="333-226651",
    offering_start=date(2019, 11, 18),
    offering_end=date(2019, 11, 25),
    trade_date=date(2019, 11, 25),
    settle_date=date(2019, 11, 29),
    minimum_denomination=Decimal(1000),
    increment=Decimal(1000),
    dtc_number="0235",
    agents=("Incapital LLC", "Citigroup", "RBC Capital Markets", "Morgan Stanley", "J.P. Morgan"),
)


def long_offering(years: int = 30) -> Offering:
    """One 5.250% monthly note maturing ``years`` after 2020-01-15, callable monthly after a year
    (the window benchmarks' note; 30 years = 360 coupons, 348 call dates)."""
    note = Note(
        cusip="99999ZZZ0",
        coupon_rate_pct=Decimal("5.250"),
        frequency=Frequency.MONTHLY,
        issue_date=date(2020, 1, 15),
        maturity_date=date(2020 + years, 1, 15),
        first_coupon_date=date(2020, 2, 15),
        price_pct=Decimal(100),
        redemption=callable_monthly(date(2021, 1, 15)),
    )
    return Offering(
        notes=(note,),
        issuer="Example Finance Corp.",
        document=f"{years}-year monthly note callable monthly after one year",
        settle_date=date(2020, 1, 15),
        minimum_denomination=Decimal(1000),
        increment=Decimal(1000),
    )


def big_offering(count: int) -> Offering:
    """``count`` monthly callable CUSIPs (T0000000X, T0000001X, …) in one offering."""
    notes = []
    for i in range(count):
        call = Redemption(
            "Callable",
            True,
            Decimal(100),
            date(2027, 1 + i % 12, 15),
            CallFrequency.MONTHLY,
            30,
            NoticeKind.CALENDAR,
        )
        notes.append(
            Note(
                f"T{i:07d}X",
                Decimal(1000 + i % 5000) / 1000,
                Frequency.MONTHLY,
                date(2026, 1, 29),
                date(2030 + i % 40, 1 + i % 12, 15),
                date(2026, 2, 15),
                redemption=call,
            )
        )
    return Offering(
        tuple(notes),
        issuer="Scale Test",
        settle_date=date(2026, 1, 29),
        minimum_denomination=Decimal(1000),
        increment=Decimal(1000),
    )
