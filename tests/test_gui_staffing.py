"""GUI: an absence shows on Overzicht; choosing a suggested stand-in solves it."""

from datetime import timedelta

from PySide6.QtCore import Qt

from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import list_sessions
from budgetkring.staffing.absences import add_absence
from tests.conftest import TODAY, fid


def gap_rows(page):
    """Texts of the gap items on the overview."""
    items = [page.attention.item(i) for i in range(page.attention.count())]
    return [i for i in items if i.data(Qt.ItemDataRole.UserRole)[1] == "gap"]


def test_absence_warning_then_choose_a_suggestion(qtbot, demo_ctx, prompter):
    """Record an absence → Overzicht warns → pick the top suggestion → warning gone, row saved."""
    from ui.pages.overview import OverviewPage

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    meeting = list_sessions(demo_ctx.store, deventer.id, TODAY)[0]
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    before = len(gap_rows(page))
    add_absence(
        demo_ctx.store, fid(demo_ctx.store, "Ria Jansen"), meeting.date, meeting.date, "illness"
    )
    page.refresh()
    rows = gap_rows(page)
    assert len(rows) == before + 1 and not page.gap_label.isHidden()
    assert any("Ria Jansen is away" in r.text() for r in rows)
    target = next(r for r in rows if "Ria Jansen" in r.text())

    def choose_first(dialog):
        assert dialog.candidates.count() > 0
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    prompter.dialog_actions.append(choose_first)
    rect = page.attention.visualItemRect(target)
    qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not any("Ria Jansen" in r.text() for r in gap_rows(page))
    row = demo_ctx.store.db.execute(
        "SELECT f.name FROM substitution s JOIN facilitator f ON f.id = s.out_id "
        "WHERE s.session_id = ?",
        [meeting.id],
    ).fetchone()
    assert row == ("Ria Jansen",)


def test_fill_all_gaps_from_the_overview_saves_the_proposal(qtbot, demo_ctx, prompter):
    """Fill all gaps: the core's proposal is shown, and accepting it leaves no gap it could fill."""
    from budgetkring.staffing.substitutions import find_gaps
    from ui.pages.overview import OverviewPage

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    first = list_sessions(demo_ctx.store, deventer.id, TODAY)[0]
    kees = fid(demo_ctx.store, "Kees Bakker")
    add_absence(demo_ctx.store, kees, first.date, first.date + timedelta(days=20), "holiday")
    gaps = find_gaps(demo_ctx.store, TODAY)
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    seen = {}

    def accept(dialog):
        seen["rows"] = dialog.table.rowCount()
        seen["open"] = sum(1 for combo in dialog.choices if combo.currentData() is None)
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        seen["saved"] = dialog.saved

    prompter.dialog_actions.append(accept)
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert seen["rows"] == len(gaps) >= 2
    assert seen["saved"] >= 1
    # Saved as asked: no place is open any more, but each waits for a yes on Overzicht.
    assert len([g for g in find_gaps(demo_ctx.store, TODAY) if g.open_places]) == seen["open"]
    assert len(gap_rows(page)) == seen["open"]


def test_fill_all_gaps_saves_nothing_when_a_choice_became_impossible(qtbot, demo_ctx):
    """A choice the rules refuse at saving time: nothing is saved and the problem is named."""
    from budgetkring.staffing.substitutions import fill_gaps, find_gaps
    from ui.dialogs.standin_dialogs import FillGapsDialog

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    first = list_sessions(demo_ctx.store, deventer.id, TODAY)[0]
    kees = fid(demo_ctx.store, "Kees Bakker")
    add_absence(demo_ctx.store, kees, first.date, first.date + timedelta(days=20), "holiday")
    proposals = fill_gaps(demo_ctx.store, TODAY)
    dialog = FillGapsDialog(demo_ctx, proposals)
    qtbot.addWidget(dialog)
    chosen = next(p for p in proposals if p.candidate)
    # Meanwhile the proposed stand-in becomes unavailable on that day.
    day = chosen.slot.day
    add_absence(demo_ctx.store, chosen.candidate.person.id, day, day, "illness")
    before = demo_ctx.store.db.execute("SELECT count(*) FROM substitution").fetchone()[0]
    gaps_before = len(find_gaps(demo_ctx.store, TODAY))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.store.db.execute("SELECT count(*) FROM substitution").fetchone()[0] == before
    assert len(find_gaps(demo_ctx.store, TODAY)) == gaps_before
    assert not dialog.problem.isHidden() and "Nothing was saved" in dialog.problem.text()
    assert chosen.candidate.person.name in dialog.problem.text()
    assert dialog.saved == 0 and dialog.accept_button.isEnabled()


