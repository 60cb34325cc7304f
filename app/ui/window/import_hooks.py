"""Two costs of importing the window's libraries that buy the program nothing, taken out by an
import hook installed before Qt is imported (``install``; ``app.cli`` and the test suite do).

- PySide6's ``__feature__`` hook asks of every module imported after PySide6 whether its source
  names PySide6 (``inspect.getsource``, which walks all of ``sys.modules`` on each call: ~0.15 ms
  a module, ~40 ms for numpy and pyqtgraph at start). The same question is answered by reading
  the module's file (``_names_pyside``); a module with no ``.py`` file is asked the upstream way.
- ``pyqtgraph.Qt`` mirrors PySide6's QtCore, QtGui and QtWidgets in modules of its own by copying
  every name (``_copy_attrs``), which makes PySide6 create each of its ~720 lazily created
  classes and their enums (~95 ms), though the chart uses a few dozen. The mirrors are made lazy
  instead (``LazyMirror``): a name is taken from PySide6 when first asked for and kept, so what
  pyqtgraph patches onto a mirror stays on the mirror, as with the copies. This is done only
  where pyqtgraph's source still copies that way (a newer pyqtgraph that does not is imported
  as it comes) and PySide6 is the binding it will take.

Both hooks change how long an import takes, not what a name means: ``pyqtgraph.Qt.QtCore.X``
is ``PySide6.QtCore.X`` for every public X, ``dir`` lists every name and a star import takes
them all. A mirror is a plain module, not the package pyqtgraph ships (no ``__file__`` or
``__spec__``; nothing in pyqtgraph or here asks), and while ``pyqtgraph.Qt`` runs ``dir`` of
PySide6's three modules is empty for every thread (nothing in the program lists them).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from app.ui.window import deferred_pyqtgraph

PYQTGRAPH_QT = "pyqtgraph.Qt"
MIRRORED = ("QtCore", "QtGui", "QtWidgets")
COPY_MARK = "_copy_attrs(PySide6.QtCore, QtCore)"  # pyqtgraph 0.13–0.14's eager copy
MODULE_NAMES = ("__version__", "__version_info__")  # the dunder names pyqtgraph reads off a Qt module


class LazyMirror(ModuleType):
    """``pyqtgraph.Qt.<short>``: PySide6's module ``source`` seen through a module of its own;
    a name not set on the mirror is looked up in ``source`` when first asked for and kept."""

    def __init__(self, short: str, source: ModuleType) -> None:
        super().__init__(f"{PYQTGRAPH_QT}.{short}", source.__doc__)
        self.__dict__["_source"] = source

    def __getattr__(self, name: str) -> object:
        if name == "__all__":  # a star import takes every public name, as from the copy
            return [n for n in dir(self.__dict__["_source"]) if not n.startswith("_")]
        if name.startswith("__") and name not in MODULE_NAMES:
            raise AttributeError(name)
        value = getattr(self.__dict__["_source"], name)
        setattr(self, name, value)
        return value

    def __dir__(self) -> list[str]:
        return sorted(set(dir(self.__dict__["_source"])) | set(self.__dict__) - {"_source"})


def _names_pyside(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's question "does this module's source name PySide6", asked of its file."""

    def names_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return upstream(module)

    names_pyside.upstream = upstream  # type: ignore[attr-defined]
    return names_pyside


def quicken_feature_hook() -> None:
    """Answer PySide6's per-import question from the file (once PySide6 is imported)."""
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if asked is not None and not hasattr(asked, "upstream"):
        feature._mod_uses_pyside = _names_pyside(asked)  # type: ignore[union-attr]


def _pyside_is_taken() -> bool:
    """pyqtgraph will take PySide6: asked for by name, or the only Qt binding imported."""
    asked = os.environ.get("PYQTGRAPH_QT_LIB")
    if asked:
        return asked == "PySide6"
    others = ("PyQt6", "PyQt5", "PySide2")
    return "PySide6.QtCore" in sys.modules and not any(o in sys.modules for o in others)


def copies_eagerly(loader: importlib.abc.Loader) -> bool:
    """``pyqtgraph.Qt`` as ``loader`` has it still copies PySide6's modules name by name (in a
    frozen program, whose sources are not kept, the bundled pyqtgraph is the pinned one)."""
    get_source = getattr(loader, "get_source", None)
    try:
        source = get_source(PYQTGRAPH_QT) if get_source is not None else None
    except (ImportError, OSError):
        source = None
    if source is None:
        return bool(getattr(sys, "frozen", False))
    return COPY_MARK in source


class _Mirrors:
    """Around ``pyqtgraph.Qt``'s execution: lazy mirrors in ``sys.modules`` (its ``from . import
    QtCore`` takes them) and PySide6's modules listing no names to copy; after it, their own
    ``dir`` back."""

    def __init__(self) -> None:
        self.saved: dict[ModuleType, object] = {}

    def before(self) -> None:
        for short in MIRRORED:  # pyqtgraph imports the three itself right after
            source = importlib.import_module(f"PySide6.{short}")
            sys.modules[f"{PYQTGRAPH_QT}.{short}"] = LazyMirror(short, source)
            self.saved[source] = source.__dict__.get("__dir__")
            source.__dir__ = list  # type: ignore[attr-defined]  # dir(source) == [] meanwhile

    def after(self) -> None:
        for source, own in self.saved.items():
            if own is None:
                del source.__dir__
            else:
                source.__dir__ = own  # type: ignore[attr-defined]
        self.saved.clear()


class _Around(importlib.abc.Loader):
    """``loader`` with ``before()`` and ``after()`` run around its ``exec_module``."""

    def __init__(
        self, loader: importlib.abc.Loader, before: Callable[[], None], after: Callable[[], None]
    ) -> None:
        self.loader, self.before, self.after = loader, before, after

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        try:
            self.before()
            self.loader.exec_module(module)
        finally:
            self.after()

    def __getattr__(self, name: str) -> object:  # get_source, get_code, is_package …
        return getattr(self.loader, name)


class ImportHooks(importlib.abc.MetaPathFinder):
    """Watches for PySide6.QtCore (then quickens the feature hook), pyqtgraph (its rarely used
    modules deferred: ``deferred_pyqtgraph``) and pyqtgraph.Qt (imported with lazy mirrors);
    every other import, and these once done, pass by untouched."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in ("PySide6.QtCore", PYQTGRAPH_QT, deferred_pyqtgraph.PACKAGE):
            return None
        spec = self._spec_elsewhere(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        if fullname == deferred_pyqtgraph.PACKAGE:
            return deferred_pyqtgraph.deferring(spec)
        if fullname == "PySide6.QtCore":
            spec.loader = _Around(spec.loader, lambda: None, quicken_feature_hook)
        elif _pyside_is_taken() and copies_eagerly(spec.loader):
            mirrors = _Mirrors()
            spec.loader = _Around(spec.loader, mirrors.before, mirrors.after)
        return spec

    def _spec_elsewhere(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> importlib.machinery.ModuleSpec | None:
        """The spec the finders after this one give."""
        finders = sys.meta_path
        start = finders.index(self) + 1 if self in finders else 0
        for finder in finders[start:]:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                return spec
        return None


def install() -> None:
    """Put the hooks in place once (first in ``sys.meta_path``); where PySide6 is already
    imported the feature hook is quickened now, and a pyqtgraph already imported stays as it is."""
    if not any(isinstance(f, ImportHooks) for f in sys.meta_path):
        sys.meta_path.insert(0, ImportHooks())
    quicken_feature_hook()
