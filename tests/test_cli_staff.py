"""Staffing commands: facilitators, add-facilitator, pair, absence, gaps, suggest, substitute,
fill-gaps — output, exit status and bad input."""

import json

import pytest


@pytest.fixture
def db(cli, db_path):
    """A planned circle led by two facilitators, far in the future (no real 'today' issues)."""
    cli("--db", db_path, "add-circle", "Zwolle", "--municipality", "Zwolle")
    for name, status, town in (
        ("Anja", "certified", "Zwolle"),
        ("Kees", "certified", "Zwolle"),
        ("Fatma", "certified", "Zwolle"),
        ("Sanne", "trainee", "Kampen"),
    ):
        code, _, err = cli(
            "--db", db_path, "add-facilitator", name, "--status", status, "--town", town
        )
        assert code == 0, err
    assert cli("--db", db_path, "pair", "Zwolle", "Anja", "Kees", "--from", "2030-01-01")[0] == 0
    cli(
        "--db",
        db_path,
        "plan",
        "Zwolle",
        "--start",
        "2030-01-07",
        "--weekday",
        "tue",
        "--time",
        "13:30-15:30",
        "--every",
        "2w",
        "--region",
        "noord",
    )
    return db_path


def first_session(cli, db):
    """The first meeting of the circle (JSON row)."""
    return json.loads(cli("--db", db, "sessions", "Zwolle", "--json")[1])[0]


def test_facilitators_json(cli, db):
    """facilitators --json: name, status, town, absences, circles."""
    cli(
        "--db",
        db,
        "absence",
        "Kees",
        "--from",
        "2030-01-06",
        "--to",
        "2030-01-10",
        "--reason",
        "illness",
    )
    rows = {r["name"]: r for r in json.loads(cli("--db", db, "facilitators", "--json")[1])}
    assert set(rows["Kees"]) == {"name", "status", "town", "absences", "circles"}
    assert rows["Kees"]["absences"] == [
        {"from": "2030-01-06", "to": "2030-01-10", "reason": "illness"}
    ]
    assert rows["Sanne"]["status"] == "trainee"


def test_absence_gap_suggest_substitute(cli, db):
    """An absence makes a gap (gaps exits 1); suggest ranks; substitute closes it (exit 0)."""
    session = first_session(cli, db)
    assert cli("--db", db, "gaps", "--from", "2030-01-01")[0] == 0
    cli(
        "--db",
        db,
        "absence",
        "Kees",
        "--from",
        "2030-01-06",
        "--to",
        "2030-01-10",
        "--reason",
        "illness",
    )
    code, out, _ = cli("--db", db, "gaps", "--from", "2030-01-01", "--to", "2030-02-01", "--json")
    gaps = json.loads(out)
    assert code == 1 and gaps == [
        {
            "session": session["id"],
            "circle": 1,
            "date": "2030-01-08",
            "missing": 1,
            "reason": "Kees is away.",
        }
    ]
    code, out, _ = cli("--db", db, "suggest", session["id"], "--json")
    ranked = json.loads(out)
    assert code == 0 and ranked[0]["name"] == "Fatma" and isinstance(ranked[0]["score"], int)
    assert "lives in Zwolle" in ranked[0]["reasons"]
    assert "Kees" not in [r["name"] for r in ranked]
    code, _, err = cli("--db", db, "substitute", session["id"], "--in", "Kees")
    assert code == 2 and "away" in err
    code, out, _ = cli("--db", db, "substitute", session["id"], "--in", "Fatma")
    assert code == 0 and "asked" in out and "--agreed" in out
    assert cli("--db", db, "gaps", "--from", "2030-01-01", "--to", "2030-02-01")[0] == 1
    code, out, _ = cli("--db", db, "substitute", session["id"], "--in", "Fatma", "--agreed")
    assert code == 0 and "two facilitators now" in out
    assert cli("--db", db, "gaps", "--from", "2030-01-01", "--to", "2030-02-01")[0] == 0
    assert first_session(cli, db)["facilitators"] == ["Anja", "Fatma"]


