"""Start-up as whole processes (issue 13). Run: ``python tests/bench/bench_start.py [--pairs 6]``.

``measure() -> dict[str, float]`` returns (``tests/bench/run_all.py`` calls it):

start_complete_ms
    ``main.py --screenshot PNG``, process start to exit: the complete window (the bundled
    sample loaded, the first CUSIP in the calculator and the tables, the chart drawn) saved
    to a PNG. Median of the pairs.
start_bare_ms
    The floor: a process that imports PySide6 and pyqtgraph, shows a QMainWindow of the same
    size holding a PlotWidget (an empty plot), grabs it to a PNG after its first paint and
    exits. Median of the pairs.
start_ratio
    The median of the pairs' ratios (ours / floor); each pair runs the two side by side, one
    after the other, in alternating order. Goal < 1.0.
start_cpu_ratio
    The same in CPU time (user + system of each process): on this shared VM the wall times of
    one pair move by 20–30 % with the neighbours' load, the CPU times much less.

Nothing is byte-compiled beforehand: the program caches its own bytecode at its first start,
also under PYTHONDONTWRITEBYTECODE (``app/bytecode.py``), and the unmeasured first start of each
process, which warms the file cache, is that start. Both processes run offscreen with private
settings (no session is read: a screenshot reads none).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import sys
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
win = QMainWindow()
win.setCentralWidget(pg.PlotWidget())
win.resize(1440, 900)


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, save)
        return False


def save():
    ok = win.grab().save(sys.argv[1])
    app.exit(0 if ok else 3)


spy = FirstPaint()
win.centralWidget().viewport().installEventFilter(spy)
win.show()
sys.exit(app.exec())
"""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(args: list[str], env: dict[str, str], out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the process from its spawn to its exit; it must have written
    ``out``."""
    out.unlink(missing_ok=True)
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args, str(out)], cwd=ROOT, env=env, capture_output=True, timeout=120, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"{args[0]} exited {done.returncode}: {done.stderr.decode()[-400:]}")
    return elapsed, _cpu() - cpu


Pair = tuple[tuple[float, float], tuple[float, float]]  # (ours, floor), each (wall s, CPU s)


def pairs(count: int) -> list[Pair]:
    """``count`` (ours, floor) pairs, interleaved, alternating which goes first."""
    tmp = Path(tempfile.mkdtemp())
    env = dict(os.environ, TERMSHEET_SETTINGS=str(tmp / "s.ini"), XDG_STATE_HOME=str(tmp / "state"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ours = [str(ROOT / "main.py"), "--screenshot"]
    bare = ["-c", BARE]
    _timed(ours, env, tmp / "ours.png")  # warm the file cache for both
    _timed(bare, env, tmp / "bare.png")
    result = []
    for i in range(count):
        if i % 2 == 0:
            a = _timed(ours, env, tmp / "ours.png")
            b = _timed(bare, env, tmp / "bare.png")
        else:
            b = _timed(bare, env, tmp / "bare.png")
            a = _timed(ours, env, tmp / "ours.png")
        result.append((a, b))
    return result


def figures(timed: list[Pair]) -> dict[str, float]:
    return {
        "start_complete_ms": statistics.median(a[0] for a, _ in timed) * 1000,
        "start_bare_ms": statistics.median(b[0] for _, b in timed) * 1000,
        "start_ratio": statistics.median(a[0] / b[0] for a, b in timed),
        "start_cpu_ratio": statistics.median(a[1] / b[1] for a, b in timed),
    }


def measure(count: int = 6) -> dict[str, float]:
    return figures(pairs(count))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1, help="runs of --pairs pairs each")
    args = parser.parse_args()
    for round_ in range(1, args.rounds + 1):
        timed = pairs(args.pairs)
        cells = "  ".join(f"{a[0] * 1000:.0f}/{b[0] * 1000:.0f}" for a, b in timed)
        got = figures(timed)
        print(
            f"run {round_}: ours/floor ms {cells}  median ratio {got['start_ratio']:.3f}"
            f"  (CPU time {got['start_cpu_ratio']:.3f})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
