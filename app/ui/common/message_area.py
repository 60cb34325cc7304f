"""A non-modal message strip above the panels: load failures and notices, each dismissible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

MAX_MESSAGES = 5
_GLYPH = {"error": "✖", "warning": "⚠", "info": "ℹ"}


class MessageRow(QFrame):
    def __init__(self, text: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageRow")
        self.setProperty("kind", kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        glyph = QLabel(_GLYPH.get(kind, "•"))
        glyph.setObjectName("messageGlyph")
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.deleteLater)
        close.clicked.connect(self.hide)
        layout.addWidget(glyph)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)

    @property
    def text(self) -> str:
        return self.label.text()


class MessageArea(QWidget):
    """Stacked messages; hidden while empty. ``show_message`` never blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 0)
        self._layout.setSpacing(4)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> MessageRow:
        row = MessageRow(text, kind, self)
        row.destroyed.connect(self._refresh)
        self._layout.addWidget(row)
        rows = self.rows()
        for old in rows[:-MAX_MESSAGES]:
            old.hide()
            old.deleteLater()
        self.show()
        return row

    def rows(self) -> list[MessageRow]:
        return [r for r in self.findChildren(MessageRow) if not r.isHidden()]

    def messages(self) -> list[str]:
        return [r.text for r in self.rows()]

    def clear(self) -> None:
        for row in self.findChildren(MessageRow):
            row.hide()
            row.deleteLater()
        self.hide()

    def _refresh(self) -> None:
        if not self.rows():
            self.hide()
