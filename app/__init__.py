"""Term-sheet viewer and calculator for US retail-note pricing supplements."""

from app import bytecode

bytecode.install()  # before anything else of the package is imported: see app/bytecode.py

from app._version import __version__  # noqa: E402

__all__ = ["__version__"]
