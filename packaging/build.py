"""Build the frozen program for this OS: bundle (PyInstaller) → smoke run → installer.

    python packaging/build.py              all three steps, into dist/ (work files in build/)
    python packaging/build.py bundle       dist/termsheet/ (macOS: also dist/termsheet.app)
    python packaging/build.py smoke        the bundle's size (<= 150 MB), then its copy run from
                                           elsewhere with a clean environment: --screenshot
                                           offscreen (also with a PDF and an HTML document),
                                           calc --json, show --json and the exports, each
                                           compared with the source program's
    python packaging/build.py installer    Linux: .tar.gz (+ .deb when dpkg-deb is present);
                                           Windows: Inno Setup .exe; macOS: .dmg

Needs the project installed with the packaging extra: ``pip install -e ".[packaging]"``.
Signing reads the environment; see packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import trim  # packaging/trim.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "termsheet.spec"
NAME = "termsheet"
SAMPLE = ROOT / "resources" / "samples" / "ally-term-notes-pricing-supplement-213.txt"
SAMPLE_CUSIP = "02006DTT8"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
SMOKE_TIMEOUT_S = 180
# Runtime libraries the frozen program takes from the system: glibc, OpenGL and Wayland (never
# bundled), and the desktop libraries the spec leaves out (trim.HOST_LIBRARIES). A desk needs them
# all (the xcb ones are the cause of "could not load the Qt platform plugin xcb").
DEB_DEPENDS = ", ".join(
    [
        "libc6 (>= 2.34)",
        "libgl1",
        "libegl1",
        "libwayland-client0",
        "libwayland-cursor0",
        "libwayland-egl1",
        *dict.fromkeys(trim.HOST_LIBRARIES.values()),
    ]
)


class BuildError(Exception):
    """A step failed; the message says which and why."""


def version() -> str:
    """app/_version.py's version, checked against the installed metadata the bundle ships."""
    # app/_version.py is the one place the version is written (pyproject reads it dynamically)
    source = (ROOT / "app" / "_version.py").read_text("utf-8")
    declared = re.search(r'__version__ = "([^"]+)"', source).group(1)  # type: ignore[union-attr]
    try:
        installed = metadata.version(NAME)
    except metadata.PackageNotFoundError:
        raise BuildError(f'{NAME} is not installed: pip install -e ".[packaging]"') from None
    if installed != declared:
        raise BuildError(f"installed {installed} != app/_version.py {declared}: pip install -e . again")
    return str(declared)


def platform_tag() -> str:
    """linux-x86_64, macos-arm64, windows-x86_64 … for file names."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{'windows' if WINDOWS else 'macos' if MACOS else 'linux'}-{machine}"


def frozen_executables(dist: Path) -> tuple[Path, Path]:
    """(the window program, the command-line program) inside a built ``dist``."""
    if WINDOWS:
        folder = dist / NAME
        return folder / f"{NAME}.exe", folder / f"{NAME}-cli.exe"
    if MACOS:
        exe = dist / f"{NAME}.app" / "Contents" / "MacOS" / NAME
        return exe, exe
    exe = dist / NAME / NAME
    return exe, exe


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run(cmd: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)  # type: ignore[call-overload]


# --- bundle -------------------------------------------------------------------------------------
def bundle(dist: Path, work: Path) -> Path:
    """Freeze with the checked-in spec; returns the one-folder bundle."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError('PyInstaller is not installed: pip install -e ".[packaging]"') from None
    version()
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    run([*cmd, "--distpath", dist, "--workpath", work, SPEC], cwd=ROOT)
    folder = dist / NAME
    print(f"bundle: {folder} {folder_size(folder) / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s")
    return folder


# --- smoke --------------------------------------------------------------------------------------
# the bundle folder as folder_size counts it (issue 13); held on Linux, where it is measured (the
# Windows and macOS bundles have other Qt and numpy builds: their size is printed)
MAX_BUNDLE_BYTES = 150_000_000
SUPPLEMENTS = ROOT / "tests" / "data" / "supplements"
# a PDF (pdfplumber and pdfminer, in the loader process) and an EDGAR HTML filing (lxml)
SMOKE_DOCUMENTS = (SUPPLEMENTS / "ally-2021-final.pdf", SUPPLEMENTS / "prudential-internotes-2014.html")
EXPORT_FORMATS = ("csv", "ics", "pdf")
# all a clean environment keeps of the caller's: the OS's own variables, the locale, the time zone
ESSENTIAL_ENV = (
    *("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT"),  # Windows
    *("TEMP", "TMP", "TMPDIR", "LANG", "LC_ALL", "TZ"),
)
MAX_PIXELS_DIFFERING = 0.001  # of two pictures of the window: a text caret caught blinking


