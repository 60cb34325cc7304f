"""``termsheet export`` end to end through ``app.cli.main``: files match ``calc --json`` exactly.

Purchase: $25,000 of Ally 02006DTT8 settling 1/10/2020 (domain.md: 25 days accrued → $40.80).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.cli import main
from app.domain.money import format_usd

OPTIONS = ["--cusip", "02006DTT8", "--amount", "$25,000", "--settle", "01/10/2020"]
ROOT = Path(__file__).resolve().parents[2]


def calc_json(sample: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["calc", str(sample), *OPTIONS, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def export(sample: Path, fmt: str, out: Path, *extra: str) -> int:
    return main(["export", str(sample), "--format", fmt, "--out", str(out), *OPTIONS, *extra])


def test_csv_equals_calc_json_coupons(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calc = calc_json(sample_file, capsys)
    out = tmp_path / "flows.csv"
    assert export(sample_file, "csv", out) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["type"] == "coupon"]
    keys = calc["coupons"][0].keys()
    as_json = [{k: int(r[k]) if k in ("number", "days") else r[k] for k in keys} for r in rows]
    assert as_json == calc["coupons"]


def test_ics_events_on_payment_dates(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calc = calc_json(sample_file, capsys)
    out = tmp_path / "payments.ics"
    assert export(sample_file, "ics", out) == 0
    found = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart").isoformat() for e in found] == [c["payment_date"] for c in calc["coupons"]]
    assert date(2020, 2, 18) in {e.decoded("dtstart") for e in found}
    uids = [str(e["uid"]) for e in found]
    assert export(sample_file, "ics", out) == 0
    assert [str(e["uid"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")] == uids


@pytest.mark.usefixtures("qapp")
def test_pdf_has_calc_figures(sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calc = calc_json(sample_file, capsys)
    out = tmp_path / "sheet.pdf"
    assert export(sample_file, "pdf", out) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert calc["cusip"] in text
    assert format_usd(Decimal(calc["accrued_interest"])) in text
    assert format_usd(Decimal(calc["total"])) in text
    assert "$40.80" in text and "$25,040.80" in text
    assert sample_file.name in text


@pytest.mark.parametrize("fmt", ["csv", "ics", "pdf"])
def test_unwritable_folder_exits_4_and_leaves_nothing(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("a regular file, not a folder")
    out = blocker / f"out.{fmt}"
    assert export(sample_file, fmt, out) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_bad_inputs_keep_calc_exit_codes(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    assert (
        main(["export", str(sample_file), "--cusip", "000000000", "--format", "csv", "--out", str(out)]) == 4
    )
    assert (
        main(
            [
                "export",
                str(tmp_path / "missing.txt"),
                "--cusip",
                "02006DTT8",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 3
    )
    assert (
        main(["export", str(sample_file), "--cusip", "02006DTT8", "--format", "xls", "--out", str(out)]) == 2
    )
    assert (
        main(
            [
                "export",
                str(sample_file),
                *OPTIONS[:2],
                "--amount",
                "1500",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 4
    )
    assert "increment" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_pdf_from_a_fresh_headless_process(sample_file: Path, tmp_path: Path) -> None:
    """The real command line: no QApplication, no display, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "sheet.pdf"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "export",
            str(sample_file),
            "--format",
            "pdf",
            "--out",
            str(out),
            *OPTIONS,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"wrote {out}"
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "$25,040.80" in text and "02006DTT8" in text
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
