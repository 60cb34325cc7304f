"""The start's compiled patterns and PySide6's support modules kept from the start before
(``app/warm_cache.py``, issue 13: ~36 ms of patterns and ~20 ms of support modules a start).

A pattern from the cache must be the pattern ``re`` compiles (``==`` compares the compiled
program, flags and text), and a window started from a full cache must look exactly as one started
from none. The processes run with PYTHONPYCACHEPREFIX in the test's folder: the checkout's own
cache is neither read nor written."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app import warm_cache

ROOT = Path(__file__).resolve().parents[1]
TRICKY = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", 0),
    (r"\bdue\s+(?P<when>\w+\s+\d{1,2},\s+\d{4})", re.IGNORECASE),
    (r"""(?x) ^ \s* (?:CUSIP|Cusip)\s*(?:No\.?)? \s* [:#]? \s* (?P<cusip>[0-9A-Z]{9}) # a comment""", 0),
    (r"(?<=\$)\d[\d,]*(?:\.\d+)?(?!\d)", 0),
    (r"^\s*(\d+(?:\.\d+)?)\s*%\s*$", re.MULTILINE),
    (r"[\u00a0\u2000-\u200b]+|&nbsp;", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
    (r"(?i:one|two|three)\s+years?", 0),
    (rb"\x00PK\x03\x04(?P<rest>.{4})", re.DOTALL),
    (r"(?s).*?(?=\n\n)", 0),
    (r"\w+", re.ASCII),
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty cache in this process, recording, with ``re._compiler.compile`` as it was."""
    from re import _compiler

    monkeypatch.setattr(warm_cache, "_patterns", {})
    monkeypatch.setattr(warm_cache, "_recording", True)
    monkeypatch.setattr(warm_cache, "_real_compile", _compiler.compile)


@pytest.mark.parametrize(("pattern", "flags"), TRICKY)
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(fresh: None, pattern: str, flags: int) -> None:
    from re import _compiler

    expected = _compiler.compile(pattern, flags)
    kept = warm_cache._compile(pattern, flags)  # a miss: compiled and kept
    assert (pattern, int(flags)) in warm_cache._patterns
    # the way it comes back from the file
    warm_cache._patterns.update(marshal.loads(marshal.dumps(warm_cache._patterns)))
    hit = warm_cache._compile(pattern, flags)
    for got in (kept, hit):
        assert got == expected
        assert (got.flags, got.groups, got.groupindex) == (
            expected.flags,
            expected.groups,
            expected.groupindex,
        )
    sample = (
        b"\x00PK\x03\x04abcd"
        if isinstance(pattern, bytes)
        else "CUSIP: 02006DTT8 due June 15, 2031 $1,000.50"
    )
    assert [m.span() for m in hit.finditer(sample)] == [m.span() for m in expected.finditer(sample)]


def test_patterns_compiled_after_the_start_are_not_kept(fresh: None) -> None:
    warm_cache.stop_recording()
    warm_cache._compile(r"after the start \d+", 0)
    assert warm_cache._patterns == {}


def run(prefix: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(prefix), QT_QPA_PLATFORM="offscreen")
    env["TERMSHEET_SETTINGS"] = str(prefix / "settings.ini")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def cache_in(prefix: Path) -> Path:
    found = list(prefix.rglob("warm-start.*.bin"))
    assert len(found) == 1, found
    return found[0]


def test_a_window_started_from_the_cache_is_the_window_started_without(tmp_path: Path) -> None:
    first = run(tmp_path, "main.py", "--screenshot", str(tmp_path / "first.png"))
    assert first.returncode == 0, first.stderr
    cache = cache_in(tmp_path)
    kept = marshal.loads(cache.read_bytes())
    assert kept["version"] == sys.version
    assert len(kept["patterns"]) > 100  # the loaders', the standard library's, pyqtgraph's
    assert {name for name, _ in kept["modules"]} >= {
        "shibokensupport/signature/loader.py",
        "shibokensupport/signature/parser.py",
    }
    written = cache.stat().st_mtime_ns

    second = run(tmp_path, "main.py", "--screenshot", str(tmp_path / "second.png"))
    assert second.returncode == 0, second.stderr
    assert cache.stat().st_mtime_ns == written  # all found in the cache: nothing new to write
    a, b = QImage(str(tmp_path / "first.png")), QImage(str(tmp_path / "second.png"))
    assert not a.isNull() and a.size() == b.size()
    assert differing_columns(a, b) <= {CARET_COLUMN}, "the two windows differ beyond the caret"


CARET_COLUMN = -1  # stands for "one column": where a text caret blinks (on in one, off in the other)


def differing_columns(a: QImage, b: QImage) -> set[int]:
    """The columns where two screenshots differ; one column of at most 30 pixels (a caret) is
    reported as ``CARET_COLUMN``."""
    import numpy as np

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        raw = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
        return raw.reshape(image.height(), image.width())

    ys, xs = np.nonzero(pixels(a) != pixels(b))
    columns = set(xs.tolist())
    if len(columns) == 1 and len(ys) <= 30:
        return {CARET_COLUMN}
    return columns


def test_pyside_works_from_the_cached_support_modules(tmp_path: Path) -> None:
    code = (
        "from app import warm_cache; warm_cache.install()\n"
        "with warm_cache.support_modules():\n"
        "    import PySide6\n"
        "from PySide6.QtCore import QTimer\n"
        "from shibokensupport.signature import get_signature\n"  # the parser, mapping, layout
        "print(get_signature(QTimer.singleShot))\n"
        "warm_cache.save()\n"
    )
    outputs = []
    for _ in range(2):  # compiled and kept, then taken from the cache
        done = run(tmp_path, "-c", code)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.strip())
    assert outputs[0] == outputs[1]
    assert "msec: int" in outputs[0] and "functor: collections.abc.Callable" in outputs[0]
    assert len(marshal.loads(cache_in(tmp_path).read_bytes())["modules"]) >= 10


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps({"format": 0})])
def test_a_broken_cache_is_no_cache_and_is_written_again(tmp_path: Path, content: bytes) -> None:
    code = "from app import warm_cache; warm_cache.install(); import app.sources; warm_cache.save()"
    first = run(tmp_path, "-c", code)
    assert first.returncode == 0, first.stderr
    cache = cache_in(tmp_path)
    cache.write_bytes(content)
    again = run(tmp_path, "-c", code)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert len(marshal.loads(cache.read_bytes())["patterns"]) > 50


@pytest.fixture
def fresh_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty cache of compiled texts in this process, recording."""
    monkeypatch.setattr(warm_cache, "_sources", {})
    monkeypatch.setattr(warm_cache, "_recording", True)


def make_classes(run_exec: object) -> tuple[type, type]:
    """A data class and a NamedTuple defined with ``run_exec`` as dataclasses' ``exec`` and
    typing's ``compile`` the cache's (or Python's own, for ``None``)."""
    import dataclasses
    import typing
    from decimal import Decimal

    with pytest.MonkeyPatch.context() as patch:
        if run_exec is not None:
            patch.setattr(dataclasses, "exec", warm_cache._dataclass_exec, raising=False)
            patch.setattr(typing, "compile", warm_cache._typing_compile, raising=False)

        @dataclasses.dataclass(frozen=True, order=True)
        class Lot:
            cusip: str
            face: Decimal = Decimal("1000")
            tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)

        class Row(typing.NamedTuple):
            when: str  # a string annotation (this module has future annotations): typing compiles it
            amount: Decimal = Decimal(0)

    return Lot, Row


def test_data_classes_from_cached_code_are_the_classes_python_makes(fresh_sources: None) -> None:
    plain_lot, plain_row = make_classes(None)
    for _ in range(2):  # compiled and kept, then from the cache (as marshalled into the file)
        lot, row = make_classes(True)
        assert warm_cache._sources, "nothing was kept"
        warm_cache._sources.update(marshal.loads(marshal.dumps(warm_cache._sources)))
        a, b = lot("02006DTT8"), lot("02006DTT8", tags=("x",))
        expected_a, expected_b = plain_lot("02006DTT8"), plain_lot("02006DTT8", tags=("x",))
        assert (a == b, a < lot("1"), hash(a) == hash(b)) == (
            expected_a == expected_b,
            expected_a < plain_lot("1"),
            hash(expected_a) == hash(expected_b),
        )
        assert repr(a).split(".")[-1] == repr(expected_a).split(".")[-1]
        assert lot.__init__.__annotations__ == plain_lot.__init__.__annotations__  # no future flags
        assert lot.__init__.__code__.co_filename == plain_lot.__init__.__code__.co_filename
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.cusip = "x"  # type: ignore[misc]
        assert row("2031-06-15") == plain_row("2031-06-15")
        assert row.__annotations__ == plain_row.__annotations__
    assert {mode for mode, _ in warm_cache._sources} == {"exec", "eval"}


def test_texts_compiled_after_the_start_are_not_kept(fresh_sources: None) -> None:
    warm_cache.stop_recording()
    make_classes(True)
    assert warm_cache._sources == {}
