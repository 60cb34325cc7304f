"""The low room every other room may use: shared widgets (cards, inputs, the table view, the
message strip, the quiet tab widget), the look (style sheet, icons, light or dark ``theme``),
item roles, the palette and the ``clipboard``."""

from app.ui.common import clipboard, palette, roles, theme
from app.ui.common.cards import ResultRow, card, repolish, stale_note, titled
from app.ui.common.date_input import SettleDateEdit
from app.ui.common.inputs import MoneyEdit, PercentEdit, money_text
from app.ui.common.message_area import MessageArea
from app.ui.common.quiet_tabs import QuietTabs
from app.ui.common.resources import icon, unstyled
from app.ui.common.table_view import BandUpdates, size_columns
from app.ui.common.theme import Theme, apply_look

__all__ = [
    "BandUpdates",
    "MessageArea",
    "MoneyEdit",
    "PercentEdit",
    "QuietTabs",
    "ResultRow",
    "SettleDateEdit",
    "Theme",
    "apply_look",
    "card",
    "clipboard",
    "icon",
    "money_text",
    "palette",
    "repolish",
    "roles",
    "size_columns",
    "stale_note",
    "theme",
    "titled",
    "unstyled",
]
