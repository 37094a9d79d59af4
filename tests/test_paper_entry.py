"""Typing a filled-in paper list back in: opening it by its code, saving it whole, and the dialog
that does both by keyboard alone."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from budgetkring.documents import paper
from budgetkring.documents.paper import open_sheet, save_sheet
from budgetkring.documents.sheets import assessment_code, attendance_code, circle_rows
from budgetkring.errors import UserError
from budgetkring.i18n import set_language
from budgetkring.organisation.circles import add_circle, find_circle
from budgetkring.participants.assessments import current_instrument, progress
from budgetkring.participants.participants import (
    add_participant,
    held_sessions,
    list_participants,
)
from budgetkring.planning.sessions import cancel_session, list_sessions
from tests.conftest import TODAY

CTRL = Qt.KeyboardModifier.ControlModifier


def _circle_id(store) -> int:
    return find_circle(store, "Zwolle-Zuid").id


def _last_meeting(store) -> int:
    return held_sessions(store, _circle_id(store), TODAY)[-1].id


def _next_meeting(store) -> int:
    return next(s.id for s in list_sessions(store, _circle_id(store), TODAY) if s.date > TODAY)


def _marks(store, session_id: int) -> dict[str, str | None]:
    people = list_participants(store, _circle_id(store), TODAY)
    return {p.code: p.marks.get(session_id) for p in people}


def _all_marks(store) -> dict[str, dict[int, str]]:
    return {p.code: dict(p.marks) for p in list_participants(store, _circle_id(store), TODAY)}


def _ids(store) -> dict[str, int]:
    return {p.code: p.id for p in list_participants(store, _circle_id(store), TODAY)}


def _end_scores(store) -> dict[str, dict[str, int]]:
    return {code: progress(store, pid).moments.get("end", {}) for code, pid in _ids(store).items()}


# --- opening a list ---------------------------------------------------------------------------


def test_attendance_list_opens_like_the_paper(demo_store):
    """A typed code (any case, no dash) opens the meeting's list: its title in words, the rows
    of the printed list in its order, the three boxes, and the marks saved now."""
    session_id = _last_meeting(demo_store)
    typed = str(attendance_code(session_id)).lower().replace("-", " ")
    sheet = open_sheet(demo_store, typed, TODAY)
    printed = circle_rows(demo_store, _circle_id(demo_store), TODAY, session_id)
    assert sheet.kind == "attendance" and sheet.session_id == session_id
    assert sheet.title == "Attendance list — Zwolle-Zuid — Tuesday, 17 November 2026"
    assert sheet.rows == [(p.id, p.code) for p in printed]
    assert [key for key, _label in sheet.columns] == ["present", "excused", "absent"]
    codes = dict(sheet.rows)
    assert {codes[pid]: status for pid, status in sheet.marks.items()} == {
        code: status for code, status in _marks(demo_store, session_id).items() if status
    }


def test_the_title_is_in_the_language_of_the_app(demo_store):
    """In Dutch the title's date reads as a Dutch date."""
    set_language("nl")
    sheet = open_sheet(demo_store, str(attendance_code(_last_meeting(demo_store))), TODAY)
    assert sheet.title.endswith("Zwolle-Zuid — dinsdag 17 november 2026")


def test_assessment_sheet_opens_with_the_instrument(demo_store):
    """An assessment code opens the circle's sheet at that moment: the printed rows, the
    statements in the instrument's order, the scale, and the scores saved now."""
    circle_id = _circle_id(demo_store)
    sheet = open_sheet(demo_store, str(assessment_code(circle_id, "mid")), TODAY)
    instrument = current_instrument(demo_store)
    assert sheet.kind == "assessment" and sheet.moment == "mid"
    assert sheet.title == "Self-assessment — Zwolle-Zuid — halfway"
    assert sheet.rows == [(p.id, p.code) for p in circle_rows(demo_store, circle_id, TODAY)]
    assert [key for key, _label in sheet.columns] == instrument.domains()
    assert sheet.scale is not None and (sheet.scale.minimum, sheet.scale.maximum) == (1, 5)
    first = sheet.rows[0][0]
    assert sheet.scores[first] == progress(demo_store, first).moments["mid"]
    assert sheet.locked == {}


@pytest.mark.parametrize(
    "code, words",
    [
        ("", "Type the code"),
        ("A10-Q", "is not a code from a printed list"),  # the check letter is wrong
        (str(attendance_code(999)), "meeting that is not in this database"),
        (str(assessment_code(99, "end")), "circle that is not in this database"),
    ],
)
def test_wrong_codes_are_refused_in_words(demo_store, code, words):
    """A code with a typo, or for a meeting or circle that is not here, is refused in words."""
    before = _all_marks(demo_store)
    with pytest.raises(UserError, match=words):
        open_sheet(demo_store, code, TODAY)
    assert _all_marks(demo_store) == before


