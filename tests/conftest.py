"""Suite-wide setup: Qt always runs offscreen in tests, whatever the shell says; tests marked
``timing`` (per-action time bounds) run first, in a process not yet grown by the rest. The
offerings the window and presentation tests share are built in code in tests/offerings.py (the
Ally supplement No. 213, with its source, and a 30-year monthly callable note); the export tests
have their own ``ally_quote`` (tests/reports/conftest.py)."""

import os
from datetime import date
from decimal import Decimal

import pytest

from app.domain.model import Offering, Quote
from app.domain.quote import make_purchase, quote
from app.ui.window import import_hooks
from tests import offerings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    import_hooks.install()  # as the program does before Qt: the suite's pyqtgraph behind the same hooks


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("timing") is None)  # stable: order kept


@pytest.fixture
def ally() -> Offering:
    return offerings.ALLY


@pytest.fixture
def ally_quote() -> Quote:
    """$25,000 of 02006DTT8 settling 2019-12-03: 4 days accrued = $6.53, total $25,006.53."""
    ally = offerings.ALLY
    return quote(make_purchase(ally, ally.notes[0], Decimal(25000), date(2019, 12, 3)))


@pytest.fixture
def long_offering() -> Offering:
    return offerings.long_offering()
