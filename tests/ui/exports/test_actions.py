"""File ▸ Export / File ▸ Print in the window (pytest-qt, offscreen): the same bytes and page as
``termsheet export``, the save folder remembered, failures shown as one-line messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from app.domain.model import Offering, Quote
from app.reports.export import render
from app.ui.exports import actions as export_actions
from app.ui.exports.actions import KINDS, ExportActions
from app.ui.window import settings
from app.ui.window.session import Folders
from app.ui.window.settings import EXPORT_FOLDER
from tests.ui.windows import open_and_wait

KIND = {k.key: k for k in KINDS}


class FakeWindow(QMainWindow):
    """Just the hooks ``install`` reads: what the real window offers for exports."""

    def __init__(self) -> None:
        super().__init__()
        self.folders = Folders(persist=True)
        self.offering: Offering | None = None
        self.quote: Quote | None = None
        self.file_menu = self.menuBar().addMenu("&File")

    def current_offering(self) -> Offering | None:
        return self.offering

    def current_quote(self) -> Quote | None:
        return self.quote

    def current_document(self) -> Any:
        class Doc:
            path = "/somewhere/ally-term-notes-pricing-supplement-213.txt"

        return Doc() if self.offering else None


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Settings in a temporary INI file, the log in tmp, and message boxes recorded."""
    settings.use_file(tmp_path / "settings.ini")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(export_actions, "show_error", lambda _p, title, text: shown.append((title, text)))
    yield shown
    settings.use_file(None)


@pytest.fixture
def window(qtbot: QtBot, offering: Offering, ally_quote: Quote) -> FakeWindow:
    w = FakeWindow()
    qtbot.addWidget(w)
    w.offering, w.quote = offering, ally_quote
    return w


def install(w: FakeWindow) -> ExportActions:
    return export_actions.install(w, w.file_menu, w, w.folders)


def test_items_exist_and_follow_the_quote(window: FakeWindow) -> None:
    quote, window.quote = window.quote, None
    actions = install(window)
    names = ["export_csv", "export_ics", "export_ics_calls", "export_pdf", "printAction"]
    found = [window.findChild(QAction, n) for n in names]
    assert all(a is not None for a in found)
    assert window.findChild(QMenu, "exportMenu") is not None
    assert not any(a.isEnabled() for a in found)
    assert "valid purchase" in found[0].toolTip()
    window.quote = quote
    window.file_menu.aboutToShow.emit()
    assert all(a.isEnabled() for a in found)
    assert isinstance(actions, ExportActions)


