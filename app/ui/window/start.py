"""Start the window: ``run(files, calc, screenshot)`` from ``termsheet`` with no subcommand.

With no FILE the last session's documents are reopened, or on a first start the bundled sample;
the CUSIP from ``--cusip`` (else the last one used, else the first) is selected and the
calculator preset. The window paints with its tables first; the chart is created right after.
``--screenshot PNG`` saves the window once the chart is drawn and exits 0 (no saved state is
read or written then, so the picture is always the same); ``--screenshot-size WxH`` sets the
window's size for it (1440×900 by default; 1366×705 is a maximised window on a 1366×768 laptop).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.paths import sample_path
from app.ui.window import safety, settings

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

log = logging.getLogger("termsheet.ui")
SCREENSHOT_SIZE = (1440, 900)

# a test or benchmark may hook the first paint (e.g. to time start-up); not used by the program
FIRST_PAINT_HOOK: Callable[[], None] | None = None


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the product's look (created once)."""
    from app.ui.common import apply_look

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Term Sheet")
    app.setOrganizationName(settings.ORG)
    from app import __version__

    app.setApplicationVersion(__version__)
    apply_look(app)
    return app


class Preset(Protocol):
    """The command line's CUSIP and purchase texts (``cli.CalcArgs``), each may be missing."""

    @property
    def cusip(self) -> str | None: ...

    @property
    def amount(self) -> str | None: ...

    @property
    def settle(self) -> str | None: ...

    @property
    def price(self) -> str | None: ...


def initial_size(app: QApplication) -> tuple[int, int]:
    screen = app.primaryScreen()
    avail = screen.availableGeometry() if screen is not None else None
    if avail is None or avail.width() < 1000:
        return SCREENSHOT_SIZE
    return min(1680, int(avail.width() * 0.92)), min(1050, int(avail.height() * 0.92))


def laptop_screen(app: QApplication) -> bool:
    """A screen of 1366×768 … 1600×900, where the window opens maximised (a window of 92% of it
    would only waste the rest)."""
    screen = app.primaryScreen()
    avail = screen.availableGeometry() if screen is not None else None
    return avail is not None and avail.width() >= 1000 and (avail.width() < 1500 or avail.height() < 860)


def build_window(
    files: list[str], calc: Preset, screenshot: bool = False, size: tuple[int, int] | None = None
) -> MainWindow:
    """The main window with ``files`` (or the session/sample) loaded and a CUSIP selected;
    ``size`` (width, height) instead of the saved or default geometry."""
    from app.ui.window.main_window import MainWindow

    app = application()
    if not screenshot:  # before the widgets exist: they are built in the theme's colours
        from app.ui.common import theme
        from app.ui.window.session import saved_theme

        theme.apply(app, saved_theme())
    window = MainWindow(calc, persist=not screenshot)
    window.chart.ready.connect(freeze_startup_objects)
    restored = False if screenshot or size else window.restore_state()
    wanted = calc.cusip
    if not wanted and not files and not screenshot:
        wanted = window.session.last_cusip()
    if not files:
        files = ([] if screenshot else window.session.files()) or [str(sample_path())]
    if not screenshot:
        window.session.prune_recent()
    window.open_files(files, select=str(wanted) if wanted else None)
    window.show_state_notes()
    if not restored:  # after loading, so the calculator's width includes its texts
        width, height = size or (SCREENSHOT_SIZE if screenshot else initial_size(app))
        window.resize(width, height)
        window.use_default_sizes()  # and again once maximised, until the user moves a splitter
        if not screenshot and size is None and laptop_screen(app):
            window.setWindowState(Qt.WindowState.WindowMaximized)
    cusip = calc.cusip
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


def _save_screenshot(window: MainWindow, path: str) -> None:
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


def run(files: list[str], calc: Preset, screenshot: str | None, size: tuple[int, int] | None = None) -> int:
    """Open the window and run the event loop; the process exit status. ``size``: the
    screenshot's window size."""
    app = application()
    safety.install()
    from app.ui.window import loader

    loader.use_process(True)  # main.py and the console script guard __main__
    window = build_window(files, calc, screenshot is not None, size if screenshot is not None else None)
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
