"""Label/value documents end to end: what is refused and how it is said, tranches in sections,
a reopening's accrued interest in dollars, a callable zero, paragraphs of "Label: value" in HTML.
Documents are written inline in the layouts of documents.md (figures consistent, 30/360)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import SourceError
from app.domain.model import CallPrice, CouponType, DocumentFamily, Frequency
from app.domain.schedule import first_coupon_per_1000
from app.sources import load_bytes
from app.sources.label_documents import describe

D = date

FLOATING_FWP = (
    "Free Writing Prospectus Filed Pursuant to Rule 433 Final Terms for Issuance Issuer: Toyota Motor "
    "Credit Corporation Security: Floating Rate Medium Term Notes, Series B Cusip: 89233P5R3 Pricing "
    "Date: December 15, 2011 Settlement Date: December 20, 2011 Maturity Date: January 15, 2013 "
    "Principal Amount: $100,000,000 Re-offer Price: 100.00% Floating Rate Index: Federal Funds Rate "
    "Interest Payment Frequency: Quarterly Interest Payment Dates: On the 15th of each April, July, "
    "October and on the Maturity Date Day Count Convention: Actual/360\n"
)


def test_a_floating_rate_term_sheet_is_refused_by_name_with_file_and_line() -> None:
    with pytest.raises(SourceError) as caught:
        load_bytes(FLOATING_FWP.encode(), "toyota-frn.txt")
    err = caught.value
    assert (err.source, err.line) == ("toyota-frn.txt", 1)
    assert str(err) == (
        "toyota-frn.txt:1: no offering found: a pricing term sheet of a floating-rate note: only "
        "fixed-rate, step-up and zero-coupon notes are read"
    )
    assert describe(FLOATING_FWP) == (
        "a pricing term sheet of a floating-rate note: only fixed-rate, step-up and zero-coupon notes "
        "are read"
    )


def test_a_ticked_floating_rate_note_in_a_form_is_refused() -> None:
    text = (
        "PRICING SUPPLEMENT NO. 7\n\nCUSIP No.:          88319QM67\n"
        "Type of Note:       o Fixed Rate Note    þ Floating Rate Note\n"
        "Principal Amount:   $25,000,000\nOriginal Issue Date: May 22, 2008\n"
        "Maturity Date:      August 22, 2009\nInterest Rate:      ________\n"
    )
    with pytest.raises(SourceError, match="MTN pricing supplement in form layout of a floating-rate note"):
        load_bytes(text.encode(), "textron.txt")


def test_an_equity_linked_note_is_refused_by_name() -> None:
    """Barclays reverse convertible layout (2010): "Reference asset", "Initial valuation date"."""
    text = (
        "Free Writing Prospectus\nIssuer: Barclays Bank PLC\nIssue date: March 31, 2010\n"
        "Initial valuation date: March 26, 2010\nMaturity date: March 30, 2011\n"
        "Interest rate: 10.25% per annum\nCUSIP: 06740JY38\nReference asset: common stock of XYZ\n"
    )
    with pytest.raises(SourceError, match=r"linked to an equity or an index \(Initial valuation date\)"):
        load_bytes(text.encode(), "rc.txt")


def test_a_fixed_and_a_floating_tranche_in_sections() -> None:
    """Two sections, each with its own CUSIP and maturity; the shared labels above apply to both:
    the fixed tranche loads, the floating one is said and skipped."""
    text = (
        "Final Term Sheet\nIssuer:            Example Finance Corp.\n"
        "Settlement Date:   June 4, 2019 (T+3)\nMinimum Denominations: $2,000 x $1,000\n\n"
        "Fixed Rate Notes\nCUSIP:             30231GBE1\nMaturity Date:     June 4, 2024\n"
        "Coupon:            2.750%\nPrice to Public:   99.850%\n"
        "Interest Payment Dates: June 4 and December 4, commencing December 4, 2019\n\n"
        "Floating Rate Notes\nCUSIP:             30231GBF8\nMaturity Date:     June 4, 2022\n"
        "Security:          Floating Rate Notes due 2022\nPrice to Public:   100.000%\n"
        "Interest Payment Dates: Quarterly on March 4, June 4, September 4 and December 4\n"
    )
    offering, warnings = load_bytes(text.encode(), "sections.txt")
    assert [n.cusip for n in offering.notes] == ["30231GBE1"]
    note = offering.notes[0]
    assert (note.coupon_rate_pct, note.price_pct, note.first_coupon_date) == (
        Decimal("2.750"),
        Decimal("99.850"),
        D(2019, 12, 4),
    )
    assert (offering.settle_date, offering.minimum_denomination) == (D(2019, 6, 4), Decimal(2000))
    assert any(w.message.startswith("30231GBF8: not loaded: a floating-rate note") for w in warnings)


def test_reopening_priced_plus_accrued_interest_in_dollars() -> None:
    """ "… to be consolidated with the $… issued on …", "plus accrued interest of $861,805.56"
    (documents.md): $100,000,000 of 4.250% notes, 73 days (March 15 → May 28, 30/360)."""
    text = (
        "Pricing Term Sheet\nIssuer: Example Finance Corp.\n"
        "Description: 4.250% Notes due 2030, to be consolidated with the $400,000,000 4.250% Notes due "
        "2030 issued on September 15, 2020\nSettlement Date: May 28, 2021\n"
        "Maturity Date: March 15, 2030\nPrincipal Amount: $100,000,000\nCoupon: 4.250%\n"
        "Price to Public: 101.125% of the principal amount, plus accrued interest of $861,805.56\n"
        "Interest Payment Dates: March 15 and September 15, commencing March 15, 2021\nCUSIP: 30231GBE1\n"
    )
    offering, _ = load_bytes(text.encode(), "reopening.txt")
    note = offering.notes[0]
    assert note.printed_accrued_interest == Decimal("861805.56")
    assert (note.issue_date, note.first_coupon_date, offering.settle_date) == (
        D(2020, 9, 15),
        D(2021, 3, 15),
        D(2021, 5, 28),
    )
    from app.domain.quote import make_purchase, quote

    q = quote(make_purchase(offering, note, amount=Decimal(100_000_000)), with_yields=False)
    assert (q.accrued_days, q.accrued_interest) == (73, Decimal("861805.56"))


def test_a_callable_zero_in_label_layout() -> None:
    """No rate, 50.000% of principal, an accrual yield, a stated amount per $1,000 on each call
    date (each the issue price accreted at 5.641% semi-annually, 30/360: documents.md §5)."""
    text = (
        "PRICING SUPPLEMENT NO. 48\nCUSIP Number:        41013MBU3\nOriginal Issue Date: October 29, 2002\n"
        "Stated Maturity Date: April 15, 2015\nPrice to Public:     50.000% of the principal amount\n"
        "Accrual Yield:       5.641%\n"
        "Redemption:          Callable at the option of the Issuer on April 15, 2010 at $757.23 per\n"
        "                     $1,000 principal amount and on April 15, 2012 at $846.34 per $1,000\n"
        "                     principal amount\n"
    )
    offering, _ = load_bytes(text.encode(), "zero.txt")
    note = offering.notes[0]
    assert offering.family is DocumentFamily.ZERO_COUPON
    assert (note.coupon_type, note.frequency, note.coupon_rate_pct) == (
        CouponType.ZERO,
        Frequency.AT_MATURITY,
        None,
    )
    assert note.printed_yield is not None and note.printed_yield.label == "Accrual Yield"
    assert note.redemption.schedule == (
        CallPrice(D(2010, 4, 15), Decimal("75.723")),
        CallPrice(D(2012, 4, 15), Decimal("84.634")),
    )


def test_html_paragraphs_of_bold_labels() -> None:
    """Term sheets written as paragraphs, "<b>Label:</b> value", with no table."""
    html = (
        "<html><body><p align=center><b>Pricing Term Sheet</b></p>"
        "<p><b>Issuer:</b> Example Finance Corp.</p><p><b>Trade Date:</b> March&nbsp;4, 2024</p>"
        "<p><b>Settlement Date:</b> March&nbsp;7, 2024 (T+3)</p>"
        "<p><b>Maturity Date:</b> March&nbsp;15, 2034</p>"
        "<p><b>Coupon:</b> 5.000% per annum</p><p><b>Price to Public:</b> 99.648%</p>"
        "<p><b>Yield to Maturity:</b> 5.045%</p>"
        "<p><b>Interest Payment Dates:</b> Semi-annually on March 15 and September 15, commencing "
        "September 15, 2024</p><p><b>CUSIP:</b> 30231G BE1</p></body></html>"
    )
    offering, _ = load_bytes(html.encode(), "paragraphs.html")
    note = offering.notes[0]
    assert (note.cusip, note.first_coupon_date, note.issue_date) == (
        "30231GBE1",
        D(2024, 9, 15),
        D(2024, 3, 7),
    )
    assert note.printed_yield is not None and note.printed_yield.value_pct == Decimal("5.045")
    assert offering.family is DocumentFamily.TERM_SHEET


def test_text_that_is_no_offering_keeps_the_table_message() -> None:
    with pytest.raises(SourceError, match="no note table with a CUSIP column"):
        load_bytes(b"Issuer: Nobody\nNote: nothing here\n", "letter.txt")


def test_form_answers_and_a_rate_that_says_when_it_is_paid() -> None:
    """ "Optional Redemption: [ ] Yes [X] No", "Survivor's Option: [X] Applicable [ ] Not
    Applicable", and no payment-dates label: the coupon wording says it ("paid semi-annually on
    June 1 and December 1, beginning December 1, 2012")."""
    text = (
        "PRICING SUPPLEMENT NO. 9\nCUSIP:               30231GBE1\nOriginal Issue Date: June 1, 2012\n"
        "Maturity Date:       June 1, 2022\nIssue Price:         100%\n"
        "Interest Rate:       3.000% per annum, paid semi-annually on June 1 and December 1,\n"
        "                     beginning December 1, 2012\n"
        "Optional Redemption: [ ] Yes   [X] No\n"
        "Survivor's Option:   [X] Applicable   [ ] Not Applicable\n"
        "Day Count:           [X] 30/360   [ ] Actual/360\n"
    )
    offering, warnings = load_bytes(text.encode(), "form.txt")
    note = offering.notes[0]
    assert (note.frequency, note.first_coupon_date) == (Frequency.SEMIANNUAL, D(2012, 12, 1))
    assert (note.redemption.callable, note.survivors_option) == (False, True)
    assert offering.family is DocumentFamily.MTN_FORM
    assert warnings == []


