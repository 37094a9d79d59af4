"""GUI: first-run screen, circles page and dialog, main window menus (pytest-qt, offscreen)."""

from PySide6.QtCore import Qt

from budgetkring.store import open_store
from budgetkring.store.backup import backup_to
from tests.conftest import TODAY


def test_first_run_walks_into_the_demo(qtbot, ctx):
    """Clicking the demo button chooses the demo and leaves this (the user's own) database
    empty: the app opens the demo in a file of its own (tests/test_demo_file.py)."""
    from ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.choice == FirstRunDialog.DEMO
    assert ctx.store.db["circle"].count == 0


def test_first_run_start_empty_needs_a_name(qtbot, ctx):
    """Start without a name shows a message; with a name the organisation is saved."""
    from ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert not dialog.org_error.isHidden() and dialog.result() == 0
    qtbot.keyClicks(dialog.org_name, "Samen Rondkomen Kampen")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert ctx.store.db["organisation"].get(1)["name"] == "Samen Rondkomen Kampen"
    assert ctx.store.db["circle"].count == 0


def test_add_circle_through_the_dialog(qtbot, ctx):
    """Typing into the real dialog and pressing Save stores the circle."""
    from ui.dialogs.circle_dialog import CircleDialog

    dialog = CircleDialog(ctx)
    qtbot.addWidget(dialog)
    save = dialog.save_button
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.errors["name"].isHidden()  # the message is next to the field
    assert ctx.store.db["circle"].count == 0
    qtbot.keyClicks(dialog.name, "Zwolle-Zuid")
    qtbot.keyClicks(dialog.municipality, "Zwolle")
    qtbot.keyClicks(dialog.place, "Buurthuis De Kasteelhof")
    dialog.has_start.setChecked(True)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    row = next(ctx.store.db["circle"].rows)
    assert (row["name"], row["municipality"], row["place"]) == (
        "Zwolle-Zuid",
        "Zwolle",
        "Buurthuis De Kasteelhof",
    )
    assert row["start_date"] == TODAY.isoformat()


def test_edit_circle_through_the_page(qtbot, demo_ctx, monkeypatch):
    """Select a circle on the Kringen page, edit its place in the dialog, find it saved."""
    from ui.dialogs import circle_dialog
    from ui.pages.circles import CirclesPage

    page = CirclesPage(demo_ctx)
    qtbot.addWidget(page)
    page.select(1)

    def fill_and_save(dialog):
        dialog.place.clear()
        qtbot.keyClicks(dialog.place, "Nieuwe plek")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(circle_dialog.CircleDialog, "exec", fill_and_save)
    page.edit_selected()
    assert demo_ctx.store.db["circle"].get(1)["place"] == "Nieuwe plek"
    assert "Nieuwe plek" in [page.model.row_object(r).place for r in range(page.model.rowCount())]


def test_archive_asks_first_and_hides(qtbot, demo_ctx, prompter):
    """Archiving asks for confirmation; saying no keeps it, yes hides it from the list."""
    from ui.pages.circles import CirclesPage

    page = CirclesPage(demo_ctx)
    qtbot.addWidget(page)
    page.select(1)
    prompter.confirm_answer = False
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.store.db["circle"].get(1)["archived"] == 0
    prompter.confirm_answer = True
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.store.db["circle"].get(1)["archived"] == 1
    assert page.model.rowCount() == 2


def test_main_window_shows_only_working_pages_and_attention(qtbot, demo_ctx):
    """Navigation lists the working pages; the overview names what needs attention."""
    from ui.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Overview",
        "Circles",
        "Planning",
        "Participants",
        "Facilitators",
        "Programmes",
        "Coordination",
        "Training",
    ]
    overview = window.pages["overview"]
    texts = [overview.attention.item(i).text() for i in range(overview.attention.count())]
    assert any("Kampen Brunnepe has 7 participants" in t for t in texts)
    assert overview.model.rowCount() == 3


def test_text_size_is_remembered(qtbot, demo_ctx):
    """Larger text raises the font size and saves it in the settings file."""
    from budgetkring.settings import Settings
    from ui.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.change_font(+1)
    assert Settings.load(demo_ctx.settings_file).font_size > 0


def test_restore_from_the_file_menu(qtbot, demo_ctx, prompter, tmp_path):
    """File → Restore: confirmed, the backup's data is back and the pages show it."""
    from ui import file_actions
    from ui.main_window import MainWindow

    saved = backup_to(demo_ctx.store, tmp_path / "b.db")
    demo_ctx.store.db["circle"].update(1, {"name": "Changed"})
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    prompter.file_answer = str(saved)
    file_actions.restore_backup(window)
    assert demo_ctx.store.db["circle"].get(1)["name"] != "Changed"
    assert prompter.messages[-1][0] == "inform"


def test_desktop_app_refuses_a_database_in_use(qtbot, db_path, prompter, tmp_path):
    """Opening a database another window holds shows a message instead of a traceback."""
    from PySide6.QtWidgets import QApplication

    from budgetkring.settings import Settings
    from ui.app import DesktopApp

    holder = open_store(db_path)
    try:
        app = DesktopApp(QApplication.instance(), Settings(), tmp_path / "s.json", prompter)
        assert app.open(db_path) is False
        assert prompter.messages[-1][0] == "error" and "already open" in prompter.messages[-1][2]
    finally:
        holder.close()


