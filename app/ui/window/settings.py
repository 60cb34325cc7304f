"""Where the window keeps its state (``QSettings``) and under which keys; overridable so tests never
touch the user's settings.

``TERMSHEET_SETTINGS`` names an INI file to use instead of the platform's native store; tests
point it at a temporary folder. ``use_file()`` does the same from code.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORG = "termsheet"
APP = "termsheet"
ENV = "TERMSHEET_SETTINGS"
MAX_RECENT = 10

# every key the window keeps; ``session.Session`` reads and writes them (``saved_state`` checks them)
FORMAT_KEY = "settingsFormat"  # the format written (``saved_state.FORMAT``)
GEOMETRY = "geometry"
LAYOUT_VERSION = "layoutVersion"
SPLITTER = "splitter/"  # + the splitter's objectName
FILES = "files"  # the open documents
LAST_CUSIP = "lastCusip"
RECENT = "recent"
RECENT_PROPOSALS = "proposals/recent"  # the proposal files opened or saved, absolute paths
OPEN_DIR = "openDir"
EXPORT_FOLDER = "export/folder"
PURCHASES = "purchases"  # + /<CUSIP>/amount, settle, price
THEME = "view/theme"  # "system", "light" or "dark" (View ▸ Theme)

_override: Path | None = None


def use_file(path: str | Path | None) -> None:
    """Keep settings in the INI file ``path`` (None: back to the environment / native store)."""
    global _override
    _override = Path(path) if path is not None else None


def settings() -> QSettings:
    """The settings store for this process."""
    path = _override or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def str_list(value: object) -> list[str]:
    """A QSettings list value as a list of strings (a single entry comes back as a str)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return []


def recent_files(key: str = RECENT) -> list[str]:
    """The recent documents (or, with ``key`` ``RECENT_PROPOSALS``, proposals), newest first."""
    return str_list(settings().value(key))


def add_recent(paths: str | list[str], store: QSettings | None = None, key: str = RECENT) -> list[str]:
    """Put ``paths`` first in the recent-files list (the last one first); the new list."""
    store = store if store is not None else settings()
    items = str_list(store.value(key))
    for path in [paths] if isinstance(paths, str) else paths:
        full = str(Path(path).resolve())
        items = [full] + [p for p in items if p != full]
    items = items[:MAX_RECENT]
    store.setValue(key, items)
    return items


def clear_recent(key: str = RECENT) -> None:
    settings().setValue(key, [])
