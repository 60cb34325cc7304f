"""``termsheet compare``: one row per note with ``calc --json``'s yields for that note, price and
settle date; the sort keys, the text table and the exit status."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.model import Frequency, Note, Offering, Redemption
from app.paths import sample_path
from app.sources.offering_json import dumps

SAMPLE = str(sample_path())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def compare(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "compare", *argv, "--json")
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


def calc_yields(capsys: pytest.CaptureFixture[str], cusip: str, *extra: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "calc", SAMPLE, "--cusip", cusip, *extra, "--json")
    assert code == 0
    result: dict[str, Any] = json.loads(out)["yields"]
    return result


def test_compare_gives_calc_yields(capsys: pytest.CaptureFixture[str]) -> None:
    got = compare(capsys, SAMPLE)
    rows = {r["cusip"]: r for r in got["rows"]}
    assert set(rows) == {"02006DTT8", "02006DTU5"}
    for cusip, row in rows.items():
        expected = calc_yields(capsys, cusip)  # selling price, the offering's settle date
        for key in ("maturity_pct", "worst_pct", "worst_date"):
            assert row["yields"][key] == expected[key], (cusip, key)
        assert row["settle_date"] == "2019-11-29" and row["price_pct"] == "100.00"
    row = rows["02006DTT8"]
    assert (row["issuer"], row["coupon_type"], row["coupon_rate_pct"], row["frequency"]) == (
        "Ally Financial Inc.", "fixed", "2.350", "monthly")  # fmt: skip
    assert (row["callable"], row["first_call_date"], row["survivors_option"], row["concession_pct"]) == (
        True, "2020-11-15", True, "1.125")  # fmt: skip
    # 30/360 from 2019-11-29 to 2020-11-15 = 346 days = 0.96 years
    assert row["call_protection_years"] == "0.96"
    assert got["warnings"] == [] and row["warnings"] == []
    # default order: worst_bey_pct descending (2.600% note first)
    assert [r["cusip"] for r in got["rows"]] == ["02006DTU5", "02006DTT8"]


def test_bond_equivalent_yields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # domain.md check values (Caterpillar Financial rate sheet, June 2008): 5.250% monthly at par
    # = 5.308% BEY, 5.750% quarterly = 5.791%; settling on the issue date, non-callable
    notes = (
        Note("TESTMON01", Decimal("5.250"), Frequency.MONTHLY, date(2020, 1, 15), date(2030, 1, 15),
             date(2020, 2, 15), price_pct=Decimal(100), redemption=Redemption(callable=False)),
        Note("TESTQTR01", Decimal("5.750"), Frequency.QUARTERLY, date(2020, 1, 15), date(2030, 1, 15),
             date(2020, 4, 15), price_pct=Decimal(100), redemption=Redemption(callable=False)),
    )  # fmt: skip
    path = tmp_path / "rates.json"
    path.write_text(dumps(Offering(notes, issuer="Rate Sheet", settle_date=date(2020, 1, 15))))
    rows = {r["cusip"]: r for r in compare(capsys, str(path))["rows"]}
    monthly, quarterly = rows["TESTMON01"]["yields"], rows["TESTQTR01"]["yields"]
    assert monthly["maturity_pct"] == "5.250000" and quarterly["maturity_pct"] == "5.750000"
    assert round(Decimal(monthly["maturity_bey_pct"]), 3) == Decimal("5.308")
    assert round(Decimal(quarterly["worst_bey_pct"]), 3) == Decimal("5.791")
    # non-callable: protected to maturity, 10 years
    assert rows["TESTMON01"]["call_protection_years"] == "10.00" and rows["TESTMON01"]["callable"] is False


def test_one_settle_date_for_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    got = compare(capsys, SAMPLE, "--settle", "06/01/2023")
    rows = {r["cusip"]: r for r in got["rows"]}
    assert {r["settle_date"] for r in got["rows"]} == {"2023-06-01"}
    matured = rows["02006DTT8"]  # matured 2022-11-15: kept, with no yields and the reason
    assert {v for k, v in matured["yields"].items() if k != "calls_unknown"} == {None}
    assert matured["yields"]["calls_unknown"] is False
    assert "out of range" in matured["warnings"][0]["message"]
    expected = calc_yields(capsys, "02006DTU5", "--settle", "2023-06-01")
    assert rows["02006DTU5"]["yields"]["worst_pct"] == expected["worst_pct"]
    assert rows["02006DTU5"]["call_protection_years"] == "0.00"  # first call passed
    assert got["rows"][-1]["cusip"] == "02006DTT8"  # no yield: last


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("maturity_date", "02006DTT8"),
        ("-maturity_date", "02006DTU5"),
        ("--sort=-coupon_rate_pct", "02006DTU5"),
        ("concession_pct", "02006DTT8"),
        ("yields.worst_pct", "02006DTT8"),
    ],
)
def test_sort(capsys: pytest.CaptureFixture[str], sort: str, first: str) -> None:
    argv = [sort] if sort.startswith("--sort=") else ["--sort", sort]
    assert compare(capsys, SAMPLE, *argv)["rows"][0]["cusip"] == first


def test_unknown_sort_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", SAMPLE, "--sort", "yield")
    assert (code, out) == (2, "") and "unknown sort key" in err and "worst_bey_pct" in err


def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.txt")
    code, out, err = run(capsys, "compare", missing, SAMPLE, "--json")
    assert code == 0 and err.count("\n") == 1 and missing in err
    got = json.loads(out)
    assert len(got["rows"]) == 2 and got["warnings"][0]["where"] == missing
    code, out, err = run(capsys, "compare", missing, str(tmp_path / "other.txt"))
    assert (code, out) == (3, "") and err.count("\n") == 3 and "none of the 2 file(s)" in err


def test_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", SAMPLE, "--settle", "2023-06-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["CUSIP", "issuer", "type"]
    assert lines[1].startswith("02006DTU5") and "2.600%" in lines[1]
    assert "not priced" in out  # the matured note says why it has no yields
