"""The exchange in the desktop app: joining with an invitation, sending into a shared folder,
inviting and fetching at the coordinator's, and the main window taking in new files by
itself — all with the mouse, through the same core functions the command line uses."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from budgetkring.exchange.membership import invite, join, membership, senders
from budgetkring.exchange.sending import send
from budgetkring.organisation.circles import list_circles
from budgetkring.settings import Settings
from tests.conftest import NOW, TODAY

CLICK = Qt.MouseButton.LeftButton
NOW_NS = int(NOW.timestamp()) * 10**9


@pytest.fixture
def shared(tmp_path):
    """The folder the organisation shares (as a sync tool would keep it)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def coord_store(tmp_path):
    """The coordinator's own gegevensbestand, empty but for the organisation."""
    from budgetkring.organisation.organisation import rename_organisation
    from budgetkring.store import open_store

    store = open_store(tmp_path / "coord.db", now=NOW)
    rename_organisation(store, "Samen Rondkomen")
    yield store
    store.close()


@pytest.fixture
def invitation(coord_store, tmp_path):
    """An invitation for Anja de Vries (who leads Zwolle-Zuid in the demo), made by the core."""
    return invite(coord_store, "Anja de Vries", tmp_path / "anja.bkinvite")


class Clock:
    """A date that a test can move on."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def coord_ctx(coord_store, prompter, tmp_path, shared):
    """The desktop app's context over the coordinator's gegevensbestand, the shared folder
    chosen, work run at once."""
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    settings = Settings(exchange_folder=str(shared))
    context = AppContext(coord_store, settings, tmp_path / "c.json", prompter, Clock(TODAY))
    context.runner = SyncRunner(lambda: context)
    return context


@pytest.fixture
def fac_ctx(demo_ctx, invitation, shared):
    """The demo as Anja's laptop: joined, the shared folder chosen."""
    join(demo_ctx.store, invitation)
    demo_ctx.settings.exchange_folder = str(shared)
    return demo_ctx


