"""Fuzzing the golden supplements: truncations, deletions, duplications and byte noise never
raise anything but ``TermSheetError``, never take long, and never lose a CUSIP that is intact.

A CUSIP is intact when the mutation touched none of: its rows (from the line above its CUSIP
to the next CUSIP or blank line), the header block above them, and the settle date line; for a
duplication, nothing between that header and its rows either (a copied header fragment may
re-map the columns); for a table wrapped into two row groups, nothing in the whole table; for a
transposed table (one column per CUSIP), nothing in any of its blocks. In HTML one damaged tag
or quote can swallow everything after it, so there a CUSIP is intact when the mutation lies
after its rows and after the settle date (the parser reads in order). A CUSIP is found in the
text as printed: "14912H PQ7" with its space too.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import TermSheetError
from app.sources import load_bytes, load_path

DATA = Path(__file__).resolve().parents[1] / "data" / "supplements"
TEXT_DOCS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md", ".html"})
PDF_DOCS = sorted(DATA.glob("*.pdf"))
SECONDS_PER_DOCUMENT = 3.0
FUZZ = settings(
    max_examples=int(os.environ.get("TERMSHEET_FUZZ_EXAMPLES", "40")),
    deadline=None,
    database=None,
    derandomize="TERMSHEET_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Span = tuple[int, int]


def load_within_time(data: bytes, name: str) -> set[str]:
    """The CUSIPs that load (none when the document is refused with a ``TermSheetError``, which
    must name the file)."""
    start = time.perf_counter()
    try:
        offering, _ = load_bytes(data, name)
        found = {n.cusip for n in offering.notes}
    except TermSheetError as err:
        assert err.source == name, f"the error does not name the file: {err}"
        found = set()
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_DOCUMENT, f"{name}: {elapsed:.1f} s"
    return found


class Protected:
    """The byte spans each CUSIP of a golden document depends on (see the module docstring)."""

    def __init__(self, doc: Path) -> None:
        data = doc.read_bytes()
        self.data = data
        self.cusips = [n.cusip for n in load_path(doc)[0].notes]
        self.lines: list[Span] = []
        start = 0
        for line in data.split(b"\n"):
            self.lines.append((start, start + len(line)))
            start += len(line) + 1
        self.text = [data[a:b] for a, b in self.lines]
        self.two_groups = "two-groups" in doc.name
        self.transposed = "transposed" in doc.name
        self.html = doc.suffix == ".html"

    def span(self, first: int, last: int) -> Span:
        return self.lines[first][0] - 1, self.lines[last][1] + 1

    def _row_index(self, cusip: str) -> int:
        printed = re.compile(re.escape(cusip[:6]).encode() + rb" ?" + re.escape(cusip[6:]).encode())
        return next(i for i, t in enumerate(self.text) if printed.search(t))

    def _header(self, row: int) -> tuple[int, int]:
        top = max(i for i in range(row) if re.search(rb"(?i)cusip", self.text[i]))
        if self.html:
            top = max(i for i in range(top + 1) if b"<table" in self.text[i])
        first_row = min(self._row_index(c) for c in self.cusips if self._row_index(c) > top)
        return top, first_row - 1

    def _block_end(self, row: int) -> int:
        others = [c.encode() for c in self.cusips]
        end = row
        while end + 1 < len(self.text):
            nxt = self.text[end + 1]
            if not nxt.strip() or any(c in nxt for c in others):
                break
            end += 1
        return end

    def _table_end(self) -> int:
        marks = (b"Redemption Information", *(c.encode() for c in self.cusips))
        return max(i for i, t in enumerate(self.text) if any(m in t for m in marks))

    def _blocks(self) -> Span:
        """A transposed table's lines: from its first CUSIP line to the blank line after the last
        block's labels."""
        first = min(self._row_index(c) for c in self.cusips)
        end = max(self._row_index(c) for c in self.cusips)
        while end + 1 < len(self.text) and self.text[end + 1].strip():
            end += 1
        return self.span(first, end)

    def spans(self, cusip: str, *, wide: bool) -> list[Span]:
        row = self._row_index(cusip)
        settle = [
            self.span(i, i) for i, t in enumerate(self.text) if b"Settle Date" in t or b"Issue Date:" in t
        ]
        if self.transposed:
            return [self._blocks(), *settle]
        end = self._block_end(row)
        if self.html:
            return [(0, max(hi for _, hi in [self.span(row, end), *settle]))]
        top, header_end = self._header(row)
        if self.two_groups:
            return [self.span(top, self._table_end()), *settle]
        first = row
        if wide:
            return [self.span(top, end), *settle]
        return [self.span(top, header_end), self.span(first, end), *settle]


PROTECTED = {doc.name: Protected(doc) for doc in TEXT_DOCS}


def _touches(touched: list[Span], spans: list[Span]) -> bool:
    return any(a <= hi and lo <= b for a, b in touched for lo, hi in spans)


def check_intact(doc: Path, touched: Span | list[Span], found: set[str], *, wide: bool = False) -> None:
    protected = PROTECTED[doc.name]
    changes = touched if isinstance(touched, list) else [touched]
    for cusip in protected.cusips:
        if not _touches(changes, protected.spans(cusip, wide=wide)):
            assert cusip in found, f"{doc.name}: intact {cusip} lost (mutation at {touched})"


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_truncation(doc: Path, data: st.DataObject) -> None:
    original = doc.read_bytes()
    cut = data.draw(st.integers(0, len(original)), label="cut")
    found = load_within_time(original[:cut], doc.name)
    check_intact(doc, (cut, len(original)), found)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_deletion(doc: Path, data: st.DataObject) -> None:
    original = doc.read_bytes()
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    length = data.draw(st.integers(1, 200), label="length")
    end = min(len(original), start + length)
    found = load_within_time(original[:start] + original[end:], doc.name)
    check_intact(doc, (start, end), found)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_duplication(doc: Path, data: st.DataObject) -> None:
    original = doc.read_bytes()
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    end = min(len(original), start + data.draw(st.integers(1, 400), label="length"))
    at = data.draw(st.integers(0, len(original)), label="insert at")
    mutated = original[:at] + original[start:end] + original[at:]
    found = load_within_time(mutated, doc.name)
    check_intact(doc, (at, at), found, wide=True)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_byte_noise(doc: Path, data: st.DataObject) -> None:
    original = bytearray(doc.read_bytes())
    positions = data.draw(
        st.lists(st.integers(0, len(original) - 1), min_size=1, max_size=8), label="positions"
    )
    for position in positions:
        original[position] = data.draw(st.integers(0, 255), label="byte")
    found = load_within_time(bytes(original), doc.name)
    check_intact(doc, [(p, p) for p in positions], found)


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda p: p.name)
def test_every_single_line_deleted(doc: Path) -> None:
    """Systematic: each line removed in turn (the commonest damage of a copy and paste)."""
    protected = PROTECTED[doc.name]
    for a, b in protected.lines:
        mutated = protected.data[:a] + protected.data[b + 1 :]
        check_intact(doc, (a, b + 1), load_within_time(mutated, doc.name))


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
