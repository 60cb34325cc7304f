"""A Linux without one of the X11 libraries Qt's xcb platform needs (issue 14, item 12): the
program says which packages to install, in one line, and exits 1 — Qt aborted with exit 134
("could not load the Qt platform plugin "xcb""). The missing library is simulated: the loader
check is replaced, in this process and in a real ``main.py`` process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.window import before_qt as libs

ROOT = Path(__file__).resolve().parents[3]
X11 = {"DISPLAY": ":0"}


@pytest.mark.parametrize(
    ("env", "platform", "selected"),
    [
        (X11, "linux", True),
        ({**X11, "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({**X11, "QT_QPA_PLATFORM": "xcb:nograb;wayland"}, "linux", True),
        ({**X11, "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({**X11, "QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({**X11, "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({}, "linux", False),  # no X display: Qt says so itself
        (X11, "darwin", False),
        (X11, "win32", False),
    ],
)
def test_the_check_runs_only_where_qt_starts_xcb(env: dict[str, str], platform: str, selected: bool) -> None:
    assert libs.xcb_selected(env, platform) is selected


def test_the_hint_names_the_missing_libraries_and_their_packages() -> None:
    gone = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    hint = libs.missing_hint(X11, load=lambda soname: soname not in gone)
    assert hint == (
        "the window cannot start: the X11 libraries libxcb-cursor.so.0, libxcb-icccm.so.4 are "
        "missing (on Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-icccm4)"
    )
    assert libs.missing_hint(X11, load=lambda soname: True) is None
    assert libs.missing_hint({}, load=lambda soname: False) is None


def test_a_library_qt_surely_loads_is_found() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("sonames are Linux's")
    assert libs.loadable("libc.so.6")
    assert not libs.loadable("libxcb-no-such-library.so.0")


# main.py as a user starts it on X11, with libxcb-cursor0 "not installed"
DRIVER = """
import sys
from app.ui.window import before_qt
before_qt.loadable = lambda soname: soname != "libxcb-cursor.so.0"
from app.cli import main
sys.exit(main([]))
"""


def test_main_says_what_to_install_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":99", TERMSHEET_SETTINGS=str(tmp_path / "s.ini"), XDG_STATE_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "termsheet: the window cannot start: the X11 library libxcb-cursor.so.0 is missing "
        "(on Debian/Ubuntu: sudo apt install libxcb-cursor0)"
    ]
    assert "Traceback" not in done.stderr and done.stdout == ""
