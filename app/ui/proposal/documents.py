"""The documents a proposal names, as the window knows them: one key per file however its path
was written (relative, with ``..``, or in another case on a case-insensitive system), and what the
proposal asks of the window's loading (``DocumentHost``)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.domain.model import Offering


def document_key(path: str) -> str:
    """``path`` absolute, links resolved and normalised as the window's loader names documents
    (the empty string stays empty)."""
    return os.path.normcase(os.path.realpath(os.path.expanduser(path))) if path else ""


class DocumentHost(Protocol):
    """The window's loaded documents: the offering of one already loaded, and a load of others
    whose results come back through ``ProposalDesk.document_loaded`` / ``document_failed``."""

    def loaded_offering(self, path: str) -> Offering | None: ...

    def load_documents(self, paths: Sequence[str]) -> None: ...
