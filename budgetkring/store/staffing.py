"""SQL for facilitators' details, absences and substitutions (stand-ins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def people_rows(db: Database) -> list[dict]:
    """Every facilitator with availability, monthly maximum and mentor."""
    sql = """SELECT id, name, status, town, phone, email, contact_consent, max_per_month,
                    availability, mentor_id
             FROM facilitator ORDER BY name COLLATE NOCASE"""
    return list(db.query(sql))


def update_facilitator(db: Database, facilitator_id: int, values: dict) -> None:
    """Change fields of a facilitator."""
    sets = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE facilitator SET {sets} WHERE id = :id", {**values, "id": facilitator_id})


def absences_between(db: Database, first: str, last: str) -> list[dict]:
    """Absences that overlap the period first..last."""
    sql = """SELECT id, facilitator_id, from_date, to_date, reason FROM absence
             WHERE from_date <= ? AND to_date >= ? ORDER BY from_date"""
    return list(db.query(sql, [last, first]))


def delete_absence(db: Database, absence_id: int) -> None:
    """Remove an absence (entered by mistake, or the person is back)."""
    db.execute("DELETE FROM absence WHERE id = ?", [absence_id])


def slot_rows(db: Database, first: str, last: str) -> list[dict]:
    """Meetings that go ahead in first..last, with their circle's municipality."""
    sql = """SELECT s.id, s.circle_id, c.name AS circle_name, c.municipality, s.date,
                    s.start_time, s.end_time
             FROM session s JOIN circle c ON c.id = s.circle_id
             WHERE s.date BETWEEN ? AND ? AND s.status <> 'cancelled'
             ORDER BY s.date, s.start_time, s.id"""
    return list(db.query(sql, [first, last]))


def substitution_rows(
    db: Database,
    first: str | None = None,
    last: str | None = None,
    session_ids: list[int] | None = None,
) -> list[dict]:
    """Substitutions with their meeting's date and circle, optionally limited."""
    where, params = [], []
    if first:
        where.append("s.date >= ?")
        params.append(first)
    if last:
        where.append("s.date <= ?")
        params.append(last)
    if session_ids is not None:
        where.append(f"sub.session_id IN ({','.join('?' * len(session_ids))})")
        params.extend(session_ids)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"""SELECT sub.id, sub.session_id, sub.in_id, sub.out_id, sub.reason, sub.confirmed,
                     sub.created_at, s.date, s.circle_id, s.status AS session_status,
                     c.name AS circle_name, fi.name AS in_name, fo.name AS out_name
              FROM substitution sub JOIN session s ON s.id = sub.session_id
              JOIN circle c ON c.id = s.circle_id
              JOIN facilitator fi ON fi.id = sub.in_id
              LEFT JOIN facilitator fo ON fo.id = sub.out_id
              {clause} ORDER BY s.date, sub.id"""
    return list(db.query(sql, params))


def stood_in_at(db: Database) -> list[dict]:
    """(circle_id, facilitator_id) for every confirmed stand-in ever (who knows which circle)."""
    sql = """SELECT DISTINCT s.circle_id, sub.in_id AS facilitator_id FROM substitution sub
             JOIN session s ON s.id = sub.session_id WHERE sub.confirmed = 1"""
    return list(db.query(sql))


def insert_substitution(db: Database, values: dict) -> int:
    """Record a stand-in; returns the id."""
    cursor = db.execute(
        """INSERT INTO substitution (session_id, in_id, out_id, reason, confirmed)
           VALUES (:session_id, :in_id, :out_id, :reason, :confirmed)""",
        values,
    )
    return cursor.lastrowid


def delete_substitution(db: Database, substitution_id: int) -> None:
    """Take back a stand-in."""
    db.execute("DELETE FROM substitution WHERE id = ?", [substitution_id])


def confirm_substitution(db: Database, substitution_id: int) -> None:
    """Mark a stand-in as agreed."""
    db.execute("UPDATE substitution SET confirmed = 1 WHERE id = ?", [substitution_id])


def cancellation_causes(db: Database, circle_id: int) -> list[dict]:
    """The cancellation events of a circle's meetings (detail holds the cause)."""
    sql = """SELECT e.session_id, e.detail FROM session_event e
             JOIN session s ON s.id = e.session_id
             WHERE s.circle_id = ? AND e.kind = 'cancelled'"""
    return list(db.query(sql, [circle_id]))


def drop_session_substitutions(db: Database, session_id: int) -> list[str]:
    """Remove every stand-in of a meeting (it moved); returns their names."""
    names = [
        r["name"]
        for r in db.query(
            "SELECT f.name FROM substitution s JOIN facilitator f ON f.id = s.in_id "
            "WHERE s.session_id = ? ORDER BY s.id",
            [session_id],
        )
    ]
    db.execute("DELETE FROM substitution WHERE session_id = ?", [session_id])
    return names
