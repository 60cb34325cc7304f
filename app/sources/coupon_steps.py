"""Step-up rate schedules ("3.00% to 6/20/2019, 3.50% to 6/20/2021, 4.00% thereafter")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from app.domain.model import Step
from app.sources.values import DATE_PATTERN, date_from_match

_I = re.IGNORECASE
_RATE = r"(?P<rate>\d{1,2}(?:\.\d+)?)\s*%(?:\s*per\s+annum)?"
_DATE = rf"(?P<date>{DATE_PATTERN})"
_SEGMENT_RES = (
    # "3.00% to 6/20/2019", "3.00% from the issue date until (but excluding) June 20, 2019"
    (
        "to",
        re.compile(
            rf"{_RATE}\s*(?:from\s+(?:and\s+including\s+)?(?:the\s+)?(?:original\s+)?issue\s+"
            rf"date\s+)?(?:up\s+)?(?P<kw>to|until|through)\s+(?P<incl>but\s+excluding\s+|and\s+"
            rf"including\s+)?{_DATE}",
            _I,
        ),
    ),
    # "3.50% from (and including) 6/20/2019"
    (
        "from",
        re.compile(
            rf"{_RATE}\s*(?:from|beginning|commencing|on\s+and\s+after)\s+(?:and\s+including\s+)?"
            rf"{_DATE}",
            _I,
        ),
    ),
    # "6/20/2019: 3.50%", "from 6/20/2019 3.50%"
    ("from", re.compile(rf"(?:from\s+)?{_DATE}\s*[:\-–—]?\s*{_RATE}", _I)),
    ("after", re.compile(rf"{_RATE}\s*thereafter", _I)),
)
# a schedule printed as a table, rows joined: "November 30, 2020  November 30, 2022  1.000%"
_ROW_RE = re.compile(rf"{_DATE}\s*(?:to|through|-|–|—)?\s*(?P<end>{DATE_PATTERN})\s*{_RATE}", _I)
_SPLIT_RE = re.compile(r"\s*(?:;|,(?!\s*\d{4})|\band\b(?=\s*\d))\s*", _I)


def _segment(text: str) -> tuple[str, Decimal, date | None] | None:
    for kind, pattern in _SEGMENT_RES:
        m = pattern.search(text)
        if m is None:
            continue
        try:
            rate = Decimal(m.group("rate"))
            when = date_from_match(m.group("date")) if kind != "after" else None
        except (ValueError, ArithmeticError):
            return None
        if when is not None and kind == "to" and _inclusive(m):
            when += timedelta(days=1)  # "3.500% through 6/14/2006": the next rate from 6/15/2006
        return kind, rate, when
    return None


def _inclusive(m: re.Match[str]) -> bool:
    """Whether the end date of "X% through D" / "X% to and including D" is the step's last day."""
    incl = (m.group("incl") or "").lower()
    return incl.startswith("and") or (m.group("kw").lower() == "through" and not incl)


def parse(text: str, issue: date) -> tuple[Step, ...]:
    """The full rate schedule, the first step starting on ``issue``; empty if none is printed.

    "X% to D" ends a step on D (the next rate applies from D; from the day after D when the
    step runs "through D", John Hancock SignatureNotes 2003–2004); "X% from D" starts one on D;
    "X% thereafter" continues from the last end date.
    """
    rows = _rows(text)
    if len(rows) >= 2:
        return _tidy(rows)
    steps: list[Step] = []
    start = issue
    for part in _split(text):
        seg = _segment(part)
        if seg is None:
            continue
        kind, rate, when = seg
        if kind == "to" and when is not None:
            steps.append(Step(start, rate))
            start = when
        elif kind == "from" and when is not None:
            steps.append(Step(when, rate))
            start = when
        else:
            steps.append(Step(start, rate))
    return _tidy(steps)


def _rows(text: str) -> list[Step]:
    """Rows of a step table (from, to, rate): each rate from its row's first date."""
    found = []
    for m in _ROW_RE.finditer(text):
        try:
            found.append(Step(date_from_match(m.group("date")), Decimal(m.group("rate"))))
        except (ValueError, ArithmeticError):
            continue
    return found


def _split(text: str) -> list[str]:
    """Segments of "a% to D1, b% to D2; c% thereafter" (a comma inside a date is kept)."""
    return [p for p in _SPLIT_RE.split(text) if p.strip()]


def _tidy(steps: list[Step]) -> tuple[Step, ...]:
    """Sorted by date, one rate per start date (the later wording wins)."""
    by_date: dict[date, Step] = {}
    for step in steps:
        by_date[step.from_date] = step
    return tuple(by_date[d] for d in sorted(by_date))