def test_a_meeting_still_to_come_is_refused(demo_store):
    """The list of a meeting that has not taken place yet cannot be typed in."""
    code = str(attendance_code(_next_meeting(demo_store)))
    with pytest.raises(UserError, match="has not taken place yet"):
        open_sheet(demo_store, code, TODAY)


def test_a_cancelled_meeting_is_refused(demo_store):
    """A cancelled meeting has no attendance list, even after its day has passed."""
    session_id = _next_meeting(demo_store)
    cancel_session(demo_store, session_id, "ziek", False, TODAY)
    later = TODAY + timedelta(days=60)
    with pytest.raises(UserError, match="was cancelled"):
        open_sheet(demo_store, str(attendance_code(session_id)), later)


def test_a_circle_without_participants_is_refused(demo_store):
    """A circle nobody has joined has no sheet to type in."""
    empty = add_circle(demo_store, name="Leeg", municipality="Zwolle")
    with pytest.raises(UserError, match="Leeg has no participants"):
        open_sheet(demo_store, str(assessment_code(empty.id, "start")), TODAY)


# --- saving attendance ------------------------------------------------------------------------


def test_attendance_is_saved_for_everyone_at_once(demo_store):
    """Every row of the list is saved; an empty row clears that person's mark."""
    session_id = _last_meeting(demo_store)
    sheet = open_sheet(demo_store, str(attendance_code(session_id)), TODAY)
    ids = _ids(demo_store)
    values = {pid: "present" for pid, _code in sheet.rows}
    values[ids["K1-03"]] = "excused"
    values[ids["K1-04"]] = None
    save_sheet(demo_store, sheet, values, TODAY)
    marks = _marks(demo_store, session_id)
    assert (marks["K1-01"], marks["K1-03"], marks["K1-04"]) == ("present", "excused", None)


@pytest.mark.parametrize("wrong", ["late", "outsider"])
def test_attendance_is_all_or_nothing(demo_store, wrong):
    """One wrong row (an unknown status, or someone not on the list) and nothing is saved."""
    session_id = _last_meeting(demo_store)
    sheet = open_sheet(demo_store, str(attendance_code(session_id)), TODAY)
    before = _all_marks(demo_store)
    values: dict[int, str | None] = {pid: "excused" for pid, _code in sheet.rows}
    if wrong == "late":
        values[sheet.rows[-1][0]] = "late"
    else:
        values[99999] = "present"
    with pytest.raises(UserError):
        save_sheet(demo_store, sheet, values, TODAY)
    assert _all_marks(demo_store) == before


# --- saving self-assessments ------------------------------------------------------------------


def _assessment_sheet(store, moment: str = "end"):
    return open_sheet(store, str(assessment_code(_circle_id(store), moment)), TODAY)


def _full(store, score: int) -> dict[str, int | None]:
    return dict.fromkeys(current_instrument(store).domains(), score)


def test_scores_are_saved_for_the_day_given(demo_store):
    """Filled-in rows are saved on the given day; an empty row is left alone."""
    sheet = _assessment_sheet(demo_store)
    ids = _ids(demo_store)
    day = TODAY - timedelta(days=3)
    values = {ids["K1-01"]: _full(demo_store, 4), ids["K1-02"]: {"money": 2, "housing": None}}
    assert save_sheet(demo_store, sheet, values, TODAY, day) == 2
    scores = _end_scores(demo_store)
    assert scores["K1-01"] == _full(demo_store, 4)
    assert scores["K1-02"] == {"money": 2} and scores["K1-03"] == {}
    assert progress(demo_store, ids["K1-01"]).dates["end"] == day


def test_a_row_typed_as_it_was_keeps_its_date(demo_store):
    """Typing a list again: rows that did not change are not saved again (their day stays)."""
    sheet = _assessment_sheet(demo_store, "mid")
    ids = _ids(demo_store)
    before = progress(demo_store, ids["K1-01"]).dates["mid"]
    values = {pid: dict(sheet.scores.get(pid, {})) for pid, _code in sheet.rows}
    assert save_sheet(demo_store, sheet, values, TODAY) == 0
    assert progress(demo_store, ids["K1-01"]).dates["mid"] == before


def test_a_score_outside_the_scale_is_refused_by_row_and_question(demo_store):
    """A 9 on a 1-5 scale is named with the person's code and the question; nothing is saved,
    not even the rows that were right."""
    sheet = _assessment_sheet(demo_store)
    ids = _ids(demo_store)
    wrong = _full(demo_store, 3)
    wrong["housing"] = 9
    values = {ids["K1-01"]: _full(demo_store, 4), ids["K1-02"]: wrong}
    with pytest.raises(UserError) as refused:
        save_sheet(demo_store, sheet, values, TODAY)
    assert "K1-02, housing: 9 is not a score from 1 to 5." in str(refused.value)
    assert "K1-01" not in str(refused.value)
    assert all(scores == {} for scores in _end_scores(demo_store).values())


