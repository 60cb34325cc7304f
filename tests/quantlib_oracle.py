"""What the QuantLib oracle tests share: the library (the tests that import this are skipped
where it is not installed), 30/360 bond basis, schedule frequencies, dates converted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain.model import Frequency

ql = pytest.importorskip("QuantLib")

DC = ql.Thirty360(ql.Thirty360.BondBasis)
SCHEDULE_FREQ = {
    Frequency.MONTHLY: ql.Monthly,
    Frequency.QUARTERLY: ql.Quarterly,
    Frequency.SEMIANNUAL: ql.Semiannual,
    Frequency.ANNUAL: ql.Annual,
    Frequency.AT_MATURITY: ql.Once,
}


def qd(d: date) -> Any:
    return ql.Date(d.day, d.month, d.year)
