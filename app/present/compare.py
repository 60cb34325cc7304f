"""Qt-free: the compare view's columns (heading, cell text, the value it sorts on, alignment, the
widest text it shows) and its rows as text: the cells a view paints, the words the offerings
filter matches, and the rows as tab-separated text and an HTML table for a spreadsheet.

Nothing here computes finance: the terms are the ``CompareRow``'s and the yields the
``RowYields`` the domain computed; a row whose yields are not computed yet shows ``PENDING``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from app.domain.compare import COLUMNS, CompareRow, CompareTable, Getter, RowYields
from app.domain.model import WORST_CALLS_UNKNOWN, CouponType
from app.domain.money import format_pct, format_price
from app.present.rows import FREQUENCY_LABEL, fmt_date, fmt_rate, search_text
from app.present.words import WORST_NOT_KNOWN

PENDING = "…"  # a yield not computed yet
NOTES = "notes"  # the sort key of the notes column (not a ``compare --json`` row key)
Align = Literal["left", "right", "center"]
Text = Callable[[CompareRow, RowYields | None], str]


@dataclass(frozen=True, slots=True)
class CompareColumn:
    """A column declared once: ``title`` (a ``\\n`` breaks the heading), the ``key`` it sorts on
    (``domain.compare.COLUMNS``, or ``NOTES``), its cell text, ``tip`` for the heading, the
    widest text it shows (``sample``, to size it once) and the cell tooltip, if any."""

    title: str
    key: str
    text: Text
    align: Align = "right"
    tip: str = ""
    sample: str = ""
    cell_tip: Text | None = None

    @property
    def heading(self) -> str:
        """The title on one line (the copied table's header row, the CSV's columns)."""
        return self.title.replace("\n", " ")


def document_name(row: CompareRow) -> str:
    return _file_name(row.document)


@lru_cache(maxsize=1024)
def _file_name(path: str) -> str:
    return Path(path).name


def coupon_text(row: CompareRow) -> str:
    """``2.350%``; a step-up note's first rate ``1.000% step``; ``Zero`` for a zero coupon."""
    kind = row.note.coupon_type
    if kind is CouponType.ZERO:
        return "Zero"
    rate = fmt_rate(row.note.coupon_rate_pct)
    return rate if kind is CouponType.FIXED else f"{rate} {kind.value}"


def first_call_text(row: CompareRow) -> str:
    """The first call date; ``Non-call``; ``Callable`` when the document gives no date."""
    callable_ = row.note.redemption.callable
    if callable_ is False:
        return "Non-call"
    if row.first_call_date is not None:
        return fmt_date(row.first_call_date)
    return "Callable" if callable_ else "—"


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("Yes" if value else "No")


def notes_text(row: CompareRow, y: RowYields | None) -> str:
    """Why the row has no yields (when it has none), then the note's warnings."""
    found = [f"Not priced: {y.reason}"] if y is not None and y.reason else []
    return "; ".join(found + [w.message for w in row.warnings])


def _yield(name: str) -> Text:
    worst = name.startswith("worst")

    def text(row: CompareRow, y: RowYields | None) -> str:
        if y is None:
            return PENDING
        if worst and y.calls_unknown:  # only the yield to maturity: none shown as the worst
            return WORST_NOT_KNOWN
        value = getattr(y, name)
        return fmt_date(value) if name == "worst_date" else format_pct(value)

    return text


def _yield_tip(row: CompareRow, y: RowYields | None) -> str:
    if y is None:
        return "Computing…"
    if y.calls_unknown:
        return WORST_CALLS_UNKNOWN[:1].upper() + WORST_CALLS_UNKNOWN[1:]
    return f"Not priced: {y.reason}" if y.reason else ""


def _years(row: CompareRow, y: RowYields | None) -> str:
    years = row.call_protection_years
    return "—" if years is None else str(years)


def _terms(text: Callable[[CompareRow], str]) -> Text:
    """A cell of the terms (the yields do not change it)."""
    return lambda row, y: text(row)


