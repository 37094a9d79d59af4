"""The demo lives in a file of its own: the user's real database stays empty, one click starts
one's own organisation, and the demo can be removed (and nothing else can be removed that way)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from budgetkring.errors import UserError
from budgetkring.organisation.circles import list_circles
from budgetkring.organisation.database import is_new, make_backup
from budgetkring.organisation.demo import load_demo, open_demo, remove_demo
from budgetkring.organisation.organisation import organisation_name, rename_organisation
from budgetkring.paths import DEMO_FILE_NAME, demo_db_path, is_demo_db
from budgetkring.settings import Settings
from budgetkring.store import open_store
from tests.conftest import TODAY


@pytest.fixture
def desktop(qtbot, prompter, tmp_path):
    """The desktop app with a fake prompter on TODAY; its windows are closed afterwards."""
    from ui.app import DesktopApp

    app = DesktopApp(
        QApplication.instance(), Settings(), tmp_path / "s.json", prompter, lambda: TODAY
    )
    yield app
    app.close()
    if app.window is not None:
        app.window.close()


def click(qtbot, button) -> None:
    """Click a button as the user would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_demo(qtbot):
    """What the user does on the first-run screen: 'Explore with the demo'."""
    return lambda dialog: click(qtbot, dialog.demo_button)


def name_own(qtbot, name: str):
    """What the user does on the first-run screen: type a name and press Start."""

    def act(dialog):
        assert dialog.demo_button.isHidden()  # leaving the demo: no way back into it here
        qtbot.keyClicks(dialog.org_name, name)
        click(qtbot, dialog.start_button)

    return act


def in_demo(desktop, qtbot, prompter, db_path):
    """Start on an empty database and choose the demo on the first-run screen."""
    prompter.dialog_actions.append(choose_demo(qtbot))
    assert desktop.open(db_path) is True
    return desktop.window


def test_the_demo_opens_its_own_file_and_the_real_database_stays_empty(
    desktop, qtbot, prompter, db_path
):
    """Choosing the demo fills a separate file; the database the user started with stays empty,
    and the window says in its title and a bar at the top that this is the demo."""
    window = in_demo(desktop, qtbot, prompter, db_path)
    demo = db_path.with_name(DEMO_FILE_NAME)
    assert desktop.ctx.store.path == demo
    assert len(list_circles(desktop.ctx.store, TODAY)) == 3
    assert window.windowTitle() == "Budgetkring — Demo data"
    assert window.demo_banner is not None and not window.demo_banner.isHidden()
    assert desktop.settings.last_db == str(demo) and desktop.settings.own_db == str(db_path)
    with open_store(db_path) as own:
        assert is_new(own)  # nothing of the demo went into the user's own database


def test_one_click_starts_ones_own_organisation_and_removes_the_demo(
    desktop, qtbot, prompter, db_path
):
    """The bar's button opens the user's own (empty) database on the first-run screen; after
    naming it, the app offers to remove the demo and, on yes, the demo's files are gone."""
    window = in_demo(desktop, qtbot, prompter, db_path)
    demo = desktop.ctx.store.path
    assert make_backup(desktop.ctx.store).parent == demo.with_name(demo.name + "-backups")
    prompter.dialog_actions.append(name_own(qtbot, "Samen Rondkomen Kampen"))
    click(qtbot, window.demo_banner.findChild(QPushButton))
    assert desktop.ctx.store.path == db_path
    assert organisation_name(desktop.ctx.store) == "Samen Rondkomen Kampen"
    assert desktop.window.demo_banner is None
    assert desktop.window.windowTitle() == f"Budgetkring — {db_path.name}"
    assert prompter.messages[-1][:2] == ("confirm", "Remove the demo data?")
    assert not demo.exists() and not list(db_path.parent.glob(DEMO_FILE_NAME + "*"))
    assert desktop.settings.last_db == str(db_path)


