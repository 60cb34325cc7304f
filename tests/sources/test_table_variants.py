"""The pieces that read the real variants of table supplements and rate sheets (documents.md §1,
§4), as tables of printed cells and what they mean."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.sources import footnotes, sniff, step_notes, transposed, values
from app.sources.grid import Row, as_cusip, join_header_rows
from app.sources.tables import read_rows
from app.sources.vocabulary import Field, field_of


@pytest.mark.parametrize(
    ("cell", "cusip"),
    [
        ("02006DTT8", "02006DTT8"),  # the sample
        ("149123 BP5", "149123BP5"),  # documents.md §1: printed with a space
        ("14912H PQ7", "14912HPQ7"),
        ("171239AK2 / US171239AK24", "171239AK2"),  # beside its ISIN (Chubb INA 2024)
        ("171239AK2/US171239AK24", "171239AK2"),
        ("171239AK2 / US40429XD942", None),  # an ISIN of another CUSIP
        ("02006DTT", None),
        ("CUSIP", None),
    ],
)
def test_cusip_cells(cell: str, cusip: str | None) -> None:
    assert as_cusip(cell) == cusip


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("CUSIP or Common Code:", Field.CUSIP),  # John Hancock SignatureNotes 2002
        ("CUSIP / ISIN", Field.CUSIP),
        ("Callable by Issuer:", Field.CALLABLE),
        ("Callable", Field.CALLABLE),  # Cat Financial rate sheet 2008
        ("Interest", Field.FREQUENCY),  # the rate sheet's "Monthly(†)" column
        ("Price*", Field.PRICE),
        ("Yield**", Field.YIELD),
        ("Implicit Rate:", Field.YIELD),
        ("Price to Public:", Field.PRICE),
        ("Agent's Discount:", Field.CONCESSION),
        ("First Interest Payment Amount:", Field.FIRST_COUPON_AMOUNT),
        ("Moody's", None),
        ("S&P", None),
        ("Price1", Field.PRICE),  # a <sup>1</sup> glued to the header (Caterpillar rate sheets 2008)
        ("Yield2", Field.YIELD),
        ("Stated Annual Interest Rate:", Field.COUPON_RATE),  # John Hancock SignatureNotes 2002
        ("First Payment Date:", Field.FIRST_COUPON_DATE),
        ("Fixed Rate Note CUSIP Number", Field.CUSIP),  # John Deere Capital InterNotes 2014–2017
        ("CUSIP 12345", None),
        ("1st Coupon Date", Field.FIRST_COUPON_DATE),
        (
            "If Callable by Issuer, dates and terms of redemption (including the redemption price)",
            Field.REDEMPTION,
        ),
    ],
)
def test_headers_of_the_variants(header: str, field: Field | None) -> None:
    assert field_of(header) is field


FORD_TOP = ["CUSIP", "", "Gross", "Net", "Principal", "Coupon", "Coupon", "Coupon", "Maturity", "1st Coupon"]
FORD_BOTTOM = ["Number", "Selling Price", "Concession", "Proceeds", "Amount", "Type", "Rate", "Frequency",
               "Date", "Date"]  # fmt: skip
FORD_ROW = ["345397WA7", "100.000%", "0.625%", "$2,701,012.50", "$2,718,000.00", "FIXED", "3.000%",
            "SEMI-ANNUAL", "10/15/14", "04/15/12"]  # fmt: skip


def test_header_split_over_two_rows_is_joined_column_by_column() -> None:
    """Ford Credit 2011: header words split over two rows, the top cell over "Selling Price" empty."""
    rows = join_header_rows([Row(1, FORD_TOP), Row(2, FORD_BOTTOM), Row(3, FORD_ROW)])
    assert [r.line for r in rows] == [1, 3]
    assert rows[0].cells[:3] == ["CUSIP Number", "Selling Price", "Gross Concession"]
    records, warnings = read_rows([Row(1, FORD_TOP), Row(2, FORD_BOTTOM), Row(3, FORD_ROW)])
    assert warnings == []
    assert records[0].values[Field.PRICE] == "100.000%"
    assert records[0].values[Field.COUPON_TYPE] == "FIXED"
    assert records[0].values[Field.FIRST_COUPON_DATE] == "04/15/12"


def test_a_header_repeated_over_itself_is_not_joined() -> None:
    header = ["CUSIP Number", "Coupon Rate", "Maturity Date"]
    assert join_header_rows([Row(1, header), Row(2, header)]) == [Row(1, header), Row(2, header)]


JH = [
    Row(10, ["CUSIP or Common Code:", "41013MBS8", "41013MBT6"]),
    Row(11, ["Price to Public:", "100.000%", "50.000%"]),
    Row(12, ["Interest Rate:", "5.750%", "Zero Coupon"]),
    Row(13, ["Maturity Date:", "10/15/17", "04/15/15"]),
    Row(14, ["Callable by Issuer:", "Yes*", "No"]),
    Row(15, ["", "on any interest", ""]),  # a value wrapped onto a second line
    Row(16, ["CUSIP or Common Code:", "41013MBU3"]),
    Row(17, ["Maturity Date:", "10/15/22"]),
]


def test_transposed_blocks_become_tables() -> None:
    """John Hancock SignatureNotes 2002: one column per CUSIP, a second block with its own labels."""
    rows = transposed.expand(JH)
    assert [r.cells for r in rows] == [
        [
            "CUSIP or Common Code:",
            "Price to Public:",
            "Interest Rate:",
            "Maturity Date:",
            "Callable by Issuer:",
        ],
        ["41013MBS8", "100.000%", "5.750%", "10/15/17", "Yes* on any interest"],
        ["41013MBT6", "50.000%", "Zero Coupon", "04/15/15", "No"],
        ["CUSIP or Common Code:", "Maturity Date:"],
        ["41013MBU3", "10/15/22"],
    ]
    assert rows[2].where == "line 10, column 3"


@pytest.mark.parametrize(
    ("cell", "marks"),
    [
        ("Monthly(†)", ["†"]),  # Cat Financial rate sheet 2008
        ("6/15/10***", ["***"]),
        ("YES§", ["§"]),
        ("YES§†", ["§", "†"]),
        ("Option(1)", ["1"]),
        ("Option¹", ["1"]),
        ("5.308%", []),
        ("A2", []),
    ],
)
def test_footnote_marks_in_cells(cell: str, marks: list[str]) -> None:
    assert footnotes.marks(cell) == marks


def test_footnotes_under_a_table() -> None:
    prose = (
        "(†) Interest on the monthly notes is paid on the 15th day of each month.\n"
        "*** Callable at 100% on the date shown and annually thereafter\n"
        "with 30 calendar days' notice.\n"
        "\n"
        "* Price to public.\n"
        "(1) Subject to the limits in the prospectus supplement.\n"
        "The notes are unsecured.\n"
    )
    notes = footnotes.read(prose)
    assert (
        notes["***"]
        == "Callable at 100% on the date shown and annually thereafter with 30 calendar days' notice."
    )
    assert notes["*"] == "Price to public."
    assert notes["1"] == "Subject to the limits in the prospectus supplement. The notes are unsecured."
    assert footnotes.of_cell("6/15/10***", notes) == [notes["***"]]
    assert footnotes.of_cell("6/15/10**", notes) == []  # no "**" footnote


@pytest.mark.parametrize(
    ("cell", "note", "schedule"),
    [
        (
            "4.25% to 4.85%",
            "Initial Coupon 4.25% steps to 4.85% on 7/15/05",
            "4.25% to 7/15/05, 4.85% thereafter",
        ),
        (
            "4.00% to 5.00%",
            "Initial Coupon 4.00% steps to 4.50% on 7/15/06 and to 5.00% on 7/15/08.",
            "4.00% to 7/15/06, 4.50% to 7/15/08, 5.00% thereafter",
        ),
        ("4.25% to 4.85%", "Initial Coupon 4.25% steps to 4.95% on 7/15/05", None),  # another note's
        ("4.25%", "Initial Coupon 4.25% steps to 4.85% on 7/15/05", None),
    ],
)
def test_step_dates_from_the_note_under_the_table(cell: str, note: str, schedule: str | None) -> None:
    assert step_notes.schedule(cell, f"The notes.\n{note}\nOffering Dates: ...") == schedule


@pytest.mark.parametrize(
    ("cell", "placeholder", "not_applicable"),
    [
        ("[]", True, False),
        ("[—]", True, False),
        ("- - - -", True, False),  # documents.md §1: preliminary placeholders
        ("$ - - - -", True, False),
        ("N/A", False, True),
        ("Not applicable", False, True),
        ("—", False, True),
        ("-1,000", False, False),
        ("100.000%", False, False),
    ],
)
def test_placeholders_and_not_applicable(cell: str, placeholder: bool, not_applicable: bool) -> None:
    assert (values.is_placeholder(cell), values.not_applicable(cell)) == (placeholder, not_applicable)


def test_placeholder_dates_mark_a_preliminary() -> None:
    with pytest.raises(values.Placeholder):
        values.parse_date("- - - -")
    assert values.parse_date("10/15/07") == date(2007, 10, 15)
    assert values.parse_percent("4.25 %") == Decimal("4.25")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "the file is empty"),
        (b"CUSIP Number | Coupon Rate\n", None),
        ("Survivor’s Option".encode("utf-16"), None),  # UTF-16 text is text
        (bytes(range(256)), "the file is a binary file, not an offering document"),
        (b"\x00" + b"CUSIP Number | Coupon Rate\n" * 20, None),  # one damaged byte: still text
    ],
)
def test_what_a_file_is(data: bytes, what: str | None) -> None:
    from app.sources.decode import is_utf16

    assert sniff.not_a_document(data, wide_text=is_utf16(data)) == what


STEP_TABLE = """Settle Date: Thursday, July 8, 2004

