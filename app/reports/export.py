"""Write one export (CSV, iCalendar, term-sheet PDF) of a purchase to exactly the path asked for.

The file appears whole or not at all: the bytes go to a temporary file in the destination's
folder, which is flushed and then renamed over the destination (``os.replace``, atomic on one
file system); on any failure the temporary file is removed. Nothing but ``out`` (and that
temporary file) is ever written: no extension is added, no folder created, and a destination that
is a folder or a device is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import InputError
from app.domain.model import Offering, Quote

FORMATS = ("csv", "ics", "pdf")
SUFFIXES = {"csv": ".csv", "ics": ".ics", "pdf": ".pdf"}
_DEFAULT_MODE = 0o644


class ExportError(InputError):
    """The destination of an export cannot be written (CLI exit 4); names the path."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write the export: {reason}", field="out", value=path, source=str(path))


def render(
    offering: Offering,
    quote: Quote,
    fmt: str,
    source_name: str | None = None,
    *,
    call_notices: bool = False,
) -> bytes:
    """The bytes of one export format (``csv``, ``ics`` or ``pdf``); ``InputError`` otherwise."""
    renderers: dict[str, Callable[[], bytes]] = {
        "csv": lambda: _csv(quote),
        "ics": lambda: _ics(offering, quote, call_notices),
        "pdf": lambda: _pdf(offering, quote, source_name),
    }
    if fmt not in renderers:
        raise InputError(
            f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}", field="format", value=fmt
        )
    return renderers[fmt]()


def _csv(quote: Quote) -> bytes:
    from app.reports.csv_export import render_csv

    return render_csv(quote)


def _ics(offering: Offering, quote: Quote, call_notices: bool) -> bytes:
    from app.reports.ics_export import render_ics

    return render_ics(offering, quote, call_notices=call_notices)


def _pdf(offering: Offering, quote: Quote, source_name: str | None) -> bytes:
    from app.reports._qt_pdf import render_pdf  # loads Qt: only when a PDF is asked for

    return render_pdf(offering, quote, source_name=source_name)


def export_file(
    offering: Offering,
    quote: Quote,
    fmt: str,
    out: Path,
    source_name: str | None = None,
    *,
    call_notices: bool = False,
) -> Path:
    """Render ``fmt`` and write it to ``out``; returns the path written.

    Raises ``InputError`` for an unknown format and ``ExportError`` when ``out`` cannot be
    written; in both cases no file is left behind.
    """
    out = Path(out)
    check_destination(out)
    data = render(offering, quote, fmt, source_name, call_notices=call_notices)
    return write_atomic(out, data)


def check_destination(out: Path) -> None:
    """Refuse before rendering what can be refused cheaply: a folder, a device, no folder."""
    try:
        st = out.stat()
    except FileNotFoundError:
        if not out.parent.is_dir():
            raise ExportError(out, f"the folder {out.parent} does not exist") from None
        return
    except OSError as err:
        raise ExportError(out, _reason(err)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(out, "it is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(out, "it is not a regular file")


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _target(out: Path) -> Path:
    """The file to replace: a symbolic link is written through to the file it names."""
    return Path(os.path.realpath(out)) if out.is_symlink() else out


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets 0o644 less the process umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return _DEFAULT_MODE & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(out: Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` whole or not at all (temporary file + ``os.replace``)."""
    out = Path(out)
    check_destination(out)
    target = _target(out)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise ExportError(out, _reason(err)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # not every file system keeps modes
            os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(err, OSError):
            raise ExportError(out, _reason(err)) from None
        raise
    return out
