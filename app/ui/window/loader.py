"""Loading documents off the UI thread: a worker with loaded / failed / progress signals.

Every document loads on the worker thread; the UI thread only shows what comes back. One small
document asked for alone (``SMALL_BYTES`` or less, not a PDF: the bundled sample parses in
~5 ms, a golden supplement in 2–40 ms) is parsed on the worker thread itself while no loader
process runs: no process is started for it (a start with the sample never spawns one).
Anything more, and every document once the process runs, is handed to the loader *process*
while the worker waits: a PDF or a large document is pure Python for a second or more (a 5 MB
text filing ~0.3 s, much of it in single regular-expression calls over the whole text), and
several small ones back to back keep the GIL as busy. In a thread that would hold the GIL the
UI thread needs for every paint and slot: each time the UI thread wants it back it waits up to
the switch interval (5 ms), so a turn that makes many Qt calls stretches by the worker's whole
CPU time (edits took 100–330 ms while a PDF loaded; turns of 130 ms while ten small supplements
loaded in the thread). A crashed loader process fails that file only; the next load starts a
new process. Where no process can be started, the thread loads.

The process is used only after ``use_process(True)`` (``app.run`` does it): a spawned process
re-imports the ``__main__`` module, which is safe for ``main.py``, the console script and
pytest (all guarded) but not for any script that builds a window at import time.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import TermSheetError
from app.domain.model import Offering, ParseWarning

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger("termsheet.ui")
T = TypeVar("T")
SMALL_BYTES = 64_000  # one document this small (and not a PDF): parsed on the worker thread


def absolute(path: str | Path) -> str:
    """The path a document is known by: absolute, links and ``..`` resolved, so that a session
    started elsewhere finds it and one file opened twice is known as one."""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL: the loader says what is wrong
        return str(Path(path).absolute())


def load_one(path: str) -> tuple[Offering, list[ParseWarning]]:
    """Load one document (the sources package is imported on first use)."""
    from app.sources import load_path

    return load_path(path)


def load_elsewhere(path: str, alone: bool = False) -> tuple[Offering, list[ParseWarning]]:
    """Load ``path`` off the UI thread (from the worker thread: this call blocks): a small
    document asked for ``alone`` here while no loader process runs, anything else in the
    loader process (once it runs, it takes every document: no GIL is shared with it)."""
    if _use_process and (not alone or _process_pool is not None or needs_process(path)):
        return load_in_process(path)
    return load_one(path)


def needs_process(path: str) -> bool:
    """A PDF (by its first bytes, whatever its name) or a document over ``SMALL_BYTES``; one
    that cannot be read is not (``load_one`` says why)."""
    try:
        with open(path, "rb") as f:
            return f.read(5) == b"%PDF-" or Path(path).stat().st_size > SMALL_BYTES
    except OSError:
        return False


def load_in_process(path: str) -> tuple[Offering, list[ParseWarning]]:
    """``load_one`` in the loader process (the thread loads where there is none)."""
    from concurrent.futures.process import BrokenProcessPool

    from app.sources import load_path

    executor = _executor()
    if executor is None:
        return load_one(path)
    try:
        return executor.submit(load_path, path).result()
    except BrokenProcessPool:
        _drop_executor(executor)
        raise TermSheetError(
            f"{Path(path).name}: the loader stopped while reading this file (out of memory?)"
        ) from None


def submit_elsewhere(fn: Callable[..., T], *args: object) -> Future[T] | None:
    """``fn(*args)`` in the loader process (loads and this work take turns in it), or None
    where there is no process (then the caller does the work its own way). ``fn`` and its
    arguments must pickle; a process that died is dropped (the next call starts a new one)."""
    from concurrent.futures.process import BrokenProcessPool

    executor = _executor() if _use_process else None
    if executor is None:
        return None
    try:
        return executor.submit(fn, *args)
    except (BrokenProcessPool, RuntimeError):  # died, or shut down at exit
        _drop_executor(executor)
        return None


def use_process(on: bool = True) -> None:
    """Load in a separate process from now on (the caller's ``__main__`` must be guarded)."""
    global _use_process
    _use_process = on


_use_process = False
_executor_lock = threading.Lock()
_process_pool: ProcessPoolExecutor | None = None
_no_process = False
_started = False  # a loader process was started in this process's life


def _executor() -> ProcessPoolExecutor | None:
    global _process_pool, _no_process, _started
    with _executor_lock:
        if _process_pool is None and not _no_process:
            _started = True
            import atexit
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            atexit.register(shutdown)  # stopped while the interpreter is whole (not in its teardown)
            try:
                context = multiprocessing.get_context("spawn")  # never fork a Qt process
                _process_pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_lower_priority
                )
            except (OSError, ValueError, NotImplementedError) as err:
                log.warning("no loader process (%s); documents load in a thread", err)
                _no_process = True
        return _process_pool


