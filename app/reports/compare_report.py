"""The comparison of every loaded note as the contract's ``compare --json`` object, as a readable
text table and as CSV (one row per note, in the order asked for)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.compare import COLUMNS, CompareRow, CompareTable, RowYields
from app.domain.model import WORST_CALLS_UNKNOWN, ParseWarning
from app.domain.money import format_pct, format_price
from app.present.words import WORST_NOT_KNOWN as NOT_KNOWN


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def row_warnings(row: CompareRow, y: RowYields) -> list[ParseWarning]:
    """The note's warnings, then why it has no yields (if it has none)."""
    found = list(row.warnings)
    if y.reason:
        found.append(ParseWarning(row.cusip, f"not priced: {y.reason}"))
    if y.calls_unknown:
        found.append(ParseWarning(row.cusip, WORST_CALLS_UNKNOWN))
    return found


def row_dict(row: CompareRow, y: RowYields) -> dict[str, Any]:
    """One row of ``compare --json`` (contract keys in order, then ``call_protection_years``
    and the yields' ``current_pct``)."""
    n = row.note
    return {
        "document": row.document,
        "cusip": n.cusip,
        "issuer": row.offering.issuer,
        "coupon_type": n.coupon_type.value,
        "coupon_rate_pct": _s(n.coupon_rate_pct),
        "frequency": n.frequency.value,
        "maturity_date": _d(n.maturity_date),
        "callable": n.redemption.callable,
        "first_call_date": _d(row.first_call_date),
        "survivors_option": n.survivors_option,
        "price_pct": str(row.price_pct),
        "concession_pct": _s(n.concession_pct),
        "settle_date": _d(row.settle_date),
        "yields": {
            "maturity_pct": _s(y.maturity_pct),
            "worst_pct": _s(y.worst_pct),
            "worst_date": _d(y.worst_date),
            "maturity_bey_pct": _s(y.maturity_bey_pct),
            "worst_bey_pct": _s(y.worst_bey_pct),
            "current_pct": _s(y.current_pct),
            "calls_unknown": y.calls_unknown,
        },
        "warnings": [{"where": w.where, "message": w.message} for w in row_warnings(row, y)],
        "call_protection_years": _s(row.call_protection_years),
    }


def compare_dict(
    table: CompareTable, order: Sequence[int], warnings: Sequence[ParseWarning]
) -> dict[str, Any]:
    """``{"rows", "warnings"}``: the rows in ``order`` (yields computed as needed)."""
    return {
        "rows": [row_dict(table.rows[i], table.yields(i)) for i in order],
        "warnings": [{"where": w.where, "message": w.message} for w in warnings],
    }


def _flag(v: bool | None) -> str:
    return "—" if v is None else ("yes" if v else "no")


def text_cells(row: CompareRow, y: RowYields) -> list[str]:
    """A row as the table's text, one cell per ``HEADINGS`` entry (a window's "copy as table"
    can join them with tabs)."""
    n = row.note
    if n.redemption.callable is False:
        call = "non-call"
    else:
        call = _d(row.first_call_date) or ("callable" if n.redemption.callable else "—")
    return [
        n.cusip,
        (row.offering.issuer or "—")[:24],
        n.coupon_type.value,
        format_pct(n.coupon_rate_pct),
        n.frequency.value,
        _d(n.maturity_date) or "—",
        call,
        _s(row.call_protection_years) or "—",
        _flag(n.survivors_option),
        format_price(row.price_pct),
        format_pct(n.concession_pct),
        _d(row.settle_date) or "—",
        format_pct(y.maturity_pct),
        NOT_KNOWN if y.calls_unknown else format_pct(y.worst_pct),
        format_pct(y.maturity_bey_pct),
        NOT_KNOWN if y.calls_unknown else format_pct(y.worst_bey_pct),
        NOT_KNOWN if y.calls_unknown else _d(y.worst_date) or "—",
    ]


# (heading, left-aligned) of each text cell
HEADINGS = (
    ("CUSIP", True), ("issuer", True), ("type", True), ("coupon", False), ("frequency", True),
    ("maturity", True), ("first call", True), ("prot. y", False), ("SO", True), ("price", False),
    ("conc.", False), ("settle", True), ("YTM", False), ("YTW", False), ("YTM BEY", False),
    ("YTW BEY", False), ("workout", True),
)  # fmt: skip


def compare_text(table: CompareTable, order: Sequence[int], warnings: Sequence[ParseWarning]) -> str:
    """The rows as an aligned table, each unpriced row's reason and the load warnings after."""
    cells = [[h for h, _ in HEADINGS]] + [text_cells(table.rows[i], table.yields(i)) for i in order]
    widths = [max(len(r[c]) for r in cells) for c in range(len(HEADINGS))]
    left = [flag for _, flag in HEADINGS]
    lines = [
        "  ".join(v.ljust(w) if a else v.rjust(w) for v, w, a in zip(r, widths, left, strict=True))
        for r in cells
    ]
    notes = [w for i in order for w in row_warnings(table.rows[i], table.yields(i))]
    notes += list(warnings)
    if notes:
        lines += ["", "Warnings:"] + [f"  ! {w.where}: {w.message}" for w in notes]
    return "\n".join(line.rstrip() for line in lines) + "\n"


CSV_COLUMNS = (*COLUMNS, "warnings")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def render_csv(table: CompareTable, order: Sequence[int]) -> bytes:
    """The rows as CSV (UTF-8 with a BOM, CRLF, like the other CSV exports): every sortable
    column (``compare --json``'s row keys, the yields' flattened), the warnings in one cell."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for i in order:
        d = row_dict(table.rows[i], table.yields(i))
        flat = {k: v for k, v in d.items() if k not in ("yields", "warnings")} | d["yields"]
        flat["warnings"] = "; ".join(f"{w['where']}: {w['message']}" for w in d["warnings"])
        writer.writerow({k: _cell(flat[k]) for k in CSV_COLUMNS})
    return buffer.getvalue().encode("utf-8-sig")
