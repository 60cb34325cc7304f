"""Failure behaviour of the loaders: bad rows become warnings naming the line, files without an
offering raise ``SourceError`` naming the file, oversize files are refused, nothing is fetched."""

from __future__ import annotations

import socket
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import SourceError, TermSheetError
from app.paths import sample_path
from app.sources import MAX_BYTES, load_bytes, load_path
from app.sources.assemble import NO_SETTLE

ALLY = sample_path().read_text(encoding="utf-8")
ROW_1 = "| 02006DTT8 | [] | 100.00 % | 1.125 % | [] | Fixed | 2.350 % | Monthly | 11/15/2022 |"


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_unreadable_row_is_a_warning_naming_its_line_and_the_rest_loads() -> None:
    text = ALLY.replace("| Monthly | 11/15/2022 |", "| Monthly | 13/45/2022 |")
    offering, warnings = load_bytes(text.encode(), "ally.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTU5"]
    line = _line_of(text, "02006DTT8")
    assert any(w.where == f"line {line}" and "02006DTT8" in w.message for w in warnings)
    assert any("maturity date" in w.message for w in warnings)


def test_mangled_cusip_row_is_skipped_with_a_warning() -> None:
    text = ALLY.replace("| 02006DTT8 |", "| 02006DTT |")
    offering, warnings = load_bytes(text.encode(), "ally.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTU5"]
    assert warnings[0].where == f"line {_line_of(text, '02006DTT ')}"
    assert "not a valid CUSIP" in warnings[0].message


def test_a_redemption_line_after_a_skipped_row_is_not_given_to_another_note() -> None:
    text = ALLY.replace("| 02006DTT8 |", "| garbage |")
    offering, warnings = load_bytes(text.encode(), "ally.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTU5"]
    assert any("no CUSIP row above" in w.message for w in warnings)


def test_repeated_cusip_keeps_the_first_row() -> None:
    row = next(line for line in ALLY.split("\n") if line.startswith("| 02006DTU5"))
    offering, warnings = load_bytes(ALLY.replace(row, row + "\n" + row).encode(), "ally.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTT8", "02006DTU5"]
    assert any("repeated" in w.message for w in warnings)


def test_check_digit_failure_loads_with_a_warning() -> None:
    offering, warnings = load_bytes(ALLY.replace("02006DTT8", "02006DTT9").encode(), "ally.txt")
    note = offering.note("02006DTT9")
    assert note is not None and not note.cusip_valid
    assert any(w.where == "02006DTT9" and "check digit" in w.message for w in warnings)


def test_placeholders_mark_the_offering_preliminary() -> None:
    text = ALLY.replace("Preliminary Pricing Supplement", "Pricing Supplement")
    offering, _ = load_bytes(text.encode(), "ally.txt")
    assert offering.document == "Pricing Supplement No. 213"
    assert offering.preliminary is True
    assert offering.notes[0].principal_amount is None and offering.notes[0].net_proceeds is None


def test_a_table_without_a_settle_date_loads_and_says_so_once() -> None:
    """Household Finance's 2002 InterNotes supplements print a 1st coupon date but no settle or
    issue date: the notes load (the calculator asks for the settle date), said once."""
    text = ALLY.replace("Settle Date: Friday, November 29, 2019", "")
    offering, warnings = load_bytes(text.encode(), "ally.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTT8", "02006DTU5"]
    assert offering.settle_date is None and all(n.issue_date is None for n in offering.notes)
    assert [w.message for w in warnings if "no settle" in w.message] == [NO_SETTLE]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "the file is empty"),
        (b"Just a letter.\nNothing to see.\n", "no note table"),
        (b"\x00\x01\x02\xff\xfe binary", "the file is a binary file, not an offering document"),
        (b"%PDF-1.4\n%broken\n", "PDF cannot be read"),
        (b"<html><body><p>No table here</p></body></html>", "no note table"),
    ],
    ids=["empty", "letter", "binary", "broken-pdf", "html-no-table"],
)
def test_no_offering_raises_naming_the_file(data: bytes, why: str) -> None:
    with pytest.raises(SourceError) as err:
        load_bytes(data, "supplement-42.txt")
    assert str(err.value).startswith("supplement-42.txt")
    assert why in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"missing\.txt"):
        load_path(tmp_path / "missing.txt")


