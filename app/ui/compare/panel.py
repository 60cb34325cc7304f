"""The compare page: every loaded note in one table (``compareTable``, ``view``), sortable on every column,
filtered by the offerings filter, priced at each offering's settle date or one settle date for
all; a row opens its note in the calculator (``noteActivated``); copy as a table, export CSV.

The window gives the documents (``set_documents``) and the filter text (``set_filter``) and puts
``tools`` (the settle date, Copy, Export CSV) in the page's header. The table is rebuilt when the
documents or the settle date change (yields already computed for the same rows are kept) and
its yields are filled in by a ``YieldFeed``, the rows on screen first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.compare import CompareTable
from app.domain.errors import TermSheetError
from app.domain.model import Offering
from app.present.compare import html_table, tsv
from app.ui.common import SettleDateEdit, clipboard
from app.ui.compare.feed import Submit, YieldFeed
from app.ui.compare.model import CompareModel
from app.ui.compare.view import CompareView
from app.ui.exports import FolderMemory, ask_save_path

RESORT_MS = 1000  # a sort on yields is redone at most this often while they arrive
SETTLE_WAIT_MS = 250  # a settle date being typed or stepped reprices once it rests
DOCUMENTS_WAIT_MS = 100  # documents loading one after another rebuild the table once
COUNT_MS = 500  # the count of yields to go is said this often (a header change repaints the table)
Documents = Sequence[tuple[str, Offering]]


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A warning box (a module function so tests can replace it)."""
    QMessageBox.warning(parent, title, text)


