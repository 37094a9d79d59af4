"""The spider (radar) chart of a participant's self-assessments, painted with QPainter, and the
view that puts the change in words beside it.

Where everything goes comes from ``budgetkring.participants.radar.radar_geometry`` (the printed
report draws from the same geometry); this widget only measures its labels and paints. The
moments are told apart without colour: each has its own dash pattern and marker, and a legend
under the chart shows both.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from budgetkring.domains import domain_label
from budgetkring.i18n import _, format_date
from budgetkring.participants.assessments import MOMENTS, Progress, moment_label
from budgetkring.participants.instruments import Instrument
from budgetkring.participants.radar import Point, Radar, Series, change_in_words, radar_geometry

# Colour only helps; dash and marker carry the difference (Okabe-Ito, safe for colour-blind eyes).
SERIES_COLOURS = {"start": "#0072B2", "mid": "#D55E00", "end": "#000000"}
OTHER_COLOUR = "#555555"
GRID_COLOUR = "#c8c8c8"
PEN_WIDTH = 2.0
LABEL_LINES = 3  # a long domain name wraps onto at most this many lines


class RadarView(QWidget):
    """Scores per life domain at up to three moments; ``set_chart`` gives it what to show."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._domains: list[str] = []
        self._labels: dict[str, str] = {}
        self._scale = (1, 5)
        self._series: list[tuple[str, dict[str, int]]] = []
        self._legend: dict[str, str] = {}
        self.radar: Radar | None = None  # the geometry last painted (tests read it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Chart of the self-assessments"))

    def set_chart(
        self,
        domains: list[str],
        labels: dict[str, str],
        scale: tuple[int, int],
        series: list[tuple[str, dict[str, int]]],
        legend: dict[str, str] | None = None,
    ) -> None:
        """Show these series (name, scores per domain); ``labels`` names the axes (the domain's
        name when missing), ``legend`` names each series."""
        self._domains = list(domains)
        self._labels = {d: labels.get(d) or domain_label(d) for d in domains}
        self._scale = scale
        self._series = list(series)
        self._legend = dict(legend or {})
        self.radar = self._geometry() if self._domains else None
        self.updateGeometry()
        self.update()

    def series_names(self) -> list[str]:
        """The names of the series drawn, in order."""
        return [s.name for s in self.radar.series] if self.radar else []

    # --- sizes --------------------------------------------------------------------------------

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _label_width(self) -> float:
        """How wide a domain label may be before it wraps: about 12 letters."""
        return self._metrics().averageCharWidth() * 12

    def _label_rect(self, text: str) -> QRectF:
        flags = int(Qt.TextFlag.TextWordWrap)
        return self._metrics().boundingRect(QRectF(0, 0, self._label_width(), 1000), flags, text)

    def _marker_size(self) -> float:
        """Markers grow with the text, so they stay visible at 200%."""
        return max(4.5, self._metrics().height() * 0.28)

    def _legend_height(self) -> float:
        return self._metrics().height() * 1.5 * len(self._series)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self._metrics().height()
        side = line * 18
        return QSize(int(side + 2 * self._label_width()), int(side + self._legend_height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self._metrics().height()
        return QSize(int(line * 10 + 2 * self._label_width()), int(line * 12))

    def _geometry(self) -> Radar:
        """The chart for the widget's present size; labels sit outside the square left/right."""
        line = self._metrics().height()
        widest = max((self._label_rect(self._labels[d]).width() for d in self._domains), default=0)
        # A label above the chart needs room for LABEL_LINES lines; 0.7 of the margin is beside it.
        margin = max(line * LABEL_LINES / 1.4, 24.0)
        spare_w = self.width() - 2 * max(0.0, widest - 0.7 * margin) - 8
        spare_h = self.height() - self._legend_height() - 4
        size = max(2 * margin + 20, min(spare_w, spare_h))
        low, high = self._scale
        return radar_geometry(
            self._domains, self._labels, low, high, self._series, size=size, margin=margin
        )

    # --- painting -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Fit the chart to the new size."""
        if self._domains:
            self.radar = self._geometry()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        """Rings, spokes, labels, one line per moment, and the legend."""
        if self.radar is None:
            return
        radar = self.radar
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.save()
        painter.translate((self.width() - radar.size) / 2, 0)
        self._paint_grid(painter, radar)
        for series in radar.series:
            self._paint_series(painter, series)
        painter.restore()
        self._paint_legend(painter, radar.size)
        painter.end()

    def _paint_grid(self, painter: QPainter, radar: Radar) -> None:
        painter.setPen(QPen(QColor(GRID_COLOUR), 1))
        for ring in radar.rings:
            painter.drawPolygon(QPolygonF([_qt(p) for p in ring]))
        for axis in radar.axes:
            painter.drawLine(_qt(radar.center), _qt(axis.end))
        painter.setPen(QColor("#666666"))
        line = self._metrics().height()
        for value, ring in zip(radar.ring_values, radar.rings, strict=True):
            top = ring[0]  # the first axis points straight up: number its rings there
            painter.drawText(QRectF(top.x + 3, top.y, line * 2, line), str(value))
        painter.setPen(QColor("#222222"))
        for axis in radar.axes:
            box = self._label_rect(axis.label)
            width, height = box.width() + 2, box.height()
            x = axis.label_at.x
            if axis.anchor == "middle":
                x -= width / 2
                align = Qt.AlignmentFlag.AlignHCenter
            elif axis.anchor == "end":
                x -= width
                align = Qt.AlignmentFlag.AlignRight
            else:
                align = Qt.AlignmentFlag.AlignLeft
            rect = QRectF(x, axis.label_at.y - height / 2, width, height)
            painter.drawText(rect, int(align | Qt.TextFlag.TextWordWrap), axis.label)

    def _pen(self, series: Series) -> QPen:
        pen = QPen(QColor(SERIES_COLOURS.get(series.name, OTHER_COLOUR)), PEN_WIDTH)
        if series.dash:
            pen.setDashPattern([d / PEN_WIDTH for d in series.dash])  # Qt counts in pen widths
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def _paint_series(self, painter: QPainter, series: Series) -> None:
        pen = self._pen(series)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        points = series.points
        path = QPainterPath()
        pen_down = False
        # Round the chart back to the first point; a missing score lifts the pen.
        for point in [*points, points[0]] if len(points) > 1 else points:
            if point is None:
                pen_down = False
            elif pen_down:
                path.lineTo(_qt(point))
            else:
                path.moveTo(_qt(point))
                pen_down = True
        painter.drawPath(path)
        for point in points:
            if point is not None:
                _marker(painter, series.marker, _qt(point), pen.color(), self._marker_size())

    def _paint_legend(self, painter: QPainter, chart_size: float) -> None:
        line = self._metrics().height()
        x = max(4.0, (self.width() - chart_size) / 2)
        y = chart_size + line * 0.5
        for series in self.radar.series if self.radar else []:
            middle = y + line / 2
            pen = self._pen(series)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, middle), QPointF(x + line * 3, middle))
            at = QPointF(x + line * 1.5, middle)
            _marker(painter, series.marker, at, pen.color(), self._marker_size())
            painter.setPen(QColor("#222222"))
            text = self._legend.get(series.name, series.name)
            painter.drawText(QRectF(x + line * 3.6, y, self.width(), line), text)
            y += line * 1.5


