"""The background-work helper: own connection, result on the GUI thread, errors, cancel."""

import threading

import shiboken6
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from budgetkring.errors import UserError
from budgetkring.organisation.circles import add_circle, list_circles
from tests.conftest import TODAY


def _runner(ctx):
    from ui.tasks import TaskRunner

    return TaskRunner(lambda: ctx)


def test_work_runs_on_a_worker_with_its_own_connection(qtbot, ctx):
    """The work runs off the GUI thread on its own connection; the result arrives on the GUI
    thread, and what the work wrote is in the database."""
    runner = _runner(ctx)
    seen = {}

    def work(store):
        seen["thread"] = threading.get_ident()
        seen["own_connection"] = store.db.conn is not ctx.store.db.conn
        return add_circle(store, name="Achter de Hoven", municipality="Leeuwarden").name

    def done(name):
        seen["done_on_gui_thread"] = QThread.currentThread() is qtbot_app_thread()
        seen["name"] = name

    def qtbot_app_thread():
        from PySide6.QtWidgets import QApplication

        return QApplication.instance().thread()

    runner.run(None, work, done, title="test")
    qtbot.waitUntil(lambda: "name" in seen)
    assert seen["thread"] != threading.get_ident()
    assert seen["own_connection"] and seen["done_on_gui_thread"]
    assert [c.name for c in list_circles(ctx.store, TODAY)] == ["Achter de Hoven"]
    assert not runner.busy


def test_a_user_error_is_shown_in_plain_words(qtbot, ctx, prompter):
    """A refusal in the work is shown as a message; on_done is not called."""
    runner = _runner(ctx)
    done = []

    def work(store):
        raise UserError("Dat kan niet.")

    runner.run(None, work, done.append, title="Bezig…", error_title="Niet gelukt")
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == []
    assert prompter.messages == [("error", "Niet gelukt", "Dat kan niet.")]


def test_cancel_stops_stepwise_work_and_delivers_nothing(qtbot, ctx):
    """Work that yields progress stops at the next step after Cancel; nothing is handed back."""
    runner = _runner(ctx)
    parent = QWidget()
    qtbot.addWidget(parent)
    release, steps, done = threading.Event(), [], []

    def work(store):
        def stepwise():
            for n in range(5):
                steps.append(n)
                yield n, 5
                release.wait()
            return "finished"

        return stepwise()

    runner.run(parent, work, done.append, title="Bezig…")
    qtbot.waitUntil(lambda: steps == [0])
    dialog = parent.findChild(QProgressDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == [] and steps in ([0], [0, 1])  # stopped at the next step, never finished


def test_cancel_stops_work_that_reports_steps_from_inside(qtbot, ctx, tmp_path):
    """Work run with steps=True (a PDF being laid out) gets a step function; after Cancel the
    next step stops it, and the file it was making is never written."""
    from budgetkring.documents.kinds import Request, save_document

    runner = _runner(ctx)
    parent = QWidget()
    qtbot.addWidget(parent)
    release, steps, done = threading.Event(), [], []
    target = tmp_path / "pack.pdf"

    def work(store, step):
        add_circle(store, name="Achter de Hoven", municipality="Leeuwarden")
        circle = list_circles(store, TODAY)[0]

        def slow_step(n, total):
            steps.append(n)
            release.wait()
            step(n, total)

        return save_document(
            store, Request("year-schedule", circle_id=circle.id), TODAY, target, progress=slow_step
        )

    runner.run(parent, work, done.append, title="Bezig…", steps=True)
    qtbot.waitUntil(lambda: steps == [1])
    dialog = parent.findChild(QProgressDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == [] and steps == [1]
    assert list(tmp_path.iterdir()) == [] or not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pack.pdf")]


def test_sync_runner_gives_the_same_result(ctx):
    """The test runner runs the same work at once, also on its own connection."""
    from ui.tasks import SyncRunner

    got = []
    SyncRunner(lambda: ctx).run(
        None, lambda store: store.db.conn is not ctx.store.db.conn, got.append, title="t"
    )
    assert got == [True]


def test_work_that_writes_finishes_even_when_its_dialog_is_closed(qtbot, ctx):
    """Closing the progress dialog of writing work does not stop it: the result still arrives."""
    from ui.tasks import TaskRunner

    runner = TaskRunner(lambda: ctx)
    parent = QWidget()
    qtbot.addWidget(parent)
    started, release, done = threading.Event(), threading.Event(), []

    def work(store):
        started.set()
        release.wait()
        return add_circle(store, name="Toch opgeslagen", municipality="Zwolle").name

    runner.run(parent, work, done.append, title="Bezig…", cancellable=False)
    qtbot.waitUntil(started.is_set)
    parent.findChild(QProgressDialog).canceled.emit()  # what the window's close button does
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == ["Toch opgeslagen"]


def test_a_window_closed_while_its_work_runs_does_not_crash_the_result(qtbot, ctx):
    """The progress dialog goes with its window; the result still arrives, without a crash."""
    runner = _runner(ctx)
    parent = QWidget()
    release, done = threading.Event(), []

    def work(store):
        release.wait()
        return "klaar"

    runner.run(parent, work, done.append, title="Bezig…")
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent))
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == ["klaar"]
