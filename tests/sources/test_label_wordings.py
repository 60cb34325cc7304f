"""The wordings of term sheets and form-layout supplements, each read as printed: interest payment
dates, check boxes and blanks, step sequences, make-whole and par calls, listed call dates, labels,
CUSIPs beside ISINs, tranche tags. Sources: documents.md, and the filings it quotes (Chubb INA
2020–2024 pricing term sheets, Toyota Motor Credit 2008–2012 final terms, US Bancorp and Textron
Financial MTN pricing supplements 2008–2010, John Hancock SignatureNotes 2002).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.model import CallFrequency, CallPrice, CouponType, Frequency, Step
from app.sources import call_language, check_boxes, coupon_steps, payment_dates, values
from app.sources.grid import Row, find_cusip
from app.sources.label_value import read_entries, split_tags, text_rows
from app.sources.tranches import Sheet
from app.sources.vocabulary import Field, Label, label_key

D = date
SEMI, QUARTERLY, MONTHLY = Frequency.SEMIANNUAL, Frequency.QUARTERLY, Frequency.MONTHLY

# wording → (frequency, regular months, regular day, first payment as printed)
PAYMENT_DATES = [
    # Chubb INA 5.000% 2034 (documents.md)
    ("Semi-annually on March 15 and September 15, commencing September 15, 2024 (long first interest period)",
     (SEMI, (3, 9), 15, D(2024, 9, 15))),
    # Toyota Motor Credit 1.90% 2012 (documents.md)
    ("On the 5th of each June, December and on the Maturity Date", (SEMI, (6, 12), 5, None)),
    # Toyota Motor Credit 0.875% 2015 (2012)
    ("Each July 17 and January 17, beginning on January 17, 2013.", (SEMI, (1, 7), 17, D(2013, 1, 17))),
    ("Each May 22 and November 22, beginning on November 22, 2012.", (SEMI, (5, 11), 22, D(2012, 11, 22))),
    # US Bancorp 3.15% 2015 Series R (documents.md: printed already rolled)
    ("March 4 and September 4, beginning September 7, 2010", (SEMI, (3, 9), 4, D(2010, 9, 7))),
    # a table supplement's cell (domain.md, "April and October 15 of each / year, beginning …")
    ("April and October 15 of each year, beginning April 15, 2018", (SEMI, (4, 10), 15, D(2018, 4, 15))),
    # Toyota floating-rate final terms (2011): three months listed and the maturity month
    ("On the 15th of each April, July, October and on the Maturity Date", (QUARTERLY, (4, 7, 10), 15, None)),
    ("Quarterly on January 15, April 15, July 15 and October 15", (QUARTERLY, (1, 4, 7, 10), 15, None)),
    ("The 15th day of each month, commencing December 15, 2019", (MONTHLY, (), 15, D(2019, 12, 15))),
    ("Annually on June 1, beginning June 1, 2025", (Frequency.ANNUAL, (6,), 1, D(2025, 6, 1))),
    ("May 30 and November 30 of each year, commencing November 30, 2008",
     (SEMI, (5, 11), 30, D(2008, 11, 30))),
    ("Interest will be paid at maturity", (Frequency.AT_MATURITY, (), None, None)),
    # every payment listed as a date (Toyota Motor Credit MTN pricing supplements, 1995–2007)
    ("July 11, 2007, January 11, 2008 and at Maturity", (SEMI, (1, 7), 11, D(2007, 7, 11))),
    ("May 15, 1995, November 15, 1995, May 15, 1996, November 15, 1996 and January 17, 1997",
     (SEMI, (5, 11), 15, D(1995, 5, 15))),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PAYMENT_DATES, ids=[p[0][:40] for p in PAYMENT_DATES])
def test_interest_payment_dates(text: str, expected: tuple[object, ...]) -> None:
    found = payment_dates.read(text)
    assert (found.frequency, found.months, found.day, found.first) == expected


# printed first payment, regular day → the regular date it was rolled from (None: not a roll)
UNROLLED = [
    (D(2010, 9, 7), 4, D(2010, 9, 4)),  # Saturday Sept 4, Labor Day Sept 6 (US Bancorp 2010)
    (D(2024, 9, 16), 15, D(2024, 9, 15)),  # Sunday
    (D(2024, 9, 17), 15, None),  # the roll of Sunday Sept 15 is Monday the 16th, not the 17th
    (D(2010, 3, 5), 4, None),  # March 4, 2010 was a Thursday: no roll
    (D(2024, 9, 15), 15, None),  # printed on its regular day
    (D(2023, 1, 3), 31, D(2022, 12, 31)),  # Saturday Dec 31, then New Year's observed Monday Jan 2
    (D(2024, 9, 16), None, None),  # no regular day printed
]


@pytest.mark.parametrize(("first", "day", "expected"), UNROLLED)
def test_first_payment_printed_already_rolled(first: date, day: int | None, expected: date | None) -> None:
    assert payment_dates.unrolled(first, day) == expected


# value as printed → the ticked options (None: no check box in it)
CHECK_BOXES = [
    ("þ Fixed Rate Note o Commercial Paper Note o Zero Coupon Note", "Fixed Rate Note"),  # US Bancorp
    ("o Fixed Rate Note þ Floating Rate Note", "Floating Rate Note"),
    ("[X] Fixed Rate Note [ ] Floating Rate Note", "Fixed Rate Note"),
    ("[ ] Yes [x] No", "No"),
    ("☒ Fixed Rate Note ☐ Floating Rate Note", "Fixed Rate Note"),
    ("(X) Yes ( ) No", "Yes"),
    ("ý Book-Entry ¨ Certificated", "Book-Entry"),
    ("o Subject to special provisions set forth therein. o For Federal income tax purposes only.", ""),
    # Textron Financial 2008
    ("þ Actual/360 for the period from May 22, 2008 to August 22, 2009 o 30/360 for the period "
     "from ___to ___", "Actual/360 for the period from May 22, 2008 to August 22, 2009"),
    ("The Notes cannot be redeemed prior to the Stated Maturity Date.", None),
    ("Series R (Senior) or Series S", None),
    ("Rated A3 o A by two agencies", None),  # a lone "o" inside a sentence is not a box
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CHECK_BOXES, ids=[c[0][:30] for c in CHECK_BOXES])
def test_check_boxes(text: str, expected: str | None) -> None:
    assert check_boxes.ticked(text) == expected


@pytest.mark.parametrize(
    ("text", "blank"),
    [("__________", True), ("_____%", True), ("$ ________", True), ("N/A", True), ("Not applicable.", True),
     ("", True), ("None", False), ("15 Calendar Days prior to each Interest Payment Date", False),
     ("$1,000", False)],
)  # fmt: skip
def test_blank_fields(text: str, blank: bool) -> None:
    assert check_boxes.is_blank(text) is blank


# a printed step sequence, the issue date → the steps (documents.md §3, Toyota step-ups)
STEP_SEQUENCES = [
    ("1.50% from and including July 30, 2014 to but excluding July 30, 2016; 2.00% from and including "
     "July 30, 2016 to but excluding July 30, 2018; 2.50% from and including July 30, 2018 to but "
     "excluding the Maturity Date", D(2014, 7, 30),
     (Step(D(2014, 7, 30), Decimal("1.50")), Step(D(2016, 7, 30), Decimal("2.00")),
      Step(D(2018, 7, 30), Decimal("2.50")))),
    ("1.000% to 11/30/2022, 1.500% to 11/30/2024, 2.250% thereafter", D(2020, 11, 30),
     (Step(D(2020, 11, 30), Decimal("1.000")), Step(D(2022, 11, 30), Decimal("1.500")),
      Step(D(2024, 11, 30), Decimal("2.250")))),
    # a step table under "Interest Rate Schedule:" (From and including | To but excluding | Rate),
    # its rows joined into the label's value
    ("November 30, 2020 November 30, 2022 1.000% November 30, 2022 November 30, 2024 1.500% "
     "November 30, 2024 November 30, 2027 2.250%", D(2020, 11, 30),
     (Step(D(2020, 11, 30), Decimal("1.000")), Step(D(2022, 11, 30), Decimal("1.500")),
      Step(D(2024, 11, 30), Decimal("2.250")))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "issue", "steps"), STEP_SEQUENCES, ids=["from-to", "to-thereafter", "table"]
)
def test_step_sequences(text: str, issue: date, steps: tuple[Step, ...]) -> None:
    assert coupon_steps.parse(text, issue) == steps


# call wording → (first call date, price, frequency, make-whole, spread bps, make-whole until)
MAKE_WHOLE_AND_PAR = [
    # Chubb INA 2034 (documents.md); the bullets of the term sheet joined by "; "
    ("Make-Whole Call prior to December 15, 2033 (T + 15 basis points); Par Call on or after "
     "December 15, 2033",
     (D(2033, 12, 15), "100", CallFrequency.CONTINUOUS, True, "15", D(2033, 12, 15))),
    # Chubb INA 2030 (2020)
    ("As described in the Preliminary Prospectus Supplement – • Make-Whole Call prior to June 15, 2030 "
     "(T + 15 basis points) • Par Call on or after June 15, 2030",
     (D(2030, 6, 15), "100", CallFrequency.CONTINUOUS, True, "15", D(2030, 6, 15))),
    # the par call date defined by name
    ("Prior to December 15, 2033 (the \"Par Call Date\"), at a make-whole price at the Treasury Rate plus "
     "15 basis points; on or after the Par Call Date, at 100% of the principal amount",
     (D(2033, 12, 15), "100", CallFrequency.CONTINUOUS, True, "15", D(2033, 12, 15))),
    # make-whole alone: no call date, never the "prior to" date (Toyota 2012: "T +15 bps")
    ("Optional Make-Whole Redemption T +15 bps", (None, None, None, True, "15", None)),
    ("Make-Whole Call prior to December 15, 2033 (T + 15 basis points)",
     (None, None, None, True, "15", D(2033, 12, 15))),
    ("Redeemable at our option at any time at the Treasury Rate plus 10 basis points.",
     (None, None, CallFrequency.CONTINUOUS, True, "10", None)),
    # the par call in its own sentence, an abbreviation and a decimal inside it (Apple 2023)
    ("Prior to May 8, 2024, Northwind Inc. may at its option redeem the notes at a price equal to the "
     "greater of 100% and the present values discounted at the Treasury Rate plus 12.5 basis points. "
     "On or after May 8, 2024, Northwind Inc. may at its option redeem the notes, at any time in whole "
     "or from time to time in part, prior to their maturity, at a redemption price equal to 100% of "
     "the principal amount of the notes being redeemed, plus accrued and unpaid interest.",
     (D(2024, 5, 8), "100", CallFrequency.CONTINUOUS, True, "12.5", D(2024, 5, 8))),
    # "at par … on or after" the date, far apart (Lubrizol pricing term sheet, 2010)
    ("In whole or in part, at the greater of (1) 100% of the principal amount or (2) discounted present "
     "value at the Treasury Rate plus 30 basis points prior to October 15, 2020. In whole or in part, "
     "at par plus accrued and unpaid interest to the redemption date on or after October 15, 2020.",
     (D(2020, 10, 15), "100", CallFrequency.CONTINUOUS, True, "30", D(2020, 10, 15))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), MAKE_WHOLE_AND_PAR, ids=[m[0][:40] for m in MAKE_WHOLE_AND_PAR]
)
def test_make_whole_and_par_call(text: str, expected: tuple[object, ...]) -> None:
    r = call_language.parse(text, SEMI).redemption
    first, price, freq, make_whole, spread, until = expected
    assert r.callable is True
    assert (r.first_call_date, r.frequency, r.make_whole, r.make_whole_until) == (
        first,
        freq,
        make_whole,
        until,
    )
    assert r.price_pct == (Decimal(str(price)) if price else None)
    assert r.make_whole_spread_bps == Decimal(str(spread))
    assert r.schedule == ()


def test_calls_on_listed_dates() -> None:
    """Step-up callables: "redeemed … on July 30, 2016, July 30, 2018 and July 30, 2020 at 100% …
    plus accrued and unpaid interest" (documents.md §3): each date a call date at 100%."""
    r = call_language.parse(
        "The Notes may be redeemed at our option, in whole but not in part, on July 30, 2016, July 30, "
        "2018 and July 30, 2020 at 100% of their principal amount plus accrued and unpaid interest."
    ).redemption
    assert r.schedule == tuple(CallPrice(D(y, 7, 30), Decimal(100)) for y in (2016, 2018, 2020))
    assert (r.first_call_date, r.price_pct, r.frequency) == (D(2016, 7, 30), Decimal(100), None)


