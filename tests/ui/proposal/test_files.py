"""Proposal files from the window: save (Ctrl+S), close, reopen from File ▸ Open Recent Proposal;
a proposal whose document moved (its positions kept unpriced, the others summed); a proposal
whose documents are not loaded yet (loaded through the window, off the UI thread); the question
about unsaved changes; a file that is not a proposal. Check values in conftest.py."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTableView

from app.cli import CalcArgs
from app.ui.proposal import actions as proposal_actions
from app.ui.window.start import build_window
from tests.ui.proposal.conftest import (
    FIRST,
    SAMPLE,
    SECOND,
    add_purchase,
    child,
    proposal_json,
    select,
    show_proposal,
    text,
)


def opened(qtbot: Any, win: Any, rows: int) -> None:
    """Wait until the proposal is priced and shown with ``rows`` positions."""
    qtbot.waitUntil(lambda: win.proposals.has_desk() and not win.proposals.desk.busy, timeout=20000)
    qtbot.waitUntil(lambda: child(win, QTableView, "proposalTable").model().rowCount() == rows)


def recent_action(win: Any, name: str) -> QAction:
    menu: QMenu = child(win, QMenu, "recentProposalsMenu")
    menu.aboutToShow.emit()
    found = [a for a in menu.actions() if a.text().endswith(name)]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def test_save_close_and_reopen_from_the_recent_menu(
    qtbot: Any, two: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    show_proposal(qtbot, two)
    qtbot.keyClicks(child(two, QLineEdit, "proposalClientEdit"), "Jane Q. Client")
    qtbot.keyClicks(child(two, QLineEdit, "proposalAdvisorEdit"), "Ann Advisor")
    qtbot.keyClicks(child(two, QPlainTextEdit, "proposalNoteEdit"), "Ladder for 2020-2024")
    assert "unsaved changes" in text(two, "proposalFileLabel")
    answers["save"] = tmp_path / "jane.proposal.json"
    qtbot.keyClick(two.offerings.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = json.loads(answers["save"].read_text(encoding="utf-8"))
    assert saved["format"] == "termsheet-proposal/1"
    assert (saved["client"], saved["advisor"], saved["note"]) == (
        "Jane Q. Client",
        "Ann Advisor",
        "Ladder for 2020-2024",
    )
    assert [(p["cusip"], p["amount"], p["settle_date"]) for p in saved["positions"]] == [
        ("02006DTT8", "25000", "2019-12-03"),
        ("02006DTU5", "10000", "2019-12-10"),
    ]
    assert (tmp_path / saved["positions"][0]["document"]).resolve() == SAMPLE.resolve()  # relative
    cli = proposal_json(answers["save"])
    assert cli["totals"]["total"] == "35014.47"
    assert "unsaved" not in text(two, "proposalFileLabel")
    two.close()
    assert answers["asked"] == []  # nothing unsaved: no question
    again = build_window([], CalcArgs(), screenshot=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    recent_action(again, "jane.proposal.json").trigger()
    opened(qtbot, again, 2)
    assert text(again, "proposalTotalValue") == "$35,014.47"
    assert child(again, QLineEdit, "proposalClientEdit").text() == "Jane Q. Client"
    assert child(again, QPlainTextEdit, "proposalNoteEdit").toPlainText() == "Ladder for 2020-2024"
    assert again.panes.workspace.currentIndex() == again.panes.PROPOSAL
    assert "Opened jane.proposal.json: 2 positions · total $35,014.47" in again.statusBar().currentMessage()


def write_proposal(path: Path, documents: list[tuple[str, str, str, str]]) -> Path:
    positions = [
        {"document": d, "cusip": c, "amount": a, "settle_date": s, "price_pct": None}
        for d, c, a, s in documents
    ]
    data = {
        "format": "termsheet-proposal/1",
        "client": "Moved",
        "advisor": "",
        "note": "",
        "positions": positions,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_moved_document_keeps_its_positions_unpriced_and_loads_the_others(
    qtbot: Any, window: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "docs" / "ally-213.txt")  # not loaded yet: the window loads it
    path = write_proposal(
        tmp_path / "moved.proposal.json",
        [
            ("docs/ally-213.txt", "02006DTT8", "25000", "2019-12-03"),
            ("old/ally-212.txt", "02006DTT8", "5000", "2019-12-03"),
            ("docs/ally-213.txt", "02006DTU5", "10000", "2019-12-10"),
            ("old/ally-212.txt", "02006DTU5", "5000", "2019-12-10"),
        ],
    )
    answers["open"] = path
    window.findChild(QAction, "openProposalAction").trigger()
    opened(qtbot, window, 4)
    table: QTableView = child(window, QTableView, "proposalTable")
    model = table.model()
    assert [model.index(r, 2).data().startswith("Not priced") for r in range(4)] == [False, True, False, True]
    assert "not found" in model.index(1, 2).data()
    assert text(window, "proposalTotalValue") == "$35,014.47"  # the two priced ones
    assert text(window, "proposalPositionsDetail") == "2 not priced"
    moved = str(tmp_path / "old" / "ally-212.txt")
    assert f"{moved} not found; its 2 positions are kept unpriced." in window.messages.messages()
    loaded = [Path(d.path).resolve() for d in window.offerings.documents()]
    assert (tmp_path / "docs" / "ally-213.txt").resolve() in loaded  # through the window's loading
    assert proposal_json(path)["totals"]["total"] == "35014.47"  # the CLI agrees


def test_unsaved_changes_are_asked_about_before_closing(
    qtbot: Any, window: Any, answers: dict[str, Any]
) -> None:
    add_purchase(qtbot, window, *FIRST)
    answers["unsaved"] = proposal_actions.Unsaved.CANCEL
    window.close()
    assert answers["asked"] == ["Untitled proposal"]
    assert window.isVisible()  # kept open, the proposal with it
    answers["unsaved"] = proposal_actions.Unsaved.DISCARD
    window.close()
    assert not window.isVisible()


def test_opening_another_proposal_asks_to_save_this_one(
    qtbot: Any, window: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    other = write_proposal(tmp_path / "other.proposal.json", [(str(SAMPLE), *SECOND[:2], "2019-12-10")])
    add_purchase(qtbot, window, *FIRST)
    answers["unsaved"] = proposal_actions.Unsaved.SAVE
    answers["save"] = tmp_path / "first.proposal.json"
    answers["open"] = other
    window.findChild(QAction, "openProposalAction").trigger()
    assert answers["asked"] == ["Untitled proposal"]
    assert json.loads(answers["save"].read_text(encoding="utf-8"))["positions"][0]["cusip"] == "02006DTT8"
    opened(qtbot, window, 1)
    assert window.proposals.desk.proposal.totals.total == Decimal("10007.94")
    assert window.proposals.desk.path == other


def test_a_file_that_is_not_a_proposal_is_one_message(
    qtbot: Any, window: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(proposal_actions, "show_error", lambda _p, _title, message: shown.append(message))
    broken = tmp_path / "broken.proposal.json"
    broken.write_text('{"format": "termsheet-proposal/1", "positions": [', encoding="utf-8")
    assert not window.proposals.open_path(broken)
    assert len(shown) == 1 and "broken.proposal.json" in shown[0] and "not valid JSON" in shown[0]
    assert not window.proposals.desk.busy


def test_a_proposal_named_as_a_document_is_that_positions_error(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    other = write_proposal(
        tmp_path / "other.proposal.json", [(str(SAMPLE), "02006DTT8", "25000", "2019-12-03")]
    )
    path = write_proposal(
        tmp_path / "odd.proposal.json",
        [
            ("other.proposal.json", "02006DTT8", "25000", "2019-12-03"),
            (str(SAMPLE), *SECOND[:2], "2019-12-10"),
        ],
    )
    assert window.proposals.open_path(path)
    opened(qtbot, window, 2)
    model = child(window, QTableView, "proposalTable").model()
    assert "is a proposal file, not an offering document" in model.index(0, 2).data()
    assert window.proposals.desk.path == path and other.is_file()
    assert text(window, "proposalTotalValue") == "$10,007.94"


def test_new_proposal_asks_then_starts_empty(qtbot: Any, two: Any, answers: dict[str, Any]) -> None:
    show_proposal(qtbot, two)
    two.findChild(QAction, "newProposalAction").trigger()
    assert answers["asked"] == ["Untitled proposal"]  # discarded (the tests' default answer)
    assert child(two, QTableView, "proposalTable").model().rowCount() == 0
    assert text(two, "proposalTotalValue") == "$0.00"
    assert two.proposals.panel.chart.stack.currentWidget() is two.proposals.panel.chart.placeholder
    assert "unsaved" not in text(two, "proposalFileLabel")


PRUDENTIAL = Path(__file__).parents[2] / "data" / "supplements" / "prudential-internotes-2014.html"


def test_opening_a_proposal_keeps_the_note_shown(
    qtbot: Any, window: Any, answers: dict[str, Any], tmp_path: Path
) -> None:
    """The proposal's documents load through the window, but the advisor's calculator stays on
    the note it shows (Prudential InterNotes 2014's 74432RAB9 is the proposal's)."""
    select(window, "02006DTU5")
    shutil.copy(PRUDENTIAL, tmp_path / "prudential.html")
    answers["open"] = write_proposal(
        tmp_path / "p.proposal.json", [("prudential.html", "74432RAB9", "10000", "2014-06-12")]
    )
    window.findChild(QAction, "openProposalAction").trigger()
    opened(qtbot, window, 1)
    assert (tmp_path / "prudential.html").resolve() in [Path(d.path) for d in window.offerings.documents()]
    assert window.current_cusip() == "02006DTU5"


def test_a_proposal_and_its_document_together_load_the_document_once(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    """``termsheet p.proposal.json prudential.html``: the proposal asks for its document and the
    command line names it again; it is read and shown once."""
    document = tmp_path / "prudential.html"
    shutil.copy(PRUDENTIAL, document)
    path = write_proposal(tmp_path / "p.proposal.json", [(document.name, "74432RAB9", "10000", "2014-06-12")])
    shown: list[str] = []
    window.documentShown.connect(lambda p, _o: shown.append(p))
    window.open_files([str(path), str(document)])
    opened(qtbot, window, 1)
    qtbot.waitUntil(lambda: not window.loads_pending())
    assert shown == [str(document.resolve())]
    assert [d.path for d in window.offerings.documents()].count(str(document.resolve())) == 1
