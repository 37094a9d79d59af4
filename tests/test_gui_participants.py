"""GUI: the participants page, its attendance grid, the participant dialogs and the radar chart."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from budgetkring.organisation.circles import find_circle
from budgetkring.participants.assessments import assess, progress
from budgetkring.participants.goals import list_goals
from budgetkring.participants.participants import (
    add_participant,
    held_sessions,
    list_participants,
    record_attendance,
)
from tests.conftest import TODAY

CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, demo_ctx):
    """The participants page over the demo, on the running circle Zwolle-Zuid."""
    from ui.pages.participants import ParticipantsPage

    widget = ParticipantsPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _circle(ctx):
    return find_circle(ctx.store, "Zwolle-Zuid")


def _people(ctx):
    return {p.code: p for p in list_participants(ctx.store, _circle(ctx).id, TODAY)}


def _column(model, column):
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _select(page, code):
    row = next(r for r in range(page.model.rowCount()) if page.model.row_object(r).code == code)
    page.table.selectRow(row)


def test_table_lists_the_demo_codes(page):
    """The running circle is shown first: its nine codes, attendance totals, the warning mark."""
    assert page.circle().name == "Zwolle-Zuid"
    assert _column(page.model, 0) == [f"K1-0{n}" for n in range(1, 10)]
    status = dict(zip(_column(page.model, 0), _column(page.model, 2), strict=True))
    assert status["K1-03"] == "⚠ absent 3 times in a row"
    assert status["K1-09"] == "stopped (found work or study)"
    assert _column(page.model, 5)[0] == "8"  # present
    assert _column(page.model, 4)[0] == "2 Jun 2026"  # consent
    assert not page.edit_button.isEnabled() and not page.forget_button.isEnabled()
    _select(page, "K1-01")
    assert page.edit_button.isEnabled() and page.forget_button.isEnabled()


def test_hide_nicknames_hides_every_alias(qtbot, page):
    """'Hide nicknames' empties the alias column and the grid's row names; unticked they return."""
    assert "Tamara" in _column(page.model, 1)
    qtbot.mouseClick(page.hide_aliases, CLICK)
    assert page.hide_aliases.isChecked()
    assert set(_column(page.model, 1)) == {""}
    assert page.table.isColumnHidden(1)
    grid = page.grid_model
    names = [grid.headerData(r, Qt.Orientation.Vertical) for r in range(grid.rowCount())]
    assert names[0] == "K1-01" and not any("Tamara" in n for n in names)
    qtbot.mouseClick(page.hide_aliases, CLICK)
    assert _column(page.model, 1)[0] == "Tamara"
    assert grid.headerData(0, Qt.Orientation.Vertical) == "K1-01 — Tamara"


def test_add_participant_through_the_dialog(qtbot, page, demo_ctx, prompter):
    """New participant: nickname and consent typed in the form are stored; the row is selected."""

    def fill(dialog):
        dialog.show()  # the fake prompter does not show it; a click needs it on screen
        qtbot.keyClicks(dialog.alias, "Ria")
        qtbot.mouseClick(dialog.consent, CLICK)
        dialog.consent_date.setDate(QDate(TODAY - timedelta(days=1)))
        qtbot.mouseClick(dialog.save_button, CLICK)

    prompter.dialog_actions.append(fill)
    qtbot.mouseClick(page.add_button, CLICK)

    added = _people(demo_ctx)["K1-10"]
    assert (added.alias, added.consent, added.joined) == ("Ria", TODAY - timedelta(days=1), TODAY)
    assert page.selected().code == "K1-10"


def test_cancelled_add_stores_nothing(qtbot, page, demo_ctx, prompter):
    """Closing the new-participant form without saving adds nobody."""
    prompter.dialog_actions.append(lambda dialog: qtbot.keyClicks(dialog.alias, "Ria"))
    qtbot.mouseClick(page.add_button, CLICK)
    assert len(_people(demo_ctx)) == 9


def test_edit_stops_a_participant_with_a_reason(qtbot, page, demo_ctx, prompter):
    """Edit: status 'stopped' shows the reason list; the chosen reason is stored."""

    def fill(dialog):
        assert dialog.stop_reason.isHidden()
        dialog.status.setCurrentIndex(dialog.status.findData("stopped"))
        assert not dialog.stop_reason.isHidden()
        dialog.stop_reason.setCurrentIndex(dialog.stop_reason.findData("moved"))
        qtbot.mouseClick(dialog.save_button, CLICK)

    _select(page, "K1-02")
    prompter.dialog_actions.append(fill)
    qtbot.mouseClick(page.edit_button, CLICK)
    person = _people(demo_ctx)["K1-02"]
    assert (person.status, person.stop_reason, person.alias) == (
        "stopped",
        "moved",
        "Henk (fietser)",
    )


