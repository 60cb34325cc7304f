"""Window tests run offscreen with their own settings file and log folder (never the user's).

Source of the offering: resources/samples/ally-term-notes-pricing-supplement-213.txt (Ally
Financial Term Notes, Preliminary Pricing Supplement No. 213, 2019-11-18), built here in code so
the model tests do not depend on the text loader.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.model import (
    CallFrequency,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    Quote,
    Redemption,
)
from app.domain.quote import make_purchase, quote
from app.ui import settings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """QSettings in a temporary INI file and the log in a temporary folder."""
    ini = tmp_path / "settings.ini"
    monkeypatch.setenv(settings.ENV, str(ini))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    settings.use_file(ini)
    yield ini
    settings.use_file(None)


def _callable_monthly(first_call: date) -> Redemption:
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
        redemption=_callable_monthly(date(2020, 11, 15)),
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
    settle_date=date(2019, 11, 29),
    trade_date=date(2019, 11, 25),
    minimum_denomination=Decimal(1000),
    increment=Decimal(1000),
)

LONG = Offering(
    notes=(
        Note(
            cusip="99999ZZZ0",
            coupon_rate_pct=Decimal("5.250"),
            frequency=Frequency.MONTHLY,
            issue_date=date(2020, 1, 15),
            maturity_date=date(2050, 1, 15),
            first_coupon_date=date(2020, 2, 15),
            price_pct=Decimal(100),
            redemption=_callable_monthly(date(2021, 1, 15)),
        ),
    ),
    issuer="Example Finance Corp.",
    document="30-year monthly note callable monthly after one year",
    settle_date=date(2020, 1, 15),
    minimum_denomination=Decimal(1000),
    increment=Decimal(1000),
)


@pytest.fixture
def ally() -> Offering:
    return ALLY


@pytest.fixture
def ally_quote() -> Quote:
    """$25,000 of 02006DTT8 settling 2019-12-03: 4 days accrued = $6.53, total $25,006.53."""
    note = ALLY.notes[0]
    return quote(make_purchase(ALLY, note, Decimal(25000), date(2019, 12, 3)))


@pytest.fixture
def long_offering() -> Offering:
    return LONG


@pytest.fixture
def window(qtbot: Any) -> Any:
    """The real main window with the bundled sample loaded, shown, first CUSIP selected."""
    from app.cli import CalcArgs
    from app.ui.app import build_window

    win = build_window([], CalcArgs(), screenshot=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
