"""The Compare page as the window wires it: the panel (``app.ui.compare``, imported then) is built
the first time the page is shown, never at start-up; it is given the open documents and the
offerings filter's words; an opened row is handed on (``opened``) for the window to select and
show in the calculator; File ▸ Export has its comparison item while the page shows."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.ui.exports import FolderMemory
from app.ui.offerings import OfferingsPanel
from app.ui.window.layout import titled
from app.ui.window.loader import submit_elsewhere

if TYPE_CHECKING:
    from app.ui.compare import ComparePanel


class ComparePage(QObject):
    """Builds and feeds the compare panel on ``page``; ``opened(path, cusip, settle_date or
    None)`` when a row is opened, ``status(text)`` for the status bar."""

    opened = Signal(str, str, object)
    status = Signal(str)

    def __init__(
        self,
        page: QWidget,
        offerings: OfferingsPanel,
        tab_after: QWidget,
        folders: FolderMemory,
        export_menu: QMenu,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.page, self.offerings, self.tab_after, self.folders = page, offerings, tab_after, folders
        self.panel: ComparePanel | None = None
        self._line = export_menu.addSeparator()
        self.export_action = QAction("Comparison table (CSV)…", export_menu)
        self.export_action.setObjectName("export_compare_csv")
        self.export_action.setToolTip("Save the compared notes shown as CSV")
        self.export_action.triggered.connect(lambda: self.ensure().export_dialog())
        export_menu.addAction(self.export_action)
        self.shown(False)
        offerings.filter_edit.textChanged.connect(self._filter)

    def shown(self, showing: bool) -> None:
        """The page came forward (built then, the first time) or went back."""
        if showing:
            self.ensure()
        self.export_action.setVisible(showing)
        self._line.setVisible(showing)

    def ensure(self) -> ComparePanel:
        """The panel, built the first time it is asked for."""
        if self.panel is None:
            from app.ui.compare import ComparePanel

            panel = self.panel = ComparePanel(submit_elsewhere, self.folders)
            panel.noteActivated.connect(self._opened)
            panel.status.connect(self.status)
            layout = self.page.layout()
            assert layout is not None
            layout.addWidget(titled("Compare notes", panel, panel.tools))
            for first, second in pairwise([self.tab_after, *panel.focus_chain()]):
                QWidget.setTabOrder(first, second)
            panel.set_filter(self.offerings.filter_edit.text())
            self.documents_changed()
        return self.panel

    def documents_changed(self) -> None:
        """Documents were opened or closed (the panel, once built, compares them)."""
        if self.panel is not None:
            self.panel.set_documents([(d.path, d.offering) for d in self.offerings.documents()])

    def _filter(self, text: str) -> None:
        if self.panel is not None:
            self.panel.set_filter(text)

    def _opened(self, path: str, cusip: str) -> None:
        assert self.panel is not None
        self.opened.emit(path, cusip, self.panel.settle_date())
