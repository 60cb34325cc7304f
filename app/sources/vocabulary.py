"""The one vocabulary: every column header of note tables mapped to its field, and every label of
label/value documents (term sheets, MTN forms) to the field or label it names."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache


class Field(Enum):
    """A column of a supplement's note table (the value is a short name used in messages)."""

    CUSIP = "cusip"
    PRINCIPAL = "principal amount"
    PRICE = "selling price"
    AGENT_PRICE = "price to agent"
    CONCESSION = "gross concession"
    NET_PROCEEDS = "net proceeds"
    COUPON_TYPE = "coupon type"
    COUPON_RATE = "coupon rate"
    FREQUENCY = "coupon frequency"
    MATURITY = "maturity date"
    FIRST_COUPON_DATE = "1st coupon date"
    FIRST_COUPON_AMOUNT = "1st coupon amount"
    SURVIVORS_OPTION = "survivor's option"
    RANKING = "product ranking"
    DAY_COUNT = "day count basis"
    REDEMPTION = "redemption"
    ISSUE_DATE = "original issue date"
    STEP_SCHEDULE = "step schedule"
    CALLABLE = "callable"  # a rate sheet's or transposed table's call column: No / Yes / a date
    YIELD = "yield"  # a printed yield (rate sheets: semi-annual bond-equivalent)


_ALIASES: dict[Field, tuple[str, ...]] = {
    Field.CUSIP: (
        "cusip",
        "cusip number",
        "cusip no",
        "cusip #",
        "cusip no.",
        "cusip or common code",
        "cusip / isin",
        "cusip/isin",
        "cusip number / isin",
    ),
    Field.PRINCIPAL: (
        "principal amount",
        "aggregate principal amount",
        "principal",
        "face amount",
        "aggregate principal",
    ),
    Field.PRICE: (
        "selling price",
        "price to public",
        "public offering price",
        "issue price",
        "offering price",
        "price",  # a rate sheet's column
    ),
    Field.AGENT_PRICE: (
        "price to purchasing agent",
        "price to agent",
        "purchase price to agent",
        "purchase price",
    ),
    Field.CONCESSION: (
        "gross concession",
        "concession",
        "selling concession",
        "purchasing agent's discount",
        "purchasing agents discount",
        "agent's discount",
        "agents discount",
        "discount",
    ),
    Field.NET_PROCEEDS: ("net proceeds", "net proceeds to issuer", "proceeds to issuer"),
    Field.COUPON_TYPE: ("coupon type", "interest type", "interest rate type", "rate type"),
    Field.COUPON_RATE: (
        "coupon rate",
        "interest rate",
        "fixed interest rate per annum",
        "interest rate per annum",
        "coupon",
        "annual interest rate",
        "fixed interest rate",
        "stated annual interest rate",  # John Hancock SignatureNotes, 2002
    ),
    Field.FREQUENCY: (
        "coupon frequency",
        "payment frequency",
        "interest payment frequency",
        "interest frequency",
        "frequency",
        "interest",  # a rate sheet's column: "Monthly(†)", "Quarterly"
        "interest payments",
        "interest paid",
    ),
    Field.MATURITY: ("maturity date", "stated maturity date", "maturity", "stated maturity"),
    Field.FIRST_COUPON_DATE: (
        "1st coupon date",
        "1st interest payment date",
        "first coupon date",
        "first interest payment date",
        "first payment date",  # John Hancock SignatureNotes, 2002
        "interest payment dates",
        "interest payment date",
    ),
    Field.FIRST_COUPON_AMOUNT: (
        "1st coupon amount",
        "1st interest payment amount",
        "first coupon amount",
        "first interest payment amount",
        "1st coupon amount per $1,000",
        "1st interest amount",
    ),
    Field.SURVIVORS_OPTION: (
        "survivor's option",
        "survivors option",
        "survivor option",
        "death put",
        "estate feature",
    ),
    Field.RANKING: ("product ranking", "ranking", "security ranking", "rank"),
    Field.DAY_COUNT: ("day count basis", "day count", "day count convention"),
    Field.REDEMPTION: (
        "redemption information",
        "redemption",
        "call provisions",
        "call provision",
        "call features",
        "optional redemption",
    ),
    Field.ISSUE_DATE: ("original issue date", "issue date", "settlement date", "settle date"),
    Field.CALLABLE: ("callable", "callable by issuer", "call date", "first call date", "callable?"),
    Field.YIELD: (
        "yield",
        "yield to maturity",
        "implicit rate",
        "implied yield",
        "bond equivalent yield",
        "accrual yield",
    ),
    Field.STEP_SCHEDULE: (
        "step schedule",
        "step-up schedule",
        "step up schedule",
        "interest rate schedule",
        "step-up rates",
        "step rates",
    ),
}

