"""A non-modal message strip above the panels: load failures and notices, each dismissible.

A message shown again joins the first ("… (×3)") and moves to the top: the newest is first. The
strip shows ``ROWS_SHOWN`` messages at once (one in a window shorter than ``SHORT_WINDOW``: a
maximised 1366×768 laptop), then "and N more", which lists them all in a strip that scrolls, no
taller than ``ROWS_EXPANDED``; from two messages on, "Dismiss all" clears them. Each message is
one line (elided, the whole text in its tooltip), so the strip's height is known and small: it
never pushes the calculator's cards out of view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

MAX_MESSAGES = 50  # older messages are dropped
ROWS_SHOWN = 3
ROWS_EXPANDED = 6
SHORT_WINDOW = 820  # px: a shorter window shows one message (two when expanded)
_GLYPH = {"error": "✖", "warning": "⚠", "info": "ℹ"}


class _Line(QLabel):
    """One line of text, elided to its width; the whole text in the tooltip when cut."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(text)

    def set_full(self, text: str) -> None:
        self.full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideMiddle, max(self.width(), 40))
        self.setText(shown)
        self.setToolTip(self.full if shown != self.full else "")


class MessageRow(QFrame):
    """One message: its glyph, its text (with "(×N)" once repeated) and a dismiss button."""

    dismissed = Signal(object)  # the row

    def __init__(self, text: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageRow")
        self.setProperty("kind", kind)
        self.message, self.kind, self.count = text, kind, 1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 4, 2)
        glyph = QLabel(_GLYPH.get(kind, "•"))
        glyph.setObjectName("messageGlyph")
        self.label = _Line(text)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self.dismissed.emit(self))
        layout.addWidget(glyph)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)

    def repeat(self) -> None:
        self.count += 1
        self.label.set_full(self.text)

    @property
    def text(self) -> str:
        return self.message if self.count == 1 else f"{self.message} (×{self.count})"


class MessageArea(QWidget):
    """Stacked messages, newest first; hidden while empty. ``show_message`` never blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self._rows: list[MessageRow] = []
        self._watched: QWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(6)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("messageScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("messageList")
        self._list = QVBoxLayout(body)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(4)
        self._list.addStretch(1)
        self.scroll.setWidget(body)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(self._controls(), 0)
        self.hide()

    def _controls(self) -> QVBoxLayout:
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreMessagesButton")
        self.more_button.setCheckable(True)
        self.more_button.toggled.connect(self._refresh)
        self.dismiss_all_button = QToolButton()
        self.dismiss_all_button.setObjectName("dismissAllButton")
        self.dismiss_all_button.setText("Dismiss all")
        self.dismiss_all_button.setToolTip("Clear every message")
        self.dismiss_all_button.clicked.connect(self.clear)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.more_button)
        row.addWidget(self.dismiss_all_button)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addStretch(1)
        return column

    # -- messages ------------------------------------------------------------------------
    def show_message(self, text: str, kind: str = "error") -> MessageRow:
        """Show ``text`` first; the same message again counts up instead of adding a row."""
        row = next((r for r in self._rows if r.message == text and r.kind == kind), None)
        if row is not None:
            row.repeat()
            self._rows.remove(row)
        else:
            row = MessageRow(text, kind)
            row.dismissed.connect(self._dismiss)
        self._rows.insert(0, row)
        self._list.insertWidget(0, row)
        for old in self._rows[MAX_MESSAGES:]:
            self._drop(old)
        self._refresh()
        return row

    def rows(self) -> list[MessageRow]:
        """Every message row, newest first (also those scrolled or folded away)."""
        return list(self._rows)

    def messages(self) -> list[str]:
        return [r.text for r in self._rows]

    def clear(self) -> None:
        for row in list(self._rows):
            self._drop(row)
        self._refresh()

    def _dismiss(self, row: MessageRow) -> None:
        self._drop(row)
        self._refresh()

    def _drop(self, row: MessageRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
        row.hide()
        row.deleteLater()

    # -- how much shows ------------------------------------------------------------------
    def shown_rows(self) -> int:
        """How many messages show at once: fewer in a short window, more once expanded."""
        short = self.window().height() < SHORT_WINDOW
        if self.more_button.isChecked():
            return 2 if short else ROWS_EXPANDED
        return 1 if short else ROWS_SHOWN

    def _refresh(self, *_args: object) -> None:
        rows = self._rows
        if not rows:
            self.more_button.setChecked(False)
            self.hide()
            return
        expanded = self.more_button.isChecked()
        cap = self.shown_rows()
        folded = 0 if expanded else max(0, len(rows) - cap)
        for i, row in enumerate(rows):
            row.setVisible(expanded or i < cap)
        self.more_button.setText("Show fewer ▴" if expanded else f"and {folded} more ▾")
        self.more_button.setVisible(expanded or folded > 0)
        self.dismiss_all_button.setVisible(len(rows) >= 2)
        spacing = self._list.spacing()
        heights = [r.sizeHint().height() for r in rows[:cap]]
        self.scroll.setFixedHeight(sum(heights) + spacing * (len(heights) - 1))
        self.scroll.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if expanded else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched:
            self._watched = window
            window.installEventFilter(self)  # a window made shorter or taller shows fewer or more
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize and self._rows:
            self._refresh()
        return False
