"""The proposal file: read and written exactly, document paths relative to the file's folder
(or absolute), a bad field making only its position unpriceable."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import SourceError
from app.domain.holding import Position
from app.domain.proposal import ProposalInputs
from app.reports.proposal_export import save_proposal
from app.sources import proposal_file
from app.sources.proposal_file import FORMAT, dumps, is_proposal, load_documents, loads, read
from tests.offerings import ALLY


def write(path: Path, positions: list[object], **extra: object) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "client": "Jane", "positions": positions, **extra}))
    return path


def test_relative_and_absolute_documents(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "doc.txt"
    entries = [
        {"document": "docs/ally.txt", "cusip": "02006dtt8", "amount": "25,000", "settle_date": "2020-01-10",
         "price_pct": "100.5"},
        {"document": "../up.txt", "cusip": "02006DTU5", "amount": 10000, "settle_date": "12/03/2019",
         "price_pct": 101.125},
        {"document": str(elsewhere), "cusip": "02006DTU5"},
    ]  # fmt: skip
    (tmp_path / "p").mkdir()
    got = read(write(tmp_path / "p" / "client.json", entries))
    assert got.problems == {}
    a, b, c = got.inputs.positions
    ally = str(tmp_path / "p" / "docs" / "ally.txt")
    assert a == Position(ally, "02006DTT8", Decimal(25000), date(2020, 1, 10), Decimal("100.5"))
    assert (b.document, b.settle_date, b.price_pct) == (
        str(tmp_path / "up.txt"),
        date(2019, 12, 3),
        Decimal("101.125"),
    )
    assert (c.document, c.amount, c.settle_date, c.price_pct) == (str(elsewhere), None, None, None)
    assert got.inputs.client == "Jane" and got.inputs.advisor == ""


def test_written_paths_are_relative_to_the_proposal(tmp_path: Path) -> None:
    ally, other = str(tmp_path / "docs" / "ally.txt"), str(tmp_path / "other" / "b.txt")
    positions = (
        Position(ally, "02006DTT8", Decimal("25000"), date(2020, 1, 10), Decimal("100")),
        Position(other, "02006DTU5"),
    )
    inputs = ProposalInputs("Jane", "Ann", "a note", positions)
    out = tmp_path / "proposals" / "jane.json"
    out.parent.mkdir()
    save_proposal(inputs, out)
    data = json.loads(out.read_text())
    assert list(data) == ["format", "client", "advisor", "note", "positions"]
    assert data["positions"] == [
        {"document": "../docs/ally.txt", "cusip": "02006DTT8", "amount": "25000", "settle_date": "2020-01-10",
         "price_pct": "100"},
        {"document": "../other/b.txt", "cusip": "02006DTU5", "amount": None, "settle_date": None,
         "price_pct": None},
    ]  # fmt: skip
    assert read(out).inputs == inputs  # read back: the same absolute paths
    assert is_proposal(out) and not is_proposal(tmp_path / "nothing.json")


def test_a_bad_field_spoils_only_its_position(tmp_path: Path) -> None:
    entries = [
        {"document": "a.txt", "cusip": "02006DTT8", "amount": "lots"},
        {"document": "a.txt", "cusip": "02006DTT8", "settle_date": "31/31/2019"},
        {"document": "a.txt", "cusip": ""},
        {"cusip": "02006DTT8"},
        {"document": "a.txt", "cusip": "02006DTT8", "amount": True},
        {"document": "a.txt", "cusip": "02006DTT8", "amount": "1000"},
    ]
    got = read(write(tmp_path / "p.json", entries))
    assert sorted(got.problems) == [0, 1, 2, 3, 4]
    assert "not a dollar amount" in str(got.problems[0]) and "positions[0].amount" in str(got.problems[0])
    assert "not a date" in str(got.problems[1])
    assert "CUSIP is required" in str(got.problems[2]) and "document" in str(got.problems[3])
    assert len(got.inputs.positions) == 6


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{\n  "format": "termsheet-proposal/1",\n  "positions": [}\n', ":3: not valid JSON"),
        ('{"format": "termsheet-offering/1"}', "is not 'termsheet-proposal/1'"),
        ("[1, 2]", "is not 'termsheet-proposal/1'"),
        ('{"format": "termsheet-proposal/1", "positions": {}}', "positions: must be a list"),
        ('{"format": "termsheet-proposal/1", "positions": [3]}', "positions[0]: must be an object"),
        ('{"format": "termsheet-proposal/1", "client": 7}', "client: 7 must be a string"),
    ],
)
def test_not_a_proposal(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(text)
    with pytest.raises(SourceError) as err:
        read(path)
    assert needle in str(err.value) and str(path) in str(err.value)


def test_missing_file() -> None:
    with pytest.raises(SourceError, match="No such file"):
        read("/nonexistent/p.json")


def test_each_document_is_loaded_once() -> None:
    loaded: list[str] = []

    def load(path: str) -> tuple[object, object]:
        loaded.append(path)
        if path == "/docs/gone.txt":
            raise SourceError("No such file or directory", source=path)
        return ALLY, []

    found = load_documents(["/docs/a.txt", "/docs/gone.txt", "/docs/a.txt", "/docs/a.txt", ""], load)
    assert loaded == ["/docs/a.txt", "/docs/gone.txt"]
    assert found["/docs/a.txt"] is ALLY and isinstance(found["/docs/gone.txt"], SourceError)


def test_dumps_loads_round_trip(tmp_path: Path) -> None:
    position = Position(str(tmp_path / "a.txt"), "02006DTT8", Decimal("25000.00"))
    inputs = ProposalInputs("Jane Q. Client", "Ann Advisor", "Ladder — 2025", (position,))
    assert loads(dumps(inputs, tmp_path), "p", tmp_path).inputs == inputs
    assert proposal_file.looks_like(dumps(inputs, tmp_path))