_FOOTNOTE_RE = re.compile(r"\(\d{1,2}\)|\(\w\)$|[*†‡§®™¹²³⁴⁵]")
# a footnote digit glued to the last word of a label ("Price1", "Yield2": the <sup>1</sup> of a
# Caterpillar rate sheet's header, 2008; "Original Issue Discount1:", John Hancock, 2002)
_GLUED_MARK_RE = re.compile(r"\b([a-z']{3,})\d{1,2}(?=:?$)", re.M)
_PUNCT_RE = re.compile(r"[:\"]|\(%\)|\(\$\)|(?<=\w)'(?=s\b)|'")
_SPACE_RE = re.compile(r"\s+")
_CUSIP_WORD_RE = re.compile(r"^(?:[a-z/&]+ ){0,4}cusip(?: [a-z/&]+){0,3}$")  # words only, no value


@lru_cache(maxsize=16384)
def norm_label(text: str) -> str:
    """A header cell reduced for lookup: lower case, no footnote marks, quotes or colons."""
    text = _FOOTNOTE_RE.sub(" ", _GLUED_MARK_RE.sub(r"\1", text.lower().replace("’", "'").rstrip()))
    text = _PUNCT_RE.sub("", text).replace("-", " ")
    text = text.replace("%", " ").replace("per $1,000", " ").replace("per $1000", " ")
    return _SPACE_RE.sub(" ", text).strip(" .,;")


LOOKUP: dict[str, Field] = {
    norm_label(alias): field for field, aliases in _ALIASES.items() for alias in aliases
}
_MAX_WORDS = max(len(k.split()) for k in LOOKUP)
_FIRST_WORDS = frozenset(k.split()[0] for k in LOOKUP)
_PREFIXES = frozenset(" ".join(k.split()[:n]) for k in LOOKUP for n in range(1, len(k.split()) + 1))
_ALIAS_WORDS = frozenset({t for k in LOOKUP for t in k.split()} | {"survivor's"})
_LOWER_WORD_RE = re.compile(r"[a-z0-9#][a-z0-9#']*")
_WORD_FOOTNOTE_RE = re.compile(r"\(\d{1,2}\)|\(\w\)(?=\n|$)|[*†‡§®™¹²³⁴⁵]")


@lru_cache(maxsize=4096)
def field_of(header: str) -> Field | None:
    """The field a header cell names, or None (cached: a document repeats its header cells)."""
    return _lookup(norm_label(header))


def _lookup(norm: str) -> Field | None:
    """A known header, any header naming the CUSIP ("Fixed Rate Note CUSIP Number", John Deere
    Capital InterNotes; "CUSIP/ISIN Number"), or the call terms under "Callable by Issuer"."""
    found = LOOKUP.get(norm)
    if found is not None:
        return found
    if "cusip" in norm and _CUSIP_WORD_RE.search(norm):
        return Field.CUSIP
    if norm.startswith("if callable"):  # John Hancock SignatureNotes 2002–2004:
        return Field.REDEMPTION  # "If Callable by Issuer, dates and terms of redemption (…)"
    return None


def mostly_header_words(line: str) -> bool:
    """Whether at least half the words of ``line`` are words of column names: a cheap test,
    run on every line of a long document, that tells a header from prose naming a few fields."""
    words = _LOWER_WORD_RE.findall(line.lower())
    return bool(words) and 2 * sum(map(_ALIAS_WORDS.__contains__, words)) >= len(words)


def _word_keys(words: list[str]) -> list[str]:
    """``norm_label`` of each word, in one pass over the line (a footnote mark "(a)" ends any
    word); the words are kept apart by newlines, which ``str.split`` never leaves in a word."""
    text = _WORD_FOOTNOTE_RE.sub(" ", _GLUED_MARK_RE.sub(r"\1", "\n".join(words).lower().replace("’", "'")))
    text = _PUNCT_RE.sub("", text).replace("-", " ").replace("%", " ")
    return text.split("\n")


def _chunk_key(keys: list[str]) -> str:
    """``norm_label`` of the words whose keys these are."""
    text = " ".join(keys)
    if "per $1" in text:
        text = text.replace("per $1,000", " ").replace("per $1000", " ")
    return " ".join(text.split()).strip(" .,;")


