"""Item-data roles and alignments the window's item models and views share, as plain ints.

``RAW_ROLE`` is the domain value behind a cell (``date``, ``Decimal``, ``Note``) that sorting,
the chart and tests read; ``SEARCH_ROLE`` the text the offerings filter matches; ``KIND_ROLE`` a
coupon-calendar row's kind. ``PAINTED`` are the roles ``BandUpdates`` paints a row from.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

RAW_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2
KIND_ROLE = int(Qt.ItemDataRole.UserRole.value) + 3

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
PAINTED = frozenset((DISPLAY, ALIGN, BACKGROUND, FOREGROUND, FONT))

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