def test_meeting_page_confirms_and_removes_a_stand_in(qtbot, demo_ctx, prompter):
    """An asked stand-in can be marked as agreed, then removed after confirmation."""
    from budgetkring.staffing.substitutions import find_gaps, substitute
    from ui.dialogs.meeting_dialog import MeetingDialog

    gap = find_gaps(demo_ctx.store, TODAY)[0]
    substitute(
        demo_ctx.store,
        gap.session_id,
        fid(demo_ctx.store, "Henk Smit"),
        None,
        TODAY,
        confirmed=False,
    )
    page = MeetingDialog(demo_ctx, gap.session_id)
    qtbot.addWidget(page)
    assert page.standins.count() == 1 and "not agreed yet" in page.standins.item(0).text()
    assert find_gaps(demo_ctx.store, TODAY)[0].session_id == gap.session_id
    qtbot.mouseClick(page.agreed_button, Qt.MouseButton.LeftButton)
    assert find_gaps(demo_ctx.store, TODAY) == []
    prompter.confirm_answer = False
    qtbot.mouseClick(page.remove_standin_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.store.db.execute("SELECT count(*) FROM substitution").fetchone()[0] == 2
    prompter.confirm_answer = True
    qtbot.mouseClick(page.remove_standin_button, Qt.MouseButton.LeftButton)
    assert [g.session_id for g in find_gaps(demo_ctx.store, TODAY)] == [gap.session_id]
    assert page.standins.count() == 0 and page.changed


def test_weights_change_the_ranking(qtbot, demo_ctx):
    """Raising 'lives in the municipality' in the weights dialog is saved and used."""
    from budgetkring.settings import Settings
    from budgetkring.staffing.substitutions import find_gaps, suggest
    from ui.dialogs.weights_dialog import WeightsDialog

    dialog = WeightsDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.spins["same_town"].setValue(90)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert Settings.load(demo_ctx.settings_file).ranking_weights == {"same_town": 90}
    gap = find_gaps(demo_ctx.store, TODAY)[0]
    top = suggest(demo_ctx.store, gap.session_id, TODAY, demo_ctx.settings.ranking_weights)
    assert top.ranked[0].person.town == "Zwolle" and top.ranked[0].score >= 90


def test_enter_on_a_gap_opens_the_suggestions(qtbot, demo_ctx, prompter):
    """Keyboard users: Enter on a highlighted gap opens the stand-in suggestions."""
    from ui.pages.overview import OverviewPage

    opened = []
    prompter.dialog_actions.append(lambda dialog: opened.append(dialog.session.id))
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    target = gap_rows(page)[0]
    page.attention.setCurrentItem(target)
    page.attention.setFocus()
    qtbot.keyClick(page.attention, Qt.Key.Key_Return)
    assert opened == [target.data(Qt.ItemDataRole.UserRole)[2]]


def attention_rows(page, kind):
    """The overview's attention items of one kind."""
    items = [page.attention.item(i) for i in range(page.attention.count())]
    return [i for i in items if i.data(Qt.ItemDataRole.UserRole)[1] == kind]


def click_row(qtbot, page, row):
    """Click an attention item the way a user does."""
    rect = page.attention.visualItemRect(row)
    qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_chosen_stand_in_is_asked_until_agreed_on_the_meeting_page(qtbot, demo_ctx, prompter):
    """Issue 9, bug 4: 'agreed' is not ticked; the choice is saved as asked, Overzicht keeps
    the meeting until 'Stand-in has agreed' on its meeting page, and each step says what
    changed."""
    from ui.dialogs.meeting_dialog import MeetingDialog
    from ui.pages.overview import OverviewPage

    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    gap = gap_rows(page)[0]
    session_id = gap.data(Qt.ItemDataRole.UserRole)[2]
    seen = {}

    def choose_first(dialog):
        seen["ticked"] = dialog.confirmed.isChecked()
        seen["name"] = dialog.candidates.currentItem().text().split("\n")[0].split(". ", 1)[1]
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    prompter.dialog_actions.append(choose_first)
    click_row(qtbot, page, gap)
    assert seen["ticked"] is False
    rows = "SELECT confirmed FROM substitution WHERE session_id = ?"
    assert demo_ctx.store.db.execute(rows, [session_id]).fetchall() == [(0,)]
    assert not any(r.data(Qt.ItemDataRole.UserRole)[2] == session_id for r in gap_rows(page))
    waiting = attention_rows(page, "asked")
    assert [r.data(Qt.ItemDataRole.UserRole)[2] for r in waiting] == [session_id]
    assert f"{seen['name']} has been asked to stand in" in waiting[0].text()
    kind, _title, said = prompter.messages[-1]
    assert kind == "notify" and said.startswith("Tue 15 Dec: ")
    assert said.endswith(
        f"{seen['name']} has been asked to stand in for Mohamed Amrani; not agreed yet."
    )

    def agree(dialog):
        assert isinstance(dialog, MeetingDialog)
        qtbot.mouseClick(dialog.agreed_button, Qt.MouseButton.LeftButton)

    prompter.dialog_actions.append(agree)
    click_row(qtbot, page, waiting[0])
    assert demo_ctx.store.db.execute(rows, [session_id]).fetchall() == [(1,)]
    assert attention_rows(page, "asked") == [] and gap_rows(page) == []
    assert prompter.messages[-1][0] == "notify"
    assert "The meeting has two facilitators now." in prompter.messages[-1][2]


def test_fill_all_gaps_saves_every_choice_as_asked_and_says_so(qtbot, demo_ctx, prompter):
    """Issue 9, bug 4: 'Fill all gaps' saves each stand-in as asked (not agreed), Overzicht
    lists those meetings as waiting, and the status line says how many were asked."""
    from ui.pages.overview import OverviewPage

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    first = list_sessions(demo_ctx.store, deventer.id, TODAY)[0]
    kees = fid(demo_ctx.store, "Kees Bakker")
    add_absence(demo_ctx.store, kees, first.date, first.date + timedelta(days=20), "holiday")
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    seen = {}

    def accept(dialog):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        seen["saved"] = dialog.saved

    prompter.dialog_actions.append(accept)
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert seen["saved"] >= 2
    rows = demo_ctx.store.db.execute("SELECT confirmed FROM substitution").fetchall()
    assert sorted(rows) == [(0,)] * seen["saved"] + [(1,)]  # the demo's own stand-in agreed
    assert len(attention_rows(page, "asked")) == seen["saved"]
    kind, _title, said = prompter.messages[-1]
    assert kind == "notify" and f"{seen['saved']} stand-ins have been asked" in said


def test_adding_an_absence_says_how_many_meetings_miss_a_facilitator(qtbot, demo_ctx, prompter):
    """'Say what changed': after adding an absence over two meetings, the dialog (and the
    status line) says that two meetings now miss a facilitator."""
    from budgetkring.staffing.facilitators import get_facilitator
    from ui.dialogs.absence_dialog import AbsenceDialog

    deventer = find_circle(demo_ctx.store, "Deventer Centrum")
    meetings = [s for s in list_sessions(demo_ctx.store, deventer.id, TODAY) if s.date >= TODAY]
    ria = get_facilitator(demo_ctx.store, fid(demo_ctx.store, "Ria Jansen"), TODAY)
    dialog = AbsenceDialog(demo_ctx, ria)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.first.setDate(meetings[0].date)
    dialog.last.setDate(meetings[1].date)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.isVisible()
    text = dialog.outcome.text()
    assert text.startswith("Ria Jansen is away from ")
    assert text.endswith("2 meetings now miss a facilitator.")
    assert prompter.messages[-1] == ("notify", "", text)
