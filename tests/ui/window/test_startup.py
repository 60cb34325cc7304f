"""The program as a user starts it: ``main.py --screenshot`` and the start-up order (the window
paints before pyqtgraph is imported). Each runs in a fresh process with private settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[3]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TERMSHEET_SETTINGS=str(tmp_path / "settings.ini"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    return env


def test_screenshot_saves_the_window_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert not (tmp_path / "settings.ini").exists()  # a screenshot leaves no saved state


DRIVER = """
import sys
from app.ui.window import start as ui
def at_first_paint():
    print("pyqtgraph" in sys.modules, flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.exit(0)
ui.FIRST_PAINT_HOOK = at_first_paint
from app.cli import main
sys.exit(main([]))
"""


def test_window_paints_before_pyqtgraph_is_imported(tmp_path: Path) -> None:
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
    assert done.stdout.strip() == "False"
