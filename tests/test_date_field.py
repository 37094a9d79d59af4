"""The one date field: typed dates as people write them, the weekday under it, the calendar,
refusal of what is not a date (never another date), and the dialogs that use it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFormLayout, QWidget

from budgetkring.i18n import set_language
from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import list_sessions
from budgetkring.staffing.facilitators import find_facilitator, list_facilitators
from tests.conftest import TODAY
from ui.date_field import DateField, check_dates

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def field(qtbot):
    """A shown DateField on TODAY inside a form with the label "Start date"."""
    window = QWidget()
    form = QFormLayout(window)
    widget = DateField(TODAY)
    form.addRow("&Start date", widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield widget  # (yield, not return: the window must live as long as the test)


def retype(qtbot, field: DateField, text: str) -> None:
    """Click into the field, select all (Ctrl+A), type ``text`` and Tab out, as a user does.

    Only keys and clicks, so the same steps on the old QDateEdit show the bug of the issue.
    """
    box = field.focusProxy() or field
    qtbot.mouseClick(box, CLICK)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def red(field: DateField) -> bool:
    """True when the field shows a problem (red text under it)."""
    return field.status.isVisible() and field.status.objectName() == "fieldError"


@pytest.mark.parametrize(
    "typed",
    ["5-3-2027", "05-03-2027", "5 maart 2027", "5 mrt 2027", "5 Mrt. 2027", "5/3/2027",
     "5.3.2027", "2027-03-05", "5 March 2027", "March 5, 2027", "vrijdag 5 maart 2027"],
)  # fmt: skip
def test_typed_dates_give_that_date(qtbot, field, typed):
    """Every usual way of writing 5 March 2027, typed after select-all, gives 5 March 2027."""
    retype(qtbot, field, typed)
    assert field.date() == date(2027, 3, 5)
    assert field.text() == typed  # what was typed stays: nothing is rewritten behind one's back
    assert not red(field)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("12-1-2027", date(2027, 1, 12)), ("7-12-2026", date(2026, 12, 7)), ("27", None)],
)
def test_the_dates_from_the_issue_are_read_as_typed(qtbot, field, typed, meant):
    """12-1-2027 is 12 January 2027 and 7-12-2026 is 7 December (they became 12-12-2026 and
    1-12-2026); a lone "27" is not a date at all (it became the 21st)."""
    retype(qtbot, field, typed)
    assert field.date() == meant


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("5-13-2027", "does not exist"),
        ("31-2-2027", "does not exist"),
        ("5-3-3202", "too far away"),
        ("morgen", "is not a date"),
        ("5 maart", "has no year"),
        ("maandag 5 maart 2027", "not a Monday"),
        ("", "Fill in a date"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_message(qtbot, field, typed, says):
    """Leaving a field that holds no date shows why in red; date() is None, not another date."""
    with qtbot.waitSignal(field.dateChanged) as changed:
        retype(qtbot, field, typed)
    assert changed.args == [None]
    assert field.date() is None
    assert red(field) and says in field.status.text()
    assert not check_dates(field)
    with pytest.raises(Exception, match=says):
        field.checked_date()


def test_red_message_goes_away_as_soon_as_the_date_is_right(qtbot, field):
    """While the date is wrong the message follows the typing; once right it is gone (bug 9)."""
    retype(qtbot, field, "31-2-2027")
    assert red(field) and "does not exist" in field.status.text()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)  # "31-2-202": still no date, still red
    assert red(field)
    qtbot.keyClicks(field.edit, "6")  # "31-2-2026" does not exist either
    assert red(field) and "31-2-2026" in field.status.text()
    field.edit.setCursorPosition(4)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "3")  # "31-3-2026": right, without leaving the field
    assert field.date() == date(2026, 3, 31)
    assert not red(field) and "31 March 2026" in field.status.text()


def test_half_typed_date_is_not_red_while_typing(qtbot, field):
    """Typing "1", "12-" … shows a hint, not an error, until the user leaves the field."""
    qtbot.mouseClick(field.edit, CLICK)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "12-")
    assert field.date() is None and not red(field)
    assert "17-3-2026" in field.status.text()


def test_weekday_and_full_date_shown_under_the_field(qtbot, field):
    """Under the field the full date with its weekday confirms what was understood, in Dutch."""
    set_language("nl")
    retype(qtbot, field, "15-12-2026")
    assert field.status.text() == "dinsdag 15 december 2026"
    set_language("en")
    retype(qtbot, field, "5 mrt 2027")
    assert field.status.text() == "Friday, 5 March 2027"


def test_calendar_opens_with_alt_down_or_f4_and_enter_picks(qtbot, field):
    """Alt+Down opens the calendar on the field's date; arrows and Enter pick a day; F4 too."""
    qtbot.mouseClick(field.edit, CLICK)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.selectedDate() == QDate(TODAY)
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Right)  # 30 November
    qtbot.keyClick(view, Qt.Key.Key_Down)  # a week later: 7 December
    with qtbot.waitSignal(field.dateChanged) as changed:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert changed.args == [date(2026, 12, 7)]
    assert not popup.isVisible()
    assert field.date() == date(2026, 12, 7) and field.text() == "7-12-2026"

    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert popup.isVisible() and calendar.selectedDate() == QDate(2026, 12, 7)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert not popup.isVisible() and field.date() == date(2026, 12, 7)


def test_calendar_button_and_click_on_a_day(qtbot, field):
    """The Calendar button opens the popup; a clicked day goes into the field."""
    qtbot.mouseClick(field.button, CLICK)
    calendar = field.popup.calendar
    calendar.setSelectedDate(QDate(2027, 1, 12))
    calendar.clicked.emit(calendar.selectedDate())  # what a mouse click on that day sends
    assert field.date() == date(2027, 1, 12) and not field.popup.isVisible()


