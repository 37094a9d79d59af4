"""The organisation's database as the app and the command line use it: opening, backups,
restoring and checking. The front end goes through these functions, never through ``store``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from budgetkring.i18n import _
from budgetkring.organisation.organisation import organisation_name
from budgetkring.store import Store, open_store
from budgetkring.store import backup as backup_sql
from budgetkring.store import checks as sql
from budgetkring.store.db import is_empty, schema_state

__all__ = [
    "Store",
    "backup_folder",
    "is_new",
    "make_backup",
    "open_database",
    "restore_backup",
    "run_checks",
]


def open_database(path: Path | str, **options) -> Store:
    """Open (or create) a database for use; see ``store.open_store`` for the options."""
    return open_store(path, **options)


def is_new(store: Store) -> bool:
    """True for a database with nothing in it yet and no organisation name (first run)."""
    return is_empty(store.db) and not organisation_name(store)


def backup_folder(store: Store) -> Path:
    """The folder with the automatic backups of this database."""
    return backup_sql.backup_dir(store.path)


def make_backup(store: Store, dest: Path | None = None, *, now: datetime | None = None) -> Path:
    """A checked backup: into ``dest``, or into the backup folder; returns where it is."""
    return backup_sql.backup_to(store, dest, now=now)


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
    for person, day in sql.double_bookings(db):
        problems.append(
            _("{person} stands in at two meetings at the same time on {date}.").format(
                person=person, date=day
            )
        )
    return problems
