"""Benchmark (a script, not a test): schedule + all coupons + accrued for one purchase of a
30-year monthly note, ours (cold cache) against QuantLib doing the same work in the same run.

Run: ``python tests/bench/bench_engine.py [--json]``. Goal: ratio ≤ 1.0.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.domain.calls import note_calls
from app.domain.model import CallFrequency, Frequency, Note, NoticeKind, Offering, Redemption
from app.domain.quote import make_purchase, quote
from app.domain.schedule import periods

NOTE = Note(
    "BENCH0001",
    Decimal("5.250"),
    Frequency.MONTHLY,
    date(2024, 11, 29),
    date(2054, 11, 15),
    date(2024, 12, 15),
    redemption=Redemption(
        None, True, Decimal(100), date(2025, 11, 15), CallFrequency.MONTHLY, 30, NoticeKind.CALENDAR
    ),
)
OFFERING = Offering((NOTE,), settle_date=date(2024, 11, 29))
PLAIN = replace(NOTE, cusip="BENCH0002", redemption=Redemption(callable=False))  # issue 2's note
PLAIN_OFFERING = Offering((PLAIN,), settle_date=date(2024, 11, 29))
SETTLE = date(2031, 3, 7)


def ours() -> None:
    """Exactly the work QuantLib does below: schedule, every coupon, the accrued."""
    periods.cache_clear()
    note_calls.cache_clear()
    quote(make_purchase(PLAIN_OFFERING, PLAIN, Decimal(25000), SETTLE), with_yields=False)


def ours_callable() -> None:
    """The same plus the 348 call dates with their notice dates (the callable note)."""
    periods.cache_clear()
    note_calls.cache_clear()
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), SETTLE), with_yields=False)


def ours_warm() -> None:
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), SETTLE), with_yields=False)


def ours_full() -> None:
    """A whole edit: the quote with all 348 yields to call, YTM and YTW (schedule cached)."""
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), SETTLE))


def quantlib() -> Callable[[], None]:
    import QuantLib as ql

    cal = ql.UnitedStates(ql.UnitedStates.FederalReserve)
    dc = ql.Thirty360(ql.Thirty360.BondBasis)
    ql.Settings.instance().evaluationDate = ql.Date(29, 11, 2024)

    def run() -> None:
        sched = ql.Schedule(
            ql.Date(29, 11, 2024),
            ql.Date(15, 11, 2054),
            ql.Period(ql.Monthly),
            cal,
            ql.Unadjusted,
            ql.Unadjusted,
            ql.DateGeneration.Backward,
            False,
            ql.Date(15, 12, 2024),
        )
        bond = ql.FixedRateBond(0, 25000.0, sched, [0.0525], dc, ql.Following, 100.0, ql.Date(29, 11, 2024))
        for cf in bond.cashflows():
            cf.date(), cf.amount()
        bond.accruedAmount(ql.Date(7, 3, 2031))

    return run


def timeit(fn: Callable[[], None], repeat: int = 300) -> float:
    """Median milliseconds of one call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure() -> dict[str, float]:
    cold, warm, ql_ms = timeit(ours), timeit(ours_warm), timeit(quantlib())
    return {
        "engine_cold_ms": cold,
        "engine_warm_ms": warm,
        "quantlib_ms": ql_ms,
        "ratio_cold_to_quantlib": cold / ql_ms,
        "engine_cold_callable_ms": timeit(ours_callable),
        "quote_with_yields_ms": timeit(ours_full),
    }


def main() -> None:
    figures = measure()
    if "--json" in sys.argv:
        print(json.dumps(figures))
        return
    print("30-year monthly note, 360 coupons, one purchase (median of 300):")
    print(f"  engine, cold (schedule built): {figures['engine_cold_ms']:.3f} ms")
    print(f"  engine, warm (schedule cached): {figures['engine_warm_ms']:.3f} ms")
    print(f"  engine, cold, + 348 call dates: {figures['engine_cold_callable_ms']:.3f} ms")
    print(f"  QuantLib same work:            {figures['quantlib_ms']:.3f} ms")
    print(f"  ratio cold/QuantLib:           {figures['ratio_cold_to_quantlib']:.2f} (goal ≤ 1.0)")
    print(f"  whole quote incl. 348 yields:  {figures['quote_with_yields_ms']:.3f} ms (goal < 16)")


if __name__ == "__main__":
    main()
