"""The proposal's commands in the window: File ▸ New / Open / Open Recent / Save / Save as…
proposal, File ▸ Export proposal, Edit ▸ Add to proposal (Ctrl+Shift+A), and the question about
unsaved changes before the window closes or another proposal opens.

``ProposalActions`` is made at start-up and stays light: the open proposal (``ProposalDesk``)
is created when first needed, the panel (``ProposalPanel``) the first time the Proposal page is
shown. It reaches the window only through its ``Host`` (the calculator's purchase, the loaded
documents, the message strip), its ``Folders`` and its ``RecentProposals``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from app.domain.errors import TermSheetError
from app.ui.exports import FolderMemory, ProposalExports, install_proposal
from app.ui.proposal.documents import DocumentHost

if TYPE_CHECKING:
    from app.domain.holding import Position
    from app.domain.model import Offering
    from app.domain.proposal import Proposal
    from app.ui.proposal.desk import ProposalDesk
    from app.ui.proposal.panel import ProposalPanel

STATUS_MS = 8000
FILE_FILTER = "Proposals (*.proposal.json *.json);;All files (*)"
SUFFIX = ".proposal.json"
STILL_OPENING = "The proposal is still opening: try again once it is shown."


class Host(DocumentHost, Protocol):
    """What the proposal reads from the window: its documents, the calculator's purchase."""

    def purchase(self) -> tuple[Position, Offering] | None:
        """The calculator's purchase as a position and its offering; None while invalid."""
        ...

    def show_message(self, text: str, kind: str) -> None: ...

    def show_proposal_page(self) -> None: ...


class Folders(FolderMemory, Protocol):
    """Where the open dialogs start (the folder last opened from) and exports go."""

    def open_dir(self) -> str: ...

    def remember_open_dir(self, folder: Path) -> None: ...


class RecentProposals(Protocol):
    def recent_proposals(self) -> list[str]: ...

    def proposal_used(self, path: str) -> None: ...

    def clear_recent_proposals(self) -> None: ...


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


