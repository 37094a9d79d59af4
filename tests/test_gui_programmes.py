"""GUI: the Programmes page and the meeting dialog (pytest-qt, offscreen)."""

import json

import pytest
from PySide6.QtCore import Qt

from budgetkring.planning.programmes import (
    AgendaBlock,
    find_programme,
    get_version,
    list_programmes,
)


def click(qtbot, button):
    """Click a button with the mouse, as a user would."""
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def version_count(store) -> int:
    """How many programme versions the database holds."""
    return store.db.execute("SELECT count(*) FROM programme_version").fetchone()[0]


@pytest.fixture
def page(qtbot, ctx):
    """The Programmes page over a new database (the default programme, version 1)."""
    from ui.pages.programmes import ProgrammesPage

    widget = ProgrammesPage(ctx)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def answer_dialog(monkeypatch, qtbot):
    """Let a test fill in the meeting dialog when the page opens it."""
    from ui.dialogs.template_dialog import TemplateDialog

    def install(fill):
        def fake_exec(dialog):
            qtbot.addWidget(dialog)
            fill(dialog)
            return dialog.result()

        monkeypatch.setattr(TemplateDialog, "exec", fake_exec)

    return install


def test_page_shows_the_programme_and_its_meetings(page):
    """The chooser names the version; the table lists meetings with translated life domains."""
    assert page.chooser.currentText() == "Gelukkig met Genoeg (version 1)"
    assert page.model.rowCount() == 19
    assert page.model.data(page.model.index(1, 2)) == "money"
    assert page.model.data(page.model.index(0, 3)) == "120"
    assert not page.save_button.isEnabled() and page.unsaved.isHidden()


def test_edit_title_and_save_as_new_version(qtbot, page, ctx, answer_dialog):
    """A title typed in the dialog is in version 2 after saving; version 1 keeps the old one."""
    old = find_programme(ctx.store)

    def retitle(dialog):
        dialog.title.clear()
        qtbot.keyClicks(dialog.title, "Geld erin, geld eruit")
        click(qtbot, dialog.save_button)

    answer_dialog(retitle)
    page.select(1)
    click(qtbot, page.edit_button)
    assert page.model.data(page.model.index(1, 1)) == "Geld erin, geld eruit"
    assert not page.unsaved.isHidden() and version_count(ctx.store) == 1
    click(qtbot, page.save_button)
    new = find_programme(ctx.store)
    assert new.version == 2 and new.sessions[1].title == "Geld erin, geld eruit"
    assert new.sessions[1].key == old.sessions[1].key
    assert get_version(ctx.store, old.version_id).sessions[1].title == old.sessions[1].title
    assert "version 2" in page.status.text()
    assert page.chooser.currentText() == "Gelukkig met Genoeg (version 2)"
    assert not page.save_button.isEnabled() and page.unsaved.isHidden()


def test_move_down_then_save_changes_the_order(qtbot, page, ctx):
    """Move down swaps two meetings; the saved version has the new order, the old one not."""
    old = find_programme(ctx.store)
    page.select(1)
    assert page.up_button.isEnabled()
    click(qtbot, page.down_button)
    assert page.selected_row() == 2  # the moved meeting stays selected
    click(qtbot, page.save_button)
    new_keys = [s.key for s in find_programme(ctx.store).sessions]
    old_keys = [s.key for s in old.sessions]
    assert new_keys[1:3] == [old_keys[2], old_keys[1]]
    assert new_keys[3:] == old_keys[3:]
    assert [s.key for s in get_version(ctx.store, old.version_id).sessions] == old_keys


def test_new_meeting_is_added_after_the_selected_one(qtbot, page, ctx, answer_dialog):
    """A new meeting starts with an agenda that fits and lands after the selected meeting."""

    def fill(dialog):
        qtbot.keyClicks(dialog.title, "Samen koken")
        dialog.domain_boxes["physical_health"].setChecked(True)
        qtbot.keyClicks(dialog.aims, "Goedkoop en gezond koken")
        click(qtbot, dialog.save_button)

    answer_dialog(fill)
    page.select(4)
    click(qtbot, page.add_button)
    click(qtbot, page.save_button)
    meeting = find_programme(ctx.store).sessions[5]
    assert (meeting.title, meeting.domains, meeting.aims) == (
        "Samen koken",
        ["physical_health"],
        ["Goedkoop en gezond koken"],
    )
    assert meeting.minutes == 120 and meeting.key == "samen-koken"


def test_remove_asks_first(qtbot, page, ctx, prompter):
    """Removing a meeting asks; no keeps it, yes removes it from the copy until saved."""
    title = page.programme.sessions[3].title
    page.select(3)
    prompter.confirm_answer = False
    click(qtbot, page.remove_button)
    assert prompter.messages[-1][0] == "confirm" and title in prompter.messages[-1][2]
    assert page.model.rowCount() == 19 and page.unsaved.isHidden()
    prompter.confirm_answer = True
    click(qtbot, page.remove_button)
    assert page.model.rowCount() == 18 and not page.unsaved.isHidden()
    click(qtbot, page.save_button)
    assert title not in [s.title for s in find_programme(ctx.store).sessions]


