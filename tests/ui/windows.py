"""Main windows for tests, built as the program builds them: every document loads off the UI
thread, so a test that reads what a load shows first waits for the loads (``loaded``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer


def loaded(win: Any, timeout_ms: int = 30_000) -> Any:
    """``win`` once every document asked for is shown (the event loop runs meanwhile)."""
    if win.loads_pending():
        loop = QEventLoop()
        win.loadsIdle.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        win.loadsIdle.disconnect(loop.quit)
    assert not win.loads_pending(), f"documents still loading after {timeout_ms} ms"
    return win


def open_and_wait(win: Any, paths: Sequence[str], select: str | None = None) -> Any:
    """``win.open_files(paths, select)``, returned once they are shown."""
    win.open_files([str(p) for p in paths], select=select)
    return loaded(win)


def built(files: Sequence[str], calc: Any, screenshot: bool = False) -> Any:
    """``build_window(files, calc, screenshot)`` once its documents are shown."""
    from app.ui.window.start import build_window

    return loaded(build_window([str(f) for f in files], calc, screenshot))
