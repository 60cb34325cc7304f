"""Golden supplements: each document loads to exactly the offering file stored beside it.

Regenerate on purpose only: ``TERMSHEET_REGEN_GOLDEN=1 pytest tests/sources/test_golden_supplements.py``.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.schedule import first_coupon_per_1000
from app.sources import load_path, offering_json

DATA = Path(__file__).resolve().parents[1] / "data" / "supplements"
DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md", ".html", ".pdf"})
REGEN_FLAG = "TERMSHEET_REGEN_GOLDEN"


def expected_path(doc: Path) -> Path:
    """``name.ext`` → ``name.ext.expected.json`` beside it."""
    return doc.with_name(doc.name + ".expected.json")


def regenerate() -> bool:
    """True only when the expected files are to be rewritten on purpose."""
    return os.environ.get(REGEN_FLAG) == "1"


def test_enough_layouts() -> None:
    assert len(DOCS) >= 8
    assert {p.suffix for p in DOCS} >= {".txt", ".md", ".html", ".pdf"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_document_loads_to_its_expected_offering_file(doc: Path) -> None:
    offering, warnings = load_path(doc)
    actual = offering_json.dumps(offering, warnings)
    expected = expected_path(doc)
    if regenerate():
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no {expected.name}; create it with {REGEN_FLAG}=1"
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_expected_offering_file_loads_back(doc: Path) -> None:
    offering, warnings = load_path(expected_path(doc))
    assert (offering, warnings) == load_path(doc)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_first_coupon_cross_check(doc: Path) -> None:
    """Every printed 1st coupon amount reproduces within $0.01 (domain.md, 30/360)."""
    offering, _ = load_path(doc)
    for note in offering.notes:
        assert note.first_coupon_amount is not None, note.cusip
        computed = first_coupon_per_1000(note)
        assert computed is not None
        assert abs(computed - note.first_coupon_amount) <= Decimal("0.01"), note.cusip


# domain.md "Check values": CUSIP, settle, first coupon date, printed amount per $1,000.
CHECK_VALUES = [
    ("ally-213-pipe.txt", "02006DTT8", date(2019, 11, 29), date(2019, 12, 15), "1.04"),
    ("ally-213-pipe.txt", "02006DTU5", date(2019, 11, 29), date(2019, 12, 15), "1.16"),
    ("cfc-internotes-2011-one-line.txt", "63743FNE2", date(2011, 8, 18), date(2011, 9, 15), "2.14"),
    ("cfc-internotes-2018-columns.txt", "63743FF68", date(2018, 2, 15), date(2018, 3, 15), "2.83"),
    ("hsbc-internotes-2010-two-groups.md", "40429XXN1", date(2010, 7, 9), date(2011, 1, 15), "20.15"),
]


@pytest.mark.parametrize(("name", "cusip", "settle", "first", "amount"), CHECK_VALUES)
def test_domain_check_values(name: str, cusip: str, settle: date, first: date, amount: str) -> None:
    offering, _ = load_path(DATA / name)
    note = offering.note(cusip)
    assert note is not None and note.cusip_valid
    assert (note.issue_date, note.first_coupon_date) == (settle, first)
    assert note.first_coupon_amount == Decimal(amount) == first_coupon_per_1000(note)


def test_cfc_net_proceeds() -> None:
    """domain.md: $1,185,000 at 100% less 1.550% concession nets $1,166,632.50."""
    offering, _ = load_path(DATA / "cfc-internotes-2011-one-line.txt")
    note = offering.note("63743FNE2")
    assert note is not None
    assert note.principal_amount == Decimal("1185000.00")
    assert note.net_proceeds == Decimal("1166632.50")
