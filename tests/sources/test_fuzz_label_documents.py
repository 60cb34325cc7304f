"""Fuzzing the golden label/value documents (term sheets, MTN forms, zeros): truncations,
deletions, duplications and byte noise never raise anything but ``TermSheetError`` naming the
file, never take long, and never change a note when the damage lies after every label the notes
are read from (the table, or the one long line, and the blank line after it).

A term sheet printed on one line must load in time linear in its length (the label reader looks
at each colon once, over at most eight words).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import SourceError, TermSheetError
from app.domain.model import Note
from app.sources import load_bytes, load_path
from tests.sources.test_fuzz_supplements import FUZZ, SECONDS_PER_DOCUMENT

DATA = Path(__file__).resolve().parents[1] / "data" / "label_documents"
TEXT_DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".html"})
PDF_DOCS = sorted(DATA.glob("*.pdf"))
_NOTE_LABEL_RE = re.compile(
    rb"(?i)cusip|maturity|coupon|interest|price|yield|redemption|settlement|issue date|principal|"
    rb"denomination|rate|call"
)

Facts = set[tuple[str, object, object, object, object]]


def _facts(notes: tuple[Note, ...]) -> Facts:
    return {(n.cusip, n.maturity_date, n.coupon_rate_pct, n.price_pct, n.first_coupon_date) for n in notes}


def load_within_time(data: bytes, name: str) -> Facts:
    """The notes' facts (none when the document is refused with a ``TermSheetError``)."""
    start = time.perf_counter()
    try:
        offering, _ = load_bytes(data, name)
        found = _facts(offering.notes)
    except SourceError as err:
        assert err.source == name, str(err)
        found = set()
    except TermSheetError:
        found = set()
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_DOCUMENT, f"{name}: {elapsed:.1f} s"
    return found


class Protected:
    """The bytes a document's notes are read from: up to the end of the last line holding a note
    label, and the line after it (a deleted newline would join the prose below to it)."""

    def __init__(self, doc: Path) -> None:
        self.data = doc.read_bytes()
        self.facts = _facts(load_path(doc)[0].notes)
        lines = self.data.split(b"\n")
        last = max(i for i, line in enumerate(lines) if _NOTE_LABEL_RE.search(line) and b":" in line)
        self.end = sum(len(line) + 1 for line in lines[: last + 2])

    def check(self, touched_from: int, found: Facts, what: str) -> None:
        if touched_from > self.end:
            assert found == self.facts, f"intact notes changed ({what} from byte {touched_from})"


PROTECTED = {doc.name: Protected(doc) for doc in TEXT_DOCS}


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_truncation(doc: Path, data: st.DataObject) -> None:
    protected = PROTECTED[doc.name]
    cut = data.draw(st.integers(0, len(protected.data)), label="cut")
    protected.check(cut, load_within_time(protected.data[:cut], doc.name), "truncation")


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_deletion(doc: Path, data: st.DataObject) -> None:
    protected = PROTECTED[doc.name]
    original = protected.data
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    end = min(len(original), start + data.draw(st.integers(1, 200), label="length"))
    protected.check(start, load_within_time(original[:start] + original[end:], doc.name), "deletion")


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_duplication(doc: Path, data: st.DataObject) -> None:
    original = PROTECTED[doc.name].data
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    end = min(len(original), start + data.draw(st.integers(1, 400), label="length"))
    at = data.draw(st.integers(0, len(original)), label="insert at")
    load_within_time(original[:at] + original[start:end] + original[at:], doc.name)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_byte_noise(doc: Path, data: st.DataObject) -> None:
    mutated = bytearray(PROTECTED[doc.name].data)
    for _ in range(data.draw(st.integers(1, 8), label="count")):
        mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    load_within_time(bytes(mutated), doc.name)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
def test_every_single_line_deleted(doc: Path) -> None:
    """Systematic: each line removed in turn; the notes stay when the line lay below them."""
    protected = PROTECTED[doc.name]
    start = 0
    for line in protected.data.split(b"\n"):
        end = start + len(line) + 1
        mutated = protected.data[:start] + protected.data[end:]
        protected.check(start, load_within_time(mutated, doc.name), "line deletion")
        start = end


@pytest.mark.parametrize("doc", PDF_DOCS, ids=lambda p: p.name)
@settings(FUZZ, max_examples=8)
@given(data=st.data())
def test_damaged_pdf_is_refused_or_loaded(doc: Path, data: st.DataObject) -> None:
    original = bytearray(doc.read_bytes())
    if data.draw(st.booleans(), label="truncate"):
        original = original[: data.draw(st.integers(0, len(original)), label="cut")]
    else:
        for _ in range(data.draw(st.integers(1, 16), label="count")):
            original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    load_within_time(bytes(original), doc.name)


def _one_line(size: int) -> bytes:
    """The Toyota one-line term sheet with its legal text run on to ``size`` bytes, labels and
    colons included ("Note: …", "12:00 PM") so that every colon is looked at."""
    text = (DATA / "toyota-2012-one-line.txt").read_text(encoding="utf-8")
    head, _, tail = text.partition("1-877-858-5407.")
    filler = " Note: trades settle at 12:00 PM ET, Rule 433: see the prospectus (the Notes are due 2012)."
    return (head + filler * (size // len(filler)) + tail).encode()


@pytest.mark.timing
@pytest.mark.flaky(reruns=2)
def test_one_long_line_loads_in_linear_time() -> None:
    """1 MB and 2 MB on one line: both load, well within a second, the second in about twice
    the time of the first (never the square)."""
    timings = []
    for size in (1_000_000, 2_000_000):
        data = _one_line(size)
        start = time.perf_counter()
        offering, _ = load_bytes(data, "one-line.txt")
        timings.append(time.perf_counter() - start)
        assert [n.cusip for n in offering.notes] == ["89233P3L8"]
    assert timings[1] < 4 * timings[0] + 0.05, timings
    assert timings[1] < 2.0, timings
