"""The code stays as the style guide has it: ruff's lint rules and formatting over the whole
project, and ``mypy --strict`` over the Qt-free layers: domain, sources, present (pyproject.toml
configures all three; both tools are in the test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "--output-format", "concise", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict_on_the_qt_free_layers() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
