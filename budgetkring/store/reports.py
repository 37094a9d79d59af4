"""SQL for what leaves the organisation: the funder report's raw counts and the anonymised
export tables. Set-based: a handful of queries, whatever the number of circles.

Dates are ISO text, so BETWEEN compares them as dates. A meeting counts as held when it was
stored as held, or was not cancelled and its day is before ``today`` (as
``planning.sessions.effective_status`` says).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_HELD = "(s.status = 'held' OR (s.status IN ('planned', 'moved') AND s.date < :today))"

# A participant has no stored date of stopping or finishing; the day they left is taken as the
# last meeting they were present at or their end self-assessment, whichever is later, and the
# day they joined when there is neither.
_LEFT_ON = """
    WITH present AS (
        SELECT a.participant_id, max(s.date) AS day
        FROM attendance a JOIN session s ON s.id = a.session_id
        WHERE a.status = 'present' AND s.status <> 'cancelled'
        GROUP BY a.participant_id
    ),
    ended AS (SELECT participant_id, date AS day FROM assessment WHERE moment = 'end')
"""


def meeting_counts(db: Database, start: str, end: str, today: str) -> list[dict]:
    """Per municipality: circles with a held meeting in the period, and the meetings held."""
    sql = f"""
        SELECT min(trim(c.municipality)) AS municipality,
               count(DISTINCT s.circle_id) AS circles, count(*) AS meetings_held
        FROM session s JOIN circle c ON c.id = s.circle_id
        WHERE s.date BETWEEN :start AND :end AND {_HELD}
        GROUP BY trim(c.municipality) COLLATE NOCASE
    """
    return list(db.query(sql, {"start": start, "end": end, "today": today}))


def participant_counts(db: Database, start: str, end: str) -> list[dict]:
    """Per municipality: participants who joined, finished and stopped in the period."""
    sql = f"""
        {_LEFT_ON}
        SELECT municipality, sum(started) AS started,
               sum(status = 'finished' AND left_on BETWEEN :start AND :end) AS finished,
               sum(status = 'stopped' AND left_on BETWEEN :start AND :end) AS stopped
        FROM (
            SELECT trim(c.municipality) AS municipality, p.status,
                   coalesce(p.joined_date, p.consent_date) BETWEEN :start AND :end AS started,
                   coalesce(max(coalesce(pr.day, en.day), coalesce(en.day, pr.day)),
                            p.joined_date, p.consent_date) AS left_on
            FROM participant p JOIN circle c ON c.id = p.circle_id
            LEFT JOIN present pr ON pr.participant_id = p.id
            LEFT JOIN ended en ON en.participant_id = p.id
        )
        GROUP BY municipality COLLATE NOCASE
    """
    return list(db.query(sql, {"start": start, "end": end}))


def attendance_counts(db: Database, start: str, end: str, today: str) -> dict:
    """Marks at meetings held in the period: present, marked, and how many people they are."""
    # CROSS JOIN keeps attendance outside: one pass in its own order (grouped by participant
    # for free) with a lookup of each meeting by id is quicker than a search per meeting.
    sql = f"""
        SELECT coalesce(sum(present), 0) AS present, coalesce(sum(marked), 0) AS marked,
               count(*) AS people
        FROM (
            SELECT a.participant_id, sum(a.status = 'present') AS present, count(*) AS marked
            FROM attendance a CROSS JOIN session s ON s.id = a.session_id
            WHERE s.date BETWEEN :start AND :end AND {_HELD}
            GROUP BY a.participant_id
        )
    """
    return next(iter(db.query(sql, {"start": start, "end": end, "today": today})))


def monthly_marks(db: Database, start: str, end: str, today: str) -> list[dict]:
    """Per month of the period ("2026-03"), all circles together: held meetings with marks,
    marks, present marks, and how many people were marked."""
    sql = f"""
        SELECT substr(s.date, 1, 7) AS month, count(DISTINCT s.id) AS meetings,
               count(*) AS marks, sum(a.status = 'present') AS present,
               count(DISTINCT a.participant_id) AS people
        FROM attendance a CROSS JOIN session s ON s.id = a.session_id
        WHERE s.date BETWEEN :start AND :end AND {_HELD}
        GROUP BY month ORDER BY month
    """
    return list(db.query(sql, {"start": start, "end": end, "today": today}))


def domain_changes(db: Database, start: str, end: str, low: int, high: int) -> list[dict]:
    """Per life domain, over participants whose end self-assessment falls in the period and who
    also have a start one: how many answered both, and the average at start and at end.

    Scores are put on one scale first (``low``-``high``, the current instrument's), so an
    instrument version with another scale never mixes into an average unconverted.
    """
    scaled = (
        "(:low + (({s}.score - {v}.scale_min) * (:high - :low) * 1.0)"
        " / ({v}.scale_max - {v}.scale_min))"
    )
    sql = f"""
        SELECT es.domain, count(*) AS n,
               avg({scaled.format(s="ss", v="sv")}) AS start_average,
               avg({scaled.format(s="es", v="ev")}) AS end_average
        FROM assessment e
        JOIN assessment b ON b.participant_id = e.participant_id AND b.moment = 'start'
        JOIN assessment_score es ON es.assessment_id = e.id
        JOIN assessment_score ss ON ss.assessment_id = b.id AND ss.domain = es.domain
        JOIN instrument_version ev ON ev.id = e.version_id
        JOIN instrument_version sv ON sv.id = b.version_id
        WHERE e.moment = 'end' AND e.date BETWEEN :start AND :end
        GROUP BY es.domain
    """
    params = {"start": start, "end": end, "low": low, "high": high}
    return list(db.query(sql, params))


# --- the anonymised export ------------------------------------------------------------------


def export_circles(db: Database) -> list[dict]:
    """Every circle: uid, name, municipality, status, start date."""
    sql = """SELECT uid, name, municipality, status, start_date FROM circle
             ORDER BY name COLLATE NOCASE, id"""
    return list(db.query(sql))


def export_meetings(db: Database) -> list[dict]:
    """Every meeting: its uid, its circle's uid, date and stored status (by circle, by date)."""
    sql = """SELECT s.uid, c.uid AS circle_uid, s.date, s.status FROM session s
             JOIN circle c ON c.id = s.circle_id
             ORDER BY c.name COLLATE NOCASE, c.id, s.date, s.start_time, s.id"""
    return list(db.query(sql))


def export_attendance(db: Database) -> list[dict]:
    """Every attendance mark by participant code: circle uid, code, meeting uid, status."""
    sql = """SELECT c.uid AS circle_uid, p.code, s.uid AS meeting_uid, a.status
             FROM attendance a JOIN participant p ON p.id = a.participant_id
             JOIN session s ON s.id = a.session_id JOIN circle c ON c.id = p.circle_id
             ORDER BY c.name COLLATE NOCASE, c.id, p.code, s.date, s.start_time, s.id"""
    return list(db.query(sql))


def export_scores(db: Database) -> list[dict]:
    """Every self-assessment score by participant code: circle uid, code, moment, date, domain,
    score (one row per score; by circle, code, moment)."""
    sql = """SELECT a.id AS assessment_id, c.uid AS circle_uid, p.code, a.moment, a.date,
                    sc.domain, sc.score
             FROM assessment a JOIN participant p ON p.id = a.participant_id
             JOIN circle c ON c.id = p.circle_id
             JOIN assessment_score sc ON sc.assessment_id = a.id
             ORDER BY c.name COLLATE NOCASE, c.id, p.code,
                      CASE a.moment WHEN 'start' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END, a.id"""
    return list(db.query(sql))
