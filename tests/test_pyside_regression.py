"""PySide6 6.12.0 on CPython ≤ 3.11 underflows None's refcount on every void-returning call and
aborts (`Fatal Python error: none_dealloc`, ecosystem.md). The pinned build must survive 3,000,000."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QObject
o = QObject()
for i in range(3_000_000):
    o.setObjectName("x")
print("ok")
"""


def test_three_million_void_calls_exit_cleanly() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
