"""The organisation's database as the app and the command line use it: opening, backups,
restoring and checking. The front end goes through these functions, never through ``store``.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.organisation import organisation_name
from budgetkring.store import Store, open_store
from budgetkring.store import backup as backup_sql
from budgetkring.store import checks as sql
from budgetkring.store.db import Kind, inspect_file, is_empty, schema_state, undo_creation
from budgetkring.store.files import os_error, shown
from budgetkring.store.lock import DatabaseLock
from budgetkring.store.opening import (
    DamagedDatabaseError,
    open_readonly,
    refuse_unusable,
    resolved,
)
from budgetkring.text import has_forbidden

__all__ = [
    "DamagedDatabaseError",
    "Store",
    "backup_folder",
    "check_database",
    "explain",
    "is_new",
    "make_backup",
    "open_database",
    "restore_backup",
    "restore_database",
    "run_checks",
]


def open_database(path: Path | str, **options) -> Store:
    """Open (or create) a database for use; see ``store.open_store`` for the options."""
    return open_store(path, **options)


def explain(err: sqlite3.Error | OSError, path: Path) -> UserError:
    """A database or file error met while working, as one plain sentence."""
    text = str(err)
    if isinstance(err, OSError):
        return os_error(err, path)
    if "readonly" in text or "read-only" in text:
        return UserError(
            _("{path} can only be read: nothing can be changed in it.").format(path=shown(path))
        )
    if "locked" in text or "busy" in text:
        return UserError(
            _("The database is busy: another program is writing to it. Try again in a moment.")
        )
    if isinstance(err, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "corrupt" in text
    ):
        return DamagedDatabaseError(path)
    return UserError(
        _("The database {path} could not be used: {reason}").format(path=shown(path), reason=text)
    )


def check_database(path: Path) -> list[str]:
    """Everything wrong with a database file, in plain words; it is only read, never changed.

    Damage is a problem like any other (with the latest good backup named). A file that is not
    a Budgetkring database at all is a UserError.
    """
    kind = inspect_file(path)
    if kind is Kind.DAMAGED:
        return [str(DamagedDatabaseError(path))]
    if kind is Kind.MISSING:
        raise UserError(_("The file {path} does not exist.").format(path=shown(path)))
    try:
        with open_readonly(path, kind) as store:
            return run_checks(store)
    except sqlite3.DatabaseError:
        return [str(DamagedDatabaseError(path))]


def restore_database(path: Path, source: Path, *, now: datetime | None = None) -> dict:
    """Restore a backup into the database at ``path``, also when that file is damaged.

    A damaged database is kept, moved aside with the date in its name; a sound one is backed up
    first. Returns {"safety": backup of the state before or None, "aside": the damaged file or
    None}.
    """
    now = now or datetime.now()
    path = resolved(path)
    source = backup_sql.check_restorable(source, path)
    kind = inspect_file(path)
    sound = kind in (Kind.CURRENT, Kind.OLD) and backup_sql.quick_check(path)
    if sound or kind not in (Kind.DAMAGED, Kind.CURRENT, Kind.OLD):
        refuse_unusable(path, kind)
        with open_store(path, now=now) as store:
            return {"safety": backup_sql.restore(store, source, now=now), "aside": None}
    # Damaged: keep it aside, restore into a new file, all under one lock. If anything fails,
    # the damaged file goes back where it was: never no database at all.
    lock = DatabaseLock(path)
    lock.acquire()
    try:
        aside = backup_sql.set_aside(path, now)
        try:
            with open_store(path, lock=False, backups=False, now=now) as store:
                safety = backup_sql.restore(store, source, now=now)
        except BaseException:
            undo_creation(path, Kind.MISSING)
            backup_sql.put_back(aside, path)
            raise
    finally:
        lock.release()
    return {"safety": safety, "aside": aside}


def backup_made_at(path: Path) -> datetime | None:
    """When an automatic backup was made (from its name), or None for another file."""
    for found, when in backup_sql.list_backups(path.parent):
        if found == path:
            return when
    return None


def is_new(store: Store) -> bool:
    """True for a database with nothing in it yet and no organisation name (first run)."""
    return is_empty(store.db) and not organisation_name(store)


def backup_folder(store: Store) -> Path:
    """The folder with the automatic backups of this database."""
    return backup_sql.backup_dir(store.path)


def make_backup(
    store: Store, dest: Path | None = None, *, now: datetime | None = None, replace: bool = False
) -> Path:
    """A checked backup: into ``dest``, or into the backup folder; returns where it is.

    An existing ``dest`` is only replaced with ``replace`` (the user said so).
    """
    return backup_sql.backup_to(store, dest, now=now, replace=replace)


def restore_backup(store: Store, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the data with a backup file; returns the safety backup of the state before."""
    return backup_sql.restore(store, source, now=now)


def run_checks(store: Store) -> list[str]:
    """Every problem found, in plain words; an empty list means all is well."""
    db = store.db
    problems = [
        _("SQLite integrity check: {detail}").format(detail=line)
        for line in sql.integrity(db)
        if line != "ok"
    ]
    for row in sql.foreign_key_violations(db):
        problems.append(
            _("Table {table}, row {row}: refers to a {parent} that does not exist.").format(
                table=row["table"], row=row["rowid"], parent=row["parent"]
            )
        )
    pending, _unknown = schema_state(db.conn)
    if pending:
        problems.append(_("The database has not been upgraded yet; open it once in the app."))
        return problems
    for circle, day, count in sql.crowded_pairs(db):
        problems.append(
            _("{circle} has {n} lead facilitators on {date}; a pair has two.").format(
                circle=circle, n=count, date=day
            )
        )
    for circle, person in sql.doubled_leads(db):
        problems.append(
            _(
                "{person} is entered twice as lead facilitator of {circle} for the same period."
            ).format(person=person, circle=circle)
        )
    for circle in sql.running_without_start(db):
        problems.append(_("{circle} is running but has no start date.").format(circle=circle))
    for code in sql.malformed_codes(db):
        problems.append(_("Participant code '{code}' is not a generated code.").format(code=code))
    for person, circle, day in sql.absent_stand_ins(db):
        problems.append(
            _("{person} stands in at {circle} on {date} but is away that day.").format(
                person=person, circle=circle, date=day
            )
        )
    for kind, row_id, text in sql.names(db):
        if has_forbidden(text):
            problems.append(
                _(
                    "A name or town ({kind} {id}) contains an invisible or control character; "
                    "type it again."
                ).format(kind=kind, id=row_id)
            )
    for person, day in sql.double_bookings(db):
        problems.append(
            _("{person} stands in at two meetings at the same time on {date}.").format(
                person=person, date=day
            )
        )
    return problems
