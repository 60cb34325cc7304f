"""File ▸ Export proposal: the whole proposal as CSV (every payment), iCalendar (every payment
date) or the client-ready PDF, the same bytes as ``termsheet export PROPOSAL``
(``app.reports.proposal_export``: written whole or not at all), saved where the last export went.

``install_proposal(window, menu, host, folders)`` adds the submenu; it reads the proposal only
through ``host`` (a ``ProposalHost``) and says what it did in ``window``'s status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.domain.errors import TermSheetError
from app.ui.exports import actions
from app.ui.exports.actions import (
    STATUS_MS,
    FolderMemory,
    Kind,
    ask_save_path,
    busy,
    log_failure,
)

if TYPE_CHECKING:
    from app.domain.proposal import Proposal

NOTHING = "Nothing to export yet: add a purchase to the proposal (Edit ▸ Add to proposal)."

PROPOSAL_KINDS = (
    Kind("proposal_csv", "csv", "Payments (CSV)…", "CSV files (*.csv)", "payments"),
    Kind(
        "proposal_ics", "ics", "Payment calendar (iCalendar)…", "iCalendar files (*.ics)", "payment-calendar"
    ),
    Kind("proposal_pdf", "pdf", "Client proposal (PDF)…", "PDF files (*.pdf)", "proposal"),
)


class ProposalHost(Protocol):
    """The open proposal (None before there is one) and a name for its files."""

    def current_proposal(self) -> Proposal | None: ...

    def proposal_stem(self) -> str: ...


class ProposalExports(QObject):
    """The Export proposal submenu of one window."""

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        host: ProposalHost,
        folders: FolderMemory,
        before: QAction | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.host, self.folders = window, host, folders
        self.menu = QMenu("Export &proposal", menu)
        self.menu.setObjectName("proposalExportMenu")
        if before is None:
            menu.addMenu(self.menu)
        else:
            menu.insertMenu(before, self.menu)
        self.actions: dict[str, QAction] = {}
        for kind in PROPOSAL_KINDS:
            action = QAction(kind.title, window)
            action.setObjectName(f"export_{kind.key}")
            action.triggered.connect(lambda _=False, k=kind: self.export(k))
            self.menu.addAction(action)
            self.actions[kind.key] = action
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def current(self) -> Proposal | None:
        """The proposal, when it has a priced position to export."""
        p = self.host.current_proposal()
        return p if p is not None and p.totals.priced else None

    def refresh(self) -> None:
        ready = self.current() is not None
        self.menu.setEnabled(True)
        for action in self.actions.values():
            action.setEnabled(ready)
            action.setToolTip("" if ready else NOTHING)

    def export(self, kind: Kind) -> Path | None:
        """The menu item: ask for a file, then write it; returns the path written."""
        if self.current() is None:
            self._status(NOTHING)
            return None
        name = f"{self.host.proposal_stem()}-{kind.stem}.{kind.fmt}"
        path = ask_save_path(
            self.window, f"Export {kind.title.rstrip('…')}", kind.file_filter, name, self.folders
        )
        if path is None:
            return None
        self.folders.remember_export_folder(path.parent)
        return self.export_to(kind, path)

    def export_to(self, kind: Kind, path: Path) -> Path | None:
        """Write the proposal as ``kind`` to exactly ``path``; errors become a message."""
        p = self.current()
        if p is None:
            self._status(NOTHING)
            return None
        from app.reports.proposal_export import export_proposal

        try:
            with busy():
                written = export_proposal(p, kind.fmt, path)
        except TermSheetError as err:
            actions.show_error(self.window, "Export failed", f"Could not export: {err}")
            return None
        except Exception as err:  # a bug: one line, the details in the log
            where = log_failure(err)
            actions.show_error(
                self.window,
                "Export failed",
                f"Could not export {path.name}: {type(err).__name__}: {err}. Details are in {where}.",
            )
            return None
        self._status(f"Exported the proposal to {written}")
        return written

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)


def install_proposal(
    window: QMainWindow,
    menu: QMenu,
    host: ProposalHost,
    folders: FolderMemory,
    before: QAction | None = None,
) -> ProposalExports:
    """Add File ▸ Export proposal ▸ … to ``menu`` (before ``before``); the object lives as long
    as ``window``."""
    return ProposalExports(window, menu, host, folders, before)
