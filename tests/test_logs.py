"""The log file rolls over as the standard library's ``RotatingFileHandler`` rolls it
(``app/logs.py``'s ``RotatingFile``, written so that a window start does not import
``logging.handlers`` and its network modules, ~6 ms): the same records through both leave the
same files with the same contents."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from app.logs import RotatingFile

ROOT = Path(__file__).resolve().parents[1]


def records(count: int) -> list[logging.LogRecord]:
    """Records of varied lengths, some with non-ASCII text (counted in characters, not bytes)."""
    made = []
    for n in range(count):
        text = f"record {n} " + "é·" * (n % 7) + "x" * (n * 13 % 90)
        made.append(logging.LogRecord("termsheet", logging.INFO, __file__, n, text, None, None))
    return made


def files_after(folder: Path, handler: logging.Handler, sent: list[logging.LogRecord]) -> dict[str, str]:
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for record in sent:
        handler.emit(record)
    handler.close()
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("max_bytes", "backups", "count"), [(400, 3, 60), (250, 1, 40), (0, 3, 30), (300, 0, 25)]
)
def test_the_log_rolls_over_as_the_standard_library_rolls_it(
    tmp_path: Path, max_bytes: int, backups: int, count: int
) -> None:
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "theirs"
    ours_dir.mkdir()
    theirs_dir.mkdir()
    (ours_dir / "t.log").write_text("from the last session\n", encoding="utf-8")
    (theirs_dir / "t.log").write_text("from the last session\n", encoding="utf-8")
    sent = records(count)
    ours = files_after(ours_dir, RotatingFile(ours_dir / "t.log", max_bytes, backups), sent)
    theirs = files_after(
        theirs_dir,
        RotatingFileHandler(theirs_dir / "t.log", maxBytes=max_bytes, backupCount=backups, encoding="utf-8"),
        sent,
    )
    assert ours == theirs
    if max_bytes and backups:
        assert len(ours) == backups + 1  # rolled over enough times to drop the oldest


def test_a_window_start_does_not_import_the_network_handlers() -> None:
    code = (
        "import sys\n"
        "from app.logs import setup_logging\n"
        "import app.ui.window.safety\n"
        "setup_logging()\n"
        "print(sorted(m for m in ('logging.handlers', 'socket', 'queue') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_log_file_that_cannot_be_opened_is_no_log_and_no_message(tmp_path: Path) -> None:
    """As with the library's handler: the file is opened when logging is set up, so one that
    cannot be (here a folder stands where it would be) leaves the program without a log file,
    and logging never writes its "Logging error" traceback to the terminal."""
    (tmp_path / "termsheet" / "termsheet.log").mkdir(parents=True)
    code = (
        "import logging\n"
        "from app.logs import setup_logging\n"
        "setup_logging()\n"
        "logging.getLogger('termsheet').error('something went wrong')\n"
        "print('done')\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
    assert done.stderr == ""
