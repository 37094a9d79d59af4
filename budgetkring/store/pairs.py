"""SQL for the circle_lead table: who leads a circle, period by period (the pair's history)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def lead_rows(db: Database, circle_id: int | None = None) -> list[dict]:
    """Lead periods (circle_id, facilitator_id, name, status, from_date, to_date), oldest first."""
    where = "WHERE cl.circle_id = ?" if circle_id is not None else ""
    sql = f"""
        SELECT cl.id, cl.circle_id, cl.facilitator_id, f.name, f.status, cl.from_date, cl.to_date
        FROM circle_lead cl JOIN facilitator f ON f.id = cl.facilitator_id {where}
        ORDER BY cl.circle_id, cl.from_date, f.name COLLATE NOCASE
    """
    return [dict(r) for r in db.query(sql, [circle_id] if circle_id is not None else [])]


def end_leads(db: Database, circle_id: int, before: str) -> None:
    """Close the circle's open lead periods on the day before ``before``; drop ones not begun."""
    db.execute(
        "DELETE FROM circle_lead WHERE circle_id = ? AND from_date >= ?", [circle_id, before]
    )
    db.execute(
        """UPDATE circle_lead SET to_date = date(?, '-1 day')
           WHERE circle_id = ? AND (to_date IS NULL OR to_date >= ?)""",
        [before, circle_id, before],
    )


def insert_lead(db: Database, circle_id: int, facilitator_id: int, from_date: str) -> None:
    """Start a lead period."""
    db.execute(
        "INSERT INTO circle_lead (circle_id, facilitator_id, from_date) VALUES (?, ?, ?)",
        [circle_id, facilitator_id, from_date],
    )
