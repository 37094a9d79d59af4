"""SQL for training and certification: the trainer role, criteria versions, training records,
observations with their scores, training days, competence sign-offs and the certificate
register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


# --- trainers ---------------------------------------------------------------------------------


def trainer_ids(db: Database) -> set[int]:
    """The ids of every facilitator who is a trainer."""
    return {r["id"] for r in db.query("SELECT id FROM facilitator WHERE trainer = 1")}


def set_trainer(db: Database, facilitator_id: int, on: bool) -> None:
    """Give or take the trainer role."""
    db.execute("UPDATE facilitator SET trainer = ? WHERE id = ?", [int(on), facilitator_id])


def set_status(db: Database, facilitator_id: int, status: str) -> None:
    """Change a facilitator's status (certifying makes them certified)."""
    db.execute("UPDATE facilitator SET status = ? WHERE id = ?", [status, facilitator_id])


# --- criteria versions and records ----------------------------------------------------------


def criteria_versions(db: Database) -> list[dict]:
    """Every version of the criteria (id, version, spec as JSON text), oldest first."""
    return list(db.query("SELECT id, version, spec FROM certification_version ORDER BY version"))


def insert_criteria_version(db: Database, version: int, spec: str) -> int:
    """Store a new version of the criteria; returns its id."""
    cursor = db.execute(
        "INSERT INTO certification_version (version, spec) VALUES (?, ?)", [version, spec]
    )
    return inserted_id(cursor)


def record_rows(db: Database) -> dict[int, dict]:
    """Every training record (facilitator_id, version_id, start_date) by facilitator id."""
    rows = db.query("SELECT facilitator_id, version_id, start_date FROM training_record")
    return {r["facilitator_id"]: r for r in rows}


def ensure_record(db: Database, facilitator_id: int, version_id: int) -> None:
    """Give a facilitator a training record on this criteria version, unless they have one."""
    db.execute(
        "INSERT INTO training_record (facilitator_id, version_id) VALUES (?, ?) "
        "ON CONFLICT(facilitator_id) DO NOTHING",
        [facilitator_id, version_id],
    )


def set_start(db: Database, facilitator_id: int, start: str | None) -> None:
    """Set (or clear, with None) the start of a training year."""
    db.execute(
        "UPDATE training_record SET start_date = ? WHERE facilitator_id = ?",
        [start, facilitator_id],
    )


# --- what the schedule says a facilitator led -------------------------------------------------


def led_candidates(db: Database, facilitator_id: int) -> dict[str, list[dict]]:
    """What is needed to find the meetings a facilitator led, as plain rows:

    ``sessions`` (of circles they ever led, and meetings they stood in at), ``leads`` (every
    lead period of those circles), ``subs`` (confirmed stand-ins at those meetings) and
    ``absences`` (their own).
    """
    circles_sql = "SELECT DISTINCT circle_id FROM circle_lead WHERE facilitator_id = :f"
    stood_sql = "SELECT session_id FROM substitution WHERE in_id = :f AND confirmed = 1"
    params = {"f": facilitator_id}
    sessions = list(
        db.query(
            f"""SELECT s.id, s.circle_id, c.name AS circle_name, s.date, s.status
                FROM session s JOIN circle c ON c.id = s.circle_id
                WHERE s.circle_id IN ({circles_sql}) OR s.id IN ({stood_sql})
                ORDER BY s.date, s.start_time, s.id""",
            params,
        )
    )
    leads = list(
        db.query(
            f"""SELECT circle_id, facilitator_id, from_date, to_date FROM circle_lead
                WHERE circle_id IN ({circles_sql}) ORDER BY circle_id, from_date""",
            params,
        )
    )
    subs = list(
        db.query(
            """SELECT session_id, in_id, out_id FROM substitution
               WHERE confirmed = 1 AND (in_id = :f OR out_id = :f)""",
            params,
        )
    )
    absences = list(
        db.query(
            "SELECT from_date, to_date FROM absence WHERE facilitator_id = :f ORDER BY from_date",
            params,
        )
    )
    return {"sessions": sessions, "leads": leads, "subs": subs, "absences": absences}


# --- observations -----------------------------------------------------------------------------


def observation_rows(db: Database, facilitator_id: int) -> list[dict]:
    """A facilitator's observations, oldest first, with the trainer's name and the circle."""
    sql = """SELECT o.id, o.session_id, o.trainer_id, t.name AS trainer_name, o.date, o.note,
                    c.name AS circle_name
             FROM observation o JOIN facilitator t ON t.id = o.trainer_id
             LEFT JOIN session s ON s.id = o.session_id
             LEFT JOIN circle c ON c.id = s.circle_id
             WHERE o.facilitator_id = ? ORDER BY o.date, o.id"""
    return list(db.query(sql, [facilitator_id]))


