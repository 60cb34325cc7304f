"""Term-sheet viewer and calculator for US retail-note pricing supplements."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("termsheet")
except _metadata.PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.1.0"
