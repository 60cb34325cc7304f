"""The compare page driven as a user drives it (offscreen): the Compare tab, a header clicked,
words typed in the offerings filter, a row opened with a double-click or Enter, Copy, Export
CSV, one settle date for every row, the keyboard.

Check values: every yield shown is ``calc --json``'s for that note, price and settle date (the
bundled sample, 02006DTT8 and 02006DTU5, and golden documents in tests/data/supplements).
02006DTT8 matured 2022-11-15: at a 2023-06-01 settle date it cannot be priced and says so.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QTableView

from app.cli import main
from app.paths import sample_path
from app.present.compare import COMPARE_COLUMNS
from app.ui.common.roles import RAW_ROLE
from tests.ui.windows import open_and_wait

ROOT = Path(__file__).resolve().parents[3]
SUPPLEMENTS = ROOT / "tests" / "data" / "supplements"
SAMPLE = str(sample_path())
COL = {c.heading: i for i, c in enumerate(COMPARE_COLUMNS)}
YIELDS = {"YTM": "maturity_pct", "YTW": "worst_pct", "YTM BEY": "maturity_bey_pct",
          "YTW BEY": "worst_bey_pct", "Workout": "worst_date"}  # fmt: skip


def open_compare(qtbot: Any, win: Any) -> Any:
    """Click the Compare tab; the page's panel once every yield is in."""
    bar = win.panes.workspace.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(win.panes.COMPARE).center())
    assert win.panes.workspace.currentIndex() == win.panes.COMPARE
    panel = win.compare
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.busy(), timeout=20_000)
    return panel


def table(win: Any) -> QTableView:
    found = win.findChild(QTableView, "compareTable")
    assert found is not None
    return found


def cells(view: QTableView, heading: str, role: int = RAW_ROLE) -> list[Any]:
    model = view.model()
    return [model.data(model.index(r, COL[heading]), role) for r in range(model.rowCount())]


def row_of(view: QTableView, cusip: str) -> int:
    return cells(view, "CUSIP").index(cusip)


