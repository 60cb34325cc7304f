"""Footnote marks in cells (``Monthly(†)``, ``6/15/10***``, ``YES§``) read through the footnotes
printed under the table ("*** Callable at 100% on the date shown and annually thereafter ...").

A footnote is a line of the prose that starts with its mark; it runs on over the lines after it
up to a blank line or the next footnote. Marks are told apart exactly: ``*``, ``**`` and ``***``
are three footnotes; ``(1)``, ``1)`` and a superscript ``¹`` are the same one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_SYMBOL = r"(?:\*{1,4}|†{1,3}|‡{1,3}|§{1,3}|¶{1,3})"
_MARK = rf"\((?:{_SYMBOL}|\d{{1,2}})\)|\d{{1,2}}\)|{_SYMBOL}|[¹²³⁴⁵⁶⁷⁸⁹]"
_DEFINITION_RE = re.compile(rf"^\s*({_MARK})\s*(?=[A-Za-z])(.*\S)\s*$")
_CELL_MARKS_RE = re.compile(rf"(?:{_MARK})+$")
_ONE_MARK_RE = re.compile(_MARK)
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")
MAX_NOTE = 600


def key(mark: str) -> str:
    """A mark as looked up: without parentheses, superscript digits as digits."""
    return mark.strip("() ").translate(_SUPERSCRIPTS)


def read(prose: str) -> dict[str, str]:
    """Every footnote of ``prose`` by mark (the first definition of a mark wins)."""
    notes: dict[str, str] = {}
    current: str | None = None
    for line in prose.split("\n"):
        m = _DEFINITION_RE.match(line)
        if m is not None:
            current = key(m.group(1))
            if current in notes:
                current = None
                continue
            notes[current] = m.group(2)
        elif not line.strip():
            current = None
        elif current is not None and len(notes[current]) < MAX_NOTE:
            notes[current] = f"{notes[current]} {line.strip()}"
    return notes


def marks(cell: str) -> list[str]:
    """The marks at the end of a cell, in order ("YES§†" → ["§", "†"])."""
    found = _CELL_MARKS_RE.search(cell.strip())
    return [key(m.group(0)) for m in _ONE_MARK_RE.finditer(found.group(0))] if found else []


def of_cell(cell: str, notes: Mapping[str, str]) -> list[str]:
    """The footnotes a cell's marks point to (a mark with no footnote is left out)."""
    return [notes[m] for m in marks(cell) if m in notes]
