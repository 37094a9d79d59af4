"""One way to run long work off the GUI thread (in the spirit of Anki's ``QueryOp``).

``ctx.runner.run(parent, work, on_done, title=…)`` runs ``work(store)`` on a worker thread with
**its own database connection** (never the window's), shows a progress dialog with Cancel when it
takes longer than a moment, and calls ``on_done(result)`` on the GUI thread. A ``UserError`` is
shown in plain words; anything unexpected too, with the details on stderr.

``work`` may be a generator that yields ``(done, total)``: the dialog then shows a bar, and
Cancel stops it between steps. Work that cannot yield (a PDF being laid out by reportlab) is
run with ``steps=True``: it is called as ``work(store, step)``, and ``step(done, total)`` moves
the bar, or raises ``Cancelled`` once the user has pressed Cancel. Cancel also interrupts a
running query. Work that writes is run with ``cancellable=False``: once started it finishes,
so what the user is told is true. Work the user did not ask for (a look in the shared folder
every few minutes) is run with ``quiet=True``: no progress dialog comes up for it.

Tests use ``SyncRunner``: the same work, run at once on the calling thread (still with its own
connection), so dialogs can be tested without waiting.
"""

from __future__ import annotations

import contextlib
import inspect
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.database import Store, explain, open_database

SHOW_AFTER_MS = 250  # shorter work finishes without a dialog flashing up

Work = Callable[[Store], Any]


class Cancelled(Exception):
    """The user pressed Cancel."""


class _Job:
    """One piece of work: opens its own connection, runs, and reports what happened."""

    def __init__(self, path, work: Work, steps: bool = False):
        self.path = path
        self.work = work
        self.steps = steps
        self.cancelled = False
        self._store: Store | None = None

    def cancel(self) -> None:
        """Stop as soon as possible (between steps, or by interrupting the query)."""
        self.cancelled = True
        store = self._store
        if store is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # it may have just closed
                store.db.conn.interrupt()  # safe from another thread

    def perform(self, progress: Callable[[int, int], None]) -> Any:
        """Run the work; raises Cancelled, UserError or whatever the work raised."""
        self._store = open_database(self.path, lock=False, backups=False)
        try:
            if self.steps:
                result = self.work(self._store, self._step(progress))
            else:
                result = self.work(self._store)
            if inspect.isgenerator(result):
                result = self._drive(result, progress)
            return result  # finished is finished: a late Cancel does not hide the result
        except sqlite3.OperationalError:
            if self.cancelled:
                raise Cancelled from None
            raise
        finally:
            store, self._store = self._store, None
            store.close()

    def _step(self, progress: Callable[[int, int], None]) -> Callable[[int, int], None]:
        def step(done: int, total: int) -> None:
            if self.cancelled:
                raise Cancelled
            progress(done, total)

        return step

    def _drive(self, steps, progress: Callable[[int, int], None]) -> Any:
        while True:
            if self.cancelled:
                steps.close()
                raise Cancelled
            try:
                done, total = next(steps)
            except StopIteration as stop:
                return stop.value
            progress(done, total)


class _Signals(QObject):
    """One per runner, living on the GUI thread as long as the runner: a worker thread never
    holds the last reference to a Qt object (dropping it there would delete it on the wrong
    thread)."""

    progress = Signal(int, int, int)  # (task, done, total)
    finished = Signal(int, object, object)  # (task, result, error)


def _work_thread(task: int, job: _Job, signals: _Signals) -> None:
    """Runs on the worker thread; hands the outcome to the GUI thread through a signal."""
    try:
        result = job.perform(lambda done, total: signals.progress.emit(task, done, total))
    except BaseException as err:  # noqa: BLE001 - handed to the GUI thread
        if not isinstance(err, Cancelled | UserError):
            traceback.print_exc(file=sys.stderr)
        signals.finished.emit(task, None, err)
        return
    signals.finished.emit(task, result, None)


def _report(ctx, parent: QWidget | None, title: str, error: BaseException) -> None:
    if isinstance(error, sqlite3.Error | OSError):
        error = explain(error, ctx.store.path)  # a damaged database is named, with its backup
    if isinstance(error, UserError):
        ctx.prompter.error(parent, title, str(error))
    else:
        ctx.prompter.error(
            parent,
            title,
            _("Something went wrong. Details: {error}").format(error=error),
        )


