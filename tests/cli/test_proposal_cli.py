"""``termsheet proposal`` and ``export PROPOSAL`` as the outside check runs them: a proposal of the
bundled sample's two CUSIPs (Ally Pricing Supplement No. 213, resources/samples/) with different
amounts, settle dates and prices, against each position's own ``calc --json``: totals, every cash
flow, every month and year, to the cent."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.cli import main
from app.paths import sample_path

SAMPLE = sample_path()
ROOT = Path(__file__).resolve().parents[2]
# (cusip, amount, settle, price): a secondary purchase of each note, settling on different days
POSITIONS = [
    ("02006DTT8", "25000", "2020-01-10", "100"),
    ("02006DTU5", "10000", "2019-12-03", "100.5"),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_proposal(folder: Path, positions: list[dict[str, Any]], client: str = "Jane Q. Client") -> Path:
    path = folder / "jane.proposal.json"
    data = {"format": "termsheet-proposal/1", "client": client, "advisor": "Ann Advisor", "note": "",
            "positions": positions}  # fmt: skip
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def proposal_file(tmp_path: Path) -> Path:
    """The two positions, the document beside the proposal in a sub-folder (a relative path)."""
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "docs" / SAMPLE.name)
    entries = [
        {"document": f"docs/{SAMPLE.name}", "cusip": c, "amount": a, "settle_date": s, "price_pct": p}
        for c, a, s, p in POSITIONS
    ]
    return write_proposal(tmp_path, entries)


def calc(
    capsys: pytest.CaptureFixture[str], cusip: str, amount: str, settle: str, price: str
) -> dict[str, Any]:
    argv = ["calc", str(SAMPLE), "--cusip", cusip, "--amount", amount, "--settle", settle, "--price", price]
    code, out, _ = run(capsys, *argv, "--json")
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def held_flows(calcs: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each position's coupons then principal, in payment-date order (ties: position order)."""
    flows = []
    for c in calcs:
        paid = [(k["payment_date"], "coupon", k["amount"]) for k in c["coupons"]]
        paid.append((c["redemption"]["payment_date"], "principal", c["redemption"]["amount"]))
        flows += [{"payment_date": d, "cusip": c["cusip"], "kind": kind, "amount": a} for d, kind, a in paid]
    return sorted(flows, key=lambda f: f["payment_date"])


def sums_by(flows: list[dict[str, str]], width: int) -> dict[str, tuple[Decimal, Decimal]]:
    """Interest and principal by payment month (``width`` 7) or year (4)."""
    found: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for f in flows:
        found[f["payment_date"][:width]][f["kind"] != "coupon"] += Decimal(f["amount"])
    return {k: (v[0], v[1]) for k, v in found.items()}


def test_proposal_json_equals_each_calc_json(proposal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "proposal", str(proposal_file), "--json")
    assert (code, err) == (0, "")
    got = json.loads(out)
    calcs = [calc(capsys, *p) for p in POSITIONS]
    assert got["client"] == "Jane Q. Client"
    assert got["positions"] == calcs  # each position is exactly its calc --json
    for key in ("principal", "accrued_interest", "total", "concession", "annual_income"):
        assert Decimal(got["totals"][key]) == sum(Decimal(c[key]) for c in calcs), key
    # by hand: $25,000 at 100 + 25 days accrued at 2.35% = $40.80 (domain.md); $10,000 at 100.5 +
    # 4 days at 2.60% = $10,050.00 + $2.89; concession 1.125% and 1.700% (Ally 213)
    assert got["totals"]["total"] == "35093.69"
    assert got["totals"]["accrued_interest"] == "43.69"
    assert got["totals"]["concession"] == "451.25"
    assert got["totals"]["annual_income"] == "847.50"
    flows = held_flows(calcs)
    assert got["cash_flows"] == flows
    months = {m["month"]: (Decimal(m["interest"]), Decimal(m["principal"])) for m in got["by_month"]}
    assert months == sums_by(flows, 7)
    years = {str(y["year"]): (Decimal(y["interest"]), Decimal(y["principal"])) for y in got["by_year"]}
    assert years == sums_by(flows, 4)
    # December 2019: only 02006DTU5 (settled 12/3) receives its first coupon, 16 days: $11.56;
    # January 2020: $48.96 (2.35% on $25,000, 30 days) + $21.67 (2.60% on $10,000)
    assert months["2019-12"] == (Decimal("11.56"), 0) and months["2020-01"] == (Decimal("70.63"), 0)
    assert got["by_month"][0]["month"] == "2019-12" and all(
        isinstance(y["year"], int) for y in got["by_year"]
    )


