"""Layouts and encodings beyond the golden files: every variant loads to the same notes."""

from __future__ import annotations

import codecs
import contextlib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.model import CouponType
from app.sources import load_bytes, load_path, offering_json

DATA = Path(__file__).resolve().parents[1] / "data" / "supplements"
HSBC = DATA / "hsbc-internotes-2010-two-groups.md"
TEXT_DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md", ".html"})

ALIGNED_TWO_GROUPS = """HSBC Finance Corporation
Settle Date: Friday, July 9, 2010

CUSIP Number  Principal Amount  Selling Price  Gross Concession  Net Proceeds   Coupon Type  Coupon Rate  Coupon Frequency  Day Count Basis
40429XXN1     $3,214,000.00     100.000%       1.000%            $3,181,860.00  Fixed        3.900%       Semi-Annual       30/360
40429XXP6     $1,878,000.00     100.000%       1.600%            $1,847,952.00  Fixed        5.000%       Monthly           30/360

Maturity Date  1st Coupon Date  1st Coupon Amount  Survivor's Option  Product Ranking
07/15/2015     01/15/2011       $20.15             Yes                Senior Unsecured Notes
Redemption Information: Non-Callable
07/15/2020     08/15/2010       $5.00              Yes                Senior Unsecured Notes
Redemption Information: Callable at 100% on 7/15/2012 and Quarterly thereafter with 30 Calendar Days Notice.
"""  # noqa: E501


def _one_line(text: str) -> str:
    """The same document with every run of spaces collapsed (rows flattened by a PDF copy)."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


@pytest.mark.parametrize("text", [ALIGNED_TWO_GROUPS, _one_line(ALIGNED_TWO_GROUPS)])
def test_two_row_groups_in_plain_text(text: str) -> None:
    offering, warnings = load_bytes(text.encode(), "hsbc.txt")
    assert warnings == []
    assert offering.notes == load_path(HSBC)[0].notes


def _variants(data: bytes) -> dict[str, bytes]:
    text = data.decode("utf-8") if not data.startswith(b"\x00") else ""
    crlf = text.replace("\n", "\r\n")
    found = {
        "bom": codecs.BOM_UTF8 + data,
        "crlf": crlf.encode("utf-8"),
        "bom-crlf": codecs.BOM_UTF8 + crlf.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "curly": text.replace("Survivor's", "Survivor’s").replace("days'", "days’").encode(),
    }
    with contextlib.suppress(UnicodeEncodeError):
        found["cp1252"] = crlf.encode("cp1252")
    return found


@pytest.mark.parametrize("doc", [p for p in TEXT_DOCS if "cp1252" not in p.name], ids=str)
def test_encodings_and_newlines_give_the_same_offering(doc: Path) -> None:
    expected = load_path(doc)
    for kind, data in _variants(doc.read_bytes()).items():
        offering, warnings = load_bytes(data, doc.name)
        assert offering == expected[0], kind
        assert [w.message for w in warnings] == [w.message for w in expected[1]], kind


def test_cp1252_document_reads_curly_quotes() -> None:
    offering, _ = load_path(DATA / "caterpillar-2008-cp1252-crlf.txt")
    assert offering.notes[0].survivors_option is True
    assert offering.supplement_date is not None


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".json", ""])
def test_kind_comes_from_the_content_not_the_name(tmp_path: Path, suffix: str) -> None:
    expected = load_path(DATA / "prudential-internotes-2014.html")
    for source in ("prudential-internotes-2014.html", "ally-2021-final.pdf"):
        copy = tmp_path / f"supplement{suffix}"
        copy.write_bytes((DATA / source).read_bytes())
        offering, _ = load_path(copy)
        assert offering.notes
    copy.write_bytes((DATA / "prudential-internotes-2014.html").read_bytes())
    assert load_path(copy) == expected
    copy.write_text(offering_json.dumps(*expected), encoding="utf-8")
    assert load_path(copy) == expected


def test_markdown_escapes_and_broken_label_rows() -> None:
    text = (DATA / "ally-213-pipe.txt").read_text(encoding="utf-8")
    assert "\\$1.04" in text and "| Redemption Informa |" in text
    offering, _ = load_bytes(text.encode(), "ally.txt")
    assert [str(n.first_coupon_amount) for n in offering.notes] == ["1.04", "1.16"]
    assert all(n.redemption.first_call_date for n in offering.notes)


def test_multi_line_cells_are_joined() -> None:
    offering, _ = load_path(DATA / "deere-corenotes-2017-repeated-headers.md")
    first, second = offering.notes
    assert str(first.first_coupon_date) == "2018-04-15"
    assert str(second.first_coupon_date) == "2017-10-15"
    aligned, _ = load_path(DATA / "cfc-internotes-2018-columns.txt")
    assert [n.ranking for n in aligned.notes] == ["Senior Unsecured Notes"] * 2


AGENT_PRICE_AND_STEP_CELL = """Toyota Motor Credit Corporation
Settle Date: November 30, 2020

