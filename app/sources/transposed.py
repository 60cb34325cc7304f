"""Transposed note tables: one column per CUSIP, the labels down the left (SignatureNotes).

``CUSIP or Common Code: | 41013MBP4 | 41013MBQ2 | ...`` with ``Price to Public:``, ``Interest
Rate:``, ``Maturity Date:``, ``Callable by Issuer:`` ... in the rows around it; more CUSIPs in a
second block with its own labels. Each block is turned into an ordinary table (a header row of
the labels, a row per CUSIP) so the one table reader reads it. A row with an empty label
continues the values of the row above it (a value wrapped onto a second line).

A pricing term sheet is a label/value table too, its tranches in parallel columns: a block with
a term sheet's labels (``Issuer:``, ``Trade Date:``, ``Settlement Date:``, ``Benchmark Treasury:``
...) is left to the term sheet reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.sources.grid import MAX_HEADER, Row, as_cusip, stack
from app.sources.vocabulary import Field, field_of, norm_label

if TYPE_CHECKING:
    from app.sources.text_header import Column

WINDOW = 60  # text lines searched above and below a CUSIP line for its block
TERM_SHEET_LABELS = frozenset(
    norm_label(label)
    for label in (
        "Issuer", "Guarantor", "Security Type", "Securities", "Trade Date", "Pricing Date",
        "Settlement Date", "Expected Settlement Date", "Benchmark Treasury", "Spread to Benchmark",
        "Spread to Benchmark Treasury", "Treasury Yield", "Joint Book-Running Managers",
        "Book-Running Managers", "Co-Managers", "Underwriters", "Yield to Maturity", "Re-offer Yield",
        "Reoffer Yield", "Re-offer Price", "Reoffer Price", "Expected Ratings", "Ratings",
        "Use of Proceeds", "Make-Whole Call", "Par Call",
    )
)  # fmt: skip


def _label(cell: str) -> bool:
    text = cell.strip()
    return 0 < len(text) <= MAX_HEADER and (text.endswith(":") or field_of(text) is not None)


def _cusip_columns(row: Row) -> list[int]:
    """The columns of a CUSIP row that hold CUSIPs (empty when ``row`` is no CUSIP row)."""
    if not row.cells or field_of(row.cells[0]) is not Field.CUSIP:
        return []
    return [k for k, cell in enumerate(row.cells) if k and as_cusip(cell)]


def _key(row: Row) -> str:
    return " ".join(row.cells[0].lower().split()) if row.cells else ""


def _fits(row: Row, seen: set[str]) -> bool:
    """A label row not yet seen in the block (a repeated label starts the next block), or a
    continuation row (no label, values); not a blank line."""
    if not row.cells:
        return False
    first = row.cells[0].strip()
    if not first:
        return any(c.strip() for c in row.cells[1:])
    return _label(first) and _key(row) not in seen and not _cusip_columns(row)


def _block(rows: list[Row], at: int, floor: int) -> tuple[int, int]:
    """The label rows around the CUSIP row ``rows[at]``, not above ``floor``: [start, end)."""
    seen = {_key(rows[at])}
    start = at
    while start > floor and rows[start - 1].cells:  # a value wrapped onto a row of its own too
        if not _fits(rows[start - 1], seen):
            break
        start -= 1
        seen.add(_key(rows[start]))
    end = at + 1
    while end < len(rows) and _fits(rows[end], seen):
        seen.add(_key(rows[end]))
        end += 1
    return start, end


def _labelled(rows: list[Row]) -> list[Row]:
    """Rows of a block with continuation rows (empty label) joined to the row above."""
    out: list[Row] = []
    for row in rows:
        if out and not row.cells[0].strip():
            out[-1] = Row(out[-1].line, stack(out[-1].cells, row.cells), out[-1].where)
        elif any(c.strip() for c in row.cells[1:]):
            out.append(row)
    return out


def _as_table(block: list[Row], key: Row, columns: list[int]) -> list[Row]:
    """A header row of the labels and one row per CUSIP column."""
    rows = _labelled(block)
    out = [Row(key.line, [r.cells[0].strip() for r in rows], key.where)]
    for k in columns:
        cells = [r.cells[k].strip() if k < len(r.cells) else "" for r in rows]
        out.append(Row(key.line, cells, f"{key.place}, column {k + 1}"))
    return out


def _term_sheet(block: list[Row]) -> bool:
    return any(row.cells and _bare(norm_label(row.cells[0])) in TERM_SHEET_LABELS for row in block)


def _bare(label: str) -> str:
    """A label without its parenthesis: "settlement date (original issue date)" → "settlement date"."""
    return label[: label.rindex("(")].rstrip() if label.endswith(")") and "(" in label else label


def _blocks(rows: list[Row]) -> list[tuple[int, int, int]]:
    """The transposed blocks of ``rows``: (start, end, CUSIP row), a term sheet's left out."""
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < len(rows):
        at = next((k for k in range(i, len(rows)) if _cusip_columns(rows[k])), None)
        if at is None:
            break
        start, end = _block(rows, at, i)
        if not _term_sheet(rows[start:end]):
            found.append((start, end, at))
        i = end
    return found


def expand(rows: list[Row]) -> list[Row]:
    """``rows`` with every transposed block replaced by the table it stands for."""
    out: list[Row] = []
    i = 0
    for start, end, at in _blocks(rows):
        out.extend(rows[i:start])
        out.extend(_as_table(rows[start:end], rows[at], _cusip_columns(rows[at])))
        i = end
    return out + rows[i:]


def holds_block(rows: list[Row]) -> bool:
    """Whether ``rows`` (one table) hold a transposed block."""
    return bool(_blocks(rows))


def _text_columns(line: str) -> list[Column]:
    """The label column and one column per CUSIP of a text CUSIP row."""
    from app.sources.text_header import Column, segments  # plain text only (scan_text)

    parts = segments(line)
    if len(parts) < 2:
        return []
    columns = [Column(0, parts[1][0], parts[0][2])]
    for k, (start, end, text) in enumerate(parts[1:], start=1):
        nxt = parts[k + 1][0] if k + 1 < len(parts) else end + 40
        columns.append(Column(start, max(end, nxt - 2), text))
    return columns


def scan_text(lines: list[str]) -> tuple[list[Row], list[str]]:
    """Rows of the transposed blocks of a plain-text document and the prose lines left. The
    columns are set by each block's CUSIP line (a value goes under the CUSIP it overlaps most);
    a block's lines are contiguous: a blank line ends it. The text-column helpers are imported
    here, on first use: tables read from pipes or HTML never need them."""
    from app.sources.text_header import place

    rows: list[Row] = []
    prose = list(lines)
    floor = i = 0
    while i < len(lines):
        columns = _text_columns(lines[i]) if "cusip" in lines[i].lower() else []
        if not _cusip_columns(Row(i + 1, [c.text for c in columns])):
            i += 1
            continue
        lo, hi = max(floor, i - WINDOW), min(len(lines), i + WINDOW)
        window = [Row(k + 1, place(lines[k], columns) if lines[k].strip() else []) for k in range(lo, hi)]
        start, end = _block(window, i - lo, 0)
        if not _term_sheet(window[start:end]):
            for row in window[start:end]:
                rows.append(row)
                prose[row.line - 1] = ""
        floor = i = lo + end
    return rows, prose
