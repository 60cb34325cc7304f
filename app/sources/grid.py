"""Note tables of every layout as rows of cells → one raw record per CUSIP.

Handles the header repeated above every CUSIP, header words split over two or three rows
("CUSIP" over "Number", an empty top cell over "Selling Price"), a table wrapped into two row
groups (the second group, without a CUSIP column, is matched to the first by order), cells
continued on following rows, label rows under a CUSIP row ("Redemption Information: ...", broken
or whole), and transposed tables (one column per CUSIP: app/sources/transposed.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain import cusip as cusip_rules
from app.domain.model import ParseWarning
from app.sources.values import clean
from app.sources.vocabulary import Field, field_of, mostly_header_words

_CUSIP_RE = re.compile(r"^[0-9A-Z*@#]{8}[0-9]$")
# a CUSIP beside its ISIN, spaces removed: "171239AK2/US171239AK24"
_WITH_ISIN_RE = re.compile(r"^([0-9A-Z*@#]{8}[0-9])/?[A-Z]{2}([0-9A-Z*@#]{9})[0-9]$")
_MAX_HEADER_ROWS = 3
MAX_HEADER = 100  # the longest header cell read: "If Callable by Issuer, dates and terms of redemption
# (including the redemption price)" (John Hancock SignatureNotes, 86 characters)
_LABELLED_RE = re.compile(r":\s*\w")  # "Redemption Information: Non-Callable"
_NEAR_CUSIP_RE = re.compile(r"^(?=.*\d)[0-9A-Z*@#]{7,11}$")
_LABEL_RES = (
    (
        re.compile(
            r"^\W*(?:redemption\s+info\w*|redemption|call\s+provisions?|call\s+features?"
            r"|optional\s+redemption|non[-\s]?callable|callable\b|not\s+redeemable|redeemable\b)",
            re.I,
        ),
        Field.REDEMPTION,
    ),
    (
        re.compile(r"^\W*(?:step(?:[-\s]?up)?\s+(?:schedule|rates?)|interest\s+rate\s+schedule)", re.I),
        Field.STEP_SCHEDULE,
    ),
)
_LABEL_PREFIX_RE = re.compile(
    r"^\W*(?:step(?:[-\s]?up)?\s+(?:schedule|rates?)|interest\s+rate\s+schedule)\s*:?\s*", re.I
)


@dataclass(slots=True)
class Row:
    """One row of a table: its cells and the document line (or row number) it came from."""

    line: int
    cells: list[str]
    where: str = ""

    @property
    def place(self) -> str:
        """Where the row is, for messages: "line 12" (or "page 2 row 3" for a PDF)."""
        return self.where or f"line {self.line}"


@dataclass(slots=True)
class RawRecord:
    """The cells of one CUSIP, by field, still as printed."""

    line: int
    values: dict[Field, str] = field(default_factory=dict)
    where: str = ""
    labels: dict[Field, str] = field(default_factory=dict)  # the header words, as printed

    def add(self, key: Field, text: str) -> None:
        old = self.values.get(key)
        self.values[key] = f"{old} {text}" if old else text


def as_cusip(cell: str) -> str | None:
    """The CUSIP in a key cell ("149123 BP5" with its space, "171239AK2 / US171239AK24" with
    its ISIN), or None."""
    if len(cell) < 9:
        return None
    text = clean(cell).replace(" ", "").upper()
    if _CUSIP_RE.match(text):
        return text
    paired = _WITH_ISIN_RE.match(text)
    return paired[1] if paired and paired[1] == paired[2] else None  # the ISIN holds the CUSIP


_CUSIP_IN_RE = re.compile(r"(?<![0-9A-Z])(\d{3}[0-9A-Z]{3})\s?([0-9A-Z*@#]{2}\d)(?![0-9A-Z])")
_ISIN_RE = re.compile(r"(?<![0-9A-Z])US([0-9A-Z]{9})\d(?![0-9A-Z])")


def find_cusip(text: str) -> str | None:
    """The CUSIP printed in a label's value: ``171239AK2 / US171239AK24``, ``149123 BP5`` (with a
    space), or the one inside a US ISIN; one passing the check digit is preferred."""
    upper = text.upper()
    found = [a + b for a, b in _CUSIP_IN_RE.findall(upper)] + _ISIN_RE.findall(upper)
    return next((c for c in found if cusip_rules.is_valid(c)), found[0] if found else None)


def header_of(cells: list[str]) -> dict[int, Field] | None:
    """Column index → field when ``cells`` is a header row (three or more known columns)."""
    mapping: dict[int, Field] = {}
    for i, cell in enumerate(cells):
        known = field_of(cell) if cell and len(cell) <= MAX_HEADER else None
        if known is not None and known not in mapping.values():
            mapping[i] = known
    filled = sum(1 for c in cells if c.strip())
    if len(mapping) >= 3 or (len(mapping) == 2 and filled == 2):
        return mapping
    return None


def label_of(text: str) -> Field | None:
    for pattern, key in _LABEL_RES:
        if pattern.match(text):
            return key
    return None


def _complete(run: list[RawRecord]) -> list[RawRecord]:
    """The records a second row group can continue: for a repeated CUSIP only its fullest row,
    and no damaged row holding less than half the cells of a typical row of the run."""
    fullest: dict[str, RawRecord] = {}
    for r in run:
        best = fullest.get(r.values[Field.CUSIP])
        if best is None or len(r.values) > len(best.values):
            fullest[r.values[Field.CUSIP]] = r
    counts = sorted(len(r.values) for r in run)
    typical = counts[len(counts) // 2] if counts else 0
    return [r for r in run if fullest[r.values[Field.CUSIP]] is r and len(r.values) * 2 > typical]


class TableReader:
    """Feeds rows one by one; collects records and warnings."""

    def __init__(self) -> None:
        self.records: list[RawRecord] = []
        self.warnings: list[ParseWarning] = []
        self.mapping: dict[int, Field] | None = None
        self.header: list[str] = []
        self.key = 0
        self.keyed = False
        self.current: RawRecord | None = None
        self.run: list[RawRecord] = []
        self.cursor = 0

    def warn(self, row: Row, message: str) -> None:
        self.warnings.append(ParseWarning(row.place, message))

    def feed(self, row: Row) -> None:
        cells = [c.strip() for c in row.cells]
        if not any(cells):
            return
        mapping = header_of(cells)
        if mapping is not None:
            self._start_group(mapping)
            self.header = cells
            return
        if self.mapping is None:
            return
        key_cell = cells[self.key] if self.key < len(cells) else ""
        if self.keyed:
            self._keyed_row(row, cells, key_cell)
        else:
            self._keyless_row(row, cells, key_cell)

    def _start_group(self, mapping: dict[int, Field]) -> None:
        keyed = Field.CUSIP in mapping.values()
        if keyed and not self.keyed:
            self.run = []
        if not keyed:
            self.cursor = 0
            self.run = _complete(self.run)
        self.mapping = mapping
        self.keyed = keyed
        self.key = next(i for i, f in mapping.items() if f is Field.CUSIP) if keyed else min(mapping)
        self.current = None

    def _keyed_row(self, row: Row, cells: list[str], key_cell: str) -> None:
        cusip = as_cusip(key_cell)
        joined = " ".join(c for c in cells if c)
        if cusip is not None:
            self.current = RawRecord(row.line, {Field.CUSIP: cusip}, row.place)
            self._fill(self.current, cells, skip_key=True)
            self.records.append(self.current)
            self.run.append(self.current)
        elif (label := label_of(joined)) is not None and not self._in_column(cells, label):
            self._label_row(row, label, joined)
        elif key_cell:
            near = _NEAR_CUSIP_RE.match(clean(key_cell).replace(" ", "").upper())
            what = "is not a valid CUSIP" if near else "is not a CUSIP"
            self.warn(row, f"row skipped: {clean(key_cell)[:40]!r} {what}")
            self.current = None
        else:
            self._continuation(row, cells)

    def _keyless_row(self, row: Row, cells: list[str], key_cell: str) -> None:
        joined = " ".join(c for c in cells if c)
        label = label_of(joined)
        if label is not None and not self._in_column(cells, label):
            self._label_row(row, label, joined)
        elif any(as_cusip(c) for c in cells):
            self.warn(row, "row skipped: a CUSIP under a header without a CUSIP column")
            self.current = None
        elif key_cell:
            if self.cursor >= len(self.run):
                self.warn(row, "row of the second row group has no CUSIP row to join; skipped")
                self.current = None
                return
            self.current = self.run[self.cursor]
            self.cursor += 1
            self._fill(self.current, cells, skip_key=False)
        else:
            self._continuation(row, cells)

    def _in_column(self, cells: list[str], label: Field) -> bool:
        """True when a label-like text sits in the column of that field (a continued cell)."""
        assert self.mapping is not None
        filled = [i for i, c in enumerate(cells) if c]
        return bool(filled) and all(self.mapping.get(i) is label for i in filled)

    def _label_row(self, row: Row, label: Field, text: str) -> None:
        if self.current is None:
            self.warn(row, f"{label.value} line with no CUSIP row above it; ignored")
            return
        if label is Field.STEP_SCHEDULE:
            text = _LABEL_PREFIX_RE.sub("", text)
        self.current.add(label, text)

    def _continuation(self, row: Row, cells: list[str]) -> None:
        assert self.mapping is not None
        filled = [i for i, c in enumerate(cells) if c and i in self.mapping]
        if self.current is None or not filled:
            return
        if len(filled) >= max(3, len(self.mapping) // 2):
            self.warn(row, "row skipped: it has no CUSIP")
            self.current = None
            return
        for i in filled:
            self.current.add(self.mapping[i], cells[i])

    def _fill(self, record: RawRecord, cells: list[str], *, skip_key: bool) -> None:
        """Cells into ``record``; a second row group only fills fields still missing."""
        assert self.mapping is not None
        for i, key in self.mapping.items():
            if skip_key and i == self.key:
                continue
            if i < len(cells) and cells[i] and (skip_key or key not in record.values):
                record.add(key, cells[i])
                record.labels.setdefault(key, self.header[i] if i < len(self.header) else key.value)


def stack(top: list[str], bottom: list[str]) -> list[str]:
    """Two rows' cells joined column by column ("CUSIP" over "Number" → "CUSIP Number")."""
    width = max(len(top), len(bottom))
    padded = [*top, *[""] * width][:width], [*bottom, *[""] * width][:width]
    return [f"{a} {b}".strip() for a, b in zip(*padded, strict=True)]


