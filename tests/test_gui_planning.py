"""GUI: plan a circle through the dialog; change the plan from the meeting page."""

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import list_sessions
from tests.conftest import TODAY


def test_plan_through_the_dialog_preview_then_save(qtbot, demo_ctx):
    """The preview shows meetings and skipped days without saving; Save stores them."""
    from ui.dialogs.plan_dialog import PlanDialog

    circle = find_circle(demo_ctx.store, "Kampen Brunnepe")
    dialog = PlanDialog(demo_ctx, circle)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 12, 14))
    dialog.weekday.setCurrentIndex(0)  # Monday
    dialog.cadence.setCurrentIndex(0)  # every week
    assert dialog.meetings.count() == 19
    assert any(
        "Kerstvakantie" in dialog.skipped.item(i).text() for i in range(dialog.skipped.count())
    )
    assert list_sessions(demo_ctx.store, circle.id, TODAY) == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    sessions = list_sessions(demo_ctx.store, circle.id, TODAY)
    assert len(sessions) == 19 and sessions[0].date == date(2026, 12, 14)
    assert all(s.date.weekday() == 0 for s in sessions)


def test_plan_dialog_shows_a_problem_instead_of_saving(qtbot, demo_ctx):
    """An end time before the start time: a red message, Save disabled."""
    from PySide6.QtCore import QTime

    from ui.dialogs.plan_dialog import PlanDialog

    circle = find_circle(demo_ctx.store, "Kampen Brunnepe")
    dialog = PlanDialog(demo_ctx, circle)
    qtbot.addWidget(dialog)
    dialog.end.setTime(QTime(9, 0))
    assert not dialog.problem.isHidden() and "end after it starts" in dialog.problem.text()
    assert not dialog.save_button.isEnabled()


def test_cancel_with_theme_shift_from_the_meeting_page(qtbot, demo_ctx, monkeypatch):
    """Meeting page → Cancel meeting → keep the theme: themes move on, a meeting is added."""
    from ui.dialogs import change_dialogs
    from ui.dialogs.meeting_dialog import MeetingDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    before = list_sessions(demo_ctx.store, circle.id, TODAY)
    target = next(s for s in before if s.status == "planned")
    page = MeetingDialog(demo_ctx, target.id)
    qtbot.addWidget(page)
    assert "Agenda" in page.text.toPlainText() and "13:30" in page.text.toPlainText()

    def fill(dialog):
        qtbot.keyClicks(dialog.reason, "beide begeleiders ziek")
        assert dialog.shift.isChecked()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(change_dialogs.CancelDialog, "exec", fill)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    after = list_sessions(demo_ctx.store, circle.id, TODAY)
    assert len(after) == len(before) + 1
    assert next(s for s in after if s.id == target.id).status == "cancelled"
    assert [s.theme for s in after if s.status != "cancelled"] == [s.theme for s in before]
    assert "cancelled" in page.text.toPlainText() and "beide begeleiders ziek" in (
        page.text.toPlainText()
    )
    assert not page.cancel_button.isEnabled()


def test_move_conflict_is_shown_and_can_be_declined(qtbot, demo_ctx, prompter):
    """Moving onto Christmas Day asks first; declining keeps the meeting where it was."""
    from ui.dialogs.change_dialogs import MoveDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    target = next(
        s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.status == "planned"
    )
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2026, 12, 25))
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "public holiday" in dialog.problem.text()
    assert (
        next(s for s in list_sessions(demo_ctx.store, circle.id, TODAY) if s.id == target.id).date
        == target.date
    )


def test_planning_page_lists_and_shows_the_year(qtbot, demo_ctx):
    """The planning page shows the circle's meetings in the list and in the year view."""
    from ui.pages.planning import PlanningPage

    page = PlanningPage(demo_ctx)
    qtbot.addWidget(page)
    page.select_circle(find_circle(demo_ctx.store, "Zwolle-Zuid").id)
    assert page.model.rowCount() == 19
    first = page.sessions[0]
    assert page.year.meeting_on(first.date).id == first.id
    assert "Next meeting" in page.info.text()


def test_planning_page_lists_the_circles_stand_ins(qtbot, demo_ctx):
    """The stand-in tab shows who stands in for whom at this circle: the demo's stand-in is on
    15 December, after today, so it 'stands in' (it did not 'stand in' yet)."""
    from ui.pages.planning import PlanningPage

    page = PlanningPage(demo_ctx)
    qtbot.addWidget(page)
    page.select_circle(find_circle(demo_ctx.store, "Zwolle-Zuid").id)
    texts = [page.standins.item(i).text() for i in range(page.standins.count())]
    assert len(texts) == 1 and "Fatma Yilmaz stands in for Mohamed Amrani" in texts[0]
    assert "stood in" not in texts[0]
    page.select_circle(find_circle(demo_ctx.store, "Deventer Centrum").id)
    assert "Nobody has stood in" in page.standins.item(0).text()