def test_export_writes_the_cli_bytes_and_remembers_the_folder(
    window: FakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = install(window)
    out = tmp_path / "exports" / "flows.csv"
    out.parent.mkdir()
    monkeypatch.setattr(actions, "choose_path", lambda kind, quote: out)
    window.findChild(QAction, "export_csv").trigger()
    assert window.offering is not None and window.quote is not None
    assert out.read_bytes() == render(window.offering, window.quote, "csv")
    assert settings.settings().value(EXPORT_FOLDER) == str(out.parent)
    assert actions.start_folder() == out.parent
    assert window.statusBar().currentMessage() == f"Exported {out}"


def test_calendar_with_call_notices(window: FakeWindow, tmp_path: Path) -> None:
    actions = install(window)
    plain = actions.export_to(KIND["ics"], tmp_path / "a.ics")
    calls = actions.export_to(KIND["ics_calls"], tmp_path / "b.ics")
    assert plain and calls
    assert calls.read_bytes().count(b"BEGIN:VEVENT") == plain.read_bytes().count(b"BEGIN:VEVENT") + 24


def test_pdf_names_the_source_document(window: FakeWindow, tmp_path: Path) -> None:
    written = install(window).export_to(KIND["pdf"], tmp_path / "sheet.pdf")
    assert written is not None
    text = " ".join(PdfReader(written).pages[0].extract_text().split())
    assert "ally-term-notes-pricing-supplement-213.txt" in text and "$25,040.80" in text


def test_unwritable_folder_is_a_message_not_a_traceback(
    window: FakeWindow, tmp_path: Path, isolated: list[tuple[str, str]]
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    assert install(window).export_to(KIND["csv"], blocker / "out.csv") is None
    assert len(isolated) == 1
    title, text = isolated[0]
    assert title == "Export failed" and "not a directory" in text and "\n" not in text
    assert {p.name for p in tmp_path.iterdir()} <= {"file.txt", "settings.ini", "state"}


def test_a_bug_is_a_message_and_goes_to_the_log(
    window: FakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: list[tuple[str, str]]
) -> None:
    import app.reports.export as export

    def broken(*args: object, **kwargs: object) -> Path:
        raise RuntimeError("boom")

    monkeypatch.setattr(export, "export_file", broken)
    assert install(window).export_to(KIND["csv"], tmp_path / "x.csv") is None
    assert "RuntimeError: boom" in isolated[0][1]
    assert "boom" in (tmp_path / "state" / "termsheet" / "termsheet.log").read_text()


def test_cancelled_dialog_writes_nothing(
    window: FakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = install(window)
    monkeypatch.setattr(actions, "choose_path", lambda kind, quote: None)
    assert actions.export(KIND["pdf"]) is None
    assert settings.settings().value(EXPORT_FOLDER) is None


def test_save_dialog_suggests_a_name_and_adds_the_suffix(window: FakeWindow, tmp_path: Path) -> None:
    actions = install(window)
    settings.settings().setValue(EXPORT_FOLDER, str(tmp_path))
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen["dir"] = dialog.directory().absolutePath()
        seen["name"] = dialog.selectedFiles()[0]
        dialog.selectFile("client-flows")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert window.quote is not None
    chosen = actions.choose_path(KIND["csv"], window.quote)
    assert seen["dir"] == str(tmp_path)
    assert Path(seen["name"]).name == "02006DTT8-cash-flows.csv"
    assert chosen == tmp_path / "client-flows.csv"


def test_print_previews_then_prints_the_same_page(
    window: FakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Print shows the term sheet in a print preview (one page); the preview's Print
    button (after the printer dialog, which Qt opens itself and a test cannot answer) prints
    that page: $25,000 of 02006DTT8 settling 2020-01-10, total $25,040.80 (``ally_quote``)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

    actions = install(window)
    printer = actions.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    previewed: list[int] = []

    def preview_then_print(dialog: QPrintPreviewDialog) -> int:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        previewed.append(widget.pageCount())
        assert not (tmp_path / "printed.pdf").exists()  # nothing printed before the user says so
        assert any(a.text() == "Print" for a in dialog.findChildren(QAction))
        widget.print()  # what the Print button does once the printer dialog is accepted
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview_then_print)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)  # no preview
    window.findChild(QAction, "printAction").trigger()
    assert previewed == [1]
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "02006DTT8" in text and "$25,040.80" in text and "not an offer" in text
    assert "Sent the term sheet for 02006DTT8" in window.statusBar().currentMessage()


def test_print_preview_closed_prints_nothing(
    window: FakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    actions = install(window)
    printer = actions.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: QPrintPreviewDialog.DialogCode.Rejected)
    assert actions.print_sheet() is False
    assert not (tmp_path / "printed.pdf").exists()


def test_nothing_to_export_without_a_quote(window: FakeWindow, isolated: list[tuple[str, str]]) -> None:
    actions = install(window)
    window.quote = None
    assert actions.export(KIND["csv"]) is None
    assert actions.print_sheet() is False
    assert "valid purchase" in window.statusBar().currentMessage()
    assert isolated == []


def test_real_window_exports_its_purchase(qtbot: QtBot, sample_file: Path, tmp_path: Path) -> None:
    from app.ui.window.main_window import MainWindow

    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    open_and_wait(w, [str(sample_file)], select="02006DTT8")
    actions = w.chrome.exports
    assert isinstance(actions, ExportActions)
    quote = w.current_quote()
    assert quote is not None and quote.purchase.note.cusip == "02006DTT8"
    assert w.findChild(QAction, "export_pdf").isEnabled()
    written = actions.export_to(KIND["csv"], tmp_path / "flows.csv")
    assert written is not None
    assert written.read_bytes() == render(w.current_offering(), quote, "csv")
