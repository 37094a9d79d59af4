"""Backups with SQLite's online backup API, checked and rotated; and restoring one.

Automatic backups go to a private folder next to the database, named after its whole file name
(``<name.db>-backups/``). Every backup is written to a temporary file with a unique name, checked
with ``quick_check``, and only then given its own name, so two programs backing up in the same
second never collide. Rotation keeps everything from the last day, plus the newest backup of
each of the last 7 days, 4 weeks and 3 months that have one; backups made before an upgrade are
kept for a year; backups dated in the future (a clock that was wrong) are kept and not counted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import migrations
from budgetkring.store.db import (
    Kind,
    Store,
    connect_plain,
    connect_readonly,
    inspect_file,
    is_empty,
    newer_version_error,
    not_budgetkring_error,
)
from budgetkring.store.files import (
    backup_dir,
    check_output,
    ensure_private_folder,
    is_database_file,
    move_into_place,
    os_error,
    shown,
    temporary_beside,
)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 3
KEEP_UPGRADE_DAYS = 365
SAFETY_BACKUPS = ("-before-upgrade.db", "-before-restore.db", "-before-import.db", "-manual.db")
_NAME = re.compile(r"-(\d{8}-\d{6})\d*-([a-z-]+)\.db$")

__all__ = ["backup_dir", "quick_check", "write_backup", "auto_backup", "restore", "backup_to"]


def quick_check(path: Path) -> bool:
    """True when SQLite's quick_check finds the file sound (read-only, safe pragmas)."""
    try:
        conn = connect_readonly(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _copy_checked(store: Store, tmp: Path) -> None:
    """Copy the open database into ``tmp`` (a single self-contained file) and check the copy."""
    try:
        target = connect_plain(tmp)
        try:
            store.db.conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except sqlite3.DatabaseError as err:
        raise UserError(_("The backup could not be made: {error}").format(error=err)) from None
    if not quick_check(tmp):
        raise UserError(_("The backup could not be checked; it was not kept."))


def write_backup(store: Store, dest: Path, *, replace: bool = False) -> Path:
    """Copy the open database to ``dest`` with the online backup API and check the copy.

    ``dest`` may not be the database or one of its own files, nor an existing file unless
    ``replace``.
    """
    dest = check_output(dest, store.path, replace=replace)
    try:
        with temporary_beside(dest) as tmp:
            _copy_checked(store, tmp)
            move_into_place(tmp, dest)
    except OSError as err:
        raise os_error(err, dest) from None
    return dest


def auto_backup(store: Store, reason: str, *, now: datetime | None = None) -> Path:
    """Make an automatic backup into the backup folder, then rotate the folder."""
    now = now or datetime.now()
    folder = ensure_private_folder(backup_dir(store.path))
    stem = f"{store.path.stem}-{now:%Y%m%d-%H%M%S}"
    try:
        with temporary_beside(folder / f"{stem}-{reason}.db") as tmp:
            _copy_checked(store, tmp)
            for n in range(1000):
                dest = folder / f"{stem}{n or ''}-{reason}.db"
                try:
                    move_into_place(tmp, dest, exclusive=True)
                    break
                except FileExistsError:
                    continue
            else:  # pragma: no cover - a thousand backups in one second
                raise UserError(_("The backup could not be named; it was not kept."))
    except OSError as err:
        raise os_error(err, folder) from None
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


def latest_good_backup(db_path: Path) -> Path | None:
    """The newest automatic backup of a database that passes its check, if any."""
    for path, _when in list_backups(backup_dir(db_path)):
        if quick_check(path):
            return path
    return None


def daily_backup(store: Store, *, now: datetime | None = None) -> Path | None:
    """Back up on the first open of a day; returns the new backup or None if there was one."""
    now = now or datetime.now()
    if any(when.date() == now.date() for _p, when in list_backups(backup_dir(store.path))):
        return None
    return auto_backup(store, "daily", now=now)


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backup times rotation keeps (a pure function, tested on its own).

    Everything from the last 24 hours and everything dated after ``now`` (a wrong clock: kept,
    and not counted), and the newest backup in each of the 7 most recent days, 4 most recent
    ISO weeks and 3 most recent months that have a backup.
    """
    times = list(times)
    keep = {t for t in times if t > now or now - t < timedelta(days=1)}
    newest_first = sorted((t for t in times if t <= now), reverse=True)
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
    """Delete the automatic backups that rotation no longer keeps; returns what was deleted.

    Backups made before an upgrade, a restore or an import, and those made on request, follow
    their own rule: kept for a year, and the newest one always (people were told about them).
    """
    now = now or datetime.now()
    backups = list_backups(folder)
    upgrades = [(p, w) for p, w in backups if p.name.endswith(SAFETY_BACKUPS)]
    ordinary = [(p, w) for p, w in backups if not p.name.endswith(SAFETY_BACKUPS)]
    keep = backups_to_keep([when for _p, when in ordinary], now)
    removed = []
    for path, when in ordinary:
        if when not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)

    def kind(path: Path) -> str:
        return next(suffix for suffix in SAFETY_BACKUPS if path.name.endswith(suffix))

    newest: dict[str, Path] = {}
    for path, _when in upgrades:  # newest first: the first of each kind is always kept
        newest.setdefault(kind(path), path)
    for path, when in upgrades:
        old = when <= now and now - when > timedelta(days=KEEP_UPGRADE_DAYS)
        if newest[kind(path)] != path and old:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def check_restorable(source: Path, db_path: Path) -> Path:
    """Check a file offered for restoring (read-only, before anything else); returns it."""
    source = Path(source).expanduser()
    if is_database_file(source, db_path):
        raise UserError(_("A database cannot be restored onto itself."))
    kind = inspect_file(source)
    if kind is Kind.MISSING:
        raise UserError(_("The file {path} does not exist.").format(path=shown(source)))
    if kind is Kind.NEWER:
        raise newer_version_error()
    if kind is Kind.DAMAGED or (kind in (Kind.CURRENT, Kind.OLD) and not quick_check(source)):
        raise UserError(
            _("The file {path} is damaged and cannot be restored.").format(path=shown(source))
        )
    if kind not in (Kind.CURRENT, Kind.OLD):
        raise not_budgetkring_error(source)
    return source


def restore(store: Store, source: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the open database's contents with a backup file; returns the safety backup.

    The file is checked first (a SQLite file, sound, a Budgetkring database this version can
    read); then the current state is backed up; then the backup is copied in with the online
    backup API and its schema brought up to date. On any problem nothing is changed.
    """
    source = check_restorable(source, store.path)
    try:
        src = connect_readonly(source)
    except sqlite3.DatabaseError:
        raise not_budgetkring_error(source) from None
    try:
        safety = None if is_empty(store.db) else auto_backup(store, "before-restore", now=now)
        src.backup(store.db.conn)
    except sqlite3.DatabaseError as err:
        raise UserError(_("The backup could not be restored: {error}").format(error=err)) from None
    finally:
        src.close()
    migrations.apply_pending(store.db)
    return safety


def set_aside(db_path: Path, now: datetime) -> Path:
    """Move a damaged database (and its journals) out of the way, keeping it, named with the
    date: ``kring.db`` becomes ``kring.db.damaged-20261201-101500``."""
    aside = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}")
    n = 1
    while aside.exists():
        aside = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}-{n}")
        n += 1
    try:
        os.replace(db_path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            journal = db_path.with_name(db_path.name + suffix)
            if journal.exists():
                os.replace(journal, aside.with_name(aside.name + suffix))
    except OSError as err:
        raise os_error(err, db_path) from None
    return aside


def put_back(aside: Path, db_path: Path) -> None:
    """Undo ``set_aside``: the file (and its journals) back under their own names."""
    try:
        os.replace(aside, db_path)
        for suffix in ("-wal", "-shm", "-journal"):
            journal = aside.with_name(aside.name + suffix)
            if journal.exists():
                os.replace(journal, db_path.with_name(db_path.name + suffix))
    except OSError as err:
        raise os_error(err, db_path) from None


def backup_to(
    store: Store, dest: Path | None, *, now: datetime | None = None, replace: bool = False
) -> Path:
    """A backup on request: into ``dest``, or into the backup folder when no file is given."""
    if dest is None:
        return auto_backup(store, "manual", now=now)
    return write_backup(store, Path(dest), replace=replace)