def test_keyboard_entry_in_the_attendance_grid_saves_marks(qtbot, page, demo_ctx):
    """Arrows move, a/x mark (the cursor then goes down), Delete clears; each key saves."""
    grid, model = page.grid, page.grid_model
    sessions = held_sessions(demo_ctx.store, _circle(demo_ctx).id, TODAY)
    assert [s.id for s in model.sessions] == [s.id for s in sessions]  # no future meetings
    lotte = _people(demo_ctx)["K1-09"]
    row = model.people.index(next(p for p in model.people if p.id == lotte.id))
    grid.setCurrentIndex(model.index(row - 1, 5))
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_A)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_X)
    assert _people(demo_ctx)["K1-09"].marks.get(sessions[5].id) == "present"
    assert _people(demo_ctx)["K1-09"].marks.get(sessions[6].id) == "absent"
    assert model.data(model.index(row, 6)) == "X"  # readable without colour
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert sessions[5].id not in _people(demo_ctx)["K1-09"].marks

    grid.setCurrentIndex(model.index(0, 9))
    qtbot.keyClick(grid, Qt.Key.Key_F)  # K1-01 excused; the cursor goes to K1-02
    qtbot.keyClick(grid, Qt.Key.Key_N)  # K1-02 absent
    marks = {code: p.marks.get(sessions[9].id) for code, p in _people(demo_ctx).items()}
    assert (marks["K1-01"], marks["K1-02"]) == ("excused", "absent")
    assert grid.currentIndex().row() == 2 and grid.currentIndex().column() == 9
    assert page.model.data(page.model.index(0, 6)) == "1"  # the totals follow


def test_everyone_present_fills_only_the_empty_cells(qtbot, page, demo_ctx):
    """'Everyone present' marks the empty boxes of the chosen meeting; other marks stay, and
    someone who stopped is left empty."""
    people = _people(demo_ctx)
    last = held_sessions(demo_ctx.store, _circle(demo_ctx).id, TODAY)[-1]
    cleared = {people["K1-01"].id: None, people["K1-04"].id: None}
    record_attendance(demo_ctx.store, last.id, cleared, TODAY)
    page.refresh()
    page.grid.setCurrentIndex(page.grid_model.index(0, len(page.grid_model.sessions) - 1))
    qtbot.mouseClick(page.everyone_button, CLICK)

    after = {code: p.marks.get(last.id) for code, p in _people(demo_ctx).items()}
    assert after["K1-01"] == after["K1-04"] == "present"
    assert after["K1-03"] == "absent" and after["K1-09"] is None
    assert after["K1-02"] == people["K1-02"].marks[last.id]


def test_forget_asks_and_does_nothing_on_no(qtbot, page, demo_ctx, prompter):
    """Forget asks in plain words; answered no, the participant stays."""
    _select(page, "K1-05")
    prompter.confirm_answer = False
    qtbot.mouseClick(page.forget_button, CLICK)
    kind, _title, text = prompter.messages[-1]
    assert kind == "confirm" and "K1-05" in text and "removed for good" in text
    assert "K1-05" in _people(demo_ctx)


def test_forget_removes_the_participant(qtbot, page, demo_ctx, prompter):
    """Forget, confirmed: the participant and their marks are gone from the database and table."""
    _select(page, "K1-05")
    prompter.confirm_answer = True
    qtbot.mouseClick(page.forget_button, CLICK)
    assert "K1-05" not in _people(demo_ctx)
    assert "K1-05" not in _column(page.model, 0)
    assert page.grid_model.rowCount() == 8 and page.selected() is None


def test_wipe_nicknames_of_the_circle(qtbot, page, demo_ctx, prompter):
    """Remove all nicknames, confirmed: no alias is left in the circle; the codes stay."""
    qtbot.mouseClick(page.wipe_button, CLICK)
    assert prompter.messages[-1][0] == "confirm"
    assert {p.alias for p in _people(demo_ctx).values()} == {""}
    assert len(_people(demo_ctx)) == 9 and not page.wipe_button.isEnabled()


