"""Columns of a plain-text table found from its header lines: stacked words, rules, placement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.sources.vocabulary import field_of

_SEGMENT_RE = re.compile(r"\S+(?: \S+)*")
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an aligned table: its character span and its (joined) header text."""

    start: int
    end: int
    text: str


def segments(line: str) -> list[tuple[int, int, str]]:
    """Runs of text separated by two or more spaces: (start, end, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _SEGMENT_RE.finditer(line)]


def _merge(header: list[str], pattern: re.Pattern[str]) -> list[Column]:
    """Runs of ``pattern`` in the header lines merged where they overlap."""
    spans: list[list[tuple[int, int, str, int]]] = []
    for row, line in enumerate(header):
        for m in pattern.finditer(line):
            start, end = m.start(), m.end()
            hits = [s for s in spans if any(a < end and start < b for a, b, _, _ in s)]
            merged = [(start, end, m.group(0), row)]
            for s in hits:
                merged.extend(s)
                spans.remove(s)
            spans.append(merged)
    result = []
    for group in spans:
        parts = sorted(group, key=lambda p: (p[3], p[0]))
        text = " ".join(p[2] for p in parts)
        result.append(Column(min(p[0] for p in group), max(p[1] for p in group), text))
    return sorted(result, key=lambda c: c.start)


def _merge_words(header: list[str], lo: int, hi: int) -> list[Column]:
    """Words of the header lines within ``lo``..``hi``, each joined to the word group above it
    that it overlaps most (a word under two groups does not fuse them)."""
    groups: list[list[tuple[int, int, str]]] = []
    spans: list[tuple[int, int]] = []
    for line in header:
        for m in _WORD_RE.finditer(line):
            start, end = m.start(), m.end()
            if start < lo or end > hi:
                continue
            overlaps = [min(end, b) - max(start, a) for a, b in spans]
            best = max(range(len(groups)), key=overlaps.__getitem__, default=None)
            if best is not None and overlaps[best] > 0:
                groups[best].append((start, end, m.group(0)))
                a, b = spans[best]
                spans[best] = (min(a, start), max(b, end))
            else:
                groups.append([(start, end, m.group(0))])
                spans.append((start, end))
    columns = [Column(a, b, " ".join(x[2] for x in g)) for g, (a, b) in zip(groups, spans, strict=True)]
    return sorted(columns, key=lambda c: c.start)


def _known(columns: list[Column]) -> int:
    return sum(1 for c in columns if field_of(c.text) is not None)


def columns_of(header: list[str]) -> list[Column]:
    """Header columns: text runs of all lines merged where they overlap, left to right; a run
    that names no field is split into words and regrouped ("Coupon Coupon" over "Type Rate")."""
    out: list[Column] = []
    for column in _join_split_names(_merge(header, _SEGMENT_RE)):
        if field_of(column.text) is None and len(header) > 1:
            words = _join_split_names(_merge_words(header, column.start, column.end))
            if _known(words) > 0:
                out.extend(words)
                continue
        out.append(column)
    return _join_split_names(out)


def _join_split_names(columns: list[Column]) -> list[Column]:
    """Neighbours that only name a field together ("1st" + "Coupon Date") become one column."""
    out: list[Column] = []
    for column in columns:
        if out and field_of(out[-1].text) is None and field_of(column.text) is None:
            joined = Column(out[-1].start, column.end, f"{out[-1].text} {column.text}")
            if field_of(joined.text) is not None:
                out[-1] = joined
                continue
        if out and field_of(out[-1].text) is None:
            words = out[-1].text.split()
            head, tail = words[: len(words) // 2 or 1], words[len(words) // 2 or 1 :]
            joined = Column(out[-1].start, column.end, " ".join([*head, column.text, *tail]))
            if tail and field_of(joined.text) is not None:
                out[-1] = joined
                continue
        out.append(column)
    return out


def widen(columns: list[Column], rule: str) -> list[Column]:
    """Columns stretched to the dashes ruled under them ("---------   --------")."""
    out = list(columns)
    for start, end, _ in segments(rule.replace("|", " ")):
        hits = [k for k, c in enumerate(out) if c.start < end and start < c.end]
        if len(hits) == 1:
            c = out[hits[0]]
            out[hits[0]] = Column(min(c.start, start), max(c.end, end), c.text)
    return out


def place(line: str, columns: list[Column]) -> list[str]:
    """The cells of an aligned line: each segment goes to the column it overlaps most, except
    that text starting inside the first column belongs to it (prose at the margin is never
    taken for a continued cell)."""
    cells = [""] * len(columns)
    for start, end, text in segments(line):
        if columns and start < columns[0].end:
            cells[0] = f"{cells[0]} {text}".strip()
            continue
        best = max(
            range(len(columns)),
            key=lambda k: (
                min(end, columns[k].end) - max(start, columns[k].start),
                -abs(columns[k].start - start),
            ),
        )
        cells[best] = f"{cells[best]} {text}".strip()
    return cells
