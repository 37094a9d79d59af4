"""The connection to a database: the safe pragmas, the Store, and what kind of file it is.

Reads go straight to sqlite3 (``LazyDatabase.query``); sqlite-utils is imported on the first
write or migration, so the first screen of the app appears without loading it.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import migrations
from budgetkring.store.files import backup_dir, os_error, shown
from budgetkring.store.lock import DatabaseLock

# Set on every connection the app opens, first thing (before any schema is read); tests assert
# each of them. The main connection also gets WRITE_PRAGMAS.
SAFE_PRAGMAS = (
    ("trusted_schema", "OFF"),
    ("foreign_keys", "ON"),
    ("secure_delete", "ON"),
)
WRITE_PRAGMAS = (("journal_mode", "WAL"), ("synchronous", "FULL"))
PRAGMAS = SAFE_PRAGMAS + WRITE_PRAGMAS
BUSY_TIMEOUT = 10.0  # seconds to wait for another program's write to finish
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

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        """Run one statement for each row of parameters."""
        return self.conn.executemany(sql, rows)

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


def _with_pragmas(conn: sqlite3.Connection, pragmas) -> sqlite3.Connection:
    try:
        for name, value in pragmas:
            conn.execute(f"PRAGMA {name}={value}")
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path | str) -> LazyDatabase:
    """The app's read-write connection to a database, with every house pragma set."""
    return LazyDatabase(_with_pragmas(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT), PRAGMAS))


def connect_plain(path: Path | str) -> sqlite3.Connection:
    """A read-write connection with the safe pragmas but the file's own journal mode (for the
    target of a backup, which must stay a single self-contained file)."""
    return _with_pragmas(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT), SAFE_PRAGMAS)


DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # SQLite's own words for a damaged file


def is_damage(err: sqlite3.Error) -> bool:
    """True when SQLite says the file is damaged (not busy, locked or out of reach)."""
    name = getattr(err, "sqlite_errorname", "") or ""
    return name.startswith(DAMAGE_CODES)


def _uri(path: Path | str) -> str:
    # urllib.request.pathname2url (without importing urllib.request, which brings http, email
    # and ssl: about 30 ms of the app's start-up) gives "////server/share/…" for a Windows
    # network path, which SQLite reads; Path.as_uri() would give "file://server/…", which it
    # refuses.
    absolute = os.path.abspath(path)
    if os.name == "nt":
        from nturl2path import pathname2url

        return "file:" + pathname2url(absolute)
    return "file:" + quote(absolute)


def connect_readonly(path: Path | str) -> sqlite3.Connection:
    """A connection that cannot change the file (opened read-only), with the safe pragmas.

    A database in WAL mode needs its -shm file; in a folder that cannot be written, where that
    file cannot be made, the database is opened as unchanging ("immutable") instead — but only
    when no journal holds changes that would then be missed.
    """
    uri = _uri(path) + "?mode=ro"
    conn = _with_pragmas(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT), SAFE_PRAGMAS)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as err:
        conn.close()
        if "unable to open" not in str(err) and "readonly" not in str(err):
            raise
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise UserError(
                _(
                    "{path} cannot be read here: its latest changes are in a file Budgetkring may "
                    "not open. Copy the database with its -wal file to a folder you can write to."
                ).format(path=shown(path))
            ) from None
        uri += "&immutable=1"
        conn = _with_pragmas(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT), SAFE_PRAGMAS)
    return conn


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    if cursor.lastrowid is None:  # pragma: no cover - only after a statement that is no INSERT
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid


class Kind(enum.Enum):
    """What a file offered as a database turns out to be."""

    MISSING = "missing"  # no file yet: a new database can be made there
    EMPTY = "empty"  # a file of 0 bytes: the same
    CURRENT = "current"  # a Budgetkring database of this version
    OLD = "old"  # a Budgetkring database that needs an upgrade
    NEWER = "newer"  # made by a newer Budgetkring
    FOREIGN = "foreign"  # an SQLite database of another program
    NOT_DATABASE = "not-database"  # not an SQLite file, or not an ordinary file
    DAMAGED = "damaged"  # an SQLite file SQLite cannot read


def inspect_file(path: Path) -> Kind:
    """What the file is, found without changing anything (a read-only look).

    A folder, pipe or device is never opened (a pipe would wait for ever).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return Kind.MISSING
    except OSError as err:
        raise os_error(err, path) from None
    if not stat.S_ISREG(info.st_mode):
        return Kind.NOT_DATABASE
    if info.st_size == 0:
        return Kind.DAMAGED if _has_backups(path) else Kind.EMPTY
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as err:
        raise os_error(err, path) from None
    if head != SQLITE_HEADER:
        # Our own database whose first bytes were lost is damaged, not "something else": it
        # has a backups folder of its own.
        return Kind.DAMAGED if _has_backups(path) else Kind.NOT_DATABASE
    try:
        conn = connect_readonly(path)
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            applied = migrations.applied_names(conn)
        finally:
            conn.close()
    except sqlite3.Error as err:
        if is_damage(err):
            return Kind.DAMAGED
        raise unreadable_error(err, path) from None
    known = migrations.known_names()
    if not tables:  # an SQLite file with nothing in it yet: as good as an empty file
        return Kind.EMPTY
    if not applied:
        return Kind.FOREIGN
    if any(name not in known for name in applied):
        return Kind.NEWER
    return Kind.CURRENT if len(applied) == len(known) else Kind.OLD


def _has_backups(path: Path) -> bool:
    """True for a file that has a backups folder of its own: a Budgetkring database."""
    folder = backup_dir(path)
    return folder.is_dir() and any(folder.glob("*.db"))


def unreadable_error(err: sqlite3.Error, path: Path) -> UserError:
    """A database that cannot be read now, though it is not damaged (busy, locked, no access)."""
    name = getattr(err, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return UserError(
            _("The database is busy: another program is writing to it. Try again in a moment.")
        )
    return UserError(
        _("{path} cannot be read: the file or its folder may not be opened.").format(
            path=shown(path)
        )
    )


def not_budgetkring_error(path: Path) -> UserError:
    """The message for a file that is not a Budgetkring database."""
    return UserError(_("{path} is not a Budgetkring database.").format(path=shown(path)))


def newer_version_error() -> UserError:
    """The message for a database made by a newer Budgetkring."""
    return UserError(
        _(
            "This database was made with a newer version of Budgetkring. "
            "Install the newest version to open it."
        )
    )


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
    """An open Budgetkring database: the connection plus where it lives and its lock.

    ``readonly`` stores (``check``, a read-only file) cannot change anything. A store that made
    a new database (``created``) removes it again when a refusal ends its ``with`` block, so a
    refused command leaves no file behind.
    """

    def __init__(
        self,
        db: LazyDatabase,
        path: Path,
        lock: DatabaseLock | None = None,
        *,
        readonly: bool = False,
        created: Kind | None = None,
    ):
        self.db = db
        self.path = path
        self.readonly = readonly
        self.created = created  # Kind.MISSING or Kind.EMPTY when this open made the database
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

    def __exit__(self, exc_type, exc, tb) -> None:
        refused = exc_type is not None and issubclass(exc_type, UserError)
        if self.created is not None and refused and self._lock is not None:
            self.db.conn.close()
            undo_creation(self.path, self.created)  # while the lock is still held
        self.close()


def undo_creation(path: Path, was: Kind) -> None:
    """Put back what was there before a new database was made: nothing, or an empty file."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()
    with contextlib.suppress(OSError):
        if was is Kind.EMPTY:
            os.truncate(path, 0)
        else:
            path.unlink()
