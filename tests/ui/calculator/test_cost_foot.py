"""The cost card's last row: the "Add to proposal" button while the purchase on screen is valid,
else the note saying why the figures are stale. A note chosen with an input it refuses (a preset
amount under its minimum) shows that note and offers no add, with no valid purchase before it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.cli import CalcArgs
from app.ui.window.start import build_window
from tests.ui.driving import type_into
from tests.ui.windows import loaded


def _window(qtbot: Any, calc: CalcArgs) -> Any:
    win = loaded(build_window([], calc, screenshot=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_note_chosen_with_a_refused_amount_says_why_and_offers_no_add(qtbot: Any, monkeypatch: Any) -> None:
    from app.ui.proposal import actions as proposal_actions

    # closing the window with the proposal unsaved asks what to do: discard, in a test
    monkeypatch.setattr(proposal_actions, "ask_unsaved", lambda *_args: proposal_actions.Unsaved.DISCARD)
    win = _window(qtbot, CalcArgs(cusip="02006DTT8", amount="7"))  # the sample's minimum: $1,000
    calc = win.calculator
    assert calc.current is None and calc.stale
    assert not calc.addButton.isEnabled()
    assert calc.results.foot.currentWidget() is calc.staleLabel
    assert calc.staleLabel.text()  # why: the amount, at its field and here
    type_into(win, "amountEdit", "25,000")  # now valid: the button, enabled
    assert calc.results.foot.currentWidget() is not calc.staleLabel
    assert calc.addButton.isEnabled() and calc.addButton.isVisible()
    qtbot.mouseClick(calc.addButton, Qt.MouseButton.LeftButton)
    assert len(win.proposals.desk.proposal) == 1


def test_the_empty_window_says_what_to_do_at_the_first_field(qtbot: Any) -> None:
    from app.ui.window.main_window import MainWindow
    from app.ui.window.start import application

    application()
    win = MainWindow(persist=False)  # no document
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    calc = win.calculator
    assert "choose a CUSIP" in calc.hints["amount"].text()
    assert not calc.addButton.isEnabled()
