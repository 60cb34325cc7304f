"""The terms of the selected CUSIP and its offering, grouped, with checks and warnings.

Labels stay on one line while the panel is wide enough; on a narrower panel they wrap, so the
terms never scroll sideways (one-word values, dates and amounts, never break)."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.present.terms import TermGroup
from app.ui.common import theme
from app.ui.common.palette import fill

LABEL_WIDTH = "42%"
_MARK = {"ok": ("✔", "ok"), "warn": ("⚠", "warn"), "bad": ("✖", "bad")}
_CSS = """
h3 { color: @accent; font-size: 10pt; margin-top: 10px; margin-bottom: 3px; }
td { padding: 2px 6px 2px 0; vertical-align: top; }
td.label { color: @muted; }
td.one-line { white-space: nowrap; }
td.value { color: @ink; }
td.keep { color: @ink; white-space: nowrap; }
.ok { color: @ok; } .warn { color: @warn; } .bad { color: @bad; }
"""


def terms_html(groups: list[TermGroup], heading: str = "", wrap: bool = False) -> str:
    """The grouped terms as a small HTML document, in the colours in use; ``wrap``: labels may
    break over lines."""
    label = "label" if wrap else "label one-line"
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
                f"<tr><td class='{label}' width='{LABEL_WIDTH}'>{escape(term.label)}</td>"
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
        self._wrap = False
        self._one_line = 0  # the width the terms need with one-line labels (once too narrow)
        theme.notifier().changed.connect(self.restyle)

    def set_groups(self, groups: list[TermGroup], heading: str = "") -> None:
        self._shown = (groups, heading)
        self._wrap = False
        self._render()
        self._fit()

    def clear_terms(self) -> None:
        self._shown = None
        self.clear()

    def restyle(self) -> None:
        """The theme changed: the same terms in the new colours."""
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Wrap the labels when one-line labels do not fit the width; unwrap when they do again."""
        if self._shown is None:
            return
        width = self.viewport().width()
        if not self._wrap:
            needed = int(self.document().size().width())
            if needed > width:
                self._one_line, self._wrap = needed, True
                self._render()
        elif width >= self._one_line:
            self._wrap = False
            self._render()

    def _render(self) -> None:
        """Show the terms again, scrolled where they were."""
        if self._shown is not None:
            at = self.verticalScrollBar().value()
            self.setHtml(terms_html(*self._shown, wrap=self._wrap))
            self.verticalScrollBar().setValue(at)
