"""Finished loads never hold the UI thread for long: documents that come back from the loader
are shown a slice at a time (the tree, then the first note in the calculator, then its terms,
then its chart, each in its own event-loop turn), so a user action that lands meanwhile still
answers within the monkey test's 100 ms.

Measured as the monkey and a user feel it: a zero-interval timer on the UI thread fires once
per event-loop turn; the gap between two firings is the longest the window could not react.
The documents: a 50-year monthly callable note (the heaviest first note: 600 coupons, 588 call
dates), 5,000 CUSIPs (every later document is added to a tree that already holds them), and
the golden supplements (two PDFs, EDGAR HTML, text), loaded in the loader process as ``app.run``
does. Goal ~40 ms per turn; the bound is loosened for a shared machine.

A 5 MB supplement (text or EDGAR HTML: a note table and ~5 MB of prospectus prose,
tests/large_documents.py) dropped on the window with the sample open: a real drop event through
the window's ``dropEvent``; from the drop to the new document shown (and selected), no turn
takes over 50 ms (issue 14: it stalled the UI thread ~300 ms when text loaded on it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from app.cli import CalcArgs
from app.sources.offering_json import dumps
from tests.large_documents import long_html, long_text
from tests.offerings import big_offering, long_offering
from tests.ui.windows import built

# time bounds on a shared 2-core machine: a miss is measured again; a real regression misses
# every time (pytest-rerunfailures)
pytestmark = [pytest.mark.timing, pytest.mark.flaky(reruns=2)]

BOUND_MS = 60.0
DROP_BOUND_MS = 50.0  # the bound for a 5 MB document dropped on the window
SUPPLEMENTS = Path(__file__).resolve().parents[2] / "data" / "supplements"


class Turns:
    """The gaps between the firings of a zero-interval timer: one per event-loop turn."""

    def __init__(self) -> None:
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

    def start(self) -> None:
        self._last = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def slowest(self, n: int = 5) -> list[int]:
        return [round(g) for g in sorted(self.gaps, reverse=True)[:n]]


def _documents(folder: Path) -> list[str]:
    long_note = folder / "long-note-50y.json"
    long_note.write_text(dumps(long_offering(50)), encoding="utf-8")
    big = folder / "offering-5000.json"
    big.write_text(dumps(big_offering(5000)), encoding="utf-8")
    golden = sorted(str(p) for p in SUPPLEMENTS.iterdir() if not p.name.endswith(".json"))
    return [str(long_note), str(big), *golden]


def _wait_idle(win: Any, turns: Turns, paths: list[str]) -> None:
    """Open ``paths`` in the background and run the event loop (as ``app.exec`` does) until
    every document is shown."""
    loop = QEventLoop()
    win.loadsIdle.connect(loop.quit)
    QTimer.singleShot(90_000, loop.quit)
    turns.start()
    win.open_files(paths)
    loop.exec()
    turns.stop()
    win.loadsIdle.disconnect(loop.quit)


@pytest.fixture
def empty_window(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A shown window with its chart created and no document open; loads use the loader
    process (as ``app.run`` sets it; pytest guards ``__main__``)."""
    from app.ui.window import loader

    monkeypatch.setattr(loader, "_use_process", True)
    win = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.use_default_sizes()
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.plot is not None, timeout=10_000)
    win.close_current()  # the bundled sample: the first document loaded is then selected
    assert win.offerings.current_note() is None
    return win


def test_finished_loads_are_shown_in_short_turns(empty_window: Any, tmp_path: Path) -> None:
    win = empty_window
    paths = _documents(tmp_path)
    turns = Turns()
    _wait_idle(win, turns, paths)
    assert not win.loads_pending()
    # everything is shown as before: all the documents, the first one's first note with its
    # terms and its chart
    assert [d.path for d in win.offerings.documents()] == paths
    proxy = win.offerings.proxy
    assert proxy.rowCount(proxy.index(1, 0)) == 5000
    note = win.offerings.current_note()
    assert note is not None and note.cusip == "99999ZZZ0"
    assert "99999ZZZ0" in win.terms.toPlainText()
    assert win.calculator.current is not None and win.calculator.current.purchase.note is note
    assert win.chart.plot is not None and win.chart.bar_count() > 550
    assert max(turns.gaps) < BOUND_MS, f"slowest turns {turns.slowest()} ms of {len(turns.gaps)}"


@pytest.fixture
def sample_window(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A shown window with the bundled sample loaded and its chart drawn, loads in the loader
    process as ``app.run`` sets them."""
    from app.ui.window import loader

    monkeypatch.setattr(loader, "_use_process", True)
    win = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.use_default_sizes()
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.plot is not None and win.chart.bar_count() > 0, timeout=10_000)
    return win


def drop(win: Any, path: Path) -> None:
    """A file dropped on the window, as the platform delivers it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(400, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)
    assert event.isAccepted()


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_a_5_mb_document_dropped_never_stalls_the_ui_thread(
    sample_window: Any, tmp_path: Path, kind: str
) -> None:
    win = sample_window
    path = tmp_path / f"long-supplement.{kind}"
    path.write_bytes(long_text() if kind == "txt" else long_html())
    assert path.stat().st_size > 4_900_000
    turns = Turns()
    loop = QEventLoop()
    win.loadsIdle.connect(loop.quit)
    QTimer.singleShot(90_000, loop.quit)
    turns.start()
    QTimer.singleShot(50, lambda: drop(win, path))  # in a turn of its own, between two beats
    loop.exec()
    turns.stop()
    assert not win.loads_pending()
    names = [d.name for d in win.offerings.documents()]
    assert names == ["ally-term-notes-pricing-supplement-213.txt", path.name]  # added as a second
    assert win.current_document().name == path.name and win.calculator.current is not None
    assert max(turns.gaps) <= DROP_BOUND_MS, f"slowest turns {turns.slowest()} ms of {len(turns.gaps)}"
