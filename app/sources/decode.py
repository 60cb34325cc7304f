"""Bytes to clean text: UTF-8 (with or without BOM), UTF-16, Windows-1252; newlines, quotes."""

from __future__ import annotations

import re

_REPLACE = tuple(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\t": "    ",
    }.items()
)  # str.replace per character: ~20x faster than str.translate on text holding any non-ASCII
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_ESCAPE_RE = re.compile(r"\\([$%_*#\[\]()&.\-+!`~<>'\"])")


def _utf16(data: bytes) -> str | None:
    """UTF-16 text (with a BOM, or NULs in every other byte), if it decodes to mostly ASCII."""
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif len(sample) >= 8 and sample[1::2].count(0) > len(sample) // 4:
        codec = "utf-16-le"
    elif len(sample) >= 8 and sample[0::2].count(0) > len(sample) // 4:
        codec = "utf-16-be"
    else:
        return None
    text = data.decode(codec, errors="replace")
    head = text[:2048]
    return text if sum(ch < "\x80" for ch in head) * 2 > len(head) else None


def is_utf16(data: bytes) -> bool:
    """Whether the bytes are UTF-16 text (judged on their first 4 KB)."""
    return _utf16(data[:4096]) is not None


def decode(data: bytes) -> str:
    """Decode a document's bytes: BOMs first, then strict UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    wide = _utf16(data)
    if wide is not None:
        return wide
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalize(text: str) -> str:
    """LF newlines, straight quotes, plain spaces, no control characters."""
    if text.isascii() and text.isprintable():
        return text  # the commonest table cell: nothing to change
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    return _CONTROL_RE.sub(" ", text)


def unescape_markdown(text: str) -> str:
    """``\\$1.04`` → ``$1.04``: drop markdown backslash escapes (``\\|`` is kept for tables)."""
    return _MD_ESCAPE_RE.sub(r"\1", text)


def to_text(data: bytes) -> str:
    """Decode and normalize in one step."""
    return normalize(decode(data))
