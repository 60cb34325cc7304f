"""The command line as the contract states it: output, exit codes, one-line messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.paths import sample_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(sample_path())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calc_json_on_the_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 2: 02006DTT8, $25,000, settle 2019-12-03 → accrued $6.53 (4 days)
    code, out, err = run(
        capsys,
        "calc",
        SAMPLE,
        "--cusip",
        "02006DTT8",
        "--amount",
        "25000",
        "--settle",
        "2019-12-03",
        "--json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    expected_keys = {
        "cusip",
        "amount",
        "settle_date",
        "price_pct",
        "principal",
        "accrual_start",
        "accrued_days",
        "accrued_interest",
        "total",
        "concession",
        "annual_income",
        "first_coupon_per_1000",
        "coupons",
        "redemption",
        "calls",
        "yields",
        "warnings",
    }
    assert expected_keys <= data.keys()
    assert data["accrued_interest"] == "6.53" and data["accrued_days"] == 4
    assert data["total"] == "25006.53" and data["principal"] == "25000.00"
    assert data["accrual_start"] == "2019-11-29" and data["settle_date"] == "2019-12-03"
    assert data["concession"] == "281.25"  # 1.125% gross concession (Ally 213)
    assert data["first_coupon_per_1000"] == {"printed": "1.04", "computed": "1.04", "matches": True}
    first = data["coupons"][0]
    assert (first["payment_date"], first["amount"], first["days"]) == ("2019-12-16", "26.11", 16)
    assert len(data["coupons"]) == 36
    assert data["redemption"] == {"date": "2022-11-15", "payment_date": "2022-11-15", "amount": "25000.00"}
    assert data["calls"][0] == {
        "date": "2020-11-15",
        "payment_date": "2020-11-16",
        "notice_date": "2020-10-16",
        "price_pct": "100.000",  # "Callable at 100%", echoed as every price is (money.price_digits)
        "amount": "25000.00",  # what the call would repay on $25,000
    }
    assert all(isinstance(v, str) for v in (data["amount"], data["price_pct"]))


def test_calc_accepts_every_documented_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    # contract: 25000, 25,000, 25000.00, $25,000; 2019-12-03 and 12/03/2019
    for amount in ("25000", "25,000", "25000.00", "$25,000"):
        code, out, _ = run(
            capsys,
            "calc",
            SAMPLE,
            "--cusip",
            "02006dtt8",
            "--amount",
            amount,
            "--settle",
            "12/03/2019",
            "--json",
        )
        assert code == 0 and json.loads(out)["accrued_interest"] == "6.53"


def test_calc_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calc", SAMPLE, "--cusip", "02006DTU5", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["amount"], data["settle_date"], data["accrued_interest"]) == (
        "1000.00",
        "2019-11-29",
        "0.00",
    )
    assert data["first_coupon_per_1000"]["computed"] == "1.16"  # 1.1556 printed as $1.16


def test_calc_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "calc", SAMPLE, "--cusip", "02006DTT8", "--amount", "25000", "--settle", "2019-12-03"
    )
    assert code == 0 and "$25,006.53" in out and "$6.53" in out and "2019-12-16" in out
    # issue 5: calc prints the yields, the workout date marked among the call dates
    assert "to worst" in out and "2020-11-15  2020-11-16 2020-10-16" in out


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["--amount", "25500"], 4, "multiple of the increment"),
        (["--amount", "500"], 4, "at least $1,000.00"),
        (["--amount", "lots"], 4, "not a dollar amount"),
        (["--settle", "2019-11-28"], 4, "out of range: 2019-11-29 (issue) to 2022-11-14"),
        (["--settle", "2022-11-15"], 4, "out of range"),
        (["--settle", "31/31/2019"], 4, "not a date"),
        (["--price", "abc"], 4, "not a percentage"),
        (["--price", "0"], 4, "out of range"),
    ],
)
def test_bad_calculation_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, needle: str
) -> None:
    got, out, err = run(capsys, "calc", SAMPLE, "--cusip", "02006DTT8", *argv)
    assert got == code and out == ""
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_unknown_cusip(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "calc", SAMPLE, "--cusip", "123456789")
    assert code == 4 and "unknown CUSIP" in err and "02006DTT8" in err


def test_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "show", str(missing))
    assert code == 3 and str(missing) in err and err.count("\n") == 1
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    code, _, err = run(capsys, "calc", str(junk), "--cusip", "02006DTT8")
    assert code == 3 and str(junk) in err and err.count("\n") == 1
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format": "termsheet-offering/1",\n "notes": [}\n')
    code, _, err = run(capsys, "show", str(bad_json))
    assert code == 3 and f"{bad_json}:2" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "calc", SAMPLE)
    assert code == 2 and "--cusip" in err and err.count("\n") == 1
    code, _, err = run(capsys, "show")
    assert code == 2


def test_show_json_round_trips_through_the_offering_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", SAMPLE, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "termsheet-offering/1"
    assert [n["cusip"] for n in data["notes"]] == ["02006DTT8", "02006DTU5"]
    saved = tmp_path / "offering.json"
    saved.write_text(out)
    code, again, _ = run(capsys, "show", str(saved), "--json")
    assert code == 0 and json.loads(again)["notes"] == data["notes"]
    code, calc, _ = run(
        capsys,
        "calc",
        str(saved),
        "--cusip",
        "02006DTT8",
        "--amount",
        "25000",
        "--settle",
        "2019-12-03",
        "--json",
    )
    assert json.loads(calc)["accrued_interest"] == "6.53"


def test_main_py_runs_as_a_script() -> None:
    done = subprocess.run(
        [sys.executable, "main.py", "calc", SAMPLE, "--cusip", "02006DTT8", "--amount", "25500"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 4 and "Traceback" not in done.stderr


def test_a_document_of_one_note_needs_no_cusip(capsys: pytest.CaptureFixture[str]) -> None:
    """A form-layout MTN supplement may print no CUSIP (documents.md §3): ``calc`` prices its one
    note without ``--cusip``; a document of several notes still asks for one, naming them."""
    form = "tests/data/label_documents/stepup-2021-mtn-form.txt"
    code, out, _ = run(capsys, "calc", form, "--json")
    assert code == 0 and json.loads(out)["cusip"] in ("", None)
    code, out, _ = run(capsys, "calc", form)
    assert code == 0 and out.startswith("(no CUSIP)")
    code, _, err = run(capsys, "calc", SAMPLE)
    assert code == 2 and "02006DTT8, 02006DTU5" in err
