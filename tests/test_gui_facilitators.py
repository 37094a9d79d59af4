"""GUI: the facilitators page, the facilitator, absence and pair dialogs (pytest-qt, offscreen)."""

import json
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import list_sessions
from budgetkring.staffing.absences import add_absence
from budgetkring.staffing.facilitators import (
    find_facilitator,
    list_facilitators,
    update_facilitator,
)
from budgetkring.staffing.substitutions import substitute, substitution_history
from tests.conftest import TODAY, fid

CLICK = Qt.MouseButton.LeftButton


def _details(ctx, name):
    return next(d for d in list_facilitators(ctx.store, TODAY) if d.name == name)


def _absences(ctx, name):
    fid = find_facilitator(ctx.store, name).id
    return [
        (r["from_date"], r["to_date"], r["reason"])
        for r in ctx.store.db["absence"].rows_where("facilitator_id = ?", [fid])
    ]


def test_add_facilitator_through_the_dialog(qtbot, demo_ctx):
    """Typing a new trainee with consent, a mentor and weekday-only availability stores it all."""
    from ui.dialogs.facilitator_dialog import FacilitatorDialog

    dialog = FacilitatorDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.phone.isEnabled()  # no contact details before consent
    qtbot.keyClicks(dialog.name, "Lotte Kramer")
    qtbot.keyClicks(dialog.town, "Zwolle")
    qtbot.mouseClick(dialog.consent, CLICK)
    assert dialog.phone.isEnabled()
    qtbot.keyClicks(dialog.phone, "06 12345678")
    dialog.max_per_month.setValue(2)
    dialog.mentor.setCurrentIndex(dialog.mentor.findText("Anja de Vries"))
    for day in ("sat", "sun"):
        for part in ("morning", "afternoon", "evening"):
            qtbot.mouseClick(dialog.availability.boxes[(day, part)], CLICK)
    qtbot.mouseClick(dialog.save_button, CLICK)

    assert dialog.result() == dialog.DialogCode.Accepted
    row = next(demo_ctx.store.db["facilitator"].rows_where("name = ?", ["Lotte Kramer"]))
    assert (row["status"], row["town"], row["phone"], row["contact_consent"]) == (
        "trainee",
        "Zwolle",
        "06 12345678",
        1,
    )
    assert row["max_per_month"] == 2
    assert row["mentor_id"] == find_facilitator(demo_ctx.store, "Anja de Vries").id
    availability = json.loads(row["availability"])
    assert sorted(availability) == ["fri", "mon", "thu", "tue", "wed"]
    assert availability["mon"] == ["morning", "afternoon", "evening"]
    assert dialog.saved.name == "Lotte Kramer"


def test_all_times_ticked_is_stored_as_always(qtbot, demo_ctx):
    """Unticking all, then 'Every day, any time', stores no availability limit."""
    from ui.dialogs.facilitator_dialog import FacilitatorDialog

    dialog = FacilitatorDialog(demo_ctx, _details(demo_ctx, "Henk Smit"))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.availability.none_button, CLICK)
    assert "not be asked" in dialog.availability.summary.text()
    qtbot.mouseClick(dialog.availability.all_button, CLICK)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert demo_ctx.store.db["facilitator"].get(_details(demo_ctx, "Henk Smit").id)[
        "availability"
    ] in ("", None)


def test_contact_details_without_consent_are_refused(qtbot, demo_ctx):
    """Phone typed, then consent unticked: Save shows why in red and nothing is saved."""
    from ui.dialogs.facilitator_dialog import FacilitatorDialog

    before = demo_ctx.store.db["facilitator"].count
    dialog = FacilitatorDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Lotte Kramer")
    qtbot.mouseClick(dialog.consent, CLICK)
    qtbot.keyClicks(dialog.email, "lotte@example.org")
    qtbot.mouseClick(dialog.consent, CLICK)
    assert not dialog.email.isEnabled() and dialog.remove_contact.isVisible()
    qtbot.mouseClick(dialog.save_button, CLICK)

    assert dialog.problem.isVisible() and "agreed" in dialog.problem.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert demo_ctx.store.db["facilitator"].count == before
    qtbot.mouseClick(dialog.remove_contact, CLICK)
    qtbot.mouseClick(dialog.save_button, CLICK)
    row = next(demo_ctx.store.db["facilitator"].rows_where("name = ?", ["Lotte Kramer"]))
    assert (row["email"], row["contact_consent"]) == ("", 0)


