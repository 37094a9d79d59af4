"""Participants, pseudonymous: codes, consent, attendance, self-assessments, goals, forgetting."""

import json
import sqlite3
from datetime import timedelta

import pytest

from budgetkring.errors import UserError
from budgetkring.organisation.circles import add_circle, find_circle
from budgetkring.organisation.overview import attention_items
from budgetkring.participants.assessments import (
    assess,
    averages,
    group_averages,
    import_instrument,
    progress,
)
from budgetkring.participants.goals import add_goal, list_goals, set_goal_status
from budgetkring.participants.participants import (
    absences_in_a_row,
    add_participant,
    find_participant,
    held_sessions,
    list_participants,
    record_attendance,
    update_participant,
)
from budgetkring.participants.privacy import (
    apply_retention,
    forget,
    retention_cases,
    wipe_aliases,
)
from budgetkring.planning.sessions import list_sessions
from tests.conftest import TODAY, fid

MARKER = "Zebrapaard7319"


# --- pure rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statuses, run",
    [
        ([], 0),
        (["absent", "absent", "absent"], 3),
        (["absent", "present", "absent", "absent"], 2),
        (["absent", "absent", "excused"], 0),
        (["absent", "absent", None, "absent"], 3),  # a meeting not entered yet breaks nothing
        (["present", None, None], 0),
    ],
)
def test_absences_in_a_row(statuses, run):
    """The run of absences without notice counts back from the latest held meeting."""
    assert absences_in_a_row(statuses) == run


def test_averages_count_who_answered():
    """An average per domain with the number of people it is based on; nobody gives None."""
    found = averages([{"money": 2, "housing": 4}, {"money": 3}], ["money", "housing", "green"])
    assert (found["money"].value, found["money"].count) == (2.5, 2)
    assert (found["housing"].value, found["housing"].count) == (4.0, 1)
    assert (found["green"].value, found["green"].count) == (None, 0)


# --- the demo and the services ------------------------------------------------------------------


@pytest.fixture
def zwolle(demo_store):
    """The running demo circle."""
    return find_circle(demo_store, "Zwolle-Zuid")


def test_demo_participants_have_codes_aliases_attendance_and_a_streak(demo_store, zwolle):
    """The demo circle has coded participants with aliases, attendance and one who stopped."""
    people = list_participants(demo_store, zwolle.id, TODAY)
    assert [p.code for p in people] == [f"K{zwolle.id}-{n:02d}" for n in range(1, 10)]
    assert all(p.alias for p in people)
    held = held_sessions(demo_store, zwolle.id, TODAY)
    assert held and all(len(p.marks) > 0 for p in people)
    assert people[2].absent_in_a_row == 3
    assert [p.status for p in people].count("stopped") == 1
    items = attention_items(demo_store, TODAY)
    assert any(i.kind == "absent" and people[2].code in i.message for i in items)


def test_attendance_is_refused_for_a_future_meeting_and_another_circle(demo_store, zwolle):
    """A meeting after today, a participant of another circle, an unknown status: refused."""
    sessions = list_sessions(demo_store, zwolle.id, TODAY)
    future = next(s for s in sessions if s.date > TODAY)
    person = list_participants(demo_store, zwolle.id, TODAY)[0]
    with pytest.raises(UserError, match="taken place"):
        record_attendance(demo_store, future.id, {person.id: "present"}, TODAY)
    other = find_circle(demo_store, "Deventer Centrum")
    stranger = list_participants(demo_store, other.id, TODAY)[0]
    past = held_sessions(demo_store, zwolle.id, TODAY)[-1]
    with pytest.raises(UserError, match="does not belong"):
        record_attendance(demo_store, past.id, {stranger.id: "present"}, TODAY)
    with pytest.raises(UserError, match="not an attendance status"):
        record_attendance(demo_store, past.id, {person.id: "late"}, TODAY)


def test_attendance_changes_the_totals_and_ends_a_streak(demo_store, zwolle):
    """Marking the latest meeting present ends the streak and counts once."""
    people = list_participants(demo_store, zwolle.id, TODAY)
    missing = people[2]
    latest = held_sessions(demo_store, zwolle.id, TODAY)[-1]
    record_attendance(demo_store, latest.id, {missing.id: "present"}, TODAY)
    again = find_participant(demo_store, missing.code)
    after = {p.code: p for p in list_participants(demo_store, zwolle.id, TODAY)}[again.code]
    assert after.absent_in_a_row == 0 and after.present == missing.present + 1
    assert not any(i.kind == "absent" for i in attention_items(demo_store, TODAY))


def test_no_assessment_or_goal_without_consent(store):
    """Without consent attendance may be kept, but a self-assessment and a goal are refused."""
    circle = add_circle(store, name="Kring", municipality="Zwolle")
    person = add_participant(store, circle.id, TODAY)
    assert person.consent is None
    with pytest.raises(UserError, match="consent"):
        assess(store, person.id, "start", {"money": 3}, TODAY)
    with pytest.raises(UserError, match="consent"):
        add_goal(store, "Sparen", TODAY, participant_id=person.id)
    update_participant(store, person.id, consent=TODAY)
    assess(store, person.id, "start", {"money": 3}, TODAY)
    assert progress(store, person.id).moments == {"start": {"money": 3}}