class ComparePanel(QWidget):
    """The compare page's table and its ``tools``; ``noteActivated(document_path, cusip)``
    when a row is opened, ``status(text)`` for the window's status bar."""

    noteActivated = Signal(str, str)
    status = Signal(str)
    idle = Signal()  # every row has its yields

    def __init__(
        self, submit: Submit | None = None, folders: FolderMemory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.folders = folders
        self.model = CompareModel(self)
        self.feed = YieldFeed(submit, self)
        self.table = CompareView(self.model)
        self._documents: Documents = []
        self._stale = False  # documents or settle date changed while hidden
        self._export_waiting: Path | None = None
        self._left = 0  # rows without yields
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._build_tools()
        self._build_actions()
        self._timers()
        self.feed.computed.connect(self._computed)
        self.feed.finished.connect(self._finished)
        self.model.layoutChanged.connect(self._order_changed)
        self.model.modelReset.connect(self._order_changed)
        self.table.rowActivated.connect(self._activate)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._visible_timer.start())

    def _build_tools(self) -> None:
        """The header's controls: the count, one settle date for all, Copy, Export CSV."""
        self.tools = QWidget()
        self.tools.setObjectName("compareTools")
        row = QHBoxLayout(self.tools)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("compareCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        widest = "00,000 of 00,000 notes · computing yields, 00,000 to go…"
        self.count_label.setFixedWidth(
            self.count_label.fontMetrics().horizontalAdvance(widest) + 8
        )  # no relayout per count
        self.settle_check = QCheckBox("One settle date:")
        self.settle_check.setObjectName("compareSettleCheck")
        self.settle_check.setToolTip("Price every note at one settle date (else at each offering's own)")
        self.settle_edit = SettleDateEdit()
        self.settle_edit.setObjectName("compareSettleEdit")
        self.settle_edit.setEnabled(False)
        self.settle_edit.setToolTip("The settle date every note is priced at")
        self.copy_button = self._button(
            "compareCopyButton", "Copy", "Copy the rows shown as a table (Ctrl+C)"
        )
        self.export_button = self._button("compareExportButton", "Export CSV…", "Save the rows shown as CSV")
        row.addWidget(self.count_label)
        row.addSpacing(16)
        row.addWidget(self.settle_check)
        row.addWidget(self.settle_edit)
        row.addSpacing(8)
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        self.settle_check.toggled.connect(self._settle_toggled)
        self.settle_edit.dateChanged.connect(lambda _d: self._settle_changed())
        self.copy_button.clicked.connect(lambda: self.copy_rows(all_rows=True))
        self.export_button.clicked.connect(self.export_dialog)

    def focus_chain(self) -> list[QWidget]:
        """The page's widgets in Tab order (the window chains them once they are in it)."""
        return [self.settle_check, self.settle_edit, self.copy_button, self.export_button, self.table]

    @staticmethod
    def _button(name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _build_actions(self) -> None:
        self.copy_action = QAction("&Copy rows", self.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(lambda: self.copy_rows())
        self.table.addAction(self.copy_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

    def _timers(self) -> None:
        self._rebuild_timer = _single_shot(self, 0, self._rebuild)
        self._documents_timer = _single_shot(self, DOCUMENTS_WAIT_MS, self._rebuild)
        self._settle_timer = _single_shot(self, SETTLE_WAIT_MS, self._rebuild)
        self._resort_timer = _single_shot(self, RESORT_MS, self._resort)
        self._visible_timer = _single_shot(self, 0, self._prefer_visible)
        self._count_timer = _single_shot(self, COUNT_MS, self._update_count)
        self._texts_timer = _single_shot(self, 0, self.model.prepare_filter)  # before the first key

    # -- what the window gives -------------------------------------------------------------
    def set_documents(self, documents: Documents) -> None:
        """Compare every note of these ``(path, offering)`` (rebuilt shortly, once for documents
        loaded one after another; or when next shown)."""
        first = not self._documents and len(self.model.table) == 0
        self._documents = list(documents)
        (self._rebuild_timer if first else self._documents_timer).start()  # loads come in a row

    def set_filter(self, text: str) -> None:
        """Show the rows the offerings filter's words match."""
        current = self._current_row()
        self.model.set_filter(text)
        self._restore_current(current)
        self._update_count()

    def settle_date(self) -> date | None:
        """The one settle date every row is priced at; None: each offering's own."""
        return self.settle_edit.value() if self.settle_check.isChecked() else None

    def set_settle_date(self, when: date | None) -> None:
        """Price every row at ``when`` (None: at each offering's settle date)."""
        if when is not None:
            self.settle_edit.set_value(when)
        self.settle_check.setChecked(when is not None)
        self._settle_timer.stop()
        self._rebuild_timer.start()

    def busy(self) -> bool:
        """True while a rebuild is due or yields are still being computed."""
        timers = (self._rebuild_timer, self._documents_timer, self._settle_timer)
        return any(t.isActive() for t in timers) or self.feed.busy()

    # -- rebuilding ------------------------------------------------------------------------
    def _settle_toggled(self, on: bool) -> None:
        self.settle_edit.setEnabled(on)
        self._rebuild_timer.start()

    def _settle_changed(self) -> None:
        if self.settle_check.isChecked():
            self._settle_timer.start()

    def _rebuild(self) -> None:
        for timer in (self._rebuild_timer, self._documents_timer, self._settle_timer):
            timer.stop()
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        current, old = self._current_row(), self.model.table
        table = CompareTable.of(self._documents, self.settle_date())
        table.adopt(old)
        self.model.set_table(table)
        self._left = sum(1 for i in range(len(table)) if table.known(i) is None)
        self.feed.start(table, self.model.feed_order())
        self._restore_current(current, old)
        self._prefer_visible()
        self._suggest_settle_date(table)
        self._update_count()
        self._texts_timer.start()

    def _suggest_settle_date(self, table: CompareTable) -> None:
        """While unused, the settle field shows the rows' most common settle date (the latest of
        the most common): a start to edit."""
        dates = Counter(r.settle_date for r in table.rows if r.settle_date is not None)
        if not self.settle_check.isChecked() and dates:
            self.settle_edit.blockSignals(True)
            self.settle_edit.set_value(max(dates, key=lambda d: (dates[d], d)))
            self.settle_edit.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.feed.pause(False)
        if self._stale:
            self._rebuild_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.feed.pause(True)

    # -- yields as they arrive ------------------------------------------------------------
    def _computed(self, rows: list[int]) -> None:
        self.model.rows_computed(rows)
        self._left = max(0, self._left - len(rows))
        if self.model.sorts_on_yields() and not self._resort_timer.isActive():
            self._resort_timer.start()
        if not self._count_timer.isActive():  # the header's text repaints the table below it
            self._count_timer.start()
        self._export_if_ready()

    def _finished(self) -> None:
        self._left = 0
        self._resort()  # every yield is in: the final order, whatever the timer did
        self._update_count()
        self._export_if_ready()
        self.idle.emit()

    def _resort(self) -> None:
        self._resort_timer.stop()
        if self.model.sorts_on_yields():
            self.model.resort()

    def _order_changed(self, *_args: object) -> None:
        if self.feed.table is self.model.table:  # else a new table: ``feed.start`` follows
            self.feed.follow(self.model.feed_order())
            self._visible_timer.start()

    def _prefer_visible(self) -> None:
        model = self.model
        self.feed.prefer([model.table_row(v) for v in self.table.visible_rows()])

    def _update_count(self) -> None:
        total, shown = len(self.model.table), self.model.rowCount()
        text = f"{total:,} notes" if shown == total else f"{shown:,} of {total:,} notes"
        if self._left:
            text += f" · computing yields, {self._left:,} to go…"
        self.count_label.setText(text)

    # -- opening a row ---------------------------------------------------------------------
    def _activate(self, view_row: int) -> None:
        if 0 <= view_row < self.model.rowCount():
            row = self.model.row_at(view_row)
            self.noteActivated.emit(row.document, row.cusip)

    def _current_row(self) -> int:
        """The table row of the current view row (-1 when none)."""
        current = self.table.currentIndex()
        return self.model.table_row(current.row()) if current.isValid() else -1

    def _restore_current(self, table_row: int, old: CompareTable | None = None) -> None:
        """Make ``table_row`` current again (a row of ``old``: found by its document and CUSIP)."""
        table = self.model.table
        if old is not None and 0 <= table_row < len(old):
            key = (old.rows[table_row].document, old.rows[table_row].cusip)
            table_row = next((i for i, r in enumerate(table.rows) if (r.document, r.cusip) == key), -1)
        view_row = self.model.view_row(table_row)
        if view_row >= 0:
            index = self.model.index(view_row, max(0, self.table.currentIndex().column()))
            self.table.setCurrentIndex(index)

    # -- copy and export -------------------------------------------------------------------
    def copy_rows(self, all_rows: bool = False) -> None:
        """The selected rows (every row shown when none is, or ``all_rows``) to the clipboard as
        tab-separated text and as an HTML table: a spreadsheet pastes them cell by cell."""
        model = self.model
        picked = [] if all_rows else self.table.selected_rows()
        rows = [model.table_row(v) for v in picked] if picked else model.shown()
        clipboard.copy(tsv(model.table, rows), html_table(model.table, rows))
        self.status.emit(f"Copied {len(rows):,} row(s) of the comparison")

    def export_dialog(self) -> Path | None:
        """Ask where to save the rows shown as CSV, then save them (once their yields are in)."""
        if self.folders is None:
            return None
        path = ask_save_path(
            self, "Export the comparison (CSV)", "CSV files (*.csv)", "compared-notes.csv", self.folders
        )
        if path is None:
            return None
        self.folders.remember_export_folder(path.parent)
        self.export_csv(path)
        return path

    def export_csv(self, path: Path) -> None:
        """Write the rows shown, in their order, as ``compare_report.render_csv`` does; rows whose
        yields are still being computed are waited for (the export follows them)."""
        self._export_waiting = Path(path)
        self._export_if_ready()
        if self._export_waiting is not None:
            self.status.emit("The export waits for the yields still being computed…")

    def _export_if_ready(self) -> None:
        path = self._export_waiting
        rows = self.model.shown()
        table = self.model.table
        if path is None or any(table.known(i) is None for i in rows):
            return
        self._export_waiting = None
        from app.reports.compare_report import render_csv
        from app.reports.export import write_atomic

        try:
            write_atomic(path, render_csv(table, rows))
        except TermSheetError as err:
            show_error(self, "Export failed", f"Could not export: {err}")
            return
        self.status.emit(f"Exported {len(rows):,} row(s) to {path}")

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addAction("Copy &all rows shown", lambda: self.copy_rows(all_rows=True))
        open_row = menu.addAction(
            "&Open in the calculator", lambda: self._activate(self.table.rowAt(pos.y()))
        )
        open_row.setEnabled(self.table.indexAt(pos) != QModelIndex())
        menu.exec(self.table.viewport().mapToGlobal(pos))


def _single_shot(parent: QWidget, ms: int, slot: object) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
