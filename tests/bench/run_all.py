"""Every figure of the project in one table, with its goal, and the same as JSON.

Run: ``python tests/bench/run_all.py [--out bench-results.json] [--skip ui,sources]``.
Each ``bench_*.py`` beside this file exposes ``measure() -> dict``; this runner calls them in
turn (the UI one starts its own subprocesses), adds the bundle size when ``dist/termsheet`` exists,
prints the table and writes the JSON for comparison between versions.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass(frozen=True)
class Figure:
    """One row of the table: where it comes from, its unit and its goal (None = reported only)."""

    bench: str
    key: str
    label: str
    unit: str
    goal: float | None = None
    lower_is_better: bool = True

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "n/a"
        if self.goal is None:
            return ""
        ok = value <= self.goal if self.lower_is_better else value >= self.goal
        return "ok" if ok else "MISSED"


FIGURES = [
    Figure("engine", "engine_cold_ms", "engine: 30-y monthly schedule+coupons+accrued", "ms"),
    Figure("engine", "quantlib_ms", "QuantLib: the same work", "ms"),
    Figure("engine", "ratio_cold_to_quantlib", "engine / QuantLib", "×", 1.0),
    Figure("engine", "engine_warm_ms", "engine: same, schedule cached (an edit)", "ms"),
    Figure("engine", "engine_cold_callable_ms", "engine: cold, + 348 call dates (callable)", "ms"),
    Figure("engine", "quote_with_yields_ms", "whole quote incl. 348 yields (settle edit)", "ms", 16.0),
    Figure("engine", "quote_amount_edit_ms", "whole quote, amount typed (yields kept)", "ms"),
    Figure("yields", "ours_ms", "yields: 348 to call + YTM + YTW", "ms", 5.0),
    Figure("yields", "ratio_to_quantlib", "yields / QuantLib one by one", "×", 1.0),
    Figure("yields", "max_abs_difference_pct", "yields: max |ours − QuantLib|", "%", 1e-8),
    Figure("sources", "text+html_52_docs_s", "loaders: 52 text+HTML documents", "s", 0.5),
    Figure("sources", "text_docs_per_s", "loaders: text", "docs/s"),
    Figure("sources", "html_docs_per_s", "loaders: HTML", "docs/s"),
    Figure("sources", "pdf_docs_per_s", "loaders: PDF", "docs/s"),
    Figure("sources", "text_5mb_s", "loaders: a 5 MB .txt supplement (mostly prose)", "s", 1.0),
    Figure("sources", "html_5mb_s", "loaders: a 5 MB EDGAR HTML supplement", "s", 1.0),
    Figure("sources", "html_split_header_5mb_s", "loaders: the same, header split over two rows", "s", 1.0),
    Figure("start", "start_complete_ms", "main.py --screenshot: sample loaded, chart drawn", "ms"),
    Figure("start", "start_bare_ms", "bare Qt + pyqtgraph window grabbed to a PNG", "ms"),
    Figure("start", "start_ratio", "complete window / bare window (median of 6 pairs)", "×", 1.0),
    Figure("start", "start_cpu_ratio", "  the same in CPU time", "×"),
    Figure("ui", "first_paint_ms", "start → first paint, sample shown", "ms"),
    Figure("ui", "bare_qt_first_paint_ms", "bare Qt + PlotWidget first paint", "ms"),
    Figure("ui", "first_paint_ratio", "first paint / bare Qt", "×", 1.0),
    Figure("ui", "edit_p50_ms", "edit → repaint p50 (30-y monthly callable)", "ms", 16.0),
    Figure("ui", "edit_p99_ms", "edit → repaint p99", "ms", 16.0),
    Figure("ui", "edit_amount_p99_ms", "  p99 of the amounts typed", "ms"),
    Figure("ui", "edit_settle_p99_ms", "  p99 of the settle dates changed", "ms"),
    Figure("ui", "edit_rescaling_ms", "edit that rescales the chart (axes redrawn)", "ms", 16.0),
    Figure("ui", "typed_valid_p50_ms", "new amount typed: key completing it, p50", "ms", 16.0),
    Figure("ui", "typed_valid_p99_ms", "new amount typed: key completing it, p99", "ms", 16.0),
    Figure("ui", "typed_invalid_p50_ms", "new amount typed: key below the minimum, p50", "ms"),
    Figure("ui", "fifty_year_edit_p50_ms", "edit → repaint p50, 50-y monthly callable", "ms", 16.0),
    Figure("ui", "fifty_year_edit_p99_ms", "edit → repaint p99, 50-y monthly callable", "ms", 16.0),
    Figure("ui", "filter_keystroke_ms", "tree filter per keystroke, 5,000 CUSIPs", "ms", 50.0),
    Figure("ui", "rss_52_supplements_mb", "resident memory, 52 supplements loaded", "MB", 300.0),
    Figure("proposal", "build_ms", "proposal: 50 × 30-y monthly callable, built", "ms"),
    Figure("proposal", "edit_amount_p50_ms", "proposal: one amount → every figure, p50", "ms", 2.0),
    Figure("proposal", "edit_amount_p99_ms", "proposal: one amount → every figure, p99", "ms", 2.0),
    Figure("proposal", "edit_amount_cpu_p99_ms", "  p99 in CPU time", "ms"),
    Figure("proposal", "edit_amount_frozen_p99_ms", "  p99 after gc.freeze() (as the window does)", "ms"),
    Figure("proposal", "cash_flows_order_ms", "proposal: payment list ordered (date change)", "ms"),
    Figure("proposal", "compare_build_ms", "compare: 5,000 CUSIPs, rows built", "ms", 1000.0),
    Figure("proposal", "compare_sort_ms", "compare: 5,000 rows re-sorted", "ms", 100.0),
    Figure("proposal", "compare_yields_per_row_ms", "compare: yields of one row (worker)", "ms"),
    Figure("proposal", "compare_yields_all_s", "compare: yields of all 5,000 rows (worker)", "s"),
    Figure("proposal_ui", "open_ms", "proposal page: 50 × 30-y positions opened", "ms"),
    Figure("proposal_ui", "edit_p50_ms", "proposal page: amount in a cell → repaint p50", "ms", 16.0),
    Figure("proposal_ui", "edit_p99_ms", "proposal page: amount in a cell → repaint p99", "ms", 16.0),
    Figure("proposal_ui", "edit_cpu_p99_ms", "  p99 in CPU time", "ms"),
    Figure("proposal_ui", "edit_by_month_p99_ms", "  p99 with the month sums in view", "ms", 16.0),
    Figure("proposal_ui", "edit_called_p99_ms", "  p99 if called first", "ms", 16.0),
    Figure("proposal_ui", "settle_p99_ms", "proposal page: settle date in a cell, p99", "ms"),
    Figure(
        "compare_ui", "compare_page_build_ms", "compare page: 5,000 CUSIPs, built and painted", "ms", 1000.0
    ),
    Figure(
        "compare_ui", "compare_resort_max_ms", "compare page: header click → re-sorted, slowest", "ms", 100.0
    ),
    Figure("compare_ui", "compare_filter_key_ms", "compare page: offerings filter per keystroke", "ms", 50.0),
    Figure("compare_ui", "compare_turn_max_ms", "compare page: longest turn, yields in slices", "ms", 50.0),
    Figure(
        "compare_ui",
        "compare_process_turn_max_ms",
        "  longest turn, yields in the helper process",
        "ms",
        50.0,
    ),
    Figure("compare_ui", "compare_process_yields_per_s", "  rows priced per second by the process", "rows/s"),
    Figure("compare_ui", "compare_copy_ms", "compare page: 5,000 rows copied (TSV + HTML)", "ms"),
    Figure("compare_ui", "compare_export_ms", "compare page: 5,000 rows exported (CSV)", "ms"),
    Figure("bundle", "bundle_mb", "frozen bundle folder (dist/termsheet)", "MB", 150.0),
]


def bundle_size() -> dict[str, float]:
    folder = ROOT / "dist" / "termsheet"
    if not folder.is_dir():
        return {}
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return {"bundle_mb": total / 1e6}


def _bench(name: str) -> Callable[[], dict[str, float]]:
    if name == "bundle":
        return bundle_size
    module = importlib.import_module(f"bench_{name}")
    return module.measure  # type: ignore[no-any-return]


def run(skip: set[str]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(f.bench for f in FIGURES):
        if name in skip:
            continue
        start = time.perf_counter()
        try:
            results[name] = {k: float(v) for k, v in _bench(name)().items()}
        except Exception as err:  # a broken bench is reported, the others still run
            print(f"{name}: failed: {type(err).__name__}: {err}", file=sys.stderr)
            results[name] = {}
        print(f"  … {name} measured in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    lines = [
        f"| {'figure':<48} | {'value':>14} | {'goal':>10} | verdict |",
        f"|{'-' * 50}|{'-' * 16}|{'-' * 12}|---------|",
    ]
    for f in FIGURES:
        value = results.get(f.bench, {}).get(f.key)
        shown = (
            "—" if value is None else (f"{value:.3g} {f.unit}" if value < 0.01 else f"{value:,.2f} {f.unit}")
        )
        goal = "" if f.goal is None else f"≤ {f.goal:g} {f.unit}"
        lines.append(f"| {f.label:<48} | {shown:>14} | {goal:>10} | {f.verdict(value):<7} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench-results.json"))
    parser.add_argument("--skip", default="", help="comma-separated benches to leave out")
    args = parser.parse_args()
    results = run({s for s in args.skip.split(",") if s})
    print(table(results))
    record = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        },
        "results": results,
        "goals": {f"{f.bench}.{f.key}": f.goal for f in FIGURES if f.goal is not None},
    }
    Path(args.out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
