"""SQL for the absence table: periods a facilitator cannot lead (a category, never details)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_COLUMNS = "a.id, a.facilitator_id, f.name, a.from_date, a.to_date, a.reason"
_FROM = "FROM absence a JOIN facilitator f ON f.id = a.facilitator_id"


def absence_rows(db: Database, facilitator_ids: list[int] | None = None) -> list[dict]:
    """Absences (of some facilitators, or all), with the facilitator's name."""
    sql = f"SELECT {_COLUMNS} {_FROM}"
    params: list = []
    if facilitator_ids is not None:
        sql += f" WHERE a.facilitator_id IN ({','.join('?' * len(facilitator_ids))})"
        params = list(facilitator_ids)
    return list(db.query(sql + " ORDER BY a.from_date", params))


def absences_between(db: Database, first: str, last: str) -> list[dict]:
    """Absences that overlap the period first..last."""
    sql = (
        f"SELECT {_COLUMNS} {_FROM} WHERE a.from_date <= ? AND a.to_date >= ? ORDER BY a.from_date"
    )
    return list(db.query(sql, [last, first]))


def insert_absence(db: Database, values: dict) -> int:
    """Record an absence; returns its id."""
    cursor = db.execute(
        """INSERT INTO absence (facilitator_id, from_date, to_date, reason)
           VALUES (:facilitator_id, :from_date, :to_date, :reason)""",
        values,
    )
    return inserted_id(cursor)


def delete_absence(db: Database, absence_id: int) -> None:
    """Remove an absence (entered by mistake, or the person is back)."""
    db.execute("DELETE FROM absence WHERE id = ?", [absence_id])
