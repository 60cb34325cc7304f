"""The settle-date field: the date as typed, in any spelling the command line accepts
(``dates.parse_date``: ``2019-12-03``, ``12/03/2019``, ``Dec 3, 2019`` …), or picked from a
calendar (its button, F4 or Alt+Down) that flags weekends and New York banking holidays by name.

The text is the input. A date is taken only when the text spells it, exactly: while the text is
empty, half typed or no date, ``value()`` is None and ``problem()`` says why — the field never
settles on a date the user did not type (a ``QDateEdit`` types over its sections and turned
``2020-03-10`` into 2020-11-03)."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from app.domain.calendar import holiday_name
from app.domain.dates import add_months, read_date
from app.ui.common.inputs import MAX_TEXT
from app.ui.common.palette import current
from app.ui.common.resources import icon
from app.ui.common.theme import notifier

_STEPS = {
    Qt.Key.Key_Up: (1, 0),
    Qt.Key.Key_Down: (-1, 0),
    Qt.Key.Key_PageUp: (0, 1),
    Qt.Key.Key_PageDown: (0, -1),
}  # (days, months) a key moves a valid date


def _qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d is not None else QDate()


def _pydate(d: QDate) -> date | None:
    return date(d.year(), d.month(), d.day()) if d.isValid() else None


class BusinessCalendar(QCalendarWidget):
    """Weekends greyed, New York banking holidays in red with their name as the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self._marked: list[QDate] = []
        self.currentPageChanged.connect(self._mark_holidays)
        self.restyle()
        notifier().changed.connect(self.restyle)

    def restyle(self) -> None:
        """Weekends and holidays in the colours in use."""
        weekend = QTextCharFormat()
        weekend.setForeground(QColor(current().faint))
        self.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, weekend)
        self.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, weekend)
        self._mark_holidays(self.yearShown(), self.monthShown())

    def _mark_holidays(self, year: int, month: int) -> None:
        plain = QTextCharFormat()
        for qd in self._marked:
            self.setDateTextFormat(qd, plain)
        self._marked = []
        first = date(year, month, 1) - timedelta(days=7)
        for offset in range(50):
            d = first + timedelta(days=offset)
            name = holiday_name(d)
            if name:
                fmt = QTextCharFormat()
                fmt.setForeground(QColor(current().bad))
                fmt.setFontWeight(700)
                fmt.setToolTip(f"{name} — not a New York banking day")
                qd = _qdate(d)
                self.setDateTextFormat(qd, fmt)
                self._marked.append(qd)


class _CalendarPopup(QFrame):
    """The calendar under the field, as a popup: a click or Enter picks the date; Escape closes."""

    picked = Signal(QDate)
    closed = Signal()

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setObjectName("settleCalendarPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.calendar = BusinessCalendar(self)
        self.calendar.setObjectName("settleCalendar")
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)
        close.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.closed.emit()

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class SettleDateEdit(QLineEdit):
    """``dateChanged(QDate)`` when the date the text spells changes (an invalid ``QDate`` when it
    spells none); Up/Down move a valid date by a day, PageUp/PageDown by a month."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: date | None = None  # what the text ``_parsed`` spells
        self._parsed = ""
        self._problem = ""
        self._said: date | None = None  # the date ``dateChanged`` last said
        self._range: tuple[date | None, date | None] = (None, None)
        self._popup: _CalendarPopup | None = None  # built when first opened (not at start-up)
        self.setMaxLength(MAX_TEXT)
        self.setPlaceholderText("yyyy-mm-dd")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.calendar_action = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setObjectName("settleCalendarButton")
        self.calendar_action.setToolTip("Pick the date from a calendar (F4 or Alt+Down)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textChanged.connect(self._changed)
        self.editingFinished.connect(self._tidy)

    # -- the date the text spells ----------------------------------------------------------
    def value(self) -> date | None:
        """The date the text spells, None while it spells none (see ``problem``)."""
        self._read()
        return self._date

    def problem(self) -> str:
        """Why the text is no date: the day that does not exist ("there is no day 0"), or ""
        (empty, or no date spelling at all; also "" when the text is a date)."""
        self._read()
        return self._problem

    def set_value(self, d: date | None) -> None:
        self.setText(d.isoformat() if d is not None else "")

    def _read(self) -> None:
        """Parse the text once per text (also when set while signals were blocked)."""
        text = self.text()
        if text != self._parsed:
            self._parsed = text
            self._date, self._problem = read_date(" ".join(text.split()))

    def _changed(self, _text: str) -> None:
        self._read()
        if self._date != self._said:
            self._said = self._date
            self.dateChanged.emit(_qdate(self._date))

    def _edited(self, d: date) -> None:
        """A date set by a key or the calendar: as if typed."""
        self.set_value(d)
        self.textEdited.emit(self.text())

    def _tidy(self) -> None:
        """On Enter or leaving the field, a date typed ``12/3/2019`` reads ``2019-12-03``."""
        held = self.value()
        if held is not None and self.text() != held.isoformat():
            self.setText(held.isoformat())

    # -- what a QDateEdit offered (tests, the benchmarks, the calendar) ----------------------
    def date(self) -> QDate:
        return _qdate(self.value())

    def setDate(self, day: QDate) -> None:
        self.set_value(_pydate(day))

    def setDateRange(self, low: QDate, high: QDate) -> None:
        """The dates the calendar offers (the note's issue date to the day before maturity)."""
        self._range = (_pydate(low), _pydate(high))
        if self._popup is not None:
            self._apply_range(self._popup.calendar)

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar_popup().calendar

    # -- keys and the calendar ---------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            self.show_calendar()
            event.accept()
            return
        step = _STEPS.get(Qt.Key(key)) if not alt else None
        held = self.value()
        if step is not None and held is not None:
            event.accept()
            with suppress(ValueError, OverflowError):  # past 9999-12-31 or before year 1: stays
                self._edited(add_months(held, step[1]) + timedelta(days=step[0]))
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """Open the calendar under the field at the date typed (or the nearest one offered)."""
        popup = self._calendar_popup()
        low, high = self._range
        shown = self.value() or low or date.today()
        shown = max(shown, low) if low else shown
        shown = min(shown, high) if high else shown
        popup.calendar.setSelectedDate(_qdate(shown))
        popup.adjustSize()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(where.x() + self.width() - popup.width(), screen.right() - popup.width()))
        y = (
            where.y()
            if where.y() + popup.height() <= screen.bottom()
            else where.y() - self.height() - popup.height()
        )
        popup.move(x, y)
        popup.show()
        popup.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._apply_range(self._popup.calendar)
            self._popup.picked.connect(self._picked)
            self._popup.closed.connect(self._calendar_closed)
        return self._popup

    def _apply_range(self, calendar: QCalendarWidget) -> None:
        low, high = self._range
        calendar.setDateRange(_qdate(low or date(1900, 1, 1)), _qdate(high or date(2199, 12, 31)))

    def _picked(self, day: QDate) -> None:
        picked = _pydate(day)
        if picked is not None:
            self._edited(picked)

    def _calendar_closed(self) -> None:
        """The keyboard comes back to the field (picked or not)."""
        self.activateWindow()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
