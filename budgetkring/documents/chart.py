"""The spider chart on paper: the same geometry as the screen (``participants.radar``), drawn
with reportlab's vector graphics. The moments differ by line pattern and marker shape, never
by colour alone, and every label is real text."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from budgetkring.documents.pdf import FONT
from budgetkring.participants.radar import Point, Radar, Series

INK = colors.black
GRID = colors.Color(0.7, 0.7, 0.7)


def _y(radar: Radar, point: Point) -> float:
    """reportlab's y grows upward; the geometry's grows downward."""
    return radar.size - point.y


def _marker(series: Series, point: Point, radar: Radar, r: float) -> list:
    x, y = point.x, _y(radar, point)
    shape = series.marker
    if shape == "circle":
        return [Circle(x, y, r, fillColor=INK, strokeColor=INK)]
    if shape == "square":
        s = r * 0.85
        return [Polygon([x - s, y - s, x + s, y - s, x + s, y + s, x - s, y + s], fillColor=INK)]
    if shape == "triangle":
        return [
            Polygon(
                [x, y + r * 1.15, x + r, y - r * 0.75, x - r, y - r * 0.75],
                fillColor=INK,
                strokeColor=INK,
            )
        ]
    if shape == "diamond":
        return [Polygon([x, y + r, x + r, y, x, y - r, x - r, y], fillColor=INK, strokeColor=INK)]
    return [  # cross
        Line(x - r, y - r, x + r, y + r, strokeColor=INK, strokeWidth=1.5),
        Line(x - r, y + r, x + r, y - r, strokeColor=INK, strokeWidth=1.5),
    ]


def label_width(text: str, font_size: float) -> float:
    """How wide a (possibly two-line) label is on paper."""
    return max(stringWidth(line, FONT, font_size) for line in text.split("\n"))


def radar_drawing(radar: Radar, font_size: float) -> Drawing:
    """A drawing of ``radar`` (its size is the drawing's size, in points)."""
    drawing = Drawing(radar.size, radar.size)
    drawing.initialFontName = FONT  # not reportlab's Helvetica, which is not embedded
    for ring in radar.rings:
        points = [v for p in ring for v in (p.x, _y(radar, p))]
        drawing.add(Polygon(points, strokeColor=GRID, strokeWidth=0.5, fillColor=None))
    for axis in radar.axes:
        drawing.add(
            Line(
                radar.center.x,
                _y(radar, radar.center),
                axis.end.x,
                _y(radar, axis.end),
                strokeColor=GRID,
                strokeWidth=0.7,
            )
        )
        lines = axis.label.split("\n")
        leading = font_size * 1.15
        top = _y(radar, axis.label_at) + (len(lines) - 1) * leading / 2 - font_size / 3
        for n, line in enumerate(lines):  # centred on the label point, line under line
            drawing.add(
                String(
                    axis.label_at.x,
                    top - n * leading,
                    line,
                    fontName=FONT,
                    fontSize=font_size,
                    textAnchor=axis.anchor,
                )
            )
    for series in radar.series:
        _draw_series(drawing, radar, series)
    return drawing


def _draw_series(drawing: Drawing, radar: Radar, series: Series) -> None:
    points = [p for p in series.points if p is not None]
    coords = [v for p in points for v in (p.x, _y(radar, p))]
    dash = list(series.dash) or None
    if len(points) >= 2:
        shape = Polygon if len(points) == len(series.points) else PolyLine
        kwargs = {"fillColor": None} if shape is Polygon else {}
        drawing.add(shape(coords, strokeColor=INK, strokeWidth=1.6, strokeDashArray=dash, **kwargs))
    for point in points:
        for piece in _marker(series, point, radar, 3.2):
            drawing.add(piece)


def legend_drawing(series: Series, width: float, font_size: float) -> Drawing:
    """A short sample of a series' line and marker, to stand before its name in the legend."""
    height = font_size * 1.2
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    y = height / 2
    drawing.add(
        Line(
            0,
            y,
            width,
            y,
            strokeColor=INK,
            strokeWidth=1.6,
            strokeDashArray=list(series.dash) or None,
        )
    )
    fake = Radar(height, Point(0, 0), 0, [], [], [], [])
    for piece in _marker(series, Point(width / 2, height - y), fake, 3.2):
        drawing.add(piece)
    return drawing
