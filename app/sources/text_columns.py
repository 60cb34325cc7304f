"""Plain-text note tables without pipes: whitespace-aligned columns or rows flattened to one line.

Aligned: header words stacked over up to four lines, cells split on runs of two or more spaces
and placed by column position (so continued cells and label lines land where they belong).
Flattened: the header and each row on one line separated by single spaces; the row is read by a
pattern built from the header's column order ("Semi-Annual", "Senior Unsecured Notes" keep
their spaces).
"""

from __future__ import annotations

import re

from app.domain import cusip as cusip_rules
from app.sources.grid import Row, as_cusip, label_of
from app.sources.text_header import columns_of, place, segments, widen
from app.sources.values import DATE_PATTERN, DATE_RE
from app.sources.vocabulary import Field, field_of, mostly_header_words, split_header_line

_RULE_RE = re.compile(r"^[\s\-=_|+]+$")
_CUSIP_WORD_RE = re.compile(r"\bCUSIP\b", re.I)
_DATA_START_RE = re.compile(rf"^\s*(?:\$|\d|\[|{DATE_PATTERN})", re.I)
_LABEL_LINE_RE = re.compile(r"^\s*[A-Z][\w'/ ]{1,40}:\s+\S")
_MAX_LINE = 600
ROWS_BEFORE = 40  # a header (up to four lines, rules, blank lines) above the first CUSIP row
ROWS_AFTER = 200  # a second row group, redemption lines and continued cells below the last
# a word that may be a CUSIP (a damaged one too: 7 to 11 characters with a digit), or one
# printed with a space ("149123 BP5"); its first character is matched before the look-behind so
# that the engine skips the prose between candidates at C speed
_KEY_WORD_RE = re.compile(
    r"[0-9A-Z*@#](?<![\w*@#][0-9A-Z*@#])"
    r"(?:(?=[0-9A-Z*@#]{0,9}\d)[0-9A-Z*@#]{6,10}|[0-9A-Z]{5} [0-9A-Z*@#]{2}\d)(?![\w*@#])"
)
_MAX_HEADER = 2000
_MAX_GENERIC = 2
_PLACEHOLDER = r"\[[^\]\s]{0,3}\]|-(?: -){1,5}"  # "[]", "[—]", "- - - -"
_MONEY = rf"(?:\$\s*)?(?:\d[\d,]*(?:\.\d+)?|{_PLACEHOLDER})"
_PERCENT = rf"(?:\d+(?:\.\d+)?\s?%?|(?:{_PLACEHOLDER})\s?%?)"
_RATE = rf"{_PERCENT}(?:\s+to\s+\d+(?:\.\d+)?\s?%)?"  # "4.25% to 4.85%": a step-up's range
_VALUE_PATTERNS: dict[Field, str] = {
    Field.CUSIP: r"[0-9A-Za-z*@#]{9}|[0-9A-Za-z]{6} [0-9A-Za-z*@#]{3}",  # "149123 BP5" too
    Field.PRINCIPAL: _MONEY,
    Field.NET_PROCEEDS: _MONEY,
    Field.FIRST_COUPON_AMOUNT: _MONEY,
    Field.PRICE: _PERCENT,
    Field.AGENT_PRICE: _PERCENT,
    Field.CONCESSION: _PERCENT,
    Field.COUPON_RATE: _RATE,
    Field.COUPON_TYPE: r"(?i:fixed(?:\s+rate)?|step(?:[-\s]?up)?|floating(?:\s+rate)?|zero(?:\s+coupon)?)",
    Field.FREQUENCY: r"(?i:monthly|quarterly|semi[-\s]?annual(?:ly)?|annual(?:ly)?|at\s+maturity)",
    Field.MATURITY: DATE_PATTERN,
    Field.FIRST_COUPON_DATE: DATE_PATTERN,
    Field.ISSUE_DATE: DATE_PATTERN,
    Field.SURVIVORS_OPTION: r"(?i:yes|no|y|n)",
    Field.DAY_COUNT: r"[A-Za-z0-9]+/[A-Za-z0-9]+",
}


def _is_header_start(line: str) -> bool:
    """A line naming the CUSIP column or three fields, in words that are mostly column names
    (prose that mentions "the CUSIP number" or "the interest rate" is not a header; nor is a
    paragraph, or a term sheet printed on one line)."""
    if len(line) > _MAX_HEADER or not mostly_header_words(line):
        return False
    if _CUSIP_WORD_RE.search(line):
        return True
    return not _DATA_START_RE.match(line) and len(split_header_line(line)) >= 3


