"""The comparison of every loaded note as the contract's ``compare --json`` object and as a
readable text table (one line per note, in the order asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.compare import CompareRow, CompareTable, RowYields
from app.domain.model import ParseWarning
from app.domain.money import format_pct


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def row_warnings(row: CompareRow, y: RowYields) -> list[ParseWarning]:
    """The note's warnings, then why it has no yields (if it has none)."""
    found = list(row.warnings)
    if y.reason:
        found.append(ParseWarning(row.cusip, f"not priced: {y.reason}"))
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


def _text_cells(row: CompareRow, y: RowYields) -> list[str]:
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
        str(row.price_pct),
        format_pct(n.concession_pct),
        _d(row.settle_date) or "—",
        format_pct(y.maturity_pct),
        format_pct(y.worst_pct),
        format_pct(y.maturity_bey_pct),
        format_pct(y.worst_bey_pct),
        _d(y.worst_date) or "—",
    ]


_HEADINGS = ["CUSIP", "issuer", "type", "coupon", "frequency", "maturity", "first call", "prot. y",
             "SO", "price", "conc.", "settle", "YTM", "YTW", "YTM BEY", "YTW BEY", "workout"]  # fmt: skip
_LEFT = {0, 1, 2, 4, 5, 6, 11, 16}


def compare_text(table: CompareTable, order: Sequence[int], warnings: Sequence[ParseWarning]) -> str:
    """The rows as an aligned table, each unpriced row's reason and the load warnings after."""
    cells = [_HEADINGS] + [_text_cells(table.rows[i], table.yields(i)) for i in order]
    widths = [max(len(r[c]) for r in cells) for c in range(len(_HEADINGS))]
    lines = [
        "  ".join(
            v.ljust(w) if c in _LEFT else v.rjust(w) for c, (v, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    ]
    notes = [w for i in order for w in row_warnings(table.rows[i], table.yields(i))]
    notes += list(warnings)
    if notes:
        lines += ["", "Warnings:"] + [f"  ! {w.where}: {w.message}" for w in notes]
    return "\n".join(line.rstrip() for line in lines) + "\n"