def test_scores_outside_the_scale_or_domain_are_refused(demo_store, zwolle):
    """A score outside 1-5 or an unknown domain is refused; a second start replaces the first."""
    person = list_participants(demo_store, zwolle.id, TODAY)[0]
    with pytest.raises(UserError, match="from 1 to 5"):
        assess(demo_store, person.id, "start", {"money": 7}, TODAY)
    with pytest.raises(UserError, match="no question"):
        assess(demo_store, person.id, "start", {"pets": 3}, TODAY)
    with pytest.raises(UserError, match="not a moment"):
        assess(demo_store, person.id, "later", {"money": 3}, TODAY)
    assess(demo_store, person.id, "start", {"money": 1, "housing": 2}, TODAY)
    assess(demo_store, person.id, "end", {"money": 4}, TODAY)
    found = progress(demo_store, person.id)
    assert found.moments["start"] == {"money": 1, "housing": 2}
    assert found.change == {"money": 3}


def test_group_averages_start_and_now(demo_store, zwolle):
    """The group averages give a value and a count per domain for the start and now."""
    found = group_averages(demo_store, zwolle.id)
    assert found["start"]["money"].count == 9
    assert found["now"]["money"].count == 9
    assert 1 <= found["now"]["money"].value <= 5


def test_an_imported_instrument_is_used_and_old_assessments_keep_theirs(
    demo_store, zwolle, tmp_path
):
    """A 0-10 instrument imported under the same name is a new version; earlier assessments
    keep the version they were made with."""
    person = list_participants(demo_store, zwolle.id, TODAY)[0]
    before = progress(demo_store, person.id).version_ids["start"]
    spec = {
        "format": "budgetkring-instrument",
        "format_version": 1,
        "name": "Hoe gaat het met je?",
        "description": "",
        "scale": {"min": 0, "max": 10, "labels": {"0": "slecht", "10": "heel goed"}},
        "questions": [{"domain": "money", "statement": "Ik kom rond."}],
    }
    path = tmp_path / "tien.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    imported = import_instrument(demo_store, path)
    assert imported.version == 2 and imported.scale.maximum == 10
    assess(demo_store, person.id, "end", {"money": 9}, TODAY)
    found = progress(demo_store, person.id)
    assert found.version_ids["start"] == before != found.version_ids["end"]


def test_goals_with_an_identifier_are_refused(demo_store, zwolle):
    """A goal that holds a phone number or an e-mail address is refused, naming what it found."""
    person = list_participants(demo_store, zwolle.id, TODAY)[0]
    count = len(list_goals(demo_store, participant_id=person.id))
    for text in ("Bellen met 06-12345678", "Mailen naar piet@example.nl"):
        with pytest.raises(UserError, match="Remove"):
            add_goal(demo_store, text, TODAY, participant_id=person.id)
    assert len(list_goals(demo_store, participant_id=person.id)) == count
    goal = add_goal(demo_store, "€ 1.250,00 sparen voor de zomer", TODAY, participant_id=person.id)
    assert set_goal_status(demo_store, goal.id, "done", TODAY).closed == TODAY
    anja = fid(demo_store, "Anja de Vries")
    assert list_goals(demo_store, facilitator_id=anja)