def test_a_damaged_database_offers_the_latest_good_backup(qtbot, tmp_path, prompter, db_path):
    """Opening a damaged database offers to restore the latest good backup; after yes the app
    opens with the data of that backup and the damaged file is kept."""
    from PySide6.QtWidgets import QApplication

    from budgetkring.organisation.circles import list_circles
    from budgetkring.organisation.database import make_backup
    from budgetkring.organisation.demo import load_demo
    from budgetkring.settings import Settings
    from ui.app import DesktopApp

    with open_store(db_path) as store:
        load_demo(store, TODAY)
        make_backup(store)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    data[:100] = b"\0" * 100
    db_path.write_bytes(bytes(data))
    app = DesktopApp(QApplication.instance(), Settings(), tmp_path / "s.json", prompter)
    try:
        assert app.open(db_path) is True
        assert prompter.messages[0][0] == "confirm" and "damaged" in prompter.messages[0][2]
        assert len(list_circles(app.ctx.store, TODAY)) == 3
        assert list(tmp_path.glob("kring.db.damaged-*"))
    finally:
        app.close()
        if app.window is not None:
            app.window.close()


def test_a_damaged_database_is_left_alone_when_the_user_says_no(tmp_path, prompter, db_path):
    """Saying no to restoring leaves the damaged file where it is and opens nothing."""
    from PySide6.QtWidgets import QApplication

    from budgetkring.organisation.database import make_backup
    from budgetkring.settings import Settings
    from ui.app import DesktopApp

    with open_store(db_path) as store:
        make_backup(store)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_path.write_bytes(b"\0" * 8192)
    prompter.confirm_answer = False
    app = DesktopApp(QApplication.instance(), Settings(), tmp_path / "s.json", prompter)
    assert app.open(db_path) is False
    assert db_path.read_bytes() == b"\0" * 8192
    assert not list(tmp_path.glob("kring.db.damaged-*"))


def _planned_circle_without_pair(store, name="Hattem"):
    """A running circle with a year planned but nobody to lead it."""
    from datetime import date

    from budgetkring.organisation.circles import add_circle
    from budgetkring.planning.plan import PlanRequest, save_plan
    from budgetkring.planning.schedule import parse_time_range

    circle = add_circle(store, name=name, municipality=name, status="running")
    begin, end = parse_time_range("10:00-12:00")
    save_plan(store, PlanRequest(circle.id, date(2027, 1, 12), 1, begin, end, "2w", "noord"), TODAY)
    return circle


def _attention(page):
    """(kind, text) of every item on the overview."""
    items = [page.attention.item(i) for i in range(page.attention.count())]
    return [(i.data(Qt.ItemDataRole.UserRole)[1], i.text()) for i in items]


def test_overview_names_a_circle_without_a_pair_once_and_opens_the_pair_form(
    qtbot, demo_ctx, prompter
):
    """Issue 9, bug 10: a planned circle without facilitators is one item ('… has no
    facilitators yet. Choose a pair.'), not one per meeting advising stand-ins; it opens the
    pair form."""
    from ui.dialogs.pair_dialog import PairDialog
    from ui.pages.overview import OverviewPage

    _planned_circle_without_pair(demo_ctx.store)
    page = OverviewPage(demo_ctx)
    qtbot.addWidget(page)
    items = _attention(page)
    about = [(k, t) for k, t in items if "Hattem" in t and k in ("pair", "gap")]
    assert about == [("pair", "• Hattem has no facilitators yet. Choose a pair.")]
    assert [k for k, _t in items].count("gap") == 1  # only the demo's own open meeting
    page.attention.setCurrentRow(items.index(about[0]))
    row = page.attention.currentItem()
    rect = page.attention.visualItemRect(row)
    qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(prompter.dialogs) == 1 and isinstance(prompter.dialogs[0], PairDialog)
    assert prompter.dialogs[0].circle.name == "Hattem"


def test_overview_without_any_facilitator_offers_to_add_one(qtbot, ctx, prompter):
    """Issue 9, bug 10: with no facilitators at all, Overzicht says so in one item (not one per
    circle) and that item opens the form for a new facilitator."""
    from ui.dialogs.facilitator_dialog import FacilitatorDialog
    from ui.pages.overview import OverviewPage

    _planned_circle_without_pair(ctx.store, "Hattem")
    _planned_circle_without_pair(ctx.store, "Elburg")
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    items = _attention(page)
    assert [k for k, _t in items if k in ("pair", "gap", "no_facilitators")] == ["no_facilitators"]
    assert "There are no facilitators yet" in dict(items)["no_facilitators"]
    page.attention.setCurrentRow([k for k, _t in items].index("no_facilitators"))
    row = page.attention.currentItem()
    rect = page.attention.visualItemRect(row)
    qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(prompter.dialogs) == 1 and isinstance(prompter.dialogs[0], FacilitatorDialog)
