"""pyqtgraph imported with its rarely used modules deferred (``deferred_pyqtgraph``, installed by
the import hooks): the start imports about half of pyqtgraph's modules, and every name of the
package is still there, the same object, when asked for. Each case runs in a fresh process (the
suite's own pyqtgraph was imported long before)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.ui.window import deferred_pyqtgraph

ROOT = Path(__file__).resolve().parents[3]
PG_INIT = Path(__import__("pyqtgraph").__file__ or "")

PROBE = """
import json, sys
from app.ui.window import import_hooks
if sys.argv[1] == "hooked":
    import_hooks.install()
import pyqtgraph as pg
out = {"loaded": sorted(m for m in sys.modules if m.startswith("pyqtgraph"))}
out["deferred_state"] = len(getattr(pg, "_DEFERRED", ()))
# what a user of the package sees: attribute access, dir(), a star import
out["image_view"] = pg.ImageView.__module__
remote = pg.RemoteGraphicsView
out["remote"] = remote is sys.modules["pyqtgraph.widgets.RemoteGraphicsView"].RemoteGraphicsView
out["dir"] = sorted(n for n in dir(pg) if not n.startswith("_"))
star = {}
exec("from pyqtgraph import *", star)
out["star"] = sorted(n for n in star if not n.startswith("_"))
out["missing"] = hasattr(pg, "NoSuchThing")
print(json.dumps(out))
"""


def probe(mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_the_start_imports_half_of_pyqtgraph_and_every_name_is_still_there() -> None:
    hooked, plain = probe("hooked"), probe("plain")
    loaded, everything = set(hooked["loaded"]), set(plain["loaded"])  # type: ignore[call-overload]
    assert len(loaded) < 0.6 * len(everything), (len(loaded), len(everything))
    assert "pyqtgraph.widgets.RemoteGraphicsView" not in loaded  # multiprocessing behind it
    assert "pyqtgraph.parametertree" not in loaded and "pyqtgraph.imageview" not in loaded
    assert {"pyqtgraph.graphicsItems.PlotItem.PlotItem", "pyqtgraph.graphicsItems.DateAxisItem"} <= loaded
    assert isinstance(hooked["deferred_state"], int) and hooked["deferred_state"] > 30
    assert plain["deferred_state"] == 0
    for key in ("image_view", "remote", "dir", "star", "missing"):
        assert hooked[key] == plain[key], key
    assert hooked["image_view"] == "pyqtgraph.imageview.ImageView"
    assert hooked["remote"] is True and hooked["missing"] is False


def test_the_rewrite_keeps_every_line_where_it_was() -> None:
    source = PG_INIT.read_text(encoding="utf-8")
    rewritten = deferred_pyqtgraph.deferred_source(source)
    assert rewritten is not None
    before, after = source.splitlines(), rewritten.splitlines()
    assert len(after) > len(before)
    changed = [i for i, line in enumerate(before) if after[i] != line]
    assert changed, "nothing deferred"
    assert all(after[i] == "" and before[i].startswith("from .") for i in changed)  # blanked imports only
    compile(rewritten, str(PG_INIT), "exec")


def test_a_pyqtgraph_that_reads_otherwise_is_imported_as_shipped() -> None:
    source = PG_INIT.read_text(encoding="utf-8")
    assert deferred_pyqtgraph.deferred_source(source.replace("def image(", "def picture(")) is None
    assert deferred_pyqtgraph.deferred_source("from .widgets.SpinBox import *\n") is None


def test_image_imports_what_it_needs_first() -> None:
    code = (
        "from app.ui.window import import_hooks; import_hooks.install()\n"
        "import sys, pyqtgraph as pg, numpy as np\n"
        "assert 'pyqtgraph.imageview' not in sys.modules\n"
        "view = pg.image(np.zeros((8, 8)), title='probe')\n"
        "print(type(view).__name__, pg.show is pg.image)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ImageView", "True"]
