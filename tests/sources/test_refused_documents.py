"""Documents that hold no offering termsheet reads are refused with a message naming the file and
saying what the document is (issue 12 item 8, issue 14 item 8): a floating-rate note, a
market-linked note, an empty file, random bytes, a JPEG renamed ``.txt``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import SourceError
from app.sources import load_bytes, load_path, refusal
from tests.sources.test_fuzz_supplements import FUZZ, load_within_time

REFUSED = Path(__file__).resolve().parents[1] / "data" / "refused"
LOOKED_FOR = (
    "looked for a note table with a CUSIP column; a transposed table with a CUSIP row; a rate sheet "
    "with a CUSIP column; a pricing term sheet of labels and values; an MTN pricing supplement form"
)
MESSAGES = {
    # read as labels and values (its terms are a term sheet's), refused by the label reader
    "floating-rate-notes-2019.html": (
        "no offering found: a pricing term sheet of a floating-rate note: only fixed-rate, step-up and "
        "zero-coupon notes are read"
    ),
    "market-linked-sp500-2021.html": (
        'no offering found: the document is a market-linked (equity-linked) note ("Market-Linked '
        'Notes", "Linked to the S&P 500® Index"), not a fixed-rate, step-up or zero-coupon note '
        f"({LOOKED_FOR}; none of 1 CUSIP rows could be read (line 11: 48133DAB6: not loaded: no coupon "
        "frequency))"
    ),
    "empty.txt": "the file is empty",
    "binary.txt": "the file is a binary file, not an offering document",
    "scanned-page.jpg.txt": "the file is a JPEG image, not an offering document",
}


def test_every_refused_document_has_its_message() -> None:
    assert sorted(p.name for p in REFUSED.iterdir()) == sorted(MESSAGES)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_refused_with_what_it_is(name: str) -> None:
    path = REFUSED / name
    with pytest.raises(SourceError) as err:
        load_path(path)
    assert err.value.source == str(path)
    assert err.value.message == MESSAGES[name]


# (what the text says, what it is named) — wordings from real filings of each kind
KINDS = [
    ("Floating Rate Notes due 2022. Base Rate: Compounded SOFR", "a floating-rate note"),
    (
        "Interest Rate: Three-month USD LIBOR plus 0.45%. Interest Reset Dates: quarterly",
        "a floating-rate note",
    ),
    ("Fixed-to-Floating Rate Senior Notes due 2031", "a fixed-to-floating rate note"),
    (
        "Notes Linked to the EURO STOXX 50 Index. Reference Asset: the Index",
        "a market-linked (equity-linked) note",
    ),
    (
        "Auto-Callable Contingent Coupon Notes. Underlying: Apple Inc. Trigger Level: 70%",
        "a market-linked (equity-linked) note",
    ),
    ("The notes may be fixed rate notes or floating rate notes bearing interest at LIBOR.", None),
    (
        "Coupon Type: Fixed. The prospectus also describes floating rate notes (LIBOR, Interest Reset Dates)",
        None,
    ),
    ("Interest rates may rise; an index of prices may fall.", None),
    # documents.md §3: an MTN form ticks the fixed box and leaves the floating fields blank
    (
        "þ Fixed Rate Note  o Floating Rate Note\nBase Rate: ________\nInterest Reset Dates: ____\n"
        "Index Maturity: ____\nSpread Multiplier: ____",
        None,
    ),
    (
        "o Fixed Rate Note  þ Floating Rate Note\nBase Rate: Three-month LIBOR\nIndex Maturity: 3 months",
        "a floating-rate note",
    ),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_what_a_document_is(text: str, kind: str | None) -> None:
    named = refusal.what_it_is(text)
    assert (named.split(' ("')[0] if named else None) == kind


def test_a_letter_says_what_was_looked_for_and_found() -> None:
    with pytest.raises(SourceError) as err:
        load_bytes(b"Dear client,\nCUSIP 02006DTT8 is sold out.\n", "letter.txt")
    assert err.value.message == (
        f"no offering found: no note table with a CUSIP column ({LOOKED_FOR}; found CUSIP 02006DTT8, "
        "but no table of the notes' terms)"
    )


@pytest.mark.parametrize("name", ["floating-rate-notes-2019.html", "market-linked-sp500-2021.html"])
@FUZZ
@given(data=st.data())
def test_damaged_refused_documents_are_refused_naming_the_file(name: str, data: st.DataObject) -> None:
    original = (REFUSED / name).read_bytes()
    cut = data.draw(st.integers(0, len(original)), label="cut")
    noise = data.draw(st.binary(max_size=8), label="noise")
    assert load_within_time(original[:cut] + noise + original[cut + len(noise) :], name) == set()
