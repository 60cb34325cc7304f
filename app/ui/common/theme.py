"""Light or dark: the desktop's colour scheme, or the user's choice, applied to the whole window.

``SYSTEM`` follows the desktop: ``QStyleHints.colorScheme()`` (Qt ≥ 6.5, on Windows, macOS and
Linux desktops that report one), else the lightness of the system palette's window colour; a
change of the desktop's scheme while the window is open applies at once. ``LIGHT`` and ``DARK``
are the user's choice (View ▸ Theme, kept by the window's session). ``TERMSHEET_THEME`` =
``light``, ``dark`` or ``system`` wins over both (tests, screenshots).

``apply(app, choice)`` puts the colour set in use (``palette.current()``), sets the Fusion style,
the QPalette and the style sheet, then emits ``notifier().changed``: what draws with colours of
its own (the chart, the tables' row marks, the terms, the calendar, the toolbar icons) restyles
on it. Nothing is done when the colours stay the same.
"""

from __future__ import annotations

import os
from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.common import palette
from app.ui.common.palette import DARK, LIGHT, Colors
from app.ui.common.resources import app_icon, qpalette, style_sheet

ENV = "TERMSHEET_THEME"
DARK_BELOW = 128  # a system window colour darker than this (0–255 lightness) is a dark desktop


class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @classmethod
    def parse(cls, value: object) -> Theme | None:
        """The theme a saved or typed value names (any case), None for anything else."""
        text = value.strip().lower() if isinstance(value, str) else None
        return next((t for t in cls if t.value == text), None)


class Notifier(QObject):
    """``changed``: the colours in use changed (restyle what paints with its own)."""

    changed = Signal()


class _State:
    notifier: Notifier | None = None
    choice = Theme.SYSTEM
    system_lightness: int | None = None  # the system palette's window colour, before ours
    watching = False
    applied: Colors | None = None


def notifier() -> Notifier:
    if _State.notifier is None:
        _State.notifier = Notifier()
    return _State.notifier


def env_choice() -> Theme | None:
    return Theme.parse(os.environ.get(ENV))


def choice() -> Theme:
    """The theme asked for (by the environment, else by the user), not what it resolved to."""
    return env_choice() or _State.choice


def system_is_dark(app: QGuiApplication) -> bool:
    """The desktop's colour scheme, or the lightness of its palette when it reports none."""
    hints = app.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    if scheme != Qt.ColorScheme.Unknown:
        return bool(scheme == Qt.ColorScheme.Dark)
    if _State.system_lightness is None:
        _State.system_lightness = app.palette().color(QPalette.ColorRole.Window).lightness()
    return _State.system_lightness < DARK_BELOW


def colors_for(app: QGuiApplication, wanted: Theme) -> Colors:
    if wanted is Theme.SYSTEM:
        return DARK if system_is_dark(app) else LIGHT
    return DARK if wanted is Theme.DARK else LIGHT


def apply(app: QApplication, wanted: Theme | None = None) -> Colors:
    """Use ``wanted`` (the user's choice; None keeps the last one), unless the environment
    names a theme; the colours now in use."""
    if _State.system_lightness is None:  # read the desktop's palette before ours replaces it
        _State.system_lightness = app.palette().color(QPalette.ColorRole.Window).lightness()
    if wanted is not None:
        _State.choice = wanted
    _watch(app)
    colors = colors_for(app, choice())
    if colors is _State.applied:
        return colors
    palette.use(colors)
    app.setStyle("Fusion")
    app.setPalette(qpalette(colors))
    app.setStyleSheet(style_sheet(colors))
    first = _State.applied is None
    _State.applied = colors
    if not first:
        notifier().changed.emit()
    return colors


def _watch(app: QApplication) -> None:
    """Follow the desktop's scheme while the theme is ``SYSTEM``."""
    hints = app.styleHints()
    if _State.watching or not hasattr(hints, "colorSchemeChanged"):
        return
    _State.watching = True
    hints.colorSchemeChanged.connect(lambda _scheme: _system_changed(app))


def _system_changed(app: QApplication) -> None:
    if choice() is Theme.SYSTEM:
        apply(app)


def apply_look(app: QApplication) -> None:
    """Fusion + the colours of the theme in use + ``resources/style.qss`` + the app icon."""
    apply(app)
    app.setWindowIcon(app_icon())
