"""Fixtures for the export tests: the Ally offering of Pricing Supplement No. 213, built in code.

Source: resources/samples/ally-term-notes-pricing-supplement-213.txt (Ally Financial Term Notes,
Series A, Preliminary Pricing Supplement No. 213, 2019-11-18), CUSIP 02006DTT8 and 02006DTU5.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.model import (
    CallFrequency,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    Purchase,
    Quote,
    Redemption,
)
from app.domain.quote import make_purchase, quote
from app.sources.offering_json import dumps

CALL_TEXT = "Callable at 100% on 11/15/2020 and Monthly thereafter with 30 Calendar Days Notice."


def _redemption() -> Redemption:
    return Redemption(
        text=CALL_TEXT,
        callable=True,
        price_pct=Decimal(100),
        first_call_date=date(2020, 11, 15),
        frequency=CallFrequency.MONTHLY,
        notice_days=30,
        notice_kind=NoticeKind.CALENDAR,
    )


def _note(cusip: str, rate: str, maturity: date, first_amount: str, concession: str) -> Note:
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
        redemption=_redemption(),
    )


ALLY = Offering(
    notes=(
        _note("02006DTT8", "2.350", date(2022, 11, 15), "1.04", "1.125"),
        _note("02006DTU5", "2.600", date(2024, 11, 15), "1.16", "1.700"),
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

SAMPLE = Path(__file__).resolve().parents[2] / "resources/samples/ally-term-notes-pricing-supplement-213.txt"


def ally_purchase(amount: str = "25000", settle: date = date(2020, 1, 10)) -> Purchase:
    """A purchase of 02006DTT8; by default the secondary one of domain.md's check values:
    $25,000 settling 1/10/2020, 25 days into the 12/15/2019 period."""
    note = ALLY.note("02006DTT8")
    assert note is not None
    return make_purchase(ALLY, note, amount=Decimal(amount), settle_date=settle)


@pytest.fixture
def offering() -> Offering:
    return ALLY


@pytest.fixture
def ally_quote() -> Quote:
    """$25,000 of 02006DTT8 settling 2020-01-10 (accrued $40.80, total $25,040.80)."""
    return quote(ally_purchase())


@pytest.fixture
def new_issue_quote() -> Quote:
    """$1,000 of 02006DTT8 at issue (settles flat): all 36 coupons."""
    return quote(ally_purchase("1000", date(2019, 11, 29)))


@pytest.fixture
def sample_file() -> Path:
    """The bundled Ally supplement (the text the window opens on first start)."""
    return SAMPLE


@pytest.fixture
def offering_file(tmp_path: Path) -> Path:
    """The Ally offering as an offering file the CLI loads (``show --json`` format)."""
    path = tmp_path / "ally-213.json"
    path.write_text(dumps(ALLY), encoding="utf-8")
    return path