def _key_cusip(line: str) -> str | None:
    """The CUSIP a line starts with ("02006DTT8", or "149123 BP5" printed with a space, when its
    check digit holds: two words of prose in capitals must not pass for one)."""
    words = line.split(None, 2)
    if not words:
        return None
    found = as_cusip(words[0])
    if found is None and len(words) > 1 and len(words[0]) == 6:
        found = as_cusip(f"{words[0]}{words[1]}")
        return found if found and cusip_rules.is_valid(found) else None
    return found


def _header_lines(lines: list[str], i: int) -> int:
    """Index after the header block starting at ``i`` (up to four lines of column names, stops
    at data and at prose)."""
    j = i + 1
    while j < len(lines) and j < i + 4:
        line = lines[j]
        if not line.strip() or _RULE_RE.match(line) or _DATA_START_RE.match(line):
            break
        if not mostly_header_words(line):
            break
        if _LABEL_LINE_RE.match(line) or DATE_RE.search(line) or _CUSIP_WORD_RE.search(line):
            break  # a second line naming the CUSIP column starts the header (the first is damaged)
        if _key_cusip(line) or label_of(line.strip()):
            break
        j += 1
    return j


def row_pattern(fields: list[Field | None]) -> re.Pattern[str] | None:
    """A pattern reading one flattened row whose columns are ``fields`` in order; None when
    more than two columns have no typed value pattern (it could backtrack for too long)."""
    parts = []
    generic = 0
    for k, key in enumerate(fields):
        typed = _VALUE_PATTERNS.get(key) if key else None
        generic += typed is None
        parts.append(f"({typed or ('.+' if k == len(fields) - 1 else '.+?')})")
    if generic > _MAX_GENERIC:
        return None
    return re.compile(r"^\s*" + r"\s+".join(parts) + r"\s*$")


def match_row(pattern: re.Pattern[str] | None, line: str) -> list[str] | None:
    """The cells of a flattened row, or None (no pattern, no match, or a line too long)."""
    if pattern is None or len(line) > _MAX_LINE:
        return None
    m = pattern.match(line)
    return list(m.groups()) if m else None


def _flat_cells(line: str, pattern: re.Pattern[str] | None, width: int) -> list[str] | None:
    found = match_row(pattern, line)
    if found is not None:
        return found
    split = [s[2] for s in segments(line)]
    return split if len(split) == width else None