def test_assessment_entered_in_the_detail_is_saved(qtbot, page, demo_ctx, prompter):
    """Progress → Self-assessment 'end': the scores chosen are stored; the chart gets a third
    line."""
    seen = {}

    def fill(dialog):
        assert dialog.progress_view.radar.series_names() == ["start", "mid"]
        dialog.tabs.setCurrentIndex(2)
        assert dialog.moment.currentData() == "end"  # the first moment not measured yet
        dialog.scores["money"].setCurrentIndex(dialog.scores["money"].findData(5))
        dialog.scores["housing"].setCurrentIndex(dialog.scores["housing"].findData(3))
        qtbot.mouseClick(dialog.save_assessment_button, CLICK)
        seen["series"] = dialog.progress_view.radar.series_names()
        seen["words"] = dialog.progress_view.change_text.text()

    _select(page, "K1-01")
    prompter.dialog_actions.append(fill)
    qtbot.mouseClick(page.detail_button, CLICK)
    assert progress(demo_ctx.store, _people(demo_ctx)["K1-01"].id).moments["end"] == {
        "money": 5,
        "housing": 3,
    }
    assert seen["series"] == ["start", "mid", "end"]
    assert "money: from 2 to 5" in seen["words"]


def test_empty_assessment_is_refused_in_red(qtbot, demo_ctx):
    """Saving a self-assessment without any score shows why, in red, and stores nothing."""
    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = _people(demo_ctx)["K1-02"]
    dialog = ParticipantDetailDialog(demo_ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.moment.setCurrentIndex(dialog.moment.findData("end"))
    qtbot.mouseClick(dialog.save_assessment_button, CLICK)
    assert not dialog.assessment_problem.isHidden() and "score" in dialog.assessment_problem.text()
    assert "end" not in progress(demo_ctx.store, person.id).moments


def test_goal_with_a_phone_number_is_refused(qtbot, demo_ctx):
    """A goal holding a phone number: a red message names it, the number is selected, nothing
    is saved; a goal without it is saved."""
    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = _people(demo_ctx)["K1-04"]
    before = list_goals(demo_ctx.store, participant_id=person.id)
    dialog = ParticipantDetailDialog(demo_ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    text = "Bel Marja op 06-12345678 over de tuin"
    qtbot.keyClicks(dialog.goals.goal_text, text)
    qtbot.mouseClick(dialog.goals.add_goal_button, CLICK)

    assert not dialog.goals.goal_problem.isHidden()
    assert "phone number" in dialog.goals.goal_problem.text()
    assert "#b00020" in dialog.goals.goal_problem.styleSheet()  # red, like every field error
    assert dialog.goals.goal_text.selectedText() == "06-12345678"
    assert list_goals(demo_ctx.store, participant_id=person.id) == before

    dialog.goals.goal_text.setText("Meedoen met de buurttuin")
    dialog.goals.goal_domain.setCurrentIndex(dialog.goals.goal_domain.findData("green"))
    qtbot.mouseClick(dialog.goals.add_goal_button, CLICK)
    goals = list_goals(demo_ctx.store, participant_id=person.id)
    assert [(g.text, g.domain) for g in goals[len(before) :]] == [
        ("Meedoen met de buurttuin", "green")
    ]
    assert dialog.goals.goal_problem.isHidden() and dialog.goals.goal_model.rowCount() == len(goals)


def test_without_consent_no_assessment_or_goal_is_offered(qtbot, demo_ctx):
    """A participant without consent: the detail says so and has no forms."""
    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = add_participant(demo_ctx.store, _circle(demo_ctx).id, TODAY, alias="Ria")
    dialog = ParticipantDetailDialog(demo_ctx, person.id)
    qtbot.addWidget(dialog)
    assert dialog.tabs is None and not hasattr(dialog, "goals")
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("K1-10 has not given consent" in t for t in texts)


def test_radar_view_paints_three_series(qtbot, demo_ctx):
    """With start, halfway and end the chart paints three lines, each with its own dash and
    marker, without error."""
    from ui.radar_view import RadarView

    person = _people(demo_ctx)["K1-06"]
    assess(demo_ctx.store, person.id, "end", {"money": 4, "green": 5}, TODAY)
    found = progress(demo_ctx.store, person.id)
    view = RadarView()
    qtbot.addWidget(view)
    domains = list(found.moments["start"])
    view.resize(600, 500)
    view.set_chart(domains, {}, (1, 5), list(found.moments.items()), {"start": "start"})
    image = view.grab().toImage()
    assert not image.isNull() and image.width() == 600
    assert view.series_names() == ["start", "mid", "end"]
    styles = {(tuple(s.dash), s.marker) for s in view.radar.series}
    assert len(styles) == 3  # told apart without colour

    def colour_at(series, domain):
        point = view.radar.series[series].points[domains.index(domain)]
        left = (view.width() - view.radar.size) / 2  # the chart is centred
        return image.pixelColor(round(point.x + left), round(point.y)).name()

    assert colour_at(2, "money") == "#000000"  # the end's marker (money 4; earlier 2)
    assert colour_at(0, "green") == "#0072b2"  # the start's marker (green 4; later 5)


def test_page_reloads_on_refresh_and_is_in_the_navigation(qtbot, demo_ctx):
    """The main window lists the page after Planning; refresh() shows a participant added
    elsewhere."""
    from ui.main_window import MainWindow
    from ui.pages.participants import ParticipantsPage

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles.index("Participants") == titles.index("Planning") + 1
    page = window.show_page("participants")
    assert isinstance(page, ParticipantsPage)
    add_participant(demo_ctx.store, _circle(demo_ctx).id, TODAY)
    page.refresh()
    assert "K1-10" in _column(page.model, 0)


def test_screenshot_of_the_page(page, tmp_path):
    """The page with the demo paints offscreen (the image is kept for a look by eye)."""
    path = tmp_path / "participants.png"
    assert page.grab().save(str(path))
    assert path.stat().st_size > 1000


def test_enter_on_a_row_opens_its_progress(qtbot, page, prompter):
    """Keyboard only: Enter on a selected row opens that participant's progress."""
    _select(page, "K1-04")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [d.person.code for d in prompter.dialogs] == ["K1-04"]


def test_a_goal_is_marked_reached(qtbot, demo_ctx):
    """Choosing 'reached' for the chosen goal stores that status."""
    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = _people(demo_ctx)["K1-01"]
    dialog = ParticipantDetailDialog(demo_ctx, person.id)
    qtbot.addWidget(dialog)
    assert not dialog.goals.goal_status.isEnabled()  # no goal chosen yet
    dialog.goals.goal_table.selectRow(0)
    done = dialog.goals.goal_status.findData("done")
    dialog.goals.goal_status.setCurrentIndex(done)
    dialog.goals.goal_status.activated.emit(done)
    assert list_goals(demo_ctx.store, participant_id=person.id)[0].status == "done"
    assert dialog.goals.goal_model.data(dialog.goals.goal_model.index(0, 2)) == "reached"


def test_overview_proposes_removing_data_of_a_long_finished_circle(qtbot, demo_ctx, prompter):
    """A circle finished over a year ago is proposed on Overzicht; saying yes keeps only totals,
    saying no changes nothing."""
    from datetime import timedelta

    from budgetkring.organisation.circles import find_circle, update_circle
    from budgetkring.participants.participants import list_participants
    from budgetkring.store.participants import summary_rows
    from ui.pages.overview import OverviewPage

    zwolle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    update_circle(
        demo_ctx.store,
        zwolle.id,
        name=zwolle.name,
        municipality=zwolle.municipality,
        start_date=zwolle.start_date.isoformat(),
        status="finished",
    )
    later = TODAY + timedelta(days=800)
    demo_ctx.today = lambda: later
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    rows = [page.attention.item(i) for i in range(page.attention.count())]
    target = next(r for r in rows if r.data(Qt.ItemDataRole.UserRole)[1] == "retention")
    prompter.confirm_answer = False
    page._activate(target)
    assert len(list_participants(demo_ctx.store, zwolle.id, later)) == 9
    prompter.confirm_answer = True
    page._activate(target)
    assert list_participants(demo_ctx.store, zwolle.id, later) == []
    assert summary_rows(demo_ctx.store.db)[0]["participants"] == 9
    kinds = [
        page.attention.item(i).data(Qt.ItemDataRole.UserRole)[1]
        for i in range(page.attention.count())
    ]
    assert "retention" not in kinds


def test_progress_sheet_is_printed_from_the_participant_by_code_only(qtbot, demo_ctx, prompter):
    """'Print progress sheet…' opens the preview of this participant's sheet: their code, their
    goals, and no nickname (that needs the explicit choice in the print dialog)."""
    import io

    from pypdf import PdfReader

    from ui.dialogs.participant_dialog import ParticipantDetailDialog

    person = _people(demo_ctx)["K1-01"]
    assert person.alias
    dialog = ParticipantDetailDialog(demo_ctx, person.id)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.print_button, CLICK)
    preview = prompter.dialogs[-1]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.document.data)).pages)
    assert "K1-01" in text and "Elke week mijn kasboek bijhouden" in text
    assert person.alias not in text
