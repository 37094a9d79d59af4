"""The one date field of the app: type a date the way people write it, or pick it in a calendar.

People type "5-3-2027", "05-03-2027", "5 maart 2027" or "5/3/2027"; the core's ``parse_date``
reads it. Under the field the full date with its weekday confirms what was understood
("vrijdag 5 maart 2027"). What cannot be a date is never replaced by another date: the field
says why in red (once the user leaves the field, or when a form checks it), ``date()`` is None
and forms refuse to save. The red text goes away as soon as the typed date is right.

Keyboard: type, Tab out; Alt+Down or F4 opens the calendar (arrows, Enter picks, Esc closes);
Up and Down go a day later or earlier. A label linked with ``setBuddy`` gives the text box its
accessible name (the widget's focus proxy is the text box).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from budgetkring.dates import parse_date
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date

ERROR_STYLE = "color: #b00020;"  # the red of ui.widgets.error_label (contrast 7.6:1 on white)


def _written(day: date) -> str:
    """A date as the field writes it: day-month-year without leading zeros (5-3-2027)."""
    return f"{day.day}-{day.month}-{day.year}"


class CalendarPopup(QFrame):
    """A calendar under the field; a click or Enter picks the day, Esc closes it."""

    picked = Signal(object)

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName(_("Calendar"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day.toPython())


class DateField(QWidget):
    """A typed date with its weekday shown under it and a calendar button.

    ``date()`` is the date typed (a ``datetime.date``), or None while the text is not a date;
    ``setDate`` takes a ``date`` or ``QDate``; ``dateChanged`` sends the new date or None.
    """

    dateChanged = Signal(object)  # noqa: N815 (the Qt name callers know from QDateEdit)

    def __init__(self, day: date | QDate, parent: QWidget | None = None):
        """Start with ``day`` (a form's default, e.g. the context's today); the calendar opens
        there while nothing right is typed."""
        super().__init__(parent)
        self._date: date | None = None
        self._fallback = _as_date(day)
        self._showing_problem = False
        self._named = False

        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("for example 17-3-2026"))
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("30 september 2026") + 24)
        self.button = QToolButton()
        self.button.setText(_("Calendar"))
        self.button.setToolTip(_("Choose the day in a calendar (Alt+Down)"))
        self.button.setMinimumSize(24, 24)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.popup: CalendarPopup | None = None

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.setFocusProxy(self.edit)

        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._left_field)
        self.edit.installEventFilter(self)
        self.button.clicked.connect(self.open_calendar)
        self.setDate(day)

    # --- the value -------------------------------------------------------------------------

    def date(self) -> date | None:
        """The date in the field, or None when the text is empty or not a date."""
        return self._date

    def setDate(self, day: date | QDate | None) -> None:  # noqa: N802 (Qt name)
        """Put a date in the field (None empties it)."""
        self.edit.setText("" if day is None else _written(_as_date(day)))

    def text(self) -> str:
        """What is typed in the field."""
        return self.edit.text()

    def problem(self) -> str:
        """Why the text is not a date ("" when it is one)."""
        try:
            parse_date(self.edit.text())
        except UserError as err:
            return str(err)
        return ""

    def check(self) -> bool:
        """True when the field holds a date; otherwise show why in red and return False."""
        if self._date is not None:
            return True
        self._show_problem()
        return False

    def checked_date(self) -> date:
        """The date, or a UserError saying why the text is not one (also shown in red)."""
        if not self.check():
            raise UserError(self.problem())
        assert self._date is not None
        return self._date

    # --- reacting to typing ----------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        try:
            value: date | None = parse_date(text)
        except UserError:
            value = None
        if not self.isEnabled():  # switched off (e.g. "start date known" unticked): say nothing
            self._showing_problem = False
            self._set_status("", error=False)
        elif value is not None:
            self._fallback = value
            self._showing_problem = False
            self._set_status(format_date(value, "full"), error=False)
        elif self._showing_problem:
            self._set_status(self.problem(), error=True)  # still wrong: say why, as it is now
        else:
            self._set_status(_("Write a date like 17-3-2026 or 17 March 2026."), error=False)
        if value != self._date:
            self._date = value
            self.dateChanged.emit(value)

    def _left_field(self) -> None:
        if self._date is None and self.isEnabled():
            self._show_problem()

    def _show_problem(self) -> None:
        self._showing_problem = True
        self._set_status(self.problem(), error=True)

    def _set_status(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setObjectName("fieldError" if error else "")
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.edit.setAccessibleDescription(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A switched-off field (e.g. "start date known" unticked) shows no text under it."""
        if event.type() == QEvent.Type.EnabledChange:
            self._text_changed(self.edit.text())
        super().changeEvent(event)

    # --- keyboard and calendar -------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """Alt+Down or F4 opens the calendar; Up and Down step a day when the date is right."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
                self.open_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._date is not None:
                step = 1 if key == Qt.Key.Key_Up else -1
                self.setDate(self._date + timedelta(days=step))
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """Show the calendar under the field, on the typed date (or the last good one)."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        self.popup.calendar.setLocale(QLocale())  # the language may have changed since
        self.popup.calendar.setSelectedDate(QDate(self._date or self._fallback))
        self.popup.adjustSize()
        where = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        size = self.popup.sizeHint()
        x = max(area.left(), min(where.x(), area.right() - size.width()))
        y = where.y()
        if y + size.height() > area.bottom():  # no room below: open above the field
            y = max(area.top(), y - self.edit.height() - size.height())
        self.popup.move(x, y)
        self.popup.show()
        self.popup.calendar.setFocus()

    def _picked(self, day: date) -> None:
        self.setDate(day)
        self.edit.setFocus()

    # --- accessible name -------------------------------------------------------------------

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt name)
        """Name the text box (and the calendar button after it) for screen readers."""
        super().setAccessibleName(name)
        self._named = True
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(_("Calendar for {field}").format(field=name))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Take the accessible name from the label linked to this field, unless given one."""
        if not self._named:
            for label in self.window().findChildren(QLabel):
                if label.buddy() in (self, self.edit) and label.text():
                    name = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                    self.edit.setAccessibleName(name.rstrip(": "))
                    self.button.setAccessibleName(
                        _("Calendar for {field}").format(field=name.rstrip(": "))
                    )
                    break
        super().showEvent(event)


def _as_date(day: date | QDate) -> date:
    return day.toPython() if isinstance(day, QDate) else day


def check_dates(*fields: DateField) -> bool:
    """True when every switched-on field holds a date; else each wrong one says why in red.

    The keyboard focus goes to the first wrong field, so a form can simply refuse to save.
    """
    wrong = [f for f in fields if f.isEnabled() and not f.check()]
    if wrong:
        wrong[0].edit.setFocus()
    return not wrong
