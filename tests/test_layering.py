"""The house, drawn from its imports (style.md): each layer imports only the layers below it.

Layers: ``app.domain`` (no I/O, no Qt) ← ``app.sources`` (loaders) and ``app.present`` (what the
window shows, as rows and texts) ← ``app.reports`` ← ``app.cli``; ``app.ui`` may use them all,
and only ``app.cli`` opens it. Qt (PySide6, pyqtgraph) is imported only in ``app.ui`` and in
modules named ``_qt…`` (``app/reports/_qt_pdf.py``). No module imports another's ``_private``
names, and no import circle runs through ``app`` (imports inside functions count too).

The window, ``app.ui``, is in rooms by what the user sees, on floors; a room imports only rooms
on lower floors, and only through what the room exports:

    floor 0  common                                      (shared widgets, roles, palette, look)
    floor 1  chart, tables, calculator, terms, offerings, exports   (the panels)
    floor 2  compare, proposal                           (views composed of panels)
    floor 3  window                                      (start-up, composition, session)

A room's exports are the names in its ``__init__``'s ``__all__``: ``from app.ui.chart import
CallChart``. A name in ``__all__`` that is one of the room's modules (``common``'s ``palette``
and ``roles``) is exported whole: ``from app.ui.common.palette import current`` is allowed. Any
other ``app.ui.<room>.<module>`` seen from outside the room is an internal. Inside a room, its
modules import one another by module path, never through the room's own ``__init__``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
QT = ("PySide6", "pyqtgraph", "shiboken6")
FLOORS = {
    "common": 0,
    "chart": 1,
    "tables": 1,
    "calculator": 1,
    "terms": 1,
    "offerings": 1,
    "exports": 1,
    "compare": 2,
    "proposal": 2,
    "window": 3,
}
# what each Qt-free layer may import from app (besides itself)
ALLOWED_BELOW = {
    "app.domain": (),
    "app.sources": ("app.domain",),
    "app.present": ("app.domain",),
    "app.reports": ("app.domain", "app.sources", "app.present", "app.logs", "app.paths"),
}


@dataclass(frozen=True)
class Import:
    """One imported thing: ``module`` (absolute) and, for ``from m import n``, the name ``n``."""

    source: str  # the importing module
    module: str
    name: str | None
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def imports(path: Path) -> Iterator[Import]:
    """Every import of the file, at any depth (inside functions and ``TYPE_CHECKING`` too)."""
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(source, alias.name, None, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield Import(source, base, alias.name, node.lineno)


def all_imports() -> list[Import]:
    return [imp for path in modules().values() for imp in imports(path)]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _where(imp: Import) -> str:
    what = f"{imp.module}.{imp.name}" if imp.name else imp.module
    return f"{imp.source}:{imp.line} imports {what}"


def _target(imp: Import, known: dict[str, Path]) -> str:
    """The app module an import loads: ``from app.ui import chart`` loads ``app.ui.chart``."""
    if imp.name and f"{imp.module}.{imp.name}" in known:
        return f"{imp.module}.{imp.name}"
    return imp.module


# -- the layers ----------------------------------------------------------------------------------
def test_qt_free_layers_import_only_the_layers_below() -> None:
    offenders = [
        _where(imp)
        for imp in all_imports()
        for layer, below in ALLOWED_BELOW.items()
        if _within(imp.source, layer)
        and _within(imp.module, "app")
        and not _within(imp.module, layer)
        and not any(_within(imp.module, ok) for ok in below)
        and imp.module != "app"  # ``from app import __version__``
    ]
    assert offenders == []


def test_qt_only_in_the_window_and_qt_modules() -> None:
    offenders = [
        _where(imp)
        for imp in all_imports()
        if imp.module.split(".")[0] in QT
        and not _within(imp.source, "app.ui")
        and not imp.source.rpartition(".")[2].startswith("_qt")
    ]
    assert offenders == []


def test_only_the_cli_opens_the_window() -> None:
    offenders = [
        _where(imp)
        for imp in all_imports()
        if _within(imp.module, "app.ui") and not _within(imp.source, "app.ui") and imp.source != "app.cli"
    ]
    assert offenders == []


# the one reach into another library's internals, on purpose: the warm cache hands ``_sre`` the
# program ``re._compiler`` made for a pattern, checked against ``re`` in tests/test_warm_cache.py
PRIVATE_ON_PURPOSE = {("app.warm_cache", "re._compiler"), ("app.warm_cache", "re._parser")}


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = [
        _where(imp)
        for imp in all_imports()
        if imp.name is not None
        and imp.name.startswith("_")
        and imp.name != "__version__"
        and (imp.source, f"{imp.module}.{imp.name}") not in PRIVATE_ON_PURPOSE
    ]
    assert offenders == []


def test_no_import_circle() -> None:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for imp in all_imports():
        target = _target(imp, known)
        # importing a module first runs the packages above it that the importer is not inside
        for loaded in [target, *_packages_of(target)]:
            if loaded in known and loaded != imp.source and not _within(imp.source, loaded):
                graph[imp.source].add(loaded)
    assert _circles(graph) == []


def _packages_of(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# -- the rooms of the window ---------------------------------------------------------------------
def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["app", "ui"] else None


def _exports(room: str) -> set[str]:
    """The names in the room's ``__init__``'s ``__all__``."""
    tree = ast.parse((APP / "ui" / room / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return {ast.literal_eval(element) for element in node.value.elts}  # type: ignore[attr-defined]
    return set()


def test_every_room_is_on_a_floor_and_says_what_lives_there() -> None:
    rooms = sorted(p.name for p in (APP / "ui").iterdir() if (p / "__init__.py").is_file())
    assert rooms == sorted(FLOORS)
    for room in rooms:
        doc = ast.get_docstring(ast.parse((APP / "ui" / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"app/ui/{room}/__init__.py has no docstring"
    assert [p.name for p in (APP / "ui").glob("*.py")] == ["__init__.py"]  # every module is in a room


def test_rooms_import_lower_floors_through_their_exports() -> None:
    known = modules()
    exports = {room: _exports(room) for room in FLOORS}
    offenders = []
    for imp in all_imports():
        here, there = _room(imp.source), _room(imp.module)
        if here is None or there is None:
            if here is not None and imp.module == "app.ui":
                offenders.append(f"{_where(imp)}: import names from a room, not the room")
            continue
        parts = _target(imp, known).split(".")
        if here == there:
            if len(parts) == 3 and imp.source != imp.module:
                offenders.append(f"{_where(imp)}: inside a room, import the module, not the room")
            continue
        if FLOORS[there] >= FLOORS[here]:
            offenders.append(f"{_where(imp)}: {there} (floor {FLOORS[there]}) is not below {here}")
        elif len(parts) == 3 and imp.name not in exports[there]:
            offenders.append(f"{_where(imp)}: {there} does not export {imp.name}")
        elif len(parts) > 3 and parts[3] not in exports[there]:
            offenders.append(f"{_where(imp)}: {there}.{parts[3]} is internal to {there}")
    assert offenders == []


def test_room_exports_exist() -> None:
    for room in FLOORS:
        package = __import__(f"app.ui.{room}", fromlist=["__all__"])
        assert all(hasattr(package, name) for name in _exports(room)), room


def test_calc_and_show_do_not_load_qt() -> None:
    code = (
        "import sys, app.cli as c, app.domain.quote, app.sources, app.reports.calc_json, app.present.rows;"
        "import app.present.terms, app.present.chart_arrays;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
