"""State that survives: reading saved settings defensively, and the purchase inputs per CUSIP.

Settings may have been written by a newer or a broken version: a value of the wrong type, a
file that no longer exists, a window geometry off every screen. ``SavedState`` reads each value
once, checks it, and keeps a note for every value it ignores; the window shows the notes and
starts with defaults for those values. ``PurchaseMemory`` keeps the last amount, settle date and
price typed for each CUSIP (written as they change, so a crash loses nothing).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect, QSettings
from PySide6.QtGui import QGuiApplication

from app.ui.window import settings
from app.ui.window.settings import FORMAT_KEY, GEOMETRY, PURCHASES

log = logging.getLogger("termsheet.ui")
FORMAT = 1  # bump when a key changes meaning; a newer format is not read
_GEOMETRY_MAGIC = 0x1D9D0CB
MIN_VISIBLE = 60  # px of the saved window that must fall on a screen


def saved_format(s: QSettings) -> int | None:
    """The settings format written, None when absent or unreadable."""
    value = s.value(FORMAT_KEY)
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def geometry_rect(data: QByteArray) -> QRect | None:
    """The frame rectangle inside ``QWidget.saveGeometry()`` data, None if it is not such data."""
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    magic = stream.readUInt32()
    stream.readUInt16()  # major version
    stream.readUInt16()  # minor version
    rect = QRect()
    stream >> rect
    if magic != _GEOMETRY_MAGIC or stream.status() != QDataStream.Status.Ok or not rect.isValid():
        return None
    return rect


def on_some_screen(rect: QRect) -> bool:
    """At least a title bar's worth of ``rect`` is on one of the screens."""
    for screen in QGuiApplication.screens():
        common = screen.availableGeometry().intersected(rect)
        if common.width() >= MIN_VISIBLE and common.height() >= min(MIN_VISIBLE, rect.height()):
            return True
    return False


@dataclass
class SavedState:
    """The last session's values, each checked; ``notes`` says what was ignored and why."""

    notes: list[str] = field(default_factory=list)
    newer: bool = False

    @classmethod
    def read(cls) -> SavedState:
        state = cls()
        found = saved_format(settings.settings())
        if found is not None and found > FORMAT:
            state.newer = True
            state.note(
                f"the settings were written by a newer version (format {found}); starting with defaults"
            )
        return state

    def note(self, text: str) -> None:
        log.warning("saved settings ignored: %s", text)
        self.notes.append(text)

    def value(self, key: str) -> object:
        return None if self.newer else settings.settings().value(key)

    def geometry(self) -> QByteArray | None:
        value = self.value(GEOMETRY)
        if value is None:
            return None
        if not isinstance(value, QByteArray):
            self.note(f"the window geometry is not geometry data ({type(value).__name__})")
            return None
        rect = geometry_rect(value)
        if rect is None:
            self.note("the window geometry is damaged")
            return None
        if not on_some_screen(rect):
            self.note(
                f"the window was last at {rect.x()},{rect.y()} ({rect.width()}×{rect.height()}), "
                "off every screen"
            )
            return None
        return value

    def text(self, key: str, what: str) -> str | None:
        value = self.value(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.note(f"{what} is not text ({type(value).__name__})")
            return None
        return value

    def files(self, key: str, what: str) -> list[str]:
        """The existing files of a saved list; missing or non-text entries are noted."""
        value = self.value(key)
        if value is None:
            return []
        if not isinstance(value, (str, list, tuple)):
            self.note(f"{what} is not a list of files ({type(value).__name__})")
            return []
        items = [value] if isinstance(value, str) else list(value)
        kept = [p for p in items if isinstance(p, str) and p and _is_file(p)]
        dropped = [p for p in items if p and p not in kept]
        if dropped:
            names = ", ".join(Path(str(p)).name or str(p) for p in dropped[:3])
            more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
            self.note(f"{len(dropped)} of {what} no longer exist(s): {names}{more}")
        return kept


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Inputs:
    """The texts of a purchase as the user left them."""

    amount: str
    settle: date
    price: str


class PurchaseMemory:
    """The last purchase inputs per CUSIP in the settings (``purchases/<CUSIP>/…``)."""

    MAX_TEXT = 40

    def save(self, cusip: str, inputs: Inputs) -> None:
        s = settings.settings()
        s.beginGroup(f"{PURCHASES}/{_key(cusip)}")
        s.setValue("amount", inputs.amount[: self.MAX_TEXT])
        s.setValue("settle", inputs.settle.isoformat())
        s.setValue("price", inputs.price[: self.MAX_TEXT])
        s.endGroup()
        s.setValue(FORMAT_KEY, FORMAT)

    def load(self, cusip: str) -> Inputs | None:
        """The saved inputs, or None (none saved, or not readable: logged and ignored)."""
        s = settings.settings()
        if (saved_format(s) or FORMAT) > FORMAT:
            return None
        s.beginGroup(f"{PURCHASES}/{_key(cusip)}")
        amount, settle, price = s.value("amount"), s.value("settle"), s.value("price")
        s.endGroup()
        if amount is None and settle is None and price is None:
            return None
        try:
            if not isinstance(amount, str) or not isinstance(price, str) or not isinstance(settle, str):
                raise ValueError("not text")
            if len(amount) > self.MAX_TEXT or len(price) > self.MAX_TEXT:
                raise ValueError("too long")
            return Inputs(amount, date.fromisoformat(settle), price)
        except ValueError as err:
            log.warning("saved purchase for %s ignored: %s", cusip, err)
            return None


def _key(cusip: str) -> str:
    """A settings key for a CUSIP (letters and digits only, so no group separators sneak in)."""
    return "".join(ch for ch in cusip.upper() if ch.isalnum())[:12] or "_"
