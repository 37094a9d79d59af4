"""GUI: the Opleiding page shows each trainee's bars, what is missing and the scores over time;
its forms observe, sign off, add a training day, set the start, certify (then show the
certificate), revoke, check a code and choose the trainers — each checked in the database."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.training.certificates import register
from budgetkring.training.progress import progress
from tests.conftest import TODAY, fid
from tests.test_training import build_circle, make_ready

CLICK = Qt.MouseButton.LeftButton


def open_page(qtbot, ctx, name: str | None = None):
    """The Training page, with a trainee chosen."""
    from ui.pages.training import TrainingPage

    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    if name:
        page.select(fid(ctx.store, name))
    return page


def rows(ctx, table: str, where: str = "1 = 1") -> list[tuple]:
    """Rows of a table, to see what was saved."""
    return ctx.store.db.execute(f"SELECT * FROM {table} WHERE {where}").fetchall()


def test_the_page_shows_bars_what_is_missing_and_scores_over_time(qtbot, demo_ctx):
    """Sanne: a bar "6 of 12 meetings", what she still needs in words, her signed-off
    competences ticked, and a column of scores for her one observation."""
    page = open_page(qtbot, demo_ctx, "Sanne Visser")
    names = [page.model.row_object(r).person.name for r in range(page.model.rowCount())]
    assert names == ["Jeroen Mulder", "Sanne Visser"]
    label, bar, amount = page.bars[0]
    assert label.text() == "Meetings led" and amount.text() == "6 of 12 meetings"
    assert (bar.value(), bar.maximum()) == (6, 12)
    assert page.bars[1][2].text() == "1 of 3 observations"
    assert page.missing.text().startswith("Still needed: lead 6 more meetings")
    lines = [page.competences.item(i).text() for i in range(page.competences.count())]
    assert sum(line.startswith("✓") for line in lines) == 3
    assert any("signed off by Henk Smit" in line for line in lines)
    model = page.scores.model()
    assert model.columnCount() == 2 and "Henk Smit" in model.headerData(
        1, Qt.Orientation.Horizontal
    )
    scores = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert scores["Samenwerken met de andere begeleider"] == "good"
    assert scores["Terugkijken op je eigen rol"] == "–"
    assert "Let op de tijd" in page.notes.text()


def test_observe_from_the_page_saves_scores_and_note(qtbot, demo_ctx, prompter):
    """Observe…: choose a meeting, two scores and a note; saved, and the bar moves on."""
    from ui.dialogs.training_dialogs import ObserveDialog

    page = open_page(qtbot, demo_ctx, "Sanne Visser")
    sanne = fid(demo_ctx.store, "Sanne Visser")

    def fill(dialog):
        assert isinstance(dialog, ObserveDialog)
        assert dialog.trainer.currentText() == "Henk Smit"
        dialog.meeting.setCurrentIndex(0)  # the latest meeting she led
        dialog.scores["rondes"].setCurrentIndex(dialog.scores["rondes"].findData(4))
        dialog.scores["tijd"].setCurrentIndex(dialog.scores["tijd"].findData(3))
        qtbot.keyClicks(dialog.note, "Rustig en duidelijk.")
        qtbot.mouseClick(dialog.ok_button, CLICK)

    prompter.dialog_actions.append(fill)
    qtbot.mouseClick(page.observe_button, CLICK)
    latest = progress(demo_ctx.store, sanne, TODAY).observations[-1]
    assert latest.scores == {"rondes": 4, "tijd": 3} and latest.note == "Rustig en duidelijk."
    assert page.bars[1][2].text() == "2 of 3 observations"
    assert page.scores.model().columnCount() == 3
    assert prompter.messages[-1] == ("notify", "", "The observation of Sanne Visser is saved.")


def test_an_observation_note_with_a_phone_number_is_refused_in_red(qtbot, demo_ctx):
    """The note is checked like all free text: refused with the reason, nothing saved."""
    from ui.dialogs.training_dialogs import ObserveDialog

    dialog = ObserveDialog(demo_ctx, fid(demo_ctx.store, "Sanne Visser"))
    qtbot.addWidget(dialog)
    dialog.show()
    before = rows(demo_ctx, "observation")
    qtbot.keyClicks(dialog.note, "Bel haar op 06-12345678")
    qtbot.mouseClick(dialog.ok_button, CLICK)
    assert dialog.problem.isVisible() and "phone number" in dialog.problem.text()
    assert rows(demo_ctx, "observation") == before and not dialog.saved


def test_jeroen_has_no_meeting_to_observe_yet(qtbot, demo_ctx):
    """A trainee who led no held meeting: the form says so and cannot be saved."""
    from ui.dialogs.training_dialogs import ObserveDialog

    dialog = ObserveDialog(demo_ctx, fid(demo_ctx.store, "Jeroen Mulder"))
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "has not led a meeting that was held yet" in dialog.problem.text()


def test_sign_off_offers_only_open_competences_and_saves(qtbot, demo_ctx, prompter):
    """Sign off…: the three already signed off are not offered; the chosen one is saved."""
    page = open_page(qtbot, demo_ctx, "Sanne Visser")
    sanne = fid(demo_ctx.store, "Sanne Visser")

    def choose(dialog):
        codes = [dialog.competence.itemData(i) for i in range(dialog.competence.count())]
        assert codes == ["rondes", "naast", "tijd", "doorverwijzen", "terugkijken"]
        dialog.competence.setCurrentIndex(codes.index("tijd"))
        qtbot.mouseClick(dialog.ok_button, CLICK)

    prompter.dialog_actions.append(choose)
    qtbot.mouseClick(page.sign_off_button, CLICK)
    saved = rows(demo_ctx, "competence_signoff", f"facilitator_id = {sanne}")
    assert ("tijd" in {r[1] for r in saved}) and len(saved) == 4
    assert page.bars[2][2].text() == "4 of 8 competences signed off"


def test_a_training_day_is_saved_and_one_to_come_is_refused(qtbot, demo_ctx):
    """Training day…: a day to come is refused in red; a past day with a topic is saved."""
    from ui.dialogs.training_dialogs import TrainingDayDialog

    sanne = fid(demo_ctx.store, "Sanne Visser")
    dialog = TrainingDayDialog(demo_ctx, sanne)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(TODAY + timedelta(days=3))
    qtbot.mouseClick(dialog.ok_button, CLICK)
    assert "once it has taken place" in dialog.problem.text() and not dialog.saved
    dialog.day.setDate(date(2026, 10, 6))
    qtbot.keyClicks(dialog.topic, "Doorverwijzen")
    qtbot.mouseClick(dialog.ok_button, CLICK)
    assert dialog.saved
    days = rows(demo_ctx, "training_day", f"facilitator_id = {sanne}")
    assert (sanne, "2026-10-06", "Doorverwijzen") in [(r[1], r[2], r[3]) for r in days]


def test_the_start_of_the_training_year_can_be_chosen_and_reset(qtbot, demo_ctx, prompter):
    """Start of the year…: a later date counts fewer meetings; back to the first meeting led."""
    page = open_page(qtbot, demo_ctx, "Sanne Visser")
    sanne = fid(demo_ctx.store, "Sanne Visser")
    third = progress(demo_ctx.store, sanne, TODAY).meetings[2].day

    def later(dialog):
        dialog.from_date.setChecked(True)
        dialog.day.setDate(third)
        qtbot.mouseClick(dialog.ok_button, CLICK)

    prompter.dialog_actions.append(later)
    qtbot.mouseClick(page.start_button, CLICK)
    assert page.bars[0][2].text() == "4 of 12 meetings"
    assert rows(demo_ctx, "training_record", f"facilitator_id = {sanne}")[0][2] == third.isoformat()

    def first(dialog):
        assert dialog.from_date.isChecked() and dialog.day.date() == third
        dialog.from_first.setChecked(True)
        qtbot.mouseClick(dialog.ok_button, CLICK)

    prompter.dialog_actions.append(first)
    qtbot.mouseClick(page.start_button, CLICK)
    assert page.bars[0][2].text() == "6 of 12 meetings"


def test_certify_is_refused_while_criteria_are_missing(qtbot, demo_ctx):
    """The certificate form names what is missing and cannot be used yet."""
    from ui.dialogs.training_dialogs import CertifyDialog

    dialog = CertifyDialog(demo_ctx, fid(demo_ctx.store, "Sanne Visser"))
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text().startswith("Sanne Visser cannot get the certificate yet.")
    assert "lead 6 more meetings" in dialog.problem.text()


def test_certify_then_see_the_certificate_and_find_it_in_the_register(qtbot, ctx, prompter):
    """A ready trainee gets the certificate: status certified at once, the preview opens on
    the certificate, and the register lists it as valid."""
    from ui.pdf_preview import PdfPreviewDialog

    tess = make_ready(ctx.store, build_circle(ctx.store))
    page = open_page(qtbot, ctx, "Tess")
    assert page.missing.text() == "Every criterion is met: a trainer can give the certificate."

    def give(dialog):
        assert dialog.ok_button.isEnabled() and dialog.trainer.currentText() == "Henk"
        assert "valid until 29 November 2029" in " ".join(
            w.text() for w in dialog.findChildren(type(dialog.problem)) if w.text()
        )
        qtbot.mouseClick(dialog.ok_button, CLICK)

    prompter.dialog_actions.append(give)
    qtbot.mouseClick(page.certify_button, CLICK)
    assert facilitators_by_id(ctx.store)[tess].status == "certified"
    preview = prompter.dialogs[-1]
    assert isinstance(preview, PdfPreviewDialog)
    assert preview.document.title == "Certificate BK-2026-0001 of Tess"
    assert page.model.rowCount() == 0  # no longer in training
    assert page.register_model.rowCount() == 1
    assert page.register_model.index(0, 4).data() == "valid"
    preview.done(0)


def test_revoke_needs_a_reason_and_the_register_says_revoked(qtbot, demo_ctx, prompter):
    """Revoke…: without a reason refused in red; with one, the register says revoked and Anja
    is in training again."""
    page = open_page(qtbot, demo_ctx)
    page.tabs.setCurrentIndex(1)
    page.register.selectRow(0)
    assert page.revoke_button.isEnabled()
    seen = {}

    def without_then_with(dialog):
        qtbot.mouseClick(dialog.revoke_button, CLICK)
        seen["red"] = dialog.problem.text()
        qtbot.keyClicks(dialog.reason, "Stopt als begeleider")
        qtbot.mouseClick(dialog.revoke_button, CLICK)

    prompter.dialog_actions.append(without_then_with)
    qtbot.mouseClick(page.revoke_button, CLICK)
    assert seen["red"] == "Say why the certificate is revoked."
    [certificate] = register(demo_ctx.store)
    assert certificate.revoke_reason == "Stopt als begeleider"
    assert page.register_model.index(0, 4).data() == "revoked"
    assert facilitators_by_id(demo_ctx.store)[certificate.facilitator_id].status == "trainee"
    assert not page.revoke_button.isEnabled()


def test_check_a_certificate_says_valid_and_a_changed_character_fails(qtbot, demo_ctx):
    """Check a certificate: the number and code (small letters, no dashes) are valid, in
    green; one changed character is not, in red."""
    from ui.dialogs.certificate_dialogs import VerifyDialog

    [certificate] = register(demo_ctx.store)
    dialog = VerifyDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.number, certificate.number.lower())
    qtbot.keyClicks(dialog.code, certificate.code.replace("-", "").lower())
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.outcome.text().startswith("Valid: certificate") and "1b5e20" in (
        dialog.outcome.styleSheet()
    )
    last = certificate.code[-1]
    dialog.code.setText(certificate.code[:-1] + ("2" if last != "2" else "3"))
    assert not dialog.outcome.isVisible()  # the old answer is gone
    qtbot.mouseClick(dialog.check_button, CLICK)
    assert "does not belong to certificate" in dialog.outcome.text()
    assert "b00020" in dialog.outcome.styleSheet()


def test_trainers_are_ticked_and_saved_together(qtbot, demo_ctx, prompter):
    """Trainers…: Henk is ticked, trainees are not offered; ticking Anja and unticking Henk
    saves both."""
    from budgetkring.training.records import trainer_ids

    page = open_page(qtbot, demo_ctx)

    def tick(dialog):
        items = {
            dialog.list.item(i).text(): dialog.list.item(i) for i in range(dialog.list.count())
        }
        assert not any("Sanne" in name for name in items)
        assert items["Henk Smit (certified)"].checkState() == Qt.CheckState.Checked
        items["Henk Smit (certified)"].setCheckState(Qt.CheckState.Unchecked)
        items["Anja de Vries (certified)"].setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dialog.save_button, CLICK)

    prompter.dialog_actions.append(tick)
    qtbot.mouseClick(page.trainers_button, CLICK)
    assert trainer_ids(demo_ctx.store) == {fid(demo_ctx.store, "Anja de Vries")}


def test_an_empty_organisation_says_what_to_do(qtbot, ctx):
    """Without trainees or certificates the page explains itself and offers no actions."""
    page = open_page(qtbot, ctx)
    QApplication.processEvents()
    assert "Nobody is in training now" in page.empty_note.text()
    assert not page.observe_button.isEnabled() and not page.detail.isVisible()
    assert page.register_note.text() == "No certificates have been given yet."
