"""Documents loaded off the UI thread (``loader``), shown a slice per event-loop turn (tree, note,
terms, chart) with the paints in between: no turn holds the UI thread for long.

Each arrived document is a generator (the window's ``show``) whose every ``yield`` ends a turn;
a note a load selected adds follow-ups (its terms, its chart), run before the next document.
Until the window has painted (``spread`` False: the documents of the start) an arrived document
is shown at once, so that the first paint shows it whole.
``progress`` counts the files read of all the loads under way; ``idle`` is emitted when
everything asked for is loaded and shown. ``stop`` (the window closes) drops every load under
way: nothing read afterwards is shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.model import Offering, ParseWarning
from app.ui.window.loader import Batch, LoadJob, LoadSignals, pool

_DONE = object()
Show = Callable[[str, Offering, list[ParseWarning], Batch], Iterator[None]]


class LoadQueue(QObject):
    """Loads started (``start``), documents arrived (``arrive``) and the turns that show them."""

    failed = Signal(str, str)  # path, one-line message
    progress = Signal(int, int)  # files read, files asked for (of the loads under way)
    idle = Signal()

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        # the worker thread's, delivered here as queued events. Not a child of this queue: the
        # jobs hold it too, so a load still running when the window is closed and deleted emits
        # into an object still alive (with nobody connected) instead of one deleted under it
        # on the UI thread (the process crashed in that race)
        self.signals = LoadSignals()
        self.signals.loaded.connect(self.arrive)
        self.signals.failed.connect(self._failed)
        self.signals.file_done.connect(self._file_done)
        self.signals.finished.connect(self._job_finished)
        self._batches: list[Batch] = []  # the loads under way (cancelled by ``stop``)
        self._pending = 0  # loader jobs not finished
        self._read = self._asked = 0  # files, for ``progress``
        self._arrived: deque[Iterator[None]] = deque()  # one generator per document
        self._follow_ups: deque[Callable[[], None]] = deque()  # terms, chart of a note a load selected
        self.in_step = False  # True while a turn runs (a note selected then spreads its work)
        self.spread = True  # False: a document arriving is shown at once (nothing painted yet)
        self._timer = QTimer(self)  # owned: deleted with the window, nothing runs after
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)

    def start(self, paths: Sequence[str], batch: Batch | None = None) -> Batch:
        """Load ``paths`` on the loader thread; each document arrives as it is read."""
        batch = batch if batch is not None else Batch()
        self._batches.append(batch)
        self._pending += 1
        self._asked += len(paths)
        self.progress.emit(self._read, self._asked)
        pool().start(LoadJob(paths, self.signals, batch))
        return batch

    def stop(self) -> None:
        """Drop every load under way (the window closes): the files not yet read are not read,
        and what arrives from now on is not shown."""
        for batch in self._batches:
            batch.cancelled = True
        self._batches.clear()
        self._arrived.clear()
        self._follow_ups.clear()
        self._timer.stop()
        self._pending = self._read = self._asked = 0

    def arrive(
        self, path: str, offering: Offering, warnings: list[ParseWarning], batch: Batch | None = None
    ) -> None:
        """A document back from the loader: shown over the next event-loop turns."""
        batch = batch if batch is not None else Batch()
        if batch.cancelled:
            return
        if not self.spread:  # no turn to keep short: the window has not painted yet
            for _ in self._show(path, offering, warnings, batch):
                pass
            self._went_idle_if_done()
            return
        self._arrived.append(self._show(path, offering, warnings, batch))
        self._timer.start()

    def follow_up(self, *steps: Callable[[], None]) -> None:
        """Run ``steps`` in turns of their own, before the next document's."""
        self._follow_ups.extend(steps)

    def pending(self) -> bool:
        """True until every document asked for is loaded and shown."""
        return self._pending > 0 or bool(self._arrived or self._follow_ups)

    def step(self) -> None:
        """One slice: a selected note's terms or chart first, else the next slice of the first
        document waiting."""
        self.in_step = True
        try:
            if self._follow_ups:
                self._follow_ups.popleft()()
            elif self._arrived:
                done = True
                try:
                    done = next(self._arrived[0], _DONE) is _DONE
                finally:  # finished, or failed (the error goes on to the hook): the next one
                    if done:
                        self._arrived.popleft()
        finally:
            self.in_step = False
            if self._arrived or self._follow_ups:
                self._timer.start()
            elif self._pending == 0:
                self._went_idle()

    def _failed(self, path: str, message: str, batch: Batch) -> None:
        if not batch.cancelled:
            self.failed.emit(path, message)

    def _file_done(self, batch: Batch) -> None:
        if not batch.cancelled:
            self._read += 1
            self.progress.emit(self._read, self._asked)

    def _job_finished(self, batch: Batch) -> None:
        if batch.cancelled:  # stopped: no longer counted
            return
        self._pending -= 1
        self._went_idle_if_done()

    def _went_idle_if_done(self) -> None:
        if self._pending == 0 and not (self._arrived or self._follow_ups):
            self._batches.clear()
            self._went_idle()

    def _went_idle(self) -> None:
        self._read = self._asked = 0
        self.idle.emit()
