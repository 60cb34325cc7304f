"""The loader process ends with the window's process, however that ends (a crash, a kill):
otherwise each crashed session would leave a ~95 MB loader process behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "ally-term-notes-pricing-supplement-213.txt"

# a window process that has loaded a document in the loader process, then dies at once
DRIVER = """
import os, sys
from app.ui.window import loader
if __name__ == "__main__":
    loader.use_process(True)
    loader.load_in_process(sys.argv[1])
    print(*loader._process_pool._processes, flush=True)
    os._exit(0)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie child of ours would still answer; the worker is not our child
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return True
    return state != "Z"


@pytest.mark.skipif(sys.platform == "win32", reason="liveness by signal 0 is POSIX")
def test_loader_process_exits_when_the_window_process_dies(tmp_path: Path) -> None:
    out = tmp_path / "pid.txt"
    with out.open("w") as sink:  # not a pipe: a worker left behind would hold it open
        subprocess.run(
            [sys.executable, "-c", DRIVER, str(SAMPLE)], cwd=ROOT, stdout=sink, timeout=60, check=True
        )
    worker = int(out.read_text().split()[0])
    try:
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker), "the loader process outlived the window's process"
    finally:
        if _alive(worker):
            os.kill(worker, 9)