def _raw(db_path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        path = db_path.with_name(db_path.name + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def test_forgetting_leaves_no_trace_in_the_files(demo_store, db_path, zwolle):
    """After forgetting, a marker from the alias and a goal is in none of db, -wal and -shm."""
    person = add_participant(demo_store, zwolle.id, TODAY, alias=f"Ali {MARKER}", consent=TODAY)
    add_goal(demo_store, f"Plan {MARKER} maken", TODAY, participant_id=person.id)
    demo_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARKER.encode() in _raw(db_path)
    assert forget(demo_store, person.id).code == person.code
    assert MARKER.encode() not in _raw(db_path)
    with pytest.raises(UserError):
        find_participant(demo_store, person.code)


def test_wipe_aliases(demo_store, zwolle):
    """Wiping the aliases of a circle removes them all there and nowhere else."""
    assert wipe_aliases(demo_store, zwolle.id) == 9
    assert not any(p.alias for p in list_participants(demo_store, zwolle.id, TODAY))
    other = find_circle(demo_store, "Deventer Centrum")
    assert all(p.alias for p in list_participants(demo_store, other.id, TODAY))


def test_retention_keeps_only_totals_of_a_long_finished_circle(demo_store, zwolle):
    """A circle finished over a year ago: proposed, then participants removed, totals kept."""
    from budgetkring.organisation.circles import update_circle
    from budgetkring.store.participants import summary_rows

    later = TODAY + timedelta(days=800)
    assert retention_cases(demo_store, later) == []  # still running
    update_circle(
        demo_store,
        zwolle.id,
        name=zwolle.name,
        municipality=zwolle.municipality,
        start_date=zwolle.start_date.isoformat(),
        status="finished",
    )
    cases = retention_cases(demo_store, later)
    assert [c.circle_name for c in cases] == ["Zwolle-Zuid"] and cases[0].participants == 9
    assert retention_cases(demo_store, TODAY) == []  # finished, but not long enough ago
    apply_retention(demo_store, later)
    assert list_participants(demo_store, zwolle.id, later) == []
    kept = summary_rows(demo_store.db)
    assert kept[0]["participants"] == 9 and "money" in kept[0]["changes"]


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def demo_cli(cli, db_path):
    """The CLI over a demo database."""
    assert cli("--db", db_path, "demo")[0] == 0

    def run(*args):
        return cli("--db", db_path, *args)

    return run


def test_cli_participants_never_show_an_alias(demo_cli):
    """participants --json and progress --json have the agreed fields and no alias."""
    code, out, _ = demo_cli("participants", "Zwolle-Zuid", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 9
    assert set(rows[0]) == {
        "code",
        "status",
        "joined",
        "consent",
        "present",
        "excused",
        "absent",
        "absent_in_a_row",
    }
    assert "Tamara" not in out
    code, out, _ = demo_cli("progress", rows[0]["code"], "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"code", "circle", "moments", "change", "goals"}
    assert "Tamara" not in out


def test_cli_add_participant_attendance_assess_goal(demo_cli, db_path):
    """The whole flow on the command line, each step visible in the database."""
    code, out, _ = demo_cli(
        "add-participant", "Kampen Brunnepe", "--alias", "Noor", "--consent", "2026-11-20", "--json"
    )
    new = json.loads(out)["code"]
    assert code == 0 and new.startswith("K")
    _, out, _ = demo_cli("sessions", "Zwolle-Zuid", "--json")
    held = [s for s in json.loads(out) if s["status"] == "held"]
    _, out, _ = demo_cli("participants", "Zwolle-Zuid", "--json")
    first = json.loads(out)[0]["code"]
    assert demo_cli("attendance", str(held[-1]["id"]), "--excused", first)[0] == 0
    _, out, _ = demo_cli("attendance", str(held[-1]["id"]), "--json")
    assert {"code": first, "status": "excused"} in json.loads(out)
    assert demo_cli("assess", new, "--moment", "start", "--scores", "money=2,housing=3")[0] == 0
    code, out, _ = demo_cli("goal", new, "Elke week de post openen", "--domain", "money")
    assert code == 0 and out.strip().isdigit()
    assert demo_cli("goal-status", out.strip(), "done")[0] == 0
    code, out, _ = demo_cli("goal", "--facilitator", "Anja de Vries", "Op tijd beginnen")
    assert code == 0
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM goal WHERE status = 'done'").fetchone()[0] >= 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["assess", "K99-01", "--moment", "start", "--scores", "money=3"], "no participant"),
        (["assess", "{first}", "--moment", "start", "--scores", "money=9"], "from 1 to 5"),
        (["assess", "{first}", "--moment", "start", "--scores", "pets=3"], "no question"),
        (["assess", "{first}", "--moment", "start", "--scores", "money=x"], "not a score"),
        (["goal", "{first}", "Bel 0612345678"], "phone number"),
        (["attendance", "{future}", "--present", "{first}"], "taken place"),
        (["attendance", "{held}", "--present", "{other}"], "another circle"),
        (["forget", "K99-01"], "no participant"),
    ],
)
def test_cli_refusals_change_nothing(demo_cli, db_path, args, message):
    """Each refusal: exit 2, the reason in one line, the database unchanged."""
    _, out, _ = demo_cli("participants", "Zwolle-Zuid", "--json")
    first = json.loads(out)[0]["code"]
    _, out, _ = demo_cli("participants", "Deventer Centrum", "--json")
    other = json.loads(out)[0]["code"]
    _, out, _ = demo_cli("sessions", "Zwolle-Zuid", "--json")
    sessions = json.loads(out)
    held = next(s["id"] for s in sessions if s["status"] == "held")
    future = next(s["id"] for s in sessions if s["status"] == "planned")
    values = {"first": first, "other": other, "held": held, "future": future}
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = [
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("participant", "attendance", "assessment", "goal")
    ]
    conn.close()
    code, _out, err = demo_cli(*[a.format(**values) for a in args])
    assert code == 2 and message in err and len(err.splitlines()) == 1
    conn = sqlite3.connect(db_path)
    after = [
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("participant", "attendance", "assessment", "goal")
    ]
    assert after == counts


def test_cli_forget_wipe_and_retention(demo_cli):
    """forget removes a code, wipe-aliases says how many, retention proposes nothing yet."""
    _, out, _ = demo_cli("participants", "Zwolle-Zuid", "--json")
    first = json.loads(out)[0]["code"]
    assert demo_cli("forget", first)[0] == 0
    _, out, _ = demo_cli("participants", "Zwolle-Zuid", "--json")
    assert first not in out
    code, out, _ = demo_cli("wipe-aliases")
    assert code == 0 and int(out) == 8 + 9 + 7
    code, out, _ = demo_cli("retention", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = demo_cli("instruments", "--json")
    assert code == 0 and json.loads(out)[0]["scale"] == [1, 5]
