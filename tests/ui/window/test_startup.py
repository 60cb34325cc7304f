"""The program as a user starts it: ``main.py --screenshot`` and the start-up order (the window
paints before pyqtgraph is imported). Each runs in a fresh process with private settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage

from app.ui.common.palette import LIGHT

ROOT = Path(__file__).resolve().parents[3]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TERMSHEET_SETTINGS=str(tmp_path / "settings.ini"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    return env


def _termsheet(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``main.py args`` run as a user starts it, with private settings."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_screenshot_saves_the_window_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = _termsheet(tmp_path, "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert not (tmp_path / "settings.ini").exists()  # a screenshot leaves no saved state
    # it ends at once once the PNG is written (end_at_once), its log flushed first
    log = (tmp_path / "state" / "termsheet" / "termsheet.log").read_text(encoding="utf-8")
    assert "termsheet.ui: window shown with" in log
    # the complete window: the sample's coupon bars drawn in the chart (top right), the rolled
    # payment dates marked in the coupon calendar (bottom right)
    assert _pixels(image, LIGHT.coupon, 730, 90, 1440, 520) > 1500
    assert _pixels(image, LIGHT.rolled_row, 730, 520, 1440, 900) > 1000


def test_screenshot_of_documents_loaded_in_the_loader_process_ends_cleanly(tmp_path: Path) -> None:
    """PDFs load in the loader process: that process's queues are released by the interpreter's
    own exit, so the screenshot ends normally then (not at once): nothing on stderr, no
    multiprocessing warning of leaked semaphores after the program has exited."""
    out = tmp_path / "shot.png"
    pdfs = [
        ROOT / "tests" / "data" / "supplements" / f"{name}.pdf"
        for name in ("ally-2021-final", "bofa-internotes-2004-step-range")
    ]
    done = _termsheet(tmp_path, *map(str, pdfs), "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    assert "leaked" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def _pixels(image: QImage, colour: str, x0: int, y0: int, x1: int, y1: int) -> int:
    """How many pixels of the rectangle are exactly ``colour``."""
    want = QColor(colour).rgb()
    return sum(1 for y in range(y0, y1, 2) for x in range(x0, x1, 2) if image.pixel(x, y) == want) * 4


# the bundled sample alone: read on the worker thread, no loader process started
NO_PROCESS = """
import sys
from app.ui.window import loader
real = loader._executor
def spawned():
    print("loader process started", flush=True)
    return real()
loader._executor = spawned
from app.cli import main
sys.exit(main(["--screenshot", sys.argv[1]]))
"""


def test_the_sample_alone_starts_no_loader_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_PROCESS, str(tmp_path / "shot.png")],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "loader process started" not in done.stdout
    assert (tmp_path / "shot.png").is_file()


DRIVER = """
import sys
from app.ui.window import start as ui
def at_first_paint():
    # the chart's, File ▸ Print's, the desk subcommands' (a start parses only the window's options)
    later = ("pyqtgraph", "numpy", "PySide6.QtPrintSupport", "app.cli_desk")
    print(" ".join(name for name in later if name in sys.modules) or "none", flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.exit(0)
ui.FIRST_PAINT_HOOK = at_first_paint
from app.cli import main
sys.exit(main([]))
"""


def test_window_paints_before_pyqtgraph_and_print_support_are_imported(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


def test_the_screenshot_copies_what_the_window_painted(qtbot: Any) -> None:
    """Offscreen, the screenshot is the window's backing store: the same pixels as painting the
    window again (``grab``), without painting it again."""
    from app.cli import CalcArgs
    from app.ui.window.start import window_image
    from tests.ui.windows import built

    win = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.bar_count() > 0, timeout=10_000)
    win.offerings.tree.setFocus()  # no blinking caret between the two pictures
    copied = window_image(win).toImage().convertToFormat(QImage.Format.Format_RGB32)
    painted = win.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert (copied.width(), copied.height()) == (1440, 900)
    assert copied == painted


def test_the_calculator_fits_the_first_note_shown_before_the_first_paint(qtbot: Any) -> None:
    """A start's document arrives after the window is shown, before its first paint: the panels
    are laid out again for the note's texts then, nothing clipped in the calculator."""
    from app.paths import sample_path
    from app.ui.window.main_window import MainWindow
    from app.ui.window.start import SCREENSHOT_SIZE, application
    from tests.offerings import ALLY

    application()  # the look: the style sheet's fonts decide the widths
    win = MainWindow(persist=False)
    qtbot.addWidget(win)
    win.resize(*SCREENSHOT_SIZE)
    win.use_default_sizes()
    win.show()  # laid out for an empty calculator
    win.loads.arrive(str(sample_path()), ALLY, [])  # not painted yet: shown at once
    qtbot.waitExposed(win)
    scroll = win.panes.calc_scroll
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.minimumWidth() == win.panes.calculator_width() >= 400  # its texts: 411 px
