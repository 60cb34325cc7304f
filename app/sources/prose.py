"""Offering-wide facts read from a supplement's prose: issuer, program, dates, agents, DTC."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from app.domain.model import Offering
from app.sources.values import DATE_PATTERN, date_from_match

_I = re.IGNORECASE
_D = rf"({DATE_PATTERN})"
_AMOUNT = r"\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_DOC_RE = re.compile(r"((?:Preliminary\s+|Final\s+)?Pricing\s+Supplement\s+(?:No\.?|Number|#)\s*[\w-]+)", _I)
_SUPPLEMENT_DATE_RES = (
    re.compile(rf"Pricing\s+Supplement[^\n]{{0,40}}?\bdated:?\s+{_D}", _I),
    re.compile(rf"(?:Date\s+of\s+(?:Pricing\s+)?Supplement|Pricing\s+Date):?\s+{_D}", _I),
    re.compile(rf"(?<!prospectus )(?<!supplement )\bdated:?\s+{_D}", _I),
)
_PROSPECTUS_RE = re.compile(rf"Prospectus\s+dated:?\s+{_D}", _I)
_REGISTRATION_RES = (
    re.compile(r"Registration\s+(?:Statement\s+)?(?:No\.?|Number)s?:?\s*(333-\d{4,7}(?:-\d+)?)", _I),
    re.compile(r"\b(333-\d{5,7}(?:-\d{1,2})?)\b"),
)
_OFFERING_RE = re.compile(
    rf"(?:Offering\s+(?:Dates?|Period)s?|For\s+the\s+Period)\s*:?\s*{_D}\s*(?:through|to|until|thru|-|–|—)"
    rf"\s*{_D}",
    _I,
)  # "For the Period: 6/2/2008 to 6/9/2008": a rate sheet's offering week
_TRADE_RE = re.compile(rf"Trade\s+Date:?\s*{_D}", _I)
_SETTLE_RE = re.compile(
    rf"(?:Settle(?:ment)?\s+Date|Original\s+Issue\s+Date|Issue\s+Date|Settles?)\s*:?\s*{_D}", _I
)
_DENOMINATION_RES = (
    re.compile(rf"Minimum\s+Denominations?\s*/\s*Increments?:?\s*{_AMOUNT}\s*/\s*{_AMOUNT}", _I),
    re.compile(
        rf"Minimum\s+(?:Denomination|Investment|Purchase)s?:?\s*{_AMOUNT}[^\n]{{0,60}}?"
        rf"(?:increments?|integral\s+multiples?)\s+(?:of\s+)?{_AMOUNT}",
        _I,
    ),
)
_DTC_RE = re.compile(
    r"DTC\s+(?:Participant\s+)?(?:Number|No\.?|#|Participant)\s*[:#]?\s*#?\s*(\d{3,5})\b", _I
)
_AGENTS_RE = re.compile(r"^\s*(?:Purchasing\s+|Lead\s+|Selling\s+)?Agents?\s*:\s*(.+)$", _I | re.M)
_ISSUER_LABEL_RE = re.compile(r"^\s*Issuer\s*:\s*(.+?)\s*$", _I | re.M)
_COMPANY = (
    r"[A-Z][\w&'.,\- ]{1,80}?\b(?:Inc\.|Incorporated|Corporation|Corp\.|Company|L\.?L\.?C\.?"
    r"|N\.A\.|Ltd\.|plc|Co\.|Bank|Trust|INC\.|INCORPORATED|CORPORATION|CORP\.|COMPANY)"
)  # the capitals of .txt filings' cover pages: "PRUDENTIAL FINANCIAL, INC."
_ISSUER_LINE_RE = re.compile(rf"^\s*({_COMPANY})\s*$", re.M)
_ISSUER_ANY_RE = re.compile(rf"^\s*({_COMPANY})(?=\s)", re.M)
# a name with no company word, alone in capitals above the program's title on a form-layout
# MTN supplement's cover: "U.S. BANCORP" / "Medium-Term Notes, Series R (Senior)"
_ISSUER_ABOVE_PROGRAM_RE = re.compile(
    r"^[ \t]*(?![^\n]*\b(?:SUPPLEMENT|PROSPECTUS|TITLE|SECURITIES|SUMMARY|TERMS|CUSIP|NOTES?"
    r"|OFFERED|OFFERING|CALCULATION|REGISTRATION|PRICING|AGENTS?|INCAPITAL)\b)"  # headings, agent
    r"([A-Z][A-Z0-9.&,'\- ]{1,60}[A-Z.])[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    r"(?:Medium[- ]Term\s+Notes|Global\s+Medium[- ]Term|InterNotes|CoreNotes)",
    re.M,
)
_PROGRAM_LABEL_RE = re.compile(r"^\s*(?:Program|Series|Notes)\s*:\s*(.+?)\s*$", _I | re.M)
_PROGRAM_RE = re.compile(
    r"((?:(?:[A-Z][\w&'\-]*|of)[ \t]+){0,8}?(?:Term[ \t]+Notes|InterNotes|CoreNotes|SignatureNotes"
    r"|Medium-Term[ \t]+Notes|Retail[ \t]+Notes|Notes)(?:®|\(R\))?(?:,[ \t]+Series[ \t]+[A-Z0-9]{1,3}\b)?)"
)
_PROGRAM_HINT_RE = re.compile(r"Series|InterNotes|CoreNotes|SignatureNotes|Term\s+Notes|Retail|Direct", _I)
_SUFFIX_RE = re.compile(r"^(?:LLC|L\.L\.C\.|Inc\.?|Incorporated|Corp\.?|Co\.|N\.A\.|Ltd\.?|L\.P\.)$")
_AMPERSAND_RE = re.compile(r"^\w+ & ")
_STOP_WORDS = {"The", "These", "Such", "Any", "All", "Each", "Except", "If", "Our", "Selected", "of"}


def _date(pattern: re.Pattern[str], text: str, group: int = 1) -> date | None:
    for m in pattern.finditer(text):
        try:
            return date_from_match(m.group(group))
        except ValueError:
            continue
    return None


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> date | None:
    for pattern in patterns:
        found = _date(pattern, text)
        if found is not None:
            return found
    return None


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _denominations(text: str) -> tuple[Decimal | None, Decimal | None]:
    for pattern in _DENOMINATION_RES:
        m = pattern.search(text)
        if m:
            return _amount(m.group(1)), _amount(m.group(2))
    return None, None


def _agents(text: str) -> tuple[str, ...]:
    m = _AGENTS_RE.search(text)
    if not m:
        return ()
    line = re.split(r"\s{2,}|\.\s+[A-Z][a-z]+\s+[a-z]", m.group(1))[0]
    names = [
        n.strip()
        for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*", _end_stop(line.strip()))
        if n.strip() and n.strip().lower() != "and"
    ]
    return tuple(_join_firm_names(names))


def _end_stop(line: str) -> str:
    """The line without a closing full stop (kept when it ends an abbreviation: "Inc.")."""
    last = line.split()[-1] if line.split() else ""
    return line[:-1] if line.endswith(".") and not _SUFFIX_RE.match(last) else line


def _join_firm_names(names: list[str]) -> list[str]:
    """Rejoin firm names that hold commas: "Merrill Lynch, Pierce, Fenner & Smith Inc.",
    "Wells Fargo Advisors, LLC"."""
    out: list[str] = []
    i = 0
    while i < len(names):
        if out and _SUFFIX_RE.match(names[i]):
            out[-1] = f"{out[-1]}, {names[i]}"
            i += 1
        elif i + 2 < len(names) and " " not in names[i + 1] and _AMPERSAND_RE.match(names[i + 2]):
            out.append(", ".join(names[i : i + 3]))
            i += 3
        else:
            out.append(names[i])
            i += 1
    return out


def _issuer(text: str) -> str | None:
    for pattern in (_ISSUER_LABEL_RE, _ISSUER_LINE_RE, _ISSUER_ANY_RE, _ISSUER_ABOVE_PROGRAM_RE):
        for m in pattern.finditer(text):
            name = m.group(1).strip().rstrip(",")
            if not re.match(r"(?i)(?:dtc|agents?|filed|registration|the)\b", name):
                return name
    return None


def _program(text: str) -> str | None:
    m = _PROGRAM_LABEL_RE.search(text)
    if m:
        return m.group(1)
    for m in _PROGRAM_RE.finditer(text):
        name = " ".join(m.group(1).split())
        if name.split()[0] not in _STOP_WORDS and _PROGRAM_HINT_RE.search(name):
            return name
    return None


def read(text: str) -> Offering:
    """The offering facts of ``text`` (prose outside the note table; unknown → None), as an
    ``Offering`` with no notes yet: the table's rows are added by ``assemble``."""
    doc = _DOC_RE.search(text)
    document = " ".join(doc.group(1).split()) if doc else None
    offering = _OFFERING_RE.search(text)
    start = end = None
    if offering:
        try:
            start, end = date_from_match(offering.group(1)), date_from_match(offering.group(2))
        except ValueError:
            start = end = None
    registration = next((m.group(1) for p in _REGISTRATION_RES if (m := p.search(text))), None)
    minimum, increment = _denominations(text)
    dtc = _DTC_RE.search(text)
    issuer = _issuer(text)
    return Offering(
        notes=(),
        issuer=issuer,
        program=_program(text),
        document=document,
        preliminary=bool(document and document.lower().startswith("preliminary")),
        supplement_date=_first(_SUPPLEMENT_DATE_RES, text),
        prospectus_date=_date(_PROSPECTUS_RE, text),
        registration_no=registration,
        offering_start=start,
        offering_end=end,
        trade_date=_date(_TRADE_RE, text),
        settle_date=_date(_SETTLE_RE, text),
        minimum_denomination=minimum,
        increment=increment,
        dtc_number=dtc.group(1) if dtc else None,
        agents=_agents(text),
    )