def _dialog(qtbot, ctx):
    from ui.dialogs.exchange_dialog import ExchangeDialog

    dialog = ExchangeDialog(ctx, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _window(qtbot, ctx):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.exchange_watch.now = lambda: NOW
    return window


def _changed(path) -> bytes:
    """The exchange file at ``path`` with a letter of its data changed, packed again."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        for name in source.namelist():
            content = source.read(name)
            changed.writestr(name, content.replace(b"Zwolle", b"Zwollx"))
    return out.getvalue()


def _said(prompter) -> list[str]:
    return [text for kind, _title, text in prompter.messages if kind == "notify"]


def test_a_facilitator_joins_chooses_the_folder_and_sends(
    qtbot, demo_ctx, prompter, invitation, shared
):
    """A new gegevensbestand: "Open invitation…" joins (the view then names the organisation
    and Anja); the folder chosen is remembered; "Send now" puts a file in it and says so."""
    from ui.dialogs.exchange_dialog import ExchangeDialog

    dialog = _dialog(qtbot, demo_ctx)
    assert isinstance(dialog, ExchangeDialog) and dialog.role == "undecided"
    prompter.file_answer = str(invitation)
    qtbot.mouseClick(dialog.join_button, CLICK)
    assert membership(demo_ctx.store).sender_name == "Anja de Vries"
    assert dialog.role == "facilitator"
    assert dialog.outcome.text() == "You joined Samen Rondkomen. You send as Anja de Vries."
    assert dialog.take_in_button.nextInFocusChain() is dialog.close_button  # Tab: then Close
    assert not dialog.send_button.isEnabled()  # no folder yet
    assert dialog.folder_label.text() == "No shared folder chosen yet."
    prompter.folder_answer = str(shared)
    qtbot.mouseClick(dialog.folder_button, CLICK)
    assert Settings.load(demo_ctx.settings_file).exchange_folder == str(shared)
    assert dialog.send_button.isEnabled() and dialog.folder_label.text() == str(shared)
    qtbot.mouseClick(dialog.send_button, CLICK)
    files = sorted(p.name for p in shared.iterdir())
    assert len(files) == 1 and files[0].startswith("budgetkring-anja-de-vries-")
    assert dialog.outcome.text() == "Sent: Zwolle-Zuid, at 10:00."
    assert _said(prompter)[-1] == "Sent: Zwolle-Zuid, at 10:00."


def test_a_bad_invitation_is_refused_in_plain_words(qtbot, demo_ctx, prompter, tmp_path):
    """Opening a file that is no invitation says so in red; the gegevensbestand joins nothing."""
    other = tmp_path / "letter.bkinvite"
    other.write_text("Beste Anja, hierbij de uitnodiging.")
    dialog = _dialog(qtbot, demo_ctx)
    prompter.file_answer = str(other)
    qtbot.mouseClick(dialog.join_button, CLICK)
    assert dialog.problem.isVisible()
    assert "is not a Budgetkring invitation" in dialog.problem.text()
    assert membership(demo_ctx.store) is None and dialog.role == "undecided"


def test_save_as_file_when_no_folder_is_chosen(qtbot, fac_ctx, prompter, tmp_path):
    """Without a shared folder, "Save as file…" writes the exchange file where it is chosen."""
    fac_ctx.settings.exchange_folder = ""
    dialog = _dialog(qtbot, fac_ctx)
    target = tmp_path / "voor de mail.bkx"
    prompter.file_answer = str(target)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert target.is_file() and target.read_bytes()[:2] == b"PK"
    assert dialog.outcome.text() == "Sent: Zwolle-Zuid, at 10:00."


def test_a_new_gegevensbestand_invites_and_becomes_the_coordinators(qtbot, ctx, prompter, tmp_path):
    """Without a name, inviting asks for one and writes nothing; with a name the invitation is
    written where chosen, and the view becomes the coordinator's with Kees in the list."""
    dialog = _dialog(qtbot, ctx)
    target = tmp_path / "kees.bkinvite"
    prompter.file_answer = str(target)
    qtbot.mouseClick(dialog.invite_button, CLICK)
    assert dialog.problem.text() == "Give the name of the facilitator you invite."
    assert not target.exists() and senders(ctx.store) == []
    qtbot.keyClicks(dialog.name_edit, "Kees Bakker")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert target.is_file()
    assert [s.name for s in senders(ctx.store)] == ["Kees Bakker"]
    assert dialog.role == "coordinator" and not dialog.problem.isVisible(), dialog.problem.text()
    assert dialog.isVisible()  # Enter in the name field did not close the dialog
    assert "Give this file to Kees Bakker yourself" in dialog.outcome.text()
    lines = [dialog.senders.item(i).text() for i in range(dialog.senders.count())]
    assert lines == ["Kees Bakker: no circles yet · nothing received yet"]
    # Kees again: asked first, as the old invitation would stop working; "no" changes nothing
    target.unlink()
    prompter.confirm_answer = False
    qtbot.keyClicks(dialog.name_edit, "kees bakker")
    qtbot.mouseClick(dialog.invite_button, CLICK)
    assert prompter.messages[-1][1] == "Invite again" and not target.exists()


def test_the_coordinator_fetches_and_sees_the_circle(qtbot, fac_ctx, coord_ctx, prompter, shared):
    """ "Fetch now" takes in Anja's file: the summary names the circle, the list says when it
    arrived (three days later: "3 days ago"); a file changed on the way is refused, with why."""
    good = send(fac_ctx.store, NOW, outbox=shared)
    tampered = shared / "budgetkring-anja-de-vries-zzzzzz-00009.bkx"
    tampered.write_bytes(_changed(good))
    dialog = _dialog(qtbot, coord_ctx)
    assert dialog.role == "coordinator"
    qtbot.mouseClick(dialog.fetch_button, CLICK)
    assert dialog.outcome.text().splitlines() == [
        "1 file received: Zwolle-Zuid. 1 file refused. The file was changed after it was made.",
        f"{tampered.name}: The file was changed after it was made.",
    ]
    assert [c.name for c in list_circles(coord_ctx.store, TODAY)] == ["Zwolle-Zuid"]
    assert dialog.received
    assert dialog.senders.item(0).text() == ("Anja de Vries: Zwolle-Zuid · last received today")
    coord_ctx.today.day = TODAY + timedelta(days=3)
    again = _dialog(qtbot, coord_ctx)
    assert again.senders.item(0).text().endswith("last received 3 days ago")
    tampered.unlink()
    qtbot.mouseClick(again.fetch_button, CLICK)
    assert again.outcome.text() == "No new files."


def test_the_window_takes_in_a_new_file_when_it_looks(qtbot, fac_ctx, coord_ctx, prompter, shared):
    """With a shared folder set, the coordinator's window takes in a file that appeared when its
    check runs: the circles page shows the circle, the status line says what arrived; a second
    look at the same folder says nothing."""
    window = _window(qtbot, coord_ctx)
    page = window.show_page("circles")
    assert page.model.rowCount() == 0
    window.exchange_watch.check()
    assert _said(prompter) == []  # an empty folder: nothing to say
    send(fac_ctx.store, NOW, outbox=shared)
    window.exchange_watch.check()
    assert [c.name for c in list_circles(coord_ctx.store, TODAY)] == ["Zwolle-Zuid"]
    assert page.model.rowCount() == 1
    assert _said(prompter) == ["1 file received: Zwolle-Zuid."]
    window.exchange_watch.check()
    assert _said(prompter) == ["1 file received: Zwolle-Zuid."]


def test_a_refused_file_is_said_once(qtbot, fac_ctx, coord_ctx, prompter, shared):
    """A file changed on the way is refused and said once, not at every look; changed again
    (here: replaced by a good file under the same name) it is looked at again."""
    good = send(fac_ctx.store, NOW, outbox=shared)
    content = good.read_bytes()
    good.write_bytes(_changed(good))
    window = _window(qtbot, coord_ctx)
    for _look in range(3):
        window.exchange_watch.check()
    assert _said(prompter) == ["1 file refused. The file was changed after it was made."]
    assert list_circles(coord_ctx.store, TODAY) == []
    good.write_bytes(content)  # a sync tool putting the real file in place
    os.utime(good, ns=(NOW_NS, NOW_NS))  # its own time (the clock may not have moved on yet)
    window.exchange_watch.check()
    assert _said(prompter)[-1] == "1 file received: Zwolle-Zuid."


def test_a_facilitator_takes_in_only_the_coordinators_programme_files(
    qtbot, fac_ctx, coord_ctx, prompter, shared
):
    """In a folder shared with other facilitators, a facilitator's window takes in the
    coordinator's programme file and leaves the others' files alone (none is refused)."""
    from budgetkring.planning.programmes import find_programme, list_programmes, save_version

    programme = find_programme(coord_ctx.store)
    programme.name = "Rondkomen in de regio"
    save_version(coord_ctx.store, programme)
    made = send(coord_ctx.store, NOW, programme=True, outbox=shared)
    assert made.name.startswith("budgetkring-programma-")
    (shared / "budgetkring-kees-bakker-0a1b2c-00001.bkx").write_bytes(b"not for Anja")
    window = _window(qtbot, fac_ctx)
    window.exchange_watch.check()
    assert "Rondkomen in de regio" in [p.name for p in list_programmes(fac_ctx.store)]
    assert _said(prompter) == ["1 file received: Rondkomen in de regio."]


def test_a_missing_folder_is_said_once(qtbot, coord_ctx, invitation, prompter, shared):
    """A shared folder that cannot be found (a network drive away) is said once, not at every
    look; nothing else happens."""
    shared.rmdir()
    window = _window(qtbot, coord_ctx)
    window.exchange_watch.check()
    window.exchange_watch.check()
    assert len(_said(prompter)) == 1 and "does not exist" in _said(prompter)[0]


def test_the_file_menu_opens_the_dialog_and_the_watch_follows_the_folder(
    qtbot, coord_ctx, invitation, prompter, tmp_path
):
    """File → Exchange data… opens the dialog (the window does not look meanwhile); a folder
    chosen in it is the one the window looks in afterwards."""
    from ui.dialogs.exchange_dialog import ExchangeDialog

    coord_ctx.settings.exchange_folder = ""
    window = _window(qtbot, coord_ctx)
    other = tmp_path / "elsewhere"
    other.mkdir()
    prompter.folder_answer = str(other)
    seen = []

    def choose(dialog):
        seen.append(window.exchange_watch.paused)
        qtbot.mouseClick(dialog.folder_button, CLICK)

    prompter.dialog_actions.append(choose)
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "Exchange data…")
    action.trigger()
    assert isinstance(prompter.dialogs[-1], ExchangeDialog)
    assert seen == [True] and not window.exchange_watch.paused
    assert window.exchange_watch.folder() == str(other)
    assert window.exchange_watch.is_looking()


