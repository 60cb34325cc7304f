"""The compare view's rows as text (Qt-free): one cell per column from the domain's row and
yields, "…" until the yields are computed, the reason a note is not priced, the filter's words,
the sort on the notes column, and the copied table (tab-separated and HTML).

Check values: the bundled sample (Ally Pricing Supplement No. 213, domain.md): 02006DTT8 2.350%
monthly to 2022-11-15, callable from 2020-11-15 (0.96 years of protection from the 2019-11-29
settle date: 346 days 30/360), survivor's option, price 100.00, concession 1.125%; at par its
yields are its coupon, 2.362% bond-equivalent (``compare --json``). John Hancock's zero-coupon
41013MBT6 (documents.md): price 50.000, to 2015-04-15, with the tests' own call schedule
(tests/offerings.py: first call 2007-10-15).
"""

from __future__ import annotations

from datetime import date

from app.domain.compare import CompareTable
from app.present.compare import (
    COMPARE_COLUMNS,
    DEFAULT_COLUMN,
    PENDING,
    cells,
    html_table,
    order,
    row_search_text,
    sort_value,
    tsv,
)
from app.present.rows import filter_words, holds_words
from tests.offerings import ALLY, JOHN_HANCOCK

HEADINGS = [c.heading for c in COMPARE_COLUMNS]


def _cell(table: CompareTable, i: int, heading: str) -> str:
    return cells(table.rows[i], table.known(i))[HEADINGS.index(heading)]


def test_a_row_as_the_view_shows_it() -> None:
    table = CompareTable.of([("/docs/ally-213.txt", ALLY)])
    table.compute()
    got = dict(zip(HEADINGS, cells(table.rows[0], table.known(0)), strict=True))
    assert got == {
        "CUSIP": "02006DTT8", "Issuer": "Ally Financial Inc.", "Coupon": "2.350%",
        "Frequency": "Monthly", "Maturity": "2022-11-15", "First call": "2020-11-15",
        "Call prot. (years)": "0.96", "SO": "Yes", "Price": "100.000%", "Conc.": "1.125%",
        "YTM": "2.350%", "YTW": "2.350%", "YTM BEY": "2.362%", "YTW BEY": "2.362%",
        "Workout": "2022-11-15", "Settle": "2019-11-29", "Document": "ally-213.txt", "Notes": "",
    }  # fmt: skip


def test_yields_not_computed_yet_are_pending() -> None:
    table = CompareTable.of([("ally", ALLY)])
    texts = cells(table.rows[0], None)
    yields = {"YTM", "YTW", "YTM BEY", "YTW BEY", "Workout"}
    assert {h for h, t in zip(HEADINGS, texts, strict=True) if t == PENDING} == yields
    assert "" not in [t for h, t in zip(HEADINGS, cells(table.rows[0], None, pending=""), strict=True)
                      if h not in yields | {"Notes"}]  # fmt: skip


def test_a_note_that_cannot_be_priced_says_why() -> None:
    # 02006DTT8 matured 2022-11-15: at a 2023-06-01 settle date it has no yields, and says so
    table = CompareTable.of([("ally", ALLY)], settle_date=date(2023, 6, 1))
    table.compute()
    assert [_cell(table, 0, h) for h in ("YTM", "YTW BEY", "Workout")] == ["—", "—", "—"]
    notes = _cell(table, 0, "Notes")
    assert notes.startswith("Not priced: settle date 2023-06-01 is out of range")
    assert _cell(table, 0, "Call prot. (years)") == "0.00"  # the first call has passed
    assert _cell(table, 1, "Notes") == "" and _cell(table, 1, "YTW") != "—"


def test_coupon_and_call_texts_of_a_zero_coupon_note() -> None:
    table = CompareTable.of([("jh.txt", JOHN_HANCOCK)])
    zero = next(i for i, r in enumerate(table.rows) if r.cusip == "41013MBT6")
    assert [_cell(table, zero, h) for h in ("Coupon", "Frequency", "First call", "Price")] == [
        "Zero", "At maturity", "2007-10-15", "50.000%"]  # fmt: skip