def bundle_folder(dist: Path) -> Path:
    """The folder a user gets: ``termsheet/`` (macOS: ``termsheet.app``)."""
    return dist / (f"{NAME}.app" if MACOS else NAME)


def check_size(dist: Path) -> int:
    size = folder_size(bundle_folder(dist))
    if size > MAX_BUNDLE_BYTES and not (WINDOWS or MACOS):
        raise BuildError(f"the bundle is {size / 1e6:.1f} MB, over {MAX_BUNDLE_BYTES / 1e6:.0f} MB")
    return size


def relocated(dist: Path, into: Path) -> Path:
    """A copy of the built bundle under ``into``, laid out as in ``dist``: runs away from the build."""
    folder = bundle_folder(dist)
    shutil.copytree(folder, into / folder.name, symlinks=True)
    return into


def smoke_env(home: Path) -> dict[str, str]:
    """A clean environment: the OS's essentials (no virtualenv, no PYTHONPATH), offscreen Qt, and
    HOME with the per-user folders in ``home``. PYTHONUTF8 is for the source program's output."""
    env = {name: value for name, value in os.environ.items() if name in ESSENTIAL_ENV}
    ours = (str(ROOT), sys.prefix)
    paths = os.environ.get("PATH", os.defpath).split(os.pathsep)
    env["PATH"] = os.pathsep.join(p for p in paths if p and not p.startswith(ours))
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1", HOME=str(home), USERPROFILE=str(home))
    env.update(APPDATA=str(home / "AppData"), LOCALAPPDATA=str(home / "LocalAppData"))
    for name, folder in (("CONFIG", ".config"), ("STATE", ".state"), ("DATA", ".data"), ("CACHE", ".cache")):
        env[f"XDG_{name}_HOME"] = str(home / folder)
    return env


def calc_args() -> list[str]:
    return ["calc", str(SAMPLE), "--cusip", SAMPLE_CUSIP, "--json"]


def export_args(fmt: str, out: Path) -> list[str]:
    return ["export", str(SAMPLE), "--cusip", SAMPLE_CUSIP, "--format", fmt, "--out", str(out)]


def source_run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The source program (``main.py`` with this interpreter) run with ``args``."""
    command = [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S)


def _run_frozen(
    command: list[str], env: dict[str, str], cwd: Path, what: str
) -> subprocess.CompletedProcess[str]:
    """Run the frozen program, its output captured; a run past ``SMOKE_TIMEOUT_S`` is an error."""
    try:
        return subprocess.run(
            command, env=env, cwd=cwd, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as err:
        raise BuildError(f"frozen {what} still running after {err.timeout:.0f} s") from None


def _succeeded(proc: subprocess.CompletedProcess[str], what: str) -> subprocess.CompletedProcess[str]:
    if proc.returncode != 0:
        raise BuildError(f"{what} failed (exit {proc.returncode}): {proc.stderr[-3000:]}")
    return proc


def like_the_source(exe: Path, args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run ``args`` frozen and from the source: both succeed and print the same; the output."""
    frozen = _succeeded(_run_frozen([str(exe), *args], env, cwd, args[0]), f"frozen {args[0]}")
    source = _succeeded(source_run(args, env, cwd), f"source {args[0]}")
    if frozen.stdout != source.stdout:
        raise BuildError(f"frozen {' '.join(args)} prints other than the source program")
    return frozen.stdout