def test_the_demo_can_be_kept_and_removed_later_from_the_file_menu(
    desktop, qtbot, prompter, db_path
):
    """Saying no keeps the demo; File → 'Remove the demo data…' removes it later."""
    in_demo(desktop, qtbot, prompter, db_path)
    demo = desktop.ctx.store.path
    prompter.dialog_actions.append(name_own(qtbot, "Samen Rondkomen Kampen"))
    prompter.confirm_answer = False
    assert desktop.start_own() is True
    assert demo.exists() and desktop.window.remove_demo_action.isVisible()
    prompter.confirm_answer = True
    desktop.window.remove_demo_action.trigger()
    assert not demo.exists()
    assert not desktop.window.remove_demo_action.isVisible()
    assert organisation_name(desktop.ctx.store) == "Samen Rondkomen Kampen"  # untouched


def test_cancelling_ones_own_start_stays_in_the_demo(desktop, qtbot, prompter, db_path):
    """Closing the first-run screen of one's own database keeps the demo open as it was."""
    in_demo(desktop, qtbot, prompter, db_path)
    demo = desktop.ctx.store.path
    prompter.dialog_actions.append(lambda dialog: dialog.reject())
    assert desktop.start_own() is False
    assert desktop.ctx.store.path == demo and demo.exists()
    assert desktop.window.demo_banner is not None


def test_ones_own_organisation_with_data_opens_as_it_is(desktop, qtbot, prompter, db_path):
    """When the own database already has an organisation, leaving the demo just opens it."""
    with open_store(db_path) as own:
        rename_organisation(own, "Samen Rondkomen Kampen")
    desktop.settings.own_db = str(db_path)
    assert desktop.open_demo(db_path) is True
    prompter.confirm_answer = False
    assert desktop.start_own() is True
    assert desktop.ctx.store.path == db_path and prompter.dialogs == []


def test_the_demo_is_opened_again_next_time(desktop, qtbot, prompter, db_path):
    """The next start opens the demo where the user left it (it is the last database used)."""
    from ui.app import startup_path

    in_demo(desktop, qtbot, prompter, db_path)
    demo = desktop.ctx.store.path
    desktop.close()
    assert startup_path(None, desktop.settings) == demo
    assert desktop.open(demo) is True and prompter.dialogs[1:] == []  # no first-run screen
    assert desktop.window.windowTitle() == "Budgetkring — Demo data"


def test_remove_demo_refuses_anything_but_the_demo(store, tmp_path):
    """Only a file with the demo's name that holds the demo organisation is ever removed; an
    open demo is refused too."""
    with pytest.raises(UserError, match="Only the demo"):
        remove_demo(store.path)
    fake = tmp_path / "other" / DEMO_FILE_NAME
    fake.parent.mkdir()
    with open_store(fake) as other:
        rename_organisation(other, "Samen Rondkomen Kampen")
    with pytest.raises(UserError, match="other data than the demo"):
        remove_demo(fake)
    assert fake.exists()
    demo = open_demo(tmp_path / "own.db", TODAY)
    try:
        with pytest.raises(UserError, match="already open"):
            remove_demo(demo.path)
        assert demo.path.exists()
    finally:
        demo.close()
    remove_demo(demo.path)
    assert not demo.path.exists() and not (tmp_path / "own.db").exists()


def test_open_demo_fills_a_new_demo_once(tmp_path):
    """The demo file is filled the first time and opened as it is after that."""
    own = tmp_path / "own.db"
    with open_demo(own, TODAY) as demo:
        assert is_demo_db(demo.path) and demo.path == demo_db_path(own)
        circle = list_circles(demo, TODAY)[0]
    with open_demo(own, TODAY) as demo:
        assert [c.id for c in list_circles(demo, TODAY)][0] == circle.id
        assert len(list_circles(demo, TODAY)) == 3
        with pytest.raises(UserError):
            load_demo(demo, TODAY)