class _Block:
    """One header and the rows under it."""

    def __init__(self, lines: list[str], start: int, end: int) -> None:
        self.lines = lines
        self.header = lines[start:end]
        rule = lines[end] if end < len(lines) and _RULE_RE.match(lines[end]) else ""
        self.columns = widen(columns_of(self.header), rule)
        known = [field_of(c.text) for c in self.columns]
        self.fields = [f for f, _ in split_header_line(" ".join(self.header))]
        count = sum(k is not None for k in known)
        self.known = {k for k in known if k is not None}
        self.aligned = count >= 3 and count >= len(self.fields)
        self.keyed = Field.CUSIP in (known if self.aligned else self.fields)
        self.pattern = row_pattern(known if self.aligned else list[Field | None](self.fields))

    @property
    def usable(self) -> bool:
        return self.aligned or len(self.fields) >= 3

    def header_cells(self) -> list[str]:
        if self.aligned:
            return [c.text for c in self.columns]
        return [f.value for f in self.fields]

    def cells(self, line: str) -> list[str] | None:
        """The cells of a data line, or None when it is not a row of this table."""
        if self.aligned:
            typed = match_row(self.pattern, line)
            return typed if typed is not None else place(line, self.columns)
        found = _flat_cells(line, self.pattern, len(self.fields))
        key = _key_cusip(line)
        if found is None and self.keyed and key:
            return [key if f is Field.CUSIP else "" for f in self.fields]
        return found

    def is_row(self, line: str, near: bool, adjacent: bool) -> bool:
        """Whether a non-blank line is a row of this table. ``near``: the last non-blank line
        was a row (one blank line between at most); ``adjacent``: no blank line between."""
        text = line.strip()
        if _key_cusip(text):
            return True
        if label_of(text) is not None:
            return near
        if self.aligned:
            return near and (self._aligned_row(line) or (adjacent and self._continues(line)))
        return not self.keyed and match_row(self.pattern, line) is not None

    def _continues(self, line: str) -> bool:
        """A continued cell: nothing in the key column, every segment inside one column."""
        key = self.columns[
            next((i for i, c in enumerate(self.columns) if field_of(c.text) is Field.CUSIP), 0)
        ]
        if _LABEL_LINE_RE.match(line):
            return False
        return all(
            end <= key.start or (start >= key.end and self._inside(start, end))
            for start, end, _ in segments(line)
        )

    def _inside(self, start: int, end: int) -> bool:
        """Mostly within one column (a prose run spreads over several)."""
        overlaps = [min(end, c.end) - max(start, c.start) for c in self.columns]
        return sum(1 for o in overlaps if o > 0) <= 2 or max(overlaps) * 2 >= end - start

    def _aligned_row(self, line: str) -> bool:
        """Many segments, most of them inside one column each (prose runs across columns)."""
        parts = segments(line)
        if len(parts) < max(3, len(self.columns) // 2):
            return False
        inside = sum(1 for start, end, _ in parts if self._inside(start, end))
        return inside >= 0.7 * len(parts)


def _consume(
    block: _Block, lines: list[str], span: tuple[int, int], rows: list[Row], prose: list[str]
) -> int:
    """Rows of ``block`` from line ``span[0]``; returns where the table ends. A keyed table runs
    on past prose (a damaged row must not hide the CUSIP rows after it) until the next header
    or the end of the span."""
    k, stop = span
    after_row = True  # the header itself: its first row may follow it
    blanks = 0
    while k < stop:
        line = lines[k]
        if not line.strip() or _RULE_RE.match(line):
            blanks += 0 if line.strip() else 1
            k += 1
            continue
        if _is_header_start(line) and not _key_cusip(line):
            break
        if block.is_row(line, after_row and blanks <= 1, after_row and blanks == 0):
            label = label_of(line.strip()) is not None and not block.aligned
            cells = [line.strip()] if label else block.cells(line)
            if cells is not None:
                rows.append(Row(k + 1, cells))
                prose[k] = ""
            after_row = True
        elif block.keyed:
            after_row = False
        else:
            break
        blanks = 0
        k += 1
    return k


def table_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges that can hold a note table: from ``ROWS_BEFORE`` lines above a line holding
    a CUSIP-like word to ``ROWS_AFTER`` lines below it, overlapping ranges merged. One pattern
    over the whole text: the prose of a long document is never read line by line."""
    text = "\n".join(lines)
    spans: list[tuple[int, int]] = []
    line = pos = 0
    for m in _KEY_WORD_RE.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lo, hi = max(0, line - ROWS_BEFORE), min(len(lines), line + ROWS_AFTER)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def scan(lines: list[str]) -> tuple[list[Row], list[str]]:
    """Rows of every whitespace table in ``lines`` (header rows included) and the prose lines."""
    rows: list[Row] = []
    prose = list(lines)
    i = 0
    for lo, hi in table_spans(lines):
        i = max(i, lo)
        while i < hi:
            i = _table_at(lines, (i, hi), rows, prose)
    return rows, prose


def _table_at(lines: list[str], span: tuple[int, int], rows: list[Row], prose: list[str]) -> int:
    """The table whose header starts at ``span[0]`` (if one does) into ``rows``; the next line."""
    i, stop = span
    if not lines[i].strip() or not _is_header_start(lines[i]):
        return i + 1
    top, end = _header_top(lines, i), _header_lines(lines, i)
    block = _Block(lines, i, end)
    if top < i:  # words stacked above are kept when they name every column and more: a damaged
        wider = _Block(lines, top, end)  # line over the header loses one
        top, block = (top, wider) if wider.aligned and wider.known > block.known else (i, block)
    if not block.usable:
        return i + 1
    found: list[Row] = []
    after = _consume(block, lines, (end, max(end, stop)), found, prose)
    if found:
        rows.append(Row(top + 1, block.header_cells()))
        rows.extend(found)
        prose[top:end] = [""] * (end - top)
    return max(after, i + 1)


def _header_top(lines: list[str], i: int) -> int:
    """Where the header naming its columns at line ``i`` begins: up to two lines of column
    words stacked right above it ("1st Interest" over "Payment" over "Amount"), none of them
    over its first column (a line reaching there is the text above the table)."""
    first_end = segments(lines[i])[0][1]
    top = i
    while top > max(0, i - 2) and lines[top - 1].strip() and not _RULE_RE.match(lines[top - 1]):
        above = lines[top - 1]
        if segments(above)[0][0] < first_end or _CUSIP_WORD_RE.search(above):
            break
        if not mostly_header_words(above):
            break
        top -= 1
    return top
