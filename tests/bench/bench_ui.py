"""Window benchmarks (issue 4). Run: ``QT_QPA_PLATFORM=offscreen python tests/bench/bench_ui.py``.

(a) Process start → first paint of the window with the bundled sample loaded, against a bare
    QApplication + QMainWindow + pyqtgraph PlotWidget painted in the same run; the ratio (goal
    < 1.0: the window paints its tables before pyqtgraph is imported). Median of N fresh processes
    each, interleaved.
(b) Edit → repaint latency for a 30-year monthly note callable monthly after one year: 200 edits
    alternating a typed amount digit and a settle-date change; each is timed from the key/date
    change to the end of the event processing that repaints the calculator, the coupon table and
    the chart (paint events counted on the chart). p50 and p99 (goal p99 < 16 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

APP_DRIVER = """
import os, sys
from app.ui import app as ui
def first_paint():
    print("painted", flush=True)
    os._exit(0)
ui.FIRST_PAINT_HOOK = first_paint
from app.cli import main
main([])
"""

BARE_DRIVER = """
import os, sys
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
win = QMainWindow()
plot = pg.PlotWidget()
win.setCentralWidget(plot)
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False
spy = First()
plot.viewport().installEventFilter(spy)
win.resize(1440, 900)
win.show()
app.exec()
"""


def _time_to_paint(driver: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", driver],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError("the process did not paint")
    return elapsed


def bench_start(runs: int) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, TERMSHEET_SETTINGS=str(tmp / "s.ini"), XDG_STATE_HOME=str(tmp / "state"))
    _time_to_paint(APP_DRIVER, env)  # warm the file cache for both
    _time_to_paint(BARE_DRIVER, env)
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(_time_to_paint(APP_DRIVER, env))
        bare_times.append(_time_to_paint(BARE_DRIVER, env))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    return {"app_first_paint_s": app_s, "bare_plot_first_paint_s": bare_s, "ratio": app_s / bare_s}


def _long_offering_file(folder: Path) -> Path:
    from app.domain.model import CallFrequency, Frequency, Note, NoticeKind, Offering, Redemption
    from app.sources.offering_json import dumps

    note = Note(
        cusip="99999ZZZ0",
        coupon_rate_pct=Decimal("5.250"),
        frequency=Frequency.MONTHLY,
        issue_date=date(2020, 1, 15),
        maturity_date=date(2050, 1, 15),
        first_coupon_date=date(2020, 2, 15),
        price_pct=Decimal(100),
        redemption=Redemption(
            text="Callable at 100% on 01/15/2021 and Monthly thereafter with 30 Calendar Days Notice.",
            callable=True,
            price_pct=Decimal(100),
            first_call_date=date(2021, 1, 15),
            frequency=CallFrequency.MONTHLY,
            notice_days=30,
            notice_kind=NoticeKind.CALENDAR,
        ),
    )
    offering = Offering(
        notes=(note,),
        issuer="Example Finance Corp.",
        settle_date=date(2020, 1, 15),
        minimum_denomination=Decimal(1000),
        increment=Decimal(1000),
    )
    path = folder / "long-note.json"
    path.write_text(dumps(offering), encoding="utf-8")
    return path


def bench_edits(edits: int) -> dict[str, float]:
    from PySide6.QtCore import QDate, QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.cli import CalcArgs
    from app.ui import settings
    from app.ui.app import application, build_window, teardown

    tmp = Path(tempfile.mkdtemp())
    settings.use_file(tmp / "s.ini")
    app = application()
    win = build_window([str(_long_offering_file(tmp))], CalcArgs(amount="25000"), screenshot=True)
    win.show()
    for _ in range(5):
        app.processEvents()
    win._create_chart()  # what the window does after its first paint (plot + gc.freeze)
    plot = win.chart.ensure_plot()
    for _ in range(5):
        app.processEvents()

    class PaintCount(QObject):
        count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                PaintCount.count += 1
            return False

    spy = PaintCount()
    plot.viewport().installEventFilter(spy)
    amount, settle = win.calculator.amountEdit, win.calculator.settleDateEdit
    amount.setFocus()
    samples: list[float] = []
    cpu: list[float] = []
    base = date(2021, 6, 1)
    for i in range(edits):
        before = PaintCount.count
        start, cpu_start = time.perf_counter(), time.process_time()
        if i % 2 == 0:  # one keystroke: 25,000 ⇄ 26,000 (the selected second digit typed over)
            amount.setSelection(1, 1)
            QTest.keyClick(amount, Qt.Key.Key_6 if (i // 2) % 2 == 0 else Qt.Key.Key_5)
        else:
            d = base + timedelta(days=(i * 7) % 400)
            settle.setDate(QDate(d.year, d.month, d.day))
        for _ in range(4):
            QApplication.processEvents()
            if PaintCount.count > before:
                break
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    invalid = win.calculator.property("stale")
    teardown(win)
    samples.sort()
    cpu.sort()
    return {
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p99_ms": cpu[min(len(cpu) - 1, int(0.99 * len(cpu)))],
        "edits": float(edits),
        "p50_ms": statistics.median(samples),
        "p99_ms": samples[min(len(samples) - 1, int(0.99 * len(samples)))],
        "max_ms": samples[-1],
        "stale_at_end": float(bool(invalid)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per start-up measurement")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    start = bench_start(args.runs)
    print(
        f"(a) first paint: window with sample {start['app_first_paint_s'] * 1000:.0f} ms, "
        f"bare QMainWindow+PlotWidget {start['bare_plot_first_paint_s'] * 1000:.0f} ms, "
        f"ratio {start['ratio']:.2f} (goal < 1.0)"
    )
    edits = bench_edits(args.edits)
    print(
        f"(b) edit → repaint over {edits['edits']:.0f} edits (30-year monthly, callable monthly): "
        f"p50 {edits['p50_ms']:.1f} ms, p99 {edits['p99_ms']:.1f} ms, max {edits['max_ms']:.1f} ms "
        f"(goal p99 < 16 ms); CPU time p50 {edits['cpu_p50_ms']:.1f} ms, p99 {edits['cpu_p99_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
