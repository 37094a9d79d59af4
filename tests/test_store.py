"""Storage: pragmas, migrations, the single-instance lock, opening bad files."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkring.errors import UserError
from budgetkring.store import migrations, open_store
from tests.conftest import NOW

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_connection_sets_the_safety_pragmas(store):
    """WAL, synchronous=FULL, foreign keys, secure_delete and trusted_schema=OFF are in force."""
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_new_database_is_fully_migrated_with_an_unnamed_organisation(store):
    """A new file gets every migration and one organisation that can be named later."""
    assert migrations.applied_names(store.db.conn) == migrations.known_names()
    assert list(store.db.query("SELECT id, name FROM organisation")) == [{"id": 1, "name": ""}]


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema-*.db")))
def test_each_released_schema_upgrades_and_keeps_its_data(fixture, tmp_path):
    """A database of every released schema version opens, upgrades and keeps its rows."""
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    before = {
        t: sqlite3.connect(path).execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("circle", "facilitator", "participant")
    }
    with open_store(path, now=NOW) as s:
        assert migrations.applied_names(s.db.conn) == migrations.known_names()
        for table, count in before.items():
            assert s.db[table].count == count
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backups = [p.name for p in (tmp_path / f"{path.name}-backups").glob("*.db")]
    newest = migrations.known_names()[-1]
    if not fixture.endswith(f"{newest}.db"):
        assert any("before-upgrade" in name for name in backups), backups


def test_there_is_a_fixture_for_the_newest_schema():
    """Releasing a migration means adding its fixture database (tests/fixtures/make_fixture.py)."""
    newest = migrations.known_names()[-1]
    assert (FIXTURES / f"schema-{newest}.db").exists()


def test_a_text_file_is_refused_and_left_alone(tmp_path):
    """Opening a file that is not SQLite gives a plain error and does not change the file."""
    path = tmp_path / "notes.db"
    path.write_text("my shopping list")
    with pytest.raises(UserError, match="not a Budgetkring database"):
        open_store(path)
    assert path.read_text() == "my shopping list"


def test_another_sqlite_database_is_refused(tmp_path):
    """A SQLite file of another program is not taken over."""
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)")
    with pytest.raises(UserError, match="not a Budgetkring database"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["x"]


def test_a_database_from_a_newer_version_is_refused(db_path):
    """Applied migrations this version does not know mean: install the newer version."""
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('budgetkring', '9999_future', 'now')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer version"):
        open_store(db_path)


def test_a_missing_folder_gives_a_plain_message(tmp_path):
    """A path in a folder that does not exist is refused without creating anything."""
    with pytest.raises(UserError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")
    assert not (tmp_path / "nope").exists()


HOLDER = """
import sys, time
from budgetkring.store import open_store
s = open_store(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def _start_holder(db_path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "open"
    return child


def test_second_instance_is_refused_until_the_first_ends(db_path):
    """While another process has the database open, opening it is refused with a clear message."""
    open_store(db_path).close()
    child = _start_holder(db_path)
    try:
        with pytest.raises(UserError, match="already open"):
            open_store(db_path)
    finally:
        child.kill()
        child.wait()


def test_stale_lock_of_a_crashed_app_is_taken_over(db_path):
    """After the holder is killed (no clean shutdown), the database opens again."""
    open_store(db_path).close()
    child = _start_holder(db_path)
    child.kill()
    child.wait()  # once reaped, the OS has let go of its lock
    from budgetkring.store.lock import lock_path

    assert lock_path(db_path).exists()  # the crashed app's lock file is left behind…
    with open_store(db_path) as s:  # …and taken over
        assert s.db["circle"].count == 0


def test_two_opens_in_one_process_are_refused(db_path):
    """The lock also holds against a second window in the same process."""
    with open_store(db_path):
        with pytest.raises(UserError, match="already open"):
            open_store(db_path)
