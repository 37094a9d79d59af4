"""A year at a glance: twelve small month calendars with a circle's meetings, and a legend.

Every day shows its day of the month, as on any calendar. A meeting day is filled with the colour
of its life domain and its number is bold; a cancelled meeting is hatched and marked "×", an extra
one marked "+", so colour is never the only signal. The meeting number and theme are in the
tooltip (and the accessible description), not in the cell: a reader expects the day there. The
legend lists only the life domains that occur in the year shown (fewer colours to match up),
followed by the symbols. The widget paints itself: 12 months and ~60 meetings are a
few hundred rectangles, cheap to draw on any laptop.

Keyboard: Tab into the calendar, arrow keys (or Home/End) go from meeting to meeting, Enter or
Space opens the meeting; a tooltip shows what the meeting is about.
"""

from __future__ import annotations

import calendar
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from budgetkring.dates import today as real_today
from budgetkring.domains import DOMAINS, domain_label
from budgetkring.i18n import _, current_locale, format_date
from budgetkring.planning.sessions import Session, status_label
from ui.domain_colors import NEUTRAL_COLOR, domain_color, session_color

CANCELLED, EXTRA = "×", "+"
_MARGIN, _GAP = 10, 14
_TEXT, _MUTED, _FOCUS = QColor("#1a1a1a"), QColor("#6b6b6b"), QColor("#1a56b0")


