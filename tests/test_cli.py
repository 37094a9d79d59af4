"""The headless commands: output, exit status and bad input (one plain line, nothing changed)."""

import json
import sqlite3
import subprocess
import sys

import pytest

from budgetkring.cli.main import main


def test_version(capsys):
    """--version prints the version and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "Budgetkring 0." in capsys.readouterr().out


def test_add_circle_on_a_fresh_file_then_list_as_json(cli, db_path):
    """add-circle creates the database file; circles --json lists it with the agreed keys."""
    code, out, _ = cli(
        "--db",
        str(db_path),
        "add-circle",
        "Zwolle-Zuid",
        "--municipality",
        "Zwolle",
        "--place",
        "Buurthuis",
        "--start",
        "2027-01-12",
    )
    assert code == 0
    code, out, _ = cli("--db", str(db_path), "circles", "--json")
    rows = json.loads(out)
    assert rows == [
        {
            "id": 1,
            "name": "Zwolle-Zuid",
            "municipality": "Zwolle",
            "place": "Buurthuis",
            "status": "preparing",
            "facilitators": [],
            "next_session": None,
            "received_from": None,
            "received_at": None,
        }
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["add-circle", "", "--municipality", "Zwolle"], "empty value"),
        (["add-circle", "X", "--municipality", "Zwolle", "--start", "12/31/2026"], "2026"),
        (["add-circle", "Kampen", "--municipality", "Kampen"], "already"),
        (["add-circle", "Y"], "municipality"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(cli, db_path, args, message):
    """Each bad call: exit 2, one line on stderr, no traceback, no new circle."""
    cli("--db", str(db_path), "add-circle", "Kampen", "--municipality", "Kampen")
    code, out, err = cli("--db", str(db_path), *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM circle").fetchone()[0] == 1


def test_demo_then_demo_again(cli, db_path):
    """demo fills an empty database; a second time it exits 2 and changes nothing."""
    assert cli("--db", str(db_path), "demo")[0] == 0
    code, _, err = cli("--db", str(db_path), "demo")
    assert code == 2 and "empty" in err
    code, out, _ = cli("--db", str(db_path), "circles", "--json")
    rows = json.loads(out)
    assert len(rows) == 3 and all(len(r["facilitators"]) == 2 for r in rows)
    assert {r["status"] for r in rows} <= {"preparing", "running", "finished", "stopped"}


def test_check_ok_then_problems(cli, db_path):
    """check exits 0 on a sound database and 1 when a rule is broken, saying what."""
    cli("--db", str(db_path), "demo")
    code, out, _ = cli("--db", str(db_path), "check")
    assert code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE circle SET start_date = NULL WHERE status = 'running'")
    conn.commit()
    conn.close()
    code, out, _ = cli("--db", str(db_path), "check")
    assert code == 1 and "no start date" in out


def test_check_on_a_file_that_is_not_a_database(cli, tmp_path):
    """A clean error, exit 2."""
    bad = tmp_path / "x.db"
    bad.write_text("hello")
    code, _, err = cli("--db", str(bad), "check")
    assert code == 2 and "not a Budgetkring database" in err


def test_backup_and_restore_commands(cli, db_path, tmp_path):
    """backup --to prints the path; restore brings it back, also into a new --db."""
    cli("--db", str(db_path), "demo")
    target = tmp_path / "b.db"
    code, out, _ = cli("--db", str(db_path), "backup", "--to", str(target))
    assert code == 0 and out.strip() == str(target)
    code, out, _ = cli("--db", str(db_path), "backup")
    assert code == 0 and "kring.db-backups" in out
    fresh = tmp_path / "fresh.db"
    assert cli("--db", str(fresh), "restore", str(target))[0] == 0
    code, out, _ = cli("--db", str(fresh), "circles", "--json")
    assert len(json.loads(out)) == 3
    code, _, err = cli("--db", str(fresh), "restore", str(tmp_path / "missing.db"))
    assert code == 2 and "does not exist" in err


def test_main_py_runs_the_same_cli(tmp_path):
    """python main.py behaves like the budgetkring command (no traceback on a user error)."""
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "a.db"), "circles", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["sessions", "²"], "no circle"),
        (["sessions", "99999999999999999999999"], "no circle"),
        (
            ["move", "99999999999999999999999", "--to", "2030-01-01", "--reason", "x"],
            "not a meeting number",
        ),
        (
            ["move", "²", "--to", "2030-01-01", "--reason", "x"],
            "not a meeting number",
        ),
        (["suggest", "-1"], "not a meeting number"),
        (["ics", "--circle", "", "-o", "x.ics"], "empty value"),
        (
            [
                "plan",
                "Demo",
                "--start",
                "9999-12-31",
                "--weekday",
                "tue",
                "--time",
                "10:00-12:00",
                "--every",
                "month",
            ],
            "too far away",
        ),
        (
            ["absence", "Anja de Vries", "--from", "0001-01-01", "--to", "9999-12-31"],
            "too far away",
        ),
        (["gaps", "--to", "9999-12-31"], "too far away"),
        (["add-facilitator", "X", "--status", "trainee", "--available", ""], "empty value"),
    ],
)
def test_hostile_input_is_a_plain_error(cli, tmp_path, args, fragment):
    """Odd digits, huge numbers, far dates, empty names: exit 2, one line, no traceback."""
    db = tmp_path / "d.db"
    cli("--db", db, "demo")
    cli("--db", db, "add-circle", "Demo", "--municipality", "Zwolle")
    dump = sqlite3.connect(db).execute("SELECT count(*) FROM session").fetchone()
    code, _, err = cli("--db", db, *args)
    assert code == 2 and fragment in err and "Traceback" not in err, err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM session").fetchone() == dump


def test_check_never_creates_a_file(cli, tmp_path):
    """check on a path that does not exist says so and creates nothing; an empty file is no db."""
    missing = tmp_path / "typo.db"
    code, _, err = cli("--db", missing, "check")
    assert code == 2 and "does not exist" in err and not missing.exists()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    code, _, err = cli("--db", empty, "check")
    assert code == 2 and empty.stat().st_size == 0


def test_names_match_regardless_of_accented_capitals(cli, db_path):
    """'één' and 'ÉÉN' are the same circle name (SQLite alone would only fold A-Z)."""
    assert cli("--db", db_path, "add-circle", "Één", "--municipality", "Zwolle")[0] == 0
    code, _, err = cli("--db", db_path, "add-circle", "één", "--municipality", "Zwolle")
    assert code == 2 and "already" in err
    assert cli("--db", db_path, "sessions", "ÉÉN")[0] == 0
