"""How the proposal and the window name the same document: one key per file, however its path
was written (relative, with ``..``, or in another case on a case-insensitive system)."""

from __future__ import annotations

import os


def document_key(path: str) -> str:
    """``path`` absolute and normalised (the empty string stays empty)."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path))) if path else ""
