"""SQL for the facilitator table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import id_by_name, inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def facilitator_rows(db: Database) -> list[dict]:
    """Every facilitator with availability, monthly maximum and mentor, by name."""
    sql = """SELECT id, name, status, town, phone, email, contact_consent, max_per_month,
                    availability, mentor_id
             FROM facilitator ORDER BY name COLLATE NOCASE"""
    return list(db.query(sql))


def facilitator_id_by_name(db: Database, name: str) -> int | None:
    """The id of the facilitator with exactly this name (case-insensitive), or None."""
    return id_by_name(db, "facilitator", name)


def insert_facilitator(db: Database, values: dict) -> int:
    """Insert a facilitator; returns the id."""
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    return inserted_id(db.execute(f"INSERT INTO facilitator ({names}) VALUES ({marks})", values))


def update_facilitator(db: Database, facilitator_id: int, values: dict) -> None:
    """Change fields of a facilitator."""
    sets = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE facilitator SET {sets} WHERE id = :id", {**values, "id": facilitator_id})