| CUSIP Number | Coupon Type | Coupon Rate | Coupon Frequency | Maturity Date | 1st Coupon Date |
|---|---|---|---|---|---|
| 06050XJY0 | Step | 4.25% to 4.85% | Semi-Annual | 07/15/2009 | 01/15/2005 |
"""


def test_a_rate_range_without_its_note_says_what_is_missing() -> None:
    from app.sources import load_bytes

    offering, warnings = load_bytes(STEP_TABLE.encode(), "step.md")
    note = offering.note("06050XJY0")
    assert note is not None and note.coupon_rate_pct is None and note.steps == ()
    missing = "06050XJY0: the rate steps 4.25% to 4.85%, but no note under the table gives the step date"
    assert any(w.message == missing for w in warnings)
    with_note = STEP_TABLE + "\nInitial Coupon 4.25% steps to 4.85% on 7/15/05\n"
    note = load_bytes(with_note.encode(), "step.md")[0].note("06050XJY0")
    assert note is not None and [s.rate_pct for s in note.steps] == [Decimal("4.25"), Decimal("4.85")]


def _as_html_table(text: str) -> str:
    """The transposed .txt golden as EDGAR HTML: its blocks as table rows (a cell per value),
    each paragraph of the rest as a <p>."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if lines and "CUSIP or Common Code:" in lines[0]:
            rows = (
                "".join(f"<td>{c.strip()}&nbsp;</td>" for c in line.split("  ") if c.strip())
                for line in lines
            )
            out.append("<table border='0'>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")
        elif lines:
            out.append("<p>" + " ".join(line.strip() for line in lines) + "</p>")
    return "<html><body>" + "\n".join(out) + "</body></html>"