def _known(cells: list[str]) -> int:
    return len({f for c in cells if c and len(c) <= MAX_HEADER and (f := field_of(c)) is not None})


def _header_words(row: Row) -> bool:
    """A row of column names only: no CUSIP, no "Label: value" cell ("Redemption Information:
    Non-Callable"), and mostly words of column names."""
    filled = [c for c in row.cells if c.strip()]
    return (
        bool(filled)
        and mostly_header_words(" ".join(filled))
        and not any(as_cusip(c) or _LABELLED_RE.search(c) for c in filled)
    )


def _joined_header(rows: list[Row], i: int) -> tuple[Row, int]:
    """The header starting at ``rows[i]`` with the header rows under it joined column by column
    where that names more fields than any part ("CUSIP" over "Number", "" over "Selling
    Price"; three rows that name nothing until all are read: "Fixed" / "Rate Note CUSIP" /
    "Number", John Deere Capital InterNotes, 2014–2017); how many rows it took."""
    best, used = rows[i], 1
    if not _header_words(rows[i]):
        return best, used
    cells = rows[i].cells
    most = _known(cells)
    for k in range(i + 1, min(i + _MAX_HEADER_ROWS, len(rows))):
        if not _header_words(rows[k]):
            break
        cells = stack(cells, rows[k].cells)
        most = max(most, _known(rows[k].cells))
        if _known(cells) > most:
            best, used = Row(rows[i].line, cells, rows[i].where), k - i + 1
            most = _known(cells)
    return best, used