def test_f1_in_the_dialog_opens_the_help_on_exchanging(qtbot, demo_ctx, prompter):
    """F1 in the exchange dialog opens the first steps at the part on exchanging data."""
    from ui.dialogs.exchange_dialog import HELP_ANCHOR
    from ui.help import FIRST_STEPS, HelpDialog

    dialog = _dialog(qtbot, demo_ctx)
    dialog.activateWindow()
    QApplication.processEvents()  # the dialog becomes the active window: its keys work
    qtbot.keyClick(dialog.join_button, Qt.Key.Key_F1)
    shown = prompter.dialogs[-1]
    assert isinstance(shown, HelpDialog) and shown.topic == FIRST_STEPS
    assert f'name="{HELP_ANCHOR}"' in shown.page_file().read_text(encoding="utf-8")
    assert "Exchange data…" in shown.browser.toPlainText()


def test_a_quiet_background_task_shows_no_progress_dialog(qtbot, ctx):
    """Work run with ``quiet=True`` (the window's look in the shared folder) brings up no
    progress dialog, yet hands its result back as any other task."""
    import threading

    from PySide6.QtWidgets import QProgressDialog, QWidget

    from ui.tasks import TaskRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(lambda: ctx)
    go, results = threading.Event(), []
    runner.run(parent, lambda store: go.wait(10) and "done", results.append, title="t", quiet=True)
    assert runner.busy
    assert parent.findChildren(QProgressDialog) == []
    go.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["done"]
    runner.run(parent, lambda store: "loud", results.append, title="t")
    assert len(parent.findChildren(QProgressDialog)) == 1  # (the usual kind has one)
    qtbot.waitUntil(lambda: not runner.busy)


def test_what_came_of_receiving_in_plain_words():
    """The summary counts files, names each circle once, says why files were refused (each
    reason once) and is silent about files that were there before."""
    from budgetkring.exchange.receiving import Receipt
    from budgetkring.exchange.shared_folder import received_words, refused_lines

    changed = "The file was changed after it was made."
    receipts = [
        Receipt("/in/a.bkx", "imported", "", ["Zwolle-Zuid"]),
        Receipt("/in/b.bkx", "imported", "", ["Kampen", "Zwolle-Zuid"]),
        Receipt("/in/c.bkx", "unchanged", "This file was taken in before."),
        Receipt("/in/d.bkx", "ignored", "older"),
        Receipt("/in/e.bkx", "refused", changed),
        Receipt("/in/f.bkx", "refused", changed),
    ]
    assert received_words(receipts) == (
        "2 files received: Zwolle-Zuid, Kampen. 1 file skipped: it is older than what was "
        f"received before. 2 files refused. {changed}"
    )
    assert refused_lines(receipts) == [f"e.bkx: {changed}", f"f.bkx: {changed}"]
    assert received_words(receipts[2:3]) == "No new files."
