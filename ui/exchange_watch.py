"""Taking in new exchange files while the app is open, and opening the exchange dialog.

When a shared folder is chosen (``Settings.exchange_folder``), the main window looks in it when
the folder says it changed (QFileSystemWatcher) and, because synced folders on network drives
do not always say so, every two minutes as well. What is new is taken in in the background
(``ctx.runner``); the pages are refreshed and the status line says what arrived. Nothing is
said about files that were there before, and a refused file is said once (until it changes).

Tests call ``ExchangeWatch.check()`` directly, with ``now`` fixed; they never wait for a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from budgetkring.errors import UserError
from budgetkring.i18n import _

if TYPE_CHECKING:
    from budgetkring.organisation.database import Store
    from ui.context import AppContext
    from ui.main_window import MainWindow

POLL_MS = 2 * 60 * 1000  # a look every two minutes, for folders that do not notify
SETTLE_MS = 3000  # after a change (or start-up): let the sync tool finish writing first

Signature = tuple[int, int]  # size and modification time: a file that changes is new again


def default_now(ctx: AppContext) -> datetime:
    """The moment to stamp what is sent and received: today from the context's clock (fixed in
    tests), the time of day from the computer's."""
    return datetime.combine(ctx.today(), datetime.now().time().replace(microsecond=0))


def refresh_pages(window: MainWindow) -> None:
    """Show new data on every page that was opened, except one with changes not yet saved."""
    for page in window.pages.values():
        if not getattr(page, "has_unsaved_changes", lambda: False)():
            page.refresh()


def _signature(path: Path) -> Signature | None:
    try:
        info = path.stat()
    except OSError:  # gone again (a sync tool renaming it)
        return None
    return info.st_size, info.st_mtime_ns


def take_in_new(
    store: Store, folder: str, known: dict[str, Signature], now: datetime
) -> tuple[dict[str, Signature], list[Any]]:
    """Runs in the background: take in the files of ``folder`` meant for this gegevensbestand
    that are not in ``known`` as they are now; returns every file's signature and the receipts."""
    from budgetkring.exchange.receiving import receive
    from budgetkring.exchange.shared_folder import exchange_role, files_to_take_in

    seen: dict[str, Signature] = {}
    new = []
    for path in files_to_take_in(folder, exchange_role(store)):
        signature = _signature(path)
        if signature is None:
            continue
        seen[str(path)] = signature
        if known.get(str(path)) != signature:
            new.append(path)
    return seen, receive(store, new, now) if new else []


class ExchangeWatch(QObject):
    """Looks in the shared folder while the main window is open."""

    def __init__(self, window: MainWindow, now: Callable[[], datetime] | None = None):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.now = now or (lambda: default_now(self.ctx))
        self.paused = False  # while the exchange dialog is open, it does the work
        self.known: dict[str, Signature] = {}  # files dealt with, as they were then
        self._missing_said = False
        self._watcher: QFileSystemWatcher | None = None  # made when first needed
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._look)
        self.follow_settings()

    def folder(self) -> str:
        """The shared folder of the settings ("" when none is chosen)."""
        return self.ctx.settings.exchange_folder

    def is_looking(self) -> bool:
        """True while the shared folder is looked in every few minutes."""
        return self._poll.isActive()

    def follow_settings(self) -> None:
        """Watch the folder in the settings now; a first look follows in a moment."""
        if self._watcher is not None and self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._poll.stop()
        self._settle.stop()
        if self.folder():
            self._poll.start()
            self._settle.start()  # not at once: the window is still being opened

    def _look(self) -> None:
        """Watch the folder (again, should it have come back) and look in it."""
        folder = self.folder()
        if folder and Path(folder).is_dir():
            if self._watcher is None:
                self._watcher = QFileSystemWatcher(self)
                self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
            if folder not in self._watcher.directories():
                self._watcher.addPath(folder)
        self.check()

    def check(self) -> None:
        """Look in the shared folder now and take in what is new, in the background."""
        folder = self.folder()
        if not folder or self.paused or self.ctx.runner.busy or not self.window.isVisible():
            return
        known, now = dict(self.known), self.now()
        self.ctx.runner.run(
            self.window,
            lambda store: take_in_new(store, folder, known, now),
            self._done,
            title=_("Looking in the shared folder…"),
            on_error=self._failed,
            cancellable=False,  # it writes
            quiet=True,  # nobody asked: no progress dialog
        )

    def _done(self, result: tuple[dict[str, Signature], list[Any]]) -> None:
        if not shiboken6.isValid(self.window):
            return  # the window was closed meanwhile
        self.known, receipts = result
        self._missing_said = False
        if not any(r.status != "unchanged" for r in receipts):
            return
        from budgetkring.exchange.shared_folder import received_words

        if any(r.status == "imported" for r in receipts):
            refresh_pages(self.window)
        self.ctx.prompter.notify(self.window, received_words(receipts))

    def _failed(self, error: UserError) -> None:
        """The folder cannot be read (a network drive gone): said once, until it is back."""
        if shiboken6.isValid(self.window) and not self._missing_said:
            self._missing_said = True
            self.ctx.prompter.notify(self.window, str(error))


def open_exchange(window: MainWindow) -> None:
    """File → Exchange data…: the dialog; meanwhile the watch waits, then follows the folder
    chosen in it, and the pages show what was taken in."""
    from ui.dialogs.exchange_dialog import ExchangeDialog

    watch: ExchangeWatch = window.exchange_watch
    dialog = ExchangeDialog(window.ctx, window, now=watch.now)
    watch.paused = True
    try:
        window.ctx.prompter.run_dialog(dialog)
    finally:
        watch.paused = False
    watch.follow_settings()
    if dialog.received:
        refresh_pages(window)
