"""The window's start imports only the loaders the sample needs (issue 13: start to a complete
window must beat a bare Qt+pyqtgraph window). ``before_qt.import_qt_free()`` imports the Qt-free
modules before Qt; the readers a pipe-table supplement (the sample) never calls are imported
where they are first used, and the patterns of wordings it never prints (make-whole calls, step
notes) are compiled on first use, so that they stay off the start: checked in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAZY = [
    "app.sources.coupon_steps",  # step-up schedules (records._rate_and_steps)
    "app.sources.label_documents",  # term sheets, MTN forms (text_document._labelled)
    "app.sources.refusal",  # why a document holds no offering
    "app.sources.text_columns",  # whitespace-aligned tables (text_document.load_text)
    "app.sources.text_header",  # their header columns (and transposed.scan_text)
]
DRIVER = """
import json, sys
from pathlib import Path

def app_modules():
    return {m for m in sys.modules if m.startswith("app.")}

import app.cli
from app.ui.window import before_qt
before_qt.import_qt_free()
lazy = json.loads(sys.argv[1])
seen = {"start": sorted(m for m in lazy if m in sys.modules)}
from app.paths import sample_path
from app.sources import load_bytes, load_path
before = app_modules()
offering, _ = load_path(sample_path())
seen["sample_notes"] = len(offering.notes)
seen["sample_imported"] = sorted(app_modules() - before)
from app.sources import call_language, step_notes
compiled = (call_language._make_whole_words, step_notes._note_words)
seen["cold_patterns"] = sum(f.cache_info().currsize for f in compiled)
data = Path("tests/data/supplements")
for name in ("cfc-internotes-2018-columns.txt", "toyota-stepup-2020.md"):
    offering, _ = load_bytes((data / name).read_bytes(), name)
    assert offering.notes, name
try:
    load_bytes(b"Nothing to read here.\\n" * 20, "empty.txt")
except ValueError:
    pass
seen["after_others"] = sorted(m for m in lazy if m in sys.modules)
print(json.dumps(seen))
"""


def _run() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(LAZY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_start_and_the_sample_leave_the_other_readers_unimported() -> None:
    seen = _run()
    assert seen["start"] == []
    assert seen["sample_notes"] == 2  # resources/samples/ally-term-notes-pricing-supplement-213.txt
    assert seen["sample_imported"] == []  # the start imported all the sample needs
    assert seen["cold_patterns"] == 0
    assert seen["after_others"] == LAZY  # each imported by the first document that needs it