# -- the dialogs (module functions: tests replace them) --------------------------------------
def ask_unsaved(parent: QWidget, name: str) -> Unsaved:
    """Save, discard or keep editing the proposal ``name``?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved proposal")
    box.setText(f"The proposal “{name}” has changes that are not saved.")
    box.setInformativeText("Save them first?")
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    answer = box.exec()
    return {buttons.Save: Unsaved.SAVE, buttons.Discard: Unsaved.DISCARD}.get(buttons(answer), Unsaved.CANCEL)


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open proposal", folder, FILE_FILTER)
    return Path(path) if path else None


def ask_save_path(parent: QWidget, folder: str, name: str) -> Path | None:
    dialog = QFileDialog(parent, "Save proposal")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(FILE_FILTER.split(";;"))
    dialog.setDefaultSuffix("json")
    dialog.setDirectory(folder)
    dialog.selectFile(name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def file_stem(name: str) -> str:
    """``jane.proposal.json`` → ``jane``."""
    for suffix in (SUFFIX, ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class ProposalActions(QObject):
    """The proposal's menu items and shortcuts, the open proposal and its page, of one window."""

    def __init__(
        self,
        window: QMainWindow,
        page: QWidget,
        host: Host,
        folders: Folders,
        recent: RecentProposals,
    ) -> None:
        super().__init__(window)
        self.window, self.page, self.host, self.folders, self.recent = window, page, host, folders, recent
        self._desk: ProposalDesk | None = None
        self.panel: ProposalPanel | None = None
        self.exports: ProposalExports | None = None  # File ▸ Export proposal, once placed
        self.recent_menu = QMenu("Open Recent Propos&al", window)
        self.recent_menu.setObjectName("recentProposalsMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self._build_actions()
        page.installEventFilter(self)

    def _action(
        self, text: str, slot: object, name: str, shortcut: str | QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)  # works with the menus closed
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.add_action = self._action(
            "&Add to proposal", self.add_purchase, "addToProposalAction", "Ctrl+Shift+A"
        )
        # enabled while the purchase is invalid too: the shortcut then says why nothing was added
        self.add_action.setToolTip("Add the calculator's purchase to the proposal (Ctrl+Shift+A)")
        self.new_action = self._action("&New proposal", self.new, "newProposalAction")
        self.open_action = self._action("Open &proposal…", self.open_dialog, "openProposalAction")
        self.save_action = self._action("&Save proposal", self.save, "saveProposalAction", keys.Save)
        self.save_as_action = self._action(
            "Save proposal &as…", self.save_as, "saveProposalAsAction", keys.SaveAs
        )

    def add_file_items(self, menu: QMenu) -> None:
        """File ▸ New / Open / Open Recent / Save / Save as… proposal."""
        menu.addMenu(self.recent_menu)
        menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)

    def add_export_menu(self, menu: QMenu, before: QAction | None = None) -> None:
        """File ▸ Export proposal ▸ CSV, iCalendar, PDF (placed before ``before``)."""
        self.exports = install_proposal(self.window, menu, self, self.folders, before)

    def add_edit_items(self, menu: QMenu) -> None:
        menu.addAction(self.add_action)

    # -- the desk and the panel, created when first needed --------------------------------
    @property
    def desk(self) -> ProposalDesk:
        if self._desk is None:
            from app.ui.proposal.desk import ProposalDesk

            self._desk = ProposalDesk(self.host, self)
            self._desk.notice.connect(self.host.show_message)
            self._desk.opened.connect(self._opened)
            self._desk.stateChanged.connect(self._state_changed)
            self._desk.changed.connect(self._refresh_exports)
        return self._desk

    def has_desk(self) -> bool:
        return self._desk is not None

    def opening(self) -> bool:
        """True while a proposal file is being opened (its documents loaded, then priced)."""
        return self._desk is not None and self._desk.busy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show and self.panel is None:
            self.ensure_panel()
        return False

    def ensure_panel(self) -> ProposalPanel:
        """The panel on the Proposal page (built the first time the page is shown)."""
        if self.panel is None:
            from app.ui.proposal.panel import ProposalPanel

            self.panel = ProposalPanel(self.desk, self.page)
            layout = self.page.layout()
            if layout is not None:
                layout.addWidget(self.panel)
            self.panel.setVisible(True)
            if layout is not None:
                layout.activate()  # laid out before it is first painted
        return self.panel

    # -- what the window tells --------------------------------------------------------------
    def document_loaded(self, path: str, offering: Offering) -> None:
        if self._desk is not None:
            self._desk.document_loaded(path, offering)

    def document_failed(self, path: str, message: str) -> None:
        if self._desk is not None:
            self._desk.document_failed(path, message)

    # -- what the exports read ----------------------------------------------------------------
    def current_proposal(self) -> Proposal | None:
        return self._desk.proposal if self._desk is not None and not self._desk.busy else None

    def proposal_stem(self) -> str:
        desk = self._desk
        if desk is not None and desk.path is not None:
            return file_stem(desk.path.name)
        client = desk.proposal.client.strip() if desk is not None else ""
        return "-".join(client.lower().split()) or "proposal"

    # -- commands -----------------------------------------------------------------------------
    def add_purchase(self) -> bool:
        """Edit ▸ Add to proposal: the calculator's purchase as a new position."""
        purchase = self.host.purchase()
        if purchase is None:
            self._status("Nothing to add: enter a valid purchase in the calculator first.")
            return False
        if self._desk is not None and self._desk.busy:
            self._status(STILL_OPENING)
            return False
        from app.domain.money import format_usd
        from app.present.rows import fmt_date

        position, offering = purchase
        holding = self.desk.add(position, offering)
        q = holding.quote
        what = (
            f"{holding.cusip} {format_usd(q.purchase.amount)} settling {fmt_date(q.purchase.settle_date)}"
            if q is not None
            else f"{holding.cusip} (not priced: {holding.error})"
        )
        self._status(f"Added {what} to the proposal — {self.desk.summary()} (Ctrl+3 shows it).")
        return True

    def may_discard(self) -> bool:
        """True when the open proposal may be replaced or closed (saved, or the user agreed)."""
        desk = self._desk
        if desk is None or not desk.dirty:
            return True
        answer = ask_unsaved(self.window, desk.name)
        if answer is Unsaved.SAVE:
            return self.save()
        return answer is Unsaved.DISCARD

    def new(self) -> None:
        if self.may_discard():
            self.desk.new()
            self.host.show_proposal_page()

    def open_dialog(self) -> None:
        if not self.may_discard():
            return
        path = ask_open_path(self.window, self.folders.open_dir())
        if path is not None:
            self.folders.remember_open_dir(path.parent)
            self.open_path(path, ask=False)

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open the proposal file at ``path`` (its documents load, then it is shown)."""
        if ask and not self.may_discard():
            return False
        try:
            self.desk.open(Path(path))
        except TermSheetError as err:
            show_error(self.window, "Could not open the proposal", f"Could not open {err}")
            return False
        self.host.show_proposal_page()
        return True

    def save(self) -> bool:
        """File ▸ Save proposal (Ctrl+S); Save as… when it has no file yet."""
        desk = self.desk
        if desk.busy:
            self._status(STILL_OPENING)
            return False
        if desk.path is None:
            return self.save_as()
        return self._save_to(desk.path)

    def save_as(self) -> bool:
        desk = self.desk
        if desk.busy:
            self._status(STILL_OPENING)
            return False
        folder = str(desk.path.parent) if desk.path is not None else self.folders.open_dir()
        path = ask_save_path(self.window, folder, f"{self.proposal_stem()}{SUFFIX}")
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            written = self.desk.save(path)
        except TermSheetError as err:
            show_error(self.window, "Could not save the proposal", f"Could not save: {err}")
            return False
        self.recent.proposal_used(str(written))
        self._status(f"Saved the proposal to {written}")
        return True

    def fill_recent(self) -> None:
        """File ▸ Open Recent Proposal, as the menu opens: the files that still exist."""
        menu = self.recent_menu
        menu.clear()
        recent = self.recent.recent_proposals()
        for i, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{i % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            menu.addAction("No recent proposals").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear list", self.recent.clear_recent_proposals).setEnabled(bool(recent))

    def _opened(self, path: str) -> None:
        self.recent.proposal_used(path)
        self._status(f"Opened {Path(path).name}: {self.desk.summary()}")

    def _refresh_exports(self, *_args: object) -> None:
        if self.exports is not None:
            self.exports.refresh()

    def _state_changed(self) -> None:
        desk = self.desk
        self.save_action.setText(f"&Save proposal{' *' if desk.dirty else ''}")

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)