def test_record_an_absence(qtbot, demo_ctx):
    """Dates and a reason in the absence dialog become a row in the absence table."""
    from ui.dialogs.absence_dialog import AbsenceDialog

    dialog = AbsenceDialog(demo_ctx, _details(demo_ctx, "Kees Bakker"))
    qtbot.addWidget(dialog)
    assert dialog.reason.currentData() == "illness"  # the default
    dialog.first.setDate(QDate(TODAY + timedelta(days=10)))
    dialog.last.setDate(QDate(TODAY + timedelta(days=20)))
    dialog.reason.setCurrentIndex(dialog.reason.findData("holiday"))
    qtbot.mouseClick(dialog.add_button, CLICK)

    assert _absences(demo_ctx, "Kees Bakker") == [
        (
            (TODAY + timedelta(days=10)).isoformat(),
            (TODAY + timedelta(days=20)).isoformat(),
            "holiday",
        )
    ]
    assert dialog.changed
    assert dialog.list.count() == 1 and "on holiday" in dialog.list.item(0).text()


def test_absence_ending_before_it_starts_is_refused(qtbot, demo_ctx):
    """An end date before the start date shows the message in red and saves nothing."""
    from ui.dialogs.absence_dialog import AbsenceDialog

    dialog = AbsenceDialog(demo_ctx, _details(demo_ctx, "Kees Bakker"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.first.setDate(QDate(TODAY + timedelta(days=10)))
    dialog.last.setDate(QDate(TODAY + timedelta(days=5)))
    qtbot.mouseClick(dialog.add_button, CLICK)

    assert dialog.problem.isVisible() and "ends before it starts" in dialog.problem.text()
    assert _absences(demo_ctx, "Kees Bakker") == []
    assert not dialog.changed


def test_remove_an_absence_after_confirmation(qtbot, demo_ctx, prompter):
    """Remove asks first; 'no' keeps the absence, 'yes' deletes it."""
    from ui.dialogs.absence_dialog import AbsenceDialog

    add_absence(
        demo_ctx.store,
        fid(demo_ctx.store, "Kees Bakker"),
        TODAY,
        TODAY + timedelta(days=3),
        "personal",
    )
    dialog = AbsenceDialog(demo_ctx, _details(demo_ctx, "Kees Bakker"))
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.remove_button, CLICK)
    assert len(_absences(demo_ctx, "Kees Bakker")) == 1
    assert prompter.messages[-1][0] == "confirm" and "personal reasons" in prompter.messages[-1][2]

    prompter.confirm_answer = True
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, CLICK)
    assert _absences(demo_ctx, "Kees Bakker") == []
    assert dialog.list.count() == 0 and dialog.changed


def _leads(ctx, circle_id):
    rows = ctx.store.db.query(
        """SELECT f.name, cl.from_date, cl.to_date FROM circle_lead cl
           JOIN facilitator f ON f.id = cl.facilitator_id WHERE cl.circle_id = ?
           ORDER BY cl.from_date, f.name""",
        [circle_id],
    )
    return [(r["name"], r["from_date"], r["to_date"]) for r in rows]


def test_pair_dialog_replaces_the_pair_and_keeps_history(qtbot, demo_ctx):
    """A new pair from next week: the old lead periods end the day before and stay stored."""
    from ui.dialogs.pair_dialog import PairDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    before = _leads(demo_ctx, circle.id)
    dialog = PairDialog(demo_ctx, circle)
    qtbot.addWidget(dialog)
    store = demo_ctx.store
    assert {dialog.first.currentData(), dialog.second.currentData()} == {
        fid(store, "Anja de Vries"),
        fid(store, "Mohamed Amrani"),
    }
    assert dialog.history.count() == len(before)  # every lead period, the demo's earlier too
    dialog.second.setCurrentIndex(dialog.second.findData(fid(store, "Fatma Yilmaz")))
    start = TODAY + timedelta(days=7)
    dialog.from_date.setDate(QDate(start))
    qtbot.mouseClick(dialog.save_button, CLICK)

    assert dialog.saved
    day_before = (start - timedelta(days=1)).isoformat()
    assert _leads(demo_ctx, circle.id) == [
        (name, first, to or day_before) for name, first, to in before
    ] + [("Anja de Vries", start.isoformat(), None), ("Fatma Yilmaz", start.isoformat(), None)]


def test_pair_dialog_refuses_the_same_person_twice(qtbot, demo_ctx):
    """Choosing one facilitator in both places shows a red message and changes nothing."""
    from ui.dialogs.pair_dialog import PairDialog

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    before = _leads(demo_ctx, circle.id)
    dialog = PairDialog(demo_ctx, circle)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.second.setCurrentIndex(dialog.second.findData(dialog.first.currentData()))
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.problem.isVisible() and "two different" in dialog.problem.text()
    assert _leads(demo_ctx, circle.id) == before and not dialog.saved


def _names(page):
    return [page.model.row_object(r).name for r in range(page.model.rowCount())]


