"""SQL for the circle table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import id_by_name, inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_CIRCLE_COLUMNS = (
    "id, name, municipality, place, start_date, status, group_min, group_max, archived, "
    "(SELECT s.name FROM sender s WHERE s.id = circle.sender_id) AS received_from, received_at"
)


def circle_rows(db: Database, include_archived: bool = False) -> list[dict]:
    """All circles as dicts, by name."""
    where = "" if include_archived else "WHERE archived = 0"
    sql = f"SELECT {_CIRCLE_COLUMNS} FROM circle {where} ORDER BY name COLLATE NOCASE"
    return [dict(row) for row in db.query(sql)]


def circle_row(db: Database, circle_id: int) -> dict | None:
    """One circle by id, or None."""
    rows = list(db.query(f"SELECT {_CIRCLE_COLUMNS} FROM circle WHERE id = ?", [circle_id]))
    return rows[0] if rows else None


def circle_id_by_name(db: Database, name: str) -> int | None:
    """The id of the circle with exactly this name (case-insensitive), or None."""
    return id_by_name(db, "circle", name)


def insert_circle(db: Database, values: dict) -> int:
    """Insert a circle; returns its id."""
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    return inserted_id(db.execute(f"INSERT INTO circle ({names}) VALUES ({marks})", values))


def update_circle(db: Database, circle_id: int, values: dict) -> None:
    """Change fields of a circle."""
    sets = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE circle SET {sets} WHERE id = :id", {**values, "id": circle_id})
