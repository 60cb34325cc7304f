"""The desktop window (PySide6 + pyqtgraph), in rooms by what the user sees: ``window`` composes
the panels (``offerings``, ``calculator``, ``tables``, ``chart``, ``terms``, ``exports``; later
``compare``, ``proposal``), which share ``common``. With ``app.reports._qt_pdf``, the only code
that imports Qt; floors and rules in tests/test_layering.py."""
