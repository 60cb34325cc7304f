"""The loaded documents and their CUSIPs as a two-level tree model, and its word filter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from app.domain.model import Note, Offering, ParseWarning
from app.present.rows import filter_words, fmt_date, fmt_rate, holds_words, search_text
from app.ui.common.roles import CENTER, RAW_ROLE, RIGHT, SEARCH_ROLE, Index


@dataclass(eq=False)
class Document:
    """A loaded offering document: where it came from, the offering, the loader's warnings."""

    path: str
    offering: Offering
    warnings: list[ParseWarning]
    key: int = 0
    missing: bool = False  # the file was moved or deleted since it was loaded

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def title(self) -> str:
        o = self.offering
        who = o.issuer or self.name
        doc = o.document or self.name
        return f"{who} — {doc}" if doc != who else who


TREE_COLUMNS = ("CUSIP", "Rate", "Maturity", "C/SO")
TREE_TIPS = ("", "Coupon rate", "Maturity date", "C: callable · SO: survivor's option")
_COLUMNS = len(TREE_COLUMNS)
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
_CELL = QStandardItem()  # every cell: flags only (``data`` reads the offering)
_CELL.setFlags(_FLAGS)


def _features(note: Note) -> str:
    marks = []
    if note.redemption.callable:
        marks.append("C")
    if note.survivors_option:
        marks.append("SO")
    return "·".join(marks)


def _features_tip(note: Note) -> str:
    r = note.redemption
    call = (
        "Callable" + (f" from {fmt_date(r.first_call_date)}" if r.first_call_date else "")
        if r.callable
        else "Non-callable"
        if r.callable is False
        else "Call terms not stated"
    )
    so = {True: "survivor's option", False: "no survivor's option", None: "survivor's option not stated"}
    return f"{call}; {so[note.survivors_option]}"


class TreeRows:
    """A document's rows for the tree, built before it is shown, a slice at a time if it is
    large (``build(count)`` in several event-loop turns, then ``add_document(doc, rows)``)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._columns: list[list[QStandardItem]] = [[] for _ in range(_COLUMNS)]

    def build(self, count: int | None = None) -> bool:
        """Build ``count`` more rows (all if None); True once every note has its row."""
        notes = len(self.doc.offering.notes)
        built = len(self._columns[0])
        todo = notes - built if count is None else min(count, notes - built)
        clone = _CELL.clone
        for column in self._columns:
            column.extend([clone() for _ in range(todo)])
        return built + todo >= notes

    def take(self) -> list[QStandardItem]:
        """The document's row, its notes under its first cell (the items go to the model)."""
        self.build()
        head = _CELL.clone()
        for column in self._columns:
            head.appendColumn(column)
        self._columns = [[] for _ in range(_COLUMNS)]
        return [head, *(_CELL.clone() for _ in range(_COLUMNS - 1))]


