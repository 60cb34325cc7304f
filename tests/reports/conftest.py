"""Fixtures for the export tests: the Ally offering of Pricing Supplement No. 213 (built in code in
tests/offerings.py, with its source), purchases of it, and the files the CLI loads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.model import Offering, Purchase, Quote
from app.domain.quote import make_purchase, quote
from app.sources.offering_json import dumps
from tests.offerings import ALLY

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
