"""Write one export of a whole proposal (CSV of every payment, iCalendar of every payment date, the
client PDF), or the proposal file itself, to exactly the path asked for, whole or not at all
(``export.write_atomic``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.domain.errors import InputError
from app.domain.proposal import Proposal, ProposalInputs
from app.reports.export import FORMATS, check_destination, write_atomic


def render(p: Proposal, fmt: str, *, today: date | None = None) -> bytes:
    """The bytes of one export format (``csv``, ``ics`` or ``pdf``); ``InputError`` otherwise."""
    renderers: dict[str, Callable[[], bytes]] = {
        "csv": lambda: _csv(p),
        "ics": lambda: _ics(p),
        "pdf": lambda: _pdf(p, today),
    }
    if fmt not in renderers:
        raise InputError(
            f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}", field="format", value=fmt
        )
    return renderers[fmt]()


def _csv(p: Proposal) -> bytes:
    from app.reports.proposal_csv import render_csv

    return render_csv(p)


def _ics(p: Proposal) -> bytes:
    from app.reports.proposal_ics import render_ics

    return render_ics(p)


def _pdf(p: Proposal, today: date | None) -> bytes:
    from app.reports._qt_proposal_pdf import render_proposal_pdf  # loads Qt: only for a PDF

    return render_proposal_pdf(p, today=today)


def export_proposal(p: Proposal, fmt: str, out: Path, *, today: date | None = None) -> Path:
    """Render ``fmt`` and write it to ``out``; returns the path written. ``InputError`` for an
    unknown format, ``ExportError`` when ``out`` cannot be written; no file is left behind."""
    out = Path(out)
    check_destination(out)
    return write_atomic(out, render(p, fmt, today=today))


def save_proposal(inputs: ProposalInputs, out: Path) -> Path:
    """Write the proposal file (``termsheet-proposal/1``) to ``out``, document paths relative
    to its folder where they can be."""
    from app.sources.proposal_file import dumps, folder_of

    out = Path(out)
    return write_atomic(out, dumps(inputs, folder_of(out)).encode("utf-8"))
