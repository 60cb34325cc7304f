"""``export_file``: exactly the named file, whole or not at all; no Qt unless a PDF is asked for."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.errors import InputError, SourceError, TermSheetError
from app.domain.model import Offering, Quote
from app.reports import export
from app.reports.export import ExportError, export_file, write_atomic


def test_writes_exactly_the_named_file(offering: Offering, ally_quote: Quote, tmp_path: Path) -> None:
    for fmt in ("csv", "ics"):
        out = tmp_path / f"flows-{fmt}"  # no extension added
        assert export_file(offering, ally_quote, fmt, out) == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flows-csv", "flows-ics"]


def test_overwrites_the_named_file_keeping_its_mode(
    offering: Offering, ally_quote: Quote, tmp_path: Path
) -> None:
    out = tmp_path / "flows.csv"
    out.write_text("old")
    out.chmod(0o640)
    export_file(offering, ally_quote, "csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcusip,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["flows.csv"]


def _under_a_file(folder: Path) -> Path:
    (folder / "file.txt").write_text("a regular file, not a folder")
    return folder / "file.txt" / "out.csv"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_under_a_file, "not a directory"),
        (lambda d: d / "missing" / "out.csv", "does not exist"),
        (lambda d: d, "it is a folder"),
    ],
    ids=["under-a-file", "no-folder", "is-a-folder"],
)
def test_unwritable_destination_is_a_one_line_error(
    offering: Offering, ally_quote: Quote, tmp_path: Path, make: Callable[[Path], Path], reason: str
) -> None:
    out = make(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ExportError) as caught:
        export_file(offering, ally_quote, "csv", out)
    err = caught.value
    assert isinstance(err, TermSheetError) and not isinstance(err, SourceError)
    message = str(err)
    assert "\n" not in message and str(out) in message and reason in message
    assert sorted(tmp_path.rglob("*")) == before


def test_refuses_a_fifo(offering: Offering, ally_quote: Quote, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        export_file(offering, ally_quote, "csv", fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "flows.csv"
    out.write_text("old")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(ExportError, match="no space left on device"):
        write_atomic(out, b"new")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["flows.csv"]


def test_interrupted_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "flows.csv", b"new")
    assert list(tmp_path.iterdir()) == []


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_unknown_format_is_an_input_error(offering: Offering, ally_quote: Quote, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format 'xls'"):
        export_file(offering, ally_quote, "xls", tmp_path / "x.xls")
    assert list(tmp_path.iterdir()) == []


def test_csv_and_ics_exports_do_not_load_qt() -> None:
    code = (
        "import sys\n"
        "import app.cli, app.reports.export, app.reports.csv_export, app.reports.ics_export\n"
        "import app.reports._qt_pdf\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
