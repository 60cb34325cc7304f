"""What the Linux bundle leaves out that PyInstaller's options cannot say (used by termsheet.spec).

The Windows and macOS Qt wheels carry no ICU, and there PyInstaller's own collection stands.
Weights and reasons: packaging/README.md, "What the bundle weighs".

- ``trimmed_icu_data``: Qt Core links ICU for collation (``QCollator``: the file dialog sorts by
  the desktop's locale), code pages (``QStringConverter`` by name), time zones (``QTimeZone`` ids
  and names) and case mapping (no data). ICU's data library (32 MB) also holds break rules,
  units, currencies, language, region and script names, spell-out and transliteration for ~700
  locales, which no Qt function reaches. The rebuilt one (5 MB) keeps collation in every locale,
  time-zone names and locale data of root and English, and the single-byte code pages.
- ``without_host_libraries``: the desktop's own libraries (``HOST_LIBRARIES``) are not bundled;
  the .deb depends on their packages.
- ``strip_symbols``: libraries that still carry ``.symtab``/``.strtab`` (libpython, cryptography's
  Rust module, numpy's core, ICU) lose them; their dynamic symbols stay.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from app.ui.window.before_qt import XCB_LIBRARIES

Binaries = list[tuple[str, str, str]]  # PyInstaller's TOC entries: (name in bundle, source, kind)

# --- ICU's common data package ("CmnD"): a header, a table of contents, 16-byte aligned items ---
ICU_TREES = frozenset({"", "coll", "zone"})  # top level, collation, time-zone names
ICU_DROP_TOP = frozenset(
    {
        "unames.icu",  # character names (u_charName)
        "confusables.cfu",  # spoof checker
        "uts46.nrm",  # IDNA (Qt has its own)
        "ulayout.icu",  # Indic layout properties
        "uemoji.icu",  # emoji properties
    }
)
LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_\w+)?\.res")  # de.res, sr_Latn.res (root.res is not one)
ENGLISH = re.compile(r"en(_\w+)?\.res")


def keep_icu_item(name: str, data: bytes) -> bool:
    """Whether the item ``icudtNNl/…`` is one Qt's ICU calls can read in this program: collation
    in every locale (QCollator: the file dialog sorts by the desktop's locale), time-zone names
    and locale data of root and English, single-byte code pages, and the locale-independent
    tables they use. A non-English locale's time-zone names fall back to English."""
    tree, _, leaf = name.split("/", 1)[1].rpartition("/")
    if tree not in ICU_TREES:  # brkitr, curr, lang, rbnf, region, translit, unit
        return False
    if tree == "coll":
        return True
    if LOCALE_BUNDLE.fullmatch(leaf) and leaf != "res_index.res":  # res_index: the locale list
        return ENGLISH.fullmatch(leaf) is not None
    if leaf.endswith(".cnv"):
        return max_bytes_per_char(data) == 1  # not the East Asian multi-byte tables
    return leaf not in ICU_DROP_TOP and not leaf.endswith(".spp")  # .spp: StringPrep (IDNA, LDAP)


def max_bytes_per_char(converter: bytes) -> int:
    """``maxBytesPerChar`` of a ``.cnv`` item (its UConverterStaticData follows the data header:
    structSize, name[60], codepage, platform, conversionType, minBytesPerChar, maxBytesPerChar)."""
    header_size = struct.unpack_from("<H", converter)[0]
    return converter[header_size + 4 + 60 + 4 + 3]


def icu_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(the package header, [(item name, item bytes)]) of a common data package."""
    header_size = struct.unpack_from("<H", package)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", package, header_size)[0]
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in toc[1:]] + [len(package) - header_size]
    items = []
    for (name_at, data_at), end in zip(toc, ends, strict=True):
        name_start = header_size + name_at
        name = package[name_start : package.index(b"\0", name_start)].decode("ascii")
        items.append((name, package[header_size + data_at : header_size + end]))
    return package[:header_size], items


def icu_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common data package of ``items`` (in the given, sorted, order) behind ``header``."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_at = _align(len(header) + toc_size + len(names), 16) - len(header)
    toc, name_at, chunks = [struct.pack("<I", len(items))], toc_size, []
    for name, data in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        chunk = data + b"\0" * (_align(len(data), 16) - len(data))
        chunks.append(chunk)
        data_at += len(chunk)
    body = b"".join(toc) + names
    body += b"\0" * (_align(len(header) + len(body), 16) - len(header) - len(body))
    return header + body + b"".join(chunks)


def _align(n: int, to: int) -> int:
    return (n + to - 1) // to * to


def _elf_symbol_bytes(library: Path, symbol: str) -> bytes:
    """The bytes of a defined data ``symbol`` of an ELF shared library (little-endian, 64-bit)."""
    out = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)], check=True, capture_output=True, text=True
    ).stdout
    fields = next(line.split() for line in out.splitlines() if line.endswith(" " + symbol))
    address, size = int(fields[0], 16), int(fields[1], 16)
    elf = library.read_bytes()
    ph_offset = struct.unpack_from("<Q", elf, 0x20)[0]
    ph_size, ph_count = struct.unpack_from("<HH", elf, 0x36)
    for i in range(ph_count):
        kind, _, offset, vaddr, _, filesz = struct.unpack_from("<IIQQQQ", elf, ph_offset + i * ph_size)
        if kind == 1 and vaddr <= address < vaddr + filesz:  # PT_LOAD
            start = address - vaddr + offset
            return elf[start : start + size]
    raise ValueError(f"{symbol} is not in a loaded segment of {library}")


def trimmed_icu_data(
    library: Path, out_dir: Path, keep: Callable[[str, bytes], bool] = keep_icu_item
) -> Path:
    """``libicudataNN.so`` rebuilt with the items ``keep`` accepts (``as`` and ``ld`` of binutils,
    which PyInstaller needs on Linux anyway); the same soname and symbol as the original."""
    version = re.search(r"\.so\.(\d+)", library.name)
    if version is None:
        raise ValueError(f"no ICU version in {library.name}")
    symbol = f"icudt{version.group(1)}_dat"
    header, items = icu_items(_elf_symbol_bytes(library, symbol))
    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"{symbol}.dat"
    package.write_bytes(icu_package(header, [(n, d) for n, d in items if keep(n, d)]))
    source = out_dir / f"{symbol}.s"
    source.write_text(
        '\t.section .note.GNU-stack,"",@progbits\n'
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 32\n"
        f'{symbol}:\n\t.incbin "{package}"\n\t.size {symbol}, . - {symbol}\n',
        encoding="ascii",
    )
    obj, out = out_dir / f"{symbol}.o", out_dir / library.name
    subprocess.run(["as", "-o", str(obj), str(source)], check=True)
    subprocess.run(["ld", "-shared", "-soname", library.name, "-o", str(out), str(obj)], check=True)
    return out


# --- libraries the host provides -------------------------------------------------------------------
# Left to the desktop, with the Debian package that brings each (the .deb depends on them all;
# packaging/README.md lists them for the .tar.gz). The bundle keeps what a desktop may lack: Qt,
# ICU, GLib, the Python runtime and the wheels' own libraries.
HOST_LIBRARIES = {
    # printing reaches printers only through the host's CUPS, whose libcups2 is then always there;
    # the bundled copy brought Kerberos, GnuTLS and Avahi (~9 MB). Without CUPS Qt skips its CUPS
    # plugin and the print dialog offers PDF, as it did with no CUPS server.
    "libcups.so.2": "libcups2 | libcups2t64",
    # the desktop's own, as AppImage's exclusion list has them: a bundled C++ runtime older than
    # the host's Mesa drivers need breaks OpenGL; fontconfig must read the host's configuration;
    # the X client library talks to the host's X server
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libexpat.so.1": "libexpat1",
    "libz.so.1": "zlib1g",
    "libgpg-error.so.0": "libgpg-error0",
    "libcom_err.so.2": "libcom-err2",
    "libuuid.so.1": "libuuid1",
    "libgmp.so.10": "libgmp10",
    # the base system: GLib (Qt's event loop), compression, libffi (ctypes)
    "libglib-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libgthread-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libzstd.so.1": "libzstd1",
    "liblzma.so.5": "liblzma5",
    "libbz2.so.1.0": "libbz2-1.0",
    "libffi.so.8": "libffi8",
    # what the Qt platform plugins and Qt GUI load from the host (the .deb always required them)
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-glx.so.0": "libxcb-glx0",
    # the xcb platform's own libraries: the list the window's start checks before Qt
    **{so: package for so, package in XCB_LIBRARIES.items() if so.startswith("libxcb")},
}


def needed(path: Path) -> list[str]:
    """The sonames an ELF file names in its dynamic section (``NEEDED``)."""
    out = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.split()[:1] == ["NEEDED"]]


def without_host_libraries(binaries: Binaries, host: Callable[[str], bool]) -> Binaries:
    """``binaries`` without the build machine's libraries whose soname ``host`` accepts, nor
    those that only they needed (a library the rest still names stays)."""
    links = {src: needed(Path(src)) for _, src, _ in binaries}
    kept = [b for b in binaries if not (_system_library(b) and host(b[0]))]
    while True:
        wanted = {name for _, src, _ in kept for name in links[src]}
        orphans = [b for b in kept if _system_library(b) and b[0] not in wanted]
        if not orphans:
            return kept
        kept = [b for b in kept if b not in orphans]


def _system_library(entry: tuple[str, str, str]) -> bool:
    """A build machine's library at the bundle's top (not libpython: the bootloader loads it)."""
    dest, _, kind = entry
    return kind == "BINARY" and "/" not in dest and not dest.startswith("libpython")


# --- symbol tables --------------------------------------------------------------------------------
def has_symbol_table(path: Path) -> bool:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True).stdout
    return " .symtab " in out


def strip_symbols(binaries: Binaries, out_dir: Path, skip: Iterable[str] = ()) -> Binaries:
    """``binaries`` with each ELF shared library that has a symbol table replaced by a copy
    without it (``strip --strip-unneeded``); names matching ``skip`` are left alone."""
    strip = shutil.which("strip")
    if strip is None:
        return binaries
    skipped = tuple(skip)
    result = []
    for dest, src, kind in binaries:
        source = Path(src)
        if ".so" in source.name and not any(s in dest for s in skipped) and has_symbol_table(source):
            copy = out_dir / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            subprocess.run([strip, "--strip-unneeded", str(copy)], check=True)
            if segments_page_aligned(copy):
                src = str(copy)
        result.append((dest, src, kind))
    return result


def segments_page_aligned(path: Path) -> bool:
    """Whether each loadable segment's file offset and address agree modulo its alignment, as the
    dynamic loader requires. ``strip`` breaks that in a library patchelf has given extra segments
    (auditwheel's, like numpy's OpenBLAS): such a library is kept as it was."""
    elf = path.read_bytes()
    ph_offset = struct.unpack_from("<Q", elf, 0x20)[0]
    ph_size, ph_count = struct.unpack_from("<HH", elf, 0x36)
    for i in range(ph_count):
        kind, _, offset, vaddr, _, _, _, align = struct.unpack_from("<IIQQQQQQ", elf, ph_offset + i * ph_size)
        if kind == 1 and align > 1 and offset % align != vaddr % align:  # PT_LOAD
            return False
    return True
