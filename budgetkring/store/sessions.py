"""SQL for meetings (session), their history (session_event) and how a circle is planned
(circle_plan)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_SESSION_SQL = """
    SELECT s.id, s.circle_id, c.name AS circle_name, s.template_id, s.date, s.start_time,
           s.end_time, s.status, s.extra, s.revision, t.title, t.key, t.domains
    FROM session s JOIN circle c ON c.id = s.circle_id
    LEFT JOIN session_template t ON t.id = s.template_id
"""


def session_rows(
    db: Database,
    circle_id: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict]:
    """Meetings (of one circle, or all) in date order, with their theme's title and domains."""
    where: list[str] = []
    params: list[object] = []
    if circle_id is not None:
        where.append("s.circle_id = ?")
        params.append(circle_id)
    if date_from:
        where.append("s.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("s.date <= ?")
        params.append(date_to)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    rows = db.query(f"{_SESSION_SQL} {clause} ORDER BY s.date, s.start_time, s.id", params)
    return [_decode(r) for r in rows]


def session_row(db: Database, session_id: int) -> dict | None:
    """One meeting by id."""
    rows = list(db.query(f"{_SESSION_SQL} WHERE s.id = ?", [session_id]))
    return _decode(rows[0]) if rows else None


def _decode(row: dict) -> dict:
    row["domains"] = json.loads(row["domains"]) if row["domains"] else []
    return row


def next_dates(db: Database, today: str) -> dict[int, str]:
    """Per circle, the date of its next meeting that is not cancelled (today counts)."""
    sql = """SELECT circle_id, min(date) AS day FROM session
             WHERE date >= ? AND status <> 'cancelled' GROUP BY circle_id"""
    return {r["circle_id"]: r["day"] for r in db.query(sql, [today])}


def plan_row(db: Database, circle_id: int) -> dict | None:
    """How a circle was planned, or None."""
    rows = list(db.query("SELECT * FROM circle_plan WHERE circle_id = ?", [circle_id]))
    return rows[0] if rows else None


def save_plan_row(db: Database, values: dict) -> None:
    """Insert or replace a circle's plan settings."""
    db.execute(
        """INSERT OR REPLACE INTO circle_plan (circle_id, version_id, start_date, weekday,
           start_time, end_time, cadence, region)
           VALUES (:circle_id, :version_id, :start_date, :weekday, :start_time, :end_time,
           :cadence, :region)""",
        values,
    )


def insert_session(db: Database, values: dict) -> int:
    """A new meeting; returns its id."""
    cursor = db.execute(
        """INSERT INTO session (circle_id, template_id, date, start_time, end_time, status, extra)
           VALUES (:circle_id, :template_id, :date, :start_time, :end_time, :status, :extra)""",
        {"status": "planned", "extra": 0, **values},
    )
    return inserted_id(cursor)


def update_session(db: Database, session_id: int, values: dict) -> None:
    """Change fields of a meeting and count the change (calendar apps see it as an update)."""
    sets = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(
        f"UPDATE session SET {sets}, revision = revision + 1 WHERE id = :id",
        {**values, "id": session_id},
    )


def delete_session(db: Database, session_id: int) -> None:
    """Remove a meeting that was never held (re-planning a shorter rest of the year)."""
    db.execute("DELETE FROM session WHERE id = ?", [session_id])


def add_event(
    db: Database, session_id: int, kind: str, detail: dict | None = None, reason: str = ""
) -> None:
    """Write a line of a meeting's history."""
    db.execute(
        "INSERT INTO session_event (session_id, kind, detail, reason) VALUES (?, ?, ?, ?)",
        [session_id, kind, json.dumps(detail or {}), reason],
    )


def event_rows(db: Database, session_id: int) -> list[dict]:
    """A meeting's history, oldest first."""
    sql = "SELECT at, kind, detail, reason FROM session_event WHERE session_id = ? ORDER BY id"
    return [{**r, "detail": json.loads(r["detail"] or "{}")} for r in db.query(sql, [session_id])]


def lead_sessions_elsewhere(db: Database, circle_id: int, facilitator_ids: list[int]) -> list[dict]:
    """Meetings of other circles that these facilitators lead (as pair) on that day."""
    marks = ",".join("?" * len(facilitator_ids))
    sql = f"""
        SELECT s.date, s.start_time, s.end_time, c.name AS circle_name, cl.facilitator_id, f.name
        FROM session s JOIN circle c ON c.id = s.circle_id
        JOIN circle_lead cl ON cl.circle_id = s.circle_id AND cl.from_date <= s.date
             AND (cl.to_date IS NULL OR cl.to_date >= s.date)
        JOIN facilitator f ON f.id = cl.facilitator_id
        WHERE cl.facilitator_id IN ({marks}) AND s.circle_id <> ? AND s.status <> 'cancelled'
    """
    return list(db.query(sql, [*facilitator_ids, circle_id]))


def slot_rows(db: Database, first: str, last: str, circle_id: int | None = None) -> list[dict]:
    """Meetings that go ahead in first..last (of one circle, or all), with the municipality."""
    only = "AND s.circle_id = ?" if circle_id is not None else ""
    sql = f"""SELECT s.id, s.circle_id, c.name AS circle_name, c.municipality, s.date,
                     s.start_time, s.end_time
              FROM session s JOIN circle c ON c.id = s.circle_id
              WHERE s.date BETWEEN ? AND ? AND s.status <> 'cancelled' {only}
              ORDER BY s.date, s.start_time, s.id"""
    params = [first, last] + ([circle_id] if circle_id is not None else [])
    return list(db.query(sql, params))


def cancellation_causes(db: Database, circle_id: int) -> list[dict]:
    """Per meeting of a circle that is cancelled now, its latest cancellation event (detail
    holds the cause); a meeting planned again no longer counts."""
    sql = """SELECT e.session_id, e.detail FROM session_event e
             JOIN session s ON s.id = e.session_id
             WHERE s.circle_id = ? AND s.status = 'cancelled'
               AND e.id = (SELECT max(id) FROM session_event
                           WHERE session_id = s.id AND kind = 'cancelled')"""
    return list(db.query(sql, [circle_id]))