def score_rows(db: Database, facilitator_id: int) -> list[dict]:
    """Every score of a facilitator's observations (observation_id, competence, score)."""
    sql = """SELECT sc.observation_id, sc.competence, sc.score FROM observation_score sc
             JOIN observation o ON o.id = sc.observation_id WHERE o.facilitator_id = ?"""
    return list(db.query(sql, [facilitator_id]))


def has_observation(db: Database, facilitator_id: int, session_id: int, trainer_id: int) -> bool:
    """True when this trainer already observed this facilitator at this meeting."""
    sql = """SELECT 1 FROM observation
             WHERE facilitator_id = ? AND session_id = ? AND trainer_id = ?"""
    return db.execute(sql, [facilitator_id, session_id, trainer_id]).fetchone() is not None


def insert_observation(db: Database, values: dict, scores: dict[str, int]) -> int:
    """Store an observation and its scores; returns its id."""
    cursor = db.execute(
        """INSERT INTO observation (facilitator_id, session_id, trainer_id, date, note)
           VALUES (:facilitator_id, :session_id, :trainer_id, :date, :note)""",
        values,
    )
    observation_id = inserted_id(cursor)
    for competence, score in scores.items():
        db.execute(
            "INSERT INTO observation_score (observation_id, competence, score) VALUES (?, ?, ?)",
            [observation_id, competence, score],
        )
    return observation_id


# --- training days and sign-offs --------------------------------------------------------------


def training_day_rows(db: Database, facilitator_id: int) -> list[dict]:
    """A facilitator's training days (id, date, topic), oldest first."""
    sql = "SELECT id, date, topic FROM training_day WHERE facilitator_id = ? ORDER BY date"
    return list(db.query(sql, [facilitator_id]))


def insert_training_day(db: Database, facilitator_id: int, day: str, topic: str) -> int:
    """Record a training day; returns its id."""
    cursor = db.execute(
        "INSERT INTO training_day (facilitator_id, date, topic) VALUES (?, ?, ?)",
        [facilitator_id, day, topic],
    )
    return inserted_id(cursor)


def signoff_rows(db: Database, facilitator_id: int) -> list[dict]:
    """A facilitator's signed-off competences with who signed and when."""
    sql = """SELECT so.competence, so.trainer_id, t.name AS trainer_name, so.date
             FROM competence_signoff so JOIN facilitator t ON t.id = so.trainer_id
             WHERE so.facilitator_id = ? ORDER BY so.date, so.competence"""
    return list(db.query(sql, [facilitator_id]))


def insert_signoff(
    db: Database, facilitator_id: int, competence: str, trainer_id: int, day: str
) -> None:
    """Sign a competence off."""
    db.execute(
        "INSERT INTO competence_signoff (facilitator_id, competence, trainer_id, date) "
        "VALUES (?, ?, ?, ?)",
        [facilitator_id, competence, trainer_id, day],
    )


# --- certificates -----------------------------------------------------------------------------

_CERTIFICATE_SQL = """SELECT id, number, facilitator_id, name, date, valid_until, trainer_id,
                             trainer_name, code, revoked_at, revoke_reason FROM certificate"""


def certificate_rows(db: Database, facilitator_id: int | None = None) -> list[dict]:
    """Certificates (of one facilitator, or all), oldest first."""
    if facilitator_id is None:
        return list(db.query(f"{_CERTIFICATE_SQL} ORDER BY date, number"))
    sql = f"{_CERTIFICATE_SQL} WHERE facilitator_id = ? ORDER BY date, number"
    return list(db.query(sql, [facilitator_id]))


def certificate_by_number(db: Database, number: str) -> dict | None:
    """The certificate with this number, or None."""
    rows = list(db.query(f"{_CERTIFICATE_SQL} WHERE number = ?", [number]))
    return rows[0] if rows else None


def numbers_of_year(db: Database, year: int) -> list[str]:
    """Every certificate number given out in a year (BK-2027-…)."""
    rows = db.query("SELECT number FROM certificate WHERE number LIKE ?", [f"BK-{year}-%"])
    return [r["number"] for r in rows]


def insert_certificate(db: Database, values: dict) -> int:
    """Add a certificate to the register; returns its id."""
    cursor = db.execute(
        """INSERT INTO certificate (number, facilitator_id, name, date, valid_until,
               trainer_id, trainer_name, code)
           VALUES (:number, :facilitator_id, :name, :date, :valid_until, :trainer_id,
               :trainer_name, :code)""",
        values,
    )
    return inserted_id(cursor)


def revoke_certificate(db: Database, number: str, day: str, reason: str) -> None:
    """Mark a certificate as revoked, with the reason."""
    db.execute(
        "UPDATE certificate SET revoked_at = ?, revoke_reason = ? WHERE number = ?",
        [day, reason, number],
    )
