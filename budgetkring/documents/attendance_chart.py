"""Attendance per month of one circle over the last year, as plain geometry: the screen (Qt's
painter, ``ui/attendance_chart.py``) and paper (reportlab) draw the same picture from it.

One circle per chart, one bar per month: with 300 circles, a line per circle would be a tangle
nobody can read, so the dashboard shows the chart of the circle chosen in its table. The chart
reads without colour (colour-blind readers, black-and-white printers): every bar has its
percentage written above it, a month below the threshold is hatched instead of filled, a dashed
line marks the threshold, and a month without a meeting says so ("–") instead of showing an
empty place. ``summary`` says the same in words, for a screen reader. The funder report draws
the chart of all circles together (``documents.funder``): there a month with fewer than 5
people marked has no bar, and "<5" above its place.

Coordinates are screen coordinates in a ``width`` x ``height`` box: the origin is the top left
and y grows downward (a PDF draws every point at ``height - y``, as with ``participants.radar``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from budgetkring.exchange.dashboard import ATTENDANCE_THRESHOLD, percent, whole_percent
from budgetkring.exchange.suppression import SHOWN
from budgetkring.i18n import _, format_date
from budgetkring.store import Store
from budgetkring.store import dashboard as sql

MONTHS = 12
NO_MEETING = "–"  # the value shown for a month without a held meeting
PATTERNS = ("solid", "hatched", "none")  # every pattern a bar can have; drawers know each


@dataclass(frozen=True)
class MonthAttendance:
    """A circle's attendance in one month: held meetings with marks, marks, present marks."""

    month: date  # the first day of the month
    meetings: int = 0
    marks: int = 0
    present: int = 0

    @property
    def rate(self) -> float | None:
        """The share of present marks; None without marks."""
        return self.present / self.marks if self.marks else None

    @property
    def hidden(self) -> bool:
        """Never: one circle's chart is for the coordinator's eyes, not for publishing."""
        return False


class Month(Protocol):
    """What a bar is drawn from: a circle's ``MonthAttendance``, or a month of the funder
    report (all circles together), whose share is hidden when too few people were marked."""

    @property
    def month(self) -> date: ...  # the first day of the month

    @property
    def rate(self) -> float | None: ...  # None: no bar

    @property
    def hidden(self) -> bool: ...  # no bar because of small numbers: "<5", not "–"


@dataclass(frozen=True)
class Bar:
    """One month's bar: where it stands, its text, and how it is filled.

    ``pattern`` is "solid" (at or above the threshold), "hatched" (below it) or "none" (no
    meeting held: no bar, only ``value``). ``value`` is written centred on ``x + width / 2``,
    just above ``top``; ``label`` (the month) and ``year`` (under the first month and January
    only, else "") below the axis.
    """

    month: date
    label: str
    year: str
    value: str
    rate: float | None
    x: float
    top: float
    width: float
    height: float
    pattern: str


@dataclass(frozen=True)
class GridLine:
    """A horizontal line across the chart at ``y``, with its label left of the chart."""

    y: float
    label: str


@dataclass
class AttendanceChart:
    """The whole chart: the plot area, the bars, the grid lines and the threshold line."""

    width: float
    height: float
    left: float  # the plot area: bars stand on ``bottom`` and reach up to ``top`` at 100%
    top: float
    right: float
    bottom: float
    line_height: float  # the height of a line of text the chart was laid out for
    bars: list[Bar]
    grid: list[GridLine]  # 0%, 50% and 100%
    threshold: GridLine  # the dashed line
    summary: str  # the chart in words


def year_months(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last ``count`` months, the month of ``today`` last."""
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def monthly_attendance(store: Store, circle_id: int, today: date) -> list[MonthAttendance]:
    """A circle's attendance in each of the last twelve months (meetings held before today)."""
    months = year_months(today)
    found = {
        row["month"]: row
        for row in sql.monthly_attendance(
            store.db, [circle_id], months[0].isoformat(), today.isoformat()
        )
    }
    result = []
    for month in months:
        row = found.get(month.isoformat()[:7])
        result.append(
            MonthAttendance(month, row["meetings"], row["marks"], row["present"])
            if row
            else MonthAttendance(month)
        )
    return result


def month_label(month: date) -> str:
    """The month's short name ("mrt")."""
    return format_date(month, "LLL")


def _value(m: Month) -> str:
    """What stands above a month's bar: its share, "<5" when hidden, "–" without a meeting."""
    if m.rate is not None:
        return percent(m.rate)
    return SHOWN if m.hidden else NO_MEETING


def _summary(months: Sequence[Month]) -> str:
    parts = [
        f"{month_label(m.month)} {m.month.year}: "
        + (_("no meeting") if m.rate is None and not m.hidden else _value(m))
        for m in months
    ]
    return _("Attendance per month: {months}.").format(months=", ".join(parts))


def attendance_chart(
    months: Sequence[Month],
    width: float,
    height: float,
    line_height: float,
    label_width: float,
    threshold: float = ATTENDANCE_THRESHOLD,
) -> AttendanceChart:
    """Lay out the bars of ``months`` in a ``width`` x ``height`` box.

    ``line_height`` is the height of a line of text (room for the percentages above the bars
    and for two lines under them: the month and, where it changes, the year); ``label_width``
    the width of the widest grid label ("100%").
    """
    left = label_width + line_height * 0.5
    top = line_height * 1.3  # a 100% bar still has its percentage above it
    right = width - line_height * 0.3
    bottom = max(top + line_height, height - line_height * 2.3)
    plot = bottom - top

    def y_of(share: float) -> float:
        return bottom - plot * max(0.0, min(1.0, share))

    slot = (right - left) / max(1, len(months))
    bar_width = slot * 0.7
    bars = []
    for index, m in enumerate(months):
        rate = m.rate
        below = rate is not None and whole_percent(rate) < whole_percent(threshold)
        pattern = "none" if rate is None else ("hatched" if below else "solid")
        shown_top = y_of(rate) if rate is not None else bottom
        new_year = index == 0 or m.month.month == 1
        bars.append(
            Bar(
                month=m.month,
                label=month_label(m.month),
                year=str(m.month.year) if new_year else "",
                value=_value(m),
                rate=rate,
                x=left + index * slot + (slot - bar_width) / 2,
                top=shown_top,
                width=bar_width,
                height=bottom - shown_top,
                pattern=pattern,
            )
        )
    grid = [GridLine(y_of(share), percent(share)) for share in (0.0, 0.5, 1.0)]
    return AttendanceChart(
        width,
        height,
        left,
        top,
        right,
        bottom,
        line_height,
        bars,
        grid,
        GridLine(y_of(threshold), percent(threshold)),
        _summary(months),
    )
