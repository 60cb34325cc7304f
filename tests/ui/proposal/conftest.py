"""The proposal page driven like a user: purchases typed in the calculator and added with
Ctrl+Shift+A, cells of ``proposalTable`` typed over. The dialogs (save, open, unsaved changes)
are replaced by answers the tests give; none of them ever blocks.

Check values (resources/samples/ally-term-notes-pricing-supplement-213.txt, Ally Pricing
Supplement No. 213; the figures of ``termsheet calc … --json`` for each purchase):
- 02006DTT8 $25,000 settling 2019-12-03: 4 days accrued (11/29 → 12/03, 30/360) = $6.53, total
  $25,006.53, annual income $587.50 (issue 4's check value);
- 02006DTU5 $10,000 settling 2019-12-10: 11 days × 2.6% × $10,000 / 360 = $7.94, total
  $10,007.94, annual income $260.00; the proposal's total $35,014.47.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeView

from app.cli import main
from app.paths import sample_path
from app.ui.proposal import actions as proposal_actions

SAMPLE = sample_path()
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# (cusip, amount typed, settle date): the two purchases the tests add
FIRST = ("02006DTT8", "25000", date(2019, 12, 3))
SECOND = ("02006DTU5", "10000", date(2019, 12, 10))


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the dialogs answer (a test sets them): unsaved changes are discarded by default."""
    given: dict[str, Any] = {
        "unsaved": proposal_actions.Unsaved.DISCARD,
        "asked": [],
        "save": None,
        "open": None,
    }

    def unsaved(_parent: object, name: str) -> proposal_actions.Unsaved:
        given["asked"].append(name)
        return given["unsaved"]  # type: ignore[no-any-return]

    monkeypatch.setattr(proposal_actions, "ask_unsaved", unsaved)
    monkeypatch.setattr(proposal_actions, "ask_save_path", lambda _p, _folder, _name: given["save"])
    monkeypatch.setattr(proposal_actions, "ask_open_path", lambda _p, _folder: given["open"])
    return given


def child(win: Any, kind: type, name: str) -> Any:
    found = win.findChild(kind, name)
    assert found is not None, name
    return found


def text(win: Any, name: str) -> str:
    return str(child(win, QLabel, name).text())


def select(win: Any, cusip: str) -> None:
    tree: QTreeView = child(win, QTreeView, "offeringTree")
    model = tree.model()
    for r in range(model.rowCount()):
        parent = model.index(r, 0)
        for c in range(model.rowCount(parent)):
            index = model.index(c, 0, parent)
            if index.data() == cusip:
                tree.setCurrentIndex(index)
                return
    raise AssertionError(f"{cusip} not in the tree")


def type_purchase(qtbot: Any, win: Any, cusip: str, amount: str, settle: date) -> None:
    """Choose the CUSIP, type the amount and set the settle date in the calculator."""
    win.show_page(0)
    select(win, cusip)
    edit: QLineEdit = child(win, QLineEdit, "amountEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, amount)
    win.calculator.settleDateEdit.setDate(QDate(settle.year, settle.month, settle.day))


def add_purchase(qtbot: Any, win: Any, cusip: str, amount: str, settle: date) -> None:
    """Type the purchase and press Ctrl+Shift+A (the focus in the amount field)."""
    type_purchase(qtbot, win, cusip, amount, settle)
    win.activateWindow()  # window shortcuts reach an active window only
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(child(win, QLineEdit, "amountEdit"), Qt.Key.Key_A, CTRL_SHIFT)


def show_proposal(qtbot: Any, win: Any) -> Any:
    """Ctrl+3, then the panel (built as the page is first shown)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.offerings.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.proposals.panel is not None and win.proposals.panel.isVisible())
    return win.proposals.panel


def calc_json(cusip: str, amount: str, settle: date, document: Path = SAMPLE) -> dict[str, Any]:
    """``termsheet calc … --json`` for one purchase (in this process)."""
    out = io.StringIO()
    argv = [
        "calc",
        str(document),
        "--cusip",
        cusip,
        "--amount",
        amount,
        "--settle",
        settle.isoformat(),
        "--json",
    ]
    with redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def proposal_json(path: Path) -> dict[str, Any]:
    """``termsheet proposal PATH --json``."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["proposal", str(path), "--json"]) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.fixture
def two(qtbot: Any, window: Any) -> Iterator[Any]:
    """The window with the sample's two purchases added (on the calculator page)."""
    add_purchase(qtbot, window, *FIRST)
    add_purchase(qtbot, window, *SECOND)
    yield window
