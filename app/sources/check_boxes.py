"""Check boxes of form-layout supplements: only the ticked options of a value count.

Ticked: ``þ`` and ``ý`` (Wingdings, as EDGAR files carry them), ``☒ ☑ ✔ ✓ ■``, ``[X]``, ``(X)``.
Unticked: ``o`` and ``¨`` (Wingdings), ``☐ □ ❑``, ``[ ]``, ``( )``. A lone ``o`` is read as a box
only when the value starts with it or holds another box ("o Floating Rate Note"), never inside
words or sentences. Source: US Bancorp Medium-Term Notes, Series R pricing supplements (2010):
"þ Fixed Rate Note o Commercial Paper Note … o Zero Coupon Note".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TICKED = r"þ|ý|☒|☑|✔|✓|■|\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)"
_EMPTY = r"¨|☐|□|❑|\[\s*\]|\(\s\)"
_BOX_RE = re.compile(rf"(?:(?<=\s)|^)(?P<tick>{_TICKED})|(?:(?<=\s)|^)(?P<empty>{_EMPTY}|o)(?=\s)")
_STRONG_RE = re.compile(rf"(?:{_TICKED}|{_EMPTY})")
_BLANK_RE = re.compile(r"^[\s_$%.\-–—/]*_{2,}[\s_$%.\-–—/]*$|^\s*(?:n/?a|not\s+applicable)\.?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Box:
    """One option of a check-box list: whether it is ticked, and its text."""

    ticked: bool
    text: str


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a box other than a lone ``o`` (``þ``, ``[X]``, ``☐`` …)."""
    return _STRONG_RE.search(text) is not None


def boxes(text: str, lone_o: bool = True) -> list[Box]:
    """The options of ``text`` in order (empty when it holds no check box). ``lone_o``: whether
    a lone ``o`` may be a box at all (not in a document that uses it as a bullet, as Word's
    second-level lists do, and ticks no box anywhere)."""
    marks = list(_BOX_RE.finditer(text))
    if not marks:
        return []
    lone_o_only = all(m.group("empty") == "o" for m in marks)
    if lone_o_only and not (lone_o and text.lstrip().startswith("o ")):
        return []
    if not lone_o_only and not _STRONG_RE.search(text):
        return []
    found = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        found.append(Box(m.group("tick") is not None, " ".join(text[m.end() : end].split())))
    return found


def ticked(text: str, lone_o: bool = True) -> str | None:
    """The text of the ticked options ("" when none is ticked); None when ``text`` holds no box
    (then the value is read as printed)."""
    found = boxes(text, lone_o)
    if not found:
        return None
    return " ".join(b.text for b in found if b.ticked)


def is_blank(text: str) -> bool:
    """A field left blank because it does not apply: ``_________``, ``____%``, ``N/A``."""
    return not text.strip() or bool(_BLANK_RE.match(text))
