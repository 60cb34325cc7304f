"""The offerings panel: a filter box over the tree of loaded documents and their CUSIPs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Note
from app.ui.offerings.tree_model import (
    TREE_COLUMNS,
    Document,
    OfferingFilterProxy,
    OfferingTreeModel,
    TreeRows,
)


class OfferingsPanel(QFrame):
    """Emits ``noteSelected(document, note)`` when the current CUSIP changes."""

    noteSelected = Signal(object, object)  # Document, Note
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offeringsPanel")
        self.model = OfferingTreeModel(self)
        self.proxy = OfferingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        title = QLabel("Offerings")
        title.setObjectName("panelTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("offeringFilter")
        self.filter_edit.setPlaceholderText("Filter: CUSIP, issuer, rate, maturity year  (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAcceptDrops(False)
        self.filter_edit.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setObjectName("offeringTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setRootIsDecorated(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(12)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fm = self.tree.fontMetrics()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        hm = QFontMetrics(bold)
        for col, sample in ((1, "0.000%"), (2, "0000-00-00"), (3, "C·SO")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            heading = TREE_COLUMNS[col]
            header.resizeSection(col, max(fm.horizontalAdvance(sample), hm.horizontalAdvance(heading)) + 14)
        self._widths = [header.sectionSize(c) for c in (1, 2, 3)]
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.proxy.rowsInserted.connect(self._decorate_inserted)
        self.proxy.layoutChanged.connect(self._decorate)
        self.proxy.modelReset.connect(self._decorate)
        head = QFrame()
        head.setObjectName("panelHeader")
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(10, 6, 10, 6)
        head_layout.setSpacing(6)
        head_layout.addWidget(title)
        head_layout.addWidget(self.filter_edit)
        layout.addWidget(head)
        layout.addWidget(self.tree, 1)
        self.setTabOrder(self.filter_edit, self.tree)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow panel the CUSIP keeps its room: the marks, then the maturity, give way."""
        super().resizeEvent(event)
        bar = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = event.size().width() - 4 - bar  # the tree fills the panel (less a scroll bar)
        need = self.tree.fontMetrics().horizontalAdvance("000000000") + 2 * self.tree.indentation() + 10
        sizes = self._widths  # a hidden section reports 0: use the widths set at construction
        self.tree.setColumnHidden(3, width < need + sum(sizes))
        self.tree.setColumnHidden(2, width < need + sizes[0] + sizes[1])

    def height_for_rows(self, rows: int) -> int:
        """The panel's height that shows ``rows`` rows of the tree under its header and filter."""
        tree = self.tree
        row = tree.sizeHintForRow(0) if tree.model().rowCount() else 0
        row = max(row, tree.fontMetrics().height() + 6)  # the style sheet's 3 px item padding
        head = self.layout().itemAt(0).sizeHint().height()
        return head + tree.header().sizeHint().height() + rows * row + 2 * tree.frameWidth() + 8

    # -- documents -----------------------------------------------------------------------
    def add_document(self, doc: Document, rows: TreeRows | None = None) -> None:
        """Show ``doc`` (its rows built beforehand, ``TreeRows``, or here)."""
        self.model.add_document(doc, rows)

    def remove_document(self, doc: Document) -> None:
        rows = [i for i, d in enumerate(self.model.documents()) if d is doc]
        if rows:
            self.model.remove_row(rows[0])
        if not self.select_first():
            self.cleared.emit()

    def documents(self) -> list[Document]:
        return self.model.documents()

    def set_missing(self, doc: Document, missing: bool) -> None:
        """Mark ``doc`` as loaded from a file that is no longer there (or there again)."""
        doc.missing = missing
        rows = [i for i, d in enumerate(self.model.documents()) if d is doc]
        if rows:
            index = self.model.index(rows[0], 0)
            self.model.dataChanged.emit(index, index)

    # -- selection -----------------------------------------------------------------------
    def select_cusip(self, cusip: str, path: str | None = None) -> bool:
        """Select ``cusip`` (in the document loaded from ``path``, if given); False when it is
        not loaded or the filter hides it."""
        index = self.proxy.mapFromSource(self.model.find_note(cusip, path))
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def select_first(self, doc: Document | None = None) -> bool:
        """Select the first CUSIP (of ``doc``, or of the first document shown)."""
        for row in range(self.proxy.rowCount()):
            parent = self.proxy.index(row, 0)
            if doc is not None and self.document_at(parent) is not doc:
                continue
            if self.proxy.rowCount(parent):
                child = self.proxy.index(0, 0, parent)
                self.tree.setCurrentIndex(child)
                return True
        return False

    def document_at(self, index: QModelIndex) -> Document | None:
        return self.model.document_at(self.proxy.mapToSource(index))

    def current_document(self) -> Document | None:
        return self.document_at(self.tree.currentIndex())

    def current_note(self) -> Note | None:
        return self.model.note_at(self.proxy.mapToSource(self.tree.currentIndex()))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        source = self.proxy.mapToSource(current)
        note = self.model.note_at(source)
        doc = self.model.document_at(source)
        if note is not None and doc is not None:
            self.noteSelected.emit(doc, note)

    # -- filter and look -----------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._decorate()
        if text and not self.current_note():
            self.select_first()

    def _decorate(self, *args: object) -> None:
        """Documents span the row and stay open (a document is the only level with children:
        expanding the documents alone is expandAll without walking 5,000 CUSIPs per key)."""
        self._decorate_rows(0, self.proxy.rowCount() - 1)

    def _decorate_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():  # documents shown: only they need decorating
            self._decorate_rows(first, last)

    def _decorate_rows(self, first: int, last: int) -> None:
        # opened before spanned: spanning lays the tree out at once, with these open in it
        for row in range(first, last + 1):
            index = self.proxy.index(row, 0)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)
        for row in range(first, last + 1):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()