def test_future_stand_ins_are_planned_not_done(qtbot, demo_ctx):
    """Issue 9, bug 5: the demo's stand-in on 1 December is still to come on 29 November: the
    summary counts it as planned (not as '0 stand-ins' and nothing else), the meeting page says
    'stands in', and once the day has passed both say it happened."""
    from datetime import timedelta

    from ui.dialogs.meeting_dialog import MeetingDialog
    from ui.pages.planning import PlanningPage

    page = PlanningPage(demo_ctx)
    qtbot.addWidget(page)
    page.select_circle(find_circle(demo_ctx.store, "Zwolle-Zuid").id)
    assert "0 stand-ins so far, 1 planned" in page.info.text()
    line = page.standins.item(0).text()
    assert line.startswith("Tue 1 Dec 2026: ") and "stands in for Mohamed Amrani" in line
    session_id = next(s.id for s in page.sessions if s.date == date(2026, 12, 1))
    meeting = MeetingDialog(demo_ctx, session_id)
    qtbot.addWidget(meeting)
    assert "Fatma Yilmaz stands in for Mohamed Amrani" in meeting.text.toPlainText()

    demo_ctx.today = lambda: date(2026, 12, 1) + timedelta(days=1)
    page.show_circle()
    assert "1 stand-in so far" in page.info.text()
    assert "Fatma Yilmaz stood in for Mohamed Amrani" in page.standins.item(0).text()
    meeting.refresh()
    assert "Fatma Yilmaz stood in for Mohamed Amrani" in meeting.text.toPlainText()


def test_planning_list_names_a_circle_without_facilitators(qtbot, demo_ctx):
    """Issue 9, bug 10: a meeting of a circle without a pair says 'no facilitators yet', not
    '⚠ — misses a facilitator' without names; two missing is said in the plural."""
    from budgetkring.organisation.circles import add_circle
    from budgetkring.planning.plan import PlanRequest, save_plan
    from budgetkring.planning.schedule import parse_time_range
    from budgetkring.staffing.absences import add_absence
    from budgetkring.staffing.facilitators import find_facilitator
    from ui.pages.planning import PlanningPage

    hattem = add_circle(demo_ctx.store, name="Hattem", municipality="Hattem", status="running")
    begin, end = parse_time_range("10:00-12:00")
    request = PlanRequest(hattem.id, date(2027, 1, 12), 1, begin, end, "2w", "noord")
    save_plan(demo_ctx.store, request, TODAY)
    page = PlanningPage(demo_ctx)
    qtbot.addWidget(page)
    page.select_circle(hattem.id)
    led_by = page.model.index(0, 6).data()
    assert led_by == "⚠ no facilitators yet"

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    first = next(s for s in list_sessions(demo_ctx.store, deventer.id, TODAY) if s.date >= TODAY)
    for name in ("Ria Jansen", "Kees Bakker"):
        person = find_facilitator(demo_ctx.store, name)
        add_absence(demo_ctx.store, person.id, first.date, first.date, "holiday")
    page.select_circle(deventer.id)
    row = next(i for i, s in enumerate(page.sessions) if s.id == first.id)
    assert page.model.index(row, 6).data() == "⚠ nobody yet — misses 2 facilitators"


def _planned(ctx, circle="Zwolle-Zuid"):
    """The first meeting of the circle still to come."""
    circle_id = find_circle(ctx.store, circle).id
    return next(s for s in list_sessions(ctx.store, circle_id, TODAY) if s.status == "planned")


def _stored(ctx, session):
    """The meeting as the database holds it now."""
    return next(s for s in list_sessions(ctx.store, session.circle_id, TODAY) if s.id == session.id)


def test_move_at_an_unusual_time_asks_first(qtbot, demo_ctx, prompter):
    """00:30–15:30: Move asks whether the time is right; no keeps the meeting as it was and
    says why in red, yes moves it."""
    from PySide6.QtCore import QTime

    from ui.dialogs.change_dialogs import MoveDialog

    target = _planned(demo_ctx)
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.begin.setTime(QTime(0, 30))
    dialog.end.setTime(QTime(15, 30))
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompter.messages[-1]
    assert kind == "confirm" and "before 07:00" in text and "15 hours" in text
    assert not dialog.problem.isHidden() and "before 07:00" in dialog.problem.text()
    assert _stored(demo_ctx, target).start == target.start
    prompter.confirm_answer = True
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    moved = _stored(demo_ctx, target)
    assert (f"{moved.start:%H:%M}", f"{moved.end:%H:%M}") == ("00:30", "15:30")


