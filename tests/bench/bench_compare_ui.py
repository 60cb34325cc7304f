"""Benchmark (a script, not a test): the compare page with 5,000 CUSIPs loaded (issue 15).

Run: ``QT_QPA_PLATFORM=offscreen python tests/bench/bench_compare_ui.py [--json]``.
``measure() -> dict[str, float]`` returns every figure (``tests/bench/run_all.py`` calls it):

compare_page_build_ms
    The Compare tab clicked → the page built (its room imported, the table's 5,000 rows of terms
    made, sorted and shown) and painted. Goal ≤ 1 s.
compare_resort_ms, compare_resort_max_ms
    A header clicked → the 5,000 rows sorted on that column and repainted: median and slowest
    over every column, both directions. Goal ≤ 100 ms.
compare_filter_key_ms, compare_filter_key_max_ms
    A key typed in the offerings filter with the compare page showing and its yields being
    computed (the tree and the compare rows both filtered, both repainted), median and slowest,
    as ``bench_ui`` times the tree's. Goal ≤ 50 ms.
compare_turn_max_ms, compare_turn_p99_ms
    The longest and the 99th-percentile event-loop turn (the gap between two firings of a
    zero-interval timer) while the yields are computed in slices on the UI thread (no helper
    process), over ``TURN_SECONDS``. Goal: the window never stalls more than 50 ms.
compare_process_turn_max_ms, compare_process_yields_per_s
    The same with the yields computed in the helper process (as ``app.run`` sets it up): the
    longest turn, and the rows whose yields arrived per second while the window idles (the
    process runs at a lower priority: the timer spinning to measure turns would slow it).
compare_slice_yields_per_s
    Rows per second computed in slices (the UI thread's share).
compare_copy_ms, compare_export_ms
    Every row copied as TSV + HTML; every row written as CSV (their yields computed first).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

CUSIPS = 5000
TURN_SECONDS = 4.0
FILTER_TYPED = "t00012"  # 5,000 → 1,000 … 100 → … rows, as the tree's filter bench types
GOALS = {
    "compare_page_build_ms": 1000.0,
    "compare_resort_max_ms": 100.0,
    "compare_filter_key_ms": 50.0,
    "compare_turn_max_ms": 50.0,
    "compare_process_turn_max_ms": 50.0,
}


class Turns:
    """The gaps between the firings of a zero-interval timer: one per event-loop turn."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.gaps.append((now - self._last) * 1000)
        self._last = now

    def run(self, seconds: float) -> list[float]:
        """Run the event loop for ``seconds``; the turns' gaps."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.gaps, self._last = [], 0.0
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        self._timer.start()
        loop.exec()
        self._timer.stop()
        return self.gaps


def idle(seconds: float) -> None:
    """Run the event loop for ``seconds`` as the window does while nobody types."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def big_file(folder: Path, count: int = CUSIPS) -> Path:
    from app.sources.offering_json import dumps
    from tests.offerings import big_offering

    path = folder / f"offering-{count}.json"
    path.write_text(dumps(big_offering(count)), encoding="utf-8")
    return path


def window(paths: list[str]) -> Any:
    """A shown window with ``paths`` loaded, its chart created (as after the first paint)."""
    from app.cli import CalcArgs
    from app.ui.window import settings
    from app.ui.window.start import application, build_window

    settings.use_file(Path(tempfile.mkdtemp()) / "s.ini")
    app = application()
    win = build_window(paths, CalcArgs(), screenshot=True)
    win.resize(1440, 900)
    win.use_default_sizes()
    win.show()
    for _ in range(5):
        app.processEvents()
    win._create_chart()
    for _ in range(5):
        app.processEvents()
    return win


def _settle(app: Any) -> None:
    for _ in range(3):
        app.processEvents()


