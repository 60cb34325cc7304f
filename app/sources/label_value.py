"""The label/value reader of term sheets and form-layout supplements: rows → entries.

A row is the cells of an HTML or PDF table row, or a text line split on runs of two or more
spaces (an indented line starts with an empty cell). A label starts a cell ("Issuer:", "Trade
Date" alone in its cell) or follows a value after its colon ("… Corporation Trade Date: November
12, 2009" in a filing printed on one line); rows without a label continue the entry above (a
wrapped value, "• Par Call on or after …" bullets, check-box options). Unknown labels in title
case still end the value before them.

Tranche tags inside one value ("2051 Notes: December 15, 2051 2061 Notes: …", "$750,000,000
for Notes due 2013 / $1,000,000,000 for Notes due 2018") are split here (``split_tags``); which
value belongs to which note is ``tranches``. Work is linear in the text: one pass over the colons,
each looked at over at most eight words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.sources import check_boxes
from app.sources.grid import Row
from app.sources.vocabulary import Key, Label, label_key

MAX_CELL = 4000  # a value longer than this is boilerplate run on; its start is kept
MAX_LABEL_WORDS = 8
MAX_UNKNOWN_WORDS = 6
_CELL_SPLIT_RE = re.compile(r"\s{2,}|\t|\s*\.{4,}\s*")  # "Principal Amount......... $100,000,000"
_TOKEN_RE = re.compile(r"\S+")
_HEAD = 100  # characters before a colon looked at: the longest label printed is 63
_TAG_HINT_RE = re.compile(r"(?:notes|\d{4})\)?\s*$", re.I)
_NUMBER_RE = re.compile(r"^[(\[$]?\d[\d,./%)\]-]*$")
_FOOTNOTE_RE = re.compile(r"\(\d{1,2}\)|\([a-z]\)$|[*†‡§¹²³⁴⁵]+")
_SENTENCE_LABEL_RE = re.compile(r"^\s*[A-Z][A-Za-z'’&/()\-]*(?:\s+[A-Za-z'’&/()\-]+){0,5}\s*$")
_TITLE_WORDS_RE = re.compile(r"^[A-Z][A-Za-z'’]*(?: [A-Za-z'’]+){0,4}$")
_TITLE_RE = re.compile(r"^[(\[\"']?[A-Z][A-Za-z'&.\-/()]*[)\]]?$")
_CONNECTORS = frozenset(
    {"of", "to", "and", "or", "the", "for", "per", "in", "on", "if", "by", "a", "an", "with", "from"}
    | {"at", "as", "than", "/", "&", "-", "–"}
)
_TAG_END_RE = re.compile(
    r"(?:\b(?:for|of|on)\s+(?:the\s+)?|\()?(?:\b(?P<y>\d{4})\s+(?:senior\s+)?notes|\b(?:senior\s+)?notes\s+due\s+"
    r"(?P<y2>\d{4})|\b(?P<k>fixed|floating)[-\s]rate\s+notes)\)?\s*$",
    re.I,
)
_TAG = (
    r"(?:(?P<y>\d{4})\s+(?:senior\s+)?notes|(?:senior\s+)?notes\s+due\s+(?P<y2>\d{4})"
    r"|(?P<k>fixed|floating)[-\s]rate\s+notes)"
)
_CASE_TAG_RE = re.compile(rf"\bin\s+the\s+case\s+of\s+(?:the\s+)?{_TAG}\s*[:,–—]", re.I)
_SUFFIX_TAG_RE = re.compile(rf"\b(?:for|of|on)\s+(?:the\s+)?{_TAG}", re.I)
_PREFIX_TAG_RE = re.compile(rf"(?:\bthe\s+)?\b{_TAG}\s*[:,–—•]", re.I)
_TRANCHE_NAME_RE = re.compile(
    r"^(?:\$[\d,]+\s+)?(?:\d+(?:\.\d+)?%\s+)?(?:(?:[A-Z][\w-]*|\d{4})\s+){0,4}(?:notes|debentures|bonds|securities)"
    r"(?:\s+due\s+\d{4})?$",
    re.I,
)
_SEPARATORS = " /;,\n"
_BULLETS = ("•", "·", "-", "–", "o ", "þ", "ý", "[", "¨", "☐", "☒")


@dataclass(slots=True)
class Entry:
    """One label and its value as printed: one cell per column (parallel tranches)."""

    key: Key | None
    label: str
    cells: list[str]
    line: int
    tag: str | None = None  # the tranche its label names ("Accrued Interest for 2034 Notes")

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)

    def extend(self, cells: list[str]) -> None:
        """A continued value: cell by cell when the columns agree, else onto the last cell."""
        cells = [c for c in cells if c]
        if len(self.cells) > 1 and len(cells) == len(self.cells):
            self.cells = [_join(a, b) for a, b in zip(self.cells, cells, strict=True)]
        elif self.cells:
            self.cells[-1] = _join(self.cells[-1], " ".join(cells))
        elif len(cells) > 1 and not any(len(c) < 3 or check_boxes.has_marks(c) for c in cells):
            self.cells = [c[:MAX_CELL] for c in cells]  # under a label alone on its line, one value
            # per tranche ("Maturity Date:" / "August 25, 2014   August 25, 2021", PepsiCo 2011)
        else:
            self.cells = [" ".join(cells)[:MAX_CELL]]


def _join(a: str, b: str) -> str:
    return f"{a} {b}"[:MAX_CELL] if a else b[:MAX_CELL]


def text_rows(text: str) -> list[Row]:
    """The lines of a text document as rows: cells split on two or more spaces (or a dot leader),
    an indented line led by an empty cell, a blank line as a row without cells."""
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            rows.append(Row(number, []))
            continue
        cells = _CELL_SPLIT_RE.split(stripped)
        indent = len(line) - len(line.lstrip())
        rows.append(Row(number, ["", *cells] if indent >= 2 else cells))
    return rows


def _run(tokens: list[tuple[int, str]]) -> int:
    """How many tokens before a colon read as a label in title case ("Benchmark Treasury
    Price / Yield"), counted from the colon back."""
    count = 0
    for k, (_, token) in enumerate(reversed(tokens)):
        word = _FOOTNOTE_RE.sub("", token)
        if not word or (k > 0 and word[-1] in ",;."):
            break
        if word.lower() in _CONNECTORS or _TITLE_RE.match(word):
            count += 1
            continue
        break
    while count and tokens[-count][1].lower() in _CONNECTORS:
        count -= 1
    return count


def _label_start(cell: str, colon: int, at_start: bool) -> tuple[int, int, str | None] | None:
    """Where the label ending at ``colon`` starts and ends, and the tranche it names ("Maturity
    Date for 2034 Notes:"); None when the colon ends no label ("2051 Notes:" alone opens a
    tranche's part of a value)."""
    head = cell[max(0, colon - _HEAD) : colon]
    offset = colon - len(head)
    tag = _TAG_END_RE.search(head) if _TAG_HINT_RE.search(head[-16:]) else None
    if tag is not None:
        head = head[: tag.start()]
        if not head.strip() or head.rstrip()[-1] in ",;.":
            return None
    found = _start(cell, head, offset, at_start)
    if found is None:
        return None
    return found, offset + len(head) if tag else colon, tag_key(tag) if tag else None


def _start(cell: str, head: str, offset: int, at_start: bool) -> int | None:
    """Where a label ending with ``head`` starts (``head`` = the text before its colon)."""
    colon = offset + len(head)
    tokens = [(m.start() + offset, m.group()) for m in _TOKEN_RE.finditer(head)][-MAX_LABEL_WORDS:]
    if not tokens:
        return None
    run = _run(tokens)
    if at_start and colon >= len(cell) - 2 and colon <= _HEAD:  # a label alone in its cell
        whole = cell[:colon]
        if _SENTENCE_LABEL_RE.match(whole) and label_key(whole) is None:
            return len(whole) - len(whole.lstrip())  # "Benchmark Yield:" is not "Yield"
    for n in range(_reach(tokens), 0, -1):
        capital = tokens[-n][1].lstrip("([\"'")[:1].isupper()
        if (capital or at_start) and label_key(cell[tokens[-n][0] : colon]) is not None:
            if n < run and tokens[-n - 1][1].lower() in _CONNECTORS:
                n = run  # "All-in Price to Issuer" is not the issuer
            return tokens[-n][0]
    if at_start and _SENTENCE_LABEL_RE.match(cell[:colon]):
        return len(cell[:colon]) - len(cell[:colon].lstrip())  # "Initial valuation date:"
    if run == 0:
        return None
    first = tokens[-run][0]
    if run == 1 and not (at_start and not cell[:first].strip()):
        return None  # one capitalised word inside a value is not a label
    return tokens[-min(run, MAX_UNKNOWN_WORDS)][0]


def _reach(tokens: list[tuple[int, str]]) -> int:
    """How many tokens before a colon a label can span: not past the end of a sentence or a
    number ("… due 2012). Note:" → one)."""
    for k, (_, token) in enumerate(reversed(tokens)):
        if k > 0 and (token[-1] in ".,;" or _NUMBER_RE.match(token)):
            return k
    return len(tokens)


def _labels(cell: str, at_start: bool) -> list[tuple[int, int, str, str | None]]:
    """The labels in one cell: (start, end after the colon, label text, tranche tag)."""
    if at_start and len(cell) <= 80 and label_key(cell) is not None:
        return [(0, len(cell), cell.rstrip(" :"), None)]
    found: list[tuple[int, int, str, str | None]] = []
    colon = cell.find(":")
    while colon >= 0:
        label = _label_start(cell, colon, at_start)
        if label is not None and (not found or label[0] >= found[-1][1]):
            start, end, tag = label
            found.append((start, colon + 1, cell[start:end].strip(), tag))
        colon = cell.find(":", colon + 1)
    return found


Piece = tuple[str | None, str | None, list[str]]


def _pieces(cells: list[str]) -> list[Piece]:
    """A row as (label, tranche tag, value cells) pieces; a first piece with no label continues
    the entry above. A label without a colon counts only as the first cell of a row that is not
    indented ("Issuer" alone in its cell), never inside a continued value."""
    pieces: list[Piece] = [(None, None, [])]
    for index, cell in enumerate(cells):
        if not cell:
            continue
        pos = 0
        for start, end, label, tag in _labels(cell, at_start=index == 0):
            if cell[pos:start].strip():
                pieces[-1][2].append(cell[pos:start].strip())
            pieces.append((label, tag, []))
            pos = end
        if cell[pos:].strip():
            pieces[-1][2].append(cell[pos:].strip()[:MAX_CELL])
    return pieces


class _Reader:
    """Feeds rows in order; collects the entries."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.current: Entry | None = None
        self.blank = False
        self.fragment = ""  # a row of title words only, no colon: perhaps a label's first line

    def feed(self, row: Row) -> None:
        cells = [" ".join(c.split()) for c in row.cells]
        if not any(cells):
            self.blank = True
            self.fragment = ""
            return
        indented = not cells[0]
        fragment = (
            cells[0] if len(cells) == 1 and ":" not in cells[0] and _TITLE_WORDS_RE.match(cells[0]) else ""
        )
        for label, tag, values in _pieces(cells):
            if label is None:
                if values and not self._continue(values, indented, row.line) and self.current:
                    return  # prose after a blank line: the entry above has ended
                continue
            key, label = self._key(label)
            self.current = Entry(key, label, values, row.line, tag)
            self.entries.append(self.current)
        self.blank = False
        self.fragment = fragment

    def _key(self, label: str) -> tuple[Key | None, str]:
        """What ``label`` names, and the label; a label printed over two lines ("Interest
        Payment" / "Dates:", Nomura America Finance 2011) is read whole, its first line taken off
        the value above."""
        key = label_key(label)
        if key is not None or not self.fragment or not self.entries:
            return key, label
        whole = f"{self.fragment} {label}"
        key = label_key(whole)
        above = self.entries[-1]
        if key is None or not above.cells or not above.cells[-1].endswith(self.fragment):
            return None, label
        above.cells[-1] = above.cells[-1][: -len(self.fragment)].rstrip()
        return key, whole

    def _continue(self, values: list[str], indented: bool, line: int) -> bool:
        """Whether a row without a label at its start continues the entry above (a wrapped or
        indented value, bullets, check boxes, a value under a label alone in its row)."""
        if len(values) >= 2 and all(_TRANCHE_NAME_RE.match(v) for v in values):
            return True  # the names heading parallel columns ("2051 Notes   2061 Notes")
        text = " ".join(values)
        note_kind = check_boxes.ticked(text) is not None and _names_note_kind(text)
        current = self.current
        if note_kind and (current is None or current.key not in (Label.NOTE_TYPE, Label.SECURITY)):
            self.current = Entry(Label.NOTE_TYPE, "", values, line)  # "[X] Fixed Rate Note"
            self.entries.append(self.current)
            return True
        if current is None:
            return False  # text before the first label: the document's heading
        if not self.blank or indented or not current.text or text.startswith(_BULLETS):
            current.extend(values)
            return True
        return False


def _names_note_kind(text: str) -> bool:
    return bool(re.search(r"\b(?:fixed|floating|zero)[-\s](?:rate|coupon)\b|\brate\s+note\b", text, re.I))


def read_entries(rows: Iterable[Row]) -> list[Entry]:
    """Every label and its value, in document order."""
    reader = _Reader()
    for row in rows:
        reader.feed(row)
    return reader.entries


def split_tags(text: str, minimum: int = 2) -> dict[str, str] | None:
    """The parts of a value that names its tranches ("2051 Notes: December 15, 2051 2061 Notes:
    December 15, 2061"; "$750,000,000 for Notes due 2013 / $1,000,000,000 for Notes due 2018"),
    by tranche key ("2051", "fixed"); None when fewer than ``minimum`` tranches are named."""
    marks: list[tuple[int, int, str, bool]] = []
    for pattern, prefix in ((_CASE_TAG_RE, True), (_SUFFIX_TAG_RE, False), (_PREFIX_TAG_RE, True)):
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in marks):
                marks.append((m.start(), m.end(), tag_key(m), prefix))
    marks.sort()
    if not marks or len({key for _, _, key, _ in marks}) < minimum:
        return None
    parts: dict[str, str] = {}
    for k, (start, end, key, prefix) in enumerate(marks):
        if prefix:
            stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
            part = text[end:stop]
        else:
            part = text[marks[k - 1][1] if k else 0 : start]
        parts.setdefault(key, part.strip(_SEPARATORS).removesuffix(" and").strip(_SEPARATORS))
    return parts


def tag_key(m: re.Match[str]) -> str:
    """ "2034" for "2034 Notes" / "Notes due 2034", "fixed" for "Fixed Rate Notes"."""
    return (m.group("y") or m.group("y2") or m.group("k") or "").lower()