class _Running:
    """What the GUI thread keeps of a task until it has finished."""

    def __init__(self, thread, dialog, timer, on_finished):
        self.thread = thread
        self.dialog = dialog
        self.timer = timer
        self.on_finished = on_finished


class TaskRunner:
    """Runs work on worker threads; what the app uses."""

    def __init__(self, ctx_getter: Callable[[], Any]):
        self._ctx = ctx_getter
        self._signals = _Signals()
        self._signals.progress.connect(self._progress)
        self._signals.finished.connect(self._finished)
        self._running: dict[int, _Running] = {}
        self._next_task = 0

    def run(
        self,
        parent: QWidget | None,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        title: str,
        error_title: str = "",
        on_error: Callable[[UserError], None] | None = None,
        cancellable: bool = True,
        steps: bool = False,
        quiet: bool = False,
    ) -> None:
        """Start ``work``; ``on_done(result)`` runs on the GUI thread when it has finished.

        ``title`` says what is happening (on the progress dialog). A UserError goes to
        ``on_error`` when given, else to a message box titled ``error_title`` (or ``title``).
        """
        ctx = self._ctx()
        job = _Job(ctx.store.path, work, steps)
        dialog, timer = (
            (None, None) if quiet else self._progress_dialog(parent, title, job, cancellable)
        )

        def finished(result: Any, error: BaseException | None) -> None:
            if isinstance(error, Cancelled):
                return
            if error is None:
                on_done(result)
            elif isinstance(error, UserError) and on_error is not None:
                on_error(error)
            else:
                _report(ctx, parent, error_title or title, error)

        self._next_task += 1
        task = self._next_task
        thread = threading.Thread(target=_work_thread, args=(task, job, self._signals), daemon=True)
        self._running[task] = _Running(thread, dialog, timer, finished)
        thread.start()

    @staticmethod
    def _progress_dialog(
        parent: QWidget | None, title: str, job: _Job, cancellable: bool
    ) -> tuple[QProgressDialog, QTimer]:
        """The progress dialog of a task, shown only when the work takes longer than a moment."""
        dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if cancellable:
            dialog.canceled.connect(job.cancel)
        else:  # work that writes always finishes; closing the dialog does not stop it
            dialog.setCancelButton(None)
        dialog.hide()
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.timeout.connect(dialog.show)
        timer.start(SHOW_AFTER_MS)
        return dialog, timer

    def _progress(self, task: int, done: int, total: int) -> None:
        running = self._running.get(task)
        if running is not None and running.dialog is not None:
            running.dialog.setMaximum(max(total, 1))
            running.dialog.setValue(min(done, max(total, 1)))

    def _finished(self, task: int, result: Any, error: BaseException | None) -> None:
        running = self._running.pop(task)
        running.thread.join()  # it has only to return: it holds nothing of Qt's after this
        # gone with its window when that was closed; none for quiet work
        if running.dialog is not None and shiboken6.isValid(running.dialog):
            running.timer.stop()
            running.dialog.hide()
            running.dialog.deleteLater()
        running.on_finished(result, error)

    @property
    def busy(self) -> bool:
        """True while a task has not handed its result back yet."""
        return bool(self._running)

    def wait(self) -> None:
        """Wait until every running task has finished (before the database is closed)."""
        for running in list(self._running.values()):
            running.thread.join()


class SyncRunner:
    """Runs work at once on the calling thread, with its own connection (for tests)."""

    busy = False  # nothing is ever left running

    def __init__(self, ctx_getter: Callable[[], Any]):
        self._ctx = ctx_getter

    def run(
        self,
        parent: QWidget | None,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        title: str,
        error_title: str = "",
        on_error: Callable[[UserError], None] | None = None,
        cancellable: bool = True,
        steps: bool = False,
        quiet: bool = False,
    ) -> None:
        """Run ``work`` now and hand the result on, exactly as TaskRunner does later."""
        ctx = self._ctx()
        try:
            result = _Job(ctx.store.path, work, steps).perform(lambda done, total: None)
        except UserError as err:
            if on_error is not None:
                on_error(err)
            else:
                _report(ctx, parent, error_title or title, err)
            return
        on_done(result)

    def wait(self) -> None:
        """Nothing runs in the background."""