def test_fill_gaps_dry_run_then_save(cli, db):
    """fill-gaps --dry-run changes nothing; without it a stand-in is asked for every gap."""
    cli("--db", db, "absence", "Kees", "--from", "2030-01-06", "--to", "2030-02-10")
    code, out, _ = cli("--db", db, "fill-gaps", "--from", "2030-01-01", "--dry-run")
    assert code == 0 and ("Fatma" in out or "Sanne" in out)
    assert cli("--db", db, "gaps", "--from", "2030-01-01")[0] == 1
    code, out, _ = cli("--db", db, "fill-gaps", "--from", "2030-01-01")
    assert code == 0 and "asked" in out
    code, out, _ = cli("--db", db, "gaps", "--from", "2030-01-01", "--json")
    assert code == 1 and all("Asked, not confirmed yet" in g["reason"] for g in json.loads(out))
    code, out, _ = cli("--db", db, "fill-gaps", "--from", "2030-01-01")
    assert code == 0 and "waiting for a yes" in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["add-facilitator", "Anja", "--status", "certified"], "already"),
        (["add-facilitator", "X", "--status", "boss"], "invalid choice"),
        (["add-facilitator", "X", "--status", "trainee", "--available", "mon,funday"], "weekday"),
        (["add-facilitator", "X", "--status", "trainee", "--max-per-month", "-1"], "between"),
        (["pair", "Zwolle", "Anja", "Anja"], "two different"),
        (["pair", "Zwolle", "Anja", "Nobody"], "no facilitator"),
        (["pair", "Nowhere", "Anja", "Kees"], "no circle"),
        (["absence", "Kees", "--from", "2030-01-10", "--to", "2030-01-01"], "ends before"),
        (["absence", "Nobody", "--from", "2030-01-10", "--to", "2030-01-11"], "no facilitator"),
        (["suggest", "9999"], "no meeting"),
        (["substitute", "9999", "--in", "Fatma"], "no meeting"),
        (["gaps", "--from", "2030-02-01", "--to", "2030-01-01"], "before its start"),
        (["fill-gaps", "--from", "someday"], "not a date"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(cli, db, args, fragment):
    """Each bad call: exit 2, one plain line, no change in facilitators or absences."""
    import sqlite3

    def counts():
        conn = sqlite3.connect(db)
        return [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("facilitator", "absence", "circle_lead", "substitution")
        ]

    before = counts()
    code, _, err = cli("--db", db, *args)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1
    assert counts() == before


def test_substitute_out_must_lead_the_meeting(cli, db):
    """--out naming someone who does not lead this meeting is refused."""
    session = first_session(cli, db)
    code, _, err = cli("--db", db, "substitute", session["id"], "--in", "Fatma", "--out", "Sanne")
    assert code == 2 and "does not lead" in err
    code, _, err = cli("--db", db, "substitute", session["id"], "--in", "Fatma")
    assert code == 2 and "Nobody is away" in err
    assert cli("--db", db, "substitute", session["id"], "--in", "Fatma", "--out", "Kees")[0] == 0


def test_absence_says_what_it_means_for_the_meetings(cli, db):
    """'Say what changed': recording an absence over one meeting says that one meeting now
    misses a facilitator; substitute without --agreed records an ask, not an agreement."""
    session = first_session(cli, db)
    code, out, _ = cli("--db", db, "absence", "Kees", "--from", "2030-01-06", "--to", "2030-01-10")
    assert code == 0 and "1 meeting now misses a facilitator." in out
    code, out, _ = cli("--db", db, "substitute", session["id"], "--in", "Fatma")
    assert code == 0 and "Fatma has been asked to stand in for Kees; not agreed yet" in out
    code, _, err = cli("--db", db, "substitute", session["id"], "--in", "Fatma")
    assert code == 2 and "already been asked" in err
