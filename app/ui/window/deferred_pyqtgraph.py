"""pyqtgraph's package imports all of its ~145 modules when it is imported: image views, colour
bars and maps, region-of-interest tools, parameter trees, a remote view over multiprocessing…
The chart uses plots, axes, lines, bars and text, which import ~70 of them. The others cost
~45 ms of every start (import ``pyqtgraph`` alone, here: 111 → 68 ms).

``deferred_source`` rewrites the package's ``__init__`` as it is imported: the imports of the
modules in ``DEFERRED`` are left out (blank lines in their place, so line numbers stay), and the
package gets a module ``__getattr__`` that imports them all, as the original lines would have,
the first time a name the package does not hold is asked for (``pg.ImageView``), and a
``__dir__`` and ``__all__`` (for a star import) that do the same. The one function of the
package's own that uses a deferred name, ``image`` (and its alias ``show``), imports them first.
What a deferred module defines is the same object once imported; the modules the chart uses
import what they need themselves.

Only a pyqtgraph whose ``__init__`` reads as expected is rewritten (``EXPECTED``: the pinned
0.13–0.14 layout); any other, or one without source (the frozen bundle), is imported as shipped.
"""

from __future__ import annotations

import importlib.machinery
import re
from types import CodeType

PACKAGE = "pyqtgraph"
_DEFERRED_WORDS = """
    colormap imageview WidgetGroup SRTTransform3D Transform3D Vector
    graphicsItems.BoxplotItem graphicsItems.ColorBarItem graphicsItems.GradientEditorItem
    graphicsItems.GradientLegend graphicsItems.HistogramLUTItem graphicsItems.ImageItem
    graphicsItems.IsocurveItem graphicsItems.PColorMeshItem graphicsItems.ROI
    graphicsItems.ScaleBar graphicsItems.TargetItem
    widgets.BusyCursor widgets.CheckTable widgets.ColorButton widgets.ColorMapMenu
    widgets.ColorMapWidget widgets.ComboBox widgets.DataFilterWidget widgets.DataTreeWidget
    widgets.DiffTreeWidget widgets.FeedbackButton widgets.FileDialog widgets.GradientWidget
    widgets.GroupBox widgets.HistogramLUTWidget widgets.JoystickButton widgets.LayoutWidget
    widgets.PathButton widgets.ProgressDialog widgets.RawImageWidget widgets.RemoteGraphicsView
    widgets.ScatterPlotWidget widgets.SpinBox widgets.TableWidget widgets.TreeWidget
    widgets.ValueLabel widgets.VerticalLabel
"""
DEFERRED = frozenset(_DEFERRED_WORDS.split())
# the package's own lines this rewrite relies on: image() is the one function using a deferred
# name (ImageView), and the plot items the chart draws are imported eagerly
EXPECTED = (
    "\ndef image(*args, **kargs):\n",
    "\nshow = image ",
    "\nfrom .graphicsItems.PlotItem import *\n",
    "\nfrom .widgets.PlotWidget import *\n",
)
_IMPORT = re.compile(r"^from \.([\w.]+) import ([\w, ]+|\*)[ \t]*$")

TAIL = """

_DEFERRED = {deferred!r}


def _import_deferred():  # each deferred line, as ``from .module import names`` would run it
    global _DEFERRED
    todo, _DEFERRED = _DEFERRED, ()
    into = globals()
    for module, names in todo:
        found = __import__(f"{{__name__}}.{{module}}", fromlist=["*"])
        if names != "*":
            wanted = [name.strip() for name in names.split(",")]
        elif hasattr(found, "__all__"):
            wanted = list(found.__all__)
        else:
            wanted = [name for name in vars(found) if not name.startswith("_")]
        for name in wanted:
            into[name] = getattr(found, name)


def __getattr__(name):
    if _DEFERRED and (name == "__all__" or not name.startswith("__")):
        _import_deferred()
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")


def __dir__():
    _import_deferred()
    return sorted(globals())


_image_as_shipped = image


def image(*args, **kargs):
    _import_deferred()
    return _image_as_shipped(*args, **kargs)


show = image
"""


def deferred_source(source: str) -> str | None:
    """The package's ``__init__`` with the ``DEFERRED`` imports made lazy, or None where its
    source does not read as expected (imported as shipped then)."""
    if not all(mark in source for mark in EXPECTED):
        return None
    lines = source.splitlines(keepends=True)
    deferred: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        found = _IMPORT.match(line)
        if found is not None and found.group(1) in DEFERRED:
            deferred.append((found.group(1), found.group(2).strip()))
            lines[i] = "\n"
    if not deferred:
        return None
    return "".join(lines) + TAIL.format(deferred=tuple(deferred))


class DeferringLoader(importlib.machinery.SourceFileLoader):
    """pyqtgraph's package, compiled from its rewritten ``__init__`` (through the warm cache)."""

    def get_code(self, fullname: str) -> CodeType | None:
        from app import warm_cache

        try:
            source = self.get_data(self.path)
            text = deferred_source(source.decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            text = None
        if text is None:
            return super().get_code(fullname)
        return warm_cache.compiled(text.encode("utf-8"), self.path)


def deferring(spec: importlib.machinery.ModuleSpec) -> importlib.machinery.ModuleSpec:
    """``spec`` of the pyqtgraph package, loaded through ``DeferringLoader`` where it is a plain
    source package."""
    if type(spec.loader) is importlib.machinery.SourceFileLoader and spec.origin is not None:
        spec.loader = DeferringLoader(spec.loader.name, spec.origin)
    return spec
