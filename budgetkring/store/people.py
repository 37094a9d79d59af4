"""SQL for the organisation, facilitators and participants."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def organisation_name(db: Database) -> str:
    """The organisation's name ("" until it is named)."""
    rows = list(db.query("SELECT name FROM organisation WHERE id = 1"))
    return rows[0]["name"] if rows else ""


def set_organisation_name(db: Database, name: str) -> None:
    """Name the organisation."""
    db["organisation"].upsert({"id": 1, "name": name}, pk="id")


def facilitator_rows(db: Database) -> list[dict]:
    """All facilitators, by name."""
    sql = """SELECT id, name, status, town, phone, email, max_per_month FROM facilitator
             ORDER BY name COLLATE NOCASE"""
    return [dict(r) for r in db.query(sql)]


def facilitator_id_by_name(db: Database, name: str) -> int | None:
    """The id of the facilitator with exactly this name (case-insensitive), or None."""
    from budgetkring.store.circles import id_by_name

    return id_by_name(db, "facilitator", name)


def insert_facilitator(db: Database, values: dict) -> int:
    """Insert a facilitator; returns the id."""
    return db["facilitator"].insert(values).last_pk


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
    db["circle_lead"].insert(
        {"circle_id": circle_id, "facilitator_id": facilitator_id, "from_date": from_date}
    )


def participant_codes(db: Database) -> set[str]:
    """Every participant code in use."""
    return {r["code"] for r in db.query("SELECT code FROM participant")}


def insert_participant(db: Database, values: dict) -> int:
    """Insert a participant; returns the id."""
    return db["participant"].insert(values).last_pk
