"""Suite-wide setup: Qt always runs offscreen in tests, whatever the shell says."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