def test_if_called_first_is_the_coupons_to_the_first_call(
    proposal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "proposal", str(proposal_file), "--json")
    called = json.loads(out)["if_called_first"]
    calcs = [calc(capsys, *p) for p in POSITIONS]
    interest = Decimal(0)
    for c in calcs:
        first = c["calls"][0]  # both settle before the first call's notice date (2020-10-16)
        interest += sum(Decimal(k["amount"]) for k in c["coupons"] if k["accrual_end"] <= first["date"])
    assert Decimal(called["total_interest"]) == interest
    # 02006DTT8: coupons 2–12 (11 × $48.96); 02006DTU5: coupons 1–12 ($11.56 + 11 × $21.67)
    assert called["total_interest"] == str(11 * Decimal("48.96") + Decimal("11.56") + 11 * Decimal("21.67"))
    assert called["by_year"] == [
        {"year": 2019, "interest": "11.56", "principal": "0.00"},
        {"year": 2020, "interest": "776.93", "principal": "35000.00"},
    ]
    held = sum(Decimal(k["amount"]) for c in calcs for k in c["coupons"])
    assert Decimal(called["income_at_risk"]) == held - interest
    assert [c["payment_date"] for c in called["calls"]] == ["2020-11-16", "2020-11-16"]


def test_positions_that_cannot_be_priced_stay_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = [
        {"document": str(SAMPLE), "cusip": "02006DTT8", "amount": "25000", "settle_date": "2020-01-10"},
        {"document": "moved/ally.txt", "cusip": "02006DTU5", "amount": "10000"},
        {"document": str(SAMPLE), "cusip": "123456789", "amount": "10000"},
        {"document": str(SAMPLE), "cusip": "02006DTU5", "amount": "10500"},
    ]
    code, out, err = run(capsys, "proposal", str(write_proposal(tmp_path, entries)), "--json")
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert "position 2" in lines[0] and str(tmp_path / "moved" / "ally.txt") in lines[0]
    assert "position 3" in lines[1] and "unknown CUSIP" in lines[1]
    assert "position 4" in lines[2] and "multiple of the increment" in lines[2]
    got = json.loads(out)
    assert [p.get("error") is None for p in got["positions"]] == [True, False, False, False]
    assert got["positions"][1]["document"] == str(tmp_path / "moved" / "ally.txt")
    assert got["totals"]["total"] == "25040.80" and got["totals"]["priced"] == 1
    assert len(got["warnings"]) == 3


def test_proposal_text(proposal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "proposal", str(proposal_file))
    assert code == 0
    assert "Jane Q. Client" in out and "$35,093.69" in out and "$847.50" in out
    assert "02006DTT8" in out and "2024" in out


def test_unreadable_proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "proposal", str(tmp_path / "none.json"))
    assert code == 3 and err.count("\n") == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "termsheet-proposal/1",\n "positions": [}\n')
    code, _, err = run(capsys, "proposal", str(bad))
    assert code == 3 and f"{bad}:2" in err
    other = tmp_path / "other.json"
    other.write_text('{"format": "termsheet-offering/1"}')
    code, _, err = run(capsys, "proposal", str(other))
    assert code == 3 and "termsheet-proposal/1" in err


def test_export_proposal_csv_ics_pdf(
    proposal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    _, out, _ = run(capsys, "proposal", str(proposal_file), "--json")
    flows = json.loads(out)["cash_flows"]
    csv_out = tmp_path / "payments.csv"
    code, _, err = run(capsys, "export", str(proposal_file), "--format", "csv", "--out", str(csv_out))
    assert code == 0 and f"wrote {csv_out}" in err
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [{k: r[k] for k in ("payment_date", "cusip", "kind", "amount")} for r in rows] == flows
    ics_out = tmp_path / "payments.ics"
    assert run(capsys, "export", str(proposal_file), "--format", "ics", "--out", str(ics_out))[0] == 0
    events = list(Calendar.from_ical(ics_out.read_bytes()).walk("VEVENT"))
    # one event per payment date and CUSIP: each note's last coupon and principal share one
    assert len(events) == len({(f["payment_date"], f["cusip"]) for f in flows}) == len(flows) - 2
    pdf_out = tmp_path / "proposal.pdf"
    assert run(capsys, "export", str(proposal_file), "--format", "pdf", "--out", str(pdf_out))[0] == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_out).pages)
    assert "Jane Q. Client" in text and "Ann Advisor" in text and "$35,093.69" in text


def test_export_proposal_usage(
    proposal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.csv")
    code, _, err = run(
        capsys, "export", str(proposal_file), "--format", "csv", "--out", out, "--cusip", "02006DTT8"
    )
    assert code == 2 and "do not apply to a proposal" in err
    code, _, err = run(capsys, "export", str(SAMPLE), "--format", "csv", "--out", out)
    assert code == 2 and "--cusip" in err
    code, _, err = run(
        capsys, "export", str(proposal_file), "--format", "csv", "--out", str(tmp_path / "no" / "x")
    )
    assert code == 4 and "does not exist" in err


def test_the_desk_loads_no_qt_until_a_pdf() -> None:
    modules = ["app.cli_desk", "app.domain.compare", "app.domain.proposal", "app.sources.proposal_file",
               "app.reports.proposal_json", "app.reports.proposal_text", "app.reports.compare_report",
               "app.reports.proposal_csv", "app.reports.proposal_ics", "app.reports.proposal_html",
               "app.reports.proposal_export", "app.reports._qt_proposal_pdf"]  # fmt: skip
    code = (
        f"import sys, {', '.join(modules)}; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
