"""File ▸ Export (CSV, iCalendar, client term sheet PDF) and File ▸ Print for the current purchase.

File ▸ Print shows the client term sheet in a print preview first; its Print button asks for the
printer and prints the page previewed.

``install(window, menu, host, folders, validity)`` adds the items to ``menu``. They read the
purchase only through ``host`` (an ``ExportHost``: ``current_offering()``, ``current_quote()``,
None while the inputs are invalid, and ``current_document()``, whose ``path`` names the source in
the term sheet), keep their folder in ``folders`` (a ``FolderMemory``), follow ``validity`` (the
calculator's ``validityChanged``) and say what they did in ``window``'s status bar.
The files come from ``app.reports.export`` — the same bytes as ``termsheet export`` — and the
printed page from ``app.reports._qt_pdf``, the same page as the PDF. A failure is a message
box with one sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSize, QStandardPaths, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from app.domain.errors import TermSheetError
from app.domain.model import Offering, Quote

if TYPE_CHECKING:  # Qt's print support is loaded when File ▸ Print is first used, not at start
    from PySide6.QtPrintSupport import QPrinter

STATUS_MS = 8000
NOTHING = "Nothing to export yet: choose a CUSIP and enter a valid purchase."


class Source(Protocol):
    """Where the purchase on screen came from."""

    @property
    def path(self) -> str: ...


class ExportHost(Protocol):
    """What the export items read: the offering and the valid quote on screen, and their source."""

    def current_offering(self) -> Offering | None: ...

    def current_quote(self) -> Quote | None: ...

    def current_document(self) -> Source | None: ...


class FolderMemory(Protocol):
    """The folder the last export went to (the save dialog starts there)."""

    def export_folder(self) -> Path | None: ...

    def remember_export_folder(self, folder: Path) -> None: ...


@dataclass(frozen=True)
class Kind:
    """One export item: the format for ``export_file`` and how the save dialog presents it."""

    key: str  # also the QAction's objectName suffix
    fmt: str
    title: str
    file_filter: str
    stem: str
    call_notices: bool = False


KINDS = (
    Kind("csv", "csv", "Cash flows (CSV)…", "CSV files (*.csv)", "cash-flows"),
    Kind("ics", "ics", "Payment calendar (iCalendar)…", "iCalendar files (*.ics)", "payments"),
    Kind(
        "ics_calls",
        "ics",
        "Payment calendar with call notice dates…",
        "iCalendar files (*.ics)",
        "payments-and-call-notices",
        call_notices=True,
    ),
    Kind("pdf", "pdf", "Client term sheet (PDF)…", "PDF files (*.pdf)", "term-sheet"),
)


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A warning box (a module function so tests can replace it)."""
    QMessageBox.warning(parent, title, text)


