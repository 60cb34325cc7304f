"""The program's own modules keep their compiled bytecode, even where ``PYTHONDONTWRITEBYTECODE``
(or ``-B``) tells Python not to write any.

An installed package has its bytecode from the installer (pip compiles at install time), but a
checkout run as ``python main.py`` or an editable install does not: with the variable set, as
many Python images set it, every start compiled the ~80 modules a window start imports from
source again, about 100 ms of a ~600 ms start. This finder hands the ``app`` package's modules a
loader that, when it had to compile a module, writes the ``__pycache__`` file beside it exactly as
Python would have (the timestamp format of PEP 552), so the next start reads it. Nothing else is
affected: other packages, the standard library and the frozen bundle (which has its bytecode)
go through Python's own loaders; a folder that cannot be written is left alone, silently, as
Python does; and where bytecode is written anyway, this does nothing at all.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from importlib.util import MAGIC_NUMBER, cache_from_source
from types import CodeType, ModuleType

PACKAGE = "app"


class _CachingLoader(SourceFileLoader):
    """Python's source loader, which also writes the bytecode it compiled."""

    _compiled = False

    def source_to_code(self, data: bytes, path: str, *, _optimize: int = -1) -> CodeType:  # type: ignore[override]
        self._compiled = True  # called only when no valid cache was found
        return super().source_to_code(data, path, _optimize=_optimize)

    def get_code(self, fullname: str) -> CodeType | None:
        code = super().get_code(fullname)
        if self._compiled and sys.dont_write_bytecode and code is not None:
            self._compiled = False
            write_cache(self, code)
        return code


def write_cache(loader: SourceFileLoader, code: CodeType) -> None:
    """Write ``code``, compiled from ``loader.path``, to its ``__pycache__`` file: the header
    Python checks (magic, flags 0, the source's mtime and size), then the marshalled code."""
    try:
        stats = loader.path_stats(loader.path)
        cache = cache_from_source(loader.path)
    except (OSError, NotImplementedError, ValueError):
        return
    header = bytearray(MAGIC_NUMBER)
    header += (0).to_bytes(4, "little")
    header += (int(stats["mtime"]) & 0xFFFFFFFF).to_bytes(4, "little")
    header += (int(stats["size"]) & 0xFFFFFFFF).to_bytes(4, "little")
    loader.set_data(cache, bytes(header) + marshal.dumps(code))  # quiet on a read-only folder


class _Finder:
    """Finds the package's modules as Python does; only their loader changes."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not name.startswith(PACKAGE + "."):
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and type(spec.loader) is SourceFileLoader:
            spec.loader = _CachingLoader(spec.loader.name, spec.loader.path)
        return spec


def install() -> None:
    """Cache the package's bytecode from now on (a no-op where Python writes it anyway, in the
    frozen bundle, or when already installed)."""
    if not sys.dont_write_bytecode or getattr(sys, "frozen", False):
        return
    if not any(f is _Finder for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder)
        for name in (PACKAGE, __name__):  # imported before the finder was there
            _cache_missing(sys.modules.get(name))


def _cache_missing(module: ModuleType | None) -> None:
    """Write the bytecode of ``module``, imported from source, if it has none cached yet."""
    spec = getattr(module, "__spec__", None)
    loader = getattr(spec, "loader", None)
    if spec is None or type(loader) is not SourceFileLoader or not spec.cached:
        return
    try:
        if os.path.exists(spec.cached):
            return
        code = loader.get_code(spec.name)
    except (OSError, ImportError, SyntaxError):
        return
    if code is not None:
        write_cache(loader, code)
