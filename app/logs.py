"""Logging to a rotating per-user file; used by the CLI's last-resort handler and the window."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

_configured: Path | None = None


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
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
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