def split_header_line(line: str) -> list[tuple[Field, str]]:
    """A one-line header read greedily, longest alias first: ``CUSIP Number Coupon Rate ...``.

    Returns the fields in order with the words that named them; unknown words are skipped.
    Linear in the line: each word is normalized once, and only a word that can begin an alias
    is tried with the words after it (prose lines of a long document are read at this cost).
    """
    words = line.split()
    keys = _word_keys(words)
    found: list[tuple[Field, str]] = []
    i = 0
    while i < len(words):
        head = keys[i].split()
        if not head or head[0].strip(" .,;") not in _FIRST_WORDS:
            i += 1
            continue
        n = _longest_alias(keys, i)
        if n:
            found.append((LOOKUP[_chunk_key(keys[i : i + n])], " ".join(words[i : i + n])))
        i += n or 1
    return found


def _longest_alias(keys: list[str], i: int) -> int:
    """How many words from ``i`` name a field (0: none), extended while they begin an alias."""
    best = 0
    for n in range(1, min(_MAX_WORDS, len(keys) - i) + 1):
        key = _chunk_key(keys[i : i + n])
        if key in LOOKUP:
            best = n
        if key not in _PREFIXES:
            break
    return best


class Label(Enum):
    """A label of label/value documents (pricing term sheets, form-layout supplements) that no
    note-table column has; the value is a short name used in messages."""

    ISSUER = "issuer"
    TRADE_DATE = "trade date"
    SETTLEMENT_DATE = "settlement date"
    PAYMENT_DATES = "interest payment dates"
    YIELD = "yield"
    ACCRUED_INTEREST = "accrued interest"
    DENOMINATIONS = "minimum denominations"
    BUSINESS_DAY_CONVENTION = "business day convention"
    SECURITY = "security"
    NOTE_TYPE = "type of note"
    INITIAL_REDEMPTION_DATE = "initial redemption date"
    INITIAL_REDEMPTION_PERCENTAGE = "initial redemption percentage"
    REDEMPTION_REDUCTION = "annual redemption percentage reduction"
    OTHER = "other"  # read only so that the value before it ends where it starts


Key = Field | Label