def _add_months(first: date, n: int) -> date:
    months = first.year * 12 + first.month - 1 + n
    return date(months // 12, months % 12 + 1, 1)


def _weekday_names() -> tuple[int, list[str]]:
    """The locale's first day of the week (0 = Monday) and short day names from that day."""
    from babel import Locale
    from babel.dates import get_day_names

    locale = current_locale()
    first = Locale.parse(locale).first_week_day
    names = get_day_names("short", locale=locale)
    return first, [names[(first + i) % 7] for i in range(7)]


@dataclass
class _Layout:
    """Where everything goes at the current size; rebuilt on resize and on new data."""

    size: QSize
    cell: QSize
    months: list[tuple[date, QRect]] = field(default_factory=list)  # first day, month box
    cells: dict[date, QRect] = field(default_factory=dict)
    legend: list[tuple[str, str, QRect]] = field(default_factory=list)  # key, label, swatch


class YearView(QWidget):
    """Twelve month calendars from ``first_month`` with the meetings coloured by life domain."""

    session_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None, today: Callable[[], date] = real_today):
        super().__init__(parent)
        self._today = today
        self._first = today().replace(day=1)
        self._by_day: dict[date, list[Session]] = {}
        self._current: date | None = None
        self._layout: _Layout | None = None
        self._week_start, self._day_names = _weekday_names()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(_("Year calendar of the meetings"))

    # --- data ------------------------------------------------------------------------------

    def set_sessions(self, sessions: list[Session], first_month: date) -> None:
        """Show 12 months from ``first_month``'s month with these meetings (others are left out)."""
        self._first = first_month.replace(day=1)
        last = _add_months(self._first, 12)
        self._by_day = {}
        for s in sorted(sessions, key=lambda s: (s.date, s.start, s.id)):
            if self._first <= s.date < last:
                self._by_day.setdefault(s.date, []).append(s)
        if self._current not in self._by_day:
            self._current = None
        self._week_start, self._day_names = _weekday_names()  # the language may have changed
        self._layout = None
        self.update()

    def months(self) -> list[date]:
        """The first day of each month shown, in order."""
        return [_add_months(self._first, i) for i in range(12)]

    def meeting_days(self) -> list[date]:
        """The days with a meeting, in date order."""
        return sorted(self._by_day)

    def meeting_on(self, day: date) -> Session | None:
        """The meeting shown on ``day``: one that goes ahead before a cancelled one; else None."""
        sessions = self._by_day.get(day, [])
        going_ahead = [s for s in sessions if s.status != "cancelled"]
        return (going_ahead or sessions or [None])[0]

    def cell_text(self, day: date) -> str:
        """A day's text: the day of the month, meeting or not; "" when the day is not shown."""
        return str(day.day) if self._shown(day) else ""

    def cell_mark(self, day: date) -> str:
        """The small mark in a meeting day's corner: "×" cancelled, "+" extra, else ""."""
        session = self.meeting_on(day) if self._shown(day) else None
        if session is None:
            return ""
        if session.status == "cancelled":
            return CANCELLED
        return EXTRA if session.extra else ""

    def tooltip_text(self, day: date) -> str:
        """Date, number, theme, status, life domains and leads of the meetings on ``day``."""
        blocks = []
        for s in self._by_day.get(day, []):
            lines = [
                f"{format_date(s.date, 'full')}, {s.start:%H:%M}–{s.end:%H:%M}",
                self._title(s),
                _("Status: {status}").format(status=status_label(s.status)),
            ]
            if s.domains:
                labels = ", ".join(domain_label(d) for d in s.domains)
                lines.append(_("Life domains: {domains}").format(domains=labels))
            if s.facilitators and s.status != "cancelled":
                lines.append(_("Led by: {names}").format(names=", ".join(s.facilitators)))
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    @staticmethod
    def _title(s: Session) -> str:
        """E.g. "Meeting 5: Fixed costs"; an extra meeting without a theme says just that."""
        head = _("Meeting {n}").format(n=s.number) if s.number is not None else _("Meeting")
        head = _("Extra meeting") if s.extra else head
        return f"{head}: {s.theme}" if s.theme and s.theme != _("Extra meeting") else head

    def legend_items(self) -> list[tuple[str, str]]:
        """The legend as (key, label): life domains that occur, then the symbols and today."""
        codes: set[str] = {d for ss in self._by_day.values() for s in ss for d in s.domains[:1]}
        ordered = [c for c in DOMAINS if c in codes] + sorted(codes - set(DOMAINS))
        items = [(c, domain_label(c)) for c in ordered]
        items += [
            ("meeting", _("meeting (point at the day to see its number and theme)")),
            ("cancelled", status_label("cancelled")),
            ("extra", _("extra meeting")),
            ("today", _("today")),
        ]
        return items

    def current_day(self) -> date | None:
        """The meeting day that has the keyboard focus."""
        return self._current

    # --- geometry --------------------------------------------------------------------------

    def _shown(self, day: date) -> bool:
        return self._first <= day < _add_months(self._first, 12)

    def day_rect(self, day: date) -> QRect:
        """Where a day's cell is drawn; an empty QRect for a day not shown."""
        return QRect(self._geometry().cells.get(day, QRect()))

    def day_at(self, pos: QPoint) -> date | None:
        """The day whose cell is under ``pos``, if any."""
        for day, rect in self._geometry().cells.items():
            if rect.contains(pos):
                return day
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """Room for four months across with comfortable cells."""
        return QSize(1000, 700)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """Below this the numbers get too small to read."""
        return QSize(560, 420)

    def _fonts(self, cell: QSize) -> tuple[QFont, QFont, QFont]:
        """Day, heading and legend fonts, scaled with the cells but never tiny."""
        day, heading, legend = QFont(self.font()), QFont(self.font()), QFont(self.font())
        day.setPixelSize(max(11, min(18, int(cell.height() * 0.55))))
        heading.setPixelSize(max(12, min(20, int(cell.height() * 0.62))))
        heading.setBold(True)
        legend.setPixelSize(max(12, min(16, int(cell.height() * 0.55))))
        return day, heading, legend

    def _geometry(self) -> _Layout:
        if self._layout is None or self._layout.size != self.size():
            self._layout = self._compute_layout()
        return self._layout

    def _compute_layout(self) -> _Layout:
        width, height = self.width() - 2 * _MARGIN, self.height() - 2 * _MARGIN
        # First guess the cell height to size the legend font, then fit the months around it.
        guess = QSize(width // 28, height // 28)
        legend, legend_h = self._legend_layout(width, self._fonts(guess)[2])
        grid_h = height - legend_h - _GAP
        best = None
        for cols in (4, 3, 6, 2):
            rows = 12 // cols
            month_w = (width - (cols - 1) * _GAP) / cols
            month_h = (grid_h - (rows - 1) * _GAP) / rows
            cell_w, cell_h = month_w / 7, month_h / 8.4  # heading (1.4) + weekdays + 6 weeks
            score = min(cell_w / 1.3, cell_h)  # cells a little wider than tall read best
            if best is None or score > best[0]:
                best = (score, cols, rows, month_w, month_h, cell_w, cell_h)
        _score, cols, rows, month_w, month_h, cell_w, cell_h = best
        cell_w = min(cell_w, cell_h * 2.2)  # very wide windows: keep days close together
        layout = _Layout(self.size(), QSize(int(cell_w), int(cell_h)))
        for i, first in enumerate(self.months()):
            x = _MARGIN + (i % cols) * (month_w + _GAP)
            y = _MARGIN + (i // cols) * (month_h + _GAP)
            box = QRect(int(x), int(y), int(month_w), int(month_h))
            layout.months.append((first, box))
            left = x + (month_w - 7 * cell_w) / 2
            top = y + 2.4 * cell_h
            offset = (first.weekday() - self._week_start) % 7
            for d in range(calendar.monthrange(first.year, first.month)[1]):
                row, col = divmod(offset + d, 7)
                corner = QPoint(int(left + col * cell_w), int(top + row * cell_h))
                layout.cells[first.replace(day=d + 1)] = QRect(corner, layout.cell)
        top = self.height() - _MARGIN - legend_h
        layout.legend = [(k, label, r.translated(0, top)) for k, label, r in legend]
        return layout

    def _legend_layout(self, width: int, font: QFont) -> tuple[list, int]:
        """Swatch rectangles (relative to the legend's top) flowed over lines, and the height."""
        metrics = QFontMetrics(font)
        line_h, swatch = metrics.height() + 10, metrics.height() + 4
        placed, x, y = [], _MARGIN, 0
        for key, label in self.legend_items():
            item_w = swatch + 6 + metrics.horizontalAdvance(label)
            symbols_start = key == "meeting" and x > _MARGIN  # symbols on a line of their own
            if symbols_start or (x > _MARGIN and x + item_w > _MARGIN + width):
                x, y = _MARGIN, y + line_h
            placed.append((key, label, QRect(x, y + 3, swatch, swatch)))
            x += item_w + 18
        return placed, y + line_h

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Draw the months, the meeting days and the legend."""
        layout = self._geometry()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        day_font, heading_font, legend_font = self._fonts(layout.cell)
        today = self._today()
        for first, box in layout.months:
            self._paint_month_frame(painter, first, box, layout.cell, heading_font, day_font)
        painter.setFont(day_font)
        for day, rect in layout.cells.items():
            self._paint_day(painter, day, rect, day == today)
        self._paint_legend(painter, layout, legend_font)
        painter.end()

    def _paint_month_frame(self, painter, first, box, cell, heading_font, day_font) -> None:
        painter.setPen(QPen(QColor("#d0d0d0"), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 6, 6)
        heading = format_date(first, "LLLL yyyy")
        heading = heading[:1].upper() + heading[1:]
        painter.setFont(heading_font)
        painter.setPen(_TEXT)
        painter.drawText(
            QRect(box.left(), box.top(), box.width(), int(cell.height() * 1.4)),
            Qt.AlignmentFlag.AlignCenter,
            heading,
        )
        painter.setFont(day_font)
        painter.setPen(_MUTED)
        left = box.left() + (box.width() - 7 * cell.width()) // 2
        top = box.top() + int(1.4 * cell.height())
        for i, name in enumerate(self._day_names):
            rect = QRect(QPoint(left + i * cell.width(), top), cell)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)

    def _paint_day(self, painter: QPainter, day: date, rect: QRect, is_today: bool) -> None:
        session = self.meeting_on(day)
        inner = rect.adjusted(2, 2, -2, -2)
        if session is not None:
            self._paint_swatch(
                painter, inner, session_color(session), session.status == "cancelled"
            )
        font = QFont(painter.font())
        font.setBold(session is not None)
        painter.save()
        painter.setFont(font)
        painter.setPen(_TEXT if session is not None else _MUTED)
        mark = self.cell_mark(day)
        mark_font = QFont(font)
        mark_font.setPixelSize(max(10, int(font.pixelSize() * 0.85)))
        room = QFontMetrics(mark_font).horizontalAdvance(mark) if mark else 0
        number = inner.adjusted(0, 0, -room, 0)  # the mark sits next to the day, never over it
        painter.drawText(number, Qt.AlignmentFlag.AlignCenter, self.cell_text(day))
        if mark:  # top right, like a footnote mark after the day
            painter.setFont(mark_font)
            corner = inner.adjusted(0, -1, -1, 0)
            painter.drawText(corner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, mark)
        painter.restore()
        if is_today:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(_TEXT, 2))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        if day == self._current and self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(_FOCUS, 3))  # just outside the cell: today's outline stays seen
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 6, 6)

    @staticmethod
    def _paint_swatch(painter: QPainter, rect: QRect, color: QColor, cancelled: bool) -> None:
        """A filled cell; a cancelled one is pale with diagonal hatching in its colour."""
        painter.setPen(
            QPen(color.darker(150), 1, Qt.PenStyle.DashLine if cancelled else Qt.PenStyle.SolidLine)
        )
        painter.setBrush(QColor("#f7f7f7") if cancelled else color)
        painter.drawRoundedRect(rect, 4, 4)
        if cancelled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color.darker(115), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(rect, 4, 4)

    def _paint_legend(self, painter, layout: _Layout, font: QFont) -> None:
        neutral = QColor(NEUTRAL_COLOR)
        symbols = {"meeting": "", "cancelled": CANCELLED, "extra": EXTRA}
        for key, label, swatch in layout.legend:
            if key == "today":
                painter.setBrush(QColor("#ffffff"))
                painter.setPen(QPen(_TEXT, 2))
                painter.drawRoundedRect(swatch.adjusted(1, 1, -1, -1), 4, 4)
            else:
                color = neutral if key in symbols else domain_color(key)
                self._paint_swatch(painter, swatch, color, key == "cancelled")
            if key in symbols:
                bold = QFont(font)
                bold.setBold(True)
                bold.setPixelSize(int(font.pixelSize() * 1.3))
                painter.setFont(bold)
                painter.setPen(_TEXT)
                painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, symbols[key])
            painter.setFont(font)
            painter.setPen(_TEXT)
            text_rect = QRect(swatch.right() + 7, swatch.top() - 3, 1000, swatch.height() + 6)
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )

    # --- interaction -----------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Show a meeting's details as a tooltip when the mouse rests on its day."""
        if event.type() == QEvent.Type.ToolTip:
            day = self.day_at(event.pos())
            if day is not None and day in self._by_day:
                QToolTip.showText(
                    event.globalPos(), self._tooltip_html(day), self, self.day_rect(day)
                )
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_html(self, day: date) -> str:
        text = html.escape(self.tooltip_text(day)).replace("\n", "<br>")
        return f"<p style='white-space:pre-wrap'>{text}</p>"

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A hand cursor over meeting days, so it is clear they can be clicked."""
        day = self.day_at(event.position().toPoint())
        if day is not None and day in self._by_day:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A click on a meeting day opens that meeting."""
        day = self.day_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and day in self._by_day:
            self._current = day
            self.update()
            self.session_activated.emit(self.meeting_on(day).id)
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """On entering, put the focus on the next meeting from today (or the first one)."""
        if self._current is None and self._by_day:
            days = self.meeting_days()
            upcoming = [d for d in days if d >= self._today()]
            self._set_current(upcoming[0] if upcoming else days[0], show_tip=False)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Hide the focus ring."""
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Arrow keys, Home and End go between meeting days; Enter or Space opens one."""
        days = self.meeting_days()
        key = event.key()
        if not days:
            super().keyPressEvent(event)
            return
        index = days.index(self._current) if self._current in days else -1
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._set_current(days[min(index + 1, len(days) - 1)])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._set_current(days[max(index - 1, 0)])
        elif key == Qt.Key.Key_Home:
            self._set_current(days[0])
        elif key == Qt.Key.Key_End:
            self._set_current(days[-1])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and index >= 0:
            self.session_activated.emit(self.meeting_on(days[index]).id)
        else:
            super().keyPressEvent(event)

    def _set_current(self, day: date, show_tip: bool = True) -> None:
        """Move the keyboard focus to a meeting day and tell screen readers what it is."""
        self._current = day
        self.setAccessibleDescription(self.tooltip_text(day))
        if show_tip and self.isVisible():
            rect = self.day_rect(day)
            QToolTip.showText(self.mapToGlobal(rect.bottomLeft()), self._tooltip_html(day), self)
        self.update()
