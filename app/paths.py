"""Where bundled resources live, found relative to the program itself (never the working dir)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` beside the ``app`` package, or inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_path() -> Path:
    """The bundled sample offering the program opens on first start."""
    return resources_dir() / "samples" / "ally-term-notes-pricing-supplement-213.txt"