def test_a_row_without_consent_is_refused_in_words(demo_store):
    """Someone without consent shows as a locked row; scores typed for them are refused in
    words and nobody's scores are saved."""
    newcomer = add_participant(demo_store, _circle_id(demo_store), TODAY)
    sheet = _assessment_sheet(demo_store)
    assert "has not given consent" in sheet.locked[newcomer.id]
    values = {_ids(demo_store)["K1-01"]: _full(demo_store, 4), newcomer.id: _full(demo_store, 2)}
    with pytest.raises(UserError, match=f"{newcomer.code} has not given consent"):
        save_sheet(demo_store, sheet, values, TODAY)
    assert all(scores == {} for scores in _end_scores(demo_store).values())


def test_a_failure_halfway_saves_no_row(demo_store, monkeypatch):
    """Should saving break off after the first person, the first person's scores are undone."""
    sheet = _assessment_sheet(demo_store)
    ids = _ids(demo_store)
    real, calls = paper.assess, []

    def breaks_second_time(*args):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(*args)

    monkeypatch.setattr(paper, "assess", breaks_second_time)
    values = {ids["K1-01"]: _full(demo_store, 4), ids["K1-02"]: _full(demo_store, 3)}
    with pytest.raises(OSError):
        save_sheet(demo_store, sheet, values, TODAY)
    assert len(calls) == 2
    assert all(scores == {} for scores in _end_scores(demo_store).values())


# --- the dialog, by keyboard alone ------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, demo_ctx):
    """The paper-list dialog over the demo, shown (keys need it on screen for Tab)."""
    from ui.dialogs.paper_dialog import PaperDialog

    widget = PaperDialog(demo_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _open(qtbot, dialog, code) -> None:
    qtbot.keyClicks(dialog.code_edit, str(code))
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)


def _row_names(model) -> list[str]:
    return [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]


def test_a_wrong_code_is_said_under_the_field(qtbot, dialog):
    """A wrong code: a message under the field, the code page stays, nothing else happens."""
    _open(qtbot, dialog, "A10-Q")
    assert dialog.code_problem.isVisible()
    assert "not a code from a printed list" in dialog.code_problem.text()
    assert dialog.pages.currentIndex() == 0 and dialog.model.sheet is None
    assert dialog.result() == 0 and dialog.isVisible()


def test_typing_an_attendance_list(qtbot, dialog, demo_ctx):
    """Code, Enter, then one key per person (1, 2, 3; the number pad too) and Ctrl+S: the
    database holds the marks, and the grid's rows are the printed list's rows."""
    store = demo_ctx.store
    session_id = _last_meeting(store)
    _open(qtbot, dialog, attendance_code(session_id))
    printed = circle_rows(store, _circle_id(store), demo_ctx.today(), session_id)
    assert dialog.pages.currentIndex() == 1
    assert _row_names(dialog.model) == [p.code for p in printed]
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "1 present"
    keys = "11321113"
    assert len(keys) == len(printed)
    for key in keys[:-1]:
        qtbot.keyClick(dialog.grid, key)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert "end of the list" in dialog.message.text()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_S, CTRL)

    assert dialog.result() == 1 and dialog.saved is not None
    words = {"1": "present", "2": "excused", "3": "absent"}
    marks = _marks(store, session_id)
    assert [marks[p.code] for p in printed] == [words[k] for k in keys]


def test_attendance_delete_clears_and_tab_goes_to_save(qtbot, dialog, demo_ctx):
    """Delete empties a row, a letter or Space marks one; Tab leaves the grid for Save, and
    Enter there saves."""
    store = demo_ctx.store
    session_id = _last_meeting(store)
    _open(qtbot, dialog, attendance_code(session_id))
    dialog.grid.setFocus()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Delete)  # K1-01: no mark any more
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.grid, "f")  # K1-02 excused, as in the attendance grid
    assert _marks(store, session_id)["K1-03"] == "absent"
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Left)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Space)  # K1-03: the box the cursor is in
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.save_button
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    marks = _marks(store, session_id)
    assert (marks["K1-01"], marks["K1-02"], marks["K1-03"]) == (None, "excused", "present")
    assert dialog.result() == 1