OWN = "compounded as the note pays (monthly, quarterly, …)"
BEY = "bond-equivalent: compounded semi-annually, so a monthly and a semi-annual payer compare fairly"
COMPARE_COLUMNS: tuple[CompareColumn, ...] = (
    CompareColumn("CUSIP", "cusip", _terms(lambda r: r.note.cusip_shown), "left", sample="00000000W"),
    CompareColumn("Issuer", "issuer", _terms(lambda r: r.offering.issuer or "—"), "left",
                  sample="Caterpillar Financ", cell_tip=_terms(lambda r: r.offering.issuer or "")),
    CompareColumn("Coupon", "coupon_rate_pct", _terms(coupon_text), sample="00.000% step",
                  tip="Coupon rate (a step-up note's first) and type"),
    CompareColumn("Frequency", "frequency", _terms(lambda r: FREQUENCY_LABEL[r.note.frequency.value]),
                  "left", sample="At maturity"),
    CompareColumn("Maturity", "maturity_date", _terms(lambda r: fmt_date(r.note.maturity_date)),
                  "center", sample="0000-00-00"),
    CompareColumn("First call", "first_call_date", _terms(first_call_text), "center",
                  tip="First call date (Non-call: never called before maturity)", sample="0000-00-00"),
    CompareColumn("Call prot.\n(years)", "call_protection_years", _years,
                  tip="Years from the settle date to the first call (30/360); a non-call note's to maturity",
                  sample="00.00"),
    CompareColumn("SO", "survivors_option", _terms(lambda r: _yes_no(r.note.survivors_option)), "center",
                  tip="Survivor's option", sample="Yes"),
    CompareColumn("Price", "price_pct", _terms(lambda r: format_price(r.price_pct)),
                  tip="Selling price, % of par (100% when the document prints none)", sample="100.000%"),
    CompareColumn("Conc.", "concession_pct", _terms(lambda r: fmt_rate(r.note.concession_pct)),
                  tip="Gross concession, % of par", sample="0.000%"),
    CompareColumn("YTM", "maturity_pct", _yield("maturity_pct"), tip=f"Yield to maturity, {OWN}",
                  sample="10.000%", cell_tip=_yield_tip),
    CompareColumn("YTW", "worst_pct", _yield("worst_pct"), tip=f"Yield to worst, {OWN}",
                  sample="10.000%", cell_tip=_yield_tip),
    CompareColumn("YTM\nBEY", "maturity_bey_pct", _yield("maturity_bey_pct"),
                  tip=f"Yield to maturity, {BEY}", sample="10.000%", cell_tip=_yield_tip),
    CompareColumn("YTW\nBEY", "worst_bey_pct", _yield("worst_bey_pct"), tip=f"Yield to worst, {BEY}",
                  sample="10.000%", cell_tip=_yield_tip),
    CompareColumn("Workout", "worst_date", _yield("worst_date"), "center",
                  tip="Workout date: where the yield to worst is reached", sample="0000-00-00",
                  cell_tip=_yield_tip),
    CompareColumn("Settle", "settle_date", _terms(lambda r: fmt_date(r.settle_date)), "center",
                  tip="The settle date the row is priced at", sample="0000-00-00"),
    CompareColumn("Document", "document", _terms(document_name), "left", sample="caterpillar-2008-cp1252.txt",
                  cell_tip=_terms(lambda r: r.document)),
    CompareColumn("Notes", NOTES, notes_text, "left", tip="Why a note is not priced, and its warnings",
                  sample="Not priced: settle date 2000-00-00 is out of range", cell_tip=notes_text),
)  # fmt: skip
DEFAULT_COLUMN = next(i for i, c in enumerate(COMPARE_COLUMNS) if c.key == "worst_bey_pct")
DEFAULT_DESCENDING = True  # contract.md: ``compare`` sorts by worst_bey_pct descending


def _notes_value(row: CompareRow, y: RowYields | None) -> Any:
    """The notes column sorts by its text, rows without notes last."""
    return notes_text(row, y).lower() or None


def sort_getter(column: CompareColumn) -> str | Getter:
    """What ``CompareTable.order`` sorts ``column`` by."""
    return column.key if column.key in COLUMNS else _notes_value


def sort_value(table: CompareTable, index: int, column: int) -> Any:
    """The value row ``index`` sorts on in ``COMPARE_COLUMNS[column]`` (yields as known)."""
    get = sort_getter(COMPARE_COLUMNS[column])
    if isinstance(get, str):
        return table.value(index, get)
    return get(table.rows[index], table.known(index))


def order(table: CompareTable, column: int, descending: bool) -> list[int]:
    """The table's row indices sorted on ``COMPARE_COLUMNS[column]``: rows without a value
    (not computed yet, or none) last either way, ties in load order."""
    return table.order(sort_getter(COMPARE_COLUMNS[column]), descending)


def cells(row: CompareRow, y: RowYields | None, pending: str = PENDING) -> tuple[str, ...]:
    """The row's text, one cell per column; a yield not computed yet is ``pending``."""
    texts = tuple(c.text(row, y) for c in COMPARE_COLUMNS)
    if y is None and pending != PENDING:
        texts = tuple(pending if t == PENDING else t for t in texts)
    return texts


def row_search_text(row: CompareRow) -> str:
    """The words the offerings filter matches for this row (the tree's, for the same note)."""
    return search_text(row.offering, row.note, document_name(row))


def _table_rows(table: CompareTable, indices: Sequence[int]) -> list[tuple[str, ...]]:
    """The header and ``indices``' rows as copied: a yield not computed yet is an empty cell."""
    head = tuple(c.heading for c in COMPARE_COLUMNS)
    return [head] + [cells(table.rows[i], table.known(i), pending="") for i in indices]


def tsv(table: CompareTable, indices: Sequence[int]) -> str:
    """``indices``' rows as tab-separated text with a header line (a spreadsheet's paste)."""
    return "".join(
        "\t".join(cell.replace("\t", " ") for cell in r) + "\n" for r in _table_rows(table, indices)
    )


def html_table(table: CompareTable, indices: Sequence[int]) -> str:
    """The same rows as an HTML table: a spreadsheet pastes it cell by cell, text as text."""
    head, *rows = _table_rows(table, indices)
    out = ["<table><thead><tr>", *(f"<th>{html.escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for r in rows:
        out += ["<tr>", *(f"<td>{html.escape(cell)}</td>" for cell in r), "</tr>"]
    out.append("</tbody></table>")
    return "".join(out)
