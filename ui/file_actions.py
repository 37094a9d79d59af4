"""The File menu: backups, restore, and opening another database."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QStatusBar

from budgetkring.i18n import _
from budgetkring.organisation import database
from ui.context import AppContext


class MainWindow(Protocol):
    """What these actions need of the main window (no import of it: no import circle)."""

    ctx: AppContext
    switch_database: SignalInstance

    def statusBar(self) -> QStatusBar: ...  # noqa: N802, D102 - Qt's name

    def refresh_all(self) -> None: ...  # noqa: D102


DB_PATTERN = "Budgetkring (*.db *.sqlite);;" + "*"


def make_backup(window: MainWindow) -> None:
    """Write a checked backup to a file the user chooses (a USB stick, say)."""
    ctx = window.ctx
    # Outside the automatic backups' folder (that one is Budgetkring's own): the home folder,
    # from where a USB stick is one click away.
    suggestion = Path.home() / f"budgetkring-backup-{ctx.today():%Y-%m-%d}.db"
    chosen = ctx.prompter.save_file(window, _("Make a backup"), str(suggestion), DB_PATTERN)
    if not chosen:
        return

    def made(path: Path) -> None:
        window.statusBar().showMessage(_("Backup saved as {path}").format(path=path))
        ctx.prompter.inform(window, _("Backup made"), _("Backup saved as {path}").format(path=path))

    ctx.runner.run(
        window,
        lambda store: database.make_backup(store, Path(chosen), replace=True),  # dialog asked
        made,
        title=_("Making a backup…"),
        error_title=_("No backup made"),
        cancellable=False,
    )


def restore_backup(window: MainWindow) -> None:
    """Replace the data with a backup, after a clear confirmation; the current state is kept."""
    ctx = window.ctx
    chosen = ctx.prompter.open_file(
        window, _("Restore a backup"), str(database.backup_folder(ctx.store)), DB_PATTERN
    )
    if not chosen:
        return
    if not ctx.prompter.confirm(
        window,
        _("Restore a backup"),
        _(
            "Everything in Budgetkring will be replaced by the backup '{name}'. What you entered "
            "after that backup will be gone from the app, but a backup of the current state is "
            "made first, so you can go back."
        ).format(name=Path(chosen).name),
        _("Restore"),
    ):
        return

    def restored(safety: Path | None) -> None:
        window.refresh_all()
        text = _("The backup has been restored.")
        if safety:
            text += " " + _("The previous state was saved as {path}.").format(path=safety)
        ctx.prompter.inform(window, _("Backup restored"), text)

    ctx.runner.run(
        window,
        lambda store: database.restore_backup(store, Path(chosen)),
        restored,
        title=_("Restoring the backup…"),
        error_title=_("Backup not restored"),
        cancellable=False,
    )


def open_other(window: MainWindow) -> None:
    """Open another database file, or start a new one (the app switches to it)."""
    ctx = window.ctx
    chosen = ctx.prompter.choose_database(
        window,
        _("Open another database (choose a file, or type a new name)"),
        str(ctx.store.path.parent),
    )
    if chosen:
        window.switch_database.emit(chosen)