def test_sorting_every_column_keeps_every_row_and_puts_pending_last() -> None:
    table = CompareTable.of([("b", ALLY), ("a", JOHN_HANCOCK)])
    table.compute([0, 1])  # the Ally rows only
    n = len(table)
    for column in range(len(COMPARE_COLUMNS)):
        for descending in (False, True):
            got = order(table, column, descending)
            assert sorted(got) == list(range(n))
            values = [sort_value(table, i, column) for i in got]
            present = [v for v in values if v is not None]
            assert values[: len(present)] == present  # rows without a value last
            assert present == sorted(present, reverse=descending)
    assert order(table, DEFAULT_COLUMN, True)[:2] == [1, 0]  # 2.614% BEY before 2.362%


def test_notes_column_sorts_by_its_text() -> None:
    table = CompareTable.of([("ally", ALLY)], settle_date=date(2023, 6, 1))
    table.compute()
    notes = next(i for i, c in enumerate(COMPARE_COLUMNS) if c.heading == "Notes")
    assert sort_value(table, 1, notes) is None  # no notes: last either way
    assert order(table, notes, False) == [0, 1] and order(table, notes, True) == [0, 1]


def test_the_filter_matches_as_the_offerings_tree_does() -> None:
    table = CompareTable.of([("/docs/ally-213.txt", ALLY), ("jh.txt", JOHN_HANCOCK)])
    texts = [row_search_text(row) for row in table.rows]

    def matching(typed: str) -> list[str]:
        words = filter_words(typed)
        return [table.rows[i].cusip for i, text in enumerate(texts) if holds_words(text, words)]

    assert matching("ALLY 2024") == ["02006DTU5"]  # words in any order, any case
    assert matching("ally-213") == ["02006DTT8", "02006DTU5"]  # the document's file name
    assert matching("2.350%") == ["02006DTT8"]
    assert matching("") == [r.cusip for r in table.rows]


def test_the_copied_table() -> None:
    table = CompareTable.of([("ally", ALLY)])
    table.compute([1])
    lines = tsv(table, [1, 0]).splitlines()
    assert lines[0].split("\t") == HEADINGS
    first = lines[1].split("\t")
    assert first[:4] == ["02006DTU5", "Ally Financial Inc.", "2.600%", "Monthly"]
    assert first[HEADINGS.index("YTW BEY")] == "2.614%"
    assert lines[2].split("\t")[HEADINGS.index("YTW")] == ""  # not computed yet: an empty cell
    assert len(lines) == 3 and all(line.count("\t") == len(HEADINGS) - 1 for line in lines)
    page = html_table(table, [1, 0])
    assert page.startswith("<table><thead><tr><th>CUSIP</th>") and page.count("<tr>") == 3
    assert "<td>2.614%</td>" in page and "<th>Call prot. (years)</th>" in page


def test_a_note_without_a_cusip() -> None:
    # a form-layout supplement may print no CUSIP (Note.cusip_shown)
    from dataclasses import replace

    offering = replace(ALLY, notes=(replace(ALLY.notes[0], cusip=""),))
    table = CompareTable.of([("form.txt", offering)])
    assert _cell(table, 0, "CUSIP") == "(no CUSIP)"


def test_a_note_callable_on_unknown_terms_shows_no_yield_to_worst_and_sorts_last() -> None:
    """Prudential InterNotes 2014 (tests/data/supplements), 74432RAC7 4.600% to 2029-06-15,
    "Subject to our redemption right" with the terms in the prospectus: its yield to worst would
    be only its yield to maturity (4.600% at par, `calc --json` worst_basis maturity-calls-unknown),
    so the worst columns say n/a and the default sort (worst BEY, descending) puts it last, below
    the 3.272% and 2.156% of its two neighbours, though its 4.600% to maturity is the highest."""
    from pathlib import Path

    from app.sources import load_path

    path = Path(__file__).parents[1] / "data" / "supplements" / "prudential-internotes-2014.html"
    table = CompareTable.of([(str(path), load_path(str(path))[0])])
    for i in range(len(table)):
        table.yields(i)
    i = next(i for i, row in enumerate(table.rows) if row.cusip == "74432RAC7")
    assert table.known(i).calls_unknown  # type: ignore[union-attr]
    assert _cell(table, i, "YTM") == "4.600%"
    for heading in ("YTW", "YTW BEY", "Workout"):
        assert _cell(table, i, heading) == "n/a", heading
        assert sort_value(table, i, HEADINGS.index(heading)) is None
    assert order(table, DEFAULT_COLUMN, True)[-1] == i
