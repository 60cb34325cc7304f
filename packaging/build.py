"""Build the frozen program for this OS: bundle (PyInstaller) → smoke run → installer.

    python packaging/build.py              all three steps, into dist/ (work files in build/)
    python packaging/build.py bundle       dist/termsheet/ (macOS: also dist/termsheet.app)
    python packaging/build.py smoke        run the frozen program: --screenshot offscreen, and
                                           calc --json compared with the source program's
    python packaging/build.py installer    Linux: .tar.gz (+ .deb when dpkg-deb is present);
                                           Windows: Inno Setup .exe; macOS: .dmg

Needs the project installed with the packaging extra: ``pip install -e ".[packaging]"``.
Signing reads the environment; see packaging/README.md.
"""

from __future__ import annotations

import argparse
import json
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

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "termsheet.spec"
NAME = "termsheet"
SAMPLE = ROOT / "resources" / "samples" / "ally-term-notes-pricing-supplement-213.txt"
SAMPLE_CUSIP = "02006DTT8"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
SMOKE_TIMEOUT_S = 180
# Runtime libraries the frozen program takes from the system (ldd of the bundle; the xcb and
# wayland ones are listed even where the build machine's copy got bundled, so a desk always has
# them: see "could not load the Qt platform plugin xcb").
DEB_DEPENDS = (
    "libc6 (>= 2.34), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libxkbcommon0, libxkbcommon-x11-0, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, "
    "libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, "
    "libxcb-xkb1, libwayland-client0, libwayland-cursor0, libwayland-egl1"
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
def smoke_env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    if home is not None:  # keep the user's settings and logs out of a test run
        env.update(
            HOME=str(home),
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData"),
            LOCALAPPDATA=str(home / "LocalAppData"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_STATE_HOME=str(home / ".state"),
            XDG_DATA_HOME=str(home / ".data"),
            XDG_CACHE_HOME=str(home / ".cache"),
        )
    return env


def calc_args() -> list[str]:
    return ["calc", str(SAMPLE), "--cusip", SAMPLE_CUSIP, "--json"]


def source_calc_json(env: dict[str, str]) -> dict[str, object]:
    out = run([sys.executable, ROOT / "main.py", *calc_args()], capture_output=True, env=env)
    return dict(json.loads(out.stdout))


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


def frozen_screenshot(exe: Path, png: Path, env: dict[str, str], cwd: Path) -> float:
    """Run ``exe --screenshot png``; seconds from start until the picture was written."""
    started = time.time()
    proc = _run_frozen([str(exe), "--screenshot", str(png)], env, cwd, "--screenshot")
    if proc.returncode != 0 or not png.is_file() or png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise BuildError(f"frozen --screenshot failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return png.stat().st_mtime - started


def frozen_calc_json(exe: Path, env: dict[str, str], cwd: Path) -> dict[str, object]:
    proc = _run_frozen([str(exe), *calc_args()], env, cwd, "calc")
    if proc.returncode != 0:
        raise BuildError(f"frozen calc failed (exit {proc.returncode}): {proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout))


def smoke(dist: Path) -> None:
    """The frozen program opens its window offscreen and computes what the source computes."""
    gui, cli = frozen_executables(dist)
    env = smoke_env()
    with tempfile.TemporaryDirectory() as tmp:  # run away from the checkout: no working-dir paths
        seconds = frozen_screenshot(gui, Path(tmp) / "smoke.png", env, Path(tmp))
        frozen = frozen_calc_json(cli, env, Path(tmp))
    if frozen != source_calc_json(env):
        raise BuildError("frozen calc --json differs from the source program's")
    print(f"smoke: window painted and saved in {seconds:.2f} s; calc --json matches the source")


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
