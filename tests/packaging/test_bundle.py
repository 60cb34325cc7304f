"""The frozen one-folder bundle (PyInstaller, packaging/termsheet.spec) behaves like the source.

Builds the bundle once into a temporary folder with ``packaging/build.py bundle`` (about a
minute), copies it to another folder and deletes the build (nothing may point back at it), then
runs the frozen program from a third folder with a clean environment (``build.smoke_env``: HOME and
the XDG folders in a temporary home) and compares what it does with the source program's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
BUILD_PY = ROOT / "packaging" / "build.py"
SUPPLEMENTS = ROOT / "tests" / "data" / "supplements"
RUN_TIMEOUT_S = 180
BUILD_TIMEOUT_S = 900


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("termsheet_packaging_build", BUILD_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


class Frozen:
    """The built bundle and the places its runs use."""

    def __init__(self, dist: Path, home: Path, cwd: Path) -> None:
        self.dist, self.home, self.cwd = dist, home, cwd
        self.gui, self.cli = build.frozen_executables(dist)
        self.env = build.smoke_env(home)
        self.folder = self.gui.parent if sys.platform != "darwin" else dist / "termsheet.app"
        self.before = _snapshot(self.folder)

    def run(self, *args: str | Path, gui: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
        exe = self.gui if gui else self.cli
        return subprocess.run(
            [str(exe), *map(str, args)],
            cwd=self.cwd,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )

    def source(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *map(str, args)],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            'PyInstaller is not installed: pip install -e ".[test]" (the test extra pins it)', pytrace=False
        )
    root = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(BUILD_PY), "bundle", "--dist", str(root / "dist"), "--work", str(root / "work")],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert proc.returncode == 0, f"bundle build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    print(f"\nbundle built in {time.perf_counter() - started:.0f} s")
    away = build.relocated(root / "dist", root / "away")
    shutil.rmtree(root / "dist")
    shutil.rmtree(root / "work")
    cwd = root / "elsewhere"  # not the checkout: the program must find its files by itself
    cwd.mkdir()
    return Frozen(away, root / "home", cwd)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the limit is measured on Linux")
def test_bundle_is_within_its_size(frozen: Frozen) -> None:
    size = build.folder_size(build.bundle_folder(frozen.dist))
    print(f"bundle: {size / 1e6:.1f} MB")
    assert size <= build.MAX_BUNDLE_BYTES


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_offscreen_like_the_source(frozen: Frozen) -> None:
    src_png, png, paint = frozen.cwd / "source.png", frozen.cwd / "frozen.png", frozen.cwd / "paint.txt"
    source = frozen.source("--screenshot", src_png)
    assert source.returncode == 0, source.stderr
    started = time.time()
    proc = frozen.run("--screenshot", png, gui=True, TERMSHEET_FIRST_PAINT_FILE=str(paint))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert _png_size(png) == _png_size(src_png)
    assert png.stat().st_size > 20_000, "the picture is nearly empty"
    first_paint = float(paint.read_text()) - started
    print(f"frozen: first paint {first_paint:.2f} s, picture saved {png.stat().st_mtime - started:.2f} s")
    assert 0 < first_paint < 30


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux: ICU and the host's libraries")
def test_linux_bundle_leaves_the_desktop_libraries_to_the_host(frozen: Frozen) -> None:
    names = {p.name for p in (frozen.folder / "_internal").rglob("*.so*")}
    assert not names & set(build.trim.HOST_LIBRARIES)
    icu_data = [p for p in (frozen.folder / "_internal").rglob("libicudata.so.*") if not p.is_symlink()]
    assert len(icu_data) == 1 and icu_data[0].stat().st_size < 7_000_000  # the wheel's is 32 MB


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_encrypted_pdf_reads_like_the_source(frozen: Frozen, algorithm: str) -> None:
    """A PDF secured with an owner password only (as issuers' sites serve them): pdfminer
    decrypts it with cryptography's AES and hashlib's MD5/SHA-2 (the interpreter's own)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(build.SMOKE_DOCUMENTS[0]))
    writer.encrypt(user_password="", owner_password="desk-only", algorithm=algorithm)
    secured = frozen.cwd / f"secured-{algorithm}.pdf"
    writer.write(secured)
    proc, source = frozen.run("show", secured, "--json"), frozen.source("show", secured, "--json")
    assert source.returncode == 0, source.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == source.stdout and json.loads(proc.stdout)["notes"]


def test_window_with_a_pdf_and_an_html_document_like_the_source(frozen: Frozen) -> None:
    """The documents load in the frozen loader process (pdfplumber, lxml) and the window shows
    what the source program's shows."""
    build.documents_window_like_the_source(frozen.gui, frozen.env, frozen.cwd)


def test_calc_json_is_the_source_programs(frozen: Frozen) -> None:
    args = build.calc_args()
    proc, source = frozen.run(*args), frozen.source(*args)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(source.stdout)
    assert proc.stdout == source.stdout


@pytest.mark.parametrize(
    "document",
    sorted(p.name for p in SUPPLEMENTS.iterdir() if p.is_file() and not p.name.endswith(".json")),
)
def test_show_json_reads_every_document_kind(frozen: Frozen, document: str) -> None:
    """Text, markdown, EDGAR HTML (lxml), PDF (pdfplumber/pdfminer), cp1252: as the source reads them."""
    args = ("show", SUPPLEMENTS / document, "--json")
    proc, source = frozen.run(*args), frozen.source(*args)
    assert source.returncode == 0, source.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == source.stdout


@pytest.mark.parametrize("fmt", build.EXPORT_FORMATS)
def test_exports_are_the_source_programs(frozen: Frozen, fmt: str) -> None:
    ours, theirs = frozen.cwd / f"frozen.{fmt}", frozen.cwd / f"source.{fmt}"
    proc, source = frozen.run(*build.export_args(fmt, ours)), frozen.source(*build.export_args(fmt, theirs))
    assert source.returncode == 0, source.stderr
    assert proc.returncode == 0, proc.stderr
    assert build.same_export(fmt, ours.read_bytes(), theirs.read_bytes())
    if fmt == "pdf":  # Qt's PDF writer: the same text on the same pages
        from pypdf import PdfReader

        texts = [[page.extract_text() for page in PdfReader(p).pages] for p in (ours, theirs)]
        assert texts[0] == texts[1] and texts[0] and texts[0][0].strip()


def test_version_and_bad_input_like_the_source(frozen: Frozen) -> None:
    from app import __version__

    assert frozen.run("--version").stdout.strip() == f"termsheet {__version__}"
    missing = frozen.cwd / "no-such-supplement.txt"
    proc, source = frozen.run("calc", missing, "--cusip", "X"), frozen.source("calc", missing, "--cusip", "X")
    assert source.returncode == 3
    assert (proc.returncode, proc.stderr) == (source.returncode, source.stderr)
    assert str(missing) in proc.stderr and "Traceback" not in proc.stderr


def test_writes_only_per_user_locations(frozen: Frozen) -> None:
    """Nothing is written into the bundle (by this test's runs or the ones before); the window's
    log goes to the user's folder."""
    assert frozen.run("--screenshot", frozen.cwd / "again.png", gui=True).returncode == 0
    assert frozen.run(*build.calc_args()).returncode == 0
    assert _snapshot(frozen.folder) == frozen.before
    logs = list((frozen.home / ".state").rglob("*.log")) + list((frozen.home / "LocalAppData").rglob("*.log"))
    if sys.platform == "darwin":
        logs += list((frozen.home / "Library" / "Logs").rglob("*.log"))
    assert logs, f"no log under {frozen.home}: {sorted(os.listdir(frozen.home))}"