def test_tranches_tagged_inside_each_cell() -> None:
    """Chubb INA 2021 as filed: one value cell per label, each tranche on its own line inside it
    ("2051 Notes: 99.918% of the principal amount" / "2061 Notes: …"), the redemption bullets led
    by "2051 Notes •" / "2061 Notes •" (real figures: documents.md's source filing)."""

    def cell(*lines: str) -> str:
        return "".join(f"<p>{line}</p>" for line in lines)

    rows = [
        ("Issuer:", cell("Chubb INA Holdings Inc.")),
        ("Settlement Date:", cell("November 18, 2021 (T+3)")),
        ("Maturity Date:", cell("2051 Notes: December 15, 2051", "2061 Notes: December 15, 2061")),
        ("Public Offering Price:", cell("2051 Notes: 99.918% of the principal amount",
                                        "2061 Notes: 99.447% of the principal amount")),
        ("Coupon (Interest Rate):", cell("2051 Notes: 2.850%", "2061 Notes: 3.050%")),
        ("Interest Payment Dates:", cell(
            "2051 Notes: Semi-annually on June 15 and December 15, commencing June 15, 2022",
            "2061 Notes: Semi-annually on June 15 and December 15, commencing June 15, 2022")),
        ("Yield to Maturity:", cell("2051 Notes: 2.854%", "2061 Notes: 3.074%")),
        ("Optional Redemption:", cell(
            "In each case, as described in the Preliminary Prospectus Supplement",
            "2051 Notes • Make-Whole Call prior to June 15, 2051 (T + 15 basis points)",
            "• Par Call on or after June 15, 2051",
            "2061 Notes • Make-Whole Call prior to June 15, 2061 (T + 20 basis points)",
            "• Par Call on or after June 15, 2061")),
        ("CUSIP / ISIN:", cell("2051 Notes: 171239AH9 / US171239AH94",
                               "2061 Notes: 171239AJ5 / US171239AJ50")),
    ]  # fmt: skip
    html = "<html><body><p>Pricing Term Sheet</p><table>"
    html += "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table></body></html>"
    offering, warnings = load_bytes(html.encode(), "chubb-2021.html")
    read = [
        (
            n.cusip,
            n.price_pct,
            n.coupon_rate_pct,
            n.redemption.first_call_date,
            n.redemption.make_whole_spread_bps,
        )
        for n in offering.notes
    ]
    assert read == [
        ("171239AH9", Decimal("99.918"), Decimal("2.850"), D(2051, 6, 15), Decimal(15)),
        ("171239AJ5", Decimal("99.447"), Decimal("3.050"), D(2061, 6, 15), Decimal(20)),
    ]
    assert warnings == []