def frozen_screenshot(exe: Path, png: Path, env: dict[str, str], cwd: Path, *files: Path) -> float:
    """Run ``exe [files] --screenshot png``; seconds from start until the picture was written."""
    started = time.time()
    proc = _run_frozen([str(exe), *map(str, files), "--screenshot", str(png)], env, cwd, "--screenshot")
    if proc.returncode != 0 or not png.is_file() or png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise BuildError(f"frozen --screenshot failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return png.stat().st_mtime - started


def pixels_differing(a: Path, b: Path) -> float:
    """The share of pixels that differ between two pictures (1.0 when their sizes differ)."""
    import numpy as np
    from PySide6.QtGui import QImage

    images = [QImage(str(p)).convertToFormat(QImage.Format.Format_ARGB32) for p in (a, b)]
    if images[0].size() != images[1].size() or images[0].isNull():
        return 1.0
    pixels = [np.frombuffer(bytes(image.constBits()), dtype=np.uint32) for image in images]
    return float(np.count_nonzero(pixels[0] != pixels[1])) / pixels[0].size


def documents_window_like_the_source(exe: Path, env: dict[str, str], cwd: Path) -> None:
    """The window with SMOKE_DOCUMENTS loaded (in the frozen loader process) is the source's."""
    frozen, source = cwd / "documents-frozen.png", cwd / "documents-source.png"
    frozen_screenshot(exe, frozen, env, cwd, *SMOKE_DOCUMENTS)
    args = [*map(str, SMOKE_DOCUMENTS), "--screenshot", str(source)]
    _succeeded(source_run(args, env, cwd), "source --screenshot")
    if (share := pixels_differing(frozen, source)) > MAX_PIXELS_DIFFERING:
        raise BuildError(f"the frozen window with documents differs from the source's ({share:.1%})")


def same_export(fmt: str, frozen: bytes, source: bytes) -> bool:
    """Whether two exports agree: iCalendar's DTSTAMP (the moment of export) and the PDF's
    creation time aside (a PDF: the same number of pages)."""
    if fmt == "ics":
        stamp = re.compile(rb"^DTSTAMP:.*$", re.MULTILINE)
        return stamp.sub(b"", frozen) == stamp.sub(b"", source)
    if fmt == "pdf":
        pages = re.compile(rb"/Type\s*/Page\b")
        return frozen.startswith(b"%PDF-") and 0 < len(pages.findall(frozen)) == len(pages.findall(source))
    return frozen == source


def exports_like_the_source(exe: Path, env: dict[str, str], cwd: Path) -> None:
    for fmt in EXPORT_FORMATS:
        frozen, source = cwd / f"frozen.{fmt}", cwd / f"source.{fmt}"
        _succeeded(_run_frozen([str(exe), *export_args(fmt, frozen)], env, cwd, fmt), f"frozen {fmt} export")
        _succeeded(source_run(export_args(fmt, source), env, cwd), f"source {fmt} export")
        if not same_export(fmt, frozen.read_bytes(), source.read_bytes()):
            raise BuildError(f"the frozen {fmt} export differs from the source program's")


def smoke(dist: Path) -> None:
    """The bundle is within MAX_BUNDLE_BYTES; copied away from the build and run from another
    folder with a clean environment, the frozen program does what the source program does."""
    size = check_size(dist)
    with tempfile.TemporaryDirectory() as tmp:
        gui, cli = frozen_executables(relocated(dist, Path(tmp) / "away"))
        cwd, env = Path(tmp) / "elsewhere", smoke_env(Path(tmp) / "home")
        cwd.mkdir()
        seconds = frozen_screenshot(gui, cwd / "smoke.png", env, cwd)
        documents_window_like_the_source(gui, env, cwd)
        for args in [calc_args(), *(["show", str(doc), "--json"] for doc in SMOKE_DOCUMENTS)]:
            like_the_source(cli, args, env, cwd)
        exports_like_the_source(cli, env, cwd)
    print(
        f"smoke: {size / 1e6:.1f} MB; window painted and saved in {seconds:.2f} s; with a PDF and an "
        f"HTML document, calc --json, show --json and the {'/'.join(EXPORT_FORMATS)} exports as the source's"
    )


# --- installers ---------------------------------------------------------------------------------
def stage_linux_share(folder: Path) -> None:
    """Put the desktop entry and icons in the bundle's share/ (XDG layout) for tar and deb."""
    share = folder / "share"
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "packaging" / "linux" / f"{NAME}.desktop", apps / f"{NAME}.desktop")
    icons = ROOT / "resources" / "icons"
    for size in (16, 32, 64, 256):
        dest = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"{NAME}-{size}.png", dest / f"{NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / f"{NAME}.svg", scalable / f"{NAME}.svg")


def make_tarball(folder: Path, out: Path) -> Path:
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=NAME)
    return out