def test_callable_zero_pays_a_stated_amount_per_1000() -> None:
    """A callable zero: the amount per $1,000 on each call date is its call price (70.244%)."""
    r = call_language.parse(
        "Callable at the option of the Issuer on April 15, 2008 at $702.44 per $1,000 principal amount; "
        "on April 15, 2010 at $789.12 per $1,000 principal amount; on April 15, 2012 at $886.49 per $1,000 "
        "principal amount"
    ).redemption
    assert r.schedule == (
        CallPrice(D(2008, 4, 15), Decimal("70.244")),
        CallPrice(D(2010, 4, 15), Decimal("78.912")),
        CallPrice(D(2012, 4, 15), Decimal("88.649")),
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Notes cannot be redeemed prior to the Stated Maturity Date.",  # US Bancorp / Textron forms
        "The Notes may not be redeemed prior to maturity.",
        "The Notes will not be called by the Issuer.",
        "NCL",  # "Call Features: NCL" (HSBC Finance final term sheets, 2006)
        "Not Applicable",
    ],
)
def test_form_wording_not_callable(text: str) -> None:
    assert call_language.parse(text).redemption.callable is False


# label as printed → what it names (None: nothing read from it)
LABELS = [
    ("Coupon (Interest Rate):", Field.COUPON_RATE),
    ("Interest Rate/Initial Interest Rate:", Field.COUPON_RATE),
    ("CUSIP/ISIN:", Field.CUSIP),
    ("CUSIP / ISIN:", Field.CUSIP),
    ("CUSIP No.:", Field.CUSIP),
    ("Settlement Date(2):", Label.SETTLEMENT_DATE),
    ("Public Offering Price:", Field.PRICE),
    ("Re-offer Price:", Field.PRICE),
    ("Issue Price (Dollar Amount and Percentage of Principal Amount):", Field.PRICE),
    ("Yield to Maturity:", Label.YIELD),
    ("Reoffer Yield:", Label.YIELD),
    ("Implicit Rate:", Label.YIELD),
    ("Interest Payment Dates:", Label.PAYMENT_DATES),
    ("Initial Interest Payment Date:", Field.FIRST_COUPON_DATE),
    ("Interest Payment Frequency:", Field.FREQUENCY),
    ("Pricing Date:", Label.TRADE_DATE),
    ("Stated Maturity:", Field.MATURITY),
    ("Agent’s Commission:", Field.CONCESSION),
    ("Benchmark Treasury Price / Yield:", Label.OTHER),
    ("Treasury Yield:", Label.OTHER),
    ("All-in Price to Issuer:", Label.OTHER),
    ("Base Rate (and, if applicable, related Interest Periods):", Label.NOTE_TYPE),
    (
        "Ratings (Moody’s / S&P / Fitch)(1):",
        Label.OTHER,
    ),  # "Ratings", its parenthesis aside: read for nothing
    ("CUSIP/ISIN Number:", Field.CUSIP),  # Lubrizol 2010
    ("Interest:", Field.COUPON_RATE),  # "5.625%, payable semiannually on …" (Protective Life 2006)
    ("Redemption Provisions:", Field.REDEMPTION),  # Lubrizol 2010
    ("Redemption Terms:", Field.REDEMPTION),  # Protective Life 2006
    ("Original Issue Discount1:", Label.OTHER),  # a <sup>1</sup> glued on (John Hancock 2002)
    ("CUSIP: 89233P3Z7", None),  # a label with its value is no label
    ("Price to Public (Issue Price):", Field.PRICE),  # Caterpillar Financial MTN terms, 2010–2011
    ("Settlement Date (Original Issue Date):", Label.SETTLEMENT_DATE),
    ("Trade Date/Pricing Effective Time:", Label.TRADE_DATE),
]


