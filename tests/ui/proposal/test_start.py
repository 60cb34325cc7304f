"""The proposal and the start-up: nothing of the proposal page is built or imported before the
window's first paint; ``--page proposal`` with a proposal FILE screenshots the page with its
positions (a fresh process each, private settings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from app.paths import sample_path

ROOT = Path(__file__).resolve().parents[3]

DRIVER = """
import sys
from app.ui.window import start as ui
def at_first_paint():
    print(sorted(m for m in sys.modules if m.startswith(("app.ui.proposal.", "app.domain.proposal"))),
          flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.exit(0)
ui.FIRST_PAINT_HOOK = at_first_paint
from app.cli import main
sys.exit(main([]))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TERMSHEET_SETTINGS=str(tmp_path / "settings.ini"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )


def test_the_proposal_waits_until_it_is_needed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the menu items only: no panel, no desk, no domain proposal
    assert done.stdout.strip() == "['app.ui.proposal.actions', 'app.ui.proposal.documents']"


def test_screenshot_of_the_proposal_page(tmp_path: Path) -> None:
    proposal = tmp_path / "jane.proposal.json"
    positions = [
        {
            "document": str(sample_path()),
            "cusip": "02006DTT8",
            "amount": "25000",
            "settle_date": "2019-12-03",
        },
        {
            "document": str(sample_path()),
            "cusip": "02006DTU5",
            "amount": "10000",
            "settle_date": "2019-12-10",
        },
    ]
    proposal.write_text(
        json.dumps({"format": "termsheet-proposal/1", "client": "Jane", "positions": positions})
    )
    out = tmp_path / "proposal.png"
    argv = [str(ROOT / "main.py"), str(proposal), "--page", "proposal", "--screenshot", str(out)]
    done = subprocess.run(
        [sys.executable, *argv], env=_env(tmp_path), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