def test_refresh_with_unsaved_changes_asks_to_discard(qtbot, page, prompter):
    """Refreshing with changes asks; no keeps the changes, yes shows the saved version again."""
    page.select(0)
    click(qtbot, page.down_button)
    prompter.confirm_answer = False
    page.refresh()
    assert prompter.messages[-1][1] == "Discard changes"
    assert page.has_unsaved_changes()
    prompter.confirm_answer = True
    page.refresh()
    assert not page.has_unsaved_changes() and page.unsaved.isHidden()
    assert page.model.row_object(0)[1].key == "kick-off"


def test_save_error_is_shown_and_nothing_saved(qtbot, page, ctx, prompter):
    """A copy that breaks the rules is refused with the plain message; no version is added."""
    page.programme.sessions[2].agenda.append(AgendaBlock("Extra", 10))
    page.save()  # the copy was changed behind the buttons' back, so call the slot
    assert prompter.messages[-1][0] == "error"
    assert "agenda takes 130 minutes" in prompter.messages[-1][2]
    assert version_count(ctx.store) == 1 and page.has_unsaved_changes()


def test_import_invalid_file_shows_error_and_changes_nothing(qtbot, page, ctx, prompter, tmp_path):
    """A broken file chosen on the page gives an error message; the versions stay as they were."""
    bad = tmp_path / "kapot.json"
    data = find_programme(ctx.store).to_dict()
    data["sessions"][0]["domains"] = ["astrology"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    prompter.file_answer = str(bad)
    click(qtbot, page.import_button)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "unknown life domain 'astrology'" in text
    assert "Traceback" not in text
    assert version_count(ctx.store) == 1
    assert page.chooser.currentText() == "Gelukkig met Genoeg (version 1)"


def test_export_then_import_through_the_page(qtbot, page, ctx, prompter, tmp_path):
    """Export writes the shown version; importing that file adds version 2 and shows it."""
    path = tmp_path / "programma.json"
    prompter.file_answer = str(path)
    click(qtbot, page.export_button)
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Gelukkig met Genoeg"
    click(qtbot, page.import_button)
    assert [p.version for p in list_programmes(ctx.store)] == [2]
    assert page.chooser.currentText() == "Gelukkig met Genoeg (version 2)"
    assert "version 2" in page.status.text()


def test_agenda_total_shows_a_mismatch(qtbot, ctx):
    """Changing minutes makes the total red with the difference; Save then keeps the dialog open."""
    from ui.dialogs.template_dialog import TemplateDialog

    meeting = find_programme(ctx.store).sessions[3]
    dialog = TemplateDialog(meeting, 120)
    qtbot.addWidget(dialog)
    assert dialog.total.text() == "Together: 120 of 120 minutes"
    spin = dialog.agenda.cellWidget(1, 1)
    shorter = str(spin.value() - 10)
    spin.selectAll()
    qtbot.keyClicks(spin, shorter)
    assert dialog.total.text() == "Together: 110 of 120 minutes (10 short)"
    assert "#b00020" in dialog.total.styleSheet()
    click(qtbot, dialog.save_button)
    assert dialog.result_template is None and dialog.result() == 0
    assert not dialog.errors.isHidden()
    assert dialog.errors.text() == "The agenda takes 110 minutes, but a meeting lasts 120."


def test_dialog_names_missing_title_and_domain(qtbot, ctx):
    """An empty title and no life domain are both named in the dialog, not in a message box."""
    from ui.dialogs.template_dialog import TemplateDialog

    dialog = TemplateDialog(None, 120)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.save_button)
    assert dialog.errors.text().splitlines() == [
        "This meeting has no title.",
        "This meeting has no life domain.",
    ]
    assert dialog.result_template is None


def test_switching_programme_with_changes_asks_first(qtbot, page, ctx, prompter):
    """Choosing another programme with unsaved changes asks; no stays on the changed one."""
    from budgetkring.planning.programmes import save_version

    short = find_programme(ctx.store)
    short.name, short.sessions = "Kort programma", short.sessions[:3]
    save_version(ctx.store, short)
    page.refresh()
    assert page.chooser.count() == 2
    page.select(0)
    click(qtbot, page.down_button)
    prompter.confirm_answer = False
    page.chooser.setCurrentIndex(1)
    assert prompter.messages[-1][1] == "Discard changes"
    assert page.chooser.currentText() == "Gelukkig met Genoeg (version 1)"
    assert page.has_unsaved_changes() and page.model.rowCount() == 19
    prompter.confirm_answer = True
    page.chooser.setCurrentIndex(1)
    assert page.chooser.currentText() == "Kort programma (version 1)"
    assert page.model.rowCount() == 3 and not page.has_unsaved_changes()
