"""PyInstaller runtime hook: time the frozen program's first paint, for the packaging test.

Inert unless ``TERMSHEET_FIRST_PAINT_FILE`` is set: then, when ``app.ui.window.start`` is imported, its
``FIRST_PAINT_HOOK`` is set to write ``time.time()`` of the window's first paint to that file, so
the caller can subtract the moment it started the process (bootloader included).
"""

import os

_target = os.environ.get("TERMSHEET_FIRST_PAINT_FILE")

if _target:
    import importlib.abc
    import importlib.util
    import sys
    import time

    def _record() -> None:
        with open(_target, "w", encoding="ascii") as out:
            out.write(f"{time.time():.6f}\n")

    class _SetHookLoader(importlib.abc.Loader):
        def __init__(self, inner):
            self.inner = inner

        def create_module(self, spec):
            return self.inner.create_module(spec)

        def exec_module(self, module):
            self.inner.exec_module(module)
            module.FIRST_PAINT_HOOK = _record

    class _Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name != "app.ui.window.start":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.loader is not None:
                spec.loader = _SetHookLoader(spec.loader)
            return spec

    sys.meta_path.insert(0, _Finder())
