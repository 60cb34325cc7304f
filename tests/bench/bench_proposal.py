"""Benchmark (a script, not a test): the advisor's desk in the domain (issue 15).

Proposal: 50 positions, each a different 30-year monthly note callable monthly after a year
(360 coupons, 348 call dates), each settling on its own date; one position's amount changed →
every proposal figure read again (totals, months and years held and if called first, the chart's
month series, the call risk, the principal markers, the payment list's length and first page).
Compare: 5,000 CUSIPs: the rows built, their yields computed (a worker's job), re-sorted.

Run: ``python tests/bench/bench_proposal.py [--json]``. Goals: an edit's domain part ≤ 2 ms (the
whole repaint ≤ 16 ms p99); compare rows built ≤ 1 s, re-sorted ≤ 100 ms.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.offerings, run as a script

from app.domain.compare import CompareTable
from app.domain.holding import Position
from app.domain.model import Offering
from app.domain.proposal import Proposal, ProposalInputs
from tests.offerings import big_offering, long_offering

POSITIONS = 50
CUSIPS = 5000
EDITS = 500


def offering() -> Offering:
    """50 different 30-year monthly notes callable monthly after one year, in one offering."""
    base = long_offering(30).notes[0]
    notes = tuple(
        replace(base, cusip=f"BENCH{i:04d}", coupon_rate_pct=rate, maturity_date=date(2050, 1 + i % 12, 15))
        for i, rate in enumerate(Decimal("4.000") + Decimal(i) / 40 for i in range(POSITIONS))
    )
    thousand = Decimal(1000)
    return Offering(notes, issuer="Bench Finance", settle_date=date(2020, 1, 15),
                    minimum_denomination=thousand, increment=thousand)  # fmt: skip


def proposal(source: Offering) -> Proposal:
    positions = tuple(
        Position(
            "/bench/notes.txt", n.cusip, Decimal(1000 * (i + 5)), date(2020, 1, 15) + timedelta(days=3 * i)
        )
        for i, n in enumerate(source.notes)
    )
    return Proposal.build(ProposalInputs("Bench Client", positions=positions), {"/bench/notes.txt": source})


def read_all(p: Proposal) -> None:
    """Every figure the proposal panel and its chart show."""
    shown: list[object] = [p.totals, p.call_risk, p.principal_flows(), p.principal_flows(True)]
    for called in (False, True):
        flows = p.cash_flows(called)
        shown += [p.by_month(called), p.by_year(called), p.month_series(called), flows[: min(40, len(flows))]]


def samples(
    fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Milliseconds of each of ``repeat`` calls by ``clock`` (``time.thread_time``: the CPU time
    of this thread, which other processes on a loaded machine do not inflate)."""
    found = []
    for _ in range(repeat):
        start = clock()
        fn()
        found.append((clock() - start) * 1000)
    return found


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def measure_proposal() -> dict[str, float]:
    source = offering()
    start = time.perf_counter()
    p = proposal(source)
    build_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    flows = len(p.cash_flows()) + len(p.cash_flows(True))
    order_ms = (time.perf_counter() - start) * 1000
    rng = random.Random(15)

    def edit() -> None:
        p.set_amount(rng.randrange(POSITIONS), Decimal(1000 * rng.randint(1, 500)))
        read_all(p)

    def edit_only() -> None:
        p.set_amount(rng.randrange(POSITIONS), Decimal(1000 * rng.randint(1, 500)))

    edit()
    edits = samples(edit, EDITS)
    cpu = samples(edit, EDITS, time.thread_time)
    alone = samples(edit_only, EDITS)
    # the window freezes what start-up built (gc.freeze); frozen, the proposal's 70,000 coupon,
    # period and call rows (NamedTuples stay tracked) leave the full collections that scan them
    gc.collect()
    gc.freeze()
    try:
        frozen = samples(edit, EDITS)
    finally:
        gc.unfreeze()
    return {
        "positions": POSITIONS,
        "payments": flows,
        "build_ms": build_ms,
        "cash_flows_order_ms": order_ms,
        "edit_amount_p50_ms": statistics.median(edits),
        "edit_amount_p99_ms": p99(edits),
        "edit_amount_max_ms": max(edits),
        "edit_amount_cpu_p50_ms": statistics.median(cpu),
        "edit_amount_cpu_p99_ms": p99(cpu),
        "edit_amount_frozen_p99_ms": p99(frozen),
        "edit_only_p50_ms": statistics.median(alone),
    }


def measure_compare() -> dict[str, float]:
    big = big_offering(CUSIPS)
    build = samples(lambda: CompareTable.of([("/bench/big.txt", big)]), 5)
    table = CompareTable.of([("/bench/big.txt", big)])
    start = time.perf_counter()
    table.compute()
    yields_s = time.perf_counter() - start
    sorts = {
        column: max(samples(lambda c=column: table.order(c, descending=True), 5))  # type: ignore[misc]
        for column in ("worst_bey_pct", "maturity_date", "issuer", "call_protection_years")
    }
    return {
        "compare_rows": len(table),
        "compare_build_ms": statistics.median(build),
        "compare_yields_all_s": yields_s,
        "compare_yields_per_row_ms": yields_s * 1000 / len(table),
        "compare_sort_ms": max(sorts.values()),
        "compare_sort_worst_bey_ms": sorts["worst_bey_pct"],
    }


def measure() -> dict[str, float]:
    return measure_proposal() | measure_compare()


def main() -> None:
    f = measure()
    if "--json" in sys.argv:
        print(json.dumps(f))
        return
    print(f"proposal: {f['positions']:.0f} positions of 30-year monthly callable notes, ", end="")
    print(f"{f['payments']:.0f} payments")
    print(f"  built (cold, every note new):                  {f['build_ms']:8.1f} ms")
    print(f"  payment lists ordered (once per date change):  {f['cash_flows_order_ms']:8.1f} ms")
    print(
        f"  amount edit → every figure, p50:               {f['edit_amount_p50_ms']:8.3f} ms   (goal ≤ 2 ms)"
    )
    print(
        f"  amount edit → every figure, p99:               {f['edit_amount_p99_ms']:8.3f} ms   (goal ≤ 2 ms)"
    )
    print(f"  amount edit → every figure, max:               {f['edit_amount_max_ms']:8.3f} ms")
    print(f"  the same in CPU time, p50:                     {f['edit_amount_cpu_p50_ms']:8.3f} ms")
    print(f"  the same in CPU time, p99:                     {f['edit_amount_cpu_p99_ms']:8.3f} ms")
    print(f"  the same after gc.freeze(), p99:               {f['edit_amount_frozen_p99_ms']:8.3f} ms")
    print(f"  amount edit alone (running sums), p50:         {f['edit_only_p50_ms']:8.3f} ms")
    print(f"compare: {f['compare_rows']:.0f} CUSIPs")
    print(
        f"  rows built:                                    {f['compare_build_ms']:8.1f} ms   (goal ≤ 1000 ms)"
    )
    print(
        f"  re-sort, slowest column:                       {f['compare_sort_ms']:8.1f} ms   (goal ≤ 100 ms)"
    )
    print(f"  yields of every row (a worker's job):          {f['compare_yields_all_s']:8.1f} s")
    print(f"  yields per row:                                {f['compare_yields_per_row_ms']:8.2f} ms")


if __name__ == "__main__":
    main()
