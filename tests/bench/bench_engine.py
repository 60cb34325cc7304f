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
from datetime import date, timedelta
from decimal import Decimal
from itertools import cycle

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


def clear_engine_caches() -> None:
    """Forget everything the engine keeps per note (schedule, calls, coupons, yields)."""
    from app.domain import quote as quote_module
    from app.domain import yields

    for cached in (
        periods,
        note_calls,
        quote_module._note_coupons,
        yields._note_flows,
        yields._note_yields,
        yields._call_arrays,
    ):
        cached.cache_clear()


def ours() -> None:
    """Exactly the work QuantLib does below: schedule, every coupon, the accrued."""
    clear_engine_caches()
    quote(make_purchase(PLAIN_OFFERING, PLAIN, Decimal(25000), SETTLE), with_yields=False)


def ours_callable() -> None:
    """The same plus the 348 call dates with their notice dates (the callable note)."""
    clear_engine_caches()
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), SETTLE), with_yields=False)


# edits: each call a settle date (an amount) not seen before, the note's schedule kept
_SETTLES = cycle([SETTLE + timedelta(days=k) for k in range(1000)])
_AMOUNTS = cycle([Decimal(1000 * k) for k in range(1, 1000)])


def ours_warm() -> None:
    """A settle date changed: schedule cached, coupons and accrued for the new date."""
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), next(_SETTLES)), with_yields=False)


def ours_full() -> None:
    """A whole settle edit: the quote with all 348 yields to call, YTM and YTW."""
    quote(make_purchase(OFFERING, NOTE, Decimal(25000), next(_SETTLES)))


def ours_amount() -> None:
    """A whole amount edit: coupons on the new amount; the yields do not depend on it."""
    quote(make_purchase(OFFERING, NOTE, next(_AMOUNTS), SETTLE))


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
        "quote_amount_edit_ms": timeit(ours_amount),
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
    print(f"  whole quote, amount typed:     {figures['quote_amount_edit_ms']:.3f} ms")


if __name__ == "__main__":
    main()