def test_a_transposed_html_table_reads_as_the_text_one() -> None:
    from pathlib import Path

    from app.sources import load_bytes, load_path

    golden = (
        Path(__file__).resolve().parents[1]
        / "data"
        / "supplements"
        / "john-hancock-signaturenotes-2002-transposed.txt"
    )
    html = _as_html_table(golden.read_text(encoding="utf-8"))
    assert "<td>CUSIP or Common Code:&nbsp;</td><td>41013MBP4&nbsp;</td>" in html
    offering, warnings = load_bytes(html.encode(), "jh.html")
    expected, expected_warnings = load_path(golden)
    assert offering.notes == expected.notes
    assert [w.message for w in warnings] == [w.message for w in expected_warnings]


CHUBB_TERM_SHEET = [  # documents.md §2: a pricing term sheet is a label/value table, not transposed
    Row(1, ["Issuer:", "Chubb INA Holdings LLC"]),
    Row(2, ["Trade Date:", "March 4, 2024"]),
    Row(3, ["Settlement Date:", "March 7, 2024 (T+3)"]),
    Row(4, ["Maturity Date:", "March 15, 2034"]),
    Row(5, ["Coupon:", "5.000%"]),
    Row(6, ["Price to Public:", "99.648% of the principal amount"]),
    Row(7, ["Yield to Maturity:", "5.045%"]),
    Row(8, ["CUSIP/ISIN:", "171239AK2 / US171239AK24"]),
]


def test_a_term_sheet_is_left_to_the_term_sheet_reader() -> None:
    assert not transposed.holds_block(CHUBB_TERM_SHEET)
    assert transposed.expand(CHUBB_TERM_SHEET) == CHUBB_TERM_SHEET
    two_tranches = [Row(r.line, [*r.cells, r.cells[1]]) for r in CHUBB_TERM_SHEET]
    assert not transposed.holds_block(two_tranches)
    assert transposed.holds_block(JH)


def test_a_document_of_zeros_is_read_as_the_zero_coupon_family() -> None:
    """documents.md §5 (John Hancock 2002, 41013MBT6): every note a zero → offering.family."""
    from app.domain.model import CouponType, DocumentFamily, Frequency, YieldBasis
    from app.sources import load_bytes

    text = (
        "Issue Date: October 29, 2002\n\n"
        "| CUSIP | Price to Public | Interest Rate | Maturity Date | Implicit Rate |\n|---|---|---|---|---|\n"
        "| 41013MBT6 | 50.000% | Zero Coupon | 04/15/2015 | 5.641% |\n"
    )
    offering, warnings = load_bytes(text.encode(), "zeros.md")
    assert offering.family is DocumentFamily.ZERO_COUPON and warnings == []
    zero = offering.notes[0]
    assert (zero.coupon_type, zero.frequency, zero.coupon_rate_pct) == (
        CouponType.ZERO,
        Frequency.AT_MATURITY,
        None,
    )
    assert zero.printed_yield is not None and zero.printed_yield.basis is YieldBasis.BOND_EQUIVALENT
