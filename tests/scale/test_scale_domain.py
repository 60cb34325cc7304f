"""Scale (issue 8): a 5,000-CUSIP offering file loads quickly; a 50-year monthly note with monthly
calls still prices within one frame. Bounds are generous (CI shares 2 cores); the figures
themselves are printed by tests/bench/run_all.py."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.calls import note_calls
from app.domain.model import CallFrequency, Frequency, Note, NoticeKind, Offering, Redemption
from app.domain.quote import make_purchase, quote
from app.domain.schedule import periods
from app.sources import load_path
from app.sources.offering_json import dumps
from tests.offerings import big_offering


def test_five_thousand_cusips_load(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(dumps(big_offering(5000)), encoding="utf-8")
    start = time.perf_counter()
    offering, warnings = load_path(path)
    elapsed = time.perf_counter() - start
    assert len(offering.notes) == 5000 and warnings == []
    assert elapsed < 5.0, f"5,000 CUSIPs took {elapsed:.2f} s"


def test_fifty_year_monthly_callable_note_prices_within_a_frame() -> None:
    note = Note(
        "FIFTY0001",
        Decimal("5.125"),
        Frequency.MONTHLY,
        date(2026, 1, 29),
        date(2076, 1, 15),
        date(2026, 2, 15),
        redemption=Redemption(
            None, True, Decimal(100), date(2027, 1, 15), CallFrequency.MONTHLY, 30, NoticeKind.CALENDAR
        ),
    )
    offering = Offering((note,), settle_date=date(2026, 1, 29))
    q = quote(make_purchase(offering, note, Decimal(25000), date(2026, 3, 3), Decimal("101.5")))
    assert len(periods(note)) == 600 and len(note_calls(note)) == 588
    samples = []
    for day in range(1, 29):  # an edit: new settle date and amount, schedule already cached
        start = time.perf_counter()
        q = quote(make_purchase(offering, note, Decimal(1000 * day), date(2026, 4, day), Decimal("101.5")))
        samples.append(time.perf_counter() - start)
    samples.sort()
    assert samples[len(samples) // 2] < 0.016, f"median {samples[len(samples) // 2] * 1000:.1f} ms"
    assert q.yields is None or q.yields.worst_pct is not None
