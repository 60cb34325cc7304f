"""A document back from the loader is shown a step per event-loop turn: its tree rows (a large
document's in slices), then — if it selects a note — the calculator, then the terms, then the
chart. What the user does in between wins: another note chosen, the document closed, an amount
typed, the window closed. The steps are run one by one here (``loads.arrive`` is the slot the loader
thread's signal reaches; ``loads.step`` is what the queue's zero-interval timer runs).

Offerings: the Ally PS 213 offering and the 30-year monthly callable note of tests/offerings.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel

from app.cli import CalcArgs
from app.domain.model import Offering
from app.paths import sample_path
from app.sources.offering_json import dumps
from tests.offerings import ALLY, big_offering, long_offering
from tests.ui.windows import built, open_and_wait


def _arrive(win: Any, path: str, offering: Offering) -> None:
    win.loads.arrive(path, offering, [])  # as the loader thread's signal delivers it


def _step(win: Any, count: int = 1) -> None:
    for _ in range(count):
        assert win.loads_pending()
        win.loads.step()


def _finish(win: Any) -> None:
    while win.loads_pending():
        win.loads.step()


def _chart_cusip(win: Any) -> str | None:
    quote = win.chart.plot.quote
    return None if quote is None else str(quote.purchase.note.cusip)


@pytest.fixture
def win(qtbot: Any) -> Any:
    """A shown window with its chart and no document (the sample closed): a load selects."""
    window = built([], CalcArgs(), screenshot=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.chart.ensure_plot()
    window.close_current()
    assert window.offerings.current_note() is None and not window.loads_pending()
    return window


def test_a_load_shows_tree_note_terms_chart_in_turns(win: Any) -> None:
    idle: list[bool] = []
    win.loadsIdle.connect(lambda: idle.append(True))
    _arrive(win, "/x/long.json", long_offering(30))
    _step(win)  # the tree
    assert [d.path for d in win.offerings.documents()] == ["/x/long.json"]
    assert win.offerings.current_note() is None
    _step(win)  # the note in the calculator and tables
    assert win.offerings.current_note().cusip == "99999ZZZ0"
    assert win.calculator.current.purchase.note.cusip == "99999ZZZ0"
    assert win.coupon_table.model().rowCount() > 300
    assert "99999ZZZ0" not in win.terms.toPlainText() and _chart_cusip(win) is None
    _step(win)  # the terms
    assert "99999ZZZ0" in win.terms.toPlainText() and _chart_cusip(win) is None
    assert not idle
    _step(win)  # the chart, and the load is over
    assert _chart_cusip(win) == "99999ZZZ0"
    assert not win.loads_pending() and idle == [True]


def test_a_large_document_is_added_to_the_tree_in_slices(win: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.window import main_window

    monkeypatch.setattr(main_window, "TREE_ROWS_PER_TURN", 1000)
    _arrive(win, "/x/big.json", big_offering(2500))
    _step(win, 2)
    assert win.offerings.documents() == []
    _step(win)  # the last 500 rows, and the document with its 2,500 CUSIPs in the tree
    proxy = win.offerings.proxy
    assert proxy.rowCount() == 1 and proxy.rowCount(proxy.index(0, 0)) == 2500
    _finish(win)
    assert win.offerings.current_note().cusip == "T0000000X"


def test_a_note_chosen_meanwhile_keeps_its_terms_and_chart(win: Any) -> None:
    _arrive(win, str(sample_path()), ALLY)  # Ally PS 213, open before
    _finish(win)
    _arrive(win, "/x/long.json", long_offering(30))
    _step(win, 2)  # the long note selected; its terms and chart are waiting
    assert win.offerings.select_cusip("02006DTU5")  # the user's choice: shown at once
    assert "02006DTU5" in win.terms.toPlainText() and _chart_cusip(win) == "02006DTU5"
    _finish(win)
    assert win.offerings.current_note().cusip == "02006DTU5"
    assert "02006DTU5" in win.terms.toPlainText() and "99999ZZZ0" not in win.terms.toPlainText()
    assert _chart_cusip(win) == "02006DTU5"


def test_the_document_closed_meanwhile_leaves_nothing_behind(win: Any) -> None:
    _arrive(win, "/x/long.json", long_offering(30))
    _step(win, 2)
    win.close_current()  # the only document: the window is empty again
    _finish(win)
    assert win.offerings.documents() == [] and not win.calculator.isEnabled()
    assert win.terms.toPlainText() == "" and _chart_cusip(win) is None


def test_an_amount_typed_meanwhile_is_what_the_chart_draws(win: Any) -> None:
    _arrive(win, "/x/long.json", long_offering(30))
    _step(win, 2)
    win.calculator.amountEdit.setText("25,000")
    _finish(win)
    assert win.calculator.current.purchase.amount == 25000
    assert win.chart.plot.quote is win.calculator.current


def test_a_note_without_a_quote_shows_no_other_notes_figures(qtbot: Any, win: Any, tmp_path: Path) -> None:
    # the offering settles the day its note matures: no quote (the calculator says why); the
    # chart and the tables do not go on showing the note chosen before (issue 14: figures that
    # are not those of the inputs on screen are stale or gone)
    long = long_offering(1)
    matured = tmp_path / "matured.json"
    matured.write_text(dumps(dataclasses.replace(long, settle_date=long.notes[0].maturity_date)))
    open_and_wait(win, [str(sample_path())])
    ally_quote = win.chart.plot.quote
    assert _chart_cusip(win) == "02006DTT8"
    with qtbot.waitSignal(win.loadsIdle, timeout=20_000):
        win.open_files([str(matured)], select="99999ZZZ0")
    assert win.offerings.current_note().cusip == "99999ZZZ0"
    assert win.calculator.stale
    assert "99999ZZZ0" in win.terms.toPlainText()
    assert ally_quote is not None and win.chart.plot.quote is None
    assert win.coupon_table.model().rowCount() == win.call_table.model().rowCount() == 0
    assert win.findChild(QLabel, "accruedInterestValue").text() == "—"


def test_closing_the_window_meanwhile_runs_nothing_on_it() -> None:
    win = built([], CalcArgs(), screenshot=True)  # deleted here, so not the fixture's
    win.show()
    QApplication.processEvents()  # painted: the chart is created a turn later
    win.close_current()
    _arrive(win, "/x/long.json", long_offering(30))
    _arrive(win, str(sample_path()), long_offering(2))
    _step(win, 2)  # the long note selected; its terms, its chart and a document still to show
    assert win.loads_pending()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(20):  # what the window had scheduled went with it: nothing runs or raises
        QApplication.processEvents()


def test_a_load_finishing_after_the_window_closed_is_dropped() -> None:
    from app.ui.window.loader import pool
    from app.ui.window.start import build_window

    pdf = Path(__file__).resolve().parents[2] / "data" / "supplements" / "ally-2021-final.pdf"
    win = build_window([], CalcArgs(), screenshot=True)
    win.open_files([str(pdf), str(sample_path())])  # parsed on the loader thread
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert pool().waitForDone(30_000)  # it finishes with nobody to tell, and says nothing
    QApplication.processEvents()


def test_before_the_first_paint_a_document_is_shown_at_once(qtbot: Any) -> None:
    from app.ui.window.main_window import MainWindow

    win = MainWindow(persist=False)  # not shown: nothing painted, nobody waiting on turns
    qtbot.addWidget(win)
    _arrive(win, "/x/long.json", long_offering(30))
    assert not win.loads_pending()  # tree, note, terms and chart in one go
    assert win.offerings.current_note().cusip == "99999ZZZ0"
    assert "99999ZZZ0" in win.terms.toPlainText()
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.plot is not None)
    assert _chart_cusip(win) == "99999ZZZ0"
    _arrive(win, str(sample_path()), ALLY)  # painted now: in turns again
    assert win.loads_pending()
    _finish(win)
    assert [d.name for d in win.offerings.documents()] == ["long.json", sample_path().name]
