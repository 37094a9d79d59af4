"""A circle's attendance per month over the last year, painted with QPainter (QtCharts is not in
PySide6-Essentials).

Where everything goes comes from ``budgetkring.documents.attendance_chart`` (paper draws from
the same geometry); this widget only measures its text and paints. Nothing depends on colour:
each bar has its percentage above it, a month below the threshold is hatched, the threshold is
a dashed line, and a month without a meeting shows "–".
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from budgetkring.documents.attendance_chart import (
    AttendanceChart,
    Bar,
    MonthAttendance,
    attendance_chart,
)
from budgetkring.i18n import _

INK = "#000000"
SOLID_FILL = "#505050"  # dark enough to stand out from the white hatched bars (> 3:1)
GRID = "#8a8a8a"
TEXT = "#222222"


class AttendanceChartView(QWidget):
    """Bars of attendance per month; ``set_months`` gives it what to show."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._months: list[MonthAttendance] = []
        self.chart: AttendanceChart | None = None  # the geometry last laid out (tests read it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Attendance per month"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: its words are in the page

    def set_months(self, months: list[MonthAttendance]) -> None:
        """Show these months (none: an empty chart)."""
        self._months = list(months)
        self.chart = self._layout() if self._months else None
        self.setAccessibleDescription(self.chart.summary if self.chart else "")
        self.updateGeometry()
        self.update()

    # --- sizes --------------------------------------------------------------------------------

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _label_width(self) -> float:
        """The widest percentage ("100%"): grid labels and the text above a bar."""
        return self._metrics().horizontalAdvance("100%") + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self._metrics().height()
        return QSize(int(self._label_width() * 12 * 1.6), int(line * 12))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Twelve percentages side by side, and the grid labels on the left.
        line = self._metrics().height()
        return QSize(int(self._label_width() * 13 + line), int(line * 9))

    def _layout(self) -> AttendanceChart:
        metrics = self._metrics()
        return attendance_chart(
            self._months, self.width(), self.height(), metrics.height(), self._label_width()
        )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Lay the chart out again for the new size."""
        if self._months:
            self.chart = self._layout()
        super().resizeEvent(event)

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        """Grid, bars, the dashed threshold over them, then the text (on a patch of background,
        so a line never runs through a number)."""
        chart = self.chart
        if chart is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = chart.line_height
        painter.setPen(QPen(QColor(GRID), 1))
        for grid in chart.grid:
            painter.drawLine(QPointF(chart.left, grid.y), QPointF(chart.right, grid.y))
        for bar in chart.bars:
            self._paint_bar(painter, bar)
        painter.setPen(QPen(QColor(INK), 1.5, Qt.PenStyle.DashLine))
        y = chart.threshold.y
        painter.drawLine(QPointF(chart.left, y), QPointF(chart.right, y))
        painter.setPen(QColor(TEXT))
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for grid in chart.grid:
            box = QRectF(0, grid.y - line / 2, chart.left - line * 0.3, line)
            painter.drawText(box, right, grid.label)
        for bar in chart.bars:
            self._paint_texts(painter, bar, line)
        painter.end()

    def _paint_bar(self, painter: QPainter, bar: Bar) -> None:
        if bar.pattern == "none":
            return
        rect = QRectF(bar.x, bar.top, bar.width, bar.height)
        painter.setPen(QPen(QColor(INK), 1))
        if bar.pattern == "solid":
            painter.setBrush(QColor(SOLID_FILL))
            painter.drawRect(rect)
        else:  # hatched: white with black diagonal lines
            painter.setBrush(QColor("#ffffff"))
            painter.drawRect(rect)
            painter.setBrush(QBrush(QColor(INK), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_texts(self, painter: QPainter, bar: Bar, line: float) -> None:
        centre = bar.x + bar.width / 2
        metrics = self._metrics()
        value_width = metrics.horizontalAdvance(bar.value) + 4
        patch = QRectF(centre - value_width / 2, bar.top - line * 1.1, value_width, line)
        painter.fillRect(patch, self.palette().window())
        middle = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        room = max(bar.width, self._label_width())
        painter.drawText(QRectF(centre - room / 2, patch.top(), room, line), middle, bar.value)
        below = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        bottom = bar.top + bar.height
        painter.drawText(
            QRectF(centre - room / 2, bottom + line * 0.15, room, line), below, bar.label
        )
        if bar.year:
            year = QRectF(centre - room, bottom + line * 1.1, room * 2, line)
            painter.drawText(year, below, bar.year)
