"""The connection to a database: the safe pragmas, the Store, and what kind of file it is.

Reads go straight to sqlite3 (``LazyDatabase.query``); sqlite-utils is imported on the first
write or migration, so the first screen of the app appears without loading it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    if cursor.lastrowid is None:  # pragma: no cover - only after a statement that is no INSERT
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid


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


def id_by_name(db: LazyDatabase, table: str, name: str) -> int | None:
    """The id of the row of ``table`` with this name, ignoring case (also of É, Ö, …), or None.

    SQLite's NOCASE only folds A-Z, so names are compared in Python.
    """
    wanted = name.strip().casefold()
    for row in db.query(f"SELECT id, name FROM {table}"):
        if row["name"].casefold() == wanted:
            return row["id"]
    return None


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
