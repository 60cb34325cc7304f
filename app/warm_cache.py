"""What every window start compiled again, kept from the start before: the regular expressions
(the loaders', the standard library's, pyqtgraph's and PySide6's), PySide6's signature-support
modules and the methods ``dataclasses`` writes for each data class.

Python caches a module's bytecode, but not a compiled regular expression, and PySide6 compiles
its support modules (``shibokensupport``, ~120 kB of source embedded in libshiboken) from source
at every import. Together that is ~55 ms of a ~600 ms window start here: ~36 ms for the ~170
patterns a start compiles (the parsing and code generation of ``re`` are pure Python) and ~20 ms
for those modules. This cache keeps their results in one file beside the package's bytecode
(``cache_file``):

- a pattern's compiled program (what ``re._compiler.compile`` hands to ``_sre.compile``: the
  flags, the code, the groups) under its text and flags. On a hit ``_sre.compile`` gets the same
  arguments it got the first time, so the pattern is the same object in every respect (``==``
  compares the program); a pattern not in the cache is compiled as usual and kept.
- a support module's code object under its file name and the CRC of its source: a change of the
  embedded source (another PySide6) is a miss.
- the code ``dataclasses`` compiles for a class's ``__init__``, ``__repr__``, ``__eq__``, … and
  ``typing`` for a string annotation, under the text compiled: ``dataclasses`` writes a class's
  methods as source and ``exec``s it (~18 ms for the ~55 data classes a start defines), and a
  ``NamedTuple`` compiles each field's annotation (~3 ms). The cached code is what ``compile``
  makes of the same text, with the same file name (``<string>``) and, as ``exec`` and ``eval``
  compile a text there, no future flags of the caller.

The file is named by Python's cache tag and ``_sre``'s magic and holds the full Python version;
anything else, or a file that cannot be read, is no cache. Only what is compiled during the start
is kept (``stop_recording``), at most ``MAX_PATTERNS`` patterns and ``MAX_SOURCES`` texts, so
documents opened later do not make it grow. Written at the end of a process that compiled
something new (``save``), atomically, and silently not where the folder cannot be written.
Python versions this was checked against are listed in ``SUPPORTED``; on any other the cache is
not installed.
"""

from __future__ import annotations

import _sre
import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
import typing
import zlib
from collections.abc import Callable, Iterator
from importlib.util import cache_from_source
from pathlib import Path
from re import _compiler, _parser
from types import CodeType
from typing import Any

SUPPORTED = ((3, 11), (3, 12), (3, 13))  # re._compiler.compile as reproduced in _compile
MAX_PATTERNS = 2000
MAX_SOURCES = 2000
FORMAT = 2

_patterns: dict[tuple[str | bytes, int], tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]] = {}
_modules: dict[tuple[str, int], bytes] = {}
_sources: dict[tuple[str, str], bytes] = {}  # code compiled from a text: (mode, text)
_new = False
_recording = False
_installed = False
_real_compile: Any = None
_real_builtin_compile = builtins.compile


def cache_file() -> Path:
    """Beside the package's bytecode (under PYTHONPYCACHEPREFIX where that is set)."""
    folder = Path(cache_from_source(str(Path(__file__).resolve()))).parent
    return folder / f"warm-start.{sys.implementation.cache_tag}-sre{_sre.MAGIC}.bin"


def install() -> None:
    """Load the cache and compile patterns and data classes through it from now on (a start
    calls this first)."""
    global _installed, _recording, _real_compile
    if _installed or sys.version_info[:2] not in SUPPORTED or getattr(sys, "frozen", False):
        return
    _load()
    _real_compile = _compiler.compile
    _compiler.compile = _compile
    # a module global of that name is found before the builtin
    dataclasses.exec = _dataclass_exec  # type: ignore[attr-defined]
    typing.compile = _typing_compile  # type: ignore[attr-defined]
    _installed = _recording = True


def stop_recording() -> None:
    """The start is over: nothing compiled from now on is added to the cache."""
    global _recording
    _recording = False


