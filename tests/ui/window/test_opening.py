"""Opening documents as a user does (issue 14, items 2, 5 and 8): every load runs off the UI
thread, command-line files included; what was just opened (File ▸ Open, a drop, the command
line) is selected; a document already open is selected, not added twice, unless its file changed
since it was read; paths are kept absolute, so a session started elsewhere finds its files; a
window closed while loading drops what arrives.

Documents: the bundled Ally PS 213 sample (02006DTT8, 02006DTU5) and the golden CFC InterNotes
2018 and Prudential 2014 supplements (tests/data/supplements).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.cli import CalcArgs
from app.paths import sample_path
from app.ui.window import loader
from tests.ui.windows import built, loaded, open_and_wait

SUPPLEMENTS = Path(__file__).resolve().parents[2] / "data" / "supplements"
CFC = SUPPLEMENTS / "cfc-internotes-2018-columns.txt"
PRUDENTIAL = SUPPLEMENTS / "prudential-internotes-2014.html"


def names(win: Any) -> list[str]:
    return [d.name for d in win.offerings.documents()]


def cusips(path: Path) -> list[str]:
    from app.sources import load_path

    return [n.cusip for n in load_path(path)[0].notes]


def test_command_line_files_load_off_the_ui_thread(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.window.start import build_window

    threads: list[str] = []
    real = loader.load_one
    monkeypatch.setattr(
        loader, "load_one", lambda p: threads.append(threading.current_thread().name) or real(p)
    )
    win = build_window([str(CFC)], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    assert win.loads_pending() and win.offerings.documents() == []  # the window did not wait
    loaded(win)
    assert names(win) == [CFC.name]
    assert threads and threading.main_thread().name not in threads
    assert win.offerings.current_note().cusip == cusips(CFC)[0]


def test_the_cusip_asked_for_on_the_command_line_is_selected(qtbot: Any) -> None:
    wanted = cusips(CFC)[-1]
    win = built([str(sample_path()), str(CFC)], CalcArgs(wanted), screenshot=True)
    qtbot.addWidget(win)
    assert names(win) == [sample_path().name, CFC.name]
    assert win.offerings.current_note().cusip == wanted
    assert not any(wanted in m for m in win.messages.messages())  # found: nothing to say


def test_file_open_selects_the_document_opened(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.offerings.current_note().cusip == "02006DTT8"
    chosen = [str(CFC), str(PRUDENTIAL)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, "")))
    window.chrome.open_action.trigger()
    loaded(window)
    assert names(window) == [sample_path().name, CFC.name, PRUDENTIAL.name]
    assert window.current_document().name == CFC.name  # the first of those chosen
    assert window.offerings.current_note().cusip == cusips(CFC)[0]
    assert cusips(CFC)[0] in window.terms.toPlainText()


def test_a_document_already_open_is_selected_not_added(qtbot: Any, window: Any) -> None:
    open_and_wait(window, [str(CFC)])
    assert window.current_document().name == CFC.name
    open_and_wait(window, [str(sample_path())])
    assert names(window) == [sample_path().name, CFC.name]  # no second copy
    assert window.offerings.current_note().cusip == "02006DTT8"
    said = [m for m in window.messages.messages() if "already open" in m]
    assert said == [f"{sample_path().name} is already open (shown as read)."]


def test_one_file_named_twice_or_by_another_path_is_one_document(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "cfc.txt"
    shutil.copyfile(CFC, copy)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    open_and_wait(window, [str(copy), "../cfc.txt", str(tmp_path / "sub" / ".." / "cfc.txt")])
    assert names(window) == [sample_path().name, "cfc.txt"]
    assert window.current_document().path == str(copy.resolve())


def test_a_document_changed_on_disk_is_read_again_in_its_place(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    doc = tmp_path / "weekly.txt"
    shutil.copyfile(CFC, doc)
    open_and_wait(window, [str(doc), str(PRUDENTIAL)])
    assert names(window) == [sample_path().name, "weekly.txt", PRUDENTIAL.name]
    doc.write_bytes(sample_path().read_bytes() + b"\n")  # this week's supplement, same file name
    open_and_wait(window, [str(doc)])
    assert names(window) == [sample_path().name, "weekly.txt", PRUDENTIAL.name]  # in its place
    reread = next(d for d in window.offerings.documents() if d.name == "weekly.txt")
    assert [n.cusip for n in reread.offering.notes] == ["02006DTT8", "02006DTU5"]  # what it holds now
    assert window.current_document() is reread
    assert any("changed since it was read" in m for m in window.messages.messages())


def test_a_session_opened_by_relative_path_comes_back_from_elsewhere(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, elsewhere = tmp_path / "a", tmp_path / "b"
    here.mkdir()
    elsewhere.mkdir()
    shutil.copyfile(CFC, here / "weekly.txt")
    monkeypatch.chdir(here)
    first = built(["weekly.txt"], CalcArgs())
    qtbot.addWidget(first)
    assert first.current_document().path == str((here / "weekly.txt").resolve())
    first.close()  # the session is saved
    monkeypatch.chdir(elsewhere)
    second = built([], CalcArgs())
    qtbot.addWidget(second)
    assert names(second) == ["weekly.txt"]
    assert not any("no longer exist" in m for m in second.messages.messages())
    from app.ui.window import settings

    assert str((here / "weekly.txt").resolve()) in settings.recent_files()


def test_a_window_closed_while_loading_drops_what_arrives(qtbot: Any) -> None:
    win = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    before = names(win)
    pdf = SUPPLEMENTS / "ally-2021-final.pdf"
    win.open_files([str(pdf), str(CFC), str(PRUDENTIAL)])  # read on the loader thread
    assert win.loads_pending()
    win.close()
    assert not win.loads_pending()
    assert loader.pool().waitForDone(30_000)
    for _ in range(10):
        QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
    assert names(win) == before and not win.loads_pending()
    assert not any("Could not open" in m for m in win.messages.messages())