def open_compare(win: Any) -> float:
    """Click the Compare tab; ms until its table is built, filled and painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    bar = win.panes.workspace.tabBar()
    start = time.perf_counter()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(win.panes.COMPARE).center())
    while win.compare is None or win.compare.model.rowCount() == 0:
        QApplication.processEvents()
    win.compare.table.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def click_header(table: Any, column: int) -> float:
    """Click ``column``'s header (scrolled into view first); ms until sorted and repainted."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    table.scrollTo(table.model().index(table.rowAt(0), column))
    QApplication.processEvents()
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    start = time.perf_counter()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    table.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def bench_page(paths: list[str]) -> dict[str, float]:
    """Build, sort and filter with the yields still to come; then slices' turns."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.window.start import teardown

    win = window(paths)
    app = QApplication.instance()
    build_ms = open_compare(win)
    panel = win.compare
    turns = Turns().run(TURN_SECONDS)
    done = CUSIPS - panel.feed.remaining()
    sorts = [click_header(panel.table, c) for c in range(panel.model.columnCount()) for _ in range(2)]
    edit = win.offerings.filter_edit
    keys = []
    for _ in range(2):
        for ch in FILTER_TYPED:  # as bench_ui times the tree's filter: the key, then its repaint
            start = time.perf_counter()
            QTest.keyClicks(edit, ch)
            QApplication.processEvents()
            keys.append((time.perf_counter() - start) * 1000)
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        _settle(app)
    teardown(win)
    return {
        "compare_page_build_ms": build_ms,
        "compare_resort_ms": statistics.median(sorts),
        "compare_resort_max_ms": max(sorts),
        "compare_filter_key_ms": statistics.median(keys),
        "compare_filter_key_max_ms": max(keys),
        "compare_turn_max_ms": max(turns),
        "compare_turn_p99_ms": statistics.quantiles(turns, n=100)[98],
        "compare_slice_yields_per_s": done / TURN_SECONDS,
    }


def bench_process(paths: list[str]) -> dict[str, float]:
    """Turns while the helper process computes the yields, and its pace."""
    from app.ui.window import loader
    from app.ui.window.start import teardown

    loader.use_process(True)
    try:
        loader.submit_elsewhere(int, "0").result(timeout=60)  # the process started, as after a load
        win = window(paths)
        open_compare(win)
        panel = win.compare
        left = panel.feed.remaining()
        idle(TURN_SECONDS)  # the pace with the UI thread idle (a spinning timer would take its core)
        done = left - panel.feed.remaining()
        turns = Turns().run(TURN_SECONDS)
        teardown(win)
    finally:
        loader.use_process(False)
        loader.shutdown()
    return {"compare_process_turn_max_ms": max(turns), "compare_process_yields_per_s": done / TURN_SECONDS}


def bench_copy_export(paths: list[str]) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from app.ui.window.start import teardown

    win = window(paths)
    open_compare(win)
    panel = win.compare
    panel.model.table.compute()  # every yield in (the export waits for them otherwise)
    panel.model.rows_computed(range(CUSIPS))
    start = time.perf_counter()
    panel.copy_rows(all_rows=True)
    copy_ms = (time.perf_counter() - start) * 1000
    out = Path(tempfile.mkdtemp()) / "compare.csv"
    start = time.perf_counter()
    panel.export_csv(out)
    export_ms = (time.perf_counter() - start) * 1000
    assert out.is_file() and QApplication.clipboard().text().count("\n") == CUSIPS + 1
    teardown(win)
    return {"compare_copy_ms": copy_ms, "compare_export_ms": export_ms}


def measure() -> dict[str, float]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths = [str(big_file(Path(tempfile.mkdtemp())))]
    return bench_page(paths) | bench_process(paths) | bench_copy_export(paths)


def main() -> int:
    figures = measure()
    if "--json" in sys.argv:
        print(json.dumps(figures))
        return 0
    print(f"compare page, {CUSIPS:,} CUSIPs loaded")
    for key, value in figures.items():
        goal = GOALS.get(key)
        print(f"  {key:32s} {value:10.1f}  {'≤ ' + format(goal, 'g') if goal else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
