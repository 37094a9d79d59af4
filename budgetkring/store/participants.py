"""SQL for participants (pseudonymous: a generated code, never a name) and what is kept about
them: attendance, self-assessments, goals; and the anonymous summary kept after retention."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_COLUMNS = (
    "p.id, p.circle_id, p.code, p.alias, p.status, p.stop_reason, p.consent_date, p.joined_date"
)


def participant_codes(db: Database) -> set[str]:
    """Every participant code in use."""
    return {r["code"] for r in db.query("SELECT code FROM participant")}


def insert_participant(db: Database, values: dict) -> int:
    """Insert a participant; returns the id."""
    row = {"alias": None, "joined_date": None, **values}
    cursor = db.execute(
        "INSERT INTO participant (circle_id, code, alias, consent_date, joined_date) "
        "VALUES (:circle_id, :code, :alias, :consent_date, :joined_date)",
        row,
    )
    return inserted_id(cursor)


def update_participant(db: Database, participant_id: int, values: dict) -> None:
    """Change fields of a participant."""
    sets = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE participant SET {sets} WHERE id = :id", {**values, "id": participant_id})


def participant_rows(db: Database, circle_id: int | None = None) -> list[dict]:
    """Participants (of one circle, or all), by code."""
    where = "WHERE p.circle_id = ?" if circle_id is not None else ""
    params = [circle_id] if circle_id is not None else []
    return list(db.query(f"SELECT {_COLUMNS} FROM participant p {where} ORDER BY p.id", params))


def participants_by_code(db: Database, code: str) -> list[dict]:
    """The participants with this code (exact, case-insensitive): one on a facilitator's laptop,
    possibly more on a coordinator's, where circles of many laptops meet."""
    sql = f"SELECT {_COLUMNS} FROM participant p WHERE upper(p.code) = upper(?) ORDER BY p.id"
    return list(db.query(sql, [code]))


def participant_counts(db: Database) -> dict[int, int]:
    """Per circle id, the number of active participants."""
    sql = "SELECT circle_id, count(*) AS n FROM participant WHERE status = 'active' GROUP BY 1"
    return {row["circle_id"]: row["n"] for row in db.query(sql)}


def delete_participant(db: Database, participant_id: int) -> None:
    """Remove a participant and, through the foreign keys, everything about them."""
    db.execute("DELETE FROM participant WHERE id = ?", [participant_id])


def clear_aliases(db: Database, circle_id: int | None = None) -> int:
    """Remove every alias (of one circle, or all); returns how many there were."""
    where = "AND circle_id = ?" if circle_id is not None else ""
    params = [circle_id] if circle_id is not None else []
    cursor = db.execute(
        f"UPDATE participant SET alias = NULL WHERE alias IS NOT NULL {where}", params
    )
    return cursor.rowcount


# --- attendance ---------------------------------------------------------------------------


def attendance_rows(db: Database, circle_id: int) -> list[dict]:
    """Every attendance mark of a circle's participants: participant_id, session_id, status."""
    sql = """SELECT a.participant_id, a.session_id, a.status FROM attendance a
             JOIN participant p ON p.id = a.participant_id WHERE p.circle_id = ?"""
    return list(db.query(sql, [circle_id]))


def set_attendance(db: Database, session_id: int, marks: dict[int, str | None]) -> None:
    """Record (or, with None, clear) the status of participants at one meeting."""
    for participant_id, status in marks.items():
        if status is None:
            db.execute(
                "DELETE FROM attendance WHERE participant_id = ? AND session_id = ?",
                [participant_id, session_id],
            )
        else:
            db.execute(
                "INSERT INTO attendance (participant_id, session_id, status) VALUES (?, ?, ?) "
                "ON CONFLICT (participant_id, session_id) DO UPDATE SET status = excluded.status",
                [participant_id, session_id, status],
            )


def held_session_rows(db: Database, today: str) -> list[dict]:
    """(circle_id, session_id) of every meeting before today that was not cancelled, by date."""
    sql = """SELECT circle_id, id AS session_id FROM session
             WHERE date < ? AND status <> 'cancelled' ORDER BY date, start_time, id"""
    return list(db.query(sql, [today]))


def all_attendance_rows(db: Database) -> list[dict]:
    """Every attendance mark of active participants, with the participant's code and circle."""
    sql = """SELECT a.participant_id, a.session_id, a.status, p.code, p.circle_id
             FROM attendance a JOIN participant p ON p.id = a.participant_id
             WHERE p.status = 'active'"""
    return list(db.query(sql))


# --- instruments and assessments ------------------------------------------------------------


def instrument_rows(db: Database) -> list[dict]:
    """Every instrument in its newest version (labels and questions decoded)."""
    sql = """
        SELECT i.id, i.name, i.description, v.id AS version_id, v.version, v.scale_min,
               v.scale_max, v.labels, v.questions
        FROM instrument i JOIN instrument_version v ON v.instrument_id = i.id
        WHERE v.version = (SELECT max(version) FROM instrument_version WHERE instrument_id = i.id)
        ORDER BY i.id
    """
    return [_decode_instrument(r) for r in db.query(sql)]


def instrument_version_row(db: Database, version_id: int) -> dict | None:
    """One instrument version, decoded."""
    sql = """
        SELECT i.id, i.name, i.description, v.id AS version_id, v.version, v.scale_min,
               v.scale_max, v.labels, v.questions
        FROM instrument i JOIN instrument_version v ON v.instrument_id = i.id WHERE v.id = ?
    """
    rows = list(db.query(sql, [version_id]))
    return _decode_instrument(rows[0]) if rows else None


