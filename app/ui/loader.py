"""Loading documents off the UI thread: a worker with loaded / failed / progress signals."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import TermSheetError
from app.domain.model import Offering, ParseWarning

log = logging.getLogger("termsheet.ui")


def load_one(path: str) -> tuple[Offering, list[ParseWarning]]:
    """Load one document (the sources package is imported on first use)."""
    from app.sources import load_path

    return load_path(path)


def failure_message(path: str, err: BaseException) -> str:
    """A one-line message naming the file; a bug in a loader is logged with its traceback."""
    if isinstance(err, TermSheetError):
        text = str(err)
        return text if Path(path).name in text else f"{Path(path).name}: {text}"
    log.error("loader failed on %s", path, exc_info=(type(err), err, err.__traceback__))
    return f"{Path(path).name}: could not be read ({type(err).__name__}: {err})"


class LoadSignals(QObject):
    loaded = Signal(str, object, object)  # path, Offering, warnings
    failed = Signal(str, str)  # path, message
    progress = Signal(int, int)  # done, total
    finished = Signal()


class LoadJob(QRunnable):
    """Loads ``paths`` one after another; each result is reported as soon as it is ready."""

    def __init__(self, paths: Sequence[str], signals: LoadSignals) -> None:
        super().__init__()
        self.paths = list(paths)
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        total = len(self.paths)
        for done, path in enumerate(self.paths, start=1):
            try:
                offering, warnings = load_one(path)
            except Exception as err:  # report and go on with the next file
                self.signals.failed.emit(path, failure_message(path, err))
            else:
                self.signals.loaded.emit(path, offering, warnings)
            self.signals.progress.emit(done, total)
        self.signals.finished.emit()


def pool() -> QThreadPool:
    """One loader thread: documents load in order, the UI thread stays free."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


_pool: QThreadPool | None = None
