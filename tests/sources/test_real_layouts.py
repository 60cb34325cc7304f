"""Layouts of real EDGAR filings that the synthetic goldens missed, each in a document written
here (own issuer names and figures, consistent 30/360), with its source layout named: footnote
digits glued to headers, ``<p>`` paragraphs inside table cells, a header over three rows with
spacer columns, a table without any settle date, a term sheet's "Interest:" label."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import SourceError
from app.domain.model import DocumentFamily, Frequency, YieldBasis
from app.domain.schedule import first_coupon_per_1000
from app.sources import load_bytes
from app.sources.assemble import NO_SETTLE, PRICE_ASSUMED

D = date


def _cells(*cells: str) -> str:
    """A table row as EDGAR prints it: every cell's text in ``<p>`` paragraphs, no whitespace
    between them (the words of a cell are apart only by the paragraphs' edges)."""
    tds = "".join(
        "<td valign='top'>" + "".join(f"<p style='margin:0pt'>{p}</p>" for p in c.split("|")) + "</td>"
        if c
        else "<td>&nbsp;</td>"
        for c in cells
    )
    return f"<tr>{tds}</tr>"


# Caterpillar Financial PowerNotes weekly rate sheets (FWP, 2007–2008): "Price<sup>1</sup>" and
# "Yield<sup>2</sup>" in the header, footnote marks in the cells, no settle date anywhere.
RATE_SHEET = (
    "<html><body><p>Filed Pursuant to Rule 433</p><p>Northwind Financial Services Corporation</p>"
    "<table><tr><td>For the Period: 5/5/2008 to 5/12/2008</td></tr></table><table>"
    + _cells("Coupon", "Interest", "Maturity", "Callable", "Survivor's|Option", "Price<sup>1</sup>",
             "Yield<sup>2</sup>", "Moody's", "S&amp;P", "CUSIP")
    + _cells("4.400%", "Semi-Annual(&#134;&#134;&#134;)", "5/15/13", "NO", "YES&#167;", "100.00", "4.400%",
             "A2", "A", "66705QAA9")
    + _cells("5.200%", "Monthly(&#134;)", "5/15/18", "5/15/10***", "YES&#167;", "100.00", "5.257%", "A2",
             "A", "66705QAB7")
    + "</table><p>(&#134;) Interest paid monthly on the 15th.</p>"
    "<p>*** Callable at 100% on the date shown and semi-annually thereafter with 30 days notice.</p>"
    "<p><sup>1</sup> Price as a percentage of par. <sup>2</sup> Semi-annual bond equivalent yield.</p>"
    "</body></html>"
)  # fmt: skip


def test_footnote_digits_glued_to_a_rate_sheets_headers() -> None:
    offering, warnings = load_bytes(RATE_SHEET.encode(), "rate-sheet.htm")
    assert offering.family is DocumentFamily.RATE_SHEET
    semi, monthly = offering.notes
    assert (semi.cusip, semi.coupon_rate_pct, semi.frequency, semi.maturity_date) == (
        "66705QAA9", Decimal("4.400"), Frequency.SEMIANNUAL, D(2013, 5, 15)
    )  # fmt: skip
    assert (monthly.price_pct, monthly.frequency, monthly.survivors_option) == (
        Decimal("100.00"), Frequency.MONTHLY, True
    )  # fmt: skip
    assert monthly.redemption.first_call_date == D(2010, 5, 15)
    assert monthly.printed_yield is not None
    assert monthly.printed_yield.value_pct == Decimal("5.257")  # 5.200% monthly, bond-equivalent
    assert monthly.printed_yield.basis is YieldBasis.BOND_EQUIVALENT
    assert sum("no settle" in w.message for w in warnings) == 1


# Household Finance InterNotes pricing supplements (2002): the table wrapped into two row groups,
# every header cell two <p> paragraphs ("CUSIP" / "Number"), no selling price column, the
# redemption line under the table, and no settle or issue date printed anywhere.
TWO_GROUPS = (
    "<html><body><p>Northwind Finance Corporation</p><p>Pricing Supplement Number 17(a) Dated Monday, "
    "October 28, 2002</p><table>"
    + _cells("CUSIP|Number", "Principal|Amount", "Gross|Concession", "Net|Proceeds", "Coupon|Rate",
             "Coupon|Frequency", "Maturity|Date")
    + _cells("66705QAC5", "$2,000,000.00", ".300%", "$1,994,000.00", "6.900%", "Semi-Annual", "4/15/2004")
    + _cells("1st Coupon|Date", "1st Coupon|Amount", "Survivors|Option", "Product|Ranking", "Moodys|Rating",
             "S &amp; P|Rating")
    + _cells("4/15/2003", "$31.43", "YES", "Senior Unsecured Notes", "A2", "A-")
    + "</table><p>Redemption Information:Non-Callable</p></body></html>"
)  # fmt: skip


def test_two_row_groups_of_paragraph_cells_without_any_settle_date() -> None:
    offering, warnings = load_bytes(TWO_GROUPS.encode(), "two-groups.htm")
    (note,) = offering.notes
    assert (note.cusip, note.coupon_rate_pct, note.frequency) == (
        "66705QAC5",
        Decimal("6.900"),
        Frequency.SEMIANNUAL,
    )
    assert (note.maturity_date, note.first_coupon_date, note.first_coupon_amount) == (
        D(2004, 4, 15), D(2003, 4, 15), Decimal("31.43")
    )  # fmt: skip
    assert (note.price_pct, note.survivors_option, note.redemption.callable) == (Decimal(100), True, False)
    assert (offering.settle_date, note.issue_date) == (None, None)
    assert [w.message for w in warnings if w.where == "document"] == [NO_SETTLE, PRICE_ASSUMED]
    # 6.900% × 164/360 days of 30/360 from a November 1, 2002 settlement: the printed $31.43
    assert first_coupon_per_1000(replace(note, issue_date=D(2002, 11, 1))) == Decimal("31.43")


# John Deere Capital InterNotes pricing supplements (2014–2017): the header over three rows with
# empty spacer columns between ("Fixed" / "Rate Note CUSIP" / "Number"), and the payment-dates
# cell wrapped onto the rows above and below the CUSIP row.
THREE_ROWS = (
    "<html><body><p>NORTHWIND CAPITAL CORPORATION</p><p>Northwind InterNotes&reg;</p><table>"
    + _cells("Fixed", "", "", "", "Price to", "", "Fixed Interest", "", "", "", "", "", "", "", "")
    + _cells("Rate Note CUSIP", "", "Price to", "", "Purchasing", "", "Rate per", "", "Interest Payment", "",
             "Interest Payment", "", "Survivor&#146;s", "", "Stated")
    + _cells("Number", "", "Public (%)", "", "Agent (%)", "", "Annum (%)", "", "Frequency", "", "Dates", "",
             "Option", "", "Maturity Date")
    + _cells("", "", "", "", "", "", "", "", "", "", "April and October 15 of each", "", "", "", "")
    + _cells("66705QAD3", "", "100.000", "", "98.900", "", "2.375", "", "SEMI-ANNUAL", "", "year, beginning",
             "", "Yes", "", "October 15, 2023")
    + _cells("", "", "", "", "", "", "", "", "", "", "April 15, 2018", "", "", "", "")
    + "</table><p>Redemption Information: Non-Callable</p>"
    "<table><tr><td>Trade Date: Monday, October 2, 2017</td></tr>"
    "<tr><td>Settlement Date: Thursday, October 5, 2017</td></tr></table></body></html>"
)  # fmt: skip


def test_a_header_over_three_rows_with_spacer_columns() -> None:
    offering, warnings = load_bytes(THREE_ROWS.encode(), "three-rows.htm")
    (note,) = offering.notes
    assert (note.cusip, note.price_pct, note.concession_pct) == (
        "66705QAD3",
        Decimal("100.000"),
        Decimal("1.100"),
    )
    assert (note.coupon_rate_pct, note.frequency, note.survivors_option) == (
        Decimal("2.375"), Frequency.SEMIANNUAL, True
    )  # fmt: skip
    assert (note.issue_date, note.first_coupon_date, note.maturity_date) == (
        D(2017, 10, 5), D(2018, 4, 15), D(2023, 10, 15)
    )  # fmt: skip
    assert note.redemption.callable is False
    assert warnings == []


# Protective Life's pricing term sheets (2006): a fixed and a floating tranche one after the other
# under the same labels, the fixed one's rate and schedule in one "Interest:" value.
INTEREST_LABEL = (
    "<html><body><p>Pricing Term Sheet</p><p>Dated January 10, 2006</p><p>Rule 433</p><table>"
    + _cells("Designation:", "5.625% Senior Notes due 2016")
    + _cells("Principal Amount:", "$300,000,000")
    + _cells("Maturity:", "January 15, 2016")
    + _cells("Interest:", "5.625%, payable semiannually on January 15 and July 15 of each year, commencing "
             "July 15, 2006.")
    + _cells("Make Whole Call:", "Treasury Rate plus 25 basis points.")
    + _cells("Public Offering Price:", "99.81% of the principal amount thereof.")
    + _cells("Designation:", "Series A Floating Rate Senior Notes due 2010")
    + _cells("Principal Amount:", "$100,000,000")
    + _cells("Maturity:", "January 15, 2010")
    + _cells("Interest:", "Floating rate based on the three-month LIBOR rate plus 0.45%; reset quarterly, "
             "and payable quarterly on January 15, April 15, July 15 and October 15, commencing April 15, "
             "2006.")
    + _cells("Public Offering Price:", "100% of the principal amount thereof.")
    + _cells("Settlement:", "January 13, 2006")
    + "</table></body></html>"
)  # fmt: skip


def test_a_term_sheets_interest_label_holds_rate_and_schedule() -> None:
    offering, _ = load_bytes(INTEREST_LABEL.encode(), "interest-label.htm")
    (note,) = offering.notes  # the floating tranche is not loaded
    assert (note.coupon_rate_pct, note.frequency, note.price_pct) == (
        Decimal("5.625"), Frequency.SEMIANNUAL, Decimal("99.81")
    )  # fmt: skip
    assert (note.issue_date, note.first_coupon_date, note.maturity_date) == (
        D(2006, 1, 13), D(2006, 7, 15), D(2016, 1, 15)
    )  # fmt: skip
    assert note.redemption.make_whole is True and note.redemption.make_whole_spread_bps == Decimal(25)


# Toyota Motor Credit MTN pricing supplements in .txt (1995–2010): every payment listed as a date,
# the maturity two months after the last regular one, and "Redemption: Not Applicable".
LISTED_DATES = """\
Pricing Supplement dated January 8, 2007
                   NORTHWIND MOTOR CREDIT CORPORATION
              Medium-Term Notes, Series B - Fixed Rate
CUSIP: 66705QAE1
Principal Amount (in Specified Currency): $40,000,000
Issue Price: 100%
Trade Date: January 8, 2007
Original Issue Date: January 11, 2007
Stated Maturity Date: March 11, 2008
Interest Rate: 5.185% per annum
Interest Payment Dates: July 11, 2007, January 11, 2008 and at Maturity
Day Count Convention:
        [X] 30/360
        [ ] Actual/360
Redemption: Not Applicable
        Redemption Date(s):
Repayment: Not Applicable
"""


def test_payment_dates_listed_one_by_one_and_redemption_not_applicable() -> None:
    offering, _ = load_bytes(LISTED_DATES.encode(), "listed.txt")
    (note,) = offering.notes
    assert (note.cusip, note.coupon_rate_pct, note.frequency) == (
        "66705QAE1",
        Decimal("5.185"),
        Frequency.SEMIANNUAL,
    )
    assert (note.issue_date, note.first_coupon_date, note.maturity_date) == (
        D(2007, 1, 11), D(2007, 7, 11), D(2008, 3, 11)
    )  # fmt: skip
    assert note.redemption.callable is False
    assert first_coupon_per_1000(note) == Decimal("25.93")  # 5.185% × 180/360, a regular first period


# U.S. Bancorp final term sheets (FWP, 2011): "Benchmark Yield:" alone in its cell above the
# "Reoffer Yield:" the note is sold at, a redemption date as its own label and "on or after the
# Redemption Date at 100%" in the terms. Figures: 4.125% due 5/24/2021 at 99.619 → 4.172%.
REOFFER = (
    "<html><body><p>Filed Pursuant to Rule 433</p><table>"
    + _cells("Issuer:", "Northwind Bancorp")
    + _cells("Principal Amount:", "$1,000,000,000")
    + _cells("Pricing Date:", "May 19, 2011")
    + _cells("Settlement Date:", "May 24, 2011 (T+3)")
    + _cells("Maturity Date:", "May 24, 2021")
    + _cells("Redemption Date:", "April 23, 2021")
    + _cells("Redemption Terms:", "Redeemable in whole or in part on or after the Redemption Date at 100% of "
             "the principal amount of the notes (par), plus accrued and unpaid interest thereon.")
    + _cells("Coupon:", "4.125%")
    + _cells("Pricing Benchmark:", "UST 3.125% due May 15, 2021")
    + _cells("Benchmark Yield:", "3.202%")
    + _cells("Reoffer Yield:", "4.172%")
    + _cells("Price to Public:", "99.619%")
    + _cells("First Coupon Date:", "November 24, 2011")
    + _cells("Interest Payment Dates:", "Semiannually, on the 24th of May and November")
    + _cells("CUSIP:", "66705QAF8")
    + "</table></body></html>"
)  # fmt: skip


def test_a_benchmark_yield_alone_in_its_cell_is_not_the_notes_yield() -> None:
    offering, _ = load_bytes(REOFFER.encode(), "reoffer.htm")
    (note,) = offering.notes
    assert note.printed_yield is not None
    assert (note.printed_yield.value_pct, note.printed_yield.label) == (Decimal("4.172"), "Reoffer Yield")
    assert (note.redemption.first_call_date, note.redemption.price_pct) == (D(2021, 4, 23), Decimal(100))
    assert (note.first_coupon_date, note.price_pct) == (D(2011, 11, 24), Decimal("99.619"))


# Caterpillar Financial MTN pricing details (424(b)(3), 2011): labels with a parenthesis
# ("Price to Public (Issue Price):", "Settlement Date (Original Issue Date):"), a reopening whose
# first issue date is only in the principal amount's sentence, accrued interest in dollars.
# 2.05% on $250,000,000 from July 29 to October 4, 2011 (65 days of 30/360) = $925,347.22.
REOPENING = (
    "<html><body><p>PRICING SUPPLEMENT NO. 4</p><p>NORTHWIND FINANCIAL SERVICES CORPORATION</p><table>"
    + _cells("SUBJECT", "FINAL PRICING DETAILS")
    + _cells("Issuer:", "Northwind Financial Services Corporation")
    + _cells("Trade Date/Pricing Effective Time:", "September 29, 2011")
    + _cells("Settlement Date (Original Issue Date):", "October 4, 2011")
    + _cells("Maturity Date:", "August 1, 2016")
    + _cells("Principal Amount:", "$250,000,000. The notes offered hereby constitute a further issuance of, "
             "and "
             "will be consolidated with, the $750,000,000 aggregate principal amount of 2.05% Notes Due 2016 "
             "issued by us on July 29, 2011.")
    + _cells("Price to Public (Issue Price):", "100.438784%, plus accrued interest")
    + _cells("Accrued Interest:", "$925,347.22")
    + _cells("Coupon:", "2.05%")
    + _cells("Interest Payment Dates:", "Interest will be paid semi-annually on the 1st of each February and "
             "August of each year, commencing February 1, 2012 and ending on the Maturity Date")
    + _cells("CUSIP:", "66705QAG6")
    + "</table></body></html>"
)  # fmt: skip


def test_a_reopenings_first_issue_date_in_the_principal_amounts_sentence() -> None:
    offering, _ = load_bytes(REOPENING.encode(), "reopening.htm")
    (note,) = offering.notes
    assert (offering.trade_date, offering.settle_date) == (D(2011, 9, 29), D(2011, 10, 4))
    assert (note.issue_date, note.price_pct) == (D(2011, 7, 29), Decimal("100.438784"))
    assert note.printed_accrued_interest == Decimal("925347.22")
    assert note.principal_amount is not None
    accrued = note.principal_amount * note.coupon_rate_pct / 100 * 65 / 360  # type: ignore[operator]
    assert accrued.quantize(Decimal("0.01")) == note.printed_accrued_interest


# John Hancock SignatureNotes (2003–2004): a step-up's rate written in its cell, its call terms
# in the long "If Callable by Issuer, dates and terms of redemption (…)" row.
STEP_TRANSPOSED = (
    "<html><body><p>Pricing Supplement No. 116</p><p>Issue Date: 6/24/2004</p><table>"
    + _cells("CUSIP or Common Code:", "66705QAH4")
    + _cells("Price to Public:", "100.000%")
    + _cells("Maturity Date:", "6/15/2012")
    + _cells("Stated Annual Interest Rate:",
             "Step: 3.500%|through|6/14/2006,|and 6.500%|thereafter|(unless called)")
    + _cells("Interest Payment Frequency:", "Monthly")
    + _cells("First Payment Date:", "7/15/2004")
    + _cells("Survivor&#146;s Option:", "Yes")
    + _cells("Callable by Issuer:", "Yes")
    + _cells("If Callable by Issuer, dates and terms of redemption (including the redemption price)",
             "6/15/2006|Callable one|time only at|100% on|call date|above with|30 days notice.")
    + _cells("Original Issue Discount<sup>1</sup>:", "N/A")
    + "</table></body></html>"
)  # fmt: skip


def test_a_transposed_step_up_with_its_call_terms_in_the_long_row() -> None:
    offering, warnings = load_bytes(STEP_TRANSPOSED.encode(), "step.htm")
    (note,) = offering.notes
    assert [(s.from_date, s.rate_pct) for s in note.steps] == [
        (D(2004, 6, 24), Decimal("3.500")), (D(2006, 6, 15), Decimal("6.500"))
    ]  # fmt: skip
    assert (note.first_coupon_date, note.frequency) == (D(2004, 7, 15), Frequency.MONTHLY)
    r = note.redemption
    assert (r.first_call_date, r.price_pct, r.notice_days) == (D(2006, 6, 15), Decimal(100), 30)
    assert warnings == []


# HSBC Finance InterNotes pricing supplements (2010): the offering's dates printed in a cell of the
# note table itself, under the two row groups ("Settlement Date: Friday, July 9, 2010").
# 3.900% from July 9, 2010 to January 15, 2011 (186 days of 30/360): the printed $20.15.
DATES_IN_THE_TABLE = (
    "<html><body><p>Pricing Supplement No. 39</p><table>"
    + _cells("CUSIP Number", "Principal Amount", "Gross Concession", "Net Proceeds", "Coupon Type",
             "Coupon Rate", "Coupon Frequency", "Day Count Basis")
    + _cells("66705QAJ0", "$13,847,000.00", "1.250%", "$13,673,912.50", "FIXED", "3.900%", "Semi- Annual",
             "30/360")
    + _cells("Maturity Date", "1st Coupon Date", "1st Coupon Amount", "Survivors Option", "Product Ranking")
    + _cells("07/15/2015", "01/15/2011", "$20.15", "YES", "Senior Unsecured Notes")
    + _cells("Redemption Information: Non-Callable")
    + _cells("Northwind Finance Corporation",
             "Offering Dates: Monday, June 28, 2010 through|Tuesday, July 6, 2010|"
             "Trade Date: Tuesday, July 6, 2010 @ 12:00 PM ET|Settlement Date: Friday, July 9, 2010|"
             "Minimum Denomination/Increments: $1,000.00/$1,000.00")
    + "</table></body></html>"
)  # fmt: skip


def test_the_offerings_dates_in_a_cell_of_the_note_table() -> None:
    offering, warnings = load_bytes(DATES_IN_THE_TABLE.encode(), "dates-in-table.htm")
    (note,) = offering.notes
    assert (offering.trade_date, offering.settle_date, note.issue_date) == (
        D(2010, 7, 6), D(2010, 7, 9), D(2010, 7, 9)
    )  # fmt: skip
    assert offering.minimum_denomination == Decimal("1000.00")
    assert first_coupon_per_1000(note) == note.first_coupon_amount == Decimal("20.15")
    assert not [w for w in warnings if "settle" in w.message]


# Caterpillar Financial floating-rate final pricing details (FWP, 2011): one label/value table
# with the CUSIP at its foot and a value wrapped onto a row of its own above it; it is a term
# sheet of a floating-rate note (refused as such), not a transposed table of one CUSIP.
FLOATING_TABLE = (
    "<html><body><p>FILED PURSUANT TO RULE 433</p><table>"
    + _cells("Issuer:", "Northwind Financial Services Corporation")
    + _cells("Title of Securities:", "Medium-Term Notes, Series G, Floating Rate Notes Due 2013")
    + _cells("Trade Date:", "June 14, 2011")
    + _cells("Settlement Date (Original Issue date):", "June 17, 2011")
    + _cells("Maturity Date:", "June 17, 2013")
    + _cells("Price to Public (Issue Price):", "100.000%")
    + _cells("Interest Rate Basis (Benchmark):", "3 Month USD LIBOR")
    + _cells("Interest Payment Dates:", "Interest will be paid quarterly on the 17th of March, June, "
             "September and December of each year,")
    + _cells("", "commencing September 17, 2011 and ending on the Maturity Date")
    + _cells("Day Count Convention:", "Actual/360")
    + _cells("CUSIP:", "66705QAK7")
    + "</table></body></html>"
)  # fmt: skip


def test_a_floating_rate_term_sheet_table_with_its_cusip_at_the_foot_is_named() -> None:
    with pytest.raises(SourceError) as caught:
        load_bytes(FLOATING_TABLE.encode(), "frn.htm")
    assert "a pricing term sheet of a floating-rate note" in str(caught.value)


# Nomura America Finance callable step-up notes (424(b)(2), 2011): a .txt layout whose label
# "Interest Payment Dates:" is printed over two lines, its first line alone under the value above.
TWO_LINE_LABEL = """\
Northwind America Finance, LLC
Callable Step-Up Notes due July 19, 2019

Issuer:              Northwind America Finance, LLC
Principal Amount:    US$1,000,000
Interest Rate:       4.00% from and including the original issue date to but excluding July 19, 2016;
                     5.00% from and including July 19, 2016, to but excluding the maturity date
Interest Payment
Dates:               Semi-annually, on January 19 and July 19 of each year, beginning on January 19, 2012
Original Issue Date: July 19, 2011
Maturity Date:       July 19, 2019
Price to Public:     100%
"""


def test_a_label_printed_over_two_lines() -> None:
    offering, _ = load_bytes(TWO_LINE_LABEL.encode(), "two-line.txt")
    (note,) = offering.notes
    assert (note.frequency, note.first_coupon_date) == (Frequency.SEMIANNUAL, D(2012, 1, 19))
    assert [(s.from_date, s.rate_pct) for s in note.steps] == [
        (D(2011, 7, 19), Decimal("4.00")), (D(2016, 7, 19), Decimal("5.00"))
    ]  # fmt: skip


# PepsiCo pricing term sheets as .txt (FWP, 2011): each label alone on its line, the values of
# the two tranches on the line under it, side by side. Figures: 0.800% due 8/25/2014 at 99.609
# → 0.933%; 3.000% due 8/25/2021 at 99.393 → 3.071%, settling 8/29/2011.
VALUES_UNDER_LABELS = """\
Northwind Beverages, Inc.

Trade Date:   August 22, 2011

Settlement Date (T+5):   August 29, 2011

Title of Securities:
  0.800% Senior Notes due 2014   3.000% Senior Notes due 2021

Maturity Date:
  August 25, 2014   August 25, 2021

Interest Payment Dates:
  {dates}   {dates}

Re-offer Yield:
  0.933%   3.071%

Coupon:
  0.800%   3.000%

Price to Public:
  99.609%   99.393%

CUSIP/ISIN:
  66705Q AL5 / US66705QAL52   66705Q AM3 / US66705QAM36
""".format(dates="Semi-annually on each February 25 and August 25, commencing on February 25, 2012")


def test_tranche_values_on_the_line_under_their_label() -> None:
    offering, _ = load_bytes(VALUES_UNDER_LABELS.encode(), "under.txt")
    short, long = offering.notes
    assert (short.cusip, short.coupon_rate_pct, short.maturity_date) == (
        "66705QAL5",
        Decimal("0.800"),
        D(2014, 8, 25),
    )
    assert (long.cusip, long.coupon_rate_pct, long.maturity_date) == (
        "66705QAM3",
        Decimal("3.000"),
        D(2021, 8, 25),
    )
    assert (long.price_pct, long.first_coupon_date, long.issue_date) == (
        Decimal("99.393"),
        D(2012, 2, 25),
        D(2011, 8, 29),
    )
    assert long.printed_yield is not None and long.printed_yield.value_pct == Decimal("3.071")
