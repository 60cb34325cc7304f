"""Logging to a rotating per-user file; used by the CLI's last-resort handler and the window.

The file is rotated by ``RotatingFile``, a ``logging.FileHandler`` that rolls the log over as
``logging.handlers.RotatingFileHandler`` does (``termsheet.log`` → ``.1`` → ``.2`` → ``.3``,
the oldest dropped). The standard library's own is not imported for it: ``logging.handlers``
brings the network handlers' ``socket`` (whose enums alone take ~3 ms to make) and ``queue``,
~6 ms of every window start, for a file that grows by a line or two a session.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

_configured: Path | None = None
MAX_BYTES = 1_000_000
BACKUPS = 3


class RotatingFile(logging.FileHandler):
    """A log file rolled over before a record would take it past ``max_bytes``; ``backups``
    older files are kept (``name.1`` the newest). ``RotatingFileHandler``'s rule, mode "a"."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        # opened now, as the library's: a file that cannot be opened fails here (and
        # ``setup_logging`` logs nowhere) instead of at each record, on stderr
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._roll_over()
        except Exception:  # as logging does: a handler never raises into the program
            self.handleError(record)
            return
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        """``RotatingFileHandler.shouldRollover``: the file's size and the record's text (in
        characters, as it counts) reach ``max_bytes``, and the file is a regular file."""
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        if self.stream.tell() + len(f"{self.format(record)}\n") < self.max_bytes:
            return False
        return not (os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename))

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if self.backups > 0 and os.path.exists(base):  # none kept: the file goes on growing
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def log_dir() -> Path:
    """The per-user log folder (XDG state on Linux, Library/Logs on macOS, LOCALAPPDATA on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "termsheet" / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "termsheet"
    base = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state"))
    return base / "termsheet"


def setup_logging() -> Path:
    """Send the ``termsheet`` logger to a rotating file (1 MB × 3); returns its path."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_dir() / "termsheet.log"
    logger = logging.getLogger("termsheet")
    logger.setLevel(logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFile(path)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    _configured = path
    return path


def log_exception(err: BaseException) -> Path:
    """Log ``err`` with its traceback; returns the log file's path for the user message."""
    path = setup_logging()
    logging.getLogger("termsheet").error("unhandled error", exc_info=(type(err), err, err.__traceback__))
    return path
