"""Term-sheet viewer and calculator for US retail-note pricing supplements."""

from app._version import __version__

__all__ = ["__version__"]
