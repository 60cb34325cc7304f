"""The compare table's yields, computed off the paint path, the rows on screen first.

Each row's yields take 3–7 ms (every call date solved): 17–35 s for 5,000 CUSIPs. Where the
window has a helper process (``submit``: the loader's), rows go there in small chunks, two in
flight, and their results are applied as they arrive; the UI thread only sends and stores. A
thread would not do: it holds the GIL the UI thread needs for every paint and slot (a table
repaint took 3× longer and turns stalled 200 ms with a thread computing). The process also keeps
what the domain caches per note (schedules and call dates, ~40 KB a note) out of the window.

Without a process the rows are computed here, a slice of at most ``SLICE_MS`` per event-loop
turn, and only while the view is shown. After each slice the objects alive are frozen
(``gc.freeze``, as ``start.freeze_startup_objects`` does): the notes' cached schedules would
otherwise be scanned by every full collection, 170–340 ms each once a few thousand rows are done.
Frozen objects are still freed when their last reference goes (the caches are bounded); the
young garbage is collected first (``gc.collect(1)``: all that is not frozen, so no cycle is
frozen in for good).

``start(table, order)`` begins a new generation: whatever an older one still has in flight is
dropped when it arrives. ``prefer(rows)`` puts rows first (the visible ones); ``follow(order)``
computes the rest in the view's order. ``computed(rows)`` says which rows have their yields now,
once per batch; ``finished`` when every row has them.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.domain.compare import CompareRow, CompareTable, RowYields, yields_of
from app.domain.model import Offering

log = logging.getLogger("termsheet.ui")
SLICE_MS = 8.0  # the longest a slice computes on the UI thread in one turn
CHUNK = 12  # rows per batch sent to the helper process (~60 ms of its time)
IN_FLIGHT = 2  # batches sent ahead, so the process never waits for the UI thread

Batch = Callable[[Sequence[CompareRow]], list[RowYields]]
Submit = Callable[[Batch, list[CompareRow]], "Future[list[RowYields]] | None"]


class _Relay(QObject):
    """Carries a batch from the executor's thread to the UI thread. Not a child of the feed: a
    batch arriving while the window is closed and deleted is emitted into an object still alive
    (nobody connected), not one deleted under it on the UI thread."""

    arrived = Signal(int, object, object)  # generation, row indices, future (from any thread)


class YieldFeed(QObject):
    """Fills a ``CompareTable``'s yields: in ``submit``'s process, else in slices on this thread."""

    computed = Signal(list)  # table row indices whose yields arrived in this batch
    finished = Signal()

    def __init__(self, submit: Submit | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._elsewhere = self._submit = submit  # ``_submit`` None: the process failed this time
        self._table = CompareTable([])
        self._generation = 0
        self._order: Sequence[int] = ()
        self._cursor = 0  # rows of ``_order`` before it are known or on their way
        self._first: list[int] = []  # rows to compute before the order's
        self._busy: set[int] = set()  # sent to the process, not back yet
        self._flying = 0  # batches in flight
        self._light: dict[int, Offering] = {}  # each offering without its notes, to send
        self._paused = False
        self._done = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._relay = _Relay()
        self._relay.arrived.connect(self._apply, Qt.ConnectionType.QueuedConnection)

    # -- what to compute -----------------------------------------------------------------
    def start(self, table: CompareTable, order: Sequence[int]) -> None:
        """Compute ``table``'s missing yields in ``order``; anything of the table before is stale."""
        self._generation += 1
        self._submit = self._elsewhere  # a process that failed is tried again (a new one starts)
        self._table, self._order, self._cursor = table, order, 0
        self._first, self._busy, self._flying, self._light = [], set(), 0, {}
        self._done = False
        self._go()
        self._finish_if_done()

    def follow(self, order: Sequence[int]) -> None:
        """Compute the remaining rows in this order (the view was sorted or filtered)."""
        self._order, self._cursor = order, 0
        self._go()

    def prefer(self, rows: Sequence[int]) -> None:
        """Compute these rows (the ones on screen) before any other."""
        self._first = [i for i in rows if self._pending(i)]
        self._go()

    def pause(self, paused: bool) -> None:
        """Stop (or go on) computing on this thread; the process keeps its batches going."""
        self._paused = paused
        self._go()

    def remaining(self) -> int:
        """Rows of the table still without yields."""
        known = self._table.known
        return sum(1 for i in range(len(self._table)) if known(i) is None)

    @property
    def table(self) -> CompareTable:
        """The table being filled."""
        return self._table

    def busy(self) -> bool:
        """True until every row of the table has its yields."""
        return not self._done

    # -- the work ------------------------------------------------------------------------
    def _next(self, count: int) -> list[int]:
        """Up to ``count`` rows to compute next, the preferred first, then in the order."""
        rows: list[int] = []
        while self._first and len(rows) < count:
            i = self._first.pop(0)
            if self._pending(i) and i not in rows:
                rows.append(i)
        order = self._order
        while len(rows) < count and self._cursor < len(order):
            i = order[self._cursor]
            if self._pending(i) and i not in rows:
                rows.append(i)
            self._cursor += 1
        return rows

    def _go(self) -> None:
        if self._submit is not None:
            self._send()
        elif not self._paused and not self._timer.isActive():
            self._timer.start()

    def _send(self) -> None:
        """Keep ``IN_FLIGHT`` batches in the process; without one, fall back to slices."""
        assert self._submit is not None
        while self._flying < IN_FLIGHT:
            rows = self._next(CHUNK)
            if not rows:
                return
            future = self._submit(yields_of, [self._portable(self._table.rows[i]) for i in rows])
            if future is None:
                self._no_process(rows)
                return
            self._busy.update(rows)
            self._flying += 1
            future.add_done_callback(partial(self._report, self._generation, rows))

    def _report(self, generation: int, rows: list[int], future: Future[list[RowYields]]) -> None:
        """From the executor's thread: hand the batch to the UI thread (``_apply``)."""
        try:
            self._relay.arrived.emit(generation, rows, future)
        except RuntimeError:  # the window was closed meanwhile: nobody to tell
            log.debug("compare yields arrived after their window was deleted")

    def _portable(self, row: CompareRow) -> CompareRow:
        """The row with its offering's other notes left out (sent alone, not the whole document)."""
        key = id(row.offering)
        light = self._light.get(key)
        if light is None:
            light = self._light[key] = replace(row.offering, notes=())
        return replace(row, offering=light)

    def _apply(self, generation: int, rows: list[int], future: Future[list[RowYields]]) -> None:
        if generation != self._generation:
            return  # another table by now
        self._flying -= 1
        self._busy.difference_update(rows)
        try:
            found = future.result()
        except Exception as err:  # the process died or could not be reached: go on here
            log.warning("compare yields: the helper process failed (%s); computing here", err)
            self._no_process(rows)
            return
        for i, y in zip(rows, found, strict=True):
            self._table.store(i, y)
        self.computed.emit(rows)
        self._go()
        self._finish_if_done()

    def _no_process(self, rows: list[int]) -> None:
        self._submit = None
        self._first = rows + self._first
        self._go()

    def _slice(self) -> None:
        """Compute rows for at most ``SLICE_MS`` (at least one), then let the loop turn."""
        if self._paused:
            return
        start, done = time.perf_counter(), []
        limit = start + SLICE_MS / 1000
        while True:
            rows = self._next(1)
            if not rows:
                break
            self._table.yields(rows[0])
            done.append(rows[0])
            if time.perf_counter() >= limit:
                break
        gc.collect(1)  # every object not frozen is young: this is a full collection, and a short one
        gc.freeze()  # what the rows cached (their schedules, calls) stays out of later scans
        if done:
            self.computed.emit(done)
            self._timer.start()
        self._finish_if_done()

    def _left(self) -> bool:
        """Whether a row is still to be sent or computed (the cursor passes the known ones)."""
        if any(self._pending(i) for i in self._first):
            return True
        order = self._order
        while self._cursor < len(order) and not self._pending(order[self._cursor]):
            self._cursor += 1
        return self._cursor < len(order)

    def _pending(self, i: int) -> bool:
        """Row ``i`` has no yields and is not on its way to them."""
        return self._table.known(i) is None and i not in self._busy

    def _finish_if_done(self) -> None:
        if not self._done and self._flying == 0 and not self._left():
            self._done = True
            self.finished.emit()