def test_over_50_mb_is_refused_in_the_unit_it_is_measured_in(tmp_path: Path) -> None:
    """Issue 14: the limit was 50 MiB while the message divided by 10^6 ("52 MB" accepted)."""
    assert MAX_BYTES == 50_000_000
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(SourceError, match=r"big\.txt: the document is 50\.1 MB; the limit is 50 MB$"):
        load_path(big)
    with pytest.raises(SourceError, match=r"is 52\.5 MB; the limit is 50 MB$"):
        load_bytes(b" " * 52_428_800, "big.txt")  # 50 MiB: refused, as its 52.4 MB says


def test_exactly_the_limit_is_read(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="file holds only blank space"):
        load_bytes(b" " * MAX_BYTES, "big.txt")  # past the size check, refused for what it is


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000") + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 16 + b"notes.txt" + b"\x00" * 32
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"\x00" * 16 + b"[Content_Types].xml" + b"word/document.xml"
XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"\x00" * 16 + b"[Content_Types].xml" + b"xl/workbook.xml"
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\t\n", "the file holds only blank space"),
        (JPEG, "the file is a JPEG image, not an offering document"),
        (PNG, "the file is a PNG image, not an offering document"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "the file is a GIF image, not an offering document"),
        (ZIP, "the file is a ZIP archive, not an offering document"),
        (DOCX, "the file is a Word document (.docx), not an offering document"),
        (XLSX, "the file is an Excel workbook (.xlsx), not an offering document"),
        (OLE, "the file is a Microsoft Office 97-2003 file (Word, Excel), not an offering document"),
        (bytes(range(256)) * 4, "the file is a binary file, not an offering document"),
    ],
    ids=["empty", "blank", "jpeg", "png", "gif", "zip", "docx", "xlsx", "ole", "binary"],
)
def test_a_file_that_is_no_document_is_named_for_what_it_is(data: bytes, message: str) -> None:
    """Issue 14 item 8: each of these was refused with "no note table with a CUSIP column"."""
    with pytest.raises(SourceError) as err:
        load_bytes(data, "renamed.txt")
    assert str(err.value) == f"renamed.txt: {message}"


def test_utf16_text_is_not_taken_for_binary() -> None:
    offering, _ = load_bytes(ALLY.encode("utf-16-le"), "ally-utf16.txt")
    assert [n.cusip for n in offering.notes] == ["02006DTT8", "02006DTU5"]


def test_only_termsheet_errors_escape_for_odd_input() -> None:
    for data in (b"|" * 10_000, b"| CUSIP | Coupon Rate | Maturity Date |\n" * 500, b"<" * 5000):
        with pytest.raises(TermSheetError):
            load_bytes(data, "odd.txt")


EVIL_HTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/remote.txt">
]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head>
<script>throw new Error("never run")</script>
<link rel="stylesheet" href="http://127.0.0.1:9/style.css"></head><body>
<xi:include href="http://127.0.0.1:9/include.xml"/>
<p>Issuer: &secret; &remote;</p>
<p>Settle Date: November 29, 2019</p>
<table><tr><th>CUSIP Number</th><th>Coupon Rate</th><th>Coupon Frequency</th>
<th>Maturity Date</th><th>Product Ranking</th></tr>
<tr><td>02006DTT8</td><td>2.350%</td><td>Monthly</td><td>11/15/2022</td><td>&secret;</td></tr>
</table><img src="http://127.0.0.1:9/pixel.png"></body></html>
"""


def test_html_fetches_nothing_and_resolves_no_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    offering, _ = load_bytes(EVIL_HTML.encode(), "evil.html")
    assert offering.notes[0].cusip == "02006DTT8"
    assert "root:" not in repr(offering)


def test_html_with_a_control_character_reference_loads() -> None:
    """ "&#1;" parses to a control character that lxml refuses to store back: it was an internal
    error (found by fuzzing the rate sheet); now a space."""
    html = EVIL_HTML.replace("Settle Date:", "Settle&#1; Date&#31;:").replace("<td>2.350%", "<td>&#1;2.350%")
    offering, _ = load_bytes(html.encode(), "control.html")
    assert offering.notes[0].coupon_rate_pct == Decimal("2.350")