class OfferingTreeModel(QStandardItemModel):
    """Two levels: each loaded document, and under it its CUSIPs.

    The rows are standard items that carry only the flags: the tree view lays out every row of
    an open document again whenever a document is added, and this way that layout (``index``,
    ``parent``, ``rowCount``, ``flags`` for each row) stays in C++ — with 5,000 CUSIPs loaded, a
    model answering in Python took ~55 ms per added document. Texts and values come from
    ``data``, read from the offering when a view asks."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setColumnCount(_COLUMNS)
        self._docs: list[Document] = []  # one per top-level row, in row order
        self._next_key = 1
        self._doc_font = QFont()
        self._doc_font.setBold(True)
        # connected first: the list follows removed rows before any view or proxy hears of it
        self.rowsRemoved.connect(self._rows_removed)

    # -- documents ---------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return list(self._docs)

    def add_document(self, doc: Document, rows: TreeRows | None = None) -> QModelIndex:
        """Append ``doc`` (or put it in the place of a document loaded from the same path); its
        index. ``rows`` are its rows built beforehand (``TreeRows``); built here otherwise."""
        row = len(self._docs)
        for i, old in enumerate(self._docs):
            if old.path == doc.path:
                self.remove_row(i)
                row = i
                break
        items = (rows if rows is not None and rows.doc is doc else TreeRows(doc)).take()
        doc.key = self._next_key
        self._next_key += 1
        self._docs.insert(row, doc)  # the rows before keep their documents while it is inserted
        self.insertRow(row, items)
        return self.index(row, 0)

    def remove_row(self, row: int) -> None:
        # taken, not removed: the items have Python wrappers, and an item deleted behind its
        # wrapper's back leaves the wrapper registered at an address Qt reuses (a new QAction
        # came back as that QStandardItem); the taken row is deleted with its wrappers
        self.takeRow(row)

    def _rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            del self._docs[first : last + 1]

    def _row_of(self, index: Index) -> tuple[int, int]:
        """(document row, note row or -1) of a valid index."""
        parent = index.parent()
        return (index.row(), -1) if not parent.isValid() else (parent.row(), index.row())

    def document_at(self, index: Index) -> Document | None:
        if not index.isValid():
            return None
        row = self._row_of(index)[0]
        return self._docs[row] if row < len(self._docs) else None

    def note_at(self, index: Index) -> Note | None:
        if not index.isValid():
            return None
        row, n_row = self._row_of(index)
        if n_row < 0 or row >= len(self._docs):
            return None
        notes = self._docs[row].offering.notes
        return notes[n_row] if n_row < len(notes) else None

    def find_note(self, cusip: str, path: str | None = None) -> QModelIndex:
        """The index of the first loaded note with ``cusip`` (of the document loaded from
        ``path``, if given; invalid if none)."""
        wanted = cusip.strip().upper()
        for row, doc in enumerate(self._docs):
            if path is not None and doc.path != path:
                continue
            for n_row, note in enumerate(doc.offering.notes):
                if note.cusip.upper() == wanted:
                    return self.index(n_row, 0, self.index(row, 0))
        return QModelIndex()

    # -- Qt model API ------------------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TREE_COLUMNS[section]
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return TREE_TIPS[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, n_row = self._row_of(index)
        if row >= len(self._docs):
            return None
        doc = self._docs[row]
        if n_row < 0:
            return self._doc_data(doc, index.column(), role)
        return self._note_data(doc, doc.offering.notes[n_row], index.column(), role)

    def _doc_data(self, doc: Document, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{doc.title}  ⚠ source missing" if doc.missing else doc.title
        if role == RAW_ROLE:
            return doc
        if role == SEARCH_ROLE:
            return search_text(doc.offering, None, doc.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = f"\n{len(doc.warnings)} warning(s) while reading" if doc.warnings else ""
            if doc.missing:
                extra += "\nSource missing: the file was moved or deleted; the terms are as loaded"
            return f"{doc.path}{extra}"
        if role == Qt.ItemDataRole.FontRole:
            return self._doc_font
        return None

    def _note_data(self, doc: Document, note: Note, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                note.cusip,
                fmt_rate(note.coupon_rate_pct),
                fmt_date(note.maturity_date),
                _features(note),
            )[column]
        if role == RAW_ROLE:
            return (note, note.coupon_rate_pct, note.maturity_date, _features(note))[column]
        if role == SEARCH_ROLE:
            return search_text(doc.offering, note, doc.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _features_tip(note)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return RIGHT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return CENTER
        return None


class OfferingFilterProxy(QSortFilterProxyModel):
    """Shows the CUSIPs whose CUSIP, issuer, rate or maturity hold every word typed.

    Each document's search texts are built once, and a keystroke matches all of a document's
    CUSIPs in one pass; ``filterAcceptsRow`` then only looks the answer up (5,000 CUSIPs filter
    in a few milliseconds instead of building 5,000 texts through ``data()`` per key)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._texts: dict[int, tuple[Document, list[str]]] = {}  # by Document.key
        self._matches: dict[int, tuple[Document, list[bool]]] = {}
        self._doc_matches: dict[int, bool] = {}  # by document row, for the current words
        self._row_matches: dict[int, list[bool]] = {}  # each document row's CUSIPs, likewise
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        # documents added or removed shift the rows the document answers are kept by
        model.rowsAboutToBeInserted.connect(self._forget_documents)
        model.rowsAboutToBeRemoved.connect(self._forget_documents)
        model.modelAboutToBeReset.connect(self._forget_documents)

    def _forget_documents(self, *args: object) -> None:
        self._doc_matches.clear()
        self._row_matches.clear()

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = filter_words(text)
        self._matches.clear()
        self._doc_matches.clear()
        self._row_matches.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not source_parent.isValid():  # a document: its own words (its CUSIPs bring it in too)
            found = self._doc_matches.get(source_row)
            if found is None:  # asked again for each CUSIP the filter removes: answer once
                text = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
                found = self._doc_matches[source_row] = holds_words(text, self._words)
            return found
        row = source_parent.row()  # a CUSIP: its document's answers, looked up by row
        found_rows = self._row_matches.get(row)
        if found_rows is None:
            doc = model.document_at(source_parent)
            if doc is None:
                return False
            matches = self._matches.get(doc.key)
            if matches is None or matches[0] is not doc:
                matches = self._matches[doc.key] = (doc, self._match(doc))
            found_rows = self._row_matches[row] = matches[1]
        return 0 <= source_row < len(found_rows) and found_rows[source_row]

    def _match(self, doc: Document) -> list[bool]:
        """Whether each CUSIP of ``doc`` holds every word typed."""
        texts = self._texts.get(doc.key)
        if texts is None or texts[0] is not doc:
            if len(self._texts) > 256:
                self._texts.clear()
            name = doc.name
            texts = self._texts[doc.key] = (
                doc,
                [search_text(doc.offering, note, name) for note in doc.offering.notes],
            )
        words = self._words
        if len(words) == 1:
            word = words[0]
            return [word in text for text in texts[1]]
        return [holds_words(text, words) for text in texts[1]]
