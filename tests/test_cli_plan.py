"""Planning commands: plan, sessions, move, cancel, ics — output, exit status, bad input."""

import json
import sqlite3

import pytest


@pytest.fixture
def db(cli, db_path):
    """A database with one circle, planned nothing yet."""
    cli("--db", db_path, "add-circle", "Zwolle", "--municipality", "Zwolle")
    return db_path


def sessions(cli, db, circle="Zwolle"):
    """The circle's meetings as JSON."""
    code, out, _ = cli("--db", db, "sessions", circle, "--json")
    assert code == 0
    return json.loads(out)


PLAN = [
    "plan",
    "Zwolle",
    "--start",
    "2030-01-07",
    "--weekday",
    "di",
    "--time",
    "13:30-15:30",
    "--every",
    "2w",
    "--region",
    "noord",
]


def test_dry_run_prints_but_saves_nothing(cli, db):
    """--dry-run lists the meetings and saves none."""
    code, out, _ = cli("--db", db, *PLAN, "--dry-run")
    assert code == 0 and "Kennismaken en afspraken" in out and "--dry-run" in out
    assert sessions(cli, db) == []


def test_plan_then_sessions_json(cli, db):
    """plan saves; sessions --json has the agreed keys, lowercase status codes, HH:MM times."""
    code, out, _ = cli("--db", db, *PLAN)
    assert code == 0
    rows = sessions(cli, db)
    assert len(rows) == 19
    assert set(rows[0]) == {
        "id",
        "number",
        "date",
        "start",
        "end",
        "status",
        "theme",
        "facilitators",
    }
    assert rows[0]["date"] == "2030-01-08" and rows[0]["start"] == "13:30"
    assert {r["status"] for r in rows} == {"planned"}
    assert [r["number"] for r in rows] == list(range(1, 20))


@pytest.mark.parametrize(
    "change, fragment",
    [
        (["--time", "25:00-26:00"], "does not exist"),
        (["--time", "15:00-13:00"], "end after it starts"),
        (["--every", "5w"], "not a rhythm"),
        (["--region", "west"], "not a school holiday region"),
        (["--weekday", "funday"], "not a weekday"),
        (["--start", "31-02-2030"], "does not exist"),
        (["--programme", "Onbekend"], "no programme"),
    ],
)
def test_bad_plan_input_exits_2_and_saves_nothing(cli, db, change, fragment):
    """Each bad option: exit 2, one plain line, no meetings saved."""
    args = list(PLAN)
    flag, value = change
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += change
    code, _, err = cli("--db", db, *args)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1
    assert sessions(cli, db) == []


def test_unknown_circle(cli, db):
    """A circle that does not exist: exit 2."""
    code, _, err = cli("--db", db, "sessions", "Nergens")
    assert code == 2 and "no circle" in err


def test_move_and_its_conflicts(cli, db):
    """move works; onto a public holiday it is refused with the reason and nothing changes."""
    cli("--db", db, *PLAN)
    first = sessions(cli, db)[0]
    code, _, err = cli("--db", db, "move", first["id"], "--to", "2030-01-01", "--reason", "x")
    assert code == 2 and "public holiday" in err
    assert sessions(cli, db)[0]["date"] == first["date"]
    code, _, _ = cli(
        "--db",
        db,
        "move",
        first["id"],
        "--to",
        "2030-01-09",
        "--time",
        "10:00-12:00",
        "--reason",
        "zaal bezet",
    )
    moved = sessions(cli, db)[0]
    assert code == 0 and (moved["date"], moved["start"], moved["status"]) == (
        "2030-01-09",
        "10:00",
        "moved",
    )
    code, _, err = cli("--db", db, "move", "9999", "--to", "2030-01-10", "--reason", "x")
    assert code == 2 and "no meeting" in err


def test_cancel_with_and_without_shift(cli, db):
    """cancel --shift-themes adds a meeting at the end; without, the theme is dropped."""
    cli("--db", db, *PLAN)
    rows = sessions(cli, db)
    code, out, _ = cli("--db", db, "cancel", rows[3]["id"], "--reason", "ziek", "--shift-themes")
    assert code == 0
    after = sessions(cli, db)
    assert len(after) == 20 and after[3]["status"] == "cancelled"
    assert [r["theme"] for r in after if r["status"] != "cancelled"] == [r["theme"] for r in rows]
    code, _, _ = cli("--db", db, "cancel", rows[5]["id"], "--reason", "storm")
    assert code == 0 and len(sessions(cli, db)) == 20
    code, _, err = cli("--db", db, "cancel", rows[5]["id"], "--reason", "again")
    assert code == 2 and "cancelled" in err


def test_ics_command(cli, db, tmp_path):
    """ics --circle writes a file; an unknown facilitator exits 2."""
    cli("--db", db, *PLAN)
    target = tmp_path / "z.ics"
    code, out, _ = cli("--db", db, "ics", "--circle", "Zwolle", "-o", target)
    assert code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    code, _, err = cli("--db", db, "ics", "--facilitator", "Niemand", "-o", target)
    assert code == 2 and "no facilitator" in err
    code, _, err = cli("--db", db, "ics", "-o", target)
    assert code == 2


def test_circles_shows_next_session(cli, db):
    """After planning, circles --json gives the next meeting date."""
    cli("--db", db, *PLAN)
    code, out, _ = cli("--db", db, "circles", "--json")
    assert json.loads(out)[0]["next_session"] == "2030-01-08"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 19


def test_move_needs_a_reason_and_asks_about_an_unusual_time(cli, db):
    """move without --reason is refused; 00:30-15:30 is refused until --unusual-time."""
    cli("--db", db, *PLAN)
    first = sessions(cli, db)[0]
    code, _, err = cli("--db", db, "move", first["id"], "--to", "2030-01-09")
    assert code == 2 and "--reason" in err
    code, _, err = cli("--db", db, "move", first["id"], "--to", "2030-01-09", "--reason", " ")
    assert code == 2 and "empty value" in err
    unusual = ["move", first["id"], "--to", "2030-01-09", "--time", "00:30-15:30"]
    code, _, err = cli("--db", db, *unusual, "--reason", "zaal bezet")
    assert code == 2 and "before 07:00" in err and "--unusual-time" in err
    assert len(err.strip().splitlines()) == 1
    assert sessions(cli, db)[0] == first
    code, _, _ = cli("--db", db, *unusual, "--reason", "zaal bezet", "--unusual-time")
    moved = sessions(cli, db)[0]
    assert code == 0 and (moved["start"], moved["end"]) == ("00:30", "15:30")


def test_uncancel_puts_the_meeting_and_its_themes_back(cli, db):
    """uncancel after cancel --shift-themes: the plan is as before; twice is refused."""
    cli("--db", db, *PLAN)
    rows = sessions(cli, db)
    cli("--db", db, "cancel", rows[3]["id"], "--reason", "ziek", "--shift-themes")
    code, out, _ = cli("--db", db, "uncancel", rows[3]["id"])
    assert code == 0 and "planned again" in out and "moved back" in out
    assert [(r["id"], r["theme"], r["status"]) for r in sessions(cli, db)] == [
        (r["id"], r["theme"], r["status"]) for r in rows
    ]
    code, _, err = cli("--db", db, "uncancel", rows[3]["id"])
    assert code == 2 and "not been cancelled" in err
