"""Entry point: ``python main.py …`` is the ``termsheet`` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the frozen bundle starts its document-loader process
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