def test_up_and_down_step_a_day(qtbot, field):
    """Up and Down go a day later or earlier, as the old field's arrow keys did."""
    qtbot.mouseClick(field.edit, CLICK)
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.date() == TODAY + timedelta(days=1)


def test_label_names_the_field_and_moves_focus_to_it(qtbot, field):
    """The linked label gives the text box its accessible name; the label's shortcut focuses it."""
    assert field.edit.accessibleName() == "Start date"
    assert "Start date" in field.button.accessibleName()
    assert field.focusProxy() is field.edit
    field.setFocus()
    assert field.edit.hasFocus()


def test_set_date_takes_qdate_and_date(qtbot):
    """setDate takes a QDate (as callers used to pass) or a date; date() gives a date."""
    widget = DateField(TODAY)
    qtbot.addWidget(widget)
    widget.setDate(QDate(2027, 1, 12))
    assert widget.date() == date(2027, 1, 12)
    widget.setDate(date(2026, 12, 15))
    assert widget.date() == date(2026, 12, 15) and widget.text() == "15-12-2026"


# --- the dialogs that had a QDateEdit ---------------------------------------------------------


def _absences(ctx, name):
    person = find_facilitator(ctx.store, name)
    rows = ctx.store.db["absence"].rows_where("facilitator_id = ?", [person.id])
    return [(r["from_date"], r["to_date"]) for r in rows]


def test_absence_dialog_saves_the_typed_dates(qtbot, demo_ctx):
    """Typing 27-12-2026 and 3 jan 2027 in the absence dialog stores exactly those days."""
    from ui.dialogs.absence_dialog import AbsenceDialog

    details = next(d for d in list_facilitators(demo_ctx.store, TODAY) if d.name == "Kees Bakker")
    dialog = AbsenceDialog(demo_ctx, details)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.first, "27-12-2026")
    retype(qtbot, dialog.last, "3 jan 2027")
    qtbot.mouseClick(dialog.add_button, CLICK)
    assert _absences(demo_ctx, "Kees Bakker") == [("2026-12-27", "2027-01-03")]


def test_absence_dialog_refuses_a_date_that_does_not_exist(qtbot, demo_ctx):
    """31-2-2027 as last day: the field says why, focus goes there and nothing is stored."""
    from ui.dialogs.absence_dialog import AbsenceDialog

    details = next(d for d in list_facilitators(demo_ctx.store, TODAY) if d.name == "Kees Bakker")
    dialog = AbsenceDialog(demo_ctx, details)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.last.edit.setText("31-2-2027")
    qtbot.mouseClick(dialog.add_button, CLICK)
    assert red(dialog.last) and "does not exist" in dialog.last.status.text()
    assert dialog.focusWidget() is dialog.last.edit
    assert _absences(demo_ctx, "Kees Bakker") == []
    assert not dialog.changed


def test_circle_form_saves_typed_start_and_refuses_an_empty_one(qtbot, ctx):
    """The circle's start date "5 maart 2027" is stored as 2027-03-05; emptied, it is refused."""
    from ui.dialogs.circle_dialog import CircleDialog

    dialog = CircleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Zwolle-Zuid")
    qtbot.keyClicks(dialog.municipality, "Zwolle")
    dialog.has_start.setChecked(True)
    retype(qtbot, dialog.start, "")
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert red(dialog.start) and "Fill in a date" in dialog.start.status.text()
    assert ctx.store.db["circle"].count == 0

    qtbot.keyClicks(dialog.start.edit, "5 maart 2027")
    assert not red(dialog.start)  # fixed while typing: the message is gone
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert next(ctx.store.db["circle"].rows)["start_date"] == "2027-03-05"


def test_circle_form_without_start_date_ignores_the_field(qtbot, ctx):
    """With "start date known" unticked, whatever is in the field does not stop saving."""
    from ui.dialogs.circle_dialog import CircleDialog

    dialog = CircleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Deventer")
    qtbot.keyClicks(dialog.municipality, "Deventer")
    dialog.start.edit.setText("nonsense")
    assert dialog.start.status.text() == ""  # a switched-off field says nothing, not even red
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert next(ctx.store.db["circle"].rows)["start_date"] is None


def test_move_dialog_moves_to_the_typed_day(qtbot, demo_ctx):
    """Typing the new day in the move dialog moves the meeting to exactly that day."""
    from ui.dialogs.change_dialogs import MoveDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    target = next(
        s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.status == "planned"
    )
    new_day = target.date + timedelta(days=1)
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.day, f"{new_day.day}-{new_day.month}-{new_day.year}")
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    qtbot.mouseClick(dialog.ok_button, CLICK)
    moved = next(s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.id == target.id)
    assert moved.date == new_day


def test_move_dialog_refuses_garbage_and_clears_stale_clash_text(qtbot, demo_ctx, prompter):
    """A wrong day is refused in the field; a clash message goes away once the day changes."""
    from ui.dialogs.change_dialogs import MoveDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    target = next(
        s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.status == "planned"
    )
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    retype(qtbot, dialog.day, "32-12-2026")
    qtbot.mouseClick(dialog.ok_button, CLICK)
    assert red(dialog.day)
    kept = next(s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.id == target.id)
    assert kept.date == target.date

    prompter.confirm_answer = False
    retype(qtbot, dialog.day, "25-12-2026")  # Christmas: a clash, declined
    qtbot.mouseClick(dialog.ok_button, CLICK)
    assert dialog.problem.isVisible() and "holiday" in dialog.problem.text()
    retype(qtbot, dialog.day, "23-12-2026")
    assert not dialog.problem.isVisible()  # the clash was about the old day