| CUSIP | Price to Public | Price to Purchasing Agent | Interest Rate | Interest Payment Frequency | Stated Maturity Date | 1st Interest Payment Date |
|---|---|---|---|---|---|---|
| 89236TAC9 | 100.000% | 98.500% | 1.000% to 11/30/2022, 1.500% to 11/30/2024, 2.250% thereafter | Quarterly | 11/30/2027 | 2/28/2021 |
"""  # noqa: E501


def test_concession_from_agent_price_and_steps_from_the_rate_cell() -> None:
    offering, warnings = load_bytes(AGENT_PRICE_AND_STEP_CELL.encode(), "toyota.md")
    note = offering.notes[0]
    assert warnings == []
    assert note.concession_pct == Decimal("1.500")
    assert note.coupon_type is CouponType.STEP and note.coupon_rate_pct == Decimal("1.000")
    assert [(str(s.from_date), str(s.rate_pct)) for s in note.steps] == [
        ("2020-11-30", "1.000"), ("2022-11-30", "1.500"), ("2024-11-30", "2.250"),
    ]  # fmt: skip
    assert note.rate_on(date(2023, 2, 28)) == Decimal("1.500")


def test_offering_file_values_are_kept_as_written() -> None:
    offering, warnings = load_path(DATA / "prudential-internotes-2014.html")
    curly = replace(offering, program="Prudential’s “InterNotes”\u00a0B")
    data = offering_json.dumps(curly, warnings).encode()
    assert load_bytes(data, "offering.json")[0].program == "Prudential’s “InterNotes”\u00a0B"


@pytest.mark.parametrize(
    ("name", "cusip"),
    [
        ("caterpillar-2008-cp1252-crlf.txt", "14912HPQ7"),  # whitespace-aligned columns
        ("cfc-internotes-2011-one-line.txt", "63743FNE2"),  # a row flattened onto one line
    ],
)
def test_a_cusip_printed_with_a_space_in_text_tables(name: str, cusip: str) -> None:
    """documents.md §1: CUSIPs printed with a space ("149123 BP5")."""
    data = (DATA / name).read_bytes()
    spaced = f"{cusip[:6]} {cusip[6:]} ".encode()
    assert cusip.encode() + b" " in data
    offering, _ = load_bytes(data.replace(cusip.encode() + b" ", spaced), name)
    assert offering.notes == load_path(DATA / name)[0].notes


def test_capitals_that_look_like_a_spaced_cusip_are_prose() -> None:
    text = (DATA / "caterpillar-2008-cp1252-crlf.txt").read_bytes() + b"\r\nNOTICE 123 OF REDEMPTION\r\n"
    offering, warnings = load_bytes(text, "cat.txt")
    assert [n.cusip for n in offering.notes] == ["14912HPQ7", "14912HPR5"]
    assert not any("NOTICE" in w.message for w in warnings)