class ExportActions(QObject):
    """The Export submenu and the Print action of one window."""

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        host: ExportHost,
        folders: FolderMemory,
        validity: SignalInstance | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.folders = folders
        self._printer: QPrinter | None = None
        self.menu = menu.addMenu("&Export")
        self.menu.setObjectName("exportMenu")
        self.actions: dict[str, QAction] = {}
        for kind in KINDS:
            action = QAction(kind.title, window)
            action.setObjectName(f"export_{kind.key}")
            action.triggered.connect(lambda _=False, k=kind: self.export(k))
            self.menu.addAction(action)
            self.actions[kind.key] = action
        self.print_action = QAction("&Print term sheet…", window)
        self.print_action.setObjectName("printAction")
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_sheet)
        menu.addAction(self.print_action)
        window.addAction(self.print_action)  # the shortcut works with the menu closed
        menu.aboutToShow.connect(self.refresh)
        if validity is not None:
            validity.connect(lambda _valid: self.refresh())
        self.refresh()

    # -- state ----------------------------------------------------------------------------
    def current(self) -> tuple[Offering, Quote] | None:
        """The offering and the valid quote on screen, or None."""
        offering, quote = self.host.current_offering(), self.host.current_quote()
        return (offering, quote) if offering is not None and quote is not None else None

    def source_name(self) -> str | None:
        doc = self.host.current_document()
        return Path(doc.path).name if doc is not None and doc.path else None

    def refresh(self) -> None:
        """Enable the items when there is a valid purchase to export."""
        ready = self.current() is not None
        tip = "" if ready else NOTHING
        for action in [*self.actions.values(), self.print_action]:
            action.setEnabled(ready)
            action.setToolTip(tip or action.text().replace("&", "").rstrip("…"))

    # -- export ---------------------------------------------------------------------------
    def start_folder(self) -> Path:
        """The folder of the last export, else Documents, else home."""
        return start_folder(self.folders)

    def suggested_name(self, kind: Kind, quote: Quote) -> str:
        return f"{quote.purchase.note.cusip}-{kind.stem}.{kind.fmt}"

    def choose_path(self, kind: Kind, quote: Quote) -> Path | None:
        """Ask where to save (the dialog confirms overwriting); None when cancelled."""
        title = f"Export {kind.title.rstrip('…')}"
        return ask_save_path(
            self.window, title, kind.file_filter, self.suggested_name(kind, quote), self.folders
        )

    def export(self, kind: Kind) -> Path | None:
        """The menu item: ask for a file, then write it; returns the path written."""
        current = self.current()
        if current is None:
            self._status(NOTHING)
            return None
        path = self.choose_path(kind, current[1])
        if path is None:
            return None
        self.folders.remember_export_folder(path.parent)
        return self.export_to(kind, path)

    def export_to(self, kind: Kind, path: Path) -> Path | None:
        """Write the current purchase as ``kind`` to exactly ``path``; errors become a message."""
        current = self.current()
        if current is None:
            self._status(NOTHING)
            return None
        from app.reports.export import export_file

        offering, quote = current
        try:
            with busy():
                written = export_file(
                    offering, quote, kind.fmt, path, self.source_name(), call_notices=kind.call_notices
                )
        except TermSheetError as err:
            show_error(self.window, "Export failed", f"Could not export: {err}")
            return None
        except Exception as err:  # a bug: say so in one line, keep the details in the log
            where = log_failure(err)
            show_error(
                self.window,
                "Export failed",
                f"Could not export {path.name}: {type(err).__name__}: {err}. Details are in {where}.",
            )
            return None
        self._status(f"Exported {written}")
        return written

    # -- print ----------------------------------------------------------------------------
    def printer(self) -> QPrinter:
        """One printer per window, so the dialog remembers the last choice; letter by default."""
        if self._printer is None:
            from PySide6.QtGui import QPageSize
            from PySide6.QtPrintSupport import QPrinter

            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
            self._printer.setDocName("Term sheet")
        return self._printer

    def print_sheet(self) -> bool:
        """File ▸ Print: the term sheet in a print preview (the same page as the PDF), whose
        Print button asks for the printer and prints it; True when it was printed."""
        current = self.current()
        if current is None:
            self._status(NOTHING)
            return False
        from app.reports._qt_pdf import TermSheet

        offering, quote = current
        try:
            with busy():
                sheet = TermSheet(offering, quote, source_name=self.source_name())
        except Exception as err:
            where = log_failure(err)
            show_error(
                self.window, "Print failed", f"Could not prepare the page: {err}. Details are in {where}."
            )
            return False
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        printer = self.printer()
        printer.setDocName(f"Term sheet {quote.purchase.note.cusip}")
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(f"Print term sheet — {quote.purchase.note.cusip}")
        dialog.paintRequested.connect(lambda device: self._paint(sheet, device))
        dialog.resize(self._preview_size())
        if dialog.exec() != QPrintPreviewDialog.DialogCode.Accepted:
            return False
        self._status(f"Sent the term sheet for {quote.purchase.note.cusip} to the printer")
        return True

    def _preview_size(self) -> QSize:
        """As tall as the window allows, wide enough for the preview's whole toolbar (Print)."""
        height = max(480, min(self.window.height() - 40, 1000))
        return QSize(max(900, min(self.window.width() - 80, 1000)), height)

    def _paint(self, sheet: Any, device: QPrinter) -> None:
        """Paint the page for the preview or the printer; a failure is one message."""
        try:
            sheet.paint(device)
        except Exception as err:
            where = log_failure(err)
            show_error(self.window, "Print failed", f"Could not print: {err}. Details are in {where}.")

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)


def start_folder(folders: FolderMemory) -> Path:
    """Where an export's save dialog starts: the folder of the last export, else Documents,
    else home."""
    saved = folders.export_folder()
    if saved is not None:
        return saved
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def ask_save_path(
    parent: QWidget, title: str, file_filter: str, name: str, folders: FolderMemory
) -> Path | None:
    """A save dialog (it confirms overwriting) starting in the last export's folder with ``name``
    suggested; the path chosen (with ``name``'s suffix added when none is typed), or None."""
    dialog = QFileDialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([file_filter, "All files (*)"])
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    dialog.setDirectory(str(start_folder(folders)))
    dialog.selectFile(name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor for the duration of a ``with`` block."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def log_failure(err: BaseException) -> Path:
    from app.logs import log_exception

    return log_exception(err)


def install(
    window: QMainWindow,
    menu: QMenu,
    host: ExportHost,
    folders: FolderMemory,
    validity: SignalInstance | None = None,
) -> ExportActions:
    """Add File ▸ Export ▸ … and File ▸ Print… to ``menu``; the object lives as long as
    ``window`` (its Qt parent)."""
    return ExportActions(window, menu, host, folders, validity)
