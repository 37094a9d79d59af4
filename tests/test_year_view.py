"""The year view: what each day shows, the legend, clicks and keys, and the domain colours."""

from __future__ import annotations

import gc
import sys
from datetime import date, time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from budgetkring.domains import DOMAINS, domain_label
from budgetkring.planning.sessions import Session
from ui.domain_colors import DOMAIN_COLORS, NEUTRAL_COLOR, domain_color, session_color
from ui.year_view import YearView

TODAY = date(2026, 11, 29)


def _session(id_, day, domains, number, status="planned", extra=False, theme="Theme"):
    return Session(
        id=id_,
        circle_id=1,
        circle_name="Kring Zwolle",
        date=day,
        start=time(19, 0),
        end=time(21, 0),
        status=status,
        theme=theme,
        domains=domains,
        number=number,
        extra=extra,
        facilitators=["Anna", "Bert"],
    )


SESSIONS = [
    _session(11, date(2026, 6, 2), ["money"], 1, theme="Income and spending"),
    _session(12, date(2026, 6, 16), ["money", "housing"], 2),
    _session(13, date(2026, 6, 30), ["green"], None, status="cancelled"),
    _session(14, date(2026, 7, 14), [], 3, extra=True, theme="Extra meeting"),
    _session(15, date(2027, 6, 1), ["mental_health"], 4),  # 13th month: not shown
]


@pytest.fixture
def view(qtbot):
    """A shown YearView from June 2026 with SESSIONS, at a comfortable size."""
    widget = YearView(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.set_sessions(SESSIONS, date(2026, 6, 17))
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_cells_show_the_day_and_the_number_is_in_the_tooltip(view):
    """Every day shows its day of the month (meeting 1 on 2 June shows "2", not "1"); cancelled
    and extra meetings carry a "×" or "+" mark; the meeting number is in the tooltip."""
    assert view.cell_text(date(2026, 6, 2)) == "2"
    assert view.cell_text(date(2026, 6, 16)) == "16"
    assert (view.cell_text(date(2026, 6, 30)), view.cell_mark(date(2026, 6, 30))) == ("30", "×")
    assert (view.cell_text(date(2026, 7, 14)), view.cell_mark(date(2026, 7, 14))) == ("14", "+")
    assert view.cell_mark(date(2026, 6, 2)) == view.cell_mark(date(2026, 6, 3)) == ""
    assert view.cell_text(date(2026, 6, 3)) == "3"
    assert view.meeting_on(date(2026, 6, 3)) is None
    assert "Meeting 1" in view.tooltip_text(date(2026, 6, 2))
    assert "Meeting 2" in view.tooltip_text(date(2026, 6, 16))


def test_twelve_months_from_first_month_and_nothing_outside(view):
    """Twelve months from June 2026 are shown; a meeting in June 2027 is not there."""
    assert view.months()[0] == date(2026, 6, 1)
    assert view.months()[-1] == date(2027, 5, 1)
    outside = date(2027, 6, 1)
    assert view.meeting_on(outside) is None
    assert view.cell_text(outside) == ""
    assert view.day_rect(outside).isNull()
    assert view.cell_text(date(2026, 5, 31)) == ""
    assert not view.day_rect(date(2027, 5, 31)).isNull()


def test_legend_has_each_occurring_domain_and_the_symbols(view):
    """The legend names every domain that occurs (translated) and no other, plus the symbols."""
    legend = dict(view.legend_items())
    for code in ("money", "green"):
        assert legend[code] == domain_label(code)
    assert "housing" not in legend  # only a second domain: no cell has its colour
    assert "mental_health" not in legend  # its meeting falls outside the months shown
    assert {"cancelled", "extra", "meeting", "today"} <= set(legend)
    assert "number" in legend["meeting"]  # the legend says where the meeting number is
    assert legend["cancelled"] == "cancelled"


def test_click_on_meeting_day_emits_its_id(view, qtbot):
    """Clicking a meeting day emits session_activated with that meeting's id."""
    rect = view.day_rect(date(2026, 6, 16))
    with qtbot.waitSignal(view.session_activated, timeout=1000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [12]


def test_click_on_plain_day_emits_nothing(view, qtbot):
    """Clicking a day without a meeting does not open anything."""
    rect = view.day_rect(date(2026, 6, 3))
    with qtbot.assertNotEmitted(view.session_activated):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center())


def test_keyboard_moves_between_meetings_and_enter_opens(view, qtbot):
    """Home goes to the first meeting, Right to the next; Enter emits that meeting's id."""
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_day() == date(2026, 6, 16)
    with qtbot.waitSignal(view.session_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [12]


def test_tooltip_tells_date_number_theme_status_and_domains(view):
    """The tooltip of a meeting day spells out what the colour and number stand for."""
    text = view.tooltip_text(date(2026, 6, 2))
    for part in ("2 June 2026", "Meeting 1", "Income and spending", "planned", "money"):
        assert part in text
    assert "cancelled" in view.tooltip_text(date(2026, 6, 30))
    assert "green and nature" in view.tooltip_text(date(2026, 6, 30))


def test_hovering_a_meeting_day_shows_its_tooltip(view):
    """Resting the mouse on a meeting day shows that meeting's theme as a tooltip."""
    pos = view.day_rect(date(2026, 6, 2)).center()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
    try:
        assert "Income and spending" in QToolTip.text()
    finally:
        QToolTip.hideText()


def test_domain_colours_are_distinct_and_readable_with_black_text():
    """Every life domain has its own colour, light enough for black text (contrast >= 7:1)."""
    assert list(DOMAIN_COLORS) == list(DOMAINS)
    names = [domain_color(code).name() for code in DOMAINS]
    assert len(set(names + [NEUTRAL_COLOR.lower()])) == len(DOMAINS) + 1

    def luminance(color):
        channels = [c / 255 for c in (color.red(), color.green(), color.blue())]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for code in DOMAINS:
        assert (luminance(domain_color(code)) + 0.05) / 0.05 >= 7, code


def test_session_colour_is_first_domain_or_grey():
    """A meeting takes its first domain's colour; an extra one without domains is grey."""
    assert session_color(SESSIONS[1]) == domain_color("money")
    assert session_color(SESSIONS[3]).name() == NEUTRAL_COLOR.lower()
    assert domain_color("unknown-domain").name() == NEUTRAL_COLOR.lower()


@pytest.mark.parametrize("size", [(1000, 700), (800, 560)])
def test_painting_keeps_every_cell_inside_and_python_alive(view, size):
    """Every day cell fits in the widget, and repainting does not use up references to None."""
    view.resize(*size)
    gc.collect()  # collection would free references to None and muddle the count
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(5):
            view.grab()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 20
    for first in view.months():
        assert view.rect().contains(view.day_rect(first))
