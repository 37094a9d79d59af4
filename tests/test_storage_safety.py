"""Never lose or expose a volunteer's data: each situation built for real, then what the user
sees and what is on disk are both checked."""

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from budgetkring.errors import UserError
from budgetkring.store import open_store
from budgetkring.store.backup import backups_to_keep, list_backups, rotate
from budgetkring.store.db import connect_plain, connect_readonly
from budgetkring.store.files import backup_dir
from tests.conftest import NOW, TODAY, process_env

ROOT = Path(__file__).resolve().parent.parent
POSIX = os.name == "posix"
ROOT_USER = POSIX and os.geteuid() == 0


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(cli, db_path):
    """A demo database, as a command-line user makes it."""
    assert cli("--db", db_path, "demo")[0] == 0
    return db_path


def damage(path: Path, how: str) -> None:
    """Damage a database file the way disks and crashes do."""
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "garbled":
        for page in range(1, len(data) // 4096):
            data[page * 4096 : page * 4096 + 100] = b"\x5a" * 100
        path.write_bytes(bytes(data))
    elif how == "header":
        path.write_bytes(b"\x00" * 100 + bytes(data[100:]))


def settle(path: Path) -> None:
    """Fold the WAL into the database file, so the file alone holds everything."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# --- 1, 8: output files never land on the database ---------------------------------------


@pytest.mark.parametrize("target", ["{db}", "./{name}", "{db}-wal", "{db}-shm", "{db}.lock"])
def test_ics_onto_the_database_is_refused_and_changes_nothing(cli, demo_db, target, monkeypatch):
    """`ics -o` naming the database (by any name) or one of its files: refused, file unchanged."""
    monkeypatch.chdir(demo_db.parent)
    settle(demo_db)
    before = digest(demo_db)
    out = target.format(db=demo_db, name=demo_db.name)
    code, _out, err = cli("--db", demo_db, "ics", "--circle", "Zwolle-Zuid", "-o", out, "--force")
    assert code == 2 and "belongs to the database" in err
    assert digest(demo_db) == before
    assert cli("--db", demo_db, "check")[0] == 0


def test_backup_to_the_database_or_its_backups_folder_is_refused(cli, demo_db):
    """`backup --to` the database itself or into its own backups folder is refused."""
    settle(demo_db)
    before = digest(demo_db)
    assert cli("--db", demo_db, "backup", "--to", demo_db, "--force")[0] == 2
    folder = backup_dir(demo_db)
    folder.mkdir(exist_ok=True)
    code, _out, err = cli("--db", demo_db, "backup", "--to", folder / "mine.db")
    assert code == 2 and "belongs to the database" in err
    assert digest(demo_db) == before


def test_an_existing_file_is_replaced_only_when_asked(cli, demo_db, tmp_path):
    """An existing output file is kept unless --force says it may be replaced."""
    out = tmp_path / "kalender.ics"
    out.write_text("mine")
    code, _o, err = cli("--db", demo_db, "ics", "--circle", "Zwolle-Zuid", "-o", out)
    assert code == 2 and "already exists" in err and out.read_text() == "mine"
    assert cli("--db", demo_db, "ics", "--circle", "Zwolle-Zuid", "-o", out, "--force")[0] == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    backup = tmp_path / "kopie.db"
    backup.write_text("mine")
    assert cli("--db", demo_db, "backup", "--to", backup)[0] == 2
    assert cli("--db", demo_db, "backup", "--to", backup, "--force")[0] == 0
    assert backup.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.skipif(not POSIX, reason="named pipes and devices are POSIX")
def test_outputs_that_are_not_ordinary_files_are_refused(cli, demo_db, tmp_path):
    """A folder, a pipe or a device is never written to, even with --force."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for target in (tmp_path, pipe, Path("/dev/null")):
        code, _o, err = cli("--db", demo_db, "backup", "--to", target, "--force")
        assert code == 2 and len(err.splitlines()) == 1, target
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_leftover_part_file_does_not_get_in_the_way(cli, demo_db, tmp_path):
    """A temporary file left by a crash (or a link named like one) never breaks a backup."""
    dest = tmp_path / "kopie.db"
    (tmp_path / "kopie.db.part").symlink_to(demo_db)
    settle(demo_db)
    before = digest(demo_db)
    assert cli("--db", demo_db, "backup", "--to", dest)[0] == 0
    assert digest(demo_db) == before and dest.read_bytes().startswith(b"SQLite format 3")


# --- 2, 3: damaged databases ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["truncated", "garbled", "header"])
def test_a_damaged_database_is_explained_and_can_be_restored_where_it_lies(cli, demo_db, how):
    """check reports the damage (exit 1); other commands say so and name the latest good backup
    (exit 2); restore then works onto the damaged file, which is kept aside."""
    code, good, _err = cli("--db", demo_db, "backup")
    assert code == 0
    good = good.strip()
    settle(demo_db)
    damage(demo_db, how)
    code, out, err = cli("--db", demo_db, "check")
    assert code == 1 and "damaged" in out and "Traceback" not in err
    code, out, err = cli("--db", demo_db, "circles")
    assert code == 2 and "damaged" in err and len(err.splitlines()) == 1
    assert f"{demo_db.name}-backups" in err  # the latest good backup is named
    code, out, err = cli("--db", demo_db, "restore", good)
    assert code == 0, err
    assert "kept as" in out
    kept = demo_db.parent.glob(f"{demo_db.name}.damaged-*")
    assert len([p for p in kept if not p.name.endswith(("-wal", "-shm"))]) == 1
    assert cli("--db", demo_db, "check")[0] == 0
    code, out, _err = cli("--db", demo_db, "circles", "--json")
    assert code == 0 and "Zwolle-Zuid" in out


# --- 5: refused files are not changed; check never writes --------------------------------------


def test_check_never_writes(cli, tmp_path):
    """check on another app's file, on a backup and on a newer database leaves each unchanged."""
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(other)
    code, _o, err = cli("--db", other, "check")
    assert code == 2 and "not a Budgetkring database" in err
    assert digest(other) == before
    assert not Path(f"{other}-wal").exists()
    code, _o, err = cli("--db", other, "circles")
    assert code == 2 and digest(other) == before


def test_a_newer_database_is_refused_untouched(cli, demo_db):
    """A database made by a newer Budgetkring is refused by every kind of command, unchanged."""
    settle(demo_db)
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('budgetkring', '9999_future', '')"
    )
    conn.commit()
    conn.close()
    before = digest(demo_db)
    for args in (["check"], ["circles"], ["add-circle", "X", "--municipality", "Y"], ["backup"]):
        code, _o, err = cli("--db", demo_db, *args)
        assert code == 2 and "newer version" in err, args
    assert digest(demo_db) == before
    assert sqlite3.connect(demo_db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_empty_file_stays_empty_when_the_command_is_refused(cli, tmp_path):
    """A refused write on an empty file leaves it empty; an accepted one makes a database."""
    empty = tmp_path / "leeg.db"
    empty.touch()
    code, _o, _err = cli("--db", empty, "add-circle", "X\x1b[31m", "--municipality", "Zwolle")
    assert code == 2 and empty.stat().st_size == 0
    assert not Path(f"{empty}-wal").exists()
    missing = tmp_path / "nieuw.db"
    assert cli("--db", missing, "pair", "Nergens", "A", "B")[0] == 2
    assert not missing.exists()
    assert cli("--db", empty, "add-circle", "Kampen", "--municipality", "Kampen")[0] == 0
    assert empty.stat().st_size > 0


# --- 6, 7: backup folders and rotation --------------------------------------------------------


def test_databases_with_the_same_stem_keep_their_own_backups(cli, tmp_path):
    """same.db and same.sqlite back up into different folders; rotating one spares the other."""
    first, second = tmp_path / "same.db", tmp_path / "same.sqlite"
    for path in (first, second):
        assert cli("--db", path, "add-circle", "Kring", "--municipality", "Kampen")[0] == 0
        assert cli("--db", path, "backup")[0] == 0
    assert backup_dir(first) != backup_dir(second)
    theirs = list_backups(backup_dir(second))
    assert len(list_backups(backup_dir(first))) == len(theirs) >= 1
    rotate(backup_dir(first), now=datetime.now() + timedelta(days=400))
    assert list_backups(backup_dir(second)) == theirs


def test_backups_dated_in_the_future_are_kept_and_not_counted():
    """A wrong clock once: its future backups are kept and do not push real ones out."""
    now = NOW
    real = [now - timedelta(days=d) for d in range(30)]
    future = [now + timedelta(days=d) for d in range(1, 28)]
    kept = backups_to_keep(real + future, now)
    assert set(future) <= kept
    assert set(backups_to_keep(real, now)) <= kept  # the same real ones as without them


def test_an_old_before_upgrade_backup_is_kept(tmp_path):
    """A 4-month-old backup made before an upgrade survives rotation; an ordinary one does not."""
    folder = tmp_path / "x.db-backups"
    folder.mkdir()
    old = NOW - timedelta(days=125)
    for reason in ("before-upgrade", "daily"):
        (folder / f"x-{old:%Y%m%d-%H%M%S}-{reason}.db").write_bytes(b"")
    for d in [*range(12), 35, 65, 95]:  # newer daily and monthly backups push the old one out
        (folder / f"x-{NOW - timedelta(days=d):%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    rotate(folder, now=NOW)
    names = {p.name for p, _w in list_backups(folder)}
    assert f"x-{old:%Y%m%d-%H%M%S}-before-upgrade.db" in names
    assert f"x-{old:%Y%m%d-%H%M%S}-daily.db" not in names


# --- 9, 10: privacy of the files, and every connection's pragmas -------------------------------


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
def test_every_file_we_write_is_private(cli, tmp_path, monkeypatch):
    """Data folder 0700; database, journals, backups and exports 0600 (even with umask 022)."""
    os.umask(0o022)
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli("demo")[0] == 0
    data = home / "Budgetkring"
    db = data / "budgetkring.db"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    code, backup, _ = cli("backup")
    out = tmp_path / "k.ics"
    assert cli("ics", "--circle", "Zwolle-Zuid", "-o", out)[0] == 0
    with open_store(db, backups=False):  # while open, the journals exist
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(backup.strip()), out]
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(backup_dir(db).stat().st_mode) == 0o700


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX")
def test_an_existing_world_readable_database_is_made_private(db_path):
    """A database left readable by others (an earlier version) is made private when opened."""
    open_store(db_path).close()
    db_path.chmod(0o644)
    open_store(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_every_kind_of_connection_gets_the_safe_pragmas(db_path):
    """Read-only connections and backup targets run with trusted_schema off, foreign keys on."""
    open_store(db_path).close()
    for conn in (connect_readonly(db_path), connect_plain(db_path.with_name("target.db"))):
        try:
            assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        finally:
            conn.close()


# --- 11-14: input that crashes or deceives ----------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Anja\nFake line", "Anja\x1b[31m", "An\x07ja", "An\x0bja", "Anja\u202eevil", "A" * 500]
)
def test_hostile_names_are_refused_everywhere(cli, demo_db, name):
    """Control characters, direction marks and huge names: refused, nothing stored."""
    settle(demo_db)
    before = digest(demo_db)
    for args in (
        ["add-facilitator", name, "--status", "trainee"],
        ["add-facilitator", "Nieuw", "--status", "trainee", "--town", name],
        ["add-circle", name, "--municipality", "Zwolle"],
        ["add-circle", "Nieuw", "--municipality", name],
    ):
        code, _o, err = cli("--db", demo_db, *args)
        assert code == 2 and len(err.splitlines()) == 1, args
    assert digest(demo_db) == before


def test_a_move_or_cancel_reason_with_control_characters_is_refused(cli, demo_db):
    """A reason is a short text like a name: no control characters, a length limit."""
    code, out, _ = cli("--db", demo_db, "sessions", "Zwolle-Zuid", "--json")
    import json

    future = [s for s in json.loads(out) if s["date"] > TODAY.isoformat()]
    target = str(future[-1]["id"])
    assert cli("--db", demo_db, "cancel", target, "--reason", "ziek\x1b[2J")[0] == 2
    assert cli("--db", demo_db, "cancel", target, "--reason", "x" * 1000)[0] == 2


def test_names_saved_before_the_rules_do_not_break_calendar_files(demo_store, tmp_path):
    """Old data with a control character still gives a valid calendar (and check names it)."""
    from budgetkring.organisation.database import run_checks
    from budgetkring.planning.ics import export_circle

    demo_store.db.execute("UPDATE circle SET name = 'Zwolle\x1b[31m' WHERE name = 'Zwolle-Zuid'")
    circle_id = demo_store.db.execute("SELECT id FROM circle WHERE name LIKE 'Zwolle%'").fetchone()
    export_circle(demo_store, circle_id[0], tmp_path / "z.ics", TODAY)
    text = (tmp_path / "z.ics").read_bytes()
    assert b"\x1b" not in text
    assert any("control character" in p for p in run_checks(demo_store))


def _run(*args, db: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = process_env(db.parent / "home")
    return subprocess.run(
        [sys.executable, "main.py", "--db", os.fsencode(db), *args],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
        env=env,
    )


@pytest.mark.skipif(not POSIX, reason="invalid UTF-8 in arguments is a POSIX thing")
def test_invalid_utf8_in_an_argument_is_a_plain_error(demo_db):
    """An argument that is not valid UTF-8: exit 2, one line, no traceback."""
    result = _run(b"add-circle", b"Kring\xff", b"--municipality", b"Zwolle", db=demo_db)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(not POSIX, reason="named pipes are POSIX")
def test_a_pipe_as_database_does_not_hang(tmp_path):
    """--db pointing to a named pipe: refused at once (a reader would wait for ever)."""
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    for command in ("circles", "check", "backup"):
        result = _run(command, db=pipe)
        assert result.returncode == 2 and b"not a Budgetkring database" in result.stderr


def test_very_long_paths_are_plain_errors(cli, tmp_path, demo_db):
    """A 5,000-character --db or --to is one plain line, exit 2."""
    long_db = tmp_path / ("x" * 5000)
    code, _o, err = cli("--db", long_db, "circles")
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    code, _o, err = cli("--db", demo_db, "backup", "--to", tmp_path / ("y" * 10000))
    assert code == 2 and len(err.splitlines()) == 1


@pytest.mark.skipif(ROOT_USER or not POSIX, reason="root may write anywhere; needs a normal user")
def test_a_read_only_database_can_still_be_read(cli, demo_db, tmp_path):
    """A read-only database lists and checks; a change is refused in plain words."""
    settle(demo_db)
    demo_db.chmod(0o444)
    assert cli("--db", demo_db, "circles")[0] == 0
    assert cli("--db", demo_db, "check")[0] == 0
    code, _o, err = cli("--db", demo_db, "add-circle", "X", "--municipality", "Y")
    assert code == 2 and "read" in err


@pytest.mark.skipif(ROOT_USER or not POSIX, reason="root may write anywhere; needs a normal user")
def test_a_backup_into_a_folder_that_cannot_be_written_is_a_plain_error(cli, demo_db, tmp_path):
    """backup --to a read-only folder: exit 2, one plain line."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    code, _o, err = cli("--db", demo_db, "backup", "--to", folder / "x.db")
    assert code == 2 and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--from", ""],
        ["move", "1", "--to", "2027-01-05", "--time", "", "--reason", "x"],
        ["ics", "--circle", "Zwolle-Zuid", "-o", ""],
        [
            "plan",
            "Zwolle-Zuid",
            "--start",
            "2027-01-05",
            "--weekday",
            "di",
            "--time",
            "13:30-15:30",
            "--every",
            "2w",
            "--programme",
            "",
        ],
    ],
)
def test_an_empty_value_is_not_the_same_as_leaving_it_out(cli, demo_db, args):
    """`--from ""` and the like: refused (exit 2), nothing changed."""
    settle(demo_db)
    before = digest(demo_db)
    code, _o, err = cli("--db", demo_db, *args)
    assert code == 2 and "empty value" in err
    assert digest(demo_db) == before


def test_a_file_offered_for_restore_is_checked_before_anything_changes(cli, demo_db, tmp_path):
    """Restoring another app's file or a damaged backup is refused; the database is unchanged."""
    settle(demo_db)
    before = digest(demo_db)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (a)")
    conn.commit()
    conn.close()
    broken = tmp_path / "broken.db"
    shutil.copy(demo_db, broken)
    damage(broken, "garbled")
    for source in (other, broken, demo_db):
        code, _o, err = cli("--db", demo_db, "restore", source)
        assert code == 2 and len(err.splitlines()) == 1, source
    assert digest(demo_db) == before


def test_open_store_refuses_a_folder(tmp_path):
    """A folder given as database is refused without touching it."""
    with pytest.raises(UserError, match="not a Budgetkring database"):
        open_store(tmp_path)


# --- found by a review: damage inside a page, busy is not damaged, restores that fail -----------


def _overwrite_table_page(db_path: Path, table: str) -> None:
    """Garble the root page of one table, leaving the schema readable."""
    conn = sqlite3.connect(db_path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xa5" * size)


def test_damage_inside_a_table_can_be_restored_with_the_command_the_app_gives(cli, demo_db):
    """A garbled data page (the schema still readable): the printed restore command works."""
    code, good, _ = cli("--db", demo_db, "backup")
    settle(demo_db)
    _overwrite_table_page(demo_db, "circle")
    code, _out, err = cli("--db", demo_db, "circles")
    assert code == 2 and "damaged" in err
    code, out, err = cli("--db", demo_db, "restore", good.strip())
    assert code == 0, err
    assert "kept as" in out and cli("--db", demo_db, "check")[0] == 0


def test_a_busy_database_is_not_called_damaged(db_path):
    """SQLite's 'database is locked' is a busy database, never a damaged one."""
    from budgetkring.store.db import is_damage, unreadable_error

    plain = sqlite3.connect(db_path)
    plain.execute("CREATE TABLE t (a)")
    plain.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db_path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("SELECT * FROM t").fetchall()
    plain.rollback()
    assert not is_damage(caught.value)
    assert "busy" in str(unreadable_error(caught.value, db_path))


def test_a_failed_restore_of_a_damaged_database_puts_it_back(cli, demo_db, monkeypatch):
    """When restoring into a damaged database fails half-way, the damaged file is back where it
    was (never no database at all), and no new file is left."""
    from budgetkring.organisation import database
    from budgetkring.store import backup as backup_sql

    code, good, _ = cli("--db", demo_db, "backup")
    settle(demo_db)
    damage(demo_db, "header")
    before = digest(demo_db)

    def broken(store, source, now=None):
        raise UserError("the disk is full")

    monkeypatch.setattr(backup_sql, "restore", broken)
    with pytest.raises(UserError, match="disk is full"):
        database.restore_database(demo_db, Path(good.strip()))
    assert digest(demo_db) == before
    assert not list(demo_db.parent.glob(f"{demo_db.name}.damaged-*"))


def test_an_emptied_database_with_backups_is_damaged_not_new(cli, demo_db):
    """A database file cut to 0 bytes that has backups is damaged: nothing new is made in it."""
    assert cli("--db", demo_db, "backup")[0] == 0
    settle(demo_db)
    demo_db.write_bytes(b"")
    code, _out, err = cli("--db", demo_db, "circles")
    assert code == 2 and "damaged" in err and demo_db.stat().st_size == 0


def test_backups_people_were_told_about_are_kept_a_year(tmp_path):
    """Before-restore and manual backups are not rotated away like daily ones."""
    folder = tmp_path / "x.db-backups"
    folder.mkdir()
    for days, reason in ((2, "before-restore"), (3, "before-restore"), (50, "manual")):
        when = NOW - timedelta(days=days)
        (folder / f"x-{when:%Y%m%d-%H%M%S}-{reason}.db").write_bytes(b"")
    for d in range(12):
        (folder / f"x-{NOW - timedelta(days=d):%Y%m%d-%H%M%S}-daily.db").write_bytes(b"")
    rotate(folder, now=NOW)
    names = [p.name for p, _w in list_backups(folder)]
    assert sum(n.endswith("-before-restore.db") for n in names) == 2
    assert any(n.endswith("-manual.db") for n in names)


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_a_database_opened_through_a_link_shares_its_lock_and_backups(db_path, tmp_path):
    """Opening the same database through a link finds the same lock and the same backups."""
    open_store(db_path).close()
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    with open_store(db_path):
        with pytest.raises(UserError, match="already open"):
            open_store(link)
    with open_store(link) as store:
        assert store.path == db_path.resolve()
