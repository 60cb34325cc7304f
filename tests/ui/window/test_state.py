"""State that survives (issue 8): settings from a newer or broken version are ignored with a
note and the window starts with defaults; a document whose file disappears stays shown, marked
"source missing"; the purchase inputs per CUSIP are saved as they change and come back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QDate, QEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.cli import CalcArgs
from app.paths import sample_path
from app.ui.window import saved_state as state
from app.ui.window import settings
from tests.ui.windows import built


def start(qtbot: Any, files: list[str] | None = None) -> Any:
    win = built(files or [], CalcArgs())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def notes(win: Any) -> str:
    return " ".join(win.messages.messages())


def write(values: dict[str, object]) -> None:
    s = settings.settings()
    for key, value in values.items():
        s.setValue(key, value)
    s.sync()


def test_garbage_of_every_type_is_ignored_with_a_note(
    qtbot: Any, isolated_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_settings.write_text(
        "[General]\n"
        "geometry=not a geometry\n"
        "layoutVersion=@Invalid()\n"
        "files=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x13NoSuchType)\n"
        "recent=42\n"
        "lastCusip=@ByteArray(\\xff\\xfe)\n"
        "openDir=@Rect(0 0 10 10)\n"
        "export/folder=@Point(1 2)\n"
        "splitter/mainSplitter=[1, 2]\n"
        "purchases/02006DTT8/amount=@Rect(1 2 3 4)\n"
        "purchases/02006DTT8/settle=yesterday\n",
        encoding="utf-8",
    )
    win = start(qtbot)
    assert [d.path for d in win.offerings.documents()] == [str(sample_path())]  # defaults
    assert win.offerings.current_note().cusip == "02006DTT8"
    assert win.calculator.amountEdit.text() == "1,000"  # the broken saved purchase is ignored
    assert win.calculator.settleDateEdit.value() == date(2019, 11, 29)
    text = notes(win)
    assert "saved settings were not used" in text and "window geometry" in text
    assert all(size > 0 for split in win.panes.splitters() for size in split.sizes())
    win.chrome.fill_recent()  # a menu of garbage: no crash, only the placeholder
    assert win.chrome.recent_menu.actions()[0].text() == "No recent files"
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda _w, _t, start, _f: (asked.append(start), ([], ""))[1]
    )
    win.open_dialog()  # a Rect is no folder: the dialog starts at home
    assert asked == [str(Path.home())]
    assert win.chrome.exports.start_folder().is_dir()  # a Point is no folder: Documents/home


def test_geometry_off_every_screen_starts_with_default_size(qtbot: Any) -> None:
    first = start(qtbot)
    first.move(9000, 9000)
    first.resize(700, 500)
    first.close()
    rect = state.geometry_rect(settings.settings().value("geometry"))
    assert rect is not None and rect.x() >= 9000  # what was saved is truly off screen
    second = start(qtbot)
    assert "off every screen" in notes(second)
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.intersects(second.frameGeometry())


def test_damaged_geometry_and_splitters(qtbot: Any) -> None:
    first = start(qtbot)
    first.resize(780, 700)
    first.close()
    write({"splitter/middleSplitter": QByteArray(b"\x00\xff garbage")})
    second = start(qtbot)
    assert "panel sizes" in notes(second) and "geometry" not in notes(second)
    assert second.height() == 700  # the geometry is still good (the default panels may widen it)
    qtbot.waitUntil(lambda: all(s > 0 for s in second.panes.middle_split.sizes()))
    second.close()
    write({"geometry": QByteArray(b"\x01\xd9\xd0\xcb truncated")})
    third = start(qtbot)
    assert "geometry is damaged" in notes(third)


def test_settings_from_a_newer_version_are_not_read(qtbot: Any, tmp_path: Path) -> None:
    copy = tmp_path / "other.txt"
    copy.write_bytes(sample_path().read_bytes())
    write({state.FORMAT_KEY: 99, "files": [str(copy)], "lastCusip": "02006DTU5"})
    win = start(qtbot)
    assert "newer version" in notes(win)
    assert [d.path for d in win.offerings.documents()] == [str(sample_path())]
    assert win.offerings.current_note().cusip == "02006DTT8"


def test_missing_files_in_the_session_and_recent_lists(qtbot: Any, tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_bytes(sample_path().read_bytes())
    gone = str(tmp_path / "gone.txt")
    write({"files": [gone, str(kept)], "recent": [gone, str(kept), str(tmp_path)]})
    win = start(qtbot)
    assert [d.path for d in win.offerings.documents()] == [str(kept)]
    assert "gone.txt" in notes(win)
    assert settings.recent_files() == [str(kept)]  # the list is pruned once, with the note
    win.chrome.fill_recent()
    shown = [a.toolTip() for a in win.chrome.recent_menu.actions() if a.toolTip()]
    assert str(kept) in shown and gone not in shown


def test_a_removed_file_stays_shown_marked_source_missing(qtbot: Any, tmp_path: Path) -> None:
    doc_path = tmp_path / "supplement.txt"
    doc_path.write_bytes(sample_path().read_bytes())
    win = start(qtbot, [str(doc_path)])
    tree = win.offerings.tree
    title = tree.model().index(0, 0)
    assert "source missing" not in title.data()
    doc_path.unlink()
    qtbot.waitUntil(lambda: "source missing" in tree.model().index(0, 0).data(), timeout=5000)
    assert "moved or deleted" in tree.model().index(0, 0).data(3)  # the tooltip says why
    assert win.offerings.current_note().cusip == "02006DTT8"  # still shown, still priced
    assert win.calculator.stale is False
    assert any("supplement.txt" in m for m in win.messages.messages())
    doc_path.write_bytes(sample_path().read_bytes())  # back again: found on activation
    QApplication.sendEvent(win, QEvent(QEvent.Type.ActivationChange))
    win.check_sources()
    assert "source missing" not in tree.model().index(0, 0).data()


def test_purchase_inputs_are_saved_as_they_change_and_restored(qtbot: Any) -> None:
    win = start(qtbot)
    calc = win.calculator
    calc.amountEdit.setText("25,000")
    calc.settleDateEdit.setDate(QDate(2019, 12, 3))
    calc.priceEdit.setText("101.5")
    memory = state.PurchaseMemory()
    assert memory.load("02006DTT8") is None  # debounced: not written on every keystroke
    qtbot.waitUntil(lambda: memory.load("02006DTT8") is not None, timeout=3000)
    assert memory.load("02006DTT8") == state.Inputs("25,000", date(2019, 12, 3), "101.5")
    # issue 14: the amount and settle date typed go with the advisor to the other note (it takes
    # them); its own price stays; the amount just typed wins over the one last left for a CUSIP
    win.offerings.select_cusip("02006DTU5")
    assert (calc.amountEdit.text(), calc.priceEdit.text()) == ("25,000", "100.000")
    assert calc.settleDateEdit.value() == date(2019, 12, 3)
    calc.amountEdit.setText("7,000")
    win.offerings.select_cusip("02006DTT8")  # switching saves the pending edit at once
    assert memory.load("02006DTU5") == state.Inputs("7,000", date(2019, 12, 3), "100.000")
    assert (calc.amountEdit.text(), calc.priceEdit.text()) == ("7,000", "101.5")
    assert calc.settleDateEdit.value() == date(2019, 12, 3)
    # 7,000 × 101.5% = $7,105.00 + 4 days at 2.35% on $7,000 (30/360) = $1.83
    assert win.findChild(object, "totalCostValue").text() == "$7,106.83"
    # a crash: no closeEvent, the next start still has both notes' inputs and the last CUSIP
    calc.priceEdit.setText("100")
    qtbot.waitUntil(lambda: memory.load("02006DTT8").price == "100", timeout=3000)
    second = start(qtbot)
    assert second.offerings.current_note().cusip == "02006DTT8"
    assert second.calculator.amountEdit.text() == "7,000"
    assert second.calculator.settleDateEdit.value() == date(2019, 12, 3)
    assert second.calculator.priceEdit.text() == "100"


def test_presets_win_over_saved_inputs(qtbot: Any) -> None:
    state.PurchaseMemory().save("02006DTT8", state.Inputs("9,000", date(2019, 12, 3), "99"))
    win = built([], CalcArgs("02006DTT8", "2,000"))
    qtbot.addWidget(win)
    assert win.calculator.amountEdit.text() == "2,000"
    assert win.calculator.priceEdit.text() == "99"  # what the preset leaves alone is restored


def test_screenshots_neither_read_nor_write_saved_inputs(qtbot: Any, isolated_settings: Path) -> None:
    state.PurchaseMemory().save("02006DTT8", state.Inputs("9,000", date(2019, 12, 3), "99"))
    before = isolated_settings.read_bytes()
    win = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    assert win.calculator.amountEdit.text() == "1,000"
    win.calculator.amountEdit.setText("3,000")
    qtbot.wait(700)
    assert isolated_settings.read_bytes() == before


def test_geometry_rect_reads_what_qt_saves(qtbot: Any) -> None:
    win = start(qtbot)
    win.move(40, 30)
    win.resize(640, 480)
    rect = state.geometry_rect(win.saveGeometry())
    assert rect is not None and (rect.width(), rect.height()) == (
        win.frameGeometry().width(),
        win.frameGeometry().height(),
    )
    assert state.geometry_rect(QByteArray(b"")) is None
    assert state.on_some_screen(rect)
