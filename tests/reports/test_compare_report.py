"""The comparison as CSV and as text cells (a window's export and "copy as table")."""

from __future__ import annotations

import csv
import io
from datetime import date

from app.domain.compare import CompareTable
from app.reports.compare_report import CSV_COLUMNS, HEADINGS, render_csv, text_cells
from tests.offerings import ALLY


def test_compare_csv_and_text_cells() -> None:
    table = CompareTable.of([("ally", ALLY)], settle_date=date(2023, 6, 1))
    table.compute()
    order = table.order("worst_bey_pct", descending=True)
    data = render_csv(table, order)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["cusip"] for r in rows] == ["02006DTU5", "02006DTT8"]
    assert rows[0]["worst_pct"] == str(table.yields(1).worst_pct) and rows[0]["callable"] == "true"
    assert rows[1]["worst_pct"] == "" and "out of range" in rows[1]["warnings"]
    cells = text_cells(table.rows[1], table.yields(1))
    assert len(cells) == len(HEADINGS) and cells[0] == "02006DTU5" and cells[3] == "2.600%"
