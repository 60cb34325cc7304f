"""Bundled look: the style sheet, the app icon and the toolbar icons from ``resources/``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

ACCENT = "#1f5fae"


def style_sheet() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` (or .png) as an icon; an empty icon when missing."""
    base = resources_dir() / "icons"
    for ext in ("svg", "png"):
        path = base / f"{name}.{ext}"
        if path.exists():
            return QIcon(str(path))
    return QIcon()


def app_icon() -> QIcon:
    result = QIcon()
    base = resources_dir() / "icons"
    for size in (16, 32, 64, 256):
        png = base / f"termsheet-{size}.png"
        if png.exists():
            result.addFile(str(png))
    svg = base / "termsheet.svg"
    if svg.exists():
        result.addFile(str(svg))
    return result


def palette() -> QPalette:
    """A light palette with the accent colour, used with the Fusion style on every platform."""
    pal = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f4f6f9",
        QPalette.ColorRole.WindowText: "#1d2733",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f6f8fb",
        QPalette.ColorRole.Text: "#1d2733",
        QPalette.ColorRole.Button: "#f9fafc",
        QPalette.ColorRole.ButtonText: "#1d2733",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1d2733",
        QPalette.ColorRole.PlaceholderText: "#8a96a3",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa4ae"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9aa4ae"))
    return pal


@contextmanager
def unstyled() -> Iterator[None]:
    """Build widgets without the style sheet, then apply it in one pass.

    With a style sheet set, every reparenting (a panel into its frame, the frame into a
    splitter, …) re-polishes the whole subtree: a window built bottom-up is polished once per
    nesting level. Setting the sheet again afterwards polishes each widget once (~40 ms less
    before the first paint)."""
    app = QApplication.instance()
    sheet = app.styleSheet() if isinstance(app, QApplication) else ""
    if not sheet:
        yield
        return
    assert isinstance(app, QApplication)
    app.setStyleSheet("")
    try:
        yield
    finally:
        app.setStyleSheet(sheet)


def apply_look(app: QApplication) -> None:
    """Fusion + the palette + ``resources/style.qss`` + the app icon."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(app_icon())