def _lower_priority() -> None:
    """In the loader process: yield the CPU to the window (2-core machines feel it otherwise),
    and end with the window, however it ends (see ``_exit_with_parent``)."""
    import os

    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()


def _exit_with_parent() -> None:
    """Wait for the window's process to end, then end this one. A window that crashes or is
    killed never shuts the pool down, and the worker, blocked reading a queue whose other end
    it holds itself, would otherwise stay behind (~95 MB) until the machine restarts."""
    import multiprocessing
    import os

    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(0)


def _drop_executor(executor: ProcessPoolExecutor) -> None:
    global _process_pool
    with _executor_lock:
        if _process_pool is executor:
            _process_pool = None
    executor.shutdown(wait=False, cancel_futures=True)


def process_started() -> bool:
    """A loader process was started (its queues and locks are released only by the interpreter's
    own exit, so a process that used one must not end with ``os._exit``)."""
    return _started


def shutdown() -> None:
    """Stop the loader process (at exit; a later load starts a new one)."""
    global _process_pool
    with _executor_lock:
        executor, _process_pool = _process_pool, None
    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)


def failure_message(path: str, err: BaseException) -> str:
    """A one-line message naming the file; a bug in a loader is logged with its traceback."""
    if isinstance(err, TermSheetError):
        text = str(err)
        return text if Path(path).name in text else f"{Path(path).name}: {text}"
    log.error("loader failed on %s", path, exc_info=(type(err), err, err.__traceback__))
    return f"{Path(path).name}: could not be read ({type(err).__name__}: {err})"


@dataclass(eq=False)
class Batch:
    """One request to open documents (a drop, File ▸ Open, the command line): ``select`` the
    CUSIP to show once a document of it holds one (None: the first document shown selects its
    first note); ``cancelled`` when the window closed: nothing more of it is loaded or shown."""

    select: str | None = None
    selected: bool = False
    cancelled: bool = False


class LoadSignals(QObject):
    loaded = Signal(str, object, object, object)  # path, Offering, warnings, Batch
    failed = Signal(str, str, object)  # path, message, Batch
    file_done = Signal(object)  # Batch: one more of its files read (or failed)
    finished = Signal(object)  # Batch: all its files read


class LoadJob(QRunnable):
    """Loads ``paths`` one after another; each result is reported as soon as it is ready."""

    def __init__(self, paths: Sequence[str], signals: LoadSignals, batch: Batch) -> None:
        super().__init__()
        self.paths = list(paths)
        self.signals = signals
        self.batch = batch
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError:  # the window that asked was closed and deleted: nobody to tell
            log.debug("a load finished after its window was deleted", exc_info=True)

    def _run(self) -> None:
        alone = len(self.paths) == 1
        for path in self.paths:
            if self.batch.cancelled:
                break
            try:
                offering, warnings = load_elsewhere(path, alone)
            except Exception as err:  # report and go on with the next file
                self.signals.failed.emit(path, failure_message(path, err), self.batch)
            else:
                self.signals.loaded.emit(path, offering, warnings, self.batch)
            self.signals.file_done.emit(self.batch)
        self.signals.finished.emit(self.batch)


def pool() -> QThreadPool:
    """One loader thread: documents load in order, the UI thread stays free."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


_pool: QThreadPool | None = None
