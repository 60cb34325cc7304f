"""The proposal file (``termsheet-proposal/1``): a client's purchases as JSON, read and written.

``{"format": "termsheet-proposal/1", "client", "advisor", "note", "positions": [{"document",
"cusip", "amount", "settle_date", "price_pct"}]}`` (contract.md). A document path is relative to
the proposal file's folder or absolute: read, it is made absolute (so a document several
positions use is loaded once, and the window can match it to a loaded one); written, it is made
relative to the folder where it can be (``../notes/ally-213.txt``; absolute on another drive).

``amount`` and ``price_pct`` are decimal strings (``"25000"``, ``"$25,000"`` and exact JSON
numbers are read too), ``settle_date`` an ISO date (``12/03/2019`` is read too); null or missing
means the calculator's default. A position field that cannot be read becomes that position's
error (``InputError`` naming it) and the other positions still load; a file that is not a
proposal raises ``SourceError`` naming the file (and the line, for broken JSON).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

from app.domain.dates import parse_date
from app.domain.errors import InputError, SourceError, TermSheetError
from app.domain.holding import Position
from app.domain.model import Offering
from app.domain.money import parse_amount, parse_percent
from app.domain.proposal import Proposal, ProposalInputs, Source

FORMAT = "termsheet-proposal/1"
_TEXT_FIELDS = ("client", "advisor", "note")


@dataclass(frozen=True, slots=True)
class ProposalFile:
    """A proposal file read: its inputs (document paths absolute) and the positions whose
    fields could not be read, by index."""

    inputs: ProposalInputs
    problems: Mapping[int, InputError] = field(default_factory=dict)


def looks_like(text: str) -> bool:
    """Content sniffing: a JSON object naming the proposal format near its start."""
    head = text.lstrip()[:4096]
    return head.startswith("{") and FORMAT in head


def is_proposal(path: str | Path) -> bool:
    """True when the file at ``path`` is a proposal file (by its content; False if unreadable)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return looks_like(head.decode("utf-8-sig", errors="replace"))


def read(path: str | Path) -> ProposalFile:
    """Read the proposal file at ``path``; ``SourceError`` names it when it cannot be read."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise SourceError(reason, source=str(p)) from None
    return loads(text, str(p), folder_of(p))


def folder_of(path: str | Path) -> Path:
    """The absolute folder of a proposal file: where its relative document paths start."""
    return Path(os.path.abspath(path)).parent


def loads(text: str, name: str, folder: Path) -> ProposalFile:
    """Parse proposal-file text; relative document paths are taken from ``folder``."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        raise SourceError(f"not valid JSON: {err.msg}", source=name, line=err.lineno) from None
    except RecursionError:
        raise SourceError("JSON nested too deeply", source=name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise SourceError(f"format {found!r} is not {FORMAT!r}", source=name, field="format")
    client, advisor, note = (_text(data, key, name) for key in _TEXT_FIELDS)
    raw = data.get("positions")
    raw = [] if raw is None else raw
    if not isinstance(raw, list):
        raise SourceError("positions: must be a list", source=name, field="positions")
    positions, problems = [], {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise SourceError(f"positions[{i}]: must be an object", source=name, field=f"positions[{i}]")
        position, problem = _position(item, f"positions[{i}]", folder)
        positions.append(position)
        if problem is not None:
            problems[i] = problem
    return ProposalFile(ProposalInputs(client, advisor, note, tuple(positions)), problems)


def _text(data: dict[str, Any], key: str, name: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SourceError(f"{key}: {value!r} must be a string", source=name, field=key)
    return value


def _position(item: dict[str, Any], where: str, folder: Path) -> tuple[Position, InputError | None]:
    """The position of one entry; a field that cannot be read is left None and named in the
    error returned beside it."""
    problem: InputError | None = None
    values: dict[str, Any] = {}
    readers: dict[str, Callable[[Any, str], Any]] = {
        "amount": _amount,
        "settle_date": _date,
        "price_pct": _price,
    }
    for key, reader in readers.items():
        try:
            values[key] = None if item.get(key) is None else reader(item[key], f"{where}.{key}")
        except InputError as err:
            values[key] = None
            problem = problem or err
    document, cusip = item.get("document"), item.get("cusip")
    if not isinstance(document, str) or not document.strip():
        problem = InputError(
            f"{where}.document: the path of the offering document is required", field="document"
        )
        document = ""
    if not isinstance(cusip, str) or not cusip.strip():
        problem = problem or InputError(f"{where}.cusip: a CUSIP is required", field="cusip")
        cusip = ""
    path = absolute(document, folder) if document else ""
    return Position(path, cusip.strip().upper(), **values), problem


def _amount(value: Any, where: str) -> Decimal:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return parse_amount(str(value), where)
    if isinstance(value, str):
        return parse_amount(value, where)
    raise InputError(f"{where}: {value!r} is not a dollar amount", field=where, value=value)


def _price(value: Any, where: str) -> Decimal:
    if isinstance(value, Decimal | int | str) and not isinstance(value, bool):
        return parse_percent(str(value), where)
    raise InputError(f"{where}: {value!r} is not a percentage", field=where, value=value)


def _date(value: Any, where: str) -> date:
    if isinstance(value, str):
        return parse_date(value, where)
    raise InputError(f"{where}: {value!r} is not a date (use 2019-12-03)", field=where, value=value)


def absolute(document: str, folder: Path) -> str:
    """``document`` as an absolute, normalised path (a relative one taken from ``folder``)."""
    path = Path(document).expanduser()
    return os.path.normpath(path if path.is_absolute() else folder / path)


def relative(document: str, folder: Path) -> str:
    """``document`` relative to ``folder`` with forward slashes, or as it is when it cannot be
    (another drive, or not a path)."""
    if not document or not PurePath(document).is_absolute():
        return document
    try:
        return Path(os.path.relpath(document, folder)).as_posix()
    except ValueError:
        return document


def to_dict(inputs: ProposalInputs, folder: Path) -> dict[str, Any]:
    """The proposal file as a JSON-ready dict, document paths relative to ``folder``."""
    return {
        "format": FORMAT,
        "client": inputs.client,
        "advisor": inputs.advisor,
        "note": inputs.note,
        "positions": [
            {
                "document": relative(p.document, folder),
                "cusip": p.cusip,
                "amount": _s(p.amount),
                "settle_date": p.settle_date.isoformat() if p.settle_date else None,
                "price_pct": _s(p.price_pct),
            }
            for p in inputs.positions
        ],
    }


def dumps(inputs: ProposalInputs, folder: Path) -> str:
    """The proposal file's text (indented, keys in the contract's order)."""
    return json.dumps(to_dict(inputs, folder), indent=2, ensure_ascii=False) + "\n"


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def load_documents(
    documents: Iterable[str], load: Callable[[str], tuple[Offering, object]] | None = None
) -> dict[str, Source]:
    """Each distinct document loaded once: its offering, or the error that kept it from loading
    (``load`` defaults to ``app.sources.load_path``)."""
    from app.sources import load_path

    loader = load or load_path
    found: dict[str, Source] = {}
    for document in documents:
        if document and document not in found:
            try:
                found[document] = loader(document)[0]
            except TermSheetError as err:
                found[document] = err
    return found


def open_proposal(path: str | Path) -> Proposal:
    """The proposal in the file at ``path`` with its documents loaded (each once); positions
    whose document or fields cannot be read are listed with their error."""
    read_file = read(path)
    inputs = read_file.inputs
    sources = load_documents(p.document for p in inputs.positions)
    return Proposal.build(inputs, sources, read_file.problems)
