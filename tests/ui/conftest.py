"""Window tests run offscreen with their own settings file and log folder (never the user's); the
offerings they use are built in code in tests/offerings.py (the Ally supplement No. 213, with its
source, and a 30-year monthly callable note), so the model tests do not depend on the loader."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.ui.common import Theme, palette, theme
from app.ui.window import settings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """QSettings in a temporary INI file and the log in a temporary folder; the light theme
    (whatever the shell's ``TERMSHEET_THEME``), back to it after a test that changed it."""
    ini = tmp_path / "settings.ini"
    monkeypatch.setenv(settings.ENV, str(ini))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(theme.ENV, raising=False)
    settings.use_file(ini)
    yield ini
    settings.use_file(None)
    monkeypatch.delenv(theme.ENV, raising=False)
    app = QApplication.instance()
    if isinstance(app, QApplication) and (palette.current().dark or theme.choice() is not Theme.SYSTEM):
        monkeypatch.undo()  # a patched desktop scheme goes first
        theme.apply(app, Theme.SYSTEM)


@pytest.fixture
def window(qtbot: Any) -> Any:
    """The real main window with the bundled sample loaded, shown, first CUSIP selected."""
    from app.cli import CalcArgs
    from tests.ui.windows import built

    win = built([], CalcArgs(), screenshot=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
