"""Start the window: ``run(files, calc, screenshot, page, size)`` from ``termsheet`` with no subcommand.

With no FILE the last session's documents are reopened, or on a first start the bundled sample;
they load off the UI thread like any other (``load_queue``), and the CUSIP from ``--cusip``
(else the last one used, else the first) is selected and the calculator preset when its
document is shown. The window paints at once; the chart (pyqtgraph) is created right after the
first paint. ``--screenshot PNG`` saves the window once the documents are shown and the chart
is drawn (and, with ``--page compare``, the compared yields are in; with a proposal, its
positions are priced), and exits 0 (no saved state is read or written then, so the picture is
always the same); ``--screenshot-size WxH`` sets the window's size for it (1440×900 by default;
1366×705 is a maximised window on a 1366×768 laptop).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from app import warm_cache
from app.paths import sample_path
from app.ui.window import safety, settings

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

log = logging.getLogger("termsheet.ui")
SCREENSHOT_SIZE = (1440, 900)
# the quality of a screenshot written by Qt (a .jpg, .bmp, …; a .png is written by
# ``app.reports.png``): 85 for a .jpg
SCREENSHOT_QUALITY = 85

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
    files: list[str],
    calc: Preset,
    screenshot: bool = False,
    page: str | None = None,
    size: tuple[int, int] | None = None,
) -> MainWindow:
    """The main window loading ``files`` (or the session/sample) off the UI thread; the CUSIP
    asked for (or the first) is selected when its document is shown (``loads_pending`` until
    then). A proposal file among them opens as the proposal; ``page`` is the workspace page
    shown; ``size`` (width, height) instead of the saved or default geometry."""
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
    if page is not None:
        from app.ui.window.layout import Layout

        window.show_page(Layout.PAGE_NAMES.index(page))
    if not restored:
        width, height = size or (SCREENSHOT_SIZE if screenshot else initial_size(app))
        window.resize(width, height)
        window.use_default_sizes()  # and again once maximised, until the user moves a splitter
        if not screenshot and size is None and laptop_screen(app):
            window.setWindowState(Qt.WindowState.WindowMaximized)
    if calc.cusip:
        when_loaded(window, lambda: say_if_missing(window, str(calc.cusip)))
    return window


def when_loaded(window: MainWindow, then: Callable[[], None]) -> None:
    """``then()`` once every document asked for is shown (now, if they are)."""
    if window.loads_pending():
        window.loadsIdle.connect(then, Qt.ConnectionType.SingleShotConnection)
    else:
        then()


def say_if_missing(window: MainWindow, cusip: str) -> None:
    """Warn when the CUSIP asked for on the command line is not the one shown."""
    note = window.offerings.current_note()
    if note is None:
        window.messages.show_message(f"CUSIP {cusip} is not in the loaded documents.", "warning")
    elif note.cusip.upper() != cusip.strip().upper():
        window.messages.show_message(
            f"CUSIP {cusip} is not in the loaded documents; showing {note.cusip}.", "warning"
        )


def freeze_startup_objects() -> None:
    """Move everything alive once the chart is built (Qt wrappers, pyqtgraph, numpy, the loaded
    documents) out of the collector's reach: a full collection otherwise scans them all and
    stalls the UI thread for ~100 ms in the middle of typing. After a start with the collector
    off (``run``) the objects are frozen as they are (a start leaves no cycles to collect) and
    the collector is turned on; else (a window built by a test) what is garbage goes first."""
    if gc.isenabled():
        gc.collect()
    gc.freeze()
    gc.enable()


def _save_screenshot(window: MainWindow, path: str) -> None:
    """Save the window once its documents are shown and the chart is drawn."""
    if window.loads_pending():
        when_loaded(window, lambda: _save_screenshot(window, path))
        return
    if window.proposals.opening():  # its positions are being priced: shown in a moment
        QTimer.singleShot(50, lambda: _save_screenshot(window, path))
        return
    compare = window.compare
    if compare is not None and compare.isVisible() and compare.busy():  # its yields first
        compare.idle.connect(
            lambda: QTimer.singleShot(0, lambda: _save_screenshot(window, path)),
            Qt.ConnectionType.SingleShotConnection,  # asked again if busy again then
        )
        return
    window.chart.ensure_plot()
    ok = save_picture(window_image(window), path)
    if not ok:
        print(f"termsheet: could not write the screenshot {path}", file=sys.stderr)
    QApplication.exit(0 if ok else 3)


def save_picture(picture: QPixmap, path: str) -> bool:
    """Write ``picture`` to ``path`` in the format its suffix names: a PNG through
    ``app.reports.png`` (a third of the time of Qt's writer, which filters every row five ways),
    any other format through Qt's writers. False if it could not be written."""
    if Path(path).suffix.lower() != ".png":
        return picture.save(path, None, SCREENSHOT_QUALITY)
    from app.reports.png import encode_rgb

    image = picture.toImage().convertToFormat(QImage.Format.Format_RGB888)
    try:
        data = encode_rgb(image.width(), image.height(), image.constBits(), image.bytesPerLine())
        Path(path).write_bytes(data)
    except (OSError, ValueError):
        return False
    return True


def window_image(window: QWidget) -> QPixmap:
    """What ``window`` shows. On the offscreen platform (no screen to hide part of it) its
    backing store holds what it painted: the pending paints are done and that is copied (~2 ms;
    a view re-laid out just before, e.g. the compare table resorted, lays its items out in one
    turn and asks for its paint in the next, hence a few turns); elsewhere the window is painted
    again into a pixmap (``grab``, ~25 ms for this window), the pending layouts settled first."""
    if QGuiApplication.platformName() == "offscreen":
        for _ in range(3):
            QApplication.processEvents()
        screen = window.screen()
        if screen is not None:
            return screen.grabWindow(window.winId())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return window.grab()


def run(
    files: list[str],
    calc: Preset,
    screenshot: str | None,
    page: str | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    """Open the window (on ``page``: ``Layout.PAGE_NAMES``) and run the event loop; the process
    exit status. ``size``: the screenshot's window size. The cyclic collector is off until the
    chart is built (``freeze_startup_objects``): a start allocates ~400,000 objects and leaves
    no cycles, and the collections it triggered cost ~50 ms."""
    gc.disable()
    app = application()
    safety.install()
    from app.ui.window import loader

    loader.use_process(True)  # main.py and the console script guard __main__
    window = build_window(files, calc, screenshot is not None, page, size if screenshot is not None else None)
    window.chart.ready.connect(warm_cache.stop_recording)  # the start is over: nothing more is kept
    if FIRST_PAINT_HOOK is not None:
        window.firstPainted.connect(FIRST_PAINT_HOOK)
    if screenshot is not None:
        window.chart.ready.connect(lambda: QTimer.singleShot(0, lambda: _save_screenshot(window, screenshot)))
    window.show()
    log.info("window shown with %d document(s)", len(window.offerings.documents()))
    status = int(app.exec())
    warm_cache.save()  # what this start compiled that the last one had not
    if screenshot is not None and not loader.process_started():
        end_at_once(status)
    teardown(window)
    loader.shutdown()
    return status


def end_at_once(status: int) -> NoReturn:
    """End a screenshot's process once its PNG is written: a one-shot command has nothing to
    tear down, so the log and the standard streams are flushed and the process exits without
    deleting the window or finalizing the interpreter (~30 ms of the screenshot's time here).
    Not after a loader process was started (``run`` ends normally then): its queues' locks are
    released only by the interpreter's exit, and multiprocessing would warn of them leaked."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def teardown(window: QWidget) -> None:
    """Delete the window while Python is still fully alive: left to interpreter shutdown, the
    plot's graphics items are destroyed after their Python overrides and the process may crash.
    What was copied stays on the clipboard in data of Qt's own (``clipboard.hand_over``)."""
    from app.ui.common import clipboard

    clipboard.hand_over()
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
