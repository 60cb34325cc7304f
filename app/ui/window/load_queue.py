"""Documents back from the loader, shown a slice per event-loop turn (tree, note, terms, chart)
with the paints in between: no turn holds the UI thread for long.

Each arrived document is a generator (the window's ``show``) whose every ``yield`` ends a turn;
a note a load selected adds follow-ups (its terms, its chart), run before the next document.
``idle`` is emitted when everything asked for is loaded and shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.model import Offering, ParseWarning
from app.ui.window.loader import LoadJob, LoadSignals, pool

_DONE = object()
Show = Callable[[str, Offering, list[ParseWarning]], Iterator[None]]


class LoadQueue(QObject):
    """Loads started (``start``), documents arrived (``arrive``) and the turns that show them."""

    idle = Signal()

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self.signals = LoadSignals(self)  # failed and progress are the window's to show
        self.signals.loaded.connect(self.arrive)
        self.signals.finished.connect(self._job_finished)
        self._pending = 0  # loader jobs not finished
        self._arrived: deque[Iterator[None]] = deque()  # one generator per document
        self._follow_ups: deque[Callable[[], None]] = deque()  # terms, chart of a note a load selected
        self.in_step = False  # True while a turn runs (a note selected then spreads its work)
        self._timer = QTimer(self)  # owned: deleted with the window, nothing runs after
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)

    def start(self, paths: Sequence[str]) -> None:
        """Load ``paths`` in the loader thread; each document arrives as it is read."""
        self._pending += 1
        pool().start(LoadJob(paths, self.signals))

    def arrive(self, path: str, offering: Offering, warnings: list[ParseWarning]) -> None:
        """A document back from the loader: shown over the next event-loop turns."""
        self._arrived.append(self._show(path, offering, warnings))
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
                self.idle.emit()

    def _job_finished(self) -> None:
        self._pending -= 1
        if self._pending <= 0:
            self._pending = 0
            if not (self._arrived or self._follow_ups):
                self.idle.emit()