def test_a_form_with_dot_leaders_and_ticked_type() -> None:
    """A .txt MTN pricing supplement of the 2000s: dot leaders between label and value, "[X] Fixed
    Rate [ ] Floating Rate", figures made consistent (30/360: $21.25 per $1,000 on 1/28/2006)."""
    text = (
        "PRICING SUPPLEMENT NO. 2005-31                          Rule 424(b)(3)\n\n"
        "CUSIP Number.................... 14912L2P5\n"
        "Principal Amount................ $100,000,000\n"
        "Issue Price..................... 99.876%\n"
        "Original Issue Date............. July 28, 2005\n"
        "Maturity Date................... July 28, 2008\n"
        "Interest Rate................... 4.25% per annum\n"
        "Interest Payment Dates.......... January 28 and July 28, commencing January 28, 2006\n"
        "Type of Note.................... [X] Fixed Rate   [ ] Floating Rate\n"
        "Redemption...................... [X] The Notes cannot be redeemed prior to maturity\n"
        "                                 [ ] The Notes may be redeemed prior to maturity\n"
    )
    offering, warnings = load_bytes(text.encode(), "cat-financial.txt")
    note = offering.notes[0]
    assert (note.cusip, note.coupon_rate_pct, note.price_pct) == (
        "14912L2P5",
        Decimal("4.25"),
        Decimal("99.876"),
    )
    assert (note.first_coupon_date, note.redemption.callable) == (D(2006, 1, 28), False)
    assert offering.family is DocumentFamily.MTN_FORM and warnings == []
    assert first_coupon_per_1000(note) == Decimal("21.25")


