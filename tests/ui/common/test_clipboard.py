"""The clipboard (``app.ui.common.clipboard``): one copy as text and an HTML table, still there
after the program quits, and no crash on the way out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from app.ui.common import clipboard

ROOT = Path(__file__).resolve().parents[3]

QUITS = """
import sys
from PySide6.QtWidgets import QApplication
from app.ui.common import clipboard
app = QApplication([])
clipboard.copy("CUSIP\\tRate\\n02006DTT8\\t2.350%\\n", "<table><tr><td>02006DTT8</td></tr></table>")
if sys.argv[1] == "hand-over":
    clipboard.hand_over()  # as the window's teardown does
held = QApplication.clipboard().mimeData()
print(repr(held.text()), "02006DTT8</td>" in held.html(), flush=True)
"""


def _quit(mode: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", QUITS, mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_what_was_copied_outlives_the_program_without_a_crash() -> None:
    done = _quit("hand-over")
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "'CUSIP\\tRate\\n02006DTT8\\t2.350%\\n' True"
    # without the hand-over, Qt deletes the Python-made data after Python has shut down:
    # the process crashed (SIGSEGV) where a user had just copied the comparison and quit
    assert _quit("as-copied").returncode != 0


def test_the_hand_over_leaves_what_another_program_copied(qtbot: Any, monkeypatch: Any) -> None:
    """On X11 our data may stay alive after another program took the clipboard: the hand-over
    must not put our rows back over what the user copied there."""
    clipboard.copy("ours\n", "<table><tr><td>ours</td></tr></table>")
    board = QGuiApplication.clipboard()
    monkeypatch.setattr(type(board), "mimeData", lambda self, mode=None: None)  # another owner's
    monkeypatch.setattr(type(board), "setText", lambda self, text, mode=None: pytest.fail("took it back"))
    clipboard.hand_over()


def test_a_later_copy_replaces_ours_and_the_hand_over_leaves_it(qtbot: Any) -> None:
    clipboard.copy("first\n", "<table><tr><td>first</td></tr></table>")
    QGuiApplication.clipboard().setText("copied elsewhere")  # Qt deletes our data
    clipboard.hand_over()
    assert QGuiApplication.clipboard().text() == "copied elsewhere"
    clipboard.copy("rows\n", "<table><tr><td>rows</td></tr></table>")
    clipboard.hand_over()
    held = QGuiApplication.clipboard().mimeData()
    assert held.text() == "rows\n" and "<td>rows</td>" in held.html()
