"""The domain and the loaders stay free of Qt (style.md): no PySide6, pyqtgraph or app.ui import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "pyqtgraph", "app.ui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_domain_and_sources_never_import_qt() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for folder in ("app/domain", "app/sources")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith("app.ui")
    ]
    assert offenders == []


def test_calc_and_show_do_not_load_qt() -> None:
    code = (
        "import sys, app.cli as c, app.domain.quote, app.sources, app.reports.calc_json;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