def deb_arch() -> str:
    return run(["dpkg", "--print-architecture"], capture_output=True).stdout.strip()


def make_deb(folder: Path, out: Path, ver: str) -> Path:
    """/opt/termsheet (the bundle), /usr/bin/termsheet, the desktop entry and icons under /usr/share."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        top_share = lambda path, names: ["share"] if Path(path) == folder else []  # noqa: E731
        shutil.copytree(folder, root / "opt" / NAME, symlinks=True, ignore=top_share)
        shutil.copytree(folder / "share", root / "usr" / "share")
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
        control = root / "DEBIAN" / "control"
        control.parent.mkdir()
        control.write_text(
            (ROOT / "packaging" / "linux" / "control.in")
            .read_text("utf-8")
            .format(
                version=ver,
                arch=deb_arch(),
                depends=DEB_DEPENDS,
                installed_kib=(folder_size(root) + 1023) // 1024,
            ),
            encoding="utf-8",
        )
        for path in [root, *root.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", root, out])
    return out


def installer(dist: Path, work: Path) -> list[Path]:
    """The installer(s) for this OS, in ``dist``."""
    ver, tag = version(), platform_tag()
    if WINDOWS:
        return [windows_installer(dist, work, ver)]
    if MACOS:
        dmg = dist / f"{NAME}-{ver}-{tag}.dmg"
        run(["bash", ROOT / "packaging" / "macos" / "make-dmg.sh", dist / f"{NAME}.app", dmg])
        return [dmg]
    folder = dist / NAME
    stage_linux_share(folder)
    made = [make_tarball(folder, dist / f"{NAME}-{ver}-{tag}.tar.gz")]
    if shutil.which("dpkg-deb"):
        made.append(make_deb(folder, dist / f"{NAME}_{ver}_{deb_arch()}.deb", ver))
    else:
        print("installer: dpkg-deb not found, no .deb")
    return made


def signtool() -> str:
    """TERMSHEET_SIGNTOOL, else the newest signtool.exe of the Windows SDK, else "signtool"."""
    if os.environ.get("TERMSHEET_SIGNTOOL"):
        return os.environ["TERMSHEET_SIGNTOOL"]
    kits = (
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Windows Kits" / "10" / "bin"
    )
    found = sorted(kits.glob("10.*/x64/signtool.exe"))
    return str(found[-1]) if found else "signtool"


def windows_installer(dist: Path, work: Path, ver: str) -> Path:
    """Inno Setup, per user. TERMSHEET_SIGNTOOL_ARGS (e.g. ``sign /fd sha256 /td sha256 /tr URL
    /sha1 THUMBPRINT``) makes Inno Setup sign both .exe files, the setup and the uninstaller."""
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(iscc).is_file():
        raise BuildError("Inno Setup 6 not found: install it (choco install innosetup)")
    from PIL import Image

    work.mkdir(parents=True, exist_ok=True)
    ico = work / f"{NAME}.ico"
    Image.open(ROOT / "resources" / "icons" / f"{NAME}-256.png").save(
        ico, sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)]
    )
    defines = [
        f"/DAppVersion={ver}",
        f"/DSourceDir={dist / NAME}",
        f"/DOutputDir={dist}",
        f"/DIconFile={ico}",
    ]
    sign_args = os.environ.get("TERMSHEET_SIGNTOOL_ARGS")
    if sign_args:  # $q is Inno's quote character: no quotes to escape on the command line
        defines += [f"/Stermsheet=$q{signtool()}$q {sign_args} $f", "/DSign"]
    run([iscc, "/Q", *defines, ROOT / "packaging" / "windows" / f"{NAME}.iss"])
    return dist / f"{NAME}-{ver}-windows-x64-setup.exe"


# --- command line -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", nargs="?", choices=("all", "bundle", "smoke", "installer"), default="all")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder (build/pyinstaller/)",
    )
    ns = parser.parse_args(argv)
    dist, work = ns.dist.resolve(), ns.work.resolve()
    try:
        if ns.step in ("all", "bundle"):
            bundle(dist, work)
        if ns.step in ("all", "smoke"):
            smoke(dist)
        if ns.step in ("all", "installer"):
            for path in installer(dist, work):
                print(f"installer: {path} {path.stat().st_size / 1e6:.0f} MB")
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
