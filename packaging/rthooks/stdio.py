"""PyInstaller runtime hook: give a windowed build real (null) stdout/stderr.

A windowed Windows executable starts with ``sys.stdout`` and ``sys.stderr`` set to None, so
``sys.stdout.write`` raises and ``faulthandler.enable()`` refuses to start. Point them at the null
device instead (``termsheet-cli.exe`` is the console executable for the command line).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
