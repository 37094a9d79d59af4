"""SQL for the substitution table: who stands in for whom at one meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetkring.store.db import inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database


def substitution_rows(
    db: Database,
    first: str | None = None,
    last: str | None = None,
    session_ids: list[int] | None = None,
) -> list[dict]:
    """Substitutions with their meeting's date and circle, optionally limited."""
    where: list[str] = []
    params: list[object] = []
    if first:
        where.append("s.date >= ?")
        params.append(first)
    if last:
        where.append("s.date <= ?")
        params.append(last)
    if session_ids is not None:
        where.append(f"sub.session_id IN ({','.join('?' * len(session_ids))})")
        params.extend(session_ids)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"""SELECT sub.id, sub.session_id, sub.in_id, sub.out_id, sub.reason, sub.confirmed,
                     sub.created_at, s.date, s.circle_id, s.status AS session_status,
                     c.name AS circle_name, fi.name AS in_name, fo.name AS out_name
              FROM substitution sub JOIN session s ON s.id = sub.session_id
              JOIN circle c ON c.id = s.circle_id
              JOIN facilitator fi ON fi.id = sub.in_id
              LEFT JOIN facilitator fo ON fo.id = sub.out_id
              {clause} ORDER BY s.date, sub.id"""
    return list(db.query(sql, params))


def stood_in_at(db: Database) -> list[dict]:
    """(circle_id, facilitator_id) for every confirmed stand-in ever (who knows which circle)."""
    sql = """SELECT DISTINCT s.circle_id, sub.in_id AS facilitator_id FROM substitution sub
             JOIN session s ON s.id = sub.session_id WHERE sub.confirmed = 1"""
    return list(db.query(sql))


def insert_substitution(db: Database, values: dict) -> int:
    """Record a stand-in; returns the id."""
    cursor = db.execute(
        """INSERT INTO substitution (session_id, in_id, out_id, reason, confirmed)
           VALUES (:session_id, :in_id, :out_id, :reason, :confirmed)""",
        values,
    )
    return inserted_id(cursor)


def delete_substitution(db: Database, substitution_id: int) -> None:
    """Take back a stand-in."""
    db.execute("DELETE FROM substitution WHERE id = ?", [substitution_id])


def confirm_substitution(db: Database, substitution_id: int) -> None:
    """Mark a stand-in as agreed."""
    db.execute("UPDATE substitution SET confirmed = 1 WHERE id = ?", [substitution_id])


def drop_session_substitutions(db: Database, session_id: int) -> list[str]:
    """Remove every stand-in of a meeting (it moved); returns their names."""
    names = [
        r["name"]
        for r in db.query(
            "SELECT f.name FROM substitution s JOIN facilitator f ON f.id = s.in_id "
            "WHERE s.session_id = ? ORDER BY s.id",
            [session_id],
        )
    ]
    db.execute("DELETE FROM substitution WHERE session_id = ?", [session_id])
    return names
