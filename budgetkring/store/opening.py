"""Opening a database safely: the single-instance lock, migrations and daily backups."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import backup as backup_mod
from budgetkring.store import migrations
from budgetkring.store.db import (
    Store,
    connect,
    looks_like_sqlite,
    not_budgetkring_error,
    schema_state,
    verify_budgetkring,
)
from budgetkring.store.lock import DatabaseLock
from budgetkring.store.organisation import ensure_organisation


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
    date. A database that does not exist yet is created with an organisation to be named later.
    With ``migrate=False`` (for ``check``) nothing is written at all.
    """
    path = Path(path).expanduser()
    existed = path.exists()
    if existed and (path.is_dir() or not looks_like_sqlite(path)):
        raise not_budgetkring_error(path)
    if not existed and not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    db_lock = DatabaseLock(path) if lock else None
    if db_lock:
        db_lock.acquire()
    db = None
    try:
        try:
            db = connect(path)
            verify_budgetkring(db.conn, path)
        except sqlite3.DatabaseError:
            raise not_budgetkring_error(path) from None
        store = Store(db, path, db_lock)
        if not migrate:
            return store
        pending, _unknown = schema_state(db.conn)
        if backups and existed and len(pending) < len(migrations.known_names()):
            if pending:
                backup_mod.auto_backup(store, "before-upgrade", now=now)
            else:
                try:
                    backup_mod.daily_backup(store, now=now)
                except UserError as err:  # never lock someone out of their data over it
                    store.warnings.append(
                        _("Today's automatic backup could not be made: {reason}").format(reason=err)
                    )
        if pending:
            migrations.apply_pending(db.real)
        with store.transaction():
            ensure_organisation(db)
        return store
    except BaseException:
        if db is not None:
            db.conn.close()
        if db_lock:
            db_lock.release()
        raise
