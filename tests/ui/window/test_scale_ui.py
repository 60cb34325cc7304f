"""Scale, window side (issue 8 item 2): 5,000 CUSIPs in the offerings tree, a year of weekly
supplements in memory, a 50-year monthly callable note edited. The scenarios and the generated
documents are those of ``tests/bench/bench_ui.py`` (which prints the figures); the bounds here
are the goals, loosened where a loaded CI machine would make a strict bound flaky."""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.offerings import big_offering
from tests.ui.windows import built, open_and_wait

# time bounds on a shared 2-core machine: a miss is measured again; a real regression misses
# every time (pytest-rerunfailures)
pytestmark = [pytest.mark.timing, pytest.mark.flaky(reruns=2)]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_ui.py"


def _bench() -> ModuleType:
    module = sys.modules.get("bench_ui")
    if module is None:
        spec = importlib.util.spec_from_file_location("bench_ui", BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_ui"] = module
        spec.loader.exec_module(module)
    return module


def _window(qtbot: Any, paths: list[str]) -> Any:
    from app.cli import CalcArgs

    win = built(paths, CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_five_thousand_cusips_filter_within_50_ms_per_key(qtbot: Any, tmp_path: Path) -> None:
    bench = _bench()
    path = bench.write_offering(big_offering(5000), tmp_path / "big.json")
    win = _window(qtbot, [str(path)])
    proxy = win.offerings.proxy
    assert proxy.rowCount(proxy.index(0, 0)) == 5000
    edit = win.offerings.filter_edit
    edit.setFocus()
    samples = []
    for _ in range(2):
        for ch in bench.FILTER_TYPED:  # "t00012": 5,000 … 1,000 … 100 CUSIPs shown
            start = time.perf_counter()
            QTest.keyClicks(edit, ch)
            QApplication.processEvents()
            samples.append((time.perf_counter() - start) * 1000)
        assert proxy.rowCount(proxy.index(0, 0)) == 100  # T0001200X … T0001299X
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        QApplication.processEvents()
        assert proxy.rowCount(proxy.index(0, 0)) == 5000
    assert statistics.median(samples) < 50, f"per key {sorted(samples)} ms"
    # the key that hides 4,000 CUSIPs also selects another one (calculator and chart redrawn)
    assert max(samples) < 400, f"per key {sorted(samples)} ms"


def test_filter_follows_documents_added_and_removed(qtbot: Any, tmp_path: Path) -> None:
    bench = _bench()
    small = bench.write_offering(big_offering(30), tmp_path / "small.json")
    win = _window(qtbot, [])
    win.offerings.filter_edit.setText("t000002")
    open_and_wait(win, [str(small)])
    proxy = win.offerings.proxy
    shown = [proxy.rowCount(proxy.index(row, 0)) for row in range(proxy.rowCount())]
    assert shown == [10]  # T0000020X … T0000029X; the sample's document is filtered out
    win.close_current()
    assert proxy.rowCount() == 0
    win.offerings.filter_edit.clear()
    assert proxy.rowCount() == 1  # the sample


def test_a_year_of_weekly_supplements_stays_under_300_mb() -> None:
    figures = _bench().bench_rss(52)
    assert figures["documents_loaded"] == 53  # the 52 weeks and the bundled sample
    assert figures["rss_52_supplements_mb"] < 300, figures


def test_fifty_year_monthly_callable_note_edits_within_a_frame() -> None:
    """Issue 8: 600 coupons and 588 call dates still edit within one 16 ms frame (measured here
    at p50 4.6–8 ms, p99 8–16 ms on a quiet or busy 2-core machine); the p99 bound is looser
    for a loaded CI runner, and a miss is measured again."""
    figures = _bench().bench_edits(100, years=50)
    assert figures["coupon_rows"] > 550 and figures["stale_at_end"] == 0
    assert figures["p50_ms"] < 16, figures
    assert figures["p99_ms"] < 32, figures
