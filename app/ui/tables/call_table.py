"""The call schedule: each call date after settle with the coupons to then, what a call takes
away against holding to maturity, and the yield to that date; the workout date highlighted."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from app.domain.model import Quote
from app.ui.common import BandUpdates, size_columns, theme
from app.ui.tables.models import CALL_COLUMNS, CallTableModel

_SAMPLES = ("0000-00-00", "0000-00-00", "$000,000.00", "$000,000.00", "00.000%")
_DATE_COLUMNS = 2  # "Redeemed", "Notice by"


class CallTable(BandUpdates):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callTable")
        self.call_model = CallTableModel(self)
        theme.notifier().changed.connect(self.restyle)
        self.setModel(self.call_model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        size_columns(self, [(c.title, s) for c, s in zip(CALL_COLUMNS, _SAMPLES, strict=True)])
        # the dates keep the width of a date (and of their bold header); the amounts share out
        # the rest, so the schedule always fits its panel, no sideways scrolling
        header = self.horizontalHeader()
        # the panel may shrink to its header and a row (a message strip shown on a short screen
        # takes its room from here, not from the calculator above)
        self.setMinimumHeight(header.sizeHint().height() + self.verticalHeader().defaultSectionSize() + 2)
        for column in range(len(CALL_COLUMNS)):
            fixed = column < _DATE_COLUMNS
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Fixed if fixed else QHeaderView.ResizeMode.Stretch
            )

    def minimumSizeHint(self) -> QSize:
        """Wide enough for every header in the style sheet's font: the dates at their width, the
        amounts' titles whole (the empty window's narrow calculator column clipped them)."""
        hint = super().minimumSizeHint()
        header = self.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = sum(
            header.sectionSize(column) if column < _DATE_COLUMNS else metrics.horizontalAdvance(c.title) + 16
            for column, c in enumerate(CALL_COLUMNS)
        )
        width += self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(width, hint.width()), hint.height())

    def restyle(self) -> None:
        self.call_model.restyle()
        self.viewport().update()

    def set_quote(self, quote: Quote | None) -> None:
        self.call_model.set_quote(quote)
