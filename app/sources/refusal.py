"""Why a document holds no offering the loaders read: what was looked for, and what it is.

A floating-rate, fixed-to-floating or market-linked (equity-linked) note is named as such, with
the words that show it ("Floating Rate Notes", "Base Rate: Compounded SOFR", "linked to the
S&P 500® Index"), instead of "no CUSIP column". Two different signs are needed before a kind is
named (one passing mention, "interest rates", "an index", names nothing), and two more for each
sign of a fixed-rate note (a base prospectus describes floating-rate notes too).
"""

from __future__ import annotations

import re

from app.domain.errors import SourceError

# every family a loader tries before a document is refused (documents.md); a family's loader
# adds its own description here
LOOKED_FOR = [
    "a note table with a CUSIP column",
    "a transposed table with a CUSIP row",
    "a rate sheet with a CUSIP column",
    "a pricing term sheet of labels and values",
    "an MTN pricing supplement form",
]
SCAN_CHARS = 300_000  # the cover pages and terms: enough to tell what a document is
_I = re.IGNORECASE
_FIXED_TO_FLOATING = (re.compile(r"\bfixed[-\s]to[-\s]float(?:ing)?(?:[-\s]rate)?\b", _I),)
_FLOATING = tuple(
    re.compile(p, _I)
    for p in (
        r"\bfloating[-\s]rate\s+notes?\b",
        r"\bbase\s+rate\s*:\s*[A-Za-z][^\n,;.]{0,40}",  # filled in: a form's blank "Base Rate: ____" is not
        r"\b(?:compounded\s+)?SOFR\b",
        r"\b(?:three|3)[-\s]month\s+(?:USD\s+)?LIBOR\b|\bLIBOR\b",
        r"\binterest\s+reset\s+(?:dates?|period)\b",
        r"\bindex\s+maturity\b",
        r"\bspread\s+multiplier\b",
        r"\bfederal\s+funds\s+(?:rate|effective)\b",
    )
)
_LINKED = tuple(
    re.compile(p, _I)
    for p in (
        r"\b(?:market|equity|index|stock)[-\s]linked\s+(?:notes?|securities|certificates?)\b",
        r"\blinked\s+to\s+(?:the\s+performance\s+of\s+)?(?:an?\s+|the\s+)?[A-Z][^.,;:()\n]{2,50}?"
        r"(?=\s+(?:due|and|with)\b|[.,;:()\n]|$)",
        r"\breference\s+(?:asset|index|stock)s?\b",
        r"\bunderlying(?:\s+(?:asset|index|stock|shares?))?\s*:",
        r"\bS&P\s*500\b|\bDow\s+Jones\s+Industrial\s+Average\b|\bNasdaq-100\b|\bRussell\s+2000\b"
        r"|\bEURO\s+STOXX\s+50\b",
        r"\bparticipation\s+rate\b",
        r"\b(?:buffer|barrier|trigger|knock-in)\s+(?:level|value|amount|percentage|price)\b",
        r"\bcontingent\s+(?:coupon|interest)\b|\bauto[-\s]?call(?:able)?\b",
        r"\b(?:initial|final)\s+(?:index|underlying|share)\s+(?:level|value|price)\b",
    )
)
_FIXED = tuple(
    re.compile(p, _I)
    for p in (
        r"\bfixed[-\s]rate\s+notes?\b",
        r"(?:þ|☒|☑|\[\s*x\s*\])\s*fixed[-\s]rate",  # the ticked box of an MTN form
        r"\bcoupon\s+type\b[^\n]{0,40}\bfixed\b",
        r"\b(?:coupon|interest)\s+rate\s*:\s*\d{1,2}\.\d+\s*%",
        r"\bstep[-\s]up\b",
        r"\bzero[-\s]coupon\b",
    )
)  # a base prospectus describes floating notes too: a fixed-rate document outweighs it
_KINDS = (  # each needs two different signs, two more for each fixed-rate one; the most wins
    ("a market-linked (equity-linked) note", _LINKED),
    ("a floating-rate note", _FLOATING),
)
_CUSIP_LABEL_RE = re.compile(r"\bCUSIP\b[^\n]{0,30}?\b([0-9A-Z]{6}\s?[0-9A-Z]{2}[0-9])\b")


def _signs(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    """The first words each pattern finds, one per pattern that finds any."""
    found = (p.search(text) for p in patterns)
    return [" ".join(m.group(0).split()) for m in found if m is not None]


def _named(name: str, signs: list[str]) -> str:
    return f"{name} (" + ", ".join(f'"{s[:60]}"' for s in signs[:2]) + ")"


def what_it_is(text: str) -> str | None:
    """The kind of note ``text`` describes, with the words that show it, or None."""
    head = text[:SCAN_CHARS]
    if signs := _signs(head, _FIXED_TO_FLOATING):
        return _named("a fixed-to-floating rate note", signs)
    needed = 2 + 2 * len(_signs(head, _FIXED))
    kinds = [(name, found) for name, patterns in _KINDS if len(found := _signs(head, patterns)) >= needed]
    if not kinds:
        return None
    name, signs = max(kinds, key=lambda kind: len(kind[1]))
    return _named(name, signs)


def _found(text: str) -> str:
    """What there is instead of a note table, in a few words."""
    m = _CUSIP_LABEL_RE.search(text[:SCAN_CHARS])
    if m is not None:
        return f"found CUSIP {m.group(1)}, but no table of the notes' terms"
    return "found no CUSIP"


def no_offering(text: str, source: str, rows_failed: str = "") -> SourceError:
    """The error for a document that holds no offering: what it is when that can be told, what
    was looked for and what was found. ``rows_failed`` says why the CUSIP rows found failed."""
    looked = "; ".join(LOOKED_FOR)
    kind = what_it_is(text)
    if kind is not None:
        found = f"; {rows_failed}" if rows_failed else ""
        message = (
            f"the document is {kind}, not a fixed-rate, step-up or zero-coupon note "
            f"(looked for {looked}{found})"
        )
    else:
        message = rows_failed or f"no note table with a CUSIP column (looked for {looked}; {_found(text)})"
    return SourceError(f"no offering found: {message}", source=source)
