"""Several notes (tranches) in one label/value document: which printed value belongs to which.

Tranches come as parallel columns (one cell per tranche: "Maturity Date: December 15, 2051 |
December 15, 2061"), as tags inside one value ("2051 Notes: … 2061 Notes: …", "… for Notes due
2013 / … for Notes due 2018", ``label_value.split_tags``) or as repeated sections (the maturity
label printed once per note, each section a note; a label printed once is shared by all).
Check boxes are resolved to the ticked options and blank fields dropped here, per value.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.sources import check_boxes
from app.sources.grid import find_cusip
from app.sources.label_value import Entry, split_tags
from app.sources.values import date_in
from app.sources.vocabulary import Field, Key, Label

_NOTE_KEYS = (
    Field.COUPON_RATE, Field.PRICE, Label.PAYMENT_DATES, Field.CUSIP, Field.PRINCIPAL, Label.YIELD,
    Field.ISSUE_DATE, Label.SETTLEMENT_DATE, Field.FIRST_COUPON_DATE,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Value:
    """The value of a label for one tranche: check boxes resolved to the ticked options."""

    text: str
    label: str
    line: int
    boxed: bool = False

    @property
    def where(self) -> str:
        """ "line 12" (a paragraph of an HTML page has no line of its own: "document")."""
        return f"line {self.line}" if self.line > 0 else "document"


class Sheet:
    """The entries of a document and the tranches (notes) they describe."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_key: dict[Key, list[int]] = {}
        for index, entry in enumerate(entries):
            if entry.key is not None:
                self.by_key.setdefault(entry.key, []).append(index)
        self.trailer = len(entries)  # entries from here on follow the last section: shared
        self._resolved: dict[tuple[int, int], Value | None] = {}
        self.lone_o = any(check_boxes.has_marks(e.text) for e in entries)  # else "o" is a bullet
        self.sections: list[int] = self._sections()
        self.columns = 0 if self.sections else self._columns()
        self.tags: list[str] = [] if self.sections or self.columns else self._tags()
        self.count = len(self.sections) or self.columns or len(self.tags) or 1

    def _anchor(self) -> list[int]:
        for key in (Field.MATURITY, Field.CUSIP):
            if key in self.by_key:
                return self.by_key[key]
        return []

    def _sections(self) -> list[int]:
        """Where each section starts: at the first label every section prints ("Designation:"
        above "Principal Amount:", Protective Life term sheets, 2006)."""
        occurrences = [
            k for k in self._anchor() if date_in(self.entries[k].text) or find_cusip(self.entries[k].text)
        ]
        if len(occurrences) < 2 or len({self.entries[k].text for k in occurrences}) < 2:
            return []
        count = len(occurrences)
        repeated = [occ for key, occ in self.by_key.items() if len(occ) == count and key is not Label.OTHER]
        self.trailer = max(occ[-1] for occ in repeated) + 1
        return [min(occ[j] for occ in repeated) for j in range(count)]

    def _columns(self) -> int:
        for key, valid in ((Field.MATURITY, date_in), (Field.CUSIP, find_cusip)):
            for index in self.by_key.get(key, []):
                cells = [c for c in self.entries[index].cells if c]
                if len(cells) > 1 and all(valid(c) for c in cells):
                    return len(cells)
        return 0

    def _tags(self) -> list[str]:
        for key in (Field.MATURITY, Field.CUSIP, Field.COUPON_RATE, Field.PRICE, Field.PRINCIPAL):
            for index in self.by_key.get(key, []):
                parts = split_tags(self.entries[index].text)
                if parts:
                    return list(parts)
        return []

    def _span(self, tranche: int) -> tuple[int, int]:
        start = self.sections[tranche]
        end = self.sections[tranche + 1] if tranche + 1 < len(self.sections) else len(self.entries)
        return start, end

    def _occurrences(self, key: Key, tranche: int) -> list[int]:
        """Where ``key`` is printed for ``tranche``: in its section, else above the first section
        or below the last (printed once for all)."""
        found = self.by_key.get(key, [])
        if not self.sections:
            return found
        start, end = self._span(tranche)
        inside = [k for k in found if start <= k < min(end, self.trailer)]
        return inside or [k for k in found if k < self.sections[0] or k >= self.trailer]

    def _resolve(self, entry: Entry, tranche: int) -> Value | None:
        cells = [c for c in entry.cells if c]
        text = entry.text
        if self.columns and len(cells) == self.columns:
            text = cells[tranche]
        elif self.tags:
            if entry.tag in self.tags and entry.tag != self.tags[tranche]:
                return None
            parts = split_tags(text, minimum=1)
            if parts is not None:
                part = parts.get(self.tags[tranche])
                if part is None:
                    return None
                text = part
        ticked = check_boxes.ticked(text, self.lone_o)
        text = ticked if ticked is not None else text
        if not text.strip() or (ticked is None and check_boxes.is_blank(text)):
            return None  # a blank field; a ticked "Not applicable" is kept as chosen
        return Value(text, entry.label, entry.line, ticked is not None)

    def _value_of(self, index: int, tranche: int) -> Value | None:
        """The value of entry ``index`` for ``tranche`` (read once, asked for many times)."""
        if (index, tranche) not in self._resolved:
            self._resolved[index, tranche] = self._resolve(self.entries[index], tranche)
        return self._resolved[index, tranche]

    def values(self, key: Key, tranche: int = 0) -> list[Value]:
        """Every non-blank value of ``key`` for ``tranche``, in document order."""
        found = (self._value_of(k, tranche) for k in self._occurrences(key, tranche))
        return [v for v in found if v is not None]

    def not_applicable(self, key: Key, tranche: int = 0) -> bool:
        """Whether ``key`` is printed for ``tranche`` only as "Not Applicable" / "N/A" / a blank
        ("Redemption: Not Applicable", Toyota Motor Credit MTN pricing supplements)."""
        printed = self._occurrences(key, tranche)
        return bool(printed) and not self.values(key, tranche)

    def value(self, key: Key, tranche: int = 0) -> Value | None:
        """The first non-blank value of ``key`` for ``tranche``."""
        found = self.values(key, tranche)
        return found[0] if found else None

    def offering_value(self, key: Key) -> Value | None:
        """The first non-blank value of an offering-wide label (issuer, dates, denominations),
        wherever the document prints it."""
        found = (self._value_of(k, 0) for k in self.by_key.get(key, []))
        return next((v for v in found if v is not None), None)

    @property
    def boxed(self) -> bool:
        """Whether the document is a form with check boxes."""
        return any(check_boxes.boxes(e.text, self.lone_o) for e in self.entries)

    @property
    def blanks(self) -> int:
        """How many labels were left blank (``________``): a form's fields that do not apply."""
        return sum(1 for e in self.entries if e.text and check_boxes.is_blank(e.text))

    def is_offering(self) -> bool:
        """A maturity and at least two other note terms: a label/value offering document."""
        known = sum(1 for key in _NOTE_KEYS if key in self.by_key)
        return Field.MATURITY in self.by_key and known >= 2