@pytest.mark.parametrize(("label", "key"), LABELS, ids=[x[0] for x in LABELS])
def test_labels(label: str, key: object) -> None:
    assert label_key(label.rstrip(":")) == key


@pytest.mark.parametrize(
    ("text", "cusip"),
    [("171239AK2 / US171239AK24", "171239AK2"), ("149123 BP5", "149123BP5"), ("US171239AK24", "171239AK2"),
     ("89233P5R3 (reopening)", "89233P5R3"), ("to be assigned", None), ("$1,000,000,000", None)],
)  # fmt: skip
def test_cusip_in_a_value(text: str, cusip: str | None) -> None:
    assert find_cusip(text) == cusip


SPLITS = [
    ("2051 Notes: December 15, 2051 2061 Notes: December 15, 2061",
     {"2051": "December 15, 2051", "2061": "December 15, 2061"}),
    ("$750,000,000 for Notes due 2013 / $1,000,000,000 for Notes due 2018",
     {"2013": "$750,000,000", "2018": "$1,000,000,000"}),
    ("In the case of the 2025 Notes, 2.350% per annum. In the case of the 2030 Notes, 3.400% per annum.",
     {"2025": "2.350% per annum.", "2030": "3.400% per annum."}),
    ("5.000% Senior Notes due 2034 (the \"Notes\")", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parts"), SPLITS, ids=[s[0][:30] for s in SPLITS])
def test_tranche_tags(text: str, parts: dict[str, str] | None) -> None:
    assert split_tags(text) == parts


def _sheet(text: str) -> Sheet:
    return Sheet(read_entries(text_rows(text)))


def test_one_line_labels_end_where_the_next_begins() -> None:
    """Toyota's one-line .txt: each label ends the value before it; "All-in Price to Issuer" is
    not the issuer, "Treasury Yield" not the yield, "@ 12:00 PM" no label."""
    sheet = _sheet(
        "Final Terms for Issuance Issuer: Toyota Motor Credit Corporation Trade Date: November 12, 2009 "
        "@ 12:00 PM ET Treasury Yield: 1.283% Re-offer Price: 99.976% All-in Price to Issuer: 99.776% "
        "Re-offer Yield: 1.908% Maturity Date: December 5, 2012 Coupon Rate: 1.90%"
    )
    assert sheet.value(Label.ISSUER).text == "Toyota Motor Credit Corporation"  # type: ignore[union-attr]
    assert sheet.value(Label.TRADE_DATE).text == "November 12, 2009 @ 12:00 PM ET"  # type: ignore[union-attr]
    assert sheet.value(Label.YIELD).text == "1.908%"  # type: ignore[union-attr]
    assert [v.text for v in sheet.values(Field.PRICE)] == ["99.976%"]


def test_parallel_columns_and_shared_values() -> None:
    sheet = _sheet(
        "Settlement Date:   November 18, 2021 (T+3)\n"
        "                   2051 Notes             2061 Notes\n"
        "Maturity Date:     December 15, 2051      December 15, 2061\n"
        "Coupon:            2.850%                 3.050%\n"
    )
    assert sheet.count == 2
    assert [sheet.value(Field.COUPON_RATE, i).text for i in (0, 1)] == ["2.850%", "3.050%"]  # type: ignore[union-attr]
    assert sheet.value(Label.SETTLEMENT_DATE, 1).text == "November 18, 2021 (T+3)"  # type: ignore[union-attr]


def test_label_alone_in_its_cell_and_bullet_rows() -> None:
    """Chubb INA 2024 HTML rows: "Optional Redemption:" then rows led by an empty cell and "•"."""
    rows = [
        Row(1, ["Maturity Date:", "March 15, 2034"]),
        Row(
            2, ["Optional Redemption:", "In each case, as described in the Preliminary Prospectus Supplement"]
        ),
        Row(3, ["", "•", "Make-Whole Call prior to December 15, 2033 (T + 15 basis points)"]),
        Row(4, ["", "•", "Par Call on or after December 15, 2033"]),
        Row(5, ["Issuer", "Chubb INA Holdings Inc."]),
    ]
    sheet = Sheet(read_entries(rows))
    wording = sheet.value(Field.REDEMPTION).text  # type: ignore[union-attr]
    assert wording.endswith("• Par Call on or after December 15, 2033")
    assert sheet.value(Label.ISSUER).text == "Chubb INA Holdings Inc."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("Fixed Rate Medium Term Notes, Series B", [CouponType.FIXED]),
     ("Floating Rate Medium Term Notes, Series B", [CouponType.FLOATING]),
     ("Zero Coupon Note", [CouponType.ZERO]), ("LIBOR Note", [CouponType.FLOATING]),
     ("Step-Up Callable Notes", [CouponType.STEP]), ("Senior Unsecured Notes", [])],
)  # fmt: skip
def test_kind_of_note_named(text: str, kinds: list[CouponType]) -> None:
    assert values.coupon_types_in(text) == kinds
