"""Bundled look: the style sheet filled in with a colour set, the QPalette of a colour set, the
app icon and the toolbar icons (drawn in the colour set's muted, accent and bad colours) from
``resources/``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QIcon, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir
from app.ui.common.palette import LIGHT, Colors, current, fill

ICON_SIZES = (16, 18, 32, 36)  # menus and the toolbar, at 100% and 200%


def style_sheet(colors: Colors) -> str:
    """``resources/style.qss`` with its colour names (``@ink``) filled in from ``colors``."""
    path = resources_dir() / "style.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return fill(text, colors)


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` (or .png) as an icon in the colours in use; an empty icon
    when missing."""
    return _icon(name, current())


@cache
def _icon(name: str, colors: Colors) -> QIcon:
    """The icon with its light colours swapped for those of ``colors``."""
    base = resources_dir() / "icons"
    svg = base / f"{name}.svg"
    if svg.exists():  # drawn in the light set's colours: used as they are (rendered when shown)
        return QIcon(str(svg)) if colors == LIGHT else _svg_icon(svg.read_bytes(), colors)
    png = base / f"{name}.png"
    return QIcon(str(png)) if png.exists() else QIcon()


def _svg_icon(data: bytes, colors: Colors) -> QIcon:
    text = data.decode("utf-8")
    for role in ("muted", "accent", "bad"):  # the icons are drawn in the light set's colours
        text = text.replace(getattr(LIGHT, role), getattr(colors, role))
    result = QIcon()
    for size in ICON_SIZES:
        buffer = QBuffer()
        buffer.setData(QByteArray(text.encode("utf-8")))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            result.addPixmap(QPixmap.fromImage(image))
    return result


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


def qpalette(colors: Colors) -> QPalette:
    """The QPalette of a colour set, for the Fusion style on every platform (what the style
    sheet leaves to the style: dialogs, combo boxes, check marks, disabled text)."""
    pal = QPalette()
    role = QPalette.ColorRole
    roles = {
        role.Window: colors.window,
        role.WindowText: colors.ink,
        role.Base: colors.surface,
        role.AlternateBase: colors.surface_alt,
        role.Text: colors.ink,
        role.Button: colors.header,
        role.ButtonText: colors.ink,
        role.BrightText: colors.on_selection,
        role.Highlight: colors.selection,
        role.HighlightedText: colors.on_selection,
        role.ToolTipBase: colors.surface,
        role.ToolTipText: colors.ink,
        role.PlaceholderText: colors.faint,
        role.Link: colors.accent,
        role.LinkVisited: colors.accent,
        role.Light: colors.surface if not colors.dark else colors.line,
        role.Midlight: colors.line_soft,
        role.Mid: colors.input_line,
        role.Dark: colors.handle_hover,
        role.Shadow: colors.shadow,
    }
    for name, value in roles.items():
        pal.setColor(name, QColor(value))
    for name in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, name, QColor(colors.disabled))
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