def test_typing_an_assessment_sheet(qtbot, dialog, demo_ctx):
    """A score per box moves on by itself along the row and on to the next person; Ctrl+S
    saves them on today's date. The rows and columns are the paper's."""
    store = demo_ctx.store
    circle_id = _circle_id(store)
    _open(qtbot, dialog, assessment_code(circle_id, "end"))
    printed = circle_rows(store, circle_id, demo_ctx.today())
    model = dialog.model
    assert _row_names(model) == [p.code for p in printed]
    assert [model.column_key(c) for c in range(model.columnCount())] == (
        current_instrument(store).domains()
    )
    for key in "1234512" + "5432154":
        qtbot.keyClick(dialog.grid, key)
    assert (dialog.grid.currentIndex().row(), dialog.grid.currentIndex().column()) == (2, 0)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_S, CTRL)

    assert dialog.result() == 1
    domains = current_instrument(store).domains()
    scores = _end_scores(store)
    assert scores[printed[0].code] == dict(zip(domains, [1, 2, 3, 4, 5, 1, 2], strict=True))
    assert scores[printed[1].code] == dict(zip(domains, [5, 4, 3, 2, 1, 5, 4], strict=True))
    assert scores[printed[2].code] == {}
    assert progress(store, printed[0].id).dates["end"] == demo_ctx.today()


def test_a_score_outside_the_scale_keeps_the_dialog_open(qtbot, dialog, demo_ctx):
    """A 7 on a 1-5 scale is shown as wrong; Save says which person and question, saves
    nothing, and puts the cursor on the wrong box."""
    store = demo_ctx.store
    _open(qtbot, dialog, assessment_code(_circle_id(store), "end"))
    for key in "347":
        qtbot.keyClick(dialog.grid, key)
    assert "7 is not a score from 1 to 5" in dialog.message.text()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_S, CTRL)
    assert "K1-01, green and nature: 7 is not a score from 1 to 5." in dialog.problem.text()
    assert dialog.result() == 0 and dialog.saved is None
    assert dialog.grid.currentIndex().column() == 2
    assert all(scores == {} for scores in _end_scores(store).values())


def test_a_row_without_consent_says_so(qtbot, dialog, demo_ctx):
    """A participant without consent: the row says so, a typed score is refused in words, and
    the cursor skips that row when moving on."""
    store = demo_ctx.store
    add_participant(store, _circle_id(store), demo_ctx.today())  # K1-10, no consent
    _open(qtbot, dialog, assessment_code(_circle_id(store), "start"))
    model, grid = dialog.model, dialog.grid
    names = _row_names(model)
    assert names[-1] == "K1-10 — no consent"
    grid.setCurrentIndex(model.index(len(names) - 1, 0))
    qtbot.keyClick(grid, "3")
    assert "K1-10 has not given consent" in dialog.message.text()
    assert model.text(len(names) - 1, 0) == "" and not model.changed

    grid.setCurrentIndex(model.index(len(names) - 2, model.columnCount() - 1))
    qtbot.keyClick(grid, "4")  # the last box of K1-08: nobody after it can be typed in
    assert grid.currentIndex().row() == len(names) - 2
    assert "end of the list" in dialog.message.text()


def test_cancel_after_typing_asks_first(qtbot, dialog, demo_ctx, prompter):
    """Escape after typing asks; answered no, the dialog stays; answered yes, nothing is saved."""
    store = demo_ctx.store
    session_id = _last_meeting(store)
    before = _marks(store, session_id)
    _open(qtbot, dialog, attendance_code(session_id))
    qtbot.keyClick(dialog.grid, "3")
    prompter.confirm_answer = False
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Escape)
    assert prompter.messages[-1][0] == "confirm" and dialog.isVisible()
    prompter.confirm_answer = True
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == 0
    assert _marks(store, session_id) == before


def test_the_participants_page_opens_the_dialog_and_shows_the_result(qtbot, demo_ctx, prompter):
    """'Enter paper list…' opens the dialog through the prompter; after saving, the page's
    attendance grid shows the new marks."""
    from ui.pages.participants import ParticipantsPage

    page = ParticipantsPage(demo_ctx)
    qtbot.addWidget(page)
    session_id = _last_meeting(demo_ctx.store)

    def type_list(dialog):
        _open(qtbot, dialog, attendance_code(session_id))
        for _row in range(dialog.model.rowCount()):
            qtbot.keyClick(dialog.grid, "2")
        qtbot.keyClick(dialog.grid, Qt.Key.Key_S, CTRL)

    prompter.dialog_actions.append(type_list)
    qtbot.mouseClick(page.paper_button, Qt.MouseButton.LeftButton)
    assert len(prompter.dialogs) == 1
    column = [s.id for s in page.grid_model.sessions].index(session_id)
    shown = {page.grid_model.data(page.grid_model.index(r, column)) for r in range(8)}
    assert shown == {"F"}
