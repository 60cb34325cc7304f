"""The offerings tree model and its word filter alone (no window): the Ally supplement No. 213
and the 30-year callable note of tests/offerings.py."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from app.domain.model import Offering
from app.ui.offerings.tree_model import Document, OfferingFilterProxy, OfferingTreeModel


def test_offering_tree_and_filter(qtbot: object, ally: Offering, long_offering: Offering) -> None:
    model = OfferingTreeModel()
    model.add_document(Document("/x/ally.txt", ally, []))
    model.add_document(Document("/x/long.json", long_offering, []))
    assert model.rowCount() == 2
    doc = model.index(0, 0)
    assert model.rowCount(doc) == 2
    assert model.data(model.index(0, 0, doc)) == "02006DTT8"
    assert model.data(model.index(1, 1, doc)) == "2.600%"
    assert model.data(model.index(1, 2, doc)) == "2024-11-15"
    assert model.note_at(model.index(1, 0, doc)) is ally.notes[1]
    assert model.parent(model.index(1, 0, doc)) == doc
    assert model.find_note("02006dtu5") == model.index(1, 0, doc)

    proxy = OfferingFilterProxy()
    proxy.setSourceModel(model)

    def visible() -> list[str]:
        out = []
        for r in range(proxy.rowCount()):
            parent = proxy.index(r, 0)
            out += [proxy.index(c, 0, parent).data() for c in range(proxy.rowCount(parent))]
        return out

    assert len(visible()) == 3
    proxy.set_filter_text("DTU5")
    assert visible() == ["02006DTU5"]
    proxy.set_filter_text("ally 2022")
    assert visible() == ["02006DTT8"]
    proxy.set_filter_text("5.250")
    assert visible() == ["99999ZZZ0"]
    proxy.set_filter_text("example")  # the issuer: all of its notes
    assert visible() == ["99999ZZZ0"]
    proxy.set_filter_text("nothing-like-this")
    assert proxy.rowCount() == 0
    model.remove_row(0)
    proxy.set_filter_text("")
    assert visible() == ["99999ZZZ0"]
    assert model.rowCount(QModelIndex()) == 1
