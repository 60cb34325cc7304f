"""What the window's start does before Qt is imported: check the system libraries Qt's X11
(xcb) platform needs, and import the Qt-free modules the first view needs.

A Linux without one of those libraries gets one line naming the packages to install, not Qt's
abort (exit 134, "could not load the Qt platform plugin "xcb"": a pip-installed PySide6 brings
Qt but not these). The libraries are those the PySide6 6.11 wheel's ``libqxcb.so``,
``libQt6XcbQpa.so.6`` and ``libQt6Gui.so.6`` name (``NEEDED``), with the Debian/Ubuntu package
of each (``packaging/trim.py``'s ``HOST_LIBRARIES`` is the .deb's full list).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def xcb_selected(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will start its xcb platform: Linux, an X display, and no other platform asked for
    (``QT_QPA_PLATFORM`` unset or xcb; unset in a Wayland session, Qt takes Wayland)."""
    if not platform.startswith("linux") or not env.get("DISPLAY"):
        return False
    asked = env.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def loadable(soname: str) -> bool:
    """The dynamic linker finds and loads ``soname`` (Qt loads it the same way right after)."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing(load: Callable[[str], bool] | None = None) -> list[str]:
    """The libraries of ``XCB_LIBRARIES`` that cannot be loaded (by ``load``, else ``loadable``)."""
    load = load or loadable
    return [soname for soname in XCB_LIBRARIES if not load(soname)]


def missing_hint(
    env: Mapping[str, str] | None = None, load: Callable[[str], bool] | None = None
) -> str | None:
    """One line naming what is missing and the command that installs it, or None (all there,
    or not an X11 start)."""
    if not xcb_selected(os.environ if env is None else env):
        return None
    lost = missing(load)
    if not lost:
        return None
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[s] for s in lost))
    what = "library" if len(lost) == 1 else "libraries"
    return (
        f"the window cannot start: the X11 {what} {', '.join(lost)} {'is' if len(lost) == 1 else 'are'} "
        f"missing (on Debian/Ubuntu: sudo apt install {packages})"
    )


def import_qt_free() -> None:
    """Import the loaders and the domain the first view needs before PySide6: PySide6 reads the
    source of every module imported after it (its ``__feature__`` import hook, ~0.1 ms a
    module), and the loaders imported on the worker thread while the window is built would
    take the GIL from it in 5 ms slices. Not numpy (the chart's, after the first paint)."""
    import app.domain.quote
    import app.present.rows
    import app.present.terms
    import app.sources  # noqa: F401


def import_pyside() -> None:
    """The first import of PySide6, whose support modules (``shibokensupport``, compiled from
    source at every start) come from the warm cache when the last start kept them."""
    from app import warm_cache

    with warm_cache.support_modules():
        import PySide6  # noqa: F401