# Labels as term sheets and form-layout supplements print them (Chubb INA, Toyota Motor Credit,
# US Bancorp, John Hancock filings, documents.md); where a wording is also a table header its
# label meaning wins here (a term sheet's "Interest Payment Dates" is a schedule, not a date).
_LABEL_ALIASES: dict[Key, tuple[str, ...]] = {
    Field.CUSIP: (
        "cusip/isin", "cusip / isin", "cusip and isin", "cusip/isin numbers", "cusip numbers",
        "cusip or common code", "cusip no", "cusip number", "cusip numbers/isins", "cusip/isin number",
        "cusip / isin number", "cusip/isin no", "cusip and isin numbers",
    ),
    Field.PRICE: (
        "re-offer price", "reoffer price", "price to investors", "initial public offering price",
        "issue price (dollar amount and percentage of principal amount)", "offering price",
        "price to the public", "issue price", "amount",
    ),
    Field.COUPON_RATE: (
        "coupon (interest rate)", "interest rate/initial interest rate", "initial interest rate",
        "coupon rate", "interest rate", "coupon", "rate of interest", "interest rate (per annum)",
        "interest",  # "Interest: 5.625%, payable semiannually on …" (Protective Life term sheet, 2006)
    ),
    Field.PRINCIPAL: (
        "issue amount", "issue size", "principal amount offered", "aggregate principal amount offered",
        "size",
    ),
    Field.CONCESSION: (
        "commission", "agent's commission", "agents commission", "agent's discount or commission",
        "gross underwriting spread", "underwriting discount", "selling concession",
    ),
    Field.NET_PROCEEDS: ("net proceeds to the company", "net proceeds to the issuer"),
    Field.REDEMPTION: (
        "optional make-whole redemption", "make-whole call", "make-whole redemption", "par call",
        "redemption provisions", "redemption terms", "redemption provision", "optional redemption terms",
        "if callable by issuer, dates and terms of redemption (including the redemption price)",
        "optional redemption provisions", "call feature", "callable", "call dates", "redemption dates",
        "redemption date", "optional redemption dates", "call schedule", "redemption schedule",
        "call dates and call prices", "redemption dates and redemption amounts", "early redemption",
    ),
    Field.FIRST_COUPON_DATE: (
        "initial interest payment date", "first interest payment date", "first coupon date",
        "first payment date", "first coupon payment date",
    ),
    Field.FREQUENCY: ("interest payment period", "interest payment frequency", "coupon frequency"),
    Label.SETTLEMENT_DATE: ("settlement date", "settlement", "settle date", "expected settlement date"),
    Label.PAYMENT_DATES: (
        "interest payment dates", "interest payment date", "coupon payment dates", "payment dates",
        "interest payment dates (each an interest payment date)",
    ),
    Label.TRADE_DATE: (
        "trade date", "pricing date", "trade date/pricing date", "trade date/pricing effective time",
    ),
    Label.ISSUER: ("issuer",),
    Label.YIELD: (
        "yield to maturity", "yield", "reoffer yield", "re-offer yield", "coupon yield", "yield to call",
        "yield to worst", "re-offer yield to maturity", "implicit rate", "implied rate", "accrual yield",
        "bond equivalent yield", "issue yield", "yield to maturity (bond equivalent)",
    ),
    Label.ACCRUED_INTEREST: (
        "accrued interest", "accrued interest payable", "accrued interest payable by purchasers",
        "accrued interest to be paid by purchasers", "pre-issuance accrued interest",
    ),
    Label.DENOMINATIONS: (
        "minimum denominations", "minimum denomination", "denominations", "authorized denominations",
        "minimum denominations/multiples", "minimum denomination/increments", "minimum investment",
    ),
    Label.BUSINESS_DAY_CONVENTION: ("business day convention",),
    Label.SECURITY: (
        "security", "security type", "securities", "issue type", "description of securities",
        "title of securities", "title of the notes", "type of security", "title of the securities",
        "description", "description of the notes", "description of notes", "reopening", "further issuance",
        "designation",  # "Series A Floating Rate Senior Notes due 2010" (Protective Life, 2006)
    ),
    Label.NOTE_TYPE: (
        "type of note", "note type", "base rate (and, if applicable, related interest periods)",
        "base rate", "interest category", "interest rate basis", "interest rate basis or bases",
        "type of interest", "interest rate type", "type of interest rate",
    ),
    Label.INITIAL_REDEMPTION_DATE: ("initial redemption date",),
    Label.INITIAL_REDEMPTION_PERCENTAGE: ("initial redemption percentage",),
    Label.REDEMPTION_REDUCTION: ("annual redemption percentage reduction",),
    Label.OTHER: (
        "benchmark treasury", "benchmark treasury price / yield", "benchmark treasury price and yield",
        "benchmark treasury yield", "treasury yield", "spread to benchmark treasury", "spread to treasury",
        "spread to benchmark", "re-offer spread", "reoffer spread", "guarantor", "ratings", "rating",
        "expected ratings", "issuer ratings", "offering format", "joint book-running managers",
        "book-running managers", "bookrunners", "joint bookrunners", "co-managers", "senior co-managers",
        "junior co-managers", "underwriters", "agent", "agents", "calculation agent", "trustee",
        "governing law", "business days", "regular record date", "record date", "record dates",
        "listing", "use of proceeds", "all-in price to issuer", "all-in price", "price to issuer",
        "isin", "common code", "dtc number", "form of note", "specified currency", "currency",
        "interest reset dates", "interest reset date", "initial interest reset date",
        "interest determination date", "interest determination dates", "index source",
        "index maturity", "spread", "spread multiplier", "maximum interest rate", "minimum interest rate",
        "floating rate index", "floating rate spread", "interest rate cutoff", "reopening number",
        "other provisions", "optional repayment", "repayment", "original issue discount",
        "original issue discount notes", "for original issue discount notes", "original issue discount %",
        "total amount of oid", "sinking fund", "target market", "series",
        "interest accrual date", "day count fraction", "issuer senior long-term debt ratings",
        "debt ratings", "make-whole spread", "treasury rate", "series of notes",
    ),
}  # fmt: skip

LABELS: dict[str, Key] = {
    norm_label(alias): key for key, aliases in _LABEL_ALIASES.items() for alias in aliases
}


@lru_cache(maxsize=4096)
def label_key(text: str) -> Key | None:
    """What a label of a label/value document names ("Coupon (Interest Rate):" → the coupon
    rate), the label wordings first, then the table headers; None when it names nothing known."""
    norm = norm_label(text)
    found = LABELS.get(norm) or _lookup(norm)
    if found is None and norm.endswith(")") and "(" in norm:  # "Price to Public (Issue Price)"
        return label_key(norm[: norm.rindex("(")])
    return found
