"""The package's own bytecode is cached even under PYTHONDONTWRITEBYTECODE (``app/bytecode.py``,
issue 13): without it every start of a checkout compiled ~100 modules again (start measured
here at 1.34× a bare Qt + pyqtgraph window without the cache, 1.14× with it). Each case runs in
a fresh process with PYTHONPYCACHEPREFIX pointing into the test's own folder, so that the
checkout's ``__pycache__`` is neither read nor written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAG = sys.implementation.cache_tag


def run(code: str, prefix: Path | str, *flags: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(prefix))
    return subprocess.run(
        [sys.executable, *flags, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def cached(prefix: Path, module: Path) -> Path:
    """Where Python keeps the bytecode of ``module`` under a cache prefix."""
    return prefix / module.resolve().parent.relative_to("/") / f"{module.stem}.{TAG}.pyc"


def test_the_package_writes_its_bytecode_and_the_next_start_reads_it(tmp_path: Path) -> None:
    code = "import app.domain.money, json, dateutil.relativedelta; print(app.domain.money.format_usd(1))"
    first = run(code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "$1.00"
    money = cached(tmp_path, ROOT / "app" / "domain" / "money.py")
    assert money.is_file()
    # only the package's own: the standard library and other packages follow the variable
    package = cached(tmp_path, ROOT / "app" / "x.py").parent.parent
    written = sorted(p for p in tmp_path.rglob("*.pyc") if package not in p.parents)
    assert written == [], written
    # the next start loads the module from that file: Python accepted its header
    second = run("import app.domain.money", tmp_path, "-v")
    assert second.returncode == 0, second.stderr
    assert f"code object from '{money}'" in second.stderr


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # the cache's folders cannot be made under a file
    done = run("import app.domain.money as m; print(m.format_usd(2))", blocker / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "$2.00"
    assert done.stderr == ""


def test_where_python_writes_bytecode_itself_the_finder_is_not_installed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    code = "import sys, app.bytecode as b; print(b._Finder in sys.meta_path)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_package_and_the_finder_module_cache_their_own_bytecode_too(tmp_path: Path) -> None:
    """``app/__init__.py`` and ``app/bytecode.py`` are imported before the finder exists: they were
    compiled from source at every start until ``install`` wrote their bytecode as well."""
    first = run("import app", tmp_path)
    assert first.returncode == 0, first.stderr
    for module in (ROOT / "app" / "__init__.py", ROOT / "app" / "bytecode.py"):
        assert cached(tmp_path, module).is_file(), module
    second = run("import app", tmp_path, "-v")
    assert second.returncode == 0, second.stderr
    assert f"code object from '{cached(tmp_path, ROOT / 'app' / 'bytecode.py')}'" in second.stderr
