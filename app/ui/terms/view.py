"""The terms of the selected CUSIP and its offering, grouped, with checks and warnings."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.present.terms import TermGroup
from app.ui.common import theme
from app.ui.common.palette import fill

LABEL_WIDTH = "42%"
_MARK = {"ok": ("✔", "ok"), "warn": ("⚠", "warn"), "bad": ("✖", "bad")}
_CSS = """
h3 { color: @accent; font-size: 10pt; margin-top: 10px; margin-bottom: 3px; }
td { padding: 2px 6px 2px 0; vertical-align: top; }
td.label { color: @muted; white-space: nowrap; }
td.value { color: @ink; }
td.keep { color: @ink; white-space: nowrap; }
.ok { color: @ok; } .warn { color: @warn; } .bad { color: @bad; }
"""


def terms_html(groups: list[TermGroup], heading: str = "") -> str:
    """The grouped terms as a small HTML document, in the colours in use."""
    parts = [f"<html><head><style>{fill(_CSS)}</style></head><body>"]
    if heading:
        parts.append(f"<p style='font-size:11pt; font-weight:600; margin:0'>{escape(heading)}</p>")
    for group in groups:
        if not group.terms:
            continue
        parts.append(f"<h3>{escape(group.title)}</h3><table cellspacing='0' width='100%'>")
        for term in group.terms:
            mark, css = _MARK.get(term.level, ("", ""))
            value = escape(term.value)
            # one-word values (dates, amounts, rates, CUSIPs) never break ("2019-1 1-29")
            css_class = "value" if any(ch.isspace() for ch in term.value) else "keep"
            if mark:
                value = f"<span class='{css}'>{mark} {value}</span>"
            parts.append(
                f"<tr><td class='label' width='{LABEL_WIDTH}'>{escape(term.label)}</td>"
                f"<td class='{css_class}'>{value}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


class TermsView(QTextBrowser):
    """Read-only, selectable and copyable; keyboard-scrollable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsView")
        self.setOpenLinks(False)
        self.setPlaceholderText("Select a CUSIP to see its terms.")
        self._shown: tuple[list[TermGroup], str] | None = None
        theme.notifier().changed.connect(self.restyle)

    def set_groups(self, groups: list[TermGroup], heading: str = "") -> None:
        self._shown = (groups, heading)
        self.setHtml(terms_html(groups, heading))

    def clear_terms(self) -> None:
        self._shown = None
        self.clear()

    def restyle(self) -> None:
        """The theme changed: the same terms in the new colours, scrolled where they were."""
        if self._shown is not None:
            at = self.verticalScrollBar().value()
            self.setHtml(terms_html(*self._shown))
            self.verticalScrollBar().setValue(at)
