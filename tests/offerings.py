"""Offerings the tests build in code (so model, window and export tests do not depend on a loader):
the Ally offering of Pricing Supplement No. 213, a long monthly callable note, a many-CUSIP file,
John Hancock's zero-coupon note and Chubb's term-sheet note (documents.md check values).

Source of ``ALLY``: resources/samples/ally-term-notes-pricing-supplement-213.txt (the supplement
in shared/reference/: Ally Financial Term Notes, Series A, Preliminary Pricing Supplement
No. 213, 2019-11-18), CUSIP 02006DTT8 and 02006DTU5. Import as ``from tests.offerings import …``
(pytest's importlib mode resolves ``tests`` from the rootdir; the benches put the root on the path).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.model import (
    CallFrequency,
    CallPrice,
    CouponType,
    DocumentFamily,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    PrintedYield,
    Redemption,
    YieldBasis,
)


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


# John Hancock SignatureNotes 2002 (documents.md, family 5): 41013MBT6, a zero-coupon note issued
# 10/29/2002, maturing 4/15/2015, price 50.000% → 5.641% semi-annual bond-equivalent ("implicit
# rate"). The two call dates and their amounts per $1,000 ($705, $800) are the tests' own: a
# callable zero pays a stated amount on each call date (Redemption.schedule, price = amount / 10).
JOHN_HANCOCK_ZERO = Note(
    cusip="41013MBT6",
    coupon_rate_pct=None,
    frequency=Frequency.AT_MATURITY,
    issue_date=date(2002, 10, 29),
    maturity_date=date(2015, 4, 15),
    coupon_type=CouponType.ZERO,
    price_pct=Decimal("50.000"),
    redemption=Redemption(
        text="Redeemable on 10/15/2007 at $705.00 and on 10/15/2010 at $800.00 per $1,000",
        callable=True,
        schedule=(
            CallPrice(date(2007, 10, 15), Decimal("70.5")),
            CallPrice(date(2010, 10, 15), Decimal("80.0")),
        ),
    ),
    printed_yield=PrintedYield(Decimal("5.641"), "Implicit Rate", YieldBasis.BOND_EQUIVALENT),
)
JOHN_HANCOCK = Offering(
    notes=(JOHN_HANCOCK_ZERO,),
    issuer="John Hancock Life Insurance Company",
    program="SignatureNotes",
    settle_date=date(2002, 10, 29),
    minimum_denomination=Decimal(1000),
    increment=Decimal(1000),
    family=DocumentFamily.ZERO_COUPON,
)

# Chubb INA Holdings 5.000% notes due 3/15/2034 (documents.md, family 2, pricing term sheet):
# settle 3/7/2024 (T+3), first coupon 9/15/2024 (long), price 99.648% → yield to maturity 5.045%;
# "Make-Whole Call prior to December 15, 2033 (T + 15 basis points)", "Par Call on or after
# December 15, 2033".
CHUBB_2034 = Note(
    cusip="171239AK2",
    coupon_rate_pct=Decimal("5.000"),
    frequency=Frequency.SEMIANNUAL,
    issue_date=date(2024, 3, 7),
    maturity_date=date(2034, 3, 15),
    first_coupon_date=date(2024, 9, 15),
    price_pct=Decimal("99.648"),
    redemption=Redemption(
        text="Make-Whole Call prior to December 15, 2033 (T + 15 basis points); "
        "Par Call on or after December 15, 2033",
        callable=True,
        price_pct=Decimal(100),
        first_call_date=date(2033, 12, 15),
        frequency=CallFrequency.CONTINUOUS,
        make_whole=True,
        make_whole_spread_bps=Decimal(15),
        make_whole_until=date(2033, 12, 15),
    ),
    printed_yield=PrintedYield(Decimal("5.045"), "Yield to Maturity"),
)
CHUBB = Offering(
    notes=(CHUBB_2034,),
    issuer="Chubb INA Holdings LLC",
    settle_date=date(2024, 3, 7),
    trade_date=date(2024, 3, 4),
    minimum_denomination=Decimal(2000),
    increment=Decimal(1000),
    family=DocumentFamily.TERM_SHEET,
)