def _load() -> None:
    try:
        data = marshal.loads(cache_file().read_bytes())
        if data["format"] != FORMAT or data["version"] != sys.version:
            return
        _patterns.update(data["patterns"])
        _modules.update(data["modules"])
        _sources.update(data["sources"])
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        _patterns.clear()
        _modules.clear()
        _sources.clear()


def save() -> None:
    """Write the cache if this process compiled something it did not hold."""
    global _new
    if not (_installed and _new):
        return
    _new = False
    path = cache_file()
    data = {
        "format": FORMAT,
        "version": sys.version,
        "patterns": _patterns,
        "modules": _modules,
        "sources": _sources,
    }
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temp.write_bytes(marshal.dumps(data))
        os.replace(temp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink()


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` for a pattern's text, its program taken from the cache or kept
    for it; anything else (a parsed pattern, DEBUG) goes to the original."""
    global _new
    if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
        return _real_compile(p, flags)
    key = (p, int(flags))
    hit = _patterns.get(key)
    if hit is not None:
        return _sre.compile(p, *hit)
    parsed = _parser.parse(p, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    args = (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )
    if _recording and len(_patterns) < MAX_PATTERNS:
        _patterns[key] = args
        _new = True
    return _sre.compile(p, *args)


def compiled(source: bytes | str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, taken from the cache when the same file's same
    source was compiled before (during a start: kept for the next one)."""
    key = (filename, zlib.crc32(source.encode() if isinstance(source, str) else source))
    return _kept(_modules, key, lambda: _real_builtin_compile(source, filename, "exec"), _installed)


def _text_code(source: str, mode: str) -> CodeType:
    """``compile(source, "<string>", mode)`` as ``exec``/``eval`` compile a text (no future flags
    of the caller), from the cache when this text was compiled before (during a start: kept)."""

    def make() -> CodeType:
        return _real_builtin_compile(source, "<string>", mode, dont_inherit=True)

    return _kept(_sources, (mode, source), make, len(_sources) < MAX_SOURCES)


def _kept(store: dict[Any, bytes], key: Any, make: Callable[[], CodeType], room: bool) -> CodeType:
    """The code kept in ``store`` under ``key``, or ``make()`` (kept there while the start is
    recorded and there is ``room``)."""
    global _new
    cached = store.get(key)
    if cached is not None:
        with contextlib.suppress(EOFError, ValueError, TypeError):
            code = marshal.loads(cached)
            if isinstance(code, CodeType):
                return code
    code = make()
    if _recording and room:
        store[key] = marshal.dumps(code)
        _new = True
    return code


def _dataclass_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` as ``dataclasses`` calls it with the text of a class's methods."""
    builtins.exec(_text_code(source, "exec") if isinstance(source, str) else source, globals, locals)


def _typing_compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """``compile`` as ``typing.ForwardRef`` calls it for a string annotation (a ``NamedTuple``'s
    fields under ``from __future__ import annotations``); any other call as it was."""
    if args or kwargs or filename != "<string>" or mode != "eval" or not isinstance(source, str):
        return _real_builtin_compile(source, filename, mode, *args, **kwargs)
    return _text_code(source, "eval")


@contextlib.contextmanager
def support_modules() -> Iterator[None]:
    """While PySide6 is first imported: its support modules' code from the cache (or kept for
    it). Only ``compile`` calls for ``shibokensupport/…`` files and ``signature_bootstrap.py``
    are answered; the rest, and everything after the import, go to Python's own ``compile``."""
    if not _installed or "shiboken6" in sys.modules:
        yield
        return
    real = builtins.compile

    def compile_support(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if (
            args
            or kwargs
            or mode != "exec"
            or not isinstance(filename, str)
            or not (filename.startswith("shibokensupport/") or filename == "signature_bootstrap.py")
            or not isinstance(source, (bytes, str))
        ):
            return real(source, filename, mode, *args, **kwargs)
        return compiled(source, filename)

    builtins.compile = compile_support
    try:
        yield
    finally:
        builtins.compile = real
