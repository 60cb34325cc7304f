"""Qt-free loaders: a document's bytes in, ``(Offering, warnings)`` out; the kind is sniffed."""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import edgar_html, offering_json, pdf, sniff
from app.sources.decode import decode, is_utf16, normalize
from app.sources.text_document import load_text

MAX_MB = 50
MAX_BYTES = MAX_MB * 1_000_000  # megabytes of 10^6 bytes, as the message says


def _check_size(size: int, source: str) -> None:
    """``SourceError`` for a document over the limit, its size in the limit's unit (rounded up
    to 0.1 MB: a file just over the limit never reads as the limit itself)."""
    if size > MAX_BYTES:
        shown = -(-size // 100_000) / 10
        raise SourceError(f"the document is {shown:.1f} MB; the limit is {MAX_MB} MB", source=source)


def load_bytes(data: bytes, name: str) -> tuple[Offering, list[ParseWarning]]:
    """Load any supported document from its bytes; ``name`` is used in messages."""
    _check_size(len(data), name)
    if pdf.looks_like(data):
        return pdf.load(data, name)
    why = sniff.not_a_document(data, wide_text=is_utf16(data))
    if why is not None:
        raise SourceError(why, source=name)
    raw = decode(data)
    if offering_json.looks_like(raw):
        return offering_json.loads(raw, name)  # values kept exactly as written
    text = normalize(raw)
    if edgar_html.looks_like(text):
        return edgar_html.load(text, name)
    return load_text(text, name)


def load_path(path: str | Path) -> tuple[Offering, list[ParseWarning]]:
    """Load a document from disk; ``SourceError`` names the file when it cannot be read."""
    p = Path(path)
    try:
        _check_size(p.stat().st_size, str(p))
        data = p.read_bytes()
    except OSError as err:
        raise SourceError(err.strerror or str(err), source=str(p)) from None
    return load_bytes(data, str(p))
