"""Benchmark (a script, not a test): a year of weekly supplements through the loaders.

52 documents per kind are generated from the golden documents of every family in
tests/data/supplements and tests/data/label_documents (term sheets, MTN forms, zero-coupon notes;
each week with its own supplement number), then loaded from bytes as the
window does. Prints documents per second for text (pipe, markdown, whitespace columns), EDGAR
HTML and PDF, and the time of the 52 text/HTML documents together. Then the time to load a
5 MB supplement (a note table and prospectus prose, tests/large_documents.py) as ``.txt``, as
EDGAR HTML, and as EDGAR HTML whose header is split over two rows (Ford Credit 2011): it must be
proportionate to the size. Before issue 14, from the command line on the 2-core test machine:
25.7 s, 2.0 s and 32.8 s (that one then refused: its table was not found, and the whole page was
read again as text); after: 0.5-0.7 s, 0.8-1.2 s, 0.8-1.3 s (0.19, 0.35, 0.36 s CPU in-process).

Run: ``python tests/bench/bench_sources.py [--json]``. Goal: 52 text/HTML documents < 0.5 s;
a 5 MB document < 1 s.
"""

from __future__ import annotations

import json
import re
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.large_documents, when run as a script

from app.domain.schedule import periods  # noqa: E402
from app.sources import load_bytes  # noqa: E402
from tests.large_documents import long_html, long_text  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "supplements"
DATA_DIRS = (DATA, DATA.parent / "label_documents")
WEEKS = 52
GOAL_SECONDS = 0.5
LONG_GOAL_SECONDS = 1.0
_NUMBER_RE = re.compile(rb"(Supplement No\. ?)(\d+)")


def _week(data: bytes, week: int) -> bytes:
    """The golden document as the supplement of another week (its own number)."""
    return _NUMBER_RE.sub(lambda m: m.group(1) + str(1000 + week).encode(), data)


def year_of(suffixes: set[str], *, exclude: str = "") -> list[tuple[str, bytes]]:
    docs = sorted(
        (p for d in DATA_DIRS for p in d.iterdir()),
        key=lambda p: p.name,
    )
    docs = [p for p in docs if p.suffix in suffixes and (not exclude or exclude not in p.name)]
    if not docs:
        raise SystemExit(f"no golden documents {sorted(suffixes)} in {DATA}")
    sources = [(p.name, p.read_bytes()) for p in docs]
    return [
        (f"week-{week:02d}-{name}", data if name.endswith(".pdf") else _week(data, week))
        for week, (name, data) in enumerate(islice(cycle(sources), WEEKS), start=1)
    ]


def load_all(documents: list[tuple[str, bytes]]) -> float:
    """Seconds to load every document (schedule caches cleared first: a cold start)."""
    periods.cache_clear()
    start = time.perf_counter()
    for name, data in documents:
        offering, _ = load_bytes(data, name)
        assert offering.notes, name
    return time.perf_counter() - start


def measure_kinds() -> dict[str, dict[str, float]]:
    """Best of three loads of 52 documents per kind."""
    kinds = {
        "text": year_of({".txt", ".md"}),
        "html": year_of({".html"}),
        "text+html": year_of({".txt", ".md", ".html"}),
        "pdf": year_of({".pdf"}),
    }
    load_all(kinds["text+html"][:3])  # imports and first-use caches outside the timing
    results = {}
    for kind, documents in kinds.items():
        seconds = min(load_all(documents) for _ in range(3))
        results[kind] = {"documents": len(documents), "seconds": round(seconds, 4),
                         "docs_per_second": round(len(documents) / seconds, 1)}  # fmt: skip
    return results


def measure_long() -> dict[str, float]:
    """Best of three loads of a 5 MB ``.txt`` and a 5 MB EDGAR HTML supplement, in seconds."""
    documents = {
        "text": long_text(),
        "html": long_html(),
        "html_split_header": long_html("ford-credit-2011-split-headers.html"),
    }
    results = {}
    for kind, data in documents.items():
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            offering, _ = load_bytes(data, f"long.{kind}")
            best = min(best, time.perf_counter() - start)
            assert offering.notes, kind
        results[f"{kind}_5mb_s"] = round(best, 4)
    return results


def measure() -> dict[str, float]:
    """Flat figures for tests/bench/run_all.py."""
    results = measure_kinds()
    flat = {f"{kind}_52_docs_s": r["seconds"] for kind, r in results.items()}
    flat.update({f"{kind}_docs_per_s": r["docs_per_second"] for kind, r in results.items()})
    flat.update(measure_long())
    return flat


def main() -> int:
    results = measure_kinds()
    long = measure_long()
    ok = results["text+html"]["seconds"] < GOAL_SECONDS and max(long.values()) < LONG_GOAL_SECONDS
    if "--json" in sys.argv:
        record = {"results": results, "long": long, "goal_seconds": GOAL_SECONDS, "ok": ok}
        print(json.dumps(record, indent=2))
    else:
        for kind, r in results.items():
            print(f"{kind:10} {r['documents']} docs in {r['seconds']:.3f} s = "
                  f"{r['docs_per_second']:.1f} docs/s")  # fmt: skip
        for key, seconds in long.items():
            print(f"{key:10} {seconds:.3f} s")
        verdict = "ok" if ok else "SLOWER THAN THE GOAL"
        print(f"goal: 52 text/HTML documents < {GOAL_SECONDS} s, 5 MB < {LONG_GOAL_SECONDS} s: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
