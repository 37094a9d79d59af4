"""Backups: online API, checks, rotation, daily and pre-migration backups, restore."""

import sqlite3
from datetime import datetime, timedelta

import pytest

from budgetkring.errors import UserError
from budgetkring.organisation.circles import add_circle, list_circles
from budgetkring.store import open_store
from budgetkring.store.backup import (
    backup_dir,
    backup_to,
    backups_to_keep,
    list_backups,
    quick_check,
    restore,
    rotate,
)
from tests.conftest import NOW, TODAY


def test_backup_to_file_is_a_checked_copy(store, tmp_path):
    """A backup holds the data and passes quick_check."""
    add_circle(store, name="Zwolle", municipality="Zwolle")
    path = backup_to(store, tmp_path / "copy.db")
    assert quick_check(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM circle").fetchall() == [("Zwolle",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_into_missing_folder_is_refused(store, tmp_path):
    """A plain message, no file."""
    with pytest.raises(UserError, match="does not exist"):
        backup_to(store, tmp_path / "nope" / "copy.db")


def test_first_open_of_a_day_makes_one_backup(db_path):
    """Opening twice on one day makes one daily backup; the next day makes another."""
    open_store(db_path, now=NOW).close()  # created: nothing to back up yet
    assert list_backups(backup_dir(db_path)) == []
    for _ in range(2):
        open_store(db_path, now=NOW).close()
    assert len(list_backups(backup_dir(db_path))) == 1
    open_store(db_path, now=NOW + timedelta(days=1)).close()
    assert len(list_backups(backup_dir(db_path))) == 2


def test_rotation_keeps_7_daily_4_weekly_3_monthly():
    """Of a year of daily backups, rotation keeps 7 days, 4 weeks and 3 months (overlapping)."""
    now = datetime(2026, 11, 29, 12, 0)
    times = [now - timedelta(days=d) for d in range(365)]
    keep = backups_to_keep(times, now)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert days[:7] == [(now - timedelta(days=d)).date() for d in range(7)]
    weeks = {tuple(t.isocalendar())[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(weeks) >= 4 and {(2026, 11), (2026, 10), (2026, 9)} <= months
    assert len(keep) <= 7 + 4 + 3
    assert now - timedelta(days=100) not in keep


def test_rotation_never_drops_todays_backups():
    """Several backups made today (before restore, before import) are all kept."""
    now = datetime(2026, 11, 29, 12, 0)
    times = [now - timedelta(hours=h) for h in range(5)]
    assert backups_to_keep(times, now) == set(times)


def test_rotate_deletes_files(store):
    """rotate() removes the files rotation does not keep."""
    folder = backup_dir(store.path)
    folder.mkdir()
    for d in range(40):
        when = NOW - timedelta(days=d)
        (folder / f"kring-{when:%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    removed = rotate(folder, now=NOW)
    left = list_backups(folder)
    assert len(left) + len(removed) == 40
    assert 7 <= len(left) <= 14


def test_restore_backs_up_first_and_brings_back_the_data(store, tmp_path):
    """Restore replaces the data and keeps a backup of the state before."""
    add_circle(store, name="Old", municipality="Zwolle")
    saved = backup_to(store, tmp_path / "old.db")
    add_circle(store, name="New", municipality="Kampen")
    safety = restore(store, saved, now=NOW)
    assert [c.name for c in list_circles(store, TODAY)] == ["Old"]
    conn = sqlite3.connect(safety)
    assert {r[0] for r in conn.execute("SELECT name FROM circle")} == {"Old", "New"}


def test_restore_of_a_broken_file_changes_nothing(store, tmp_path):
    """A damaged or foreign file is refused and the data stays as it was."""
    add_circle(store, name="Keep", municipality="Zwolle")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    for candidate in (bad, tmp_path / "missing.db"):
        with pytest.raises(UserError):
            restore(store, candidate)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)")
    with pytest.raises(UserError, match="not a Budgetkring database"):
        restore(store, other)
    assert [c.name for c in list_circles(store, TODAY)] == ["Keep"]


def test_restore_into_a_new_empty_database(store, tmp_path):
    """A backup can be restored into a database that was just created."""
    add_circle(store, name="Zwolle", municipality="Zwolle")
    saved = backup_to(store, tmp_path / "b.db")
    with open_store(tmp_path / "fresh.db") as fresh:
        assert restore(fresh, saved) is None
        assert [c.name for c in list_circles(fresh, TODAY)] == ["Zwolle"]