@pytest.mark.parametrize(
    ("printed", "minimum", "increment"),
    [
        ("$2,000 x $1,000", "2000", "1000"),  # Chubb INA 2024
        ("$2,000 and integral multiples of $1,000 in excess thereof", "2000", "1000"),
        ("$2,000 and $1,000 increments thereafter", "2000", "1000"),  # Toyota Motor Credit 2012
        ("$1,000 and integral multiples thereof", "1000", "1000"),
    ],
)
def test_minimum_denominations(printed: str, minimum: str, increment: str) -> None:
    text = (
        "Pricing Term Sheet\nIssuer: Example Finance Corp.\nSettlement Date: March 7, 2024\n"
        "Maturity Date: March 15, 2034\nCoupon: 5.000%\nInterest Payment Dates: March 15 and "
        f"September 15, commencing September 15, 2024\nMinimum Denominations: {printed}\n"
        "Business Day Convention: Modified Following, adjusted\nCUSIP: 30231GBE1\n"
    )
    offering, warnings = load_bytes(text.encode(), "denominations.txt")
    assert (offering.minimum_denomination, offering.increment) == (Decimal(minimum), Decimal(increment))
    assert [w.message for w in warnings] == [
        "Business Day Convention: 'Modified Following, adjusted'; payment dates are rolled to the "
        "following business day"
    ]


def test_o_bullets_of_a_document_that_ticks_no_box() -> None:
    """Word's second-level bullet is a lone "o": in a term sheet that ticks no box anywhere the
    redemption bullets are read, not taken for unticked boxes."""
    text = (
        "Pricing Term Sheet\nIssuer: Example Finance Corp.\nSettlement Date: March 7, 2024\n"
        "Maturity Date: March 15, 2034\nCoupon: 5.000%\nCUSIP: 30231GBE1\n"
        "Interest Payment Dates: March 15 and September 15, commencing September 15, 2024\n"
        "Optional Redemption: o Make-Whole Call prior to December 15, 2033 (T + 15 basis points)\n"
        "                     o Par Call on or after December 15, 2033\n"
    )
    offering, _ = load_bytes(text.encode(), "bullets.txt")
    r = offering.notes[0].redemption
    assert (r.make_whole, r.first_call_date, r.make_whole_until) == (True, D(2033, 12, 15), D(2033, 12, 15))
    assert offering.family is DocumentFamily.TERM_SHEET
