"""SQL behind `budgetkring check`: SQLite's own checks and the app's consistency rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_CODE = re.compile(r"^K\d+-\d{2,}$")


def integrity(db: Database) -> list[str]:
    """What ``PRAGMA integrity_check`` says, line by line ("ok" when sound)."""
    return [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]


def foreign_key_violations(db: Database) -> list[dict]:
    """Rows that point to a row that does not exist."""
    rows = db.execute("PRAGMA foreign_key_check").fetchall()
    return [{"table": r[0], "rowid": r[1], "parent": r[2]} for r in rows]


def crowded_pairs(db: Database) -> list[tuple[str, str, int]]:
    """(circle, date, count) where more than two lead periods overlap on a start date."""
    sql = """
        SELECT c.name, a.from_date AS day, count(*) AS n
        FROM circle_lead a JOIN circle_lead b ON b.circle_id = a.circle_id
        JOIN circle c ON c.id = a.circle_id
        WHERE b.from_date <= a.from_date AND (b.to_date IS NULL OR b.to_date >= a.from_date)
        GROUP BY a.id HAVING n > 2
    """
    return [(r[0], r[1], r[2]) for r in db.execute(sql).fetchall()]


def doubled_leads(db: Database) -> list[tuple[str, str]]:
    """(circle, facilitator) where one person has two overlapping lead periods in a circle."""
    sql = """
        SELECT DISTINCT c.name, f.name FROM circle_lead a
        JOIN circle_lead b ON b.circle_id = a.circle_id AND b.facilitator_id = a.facilitator_id
             AND b.id > a.id
        JOIN circle c ON c.id = a.circle_id JOIN facilitator f ON f.id = a.facilitator_id
        WHERE b.from_date <= coalesce(a.to_date, '9999')
          AND a.from_date <= coalesce(b.to_date, '9999')
    """
    return [(r[0], r[1]) for r in db.execute(sql).fetchall()]


def running_without_start(db: Database) -> list[str]:
    """Names of running circles with no start date."""
    sql = "SELECT name FROM circle WHERE status = 'running' AND start_date IS NULL"
    return [r[0] for r in db.execute(sql).fetchall()]


def malformed_codes(db: Database) -> list[str]:
    """Participant codes that are not of the generated form (a name typed in by mistake?)."""
    return [r[0] for r in db.execute("SELECT code FROM participant") if not _CODE.match(r[0])]


def absent_stand_ins(db: Database) -> list[tuple[str, str, str]]:
    """(stand-in, circle, date) where a confirmed stand-in is away on the meeting's day."""
    sql = """
        SELECT DISTINCT f.name, c.name, s.date FROM substitution sub
        JOIN session s ON s.id = sub.session_id JOIN circle c ON c.id = s.circle_id
        JOIN facilitator f ON f.id = sub.in_id
        JOIN absence a ON a.facilitator_id = sub.in_id
        WHERE sub.confirmed = 1 AND s.status <> 'cancelled'
          AND s.date BETWEEN a.from_date AND a.to_date
    """
    return [(r[0], r[1], r[2]) for r in db.execute(sql).fetchall()]


def double_bookings(db: Database) -> list[tuple[str, str]]:
    """(facilitator, date) where one person stands in at two overlapping meetings."""
    sql = """
        SELECT DISTINCT f.name, s1.date FROM substitution a
        JOIN substitution b ON b.in_id = a.in_id AND b.id > a.id
        JOIN session s1 ON s1.id = a.session_id JOIN session s2 ON s2.id = b.session_id
        JOIN facilitator f ON f.id = a.in_id
        WHERE a.confirmed = 1 AND b.confirmed = 1 AND s1.date = s2.date
          AND s1.status <> 'cancelled' AND s2.status <> 'cancelled'
          AND s1.start_time < s2.end_time AND s2.start_time < s1.end_time
    """
    return [(r[0], r[1]) for r in db.execute(sql).fetchall()]


def names(db: Database) -> list[tuple[str, int, str]]:
    """(kind, id, text) of every name and town people typed, to look for hidden characters."""
    sql = """
        SELECT 'circle', id, name FROM circle
        UNION ALL SELECT 'circle', id, municipality FROM circle
        UNION ALL SELECT 'circle', id, place FROM circle
        UNION ALL SELECT 'facilitator', id, name FROM facilitator
        UNION ALL SELECT 'facilitator', id, town FROM facilitator
        UNION ALL SELECT 'organisation', id, name FROM organisation
    """
    return [(r[0], r[1], r[2]) for r in db.execute(sql).fetchall()]
