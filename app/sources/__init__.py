"""Qt-free loaders: a document's bytes in, ``(Offering, warnings)`` out; the kind is sniffed."""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import edgar_html, offering_json, pdf
from app.sources.decode import decode, normalize
from app.sources.text_document import load_text

MAX_BYTES = 50 * 1024 * 1024


def load_bytes(data: bytes, name: str) -> tuple[Offering, list[ParseWarning]]:
    """Load any supported document from its bytes; ``name`` is used in messages."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"document is {len(data) / 1e6:.0f} MB; the limit is 50 MB", source=name)
    if pdf.looks_like(data):
        return pdf.load(data, name)
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
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"file is {size / 1e6:.0f} MB; the limit is 50 MB", source=str(p))
        data = p.read_bytes()
    except OSError as err:
        raise SourceError(err.strerror or str(err), source=str(p)) from None
    return load_bytes(data, str(p))
