"""Backups with SQLite's online backup API, checked and rotated; and restoring one.

Automatic backups go to a folder next to the database (``<name>-backups/``). Rotation keeps
everything from the last day, plus the newest backup of each of the last 7 days, 4 weeks and
3 months that have one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import migrations
from budgetkring.store.db import (
    Store,
    is_empty,
    looks_like_sqlite,
    not_budgetkring_error,
    verify_budgetkring,
)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 3
_NAME = re.compile(r"-(\d{8}-\d{6})\d*-([a-z-]+)\.db$")


def backup_dir(db_path: Path) -> Path:
    """The folder with the automatic backups of a database."""
    return db_path.with_name(db_path.stem + "-backups")


def quick_check(path: Path) -> bool:
    """True when SQLite's quick_check finds the file sound."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def write_backup(store: Store, dest: Path) -> Path:
    """Copy the open database to ``dest`` with the online backup API and check the copy."""
    dest = Path(dest).expanduser()
    if dest.exists() and dest.resolve() == store.path.resolve():
        raise UserError(_("A backup cannot be written over the database itself."))
    if not dest.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=dest.parent))
    tmp = dest.with_name(dest.name + ".part")
    try:
        target = sqlite3.connect(tmp)
        try:
            store.db.conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        if not quick_check(tmp):
            raise UserError(_("The backup could not be checked; it was not kept."))
        tmp.replace(dest)
    except OSError as err:
        raise UserError(
            _("The backup could not be written: {error}").format(error=err.strerror or err)
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def auto_backup(store: Store, reason: str, *, now: datetime | None = None) -> Path:
    """Make an automatic backup into the backup folder, then rotate the folder."""
    now = now or datetime.now()
    folder = backup_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{store.path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.db"
    n = 1
    while dest.exists():
        dest = folder / f"{store.path.stem}-{now:%Y%m%d-%H%M%S}{n}-{reason}.db"
        n += 1
    write_backup(store, dest)
    rotate(folder, now=now)
    return dest


def list_backups(folder: Path) -> list[tuple[Path, datetime]]:
    """The automatic backups in a folder with their times, newest first."""
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else []:
        match = _NAME.search(path.name)
        if match:
            stamp = match.group(1)  # YYYYMMDD-HHMMSS; parsed by hand, strptime is slow to load
            try:
                when = datetime(
                    int(stamp[:4]),
                    int(stamp[4:6]),
                    int(stamp[6:8]),
                    int(stamp[9:11]),
                    int(stamp[11:13]),
                    int(stamp[13:15]),
                )
            except ValueError:
                continue
            found.append((path, when))
    return sorted(found, key=lambda item: item[1], reverse=True)


def daily_backup(store: Store, *, now: datetime | None = None) -> Path | None:
    """Back up on the first open of a day; returns the new backup or None if there was one."""
    now = now or datetime.now()
    if any(when.date() == now.date() for _p, when in list_backups(backup_dir(store.path))):
        return None
    return auto_backup(store, "daily", now=now)


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backup times rotation keeps (a pure function, tested on its own).

    Everything from the last 24 hours, and the newest backup in each of the 7 most recent days,
    4 most recent ISO weeks and 3 most recent months that have a backup.
    """
    newest_first = sorted(times, reverse=True)
    keep = {t for t in newest_first if now - t < timedelta(days=1)}
    periods: list[tuple[int, Callable[[datetime], object]]] = [
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: tuple(t.isocalendar())[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    ]
    for count, bucket_of in periods:
        seen: list = []
        for t in newest_first:
            bucket = bucket_of(t)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) > count:
                    break
                keep.add(t)
    return keep


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups that rotation no longer keeps; returns what was deleted."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep = backups_to_keep([when for _p, when in backups], now)
    removed = []
    for path, when in backups:
        if when not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def restore(store: Store, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the open database's contents with a backup file; returns the safety backup.

    The file is checked first (a SQLite file, sound, a Budgetkring database this version can
    read); then the current state is backed up; then the backup is copied in with the online
    backup API and its schema brought up to date. On any problem nothing is changed.
    """
    source = Path(source).expanduser()
    if not source.is_file():
        raise UserError(_("The file {path} does not exist.").format(path=source))
    if source.resolve() == store.path.resolve():
        raise UserError(_("A database cannot be restored onto itself."))
    if not looks_like_sqlite(source):
        raise not_budgetkring_error(source)
    if not quick_check(source):
        raise UserError(_("The file {path} is damaged and cannot be restored.").format(path=source))
    try:
        src = connect_readonly(source)
    except sqlite3.DatabaseError:
        raise not_budgetkring_error(source) from None
    try:
        if not migrations.applied_names(src):
            raise not_budgetkring_error(source)
        verify_budgetkring(src, source)
        safety = None if is_empty(store.db) else auto_backup(store, "before-restore", now=now)
        src.backup(store.db.conn)
    except sqlite3.DatabaseError as err:
        raise UserError(_("The backup could not be restored: {error}").format(error=err)) from None
    finally:
        src.close()
    migrations.apply_pending(store.db.real)
    return safety


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (used for backups being restored)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def backup_to(store: Store, dest: Path | None, *, now: datetime | None = None) -> Path:
    """A backup on request: into ``dest``, or into the backup folder when no file is given."""
    if dest is None:
        return auto_backup(store, "manual", now=now)
    return write_backup(store, Path(dest))