def join_header_rows(rows: list[Row]) -> list[Row]:
    """``rows`` with every header split over two or three rows joined into one."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row, used = _joined_header(rows, i)
        out.append(row)
        i += used
    return out


def _fold(cells: list[str]) -> list[str]:
    """A lone ``$`` joins the amount after it, a lone ``%`` or ``)`` the number before it."""
    out = list(cells)
    for i, cell in enumerate(out):
        if cell == "$":
            nxt = next((k for k in range(i + 1, len(out)) if out[k]), None)
            if nxt is not None:
                out[i], out[nxt] = "$" + out[nxt], ""
        elif cell in ("%", ")") and i:
            prev = next((k for k in range(i - 1, -1, -1) if out[k]), None)
            if prev is not None:
                out[prev], out[i] = out[prev] + cell, ""
    return out


def tidy(rows: list[Row]) -> list[Row]:
    """Cells of an HTML or PDF table: ``$``/``%`` folded, columns empty in every row dropped."""
    folded = [Row(r.line, _fold(r.cells), r.where) for r in rows]
    width = max((len(r.cells) for r in folded), default=0)
    keep = [i for i in range(width) if any(i < len(r.cells) and r.cells[i] for r in folded)]
    return [Row(r.line, [r.cells[i] if i < len(r.cells) else "" for i in keep], r.where) for r in folded]
