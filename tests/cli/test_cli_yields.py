"""``calc`` and ``show`` parity with the window (issue 14 items 9 and 10, issue 12 items 5–7): price
from a yield, bond-equivalent yields, a yield to worst that says when calls are unknown, printed
yields checked, zero-coupon notes.

Check values: Chubb INA 5.000% 2034 at 99.648 settling 3/7/2024 → 5.045% (documents.md); John
Hancock 41013MBT6 zero at 50.000 → 5.641% bond-equivalent (documents.md); Ally 02006DTT8 (the
bundled sample, domain.md); Prudential InterNotes 2014 74432RAC7, callable on terms in the
prospectus (tests/data/supplements).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.yields import bond_equivalent_yield_pct
from app.paths import sample_path
from app.sources.offering_json import dumps, loads
from tests.offerings import CHUBB, JOHN_HANCOCK

SAMPLE = str(sample_path())
PRUDENTIAL = str(
    Path(__file__).resolve().parents[1] / "data" / "supplements" / "prudential-internotes-2014.html"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def calc_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, "calc", *argv, "--json")
    assert (code, err) == (0, ""), err
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.fixture
def chubb(tmp_path: Path) -> str:
    path = tmp_path / "chubb-2034.json"
    path.write_text(dumps(CHUBB), encoding="utf-8")
    return str(path)


@pytest.fixture
def zero(tmp_path: Path) -> str:
    path = tmp_path / "john-hancock-2002.json"
    path.write_text(dumps(JOHN_HANCOCK), encoding="utf-8")
    return str(path)


def test_price_from_the_printed_yield_is_the_printed_price(
    capsys: pytest.CaptureFixture[str], chubb: str
) -> None:
    """Chubb: 5.045% to maturity gives 99.647974, the printed 99.648 to its three places."""
    data = calc_json(capsys, chubb, "--cusip", "171239AK2", "--yield", "5.045")
    assert data["price_pct"] == "99.647974"
    assert Decimal(data["price_pct"]).quantize(Decimal("0.001")) == Decimal("99.648")
    assert data["yields"]["maturity_pct"] == "5.045000"
    assert data["price_from_yield"] == {
        "yield_pct": "5.045",
        "to": "maturity",
        "workout_date": "2034-03-15",
        "note": "price from a yield to maturity of 5.045%",
    }


def test_price_from_a_yield_to_worst_and_to_a_call(capsys: pytest.CaptureFixture[str], chubb: str) -> None:
    """At 4.5% a premium: the price to worst is the price to the par call (the lower one), and at
    that price the yield to worst is 4.5% on that call."""
    worst = calc_json(capsys, chubb, "--cusip", "171239AK2", "--yield", "4.5", "--yield-to", "worst")
    call = calc_json(capsys, chubb, "--cusip", "171239AK2", "--yield", "4.5", "--yield-to", "call:2033-12-15")
    maturity = calc_json(capsys, chubb, "--cusip", "171239AK2", "--yield", "4.5")
    assert worst["price_pct"] == call["price_pct"] < maturity["price_pct"]
    assert (worst["yields"]["worst_pct"], worst["yields"]["worst_date"]) == ("4.500000", "2033-12-15")
    assert worst["price_from_yield"]["workout_date"] == "2033-12-15"
    assert call["yields"]["to_call"] == [{"date": "2033-12-15", "yield_pct": "4.500000"}]
    first = calc_json(capsys, chubb, "--cusip", "171239AK2", "--yield", "4.5", "--yield-to", "call")
    assert first["price_pct"] == call["price_pct"]


def test_price_from_yield_in_text(capsys: pytest.CaptureFixture[str], chubb: str) -> None:
    code, out, _ = run(capsys, "calc", chubb, "--cusip", "171239AK2", "--yield", "4.5", "--yield-to", "worst")
    assert code == 0
    assert "Purchase $2,000.00 at 103.921623% settling 2024-03-07" in out
    assert "(price from a yield to worst of 4.500%, working out to the call on 2033-12-15)" in out


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["--price", "101", "--yield", "4.5"], 2, "not allowed with argument --price"),
        (["--yield-to", "worst"], 2, "--yield-to needs --yield"),
        (
            ["--yield", "4.5", "--yield-to", "soon"],
            2,
            "'soon' is not maturity, worst, call or call:YYYY-MM-DD",
        ),
        (["--yield", "4.5", "--yield-to", "call:2033-13-45"], 2, "not a date"),
        (["--yield", "abc"], 4, "yield 'abc' is not a percentage"),
        (["--yield", "4.5", "--yield-to", "call:2030-01-15"], 4, "is not a call date after the settle date"),
        (["--yield", "900"], 4, "yield 900% gives a price of"),
    ],
)
def test_price_from_yield_errors(
    capsys: pytest.CaptureFixture[str], chubb: str, argv: list[str], code: int, needle: str
) -> None:
    got, out, err = run(capsys, "calc", chubb, "--cusip", "171239AK2", *argv)
    assert (got, out) == (code, "")
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_export_prices_from_a_yield_too(
    capsys: pytest.CaptureFixture[str], chubb: str, tmp_path: Path
) -> None:
    out = tmp_path / "chubb.csv"
    assert (
        main(
            [
                "export",
                chubb,
                "--cusip",
                "171239AK2",
                "--yield",
                "5.045",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.exists()
    both = ["--price", "99", "--yield", "5", "--format", "csv", "--out", str(out)]
    got, _, err = run(capsys, "export", chubb, "--cusip", "171239AK2", *both)
    assert got == 2 and "not allowed" in err


def test_bond_equivalent_yields_beside_the_yields(capsys: pytest.CaptureFixture[str]) -> None:
    """02006DTT8 (monthly) bought at 101 on 12/16/2019: yields restated semi-annually, each from
    the full-precision yield (so equal to restating it to 1e-6)."""
    y = calc_json(capsys, SAMPLE, "--cusip", "02006DTT8", "--settle", "2019-12-16", "--price", "101")[
        "yields"
    ]
    for key in ("maturity", "worst"):
        restated = bond_equivalent_yield_pct(Decimal(y[f"{key}_pct"]), 12)
        assert abs(Decimal(y[f"{key}_bey_pct"]) - restated) <= Decimal("0.000001")
        assert Decimal(y[f"{key}_bey_pct"]) > Decimal(y[f"{key}_pct"])
    assert (y["worst_date"], y["worst_basis"], y["worst_note"], y["calls_unknown"]) == (
        "2020-11-15", "call", None, False,
    )  # fmt: skip
    code, out, _ = run(
        capsys, "calc", SAMPLE, "--cusip", "02006DTT8", "--settle", "2019-12-16", "--price", "101"
    )
    assert code == 0
    assert f"Bond-equivalent   to maturity {Decimal(y['maturity_bey_pct']):.3f}%, to worst" in out


def test_unknown_call_terms_never_pass_the_yield_to_maturity_off_as_worst(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = calc_json(capsys, PRUDENTIAL, "--cusip", "74432RAC7")
    y = data["yields"]
    assert y["worst_pct"] == y["maturity_pct"]  # the contract's key stays
    assert (y["worst_basis"], y["calls_unknown"]) == ("maturity-calls-unknown", True)
    assert (
        y["worst_note"]
        == "calls unknown (terms in the prospectus): the yield to worst is only the yield to maturity"
    )
    assert [w["message"] for w in data["warnings"]] == [
        "callable on terms the document does not give (see the prospectus): no call dates"
    ]
    code, out, _ = run(capsys, "calc", PRUDENTIAL, "--cusip", "74432RAC7")
    maturity = f"{Decimal(y['maturity_pct']):.3f}%"
    assert code == 0 and f"to worst n/a — calls unknown; to maturity {maturity}" in out
    assert f"to worst {maturity} (" not in out


def test_show_json_checks_the_printed_yield_and_loads_back(
    capsys: pytest.CaptureFixture[str], chubb: str
) -> None:
    code, out, _ = run(capsys, "show", chubb, "--json")
    assert code == 0
    block = json.loads(out)["notes"][0]["printed_yield"]
    assert block == {
        "value_pct": "5.045", "label": "Yield to Maturity", "basis": "note", "price_pct": None,
        "settle_date": None, "computed_pct": "5.045", "matches": True, "workout": "maturity",
        "workout_date": "2034-03-15", "is_worst": False, "maturity_pct": "5.045", "compounding_per_year": 2,
        "checked_price_pct": "99.648", "checked_settle_date": "2024-03-07", "settle_from": "offering",
        "check": "printed 5.045%, computed 5.045% to maturity (matches)", "reason": None,
    }  # fmt: skip
    assert json.loads(out)["notes"][0]["printed_accrued_interest_check"] is None
    assert loads(out)[0] == CHUBB  # the check fields are output only
    data = calc_json(capsys, chubb, "--cusip", "171239AK2", "--price", "101", "--settle", "2025-01-06")
    assert data["printed_yield"] == block  # the document's check, whatever the purchase
    assert data["printed_accrued_interest"] is None
    code, out, _ = run(capsys, "show", chubb)
    assert "171239AK2 printed yield: printed 5.045%, computed 5.045% to maturity (matches)" in out


def test_a_zero_coupon_note_on_the_command_line(capsys: pytest.CaptureFixture[str], zero: str) -> None:
    data = calc_json(capsys, zero, "--cusip", "41013MBT6", "--amount", "10000")
    assert (data["price_pct"], data["principal"], data["accrued_interest"], data["total"]) == (
        "50.000", "5000.00", "0.00", "5000.00",
    )  # fmt: skip
    assert data["coupons"] == [] and data["redemption"]["amount"] == "10000.00"
    assert [(c["date"], c["price_pct"], c["amount"]) for c in data["calls"]] == [
        ("2007-10-15", "70.500", "7050.00"),
        ("2010-10-15", "80.000", "8000.00"),
    ]
    y = data["yields"]
    assert (y["current_pct"], y["maturity_pct"], y["maturity_bey_pct"]) == (None, "5.640558", "5.640558")
    assert data["printed_yield"]["matches"] and data["printed_yield"]["computed_pct"] == "5.641"
    code, out, _ = run(capsys, "calc", zero, "--cusip", "41013MBT6")
    assert code == 0
    assert "zero coupon, matures 2015-04-15" in out and "1st coupon/$1,000 n/a (zero coupon)" in out
    assert "no coupons (zero coupon): the principal is repaid at maturity" in out
    assert "$0.00  " not in out.split("no coupons")[1]  # no coupon rows of $0.00
    assert "2007-10-15  2007-10-15 2007-10-15   70.500%        $705.00" in out
