"""One way to run long work off the GUI thread (in the spirit of Anki's ``QueryOp``).

``ctx.runner.run(parent, work, on_done, title=…)`` runs ``work(store)`` on a worker thread with
**its own database connection** (never the window's), shows a progress dialog with Cancel when it
takes longer than a moment, and calls ``on_done(result)`` on the GUI thread. A ``UserError`` is
shown in plain words; anything unexpected too, with the details on stderr.

``work`` may be a generator that yields ``(done, total)``: the dialog then shows a bar, and
Cancel stops it between steps. Cancel also interrupts a running query. Work that writes is run
with ``cancellable=False``: once started it finishes, so what the user is told is true.

Tests use ``SyncRunner``: the same work, run at once on the calling thread (still with its own
connection), so dialogs can be tested without waiting.
"""

from __future__ import annotations

import inspect
import sqlite3
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.database import Store, open_database

SHOW_AFTER_MS = 250  # shorter work finishes without a dialog flashing up

Work = Callable[[Store], Any]


class Cancelled(Exception):
    """The user pressed Cancel."""


class _Job:
    """One piece of work: opens its own connection, runs, and reports what happened."""

    def __init__(self, path, work: Work):
        self.path = path
        self.work = work
        self.cancelled = False
        self._store: Store | None = None

    def cancel(self) -> None:
        """Stop as soon as possible (between steps, or by interrupting the query)."""
        self.cancelled = True
        store = self._store
        if store is not None:
            store.db.conn.interrupt()  # safe from another thread

    def perform(self, progress: Callable[[int, int], None]) -> Any:
        """Run the work; raises Cancelled, UserError or whatever the work raised."""
        self._store = open_database(self.path, lock=False, backups=False, migrate=False)
        try:
            result = self.work(self._store)
            if inspect.isgenerator(result):
                result = self._drive(result, progress)
            if self.cancelled:
                raise Cancelled
            return result
        except sqlite3.OperationalError:
            if self.cancelled:
                raise Cancelled from None
            raise
        finally:
            store, self._store = self._store, None
            store.close()

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
    progress = Signal(int, int)
    finished = Signal(object, object)  # (result, error)


class _Runnable(QRunnable):
    def __init__(self, job: _Job, signals: _Signals):
        super().__init__()
        self.job = job
        self.signals = signals

    def run(self) -> None:  # noqa: D102 - runs on the worker thread
        try:
            result = self.job.perform(self.signals.progress.emit)
        except BaseException as err:  # noqa: BLE001 - handed to the GUI thread
            if not isinstance(err, Cancelled | UserError):
                traceback.print_exc(file=sys.stderr)
            self.signals.finished.emit(None, err)
            return
        self.signals.finished.emit(result, None)


def _report(ctx, parent: QWidget | None, title: str, error: BaseException) -> None:
    if isinstance(error, UserError):
        ctx.prompter.error(parent, title, str(error))
    else:
        ctx.prompter.error(
            parent,
            title,
            _("Something went wrong; nothing was changed. Details: {error}").format(error=error),
        )


class TaskRunner:
    """Runs work on a thread pool; what the app uses."""

    def __init__(self, ctx_getter: Callable[[], Any]):
        self._ctx = ctx_getter
        self._pool = QThreadPool.globalInstance()
        self._running: list[tuple[_Signals, QProgressDialog]] = []

    def run(
        self,
        parent: QWidget | None,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        title: str,
        on_error: Callable[[UserError], None] | None = None,
        cancellable: bool = True,
    ) -> None:
        """Start ``work``; ``on_done(result)`` runs on the GUI thread when it has finished.

        A UserError goes to ``on_error`` when given, else to a message box titled ``title``.
        """
        ctx = self._ctx()
        job = _Job(ctx.store.path, work)
        signals = _Signals()
        dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancel)
        dialog.hide()
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.timeout.connect(dialog.show)
        timer.start(SHOW_AFTER_MS)
        entry = (signals, dialog)
        self._running.append(entry)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        def finished(result: Any, error: BaseException | None) -> None:
            timer.stop()
            dialog.close()
            dialog.deleteLater()
            self._running.remove(entry)
            if isinstance(error, Cancelled):
                return
            if error is None:
                on_done(result)
            elif isinstance(error, UserError) and on_error is not None:
                on_error(error)
            else:
                _report(ctx, parent, title, error)

        signals.progress.connect(progress)
        signals.finished.connect(finished)
        self._pool.start(_Runnable(job, signals))

    def wait(self) -> None:
        """Wait until every running task has finished (before the database is closed)."""
        self._pool.waitForDone()


class SyncRunner:
    """Runs work at once on the calling thread, with its own connection (for tests)."""

    def __init__(self, ctx_getter: Callable[[], Any]):
        self._ctx = ctx_getter

    def run(
        self,
        parent: QWidget | None,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        title: str,
        on_error: Callable[[UserError], None] | None = None,
        cancellable: bool = True,
    ) -> None:
        """Run ``work`` now and hand the result on, exactly as TaskRunner does later."""
        ctx = self._ctx()
        try:
            result = _Job(ctx.store.path, work).perform(lambda done, total: None)
        except UserError as err:
            if on_error is not None:
                on_error(err)
            else:
                _report(ctx, parent, title, err)
            return
        on_done(result)

    def wait(self) -> None:
        """Nothing runs in the background."""
