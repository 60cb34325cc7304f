"""Entry point: ``python main.py …`` is the ``termsheet`` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
