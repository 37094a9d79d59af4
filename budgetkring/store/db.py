"""Opening a database safely: pragmas, the single-instance lock, migrations and daily backups.

Reads go straight to sqlite3 (``LazyDatabase.query``); sqlite-utils is imported on the first
write or migration, so the first screen of the app appears without loading it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import migrations
from budgetkring.store.lock import DatabaseLock

# Set on every connection; tests assert each of them.
PRAGMAS = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("secure_delete", "ON"),
    ("trusted_schema", "OFF"),
)
SQLITE_HEADER = b"SQLite format 3\x00"
USER_TABLES = ("circle", "facilitator", "participant")


class LazyDatabase:
    """A sqlite-utils ``Database`` that is only built when more than reading is needed.

    ``query``, ``execute`` and ``atomic`` behave as sqlite-utils' own; anything else (``db[t]``,
    ``table_names()``, …) creates the real Database on the same connection and hands over.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._real = None

    def query(self, sql: str, params=None) -> Iterator[dict]:
        """Rows of a SELECT as dicts."""
        cursor = self.conn.execute(sql, params or ())
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def execute(self, sql: str, params=None) -> sqlite3.Cursor:
        """Run one statement."""
        return self.conn.execute(sql, params or ())

    @contextmanager
    def atomic(self) -> Iterator[LazyDatabase]:
        """A transaction (a savepoint when nested), as sqlite-utils' ``atomic``."""
        with self.real.atomic():
            yield self

    @property
    def real(self):
        """The sqlite-utils Database on this connection."""
        if self._real is None:
            from sqlite_utils import Database

            self._real = Database(self.conn, execute_plugins=False)
        return self._real

    def __getitem__(self, name: str):
        return self.real[name]

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def connect(path: Path | str) -> LazyDatabase:
    """A database on ``path`` with the house pragmas set."""
    conn = sqlite3.connect(str(path), timeout=5.0)
    for name, value in PRAGMAS:
        conn.execute(f"PRAGMA {name}={value}")
    return LazyDatabase(conn)


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with the SQLite header (or is empty)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return head == b"" or head == SQLITE_HEADER


def not_budgetkring_error(path: Path) -> UserError:
    """The message for a file that is not a Budgetkring database."""
    return UserError(_("{path} is not a Budgetkring database.").format(path=path))


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """True when the database has a table of that name."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, [name]).fetchone() is not None


def schema_state(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """(pending migrations, applied migrations this app does not know) of a database."""
    applied = migrations.applied_names(conn)
    known = migrations.known_names()
    return [n for n in known if n not in applied], [n for n in applied if n not in known]


def verify_budgetkring(conn: sqlite3.Connection, path: Path) -> None:
    """Raise a UserError unless the database is empty or a Budgetkring database we can use."""
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if has_tables and not migrations.applied_names(conn):
        raise not_budgetkring_error(path)
    if schema_state(conn)[1]:
        raise UserError(
            _(
                "This database was made with a newer version of Budgetkring. "
                "Install the newest version to open it."
            )
        )


def is_empty(db: LazyDatabase) -> bool:
    """True when the database holds no circles, facilitators or participants yet."""
    for name in USER_TABLES:
        if (
            table_exists(db.conn, name)
            and db.conn.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone()
        ):
            return False
    return True


class Store:
    """An open Budgetkring database: the connection plus where it lives and its lock."""

    def __init__(self, db: LazyDatabase, path: Path, lock: DatabaseLock | None = None):
        self.db = db
        self.path = path
        self._lock = lock
        self.warnings: list[str] = []  # things the user should know, said once after opening

    @contextmanager
    def transaction(self) -> Iterator[LazyDatabase]:
        """All-or-nothing: everything inside is committed together or not at all."""
        with self.db.atomic():
            yield self.db

    def close(self) -> None:
        """Close the connection and let go of the lock."""
        try:
            self.db.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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
    from budgetkring.store import backup as backup_mod

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
        if db.conn.execute("SELECT count(*) FROM organisation").fetchone()[0] == 0:
            with store.transaction():
                db.execute(
                    "INSERT INTO organisation (id, name, uid) "
                    "VALUES (1, '', lower(hex(randomblob(16))))"
                )
        return store
    except BaseException:
        if db is not None:
            db.conn.close()
        if db_lock:
            db_lock.release()
        raise
