"""Start the window: ``run(files, calc, screenshot)`` from ``termsheet`` with no subcommand.

With no FILE the last session's documents are reopened, or on a first start the bundled sample;
the CUSIP from ``--cusip`` (else the last one used, else the first) is selected and the
calculator preset. The window paints with its tables first; the chart is created right after.
``--screenshot PNG`` saves the window once the chart is drawn and exits 0 (no saved state is
read or written then, so the picture is always the same).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.paths import sample_path
from app.ui.window import safety, settings

log = logging.getLogger("termsheet.ui")
SCREENSHOT_SIZE = (1440, 900)

# a test or benchmark may hook the first paint (e.g. to time start-up); not used by the program
FIRST_PAINT_HOOK: Callable[[], None] | None = None


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the product's look (created once)."""
    from app.ui.common.resources import apply_look

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Term Sheet")
    app.setOrganizationName(settings.ORG)
    from app import __version__

    app.setApplicationVersion(__version__)
    apply_look(app)
    return app


def session_files(window: Any) -> list[str]:
    """The last session's documents that still exist (missing ones are noted), or the sample."""
    saved = window.saved.files("files", "the last session's files")
    return saved or [str(sample_path())]


def prune_recent(window: Any) -> None:
    """Drop files that no longer exist (or are not text) from the recent list, with a note."""
    value = settings.settings().value("recent")
    kept = window.saved.files("recent", "the recent files")
    if value is not None and kept != settings.str_list(value) and not window.saved.newer:
        settings.settings().setValue("recent", kept)


def initial_size(app: QApplication) -> tuple[int, int]:
    screen = app.primaryScreen()
    avail = screen.availableGeometry() if screen is not None else None
    if avail is None or avail.width() < 1000:
        return SCREENSHOT_SIZE
    return min(1680, int(avail.width() * 0.92)), min(1050, int(avail.height() * 0.92))


def build_window(files: list[str], calc: Any, screenshot: bool = False) -> Any:
    """The main window with ``files`` (or the session/sample) loaded and a CUSIP selected."""
    from app.ui.window.main_window import MainWindow

    app = application()
    window = MainWindow(calc, persist=not screenshot)
    window.chart.ready.connect(freeze_startup_objects)
    restored = False if screenshot else window.restore_state()
    wanted = getattr(calc, "cusip", None)
    if not wanted and not files and not screenshot:
        wanted = window.saved.text("lastCusip", "the last CUSIP")
    if not files:
        files = [str(sample_path())] if screenshot else session_files(window)
    if not screenshot:
        prune_recent(window)
    window.open_files(files, select=str(wanted) if wanted else None)
    window.show_state_notes()
    if not restored:  # after loading, so the calculator's width includes its texts
        width, height = SCREENSHOT_SIZE if screenshot else initial_size(app)
        window.resize(width, height)
        window.use_default_sizes()
    cusip = getattr(calc, "cusip", None)
    if cusip and not window.loads_pending() and window.offerings.current_note() is None:
        window.messages.show_message(f"CUSIP {cusip} is not in the loaded documents.", "warning")
    elif cusip and not window.loads_pending():
        note = window.offerings.current_note()
        if note is not None and note.cusip.upper() != cusip.strip().upper():
            window.messages.show_message(
                f"CUSIP {cusip} is not in the loaded documents; showing {note.cusip}.", "warning"
            )
    return window


def freeze_startup_objects() -> None:
    """Move everything alive once the chart is built (Qt wrappers, pyqtgraph, numpy, the loaded
    documents) out of the collector's reach: a full collection otherwise scans them all and
    stalls the UI thread for ~100 ms in the middle of typing."""
    gc.collect()
    gc.freeze()


def _save_screenshot(window: Any, path: str) -> None:
    app = QApplication.instance()
    if window.loads_pending():
        window.loadsIdle.connect(lambda: _save_screenshot(window, path))
        return
    window.chart.ensure_plot()
    assert app is not None
    app.processEvents()
    ok = window.grab().save(path)
    if not ok:
        print(f"termsheet: could not write the screenshot {path}", file=sys.stderr)
    QApplication.exit(0 if ok else 3)


def run(files: list[str], calc: Any, screenshot: str | None) -> int:
    """Open the window and run the event loop; the process exit status."""
    app = application()
    safety.install()
    from app.ui.window import loader

    loader.use_process(True)  # main.py and the console script guard __main__
    window = build_window(files, calc, screenshot is not None)
    if FIRST_PAINT_HOOK is not None:
        window.firstPainted.connect(FIRST_PAINT_HOOK)
    if screenshot is not None:
        window.chart.ready.connect(lambda: QTimer.singleShot(0, lambda: _save_screenshot(window, screenshot)))
    window.show()
    log.info("window shown with %d document(s)", len(window.offerings.documents()))
    status = int(app.exec())
    teardown(window)
    from app.ui.window.loader import shutdown

    shutdown()
    return status


def teardown(window: QWidget) -> None:
    """Delete the window while Python is still fully alive: left to interpreter shutdown, the
    plot's graphics items are destroyed after their Python overrides and the process may crash."""
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
