"""SQL for circles and their lead pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_CIRCLE_COLUMNS = (
    "id, name, municipality, place, start_date, status, group_min, group_max, archived"
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


def id_by_name(db: Database, table: str, name: str) -> int | None:
    """The id of the row of ``table`` with this name, ignoring case (also of É, Ö, …), or None.

    SQLite's NOCASE only folds A-Z, so names are compared in Python.
    """
    wanted = name.strip().casefold()
    for row in db.query(f"SELECT id, name FROM {table}"):
        if row["name"].casefold() == wanted:
            return row["id"]
    return None


def circle_id_by_name(db: Database, name: str) -> int | None:
    """The id of the circle with exactly this name (case-insensitive), or None."""
    return id_by_name(db, "circle", name)


def insert_circle(db: Database, values: dict) -> int:
    """Insert a circle; returns its id."""
    return db["circle"].insert(values).last_pk


def update_circle(db: Database, circle_id: int, values: dict) -> None:
    """Change fields of a circle."""
    db["circle"].update(circle_id, values)


def lead_rows(db: Database, circle_id: int | None = None) -> list[dict]:
    """Lead periods (circle_id, facilitator_id, name, status, from_date, to_date), oldest first."""
    where = "WHERE cl.circle_id = ?" if circle_id is not None else ""
    sql = f"""
        SELECT cl.id, cl.circle_id, cl.facilitator_id, f.name, f.status, cl.from_date, cl.to_date
        FROM circle_lead cl JOIN facilitator f ON f.id = cl.facilitator_id {where}
        ORDER BY cl.circle_id, cl.from_date, f.name COLLATE NOCASE
    """
    return [dict(r) for r in db.query(sql, [circle_id] if circle_id is not None else [])]


def participant_counts(db: Database) -> dict[int, int]:
    """Per circle id, the number of active participants."""
    sql = "SELECT circle_id, count(*) AS n FROM participant WHERE status = 'active' GROUP BY 1"
    return {row["circle_id"]: row["n"] for row in db.query(sql)}