def test_move_needs_a_reason_and_the_red_text_goes_when_typed(qtbot, demo_ctx, prompter):
    """No reason: a red message and nothing moves; typing a reason takes the message away."""
    from ui.dialogs.change_dialogs import MoveDialog

    target = _planned(demo_ctx)
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.day.setDate(target.date.replace(day=target.date.day + 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.problem.isHidden() and "reason" in dialog.problem.text()
    assert _stored(demo_ctx, target).date == target.date
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    assert dialog.problem.isHidden()


def test_the_clash_text_follows_the_day_as_it_changes(qtbot, demo_ctx, prompter):
    """Red clash text for Christmas goes as soon as a free day is chosen, and names the new
    clash when another holiday is chosen (checked as the user changes the day)."""
    from ui.dialogs.change_dialogs import MoveDialog

    target = _planned(demo_ctx)
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    dialog.day.setDate(QDate(2026, 12, 25))
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "public holiday" in dialog.problem.text() and not dialog.problem.isHidden()
    dialog.day.setDate(QDate(2026, 12, 3))
    assert dialog.problem.isHidden()
    dialog.day.setDate(QDate(2026, 12, 26))
    assert dialog.problem.isHidden()  # nothing red until Move found a problem: no nagging
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "26 December" in dialog.problem.text() and not dialog.problem.isHidden()
    dialog.day.setDate(QDate(2027, 1, 1))
    assert "1 January 2027" in dialog.problem.text()
    assert "26 December" not in dialog.problem.text()
    assert _stored(demo_ctx, target).date == target.date


def test_the_meeting_page_agenda_follows_a_move(qtbot, demo_ctx):
    """Moved to 10:00–12:00: the meeting page's agenda starts at 10:00, not at 13:30."""
    from PySide6.QtCore import QTime

    from ui.dialogs.change_dialogs import MoveDialog
    from ui.dialogs.meeting_dialog import MeetingDialog

    target = _planned(demo_ctx)
    dialog = MoveDialog(demo_ctx, target)
    qtbot.addWidget(dialog)
    dialog.begin.setTime(QTime(10, 0))
    dialog.end.setTime(QTime(12, 0))
    qtbot.keyClicks(dialog.reason, "zaal bezet")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    page = MeetingDialog(demo_ctx, target.id)
    qtbot.addWidget(page)
    text = page.text.toPlainText()
    assert "10:00–10:10" in text and "13:30–" not in text


def test_the_cancel_dialog_has_one_button_that_says_cancel(qtbot, demo_ctx):
    """'Cancel meeting' is the action; the way out says "Don't cancel", not "Cancel"."""
    from ui.dialogs.change_dialogs import CancelDialog

    dialog = CancelDialog(demo_ctx, _planned(demo_ctx))
    qtbot.addWidget(dialog)
    texts = sorted(b.text().replace("&", "") for b in dialog.buttons.buttons())
    assert texts == ["Cancel meeting", "Don't cancel"]


def test_plan_a_cancelled_meeting_again_from_the_meeting_page(qtbot, demo_ctx, prompter):
    """A cancelled meeting's page offers 'Plan again…'; it says what changes, 'Keep it
    cancelled' changes nothing, yes puts the meeting and the themes back."""
    from budgetkring.planning.sessions import cancel_session
    from ui.dialogs.meeting_dialog import MeetingDialog

    target = _planned(demo_ctx)
    before = list_sessions(demo_ctx.store, target.circle_id, TODAY)
    cancel_session(demo_ctx.store, target.id, "storm", True, TODAY)
    page = MeetingDialog(demo_ctx, target.id)
    qtbot.addWidget(page)
    assert page.restore_button.isEnabled() and not page.restore_button.isHidden()
    assert page.cancel_button.isHidden()
    prompter.confirm_answer = False
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "move back" in prompter.messages[-1][2]
    assert _stored(demo_ctx, target).status == "cancelled"
    prompter.confirm_answer = True
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    after = list_sessions(demo_ctx.store, target.circle_id, TODAY)
    assert [(s.id, s.theme, s.status) for s in after] == [(s.id, s.theme, s.status) for s in before]
    assert "Planned again" in page.text.toPlainText()
    assert page.restore_button.isHidden() and page.cancel_button.isEnabled()


def test_a_past_cancelled_meeting_cannot_be_planned_again(qtbot, demo_ctx):
    """Its day has passed: the button is there but switched off."""
    from budgetkring.planning.sessions import cancel_session
    from ui.dialogs.meeting_dialog import MeetingDialog

    target = _planned(demo_ctx)
    cancel_session(demo_ctx.store, target.id, "storm", False, TODAY)
    demo_ctx.today = lambda: target.date + timedelta(days=1)
    page = MeetingDialog(demo_ctx, target.id)
    qtbot.addWidget(page)
    assert not page.restore_button.isHidden() and not page.restore_button.isEnabled()