def _decode_instrument(row: dict) -> dict:
    return {**row, "labels": json.loads(row["labels"]), "questions": json.loads(row["questions"])}


def insert_instrument_version(db: Database, values: dict) -> int:
    """A new version of an instrument (a new instrument when the name is new); returns its id."""
    found = db.execute(
        "SELECT id FROM instrument WHERE name = ? COLLATE NOCASE", [values["name"]]
    ).fetchone()
    if found is None:
        instrument_id = inserted_id(
            db.execute(
                "INSERT INTO instrument (name, description) VALUES (?, ?)",
                [values["name"], values["description"]],
            )
        )
    else:
        instrument_id = found[0]
        db.execute(
            "UPDATE instrument SET description = ? WHERE id = ?",
            [values["description"], instrument_id],
        )
    number = db.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM instrument_version WHERE instrument_id = ?",
        [instrument_id],
    ).fetchone()[0]
    return inserted_id(
        db.execute(
            "INSERT INTO instrument_version (instrument_id, version, scale_min, scale_max, "
            "labels, questions) VALUES (?, ?, ?, ?, ?, ?)",
            [
                instrument_id,
                number,
                values["scale_min"],
                values["scale_max"],
                json.dumps(values["labels"], ensure_ascii=False),
                json.dumps(values["questions"], ensure_ascii=False),
            ],
        )
    )


def save_assessment(
    db: Database, participant_id: int, version_id: int, moment: str, day: str, scores: dict
) -> int:
    """Record an assessment, replacing an earlier one at the same moment; returns its id."""
    db.execute(
        "DELETE FROM assessment WHERE participant_id = ? AND moment = ?", [participant_id, moment]
    )
    assessment_id = inserted_id(
        db.execute(
            "INSERT INTO assessment (participant_id, version_id, moment, date) VALUES (?, ?, ?, ?)",
            [participant_id, version_id, moment, day],
        )
    )
    for domain, score in scores.items():
        db.execute(
            "INSERT INTO assessment_score (assessment_id, domain, score) VALUES (?, ?, ?)",
            [assessment_id, domain, score],
        )
    return assessment_id


def assessment_rows(db: Database, circle_id: int | None = None, participant_id: int | None = None):
    """Scores with their assessment: participant_id, moment, date, version_id, domain, score."""
    where, params = [], []
    if circle_id is not None:
        where.append("p.circle_id = ?")
        params.append(circle_id)
    if participant_id is not None:
        where.append("p.id = ?")
        params.append(participant_id)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"""SELECT a.participant_id, a.moment, a.date, a.version_id, s.domain, s.score
              FROM assessment a JOIN assessment_score s ON s.assessment_id = a.id
              JOIN participant p ON p.id = a.participant_id {clause}"""
    return list(db.query(sql, params))


# --- goals ----------------------------------------------------------------------------------


def insert_goal(db: Database, values: dict) -> int:
    """A new goal; returns its id."""
    row = {"participant_id": None, "facilitator_id": None, "domain": None, **values}
    cursor = db.execute(
        "INSERT INTO goal (participant_id, facilitator_id, text, domain, created_date) "
        "VALUES (:participant_id, :facilitator_id, :text, :domain, :created_date)",
        row,
    )
    return inserted_id(cursor)


def goal_rows(
    db: Database, participant_id: int | None = None, facilitator_id: int | None = None
) -> list[dict]:
    """Goals of a participant or of a facilitator, oldest first."""
    column = "participant_id" if participant_id is not None else "facilitator_id"
    key = participant_id if participant_id is not None else facilitator_id
    sql = f"""SELECT id, participant_id, facilitator_id, text, domain, status, created_date,
                     closed_date FROM goal WHERE {column} = ? ORDER BY id"""
    return list(db.query(sql, [key]))


def goal_row(db: Database, goal_id: int) -> dict | None:
    """One goal by id."""
    rows = list(db.query("SELECT * FROM goal WHERE id = ?", [goal_id]))
    return rows[0] if rows else None


def set_goal_status(db: Database, goal_id: int, status: str, closed: str | None) -> None:
    """Mark a goal open, done or dropped."""
    db.execute(
        "UPDATE goal SET status = ?, closed_date = ? WHERE id = ?", [status, closed, goal_id]
    )


# --- forgetting and retention -----------------------------------------------------------------


def checkpoint(db: Database) -> bool:
    """Fold the WAL into the database file and empty it (after forgetting, nothing stays behind
    in the journal; secure_delete has overwritten the freed pages). False when another program
    was reading and the folding could not be finished (it then finishes when that one closes)."""
    for _attempt in range(3):
        busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
    return False


def save_summary(db: Database, circle_id: int, values: dict) -> None:
    """Keep a finished circle's anonymous totals."""
    db.execute(
        "INSERT OR REPLACE INTO circle_summary (circle_id, participants, attendance_rate, "
        "changes, made_on) VALUES (?, ?, ?, ?, ?)",
        [
            circle_id,
            values["participants"],
            values["attendance_rate"],
            json.dumps(values["changes"]),
            values["made_on"],
        ],
    )


def summary_rows(db: Database) -> list[dict]:
    """Every kept circle summary."""
    rows = db.query("SELECT * FROM circle_summary ORDER BY circle_id")
    return [{**r, "changes": json.loads(r["changes"])} for r in rows]
