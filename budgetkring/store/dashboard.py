"""SQL for the coordinator's dashboard: a few set-based reads over every circle at once.

Each read costs one pass over its table, whatever the number of circles (300 circles with 60,000
attendance marks is the aim of ``bench/``): no query per circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

# A meeting counts for attendance once its day has passed, unless it was cancelled (as in
# ``planning.sessions.effective_status``).
_HELD = "s.date < :today AND s.status <> 'cancelled'"
# Participants first, then each one's marks by key, then the meeting by id: SQLite then reads the
# attendance table in its own order instead of looking every mark up through an index.
_MARKS = """FROM participant p CROSS JOIN attendance a ON a.participant_id = p.id
            CROSS JOIN session s ON s.id = a.session_id"""


def circle_rows(db: Database) -> list[dict]:
    """Every circle that is not archived: id, name, municipality, status, group_min, group_max,
    received_at (None when made on this laptop), sender (name or None) and active (the number
    of active participants)."""
    sql = """SELECT c.id, c.name, c.municipality, c.status, c.group_min, c.group_max,
                    c.received_at, snd.name AS sender,
                    (SELECT count(*) FROM participant p
                     WHERE p.circle_id = c.id AND p.status = 'active') AS active
             FROM circle c LEFT JOIN sender snd ON snd.id = c.sender_id
             WHERE c.archived = 0 ORDER BY c.name COLLATE NOCASE"""
    return list(db.query(sql))


def attendance_per_participant(db: Database, today: str) -> list[dict]:
    """Per participant with marks at held meetings (before ``today``, not cancelled): circle_id,
    status (the participant's), marks, present, last_ok (the latest day they came or sent
    notice, or None) and absent_days (the days they were absent without notice, comma-separated).

    One pass over the attendance marks gives both a circle's attendance rate and who missed the
    latest meetings in a row (their absent days after ``last_ok``).
    """
    sql = f"""SELECT p.circle_id, p.status, count(*) AS marks,
                     sum(a.status = 'present') AS present,
                     max(iif(a.status <> 'absent', s.date, NULL)) AS last_ok,
                     group_concat(iif(a.status = 'absent', s.date, NULL)) AS absent_days
              {_MARKS} WHERE {_HELD} GROUP BY p.id"""
    return list(db.query(sql, {"today": today}))


def monthly_attendance(db: Database, circle_ids: list[int], first: str, today: str) -> list[dict]:
    """Per circle (of ``circle_ids``) and month from ``first`` on: circle_id, month ("2026-03"),
    meetings (held meetings with marks), marks and present."""
    if not circle_ids:
        return []
    marks = ", ".join("?" * len(circle_ids))
    sql = f"""SELECT p.circle_id, substr(s.date, 1, 7) AS month,
                     count(DISTINCT s.id) AS meetings, count(*) AS marks,
                     sum(a.status = 'present') AS present
              {_MARKS}
              WHERE p.circle_id IN ({marks}) AND s.date >= ? AND s.date < ?
                AND s.status <> 'cancelled'
              GROUP BY p.circle_id, month ORDER BY p.circle_id, month"""
    return list(db.query(sql, [*circle_ids, first, today]))
