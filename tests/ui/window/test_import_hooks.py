"""The import hooks of the window's start (``app.ui.window.import_hooks``): pyqtgraph imported
with lazy mirrors of PySide6's modules and PySide6's per-import source scan answered from the
file change how long the imports take, never what a name means. Each runs in a fresh process
(the suite's own pyqtgraph is imported long before)."""

from __future__ import annotations

import importlib.abc
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.ui.window import import_hooks

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, sys
from app.ui.window import import_hooks
if sys.argv[1] == "hooked":
    import_hooks.install()
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
import pyqtgraph as pg
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
win = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 2, 3], [3, 1, 2], pen="r")
win.setCentralWidget(plot)
win.resize(400, 300)
win.show()
app.processEvents()
image = win.grab().toImage()
feature = sys.modules["shibokensupport.feature"]
names_on_mirror = len(vars(QtCore))  # before the star import below takes every name
star = {}
exec("from pyqtgraph.Qt.QtCore import *", star)
print(json.dumps({
    "mirror": type(QtCore).__name__,
    "names_on_mirror": names_on_mirror,
    "same_class": QtCore.QPointF is PySide6.QtCore.QPointF and QtWidgets.QWidget is PySide6.QtWidgets.QWidget,
    "from_import": __import__("pyqtgraph.Qt.QtCore", fromlist=["QRectF"]).QRectF is PySide6.QtCore.QRectF,
    "dir_pyside": len(dir(PySide6.QtCore)),
    "dir_mirror": len(dir(QtCore)),
    "gl_on_mirror_only": (
        hasattr(QtWidgets, "QOpenGLWidget") and "QOpenGLWidget" not in vars(PySide6.QtWidgets)
    ),
    "version": QtCore.__version__ == PySide6.QtCore.__version__,
    "quick_scan": hasattr(feature._mod_uses_pyside, "upstream"),
    "star": len(star),
    "painted": image.width() == 400 and image.pixelColor(200, 150).isValid(),
    "view_range": [round(v, 3) for v in plot.getPlotItem().vb.viewRange()[0]],
}))
"""


def _probe(mode: str, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_pyqtgraph_behind_the_hooks_names_the_same_qt_and_draws(tmp_path: Path) -> None:
    hooked, plain = _probe("hooked", tmp_path), _probe("plain", tmp_path)
    assert hooked["mirror"] == "LazyMirror" and plain["mirror"] == "module"
    # pyqtgraph 0.14's copy puts every name of QtCore on its mirror (~250); lazily, only those
    # pyqtgraph touched while importing and drawing (the copy is what cost ~95 ms at start)
    assert int(plain["names_on_mirror"]) > 200  # type: ignore[call-overload]
    assert int(hooked["names_on_mirror"]) < 120  # type: ignore[call-overload]
    for key in ("same_class", "from_import", "gl_on_mirror_only", "version", "painted"):
        assert hooked[key] is True and plain[key] is True, key
    # PySide6's own dir is back (its length moves by a name or two as classes are created)
    assert int(hooked["dir_pyside"]) > 200  # type: ignore[call-overload]
    assert int(hooked["dir_mirror"]) > 200  # type: ignore[call-overload]  # and the mirror every name
    assert hooked["quick_scan"] is True and plain["quick_scan"] is False
    assert int(hooked["star"]) > 200 and int(plain["star"]) > 200  # type: ignore[call-overload]
    assert hooked["view_range"] == plain["view_range"]  # the same plot, laid out the same


def test_the_quick_scan_answers_as_pyside_does() -> None:
    upstream_calls: list[str] = []

    def upstream(module: ModuleType) -> bool:
        upstream_calls.append(module.__name__)
        return False

    names_pyside = import_hooks._names_pyside(upstream)
    assert names_pyside(import_hooks) is True  # its source names PySide6
    assert names_pyside(json) is False
    assert upstream_calls == []  # both read from their files
    assert names_pyside(sys) is False and upstream_calls == ["sys"]  # no file: asked upstream
    gone = ModuleType("gone")
    gone.__file__ = "/nonexistent/gone.py"
    assert names_pyside(gone) is False and upstream_calls == ["sys", "gone"]


class _Source(importlib.abc.Loader):
    def __init__(self, source: str | None) -> None:
        self.source = source

    def get_source(self, name: str) -> str | None:
        return self.source


def test_mirrors_only_where_pyqtgraph_still_copies_name_by_name() -> None:
    assert import_hooks.copies_eagerly(_Source("x = 1\n_copy_attrs(PySide6.QtCore, QtCore)\n"))
    assert not import_hooks.copies_eagerly(_Source("QtCore = PySide6.QtCore  # a newer pyqtgraph\n"))
    assert not import_hooks.copies_eagerly(_Source(None))  # no source, not frozen: as it comes


def test_install_is_idempotent_and_passes_other_imports_by() -> None:
    before = list(sys.meta_path)
    try:
        import_hooks.install()
        import_hooks.install()
        hooks = [f for f in sys.meta_path if isinstance(f, import_hooks.ImportHooks)]
        assert len(hooks) == 1
        assert hooks[0].find_spec("json", None) is None
        assert hooks[0].find_spec("app.domain.model", None) is None
    finally:
        sys.meta_path[:] = before


def test_a_failed_start_of_the_mirrors_puts_dir_back() -> None:
    """``after`` runs however ``before`` or the module's own code fails."""
    calls: list[str] = []

    class Failing(importlib.abc.Loader):
        def exec_module(self, module: ModuleType) -> None:
            calls.append("exec")

    def before() -> None:
        calls.append("before")
        raise ImportError("PySide6.QtGui cannot be imported")

    around = import_hooks._Around(Failing(), before, lambda: calls.append("after"))
    with pytest.raises(ImportError):
        around.exec_module(ModuleType("pyqtgraph.Qt"))
    assert calls == ["before", "after"]
