"""Opening a database safely: look first, change nothing on a refusal, then lock, back up,
upgrade.

The file is first identified with a read-only look (``inspect_file``): another program's
SQLite file, a database of a newer Budgetkring, a damaged file, a folder, a pipe or a device is
refused before anything is written. A database that cannot be written (a read-only file or
folder) opens read-only, so it can still be looked at, checked and exported.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import backup as backup_mod
from budgetkring.store import migrations
from budgetkring.store.db import (
    Kind,
    LazyDatabase,
    Store,
    connect,
    connect_readonly,
    inspect_file,
    is_damage,
    newer_version_error,
    not_budgetkring_error,
    undo_creation,
    unreadable_error,
)
from budgetkring.store.files import FILE_MODE, make_private, os_error, shown
from budgetkring.store.lock import DatabaseLock
from budgetkring.store.organisation import ensure_organisation, has_organisation


class DamagedDatabaseError(UserError):
    """The database file is damaged; the message names the latest good backup, if any."""

    def __init__(self, path: Path):
        self.path = path
        self.backup = backup_mod.latest_good_backup(path)
        if self.backup is None:
            text = _("The database {path} is damaged, and there is no good backup of it.").format(
                path=shown(path)
            )
        else:
            text = _(
                "The database {path} is damaged. The latest good backup is {backup}; "
                "restore it with: budgetkring --db {path} restore {backup}"
            ).format(path=quoted(path), backup=quoted(self.backup))  # in full: to be copied
        super().__init__(text)


def quoted(path: Path) -> str:
    """A path as it can be pasted into a command (quoted when it has spaces and the like)."""
    if os.name == "nt":
        import subprocess  # only here: not imported at every start-up

        return subprocess.list2cmdline([str(path)])
    return shlex.quote(str(path))


def resolved(path: Path | str) -> Path:
    """The real path of a database (links followed), so its lock and backups are its own."""
    return Path(os.path.realpath(Path(path).expanduser()))


def refuse_unusable(path: Path, kind: Kind) -> None:
    """Raise the plain message for a file that cannot be used as a database."""
    if kind is Kind.NOT_DATABASE or kind is Kind.FOREIGN:
        raise not_budgetkring_error(path)
    if kind is Kind.NEWER:
        raise newer_version_error()
    if kind is Kind.DAMAGED:
        raise DamagedDatabaseError(path)


def _writable(path: Path, kind: Kind) -> bool:
    folder = path.parent
    if kind is Kind.MISSING:
        return os.access(folder, os.W_OK)
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _create_private(path: Path) -> None:
    """Make the new (or empty) database file private before SQLite writes anything in it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        os.close(fd)
    except OSError as err:
        raise os_error(err, path) from None
    make_private(path)


def open_readonly(path: Path, kind: Kind | None = None) -> Store:
    """Open a Budgetkring database only to read it (``check``, a file that cannot be written)."""
    kind = kind or inspect_file(path)
    refuse_unusable(path, kind)
    if kind in (Kind.MISSING, Kind.EMPTY):
        raise (
            not_budgetkring_error(path)
            if kind is Kind.EMPTY
            else UserError(_("The file {path} does not exist.").format(path=shown(path)))
        )
    try:
        return Store(LazyDatabase(connect_readonly(path)), path, readonly=True)
    except sqlite3.DatabaseError:
        raise DamagedDatabaseError(path) from None


def open_store(
    path: Path | str,
    *,
    lock: bool = True,
    backups: bool = True,
    migrate: bool = True,
    now: datetime | None = None,
) -> Store:
    """Open (or create) a database, ready for use.

    Refuses a file that is not a Budgetkring database and a database that another app has open.
    Backs up before a migration and on the first open of each day, then brings the schema up to
    date. A database that does not exist yet (or an empty file) is created, private to the user,
    with an organisation to be named later. With ``migrate=False`` (for ``check``) the database
    is only read.
    """
    path = resolved(path)
    kind = inspect_file(path)
    refuse_unusable(path, kind)
    if not migrate:
        return open_readonly(path, kind)
    if kind is Kind.MISSING and not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=shown(path.parent)))
    if not _writable(path, kind):
        if kind is Kind.CURRENT:
            store = open_readonly(path, kind)
            store.warnings.append(
                _("{path} can only be read: nothing can be changed in it.").format(path=shown(path))
            )
            return store
        raise UserError(
            _("Budgetkring may not write to {path}. Choose another place.").format(path=shown(path))
        )
    db_lock = DatabaseLock(path) if lock else None
    if db_lock:
        db_lock.acquire()
    db = None
    created = None
    try:
        if db_lock:  # another program may have made or changed the file meanwhile
            kind = inspect_file(path)
            refuse_unusable(path, kind)
        # Only a holder of the lock may undo a creation: otherwise it could remove what
        # another program made in the same moment.
        created = kind if kind in (Kind.MISSING, Kind.EMPTY) and db_lock else None
        if kind in (Kind.MISSING, Kind.EMPTY):
            _create_private(path)
        else:
            make_private(path)
        try:
            db = connect(path)
        except sqlite3.Error as err:
            if is_damage(err):
                raise DamagedDatabaseError(path) from None
            raise unreadable_error(err, path) from None
        store = Store(db, path, db_lock, created=created)
        if backups and kind in (Kind.CURRENT, Kind.OLD):
            _automatic_backup(store, kind, now)
        if kind is not Kind.CURRENT:
            migrations.apply_pending(db)
        if not has_organisation(db):  # a read first: no write (nor sqlite-utils) on every open
            with store.transaction():
                ensure_organisation(db)
        return store
    except BaseException:
        if db is not None:
            db.conn.close()
        if db_lock:
            db_lock.release()
        if created:
            undo_creation(path, created)
        raise


def _automatic_backup(store: Store, kind: Kind, now: datetime | None) -> None:
    """Before an upgrade (required), or the first of the day (a warning when it fails)."""
    if kind is Kind.OLD:
        backup_mod.auto_backup(store, "before-upgrade", now=now)
        return
    try:
        backup_mod.daily_backup(store, now=now)
    except (UserError, OSError, sqlite3.Error) as err:  # never lock someone out over it…
        if not backup_mod.quick_check(store.path):  # …unless the database itself is damaged
            raise DamagedDatabaseError(store.path) from None
        store.warnings.append(
            _("Today's automatic backup could not be made: {reason}").format(reason=err)
        )
