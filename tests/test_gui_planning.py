"""GUI: plan a circle through the dialog; change the plan from the meeting page."""

from datetime import date

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
    """The stand-in tab shows who stood in for whom at this circle."""
    from ui.pages.planning import PlanningPage

    page = PlanningPage(demo_ctx)
    qtbot.addWidget(page)
    page.select_circle(find_circle(demo_ctx.store, "Zwolle-Zuid").id)
    texts = [page.standins.item(i).text() for i in range(page.standins.count())]
    assert len(texts) == 1 and "Fatma Yilmaz stood in for Mohamed Amrani" in texts[0]
    page.select_circle(find_circle(demo_ctx.store, "Deventer Centrum").id)
    assert "Nobody has stood in" in page.standins.item(0).text()
