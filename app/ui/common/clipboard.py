"""The clipboard: text and an HTML table in one copy, still there after the program quits.

Data put on the clipboard as a ``QMimeData`` made in Python is owned by Qt from then on, which
deletes it when the clipboard is next set or, if nothing replaces it, in its own clean-up after
Python has shut down: its Python side is gone by then and the process crashed on the way out
(exit 139 after copying the comparison). ``copy`` puts the data there; ``hand_over`` (the
window's teardown) replaces it, while Python is still whole, with the same text and HTML in data
Qt made itself, so the copied rows can still be pasted once the program has quit.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from shiboken6 import isValid


class _State:
    ours: QMimeData | None = None  # the data last copied, while the clipboard may hold it


def copy(text: str, html: str) -> None:
    """``text`` (plain, e.g. tab-separated) and ``html`` (a table) to the clipboard as one copy:
    a spreadsheet pastes the HTML cell by cell, a text editor the text."""
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)
    _State.ours = mime


def hand_over() -> None:
    """Before Python shuts down: what ``copy`` left on the clipboard, the same text and HTML
    held in data of Qt's own; nothing when the clipboard was set since, here or by another
    program. (The HTML is added to Qt's data after it is set: where a platform reads the formats
    at once, macOS's pasteboard, what stays after quitting is the text, which a spreadsheet
    also pastes cell by cell.)"""
    mime, _State.ours = _State.ours, None
    if mime is None or not isValid(mime):
        return
    clipboard = QGuiApplication.clipboard()
    if clipboard.mimeData() is not mime:  # another program holds the clipboard now (X11 may
        return  # keep our data alive after that): what it copied is left alone
    text, html = mime.text(), mime.html()
    clipboard.setText(text)  # Qt makes its own data and deletes ours now
    held = clipboard.mimeData()
    if held is not None and html:
        held.setHtml(html)
