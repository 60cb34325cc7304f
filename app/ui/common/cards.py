"""Building blocks of the panels: titled panels and cards, result rows, the "stale" note of a
panel's header, style-property refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget


def repolish(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the style sheet selects on, re-polishing only when it changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


STALE_NOTE = "stale: the last valid purchase"


def stale_note(name: str) -> QLabel:
    """The note a panel's header shows while its figures are not those of the inputs on screen
    (hidden until then)."""
    note = QLabel(STALE_NOTE)
    note.setObjectName(name)
    note.setProperty("role", "staleNote")
    note.setToolTip("An input is invalid or half typed: these figures are those of the last valid purchase")
    note.hide()
    return note


def card(title: str) -> tuple[QFrame, QGridLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    outer = QVBoxLayout(frame)
    outer.setContentsMargins(10, 8, 10, 10)
    outer.setSpacing(4)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    outer.addWidget(heading)
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(3)
    grid.setColumnStretch(1, 1)
    outer.addLayout(grid)
    outer.addStretch(1)
    return frame, grid


class ResultRow:
    """A caption, a value label (with an objectName) and an optional detail line under it."""

    def __init__(
        self, grid: QGridLayout, row: int, caption: str, name: str, big: bool = False, detail: bool = False
    ) -> None:
        cap = QLabel(caption)
        cap.setObjectName("caption")
        self.value = QLabel("—")
        self.value.setObjectName(name)
        self.value.setProperty("role", "big" if big else "value")
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cap.setBuddy(self.value)
        grid.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.value, row, 1)
        self.detail: QLabel | None = None
        if detail:
            self.detail = QLabel("")
            self.detail.setObjectName(name.replace("Value", "") + "Detail")
            self.detail.setProperty("role", "detail")
            self.detail.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self.detail, row + 1, 0, 1, 2)

    def set_stale(self, stale: bool) -> None:
        """Greyed and struck through (the style sheet's ``[stale="true"]``) while stale."""
        repolish(self.value, "stale", stale)
        if self.detail is not None:
            repolish(self.detail, "stale", stale)

    def set(self, text: str, detail: str = "", tip: str = "") -> None:
        self.value.setText(text)
        self.value.setToolTip(tip)
        if self.detail is not None:
            self.detail.setText(detail)


def titled(title: str, body: QWidget, *extras: QWidget) -> QFrame:
    """``body`` under a header with ``title`` (and ``extras`` at its right)."""
    frame = QFrame()
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    head = QFrame()
    head.setObjectName("panelHeader")
    row = QHBoxLayout(head)
    row.setContentsMargins(10, 5, 6, 5)
    label = QLabel(title)
    label.setObjectName("panelTitle")
    row.addWidget(label)
    row.addStretch(1)
    for extra in extras:
        row.addWidget(extra)
    layout.addWidget(head)
    layout.addWidget(body, 1)
    return frame
