"""File ▸ Export proposal from the window: CSV of every payment, iCalendar of every payment date,
the client PDF — each file written whole where the save dialog says, readable, with the figures
of the proposal on screen, the CSV byte for byte what ``termsheet export PROPOSAL`` writes; the
export folder remembered; an unwritable folder is one message."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

from app.cli import main
from app.ui.exports import actions as export_actions
from app.ui.exports import proposal_actions
from tests.ui.proposal.conftest import child, show_proposal


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch) -> dict[str, Path | None]:
    """Where the export's save dialog answers (and the messages shown instead of boxes)."""
    chosen: dict[str, Any] = {"path": None, "errors": []}
    monkeypatch.setattr(proposal_actions, "ask_save_path", lambda *_args: chosen["path"])
    monkeypatch.setattr(
        export_actions, "show_error", lambda _p, _t, message: chosen["errors"].append(message)
    )
    return chosen


def export(win: Any, key: str) -> None:
    action = win.findChild(QAction, f"export_{key}")
    assert action is not None and action.isEnabled()
    action.trigger()


def test_each_format_is_written_and_reads_back(
    qtbot: Any, two: Any, save_to: dict[str, Any], tmp_path: Path
) -> None:
    show_proposal(qtbot, two)
    qtbot.keyClicks(child(two, QLineEdit, "proposalClientEdit"), "Jane Q. Client")
    flows = two.proposals.desk.proposal.cash_flows()
    save_to["path"] = tmp_path / "jane-payments.csv"
    export(two, "proposal_csv")
    rows = list(csv.DictReader(io.StringIO(save_to["path"].read_text(encoding="utf-8"))))
    assert len(rows) == len(flows) == 36 + 60 + 2  # every coupon (12/2019 … 11/2022, … 11/2024), 2 maturities
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("38029.80")  # $35,000 + $3,029.80 interest
    assert "Exported the proposal to" in two.statusBar().currentMessage()
    assert two.session.folders.export_folder() == tmp_path  # the next export starts here
    save_to["path"] = tmp_path / "jane.ics"
    export(two, "proposal_ics")
    calendar = Calendar.from_ical(save_to["path"].read_bytes())
    events = [e for e in calendar.walk("VEVENT")]
    assert len(events) == len({(f.payment_date, f.cusip) for f in flows})  # one per date and CUSIP
    save_to["path"] = tmp_path / "jane.pdf"
    export(two, "proposal_pdf")
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(save_to["path"])).pages)
    assert "Jane Q. Client" in pdf and "$35,014.47" in pdf
    assert save_to["errors"] == []


def test_the_csv_is_the_command_lines(
    qtbot: Any, two: Any, save_to: dict[str, Any], tmp_path: Path, answers: dict[str, Any]
) -> None:
    show_proposal(qtbot, two)
    answers["save"] = tmp_path / "jane.proposal.json"
    two.findChild(QAction, "saveProposalAction").trigger()
    save_to["path"] = tmp_path / "window.csv"
    export(two, "proposal_csv")
    out = tmp_path / "cli.csv"
    assert main(["export", str(answers["save"]), "--format", "csv", "--out", str(out)]) == 0
    assert save_to["path"].read_bytes() == out.read_bytes()


def test_an_unwritable_folder_is_one_message(
    qtbot: Any, two: Any, save_to: dict[str, Any], tmp_path: Path
) -> None:
    save_to["path"] = tmp_path / "missing" / "jane.csv"
    export(two, "proposal_csv")
    assert len(save_to["errors"]) == 1 and "does not exist" in save_to["errors"][0]
    assert not (tmp_path / "missing").exists()


def test_nothing_to_export_before_a_purchase_is_added(qtbot: Any, window: Any) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    file_menu.aboutToShow.emit()
    assert not window.findChild(QAction, "export_proposal_pdf").isEnabled()
