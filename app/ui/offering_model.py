"""The loaded documents and their CUSIPs as a two-level tree model, and its word filter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from app.domain.model import Note, Offering, ParseWarning
from app.ui.models import _CENTER, _RIGHT, _ROOT, RAW_ROLE, SEARCH_ROLE, Index
from app.ui.present import fmt_date, fmt_rate, search_text


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
_DOC_ID = 0
_COLUMNS = len(TREE_COLUMNS)


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


class OfferingTreeModel(QAbstractItemModel):
    """Two levels: each loaded document, and under it its CUSIPs."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._docs: list[Document] = []
        self._next_key = 1
        self._doc_font = QFont()
        self._doc_font.setBold(True)

    # -- documents ---------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return list(self._docs)

    def add_document(self, doc: Document) -> QModelIndex:
        """Append ``doc`` (or replace a document loaded from the same path); its index."""
        for i, old in enumerate(self._docs):
            if old.path == doc.path:
                self.remove_row(i)
                break
        doc.key = self._next_key
        self._next_key += 1
        row = len(self._docs)
        self.beginInsertRows(_ROOT, row, row)
        self._docs.append(doc)
        self.endInsertRows()
        return self.index(row, 0)

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self._docs[row]
        self.endRemoveRows()

    def document_at(self, index: Index) -> Document | None:
        if not index.isValid():
            return None
        if index.internalId() == _DOC_ID:
            return self._docs[index.row()]
        return self._doc_by_key(index.internalId())

    def note_at(self, index: Index) -> Note | None:
        if not index.isValid() or index.internalId() == _DOC_ID:
            return None
        doc = self._doc_by_key(index.internalId())
        return doc.offering.notes[index.row()] if doc else None

    def find_note(self, cusip: str) -> QModelIndex:
        """The index of the first loaded note with ``cusip`` (invalid if none)."""
        wanted = cusip.strip().upper()
        for row, doc in enumerate(self._docs):
            for n_row, note in enumerate(doc.offering.notes):
                if note.cusip.upper() == wanted:
                    return self.index(n_row, 0, self.index(row, 0))
        return QModelIndex()

    def _doc_by_key(self, key: int) -> Document | None:
        return next((d for d in self._docs if d.key == key), None)

    # -- Qt model API ------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # bounds checked here rather than by hasIndex(), which calls rowCount and columnCount
        # back in Python: the filter proxy asks for ~4 indexes per CUSIP on every keystroke
        if not 0 <= column < _COLUMNS:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _DOC_ID) if 0 <= row < len(self._docs) else QModelIndex()
        if parent.internalId() != _DOC_ID or parent.column() != 0 or not 0 <= parent.row() < len(self._docs):
            return QModelIndex()
        doc = self._docs[parent.row()]
        return self.createIndex(row, column, doc.key) if 0 <= row < len(doc.offering.notes) else QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _DOC_ID:
            return QModelIndex()
        for row, doc in enumerate(self._docs):
            if doc.key == index.internalId():
                return self.createIndex(row, 0, _DOC_ID)
        return QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._docs)
        if parent.internalId() == _DOC_ID and parent.column() == 0:
            return len(self._docs[parent.row()].offering.notes)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(TREE_COLUMNS)

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
        note = self.note_at(index)
        if note is None:
            return self._doc_data(self._docs[index.row()], index.column(), role)
        doc = self._doc_by_key(index.internalId())
        assert doc is not None
        return self._note_data(doc, note, index.column(), role)

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
            return _RIGHT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return _CENTER
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

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self._matches.clear()
        self._doc_matches.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not source_parent.isValid():  # a document: its own words (its CUSIPs bring it in too)
            found = self._doc_matches.get(source_row)
            if found is None:  # asked again for each CUSIP the filter removes: answer once
                text = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
                found = self._doc_matches[source_row] = all(w in text for w in self._words)
            return found
        doc = model.document_at(source_parent)
        if doc is None:
            return False
        matches = self._matches.get(doc.key)
        if matches is None or matches[0] is not doc:
            matches = self._matches[doc.key] = (doc, self._match(doc))
        return 0 <= source_row < len(matches[1]) and matches[1][source_row]

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
        return [all(w in text for w in words) for text in texts[1]]
