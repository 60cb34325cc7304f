"""What a file is when it is not a document the loaders read: empty, an image, an archive, binary.

Told by content (magic numbers, NUL and control bytes), never by the extension: a JPEG renamed
``.txt`` is named as a JPEG image instead of being searched for a note table.
"""

from __future__ import annotations

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office 97-2003 file (Word, Excel)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
)
_OFFICE_XML = (
    (b"word/", "a Word document (.docx)"),
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"ppt/", "a PowerPoint file (.pptx)"),
)
_SAMPLE = 4096
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a")  # \x1a: the DOS end-of-file mark of old filings


def _kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    if data.startswith(b"PK\x03\x04"):
        head = data[:_SAMPLE]
        return next((kind for mark, kind in _OFFICE_XML if mark in head), "a ZIP archive")
    return None


def _binary(data: bytes) -> bool:
    """More than one byte in twenty a NUL or another control character no text holds, in the
    first 4 KB (random bytes hold one in nine; a damaged text file a few; UTF-16 text, with a NUL
    in every other byte, is told apart by the caller)."""
    sample = data[:_SAMPLE]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls * 20 > len(sample)


def not_a_document(data: bytes, *, wide_text: bool = False) -> str | None:
    """Why ``data`` is no offering document ("the file is empty", "the file is a JPEG image,
    not an offering document"), or None when it may be one. ``wide_text``: the bytes decode as
    UTF-16 text (whose NULs are not binary)."""
    if not data.strip():
        return "the file is empty" if not data else "the file holds only blank space"
    kind = _kind(data)
    if kind is None and not wide_text and _binary(data):
        kind = "a binary file"
    return f"the file is {kind}, not an offering document" if kind else None