def calc(capsys: pytest.CaptureFixture[str], path: str, cusip: str, *extra: str) -> dict[str, Any]:
    assert main(["calc", path, "--cusip", cusip, *extra, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def click_header(qtbot: Any, view: QTableView, heading: str) -> None:
    column = COL[heading]
    view.scrollTo(view.model().index(0, column))
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_page_is_built_when_first_shown(qtbot: Any, window: Any) -> None:
    assert window.compare is None and window.findChild(QTableView, "compareTable") is None
    panel = open_compare(qtbot, window)
    view = table(window)
    assert view is panel.table and view.isVisible()
    # every loaded note, one row each, best yield to worst (bond-equivalent) first
    assert cells(view, "CUSIP") == ["02006DTU5", "02006DTT8"]
    assert cells(view, "YTW BEY", Qt.ItemDataRole.DisplayRole) == ["2.614%", "2.362%"]
    assert panel.count_label.text() == "2 notes"


def test_start_up_does_not_build_or_import_the_compare_page(tmp_path: Path) -> None:
    driver = (
        "import sys\n"
        "from app.ui.window import start as ui\n"
        "def painted():\n"
        "    print('app.ui.compare' in sys.modules, 'app.present.compare' in sys.modules, flush=True)\n"
        "    from PySide6.QtWidgets import QApplication\n"
        "    QApplication.exit(0)\n"
        "ui.FIRST_PAINT_HOOK = painted\n"
        "from app.cli import main\n"
        "sys.exit(main([]))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "TERMSHEET_SETTINGS": str(tmp_path / "s.ini"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", driver], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_the_yields_shown_are_calc_json_s(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    golden = [
        "ally-213-pipe.txt",
        "ford-credit-2011-split-headers.html",
        "toyota-stepup-2020.md",
        "john-hancock-signaturenotes-2002-transposed.txt",
        "hsbc-internotes-2010-two-groups.md",
    ]
    open_and_wait(window, [str(SUPPLEMENTS / name) for name in golden])
    open_compare(qtbot, window)
    model = table(window).model()
    assert model.rowCount() == sum(len(d.offering.notes) for d in window.offerings.documents()) > 15
    checked = 0
    for r in range(model.rowCount()):
        row = window.compare.model.row_at(r)
        expected = calc(capsys, row.document, row.cusip)
        assert expected["settle_date"] == row.settle_date.isoformat()
        for heading, key in YIELDS.items():
            got = model.data(model.index(r, COL[heading]), RAW_ROLE)
            want = expected["yields"][key]
            assert (None if got is None else str(got)) == want, (row.document, row.cusip, key)
        checked += 1
    assert checked == model.rowCount()


def test_click_a_header_to_sort(qtbot: Any, window: Any) -> None:
    open_and_wait(window, [str(SUPPLEMENTS / "ford-credit-2011-split-headers.html")])
    panel = open_compare(qtbot, window)
    view = panel.table
    for heading in ("Maturity", "Coupon", "Call prot. (years)", "YTM", "Issuer", "SO"):
        click_header(qtbot, view, heading)  # first click: ascending
        values = [v for v in cells(view, heading) if v is not None]
        assert values == sorted(values), heading
        click_header(qtbot, view, heading)  # again: descending
        values = [v for v in cells(view, heading) if v is not None]
        assert values == sorted(values, reverse=True), heading
    assert view.horizontalHeader().sortIndicatorSection() == COL["SO"]


def test_the_offerings_filter_filters_the_rows(qtbot: Any, window: Any) -> None:
    open_and_wait(window, [str(SUPPLEMENTS / "ford-credit-2011-split-headers.html")])
    panel = open_compare(qtbot, window)
    qtbot.keyClicks(window.offerings.filter_edit, "ford 2021")
    assert cells(panel.table, "CUSIP") == ["345397WC3"]  # Ford Motor Credit 5.000% due 2021-10-15
    assert panel.count_label.text() == "1 of 5 notes"
    window.offerings.filter_edit.clear()
    qtbot.keyClicks(window.offerings.filter_edit, "DTU5")
    assert cells(panel.table, "CUSIP") == ["02006DTU5"]
    window.offerings.filter_edit.clear()
    assert panel.table.model().rowCount() == 5


def test_double_click_or_enter_opens_the_note_in_the_calculator(qtbot: Any, window: Any) -> None:
    panel = open_compare(qtbot, window)
    view = panel.table
    where = view.visualRect(view.model().index(row_of(view, "02006DTU5"), COL["Issuer"])).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click's
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # two presses
    assert window.panes.workspace.currentIndex() == window.panes.CALCULATOR
    assert window.offerings.current_note().cusip == "02006DTU5"
    assert window.calculator.note.cusip == "02006DTU5"
    assert QApplication.focusWidget() is window.calculator.amountEdit
    window.show_page(window.panes.COMPARE)
    view.setFocus()
    view.setCurrentIndex(view.model().index(row_of(view, "02006DTT8"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.panes.workspace.currentIndex() == window.panes.CALCULATOR
    assert window.calculator.note.cusip == "02006DTT8"


def test_a_row_opens_in_its_own_document(qtbot: Any, window: Any) -> None:
    # the same CUSIPs in two documents (the ruled and unruled PDF of one supplement)
    pdfs = [str(SUPPLEMENTS / n) for n in ("ally-2021-final.pdf", "ally-2021-final-unruled.pdf")]
    open_and_wait(window, pdfs)
    panel = open_compare(qtbot, window)
    model = panel.model
    rows = [r for r in range(model.rowCount()) if model.row_at(r).cusip == "02006DVC2"]
    assert len(rows) == 2
    second = next(r for r in rows if model.row_at(r).document == pdfs[1])
    panel.table.setCurrentIndex(model.index(second, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Enter)
    assert window.offerings.current_document().path == pdfs[1]
    assert window.calculator.note.cusip == "02006DVC2"


def test_copy_as_a_table(qtbot: Any, window: Any) -> None:
    panel = open_compare(qtbot, window)
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    lines = mime.text().splitlines()
    assert lines[0].split("\t")[:3] == ["CUSIP", "Issuer", "Coupon"] and len(lines) == 3
    assert lines[1].split("\t")[COL["YTW BEY"]] == "2.614%"  # in the order shown
    assert mime.hasHtml() and "<td>02006DTT8</td>" in mime.html()
    view = panel.table
    view.setFocus()
    view.selectRow(row_of(view, "02006DTT8"))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # the selected row
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("02006DTT8\tAlly Financial Inc.\t2.350%")


def test_export_csv(qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.compare import panel as compare_panel

    out = tmp_path / "compared.csv"
    monkeypatch.setattr(compare_panel, "ask_save_path", lambda *args: out)
    export = window.findChild(QAction, "export_compare_csv")
    assert export is not None and not export.isVisible()  # only while the page shows
    panel = open_compare(qtbot, window)
    assert export.isVisible()
    qtbot.keyClicks(window.offerings.filter_edit, "2024")
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["cusip"] for r in rows] == ["02006DTU5"]  # the rows shown
    assert rows[0]["worst_bey_pct"] == "2.614137" and rows[0]["document"] == SAMPLE
    window.offerings.filter_edit.clear()
    export.trigger()  # File ▸ Export ▸ Comparison table (CSV)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["cusip"] for r in rows] == ["02006DTU5", "02006DTT8"]


def test_one_settle_date_for_every_row(qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]) -> None:
    panel = open_compare(qtbot, window)
    view = panel.table
    before = cells(view, "YTW")
    qtbot.mouseClick(panel.settle_check, Qt.MouseButton.LeftButton)
    assert panel.settle_edit.isEnabled()
    panel.settle_edit.set_value(date(2023, 6, 1))
    qtbot.waitUntil(lambda: cells(view, "Settle", Qt.ItemDataRole.DisplayRole) == ["2023-06-01"] * 2)
    qtbot.waitUntil(lambda: not panel.busy())
    assert cells(view, "CUSIP") == ["02006DTU5", "02006DTT8"]  # no yield: last
    expected = calc(capsys, SAMPLE, "02006DTU5", "--settle", "2023-06-01")["yields"]
    assert str(cells(view, "YTW")[0]) == expected["worst_pct"] != str(before[0])
    matured = row_of(view, "02006DTT8")
    assert cells(view, "YTW", Qt.ItemDataRole.DisplayRole)[matured] == "—"
    assert cells(view, "Notes", Qt.ItemDataRole.DisplayRole)[matured].startswith(
        "Not priced: settle date 2023-06-01 is out of range")  # fmt: skip
    # the row opened in the calculator is priced there as here
    view.setCurrentIndex(view.model().index(row_of(view, "02006DTU5"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.calculator.settleDateEdit.value() == date(2023, 6, 1)
    assert str(window.calculator.current.yields.worst_pct) == expected["worst_pct"]
    window.show_page(window.panes.COMPARE)
    qtbot.mouseClick(panel.settle_check, Qt.MouseButton.LeftButton)  # each offering's own again
    qtbot.waitUntil(lambda: not panel.busy())
    assert cells(view, "YTW") == before


def test_a_rate_sheet_is_priced_at_the_settle_date_given(
    qtbot: Any, window: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A weekly rate sheet prints no settle date (documents.md §4): its notes keep their rows
    with the reason until one settle date is given; 5.750% quarterly at par is then 5.791%
    bond-equivalent, as the Cat Financial rate sheet of June 2008 prints."""
    sheet = str(SUPPLEMENTS / "caterpillar-rate-sheet-2008-footnotes.html")
    open_and_wait(window, [sheet])
    panel = open_compare(qtbot, window)
    model = panel.model
    rows = {model.row_at(r).cusip: r for r in range(model.rowCount()) if model.row_at(r).document == sheet}
    assert len(rows) == 3
    notes = cells(panel.table, "Notes", Qt.ItemDataRole.DisplayRole)
    assert all("prints no settle or issue date" in notes[r] for r in rows.values())
    panel.set_settle_date(date(2008, 6, 12))
    qtbot.waitUntil(lambda: not panel.busy())
    r = row_of(panel.table, "14912HPR5")
    assert cells(panel.table, "YTW BEY", Qt.ItemDataRole.DisplayRole)[r] == "5.791%"
    expected = calc(capsys, sheet, "14912HPR5", "--settle", "2008-06-12")["yields"]
    assert str(cells(panel.table, "YTW BEY")[r]) == expected["worst_bey_pct"]
    assert cells(panel.table, "Maturity")[r] == date(2018, 6, 15)


def test_documents_opened_and_closed_change_the_rows(qtbot: Any, window: Any) -> None:
    panel = open_compare(qtbot, window)
    view = panel.table
    view.setCurrentIndex(view.model().index(row_of(view, "02006DTT8"), 0))
    open_and_wait(window, [str(SUPPLEMENTS / "ford-credit-2011-split-headers.html")])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5 and not panel.busy())
    assert {"02006DTT8", "345397WC3"} <= set(cells(view, "CUSIP"))
    assert all(v is not None for v in cells(view, "YTW"))
    assert cells(view, "CUSIP")[view.currentIndex().row()] == "02006DTT8"  # the current row stays
    assert window.offerings.select_cusip("345397WC3")
    window.close_current()  # the Ford document
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert sorted(cells(panel.table, "CUSIP")) == ["02006DTT8", "02006DTU5"]


def test_keyboard(qtbot: Any, window: Any) -> None:
    panel = open_compare(qtbot, window)
    window.activateWindow()
    panel.settle_check.setFocus()
    qtbot.keyClick(panel.settle_check, Qt.Key.Key_Space)  # one settle date: the field opens
    assert panel.settle_check.isChecked()

    def tab() -> Any:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        return QApplication.focusWidget()

    assert tab() is panel.settle_edit
    reached = tab()
    for _ in range(3):  # Tab goes through the date's sections first (year, month, day)
        if reached is not panel.settle_edit:
            break
        reached = tab()
    assert [reached, tab(), tab()] == [panel.copy_button, panel.export_button, panel.table]
    view = panel.table
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    window.show_page(window.panes.CALCULATOR)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # View ▸ Compare notes
    assert window.panes.workspace.currentIndex() == window.panes.COMPARE


def test_yields_from_the_helper_process(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ``app.run`` sets it up: the yields are computed in the loader process, in batches, and
    are the same as computed here."""
    from app.cli import CalcArgs
    from app.domain.compare import CompareTable
    from app.ui.window import loader
    from app.ui.window.start import build_window

    monkeypatch.setattr(loader, "_use_process", True)
    files = [SAMPLE, str(SUPPLEMENTS / "ford-credit-2011-split-headers.html")]
    win = build_window(files, CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.loads_pending(), timeout=60_000)
    try:
        panel = open_compare(qtbot, win)
        assert panel.feed._submit is not None  # still the process: no batch fell back
        here = CompareTable.of([(d.path, d.offering) for d in win.offerings.documents()])
        here.compute()
        model = panel.model
        for r in range(model.rowCount()):
            i = model.table_row(r)
            assert model.table.known(i) == here.known(i)
        assert cells(panel.table, "YTW BEY")[0] == max(here.known(i).worst_bey_pct for i in range(len(here)))  # type: ignore[union-attr]
    finally:
        loader.shutdown()


def test_call_protection_and_price_are_the_rows(qtbot: Any, window: Any) -> None:
    panel = open_compare(qtbot, window)
    # 30/360 from 2019-11-29 to the first call 2020-11-15: 346 days → 0.96 years (domain.md)
    assert cells(panel.table, "Call prot. (years)") == [Decimal("0.96")] * 2
    assert cells(panel.table, "Price", Qt.ItemDataRole.DisplayRole) == ["100.000%"] * 2
    assert cells(panel.table, "First call") == [date(2020, 11, 15)] * 2


def test_screenshot_of_the_compare_page(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "compare.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "TERMSHEET_SETTINGS": str(tmp_path / "s.ini"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--page", "compare", "--screenshot", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (1440, 900)
    assert not (tmp_path / "s.ini").exists()


def test_cells_fit_their_columns(qtbot: Any, window: Any) -> None:
    """Every text of the golden documents fits its column (only the issuer, document and notes
    are cut short, with the whole text as a tooltip); each heading fits too."""
    open_and_wait(
        window, [str(p) for p in sorted(SUPPLEMENTS.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    )
    panel = open_compare(qtbot, window)
    view, model = panel.table, panel.model
    header = view.horizontalHeader()
    fm = view.fontMetrics()
    elided = {"Issuer", "Document", "Notes"}
    for heading, column in COL.items():
        room = header.sectionSize(column) - 6  # the cell's margins
        if heading not in elided:
            widest = max(
                fm.horizontalAdvance(model.data(model.index(r, column))) for r in range(model.rowCount())
            )
            assert widest <= room, (heading, widest, room)
        bold = view.font()
        bold.setBold(True)
        title = max(
            QFontMetrics(bold).horizontalAdvance(line) for line in COMPARE_COLUMNS[column].title.split("\n")
        )
        assert title <= header.sectionSize(column), heading
