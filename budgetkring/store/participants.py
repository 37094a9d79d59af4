"""SQL for the participant table (pseudonymous: a generated code, never a name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def participant_codes(db: Database) -> set[str]:
    """Every participant code in use."""
    return {r["code"] for r in db.query("SELECT code FROM participant")}


def insert_participant(db: Database, values: dict) -> int:
    """Insert a participant; returns the id."""
    cursor = db.execute(
        "INSERT INTO participant (circle_id, code, consent_date) "
        "VALUES (:circle_id, :code, :consent_date)",
        values,
    )
    return inserted_id(cursor)


def participant_counts(db: Database) -> dict[int, int]:
    """Per circle id, the number of active participants."""
    sql = "SELECT circle_id, count(*) AS n FROM participant WHERE status = 'active' GROUP BY 1"
    return {row["circle_id"]: row["n"] for row in db.query(sql)}
