"""A step-up rate printed as a range in the table ("4.25% to 4.85%") with its step dates only in
a note under it ("Initial Coupon 4.25% steps to 4.85% on 7/15/05"): the note, as a schedule."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from app.sources.values import DATE_PATTERN, clean

_RATE = r"(\d{1,2}(?:\.\d+)?)\s*%"
_RANGE_RE = re.compile(rf"^\s*{_RATE}\s*(?:to|-|–|—)\s*{_RATE}\s*$", re.I)
# the note's wording, compiled on first use (_note_words): ~2 ms that a start with a table of
# fixed rates (the sample) does without
_NOTE = (
    rf"{_RATE}\s+(?:(?:will\s+)?steps?|increases?|resets?)\s+(?:up\s+)?to\s+{_RATE}\s+(?:on|from|effective"
    rf"|beginning|as\s+of)\s+({DATE_PATTERN})(?P<more>(?:,?\s*(?:and\s+)?(?:then\s+)?(?:steps?\s+)?(?:up\s+)?"
    rf"to\s+\d{{1,2}}(?:\.\d+)?\s*%\s+(?:on|from|effective|beginning|as\s+of)\s+{DATE_PATTERN})*)"
)
_MORE = rf"to\s+{_RATE}\s+(?:on|from|effective|beginning|as\s+of)\s+({DATE_PATTERN})"


def rate_range(cell: str) -> tuple[Decimal, Decimal] | None:
    """The first and last rate of a cell that prints only a range ("4.25% to 4.85%")."""
    m = _RANGE_RE.match(clean(cell))
    return (Decimal(m.group(1)), Decimal(m.group(2))) if m else None


@cache
def _note_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The step note ("4.25% steps to 4.85% on 7/15/05") and each further step in it."""
    return re.compile(_NOTE, re.I), re.compile(_MORE, re.I)


def schedule(cell: str, prose: str) -> str | None:
    """The schedule wording ("4.25% to 7/15/05, 4.85% thereafter") of the note under the table
    that starts at the cell's first rate and ends at its last, or None."""
    bounds = rate_range(cell)
    if bounds is None:
        return None
    note_re, more_re = _note_words()
    for m in note_re.finditer(prose):
        steps = [(m.group(2), m.group(3))] + [(n.group(1), n.group(2)) for n in more_re.finditer(m["more"])]
        if (Decimal(m.group(1)), Decimal(steps[-1][0])) != bounds:
            continue
        parts = [f"{m.group(1)}% to {steps[0][1]}"]
        parts += [f"{rate}% to {steps[k + 1][1]}" for k, (rate, _) in enumerate(steps[:-1])]
        return ", ".join([*parts, f"{steps[-1][0]}% thereafter"])
    return None
