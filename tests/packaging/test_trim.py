"""packaging/trim.py: ICU's data package rebuilt, host libraries left out, symbol tables stripped."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_trim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("termsheet_packaging_trim", ROOT / "packaging" / "trim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = _load_trim()

# A common data package's header as ICU writes it: headerSize, magic 0xda 0x27, then UDataInfo
# (size 20, little-endian, ASCII, 2-byte UChar, format "CmnD" 1.0.0.0), padded to 32 bytes.
HEADER = struct.pack("<HBBHHBBBB4s4s4s", 32, 0xDA, 0x27, 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\0" * 4)
HEADER += b"\0" * (32 - len(HEADER))


def _converter(max_bytes: int) -> bytes:
    """A .cnv item: a 16-byte data header, then UConverterStaticData up to maxBytesPerChar."""
    return struct.pack("<H14x", 16) + struct.pack("<I60sibbbb", 100, b"test", 1252, 0, 2, 1, max_bytes)


def test_package_round_trip_keeps_names_order_and_16_byte_alignment() -> None:
    items = [("icudt73l/a.res", b"x" * 5), ("icudt73l/coll/root.res", b"y" * 32), ("icudt73l/z.icu", b"z")]
    package = trim.icu_package(HEADER, items)
    header, back = trim.icu_items(package)
    assert header == HEADER
    assert [name for name, _ in back] == [name for name, _ in items]
    for (_, data), (_, original) in zip(back, items, strict=True):
        assert data == original + b"\0" * (len(data) - len(original)) and len(data) % 16 == 0
    data_offsets = [package.index(data) for _, data in back]
    assert all(offset % 16 == 0 for offset in data_offsets)


def test_not_a_common_data_package() -> None:
    with pytest.raises(ValueError):
        trim.icu_items(HEADER.replace(b"CmnD", b"ToCP") + b"\0" * 8)


@pytest.mark.parametrize(
    ("name", "data", "kept"),
    [
        ("icudt73l/coll/ucadata.icu", b"", True),  # collation: every locale
        ("icudt73l/coll/sv.res", b"", True),
        ("icudt73l/zone/en_GB.res", b"", True),  # time-zone names: root and English
        ("icudt73l/zone/de.res", b"", False),
        ("icudt73l/zone/root.res", b"", True),
        ("icudt73l/root.res", b"", True),
        ("icudt73l/en_US_POSIX.res", b"", True),
        ("icudt73l/sr_Latn.res", b"", False),
        ("icudt73l/res_index.res", b"", True),  # the list of locales, not one
        ("icudt73l/zoneinfo64.res", b"", True),
        ("icudt73l/cnvalias.icu", b"", True),
        ("icudt73l/ibm-5348_P100-1997.cnv", _converter(1), True),  # windows-1252
        ("icudt73l/gb18030.cnv", _converter(4), False),
        ("icudt73l/brkitr/word.brk", b"", False),
        ("icudt73l/curr/en.res", b"", False),
        ("icudt73l/unames.icu", b"", False),
        ("icudt73l/rfc3491.spp", b"", False),
    ],
)
def test_which_icu_items_are_kept(name: str, data: bytes, kept: bool) -> None:
    assert trim.keep_icu_item(name, data) is kept


def _qt_icu_data() -> Path | None:
    """The PySide6 wheel's own ICU data library (Linux wheels only)."""
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("nm", "as", "ld")),
    reason="ICU is bundled from the Linux Qt wheels; rebuilding it needs binutils",
)
def test_rebuilt_icu_library_keeps_the_items_qt_reads(tmp_path: Path) -> None:
    source = _qt_icu_data()
    if source is None:
        pytest.skip("this PySide6 wheel has no ICU of its own")
    out = trim.trimmed_icu_data(source, tmp_path)
    symbol = f"icudt{source.name.rsplit('.', 1)[1]}_dat"
    original = dict(trim.icu_items(trim._elf_symbol_bytes(source, symbol))[1])
    kept = dict(trim.icu_items(trim._elf_symbol_bytes(out, symbol))[1])
    assert out.name == source.name and out.stat().st_size < 7_000_000 < 30_000_000 < source.stat().st_size
    assert set(kept) == {name for name, data in original.items() if trim.keep_icu_item(name, data)}
    assert all(kept[name] == original[name] for name in kept)  # byte for byte
    prefix = next(iter(kept)).split("/")[0]
    for wanted in ("coll/root.res", "coll/sv.res", "zone/en.res", "en.res", "cnvalias.icu", "zoneinfo64.res"):
        assert f"{prefix}/{wanted}" in kept


def test_host_libraries_and_what_only_they_needed_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    links = {
        "/usr/lib/libcups.so.2": ["libgnutls.so.30", "libshared.so.1"],
        "/usr/lib/libgnutls.so.30": ["libnettle.so.8"],
        "/usr/lib/libnettle.so.8": [],
        "/usr/lib/libshared.so.1": [],
        "/usr/lib/libunused.so.1": [],  # no one names it: it came with the host library's closure
        "/py/libpython3.11.so.1.0": [],  # loaded by the bootloader, named by nothing
        "/venv/PySide6/Qt/lib/libQt6Core.so.6": ["libshared.so.1"],
        "/venv/_cffi_backend.so": [],
    }
    monkeypatch.setattr(trim, "needed", lambda path: links[str(path)])
    binaries = [
        ("libcups.so.2", "/usr/lib/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/usr/lib/libgnutls.so.30", "BINARY"),
        ("libnettle.so.8", "/usr/lib/libnettle.so.8", "BINARY"),
        ("libshared.so.1", "/usr/lib/libshared.so.1", "BINARY"),
        ("libunused.so.1", "/usr/lib/libunused.so.1", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
        ("_cffi_backend.so", "/venv/_cffi_backend.so", "EXTENSION"),
    ]
    kept = trim.without_host_libraries(binaries, {"libcups.so.2"}.__contains__)
    assert [dest for dest, _, _ in kept] == [
        "libshared.so.1",  # Qt Core still names it
        "libpython3.11.so.1.0",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "_cffi_backend.so",
    ]


def _elf_with_load(offset: int, vaddr: int, align: int = 0x1000) -> bytes:
    """A 64-bit little-endian ELF header with one PT_LOAD program header."""
    header = bytearray(64)
    header[:4] = b"\x7fELF"
    struct.pack_into("<Q", header, 0x20, 64)  # e_phoff
    struct.pack_into("<HH", header, 0x36, 56, 1)  # e_phentsize, e_phnum
    return bytes(header) + struct.pack("<IIQQQQQQ", 1, 5, offset, vaddr, vaddr, 16, 16, align)


def test_segments_page_aligned(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.so", tmp_path / "bad.so"
    good.write_bytes(_elf_with_load(0x1000, 0x3000))
    bad.write_bytes(_elf_with_load(0x1621098, 0x166B000))  # strip on numpy's OpenBLAS did this
    assert trim.segments_page_aligned(good)
    assert not trim.segments_page_aligned(bad)
