"""The funder report on paper (PDF), in the house style: the same tables as the spreadsheets,
with every hidden figure printed as "<5", and a page with attendance per month of all circles
together (the geometry of the screen's chart, ``documents.attendance_chart``), readable without
colour: a percentage above every bar, a hatched bar below the threshold, a dashed threshold
line, "<5" where fewer than 5 people were marked and "–" where no meeting was held."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from budgetkring.documents.attendance_chart import MONTHS, AttendanceChart, Bar, attendance_chart
from budgetkring.documents.pdf import BOLD, FONT, Writer, build
from budgetkring.exchange.dashboard import ATTENDANCE_THRESHOLD, percent
from budgetkring.exchange.funder import (
    FunderReport,
    MonthRow,
    report_notes,
    report_sections,
    report_title,
)
from budgetkring.i18n import _

INK = colors.black
SOLID = colors.Color(0.31, 0.31, 0.31)  # the screen's fill; black text stays readable above it
GRID = colors.Color(0.55, 0.55, 0.55)
HATCH_STEP = 4.0  # points between the lines of a hatched bar


def render_funder(report: FunderReport) -> bytes:
    """The report as a finished PDF in memory."""
    w = Writer()
    title = report_title(report)
    w.title(title)
    for note in report_notes():
        w.text(note, "small")
    for section in report_sections(report):
        if not section.rows:
            w.heading(section.heading, w.block(_("Nothing in this period.")))
            continue
        rows = [[value.text() for value in row] for row in section.rows]
        widths = _widths(w, section.header, rows)
        table = w.table(section.header, rows, widths, centred=range(1, len(widths)))
        w.heading(
            section.heading, [table, w.block(section.note, "small")] if section.note else table
        )
    if report.months:
        _attendance_page(w, report.months)
    return build(w, title, footer=f"Budgetkring — {title}")


def _attendance_page(w: Writer, months: list[MonthRow]) -> None:
    """A new page: attendance per month, a chart per twelve months, and how to read it."""
    w.new_page()
    size = w.sizes.body
    parts = [
        chart_drawing(
            attendance_chart(
                months[start : start + MONTHS],
                w.width,
                size * 16,
                size * 1.3,
                stringWidth("100%", FONT, size) + 2,
            ),
            size,
        )
        for start in range(0, len(months), MONTHS)
    ]
    note = _(
        "All circles together. Each bar is a month, with the share of marks that were "
        "present. A hatched bar is below {threshold}; the dashed line is at {threshold}. "
        "– means: no meeting. <5 means: fewer than 5 people were marked that month, so no "
        "share is shown."
    ).format(threshold=percent(ATTENDANCE_THRESHOLD))
    w.heading(_("Attendance per month"), [*parts, w.block(note, "small")])


def chart_drawing(chart: AttendanceChart, font_size: float) -> Drawing:
    """The chart as reportlab vector graphics, every label real text (y turned round: the
    geometry's grows downward, a PDF's upward)."""
    height = chart.height
    drawing = Drawing(chart.width, height)
    drawing.initialFontName = FONT  # not reportlab's Helvetica, which is not embedded
    for grid in chart.grid:
        y = height - grid.y
        drawing.add(Line(chart.left, y, chart.right, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(
            String(
                chart.left - font_size * 0.4,
                y - font_size / 3,
                grid.label,
                fontSize=font_size,
                textAnchor="end",
            )
        )
    for bar in chart.bars:
        _draw_bar(drawing, bar, height)
    y = height - chart.threshold.y
    drawing.add(
        Line(
            chart.left, y, chart.right, y, strokeColor=INK, strokeWidth=1.2, strokeDashArray=[4, 3]
        )
    )
    for bar in chart.bars:
        centre = bar.x + bar.width / 2
        top = height - bar.top
        value_width = stringWidth(bar.value, FONT, font_size) + 2
        drawing.add(  # a patch of paper, so the dashed line never runs through a number
            Rect(
                centre - value_width / 2,
                top + font_size * 0.15,
                value_width,
                font_size,
                fillColor=colors.white,
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                centre, top + font_size * 0.35, bar.value, fontSize=font_size, textAnchor="middle"
            )
        )
        bottom = height - (bar.top + bar.height)
        drawing.add(
            String(
                centre, bottom - font_size * 1.1, bar.label, fontSize=font_size, textAnchor="middle"
            )
        )
        if bar.year:
            drawing.add(
                String(
                    centre,
                    bottom - font_size * 2.2,
                    bar.year,
                    fontSize=font_size,
                    textAnchor="middle",
                )
            )
    return drawing


def _draw_bar(drawing: Drawing, bar: Bar, height: float) -> None:
    """A solid bar is filled dark grey; a hatched one is white with black diagonal lines."""
    if bar.pattern == "none" or bar.height <= 0:
        return
    x, y, width, tall = bar.x, height - bar.top - bar.height, bar.width, bar.height
    fill = SOLID if bar.pattern == "solid" else colors.white
    drawing.add(Rect(x, y, width, tall, fillColor=fill, strokeColor=INK, strokeWidth=0.7))
    if bar.pattern != "hatched":
        return
    offset = -tall
    while offset < width:  # a line "/" from (x + offset + u, y + u), kept inside the bar
        low, high = max(0.0, -offset), min(tall, width - offset)
        if low < high:
            drawing.add(
                Line(
                    x + offset + low,
                    y + low,
                    x + offset + high,
                    y + high,
                    strokeColor=INK,
                    strokeWidth=0.6,
                )
            )
        offset += HATCH_STEP


def _widths(w: Writer, header: list[str], rows: list[list[str]]) -> list[float]:
    """Each figure column as wide as its header word ("Bijeenkomsten") or its widest figure
    needs (a tenth of the page at least), so no word breaks; the first column gets the rest."""
    size = w.sizes.body
    needs = [
        max(
            w.width * 0.1,
            stringWidth(name, BOLD, size),
            *(stringWidth(row[column], FONT, size) for row in rows),
        )
        + 14  # reportlab's cell padding and a little air
        for column, name in enumerate(header)
        if column
    ]
    return [max(w.width * 0.3, w.width - sum(needs)), *needs]
