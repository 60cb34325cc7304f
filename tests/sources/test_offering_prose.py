"""Offering-wide facts from a supplement's prose, in the wordings seen across issuers and years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.sources.prose import read

ALTERNATE = """
Issuer: Caterpillar Financial Services Corporation
Program: Caterpillar Financial PowerNotes®
Final Pricing Supplement Number 88 (Rule 424(b)(3)) Registration No. 333-135663
Date of Pricing Supplement: 6/9/08
Offering Period: 06/02/2008 - 06/09/2008
Trade Date: 06/09/2008
Original Issue Date: 06/12/2008
Minimum Investment: $5,000 and integral multiples of $1,000 thereafter
DTC Participant Number: 0235
Purchasing Agent: Incapital LLC and Citigroup Global Markets Inc.
(To Prospectus dated: July 10, 2006)
"""


def test_alternate_labels() -> None:
    facts = read(ALTERNATE)
    assert facts.issuer == "Caterpillar Financial Services Corporation"
    assert facts.program == "Caterpillar Financial PowerNotes®"
    assert facts.document == "Final Pricing Supplement Number 88"
    assert facts.preliminary is False
    assert facts.registration_no == "333-135663"
    assert facts.supplement_date == date(2008, 6, 9)
    assert (facts.offering_start, facts.offering_end) == (date(2008, 6, 2), date(2008, 6, 9))
    assert facts.trade_date == date(2008, 6, 9)
    assert facts.settle_date == date(2008, 6, 12)
    assert (facts.minimum_denomination, facts.increment) == (Decimal(5000), Decimal(1000))
    assert facts.dtc_number == "0235"
    assert facts.agents == ("Incapital LLC", "Citigroup Global Markets Inc.")
    assert facts.prospectus_date == date(2006, 7, 10)


def test_nothing_known() -> None:
    facts = read("Nothing here but a sentence about Notes.")
    assert facts.issuer is None and facts.program is None and facts.settle_date is None
    assert facts.agents == ()


def test_issuer_line_and_program_with_series() -> None:
    facts = read(
        "Ally Financial Inc.\nOffering notes\nAlly Financial Inc. Ally Financial Term "
        "Notes, Series A Prospectus dated August 7, 2018"
    )
    assert facts.issuer == "Ally Financial Inc."
    assert facts.program == "Ally Financial Term Notes, Series A"
    assert facts.prospectus_date == date(2018, 8, 7)


def test_issuer_in_capitals_above_the_program_title() -> None:
    # the cover of U.S. Bancorp's form-layout pricing supplement of March 1, 2010 (424B2):
    # the issuer has no company word, so only its place above the program's title names it
    facts = read(
        "(1) Calculated in accordance with Rule 457(r) of the Securities Act of 1933.\n\n\n"
        "U.S. BANCORP\n\nMedium-Term Notes, Series R (Senior)\n\n"
        "Medium-Term Notes, Series S (Subordinated)\n\n\nCUSIP No.:   91159HGU8\n"
    )
    assert facts.issuer == "U.S. BANCORP"
    # capitals not followed by a program title are not an issuer, nor a heading or an agent above it
    assert read("CALCULATION OF REGISTRATION FEE\n\nSenior Notes   $500,000,000\n").issuer is None
    for heading in (
        "TITLE OF EACH CLASS OF SECURITIES OFFERED",
        "SUMMARY OF TERMS",
        "CUSIP NO.",
        "PRICING SUPPLEMENT",
        "INCAPITAL",
    ):
        assert read(f"{heading}\n\nMedium-Term Notes, Series A\n").issuer is None, heading