def test_page_hides_stopped_facilitators_until_asked(qtbot, demo_ctx):
    """A stopped facilitator is left out until 'Show stopped' is ticked (or they are selected)."""
    from ui.pages.facilitators import FacilitatorsPage

    update_facilitator(
        demo_ctx.store, replace(_details(demo_ctx, "Henk Smit"), status="stopped"), TODAY
    )
    page = FacilitatorsPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    assert "Henk Smit" not in _names(page) and "Anja de Vries" in _names(page)
    qtbot.mouseClick(page.show_stopped, CLICK)
    assert "Henk Smit" in _names(page)
    qtbot.mouseClick(page.show_stopped, CLICK)
    page.select(find_facilitator(demo_ctx.store, "Henk Smit").id)  # e.g. after editing
    assert page.show_stopped.isChecked() and page.selected().name == "Henk Smit"


def test_page_shows_who_is_away(qtbot, demo_ctx):
    """A facilitator away today shows 'away until …' with the reason in the table."""
    from ui.pages.facilitators import FacilitatorsPage

    add_absence(
        demo_ctx.store,
        fid(demo_ctx.store, "Kees Bakker"),
        TODAY,
        TODAY + timedelta(days=10),
        "holiday",
    )
    page = FacilitatorsPage(demo_ctx)
    qtbot.addWidget(page)
    row = _names(page).index("Kees Bakker")
    column = page.model.columnCount() - 1
    assert page.model.index(row, column).data() == "away until 9 Dec (on holiday)"


def test_new_facilitator_from_the_page(qtbot, demo_ctx, monkeypatch):
    """'New facilitator…' opens the form; after saving, the new row is listed and selected."""
    from ui.dialogs import facilitator_dialog
    from ui.pages.facilitators import FacilitatorsPage

    page = FacilitatorsPage(demo_ctx)
    qtbot.addWidget(page)

    def fill_and_save(dialog):
        qtbot.keyClicks(dialog.name, "Lotte Kramer")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(facilitator_dialog.FacilitatorDialog, "exec", fill_and_save)
    qtbot.mouseClick(page.add_button, CLICK)
    assert page.selected().name == "Lotte Kramer"
    assert demo_ctx.store.db["facilitator"].count == 9


def test_history_panel_lists_a_stand_in(qtbot, demo_ctx):
    """A stand-in at a Zwolle-Zuid meeting shows in both facilitators' history panels."""
    from ui.pages.facilitators import FacilitatorsPage

    circle = find_circle(demo_ctx.store, "Zwolle-Zuid")
    taken = {x.session_id for x in substitution_history(demo_ctx.store)}
    meeting = next(
        s
        for s in list_sessions(demo_ctx.store, circle.id, TODAY)
        if s.status == "planned" and s.id not in taken
    )
    add_absence(
        demo_ctx.store, fid(demo_ctx.store, "Mohamed Amrani"), meeting.date, meeting.date, "illness"
    )
    substitute(
        demo_ctx.store,
        meeting.id,
        fid(demo_ctx.store, "Fatma Yilmaz"),
        fid(demo_ctx.store, "Mohamed Amrani"),
        TODAY,
    )

    page = FacilitatorsPage(demo_ctx)
    qtbot.addWidget(page)
    page.select(find_facilitator(demo_ctx.store, "Mohamed Amrani").id)
    texts = [
        [page.history_model.index(r, c).data() for c in range(4)]
        for r in range(page.history_model.rowCount())
    ]
    assert ["Zwolle-Zuid", "Fatma Yilmaz stands in for them", "confirmed"] in [t[1:] for t in texts]
    assert "Mohamed Amrani" in page.history_title.text()

    page.select(find_facilitator(demo_ctx.store, "Fatma Yilmaz").id)
    whos = [page.history_model.index(r, 2).data() for r in range(page.history_model.rowCount())]
    assert "stands in for Mohamed Amrani" in whos


def test_a_facilitator_has_personal_goals_too(qtbot, demo_ctx, prompter):
    """Goals… on the facilitators page: a facilitator's goal is added and kept; one with an
    e-mail address is refused."""
    from budgetkring.participants.goals import list_goals
    from ui.pages.facilitators import FacilitatorsPage

    page = FacilitatorsPage(demo_ctx)
    qtbot.addWidget(page)
    page.select(fid(demo_ctx.store, "Kees Bakker"))
    seen = {}

    def add_two(dialog):
        panel = dialog.goals
        panel.goal_text.setText("Mail me: kees@example.nl")
        qtbot.mouseClick(panel.add_goal_button, Qt.MouseButton.LeftButton)
        seen["refused"] = not panel.goal_problem.isHidden()
        panel.goal_text.setText("Een ronde leiden zonder spiekbriefje")
        qtbot.mouseClick(panel.add_goal_button, Qt.MouseButton.LeftButton)

    prompter.dialog_actions.append(add_two)
    qtbot.mouseClick(page.goals_button, Qt.MouseButton.LeftButton)
    goals = list_goals(demo_ctx.store, facilitator_id=fid(demo_ctx.store, "Kees Bakker"))
    assert seen["refused"] and [g.text for g in goals] == ["Een ronde leiden zonder spiekbriefje"]
