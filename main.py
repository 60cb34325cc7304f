"""Entry point: ``python main.py …`` is the ``termsheet`` command."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen bundle starts its document-loader process
    sys.exit(main())
