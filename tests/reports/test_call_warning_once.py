"""A call with no call dates is flagged once, in one wording, in every output of a purchase.

The quote words it (app/domain/quote.py ``_warnings``); the loaders read such a call without a
warning of their own, so ``calc``, ``calc --json`` and the term sheet each carry the quote's one
copy (the window: tests/ui/window/test_window.py). Documents: the golden supplements of tests/data —
Prudential InterNotes 2014, 74432RAC7 "Subject to our redemption right" (terms in the
prospectus); Toyota 2020, 89236TAD7 a make-whole call at T + 25 bps.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.quote import make_purchase, quote
from app.reports.termsheet_html import term_sheet_html
from app.sources import load_path

SUPPLEMENTS = Path(__file__).resolve().parents[1] / "data" / "supplements"
UNKNOWN_TERMS = "callable on terms the document does not give (see the prospectus): no call dates"
MAKE_WHOLE = "make-whole call at any time: no call dates at a fixed price"
CASES = [
    ("prudential-internotes-2014.html", "74432RAC7", UNKNOWN_TERMS),
    ("toyota-stepup-2020.md", "89236TAD7", MAKE_WHOLE),
]


@pytest.mark.parametrize(("document", "cusip", "message"), CASES)
def test_loader_leaves_the_warning_to_the_quote(document: str, cusip: str, message: str) -> None:
    offering, warnings = load_path(SUPPLEMENTS / document)
    note = offering.note(cusip)
    assert note is not None and note.redemption.callable and note.redemption.first_call_date is None
    assert not [w for w in warnings if "no call dates" in w.message]
    q = quote(make_purchase(offering, note))
    assert [(w.where, w.message) for w in q.warnings] == [(cusip, message)]


@pytest.mark.parametrize(("document", "cusip", "message"), CASES)
def test_calc_text_and_json_say_it_once(
    capsys: pytest.CaptureFixture[str], document: str, cusip: str, message: str
) -> None:
    path = str(SUPPLEMENTS / document)
    assert main(["calc", path, "--cusip", cusip]) == 0
    out = capsys.readouterr().out
    assert out.count("no call dates") == 1
    assert f"  ! {cusip}: {message}\n" in out
    assert main(["calc", path, "--cusip", cusip, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] == [{"where": cusip, "message": message}]


@pytest.mark.parametrize(("document", "cusip", "message"), CASES)
def test_term_sheet_says_it_once(document: str, cusip: str, message: str) -> None:
    offering, _ = load_path(SUPPLEMENTS / document)
    note = offering.note(cusip)
    assert note is not None
    q = quote(make_purchase(offering, note))
    html = term_sheet_html(offering, q, source_name=document, today=date(2020, 1, 9), chart_width_px=600)
    assert html.count("no call dates") == 1 and f"Note: {message}." in html
