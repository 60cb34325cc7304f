"""Benchmark (a script, not a test): every yield of one purchase of a 30-year monthly note callable
monthly after one year (348 call dates) — yield to each call, to maturity and to worst — ours
against QuantLib solving the same yields one by one (a bond cut at each call date).

Run: ``python tests/bench/bench_yields.py [--json]``. Goal (issue 5): under 5 ms, so that a whole
edit fits in one 16 ms frame.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import cycle
from typing import Any

from bench_engine import clear_engine_caches

import app.domain.yield_solver as solver
from app.domain.calls import note_calls
from app.domain.model import CallFrequency, Frequency, Note, NoticeKind, Purchase, Redemption, Yields
from app.domain.schedule import periods
from app.domain.yields import purchase_yields

CALLS = Redemption(
    None, True, Decimal(100), date(2025, 11, 15), CallFrequency.MONTHLY, 30, NoticeKind.CALENDAR
)
NOTE = Note("BENCH0001", Decimal("5.250"), Frequency.MONTHLY, date(2024, 11, 29), date(2054, 11, 15),
            date(2024, 12, 15), redemption=CALLS)  # fmt: skip
SETTLE = date(2024, 12, 20)
PRICE = Decimal("101.500")
PURCHASE = Purchase(NOTE, Decimal(25000), SETTLE, PRICE)


def calls() -> tuple[Any, ...]:
    return tuple(c for c in note_calls(NOTE) if c.date > SETTLE)


# price edits: each call a price not seen before (the yields of a price are kept)
_PRICES = cycle([PRICE + Decimal(k) / 1000 for k in range(1000)])


def ours_warm() -> Yields:
    """A price edit in the window (its path: the note's own call dates, solved as arrays):
    schedule and call dates already built."""
    return purchase_yields(Purchase(NOTE, Decimal(25000), SETTLE, next(_PRICES)))


def ours_cold() -> Yields:
    """A new note: schedule and call dates built first."""
    clear_engine_caches()
    return purchase_yields(PURCHASE)


def ours_plain_python() -> Yields:
    """The general path (calls given) in plain Python, as ``calc`` solves a short note when
    numpy is not loaded (for comparison)."""
    use = solver.use_numpy
    solver.use_numpy = lambda work: False
    try:
        return purchase_yields(PURCHASE, calls())
    finally:
        solver.use_numpy = use


def quantlib() -> tuple[Callable[[], list[float]], Callable[[], list[float]]]:
    """QuantLib, one ``bondYield`` per workout: (solving only, bonds built beforehand) and
    (building each cut bond, then solving)."""
    import QuantLib as ql

    dc = ql.Thirty360(ql.Thirty360.BondBasis)
    ql.Settings.instance().evaluationDate = ql.Date(29, 11, 2024)
    settle = ql.Date(SETTLE.day, SETTLE.month, SETTLE.year)
    price = ql.BondPrice(float(PRICE), ql.BondPrice.Clean)
    dates = [NOTE.issue_date] + [p.accrual_end for p in periods(NOTE)]
    workouts = [(c.date, float(c.price_pct)) for c in calls()] + [(NOTE.maturity_date, 100.0)]

    def bond(end: date, redemption: float) -> Any:
        cut = [ql.Date(d.day, d.month, d.year) for d in dates if d <= end]
        schedule = ql.Schedule(cut, ql.NullCalendar(), ql.Unadjusted)
        return ql.FixedRateBond(0, 100.0, schedule, [0.0525], dc, ql.Unadjusted, redemption, cut[0])

    def solve(bonds: list[Any]) -> list[float]:
        return [ql.BondFunctions.bondYield(b, price, dc, ql.Compounded, ql.Monthly, settle, 1e-10, 100)
                for b in bonds]  # fmt: skip

    built = [bond(end, redemption) for end, redemption in workouts]
    return (lambda: solve(built)), (lambda: solve([bond(e, r) for e, r in workouts]))


def timeit(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of one call (after one warm-up call)."""
    return statistics.median(samples(fn, repeat))


def samples(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        found.append((time.perf_counter() - start) * 1000)
    return found


def measure() -> dict[str, float]:
    ql_solve, ql_build_and_solve = quantlib()
    theirs = ql_solve()
    differences = []
    for got in (purchase_yields(PURCHASE, places=None), purchase_yields(PURCHASE, calls(), places=None)):
        ours_all = [float(t.yield_pct) / 100 for t in got.to_call] + [float(got.maturity_pct or 0) / 100]
        differences += [abs(a - b) for a, b in zip(ours_all, theirs, strict=True)]
    warm_samples = samples(ours_warm, 300)
    warm = statistics.median(warm_samples)
    ql_ms = timeit(ql_solve, 30)
    return {
        "call_dates": len(got.to_call),
        "ours_ms": warm,
        "ours_best_ms": min(warm_samples),
        "ours_cold_ms": timeit(ours_cold, 100),
        "ours_plain_python_ms": timeit(ours_plain_python, 30),
        "quantlib_ms": ql_ms,
        "quantlib_with_cut_bonds_ms": timeit(ql_build_and_solve, 10),
        "ratio_to_quantlib": warm / ql_ms,
        "max_abs_difference_pct": 100 * max(differences),
    }


def main() -> None:
    figures = measure()
    if "--json" in sys.argv:
        print(json.dumps(figures))
        return
    print(f"30-year monthly note, {figures['call_dates']:.0f} call dates: every yield to call + YTM + YTW, "
          "one purchase (median):")  # fmt: skip
    print(f"  ours (schedule cached):               {figures['ours_ms']:8.3f} ms   (goal < 5 ms)")
    print(f"  ours, best of 300:                    {figures['ours_best_ms']:8.3f} ms")
    print(f"  ours (schedule and calls built):      {figures['ours_cold_ms']:8.3f} ms")
    print(f"  ours, plain Python (no numpy):        {figures['ours_plain_python_ms']:8.3f} ms")
    print(f"  QuantLib, bondYield one by one:       {figures['quantlib_ms']:8.3f} ms")
    print(f"  QuantLib, cutting each bond as well:  {figures['quantlib_with_cut_bonds_ms']:8.3f} ms")
    print(f"  ratio ours/QuantLib:                  {figures['ratio_to_quantlib']:8.4f}")
    print(f"  largest difference from QuantLib:     {figures['max_abs_difference_pct']:.1e} %")


if __name__ == "__main__":
    main()