class ProgressView(QWidget):
    """A participant's chart with, beside it, the change per domain in words (which a screen
    reader reads too)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.radar = RadarView()
        self.change_title = QLabel()
        font = self.change_title.font()
        font.setBold(True)
        self.change_title.setFont(font)
        self.change_text = QLabel()
        self.change_text.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.change_title)
        side.addWidget(self.change_text)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.radar, 3)
        row.addLayout(side, 2)

    def show_progress(self, found: Progress, instrument: Instrument) -> None:
        """Draw the moments measured and say what changed from the start to the latest one."""
        domains = instrument.domains()
        labels = {d: domain_label(d) for d in domains}
        legend = {
            m: _("{moment} ({date})").format(
                moment=moment_label(m), date=format_date(found.dates[m], "d MMM yyyy")
            )
            for m in found.moments
            if m in found.dates
        }
        scale = (instrument.scale.minimum, instrument.scale.maximum)
        self.radar.set_chart(domains, labels, scale, list(found.moments.items()), legend)
        latest = next((m for m in reversed(MOMENTS) if m in found.moments), None)
        if latest is None:
            self.change_title.setText(_("No self-assessment yet"))
            self.change_text.setText(_("Enter one on the tab 'Self-assessment'."))
        elif latest == "start" or "start" not in found.moments:
            self.change_title.setText(_("No change to show yet"))
            self.change_text.setText(
                _("The change shows when there is a self-assessment at the start and a later one.")
            )
        else:
            self.change_title.setText(
                _("From the start to {moment}").format(moment=moment_label(latest))
            )
            lines = change_in_words(domains, labels, found.moments["start"], found.moments[latest])
            self.change_text.setText("\n".join(f"• {line}" for line in lines))
        self.radar.setAccessibleDescription(self.change_text.text())


def _qt(point: Point) -> QPointF:
    return QPointF(point.x, point.y)


def _marker(painter: QPainter, shape: str, at: QPointF, colour: QColor, r: float) -> None:
    """A filled marker of radius ``r``, so it shows on top of the dashed line."""
    painter.save()
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(colour)
    x, y = at.x(), at.y()
    if shape == "circle":
        painter.drawEllipse(at, r, r)
    elif shape == "square":
        painter.drawRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif shape == "triangle":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r * 1.15),
                    QPointF(x + r, y + r * 0.75),
                    QPointF(x - r, y + r * 0.75),
                ]
            )
        )
    elif shape == "diamond":
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
        )
    else:  # "cross", drawn as lines
        path = QPainterPath()
        path.moveTo(x - r, y - r)
        path.lineTo(x + r, y + r)
        path.moveTo(x - r, y + r)
        path.lineTo(x + r, y - r)
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
    painter.restore()
