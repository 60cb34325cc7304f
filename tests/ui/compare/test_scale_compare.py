"""Scale, compare page (issue 15): 5,000 CUSIPs loaded. The page is built within a second, a header
click re-sorts within 100 ms, and while the yields are computed the window never stalls more
than 50 ms. The scenarios are ``tests/bench/bench_compare_ui.py``'s (which prints the figures);
the bounds are the goals, loosened where a loaded CI machine would make a strict one flaky.

Measured on the shared 2-core machine (load 3 → 8): page built 85–290 ms; re-sort, slowest
column 25–66 ms; longest turn while yields are computed in slices 27–45 ms, in the helper
process 22–40 ms (65 ms at a load of 8: a miss there is measured again).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.present.compare import COMPARE_COLUMNS
from app.ui.common.roles import RAW_ROLE

# time bounds on a shared 2-core machine: a miss is measured again; a real regression misses
# every time (pytest-rerunfailures)
pytestmark = [pytest.mark.timing, pytest.mark.flaky(reruns=2)]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_compare_ui.py"


def _bench() -> ModuleType:
    module = sys.modules.get("bench_compare_ui")
    if module is None:
        spec = importlib.util.spec_from_file_location("bench_compare_ui", BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_compare_ui"] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture
def big_window(qtbot: Any, tmp_path: Path) -> Any:
    bench = _bench()
    win = bench.window([str(bench.big_file(tmp_path))])
    qtbot.addWidget(win)
    return win


def test_five_thousand_cusips_build_sort_and_compute_without_stalling(qtbot: Any, big_window: Any) -> None:
    bench = _bench()
    win = big_window
    build_ms = bench.open_compare(win)
    panel = win.compare
    assert panel.model.rowCount() == 5000
    assert build_ms < 1000, f"built in {build_ms:.0f} ms"
    # yields computed in slices on the UI thread (no helper process in tests)
    left = panel.feed.remaining()
    turns = bench.Turns().run(3.0)
    assert panel.feed.remaining() < left - 100  # the yields do come
    assert max(turns) < 50, f"slowest turns {sorted(turns)[-5:]} ms"
    visible = [panel.model.table_row(r) for r in panel.table.visible_rows()]
    assert all(panel.model.table.known(i) is not None for i in visible)  # the rows on screen first
    sorts = {}
    for column, c in enumerate(COMPARE_COLUMNS):
        sorts[c.heading] = max(bench.click_header(panel.table, column) for _ in range(2))
        values = [panel.model.data(panel.model.index(r, column), RAW_ROLE) for r in range(50)]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=panel.model.sort_order == Qt.SortOrder.DescendingOrder), (
            c.heading
        )
    assert max(sorts.values()) < 100, sorts
    QApplication.processEvents()


def test_yields_from_the_helper_process_never_stall_the_window(qtbot: Any, tmp_path: Path) -> None:
    figures = _bench().bench_process([str(_bench().big_file(tmp_path))])
    assert figures["compare_process_yields_per_s"] > 0
    assert figures["compare_process_turn_max_ms"] < 50, figures
