"""Entry point: ``python main.py …`` is the ``termsheet`` command."""

import sys

from app import warm_cache

warm_cache.install()  # before the package's modules compile their patterns (app/warm_cache.py)

from app.cli import main  # noqa: E402

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the frozen bundle starts its document-loader process
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
