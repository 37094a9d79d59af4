"""SQL for programmes, their versions and session templates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from budgetkring.store.db import id_by_name, inserted_id

if TYPE_CHECKING:
    from budgetkring.store.db import LazyDatabase as Database

_LIST_FIELDS = ("domains", "aims", "agenda", "materials", "handouts")


def programme_rows(db: Database) -> list[dict]:
    """Every programme with its newest version number and that version's id."""
    sql = """
        SELECT p.id, p.name, p.description, v.id AS version_id, v.version, v.meeting_minutes,
               (SELECT count(*) FROM session_template t WHERE t.version_id = v.id) AS sessions
        FROM programme p JOIN programme_version v ON v.programme_id = p.id
        WHERE v.version = (SELECT max(version) FROM programme_version WHERE programme_id = p.id)
        ORDER BY p.id
    """
    return list(db.query(sql))


def programme_id_by_name(db: Database, name: str) -> int | None:
    """The id of the programme with this name (case-insensitive), or None."""
    return id_by_name(db, "programme", name)


def version_row(db: Database, version_id: int) -> dict | None:
    """One programme version with its programme's name and description."""
    sql = """
        SELECT v.id AS version_id, v.version, v.meeting_minutes, p.id, p.name, p.description
        FROM programme_version v JOIN programme p ON p.id = v.programme_id WHERE v.id = ?
    """
    rows = list(db.query(sql, [version_id]))
    return rows[0] if rows else None


def template_rows(db: Database, version_id: int) -> list[dict]:
    """The session templates of a version, in order, with list fields decoded."""
    sql = "SELECT * FROM session_template WHERE version_id = ? ORDER BY position"
    return [decode_template(r) for r in db.query(sql, [version_id])]


def template_row(db: Database, template_id: int) -> dict | None:
    """One session template, decoded."""
    rows = list(db.query("SELECT * FROM session_template WHERE id = ?", [template_id]))
    return decode_template(rows[0]) if rows else None


def decode_template(row: dict) -> dict:
    """JSON list columns into Python lists."""
    row = dict(row)
    for name in _LIST_FIELDS:
        row[name] = json.loads(row[name])
    return row


def insert_programme(db: Database, name: str, description: str) -> int:
    """A new programme (without versions yet)."""
    cursor = db.execute(
        "INSERT INTO programme (name, description) VALUES (?, ?)", [name, description]
    )
    return inserted_id(cursor)


def update_description(db: Database, programme_id: int, description: str) -> None:
    """Change a programme's description."""
    db.execute("UPDATE programme SET description = ? WHERE id = ?", [description, programme_id])


def insert_version(
    db: Database, programme_id: int, meeting_minutes: int, sessions: list[dict]
) -> int:
    """A new version numbered after the newest, with its session templates; returns its id."""
    number = db.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM programme_version WHERE programme_id = ?",
        [programme_id],
    ).fetchone()[0]
    version_id = inserted_id(
        db.execute(
            "INSERT INTO programme_version (programme_id, version, meeting_minutes) "
            "VALUES (?, ?, ?)",
            [programme_id, number, meeting_minutes],
        )
    )
    for position, session in enumerate(sessions, start=1):
        values = {name: json.dumps(session[name], ensure_ascii=False) for name in _LIST_FIELDS}
        db.execute(
            """INSERT INTO session_template (version_id, position, key, title, domains, aims,
               agenda, materials, handouts, facilitator_notes)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                version_id,
                position,
                session["key"],
                session["title"],
                values["domains"],
                values["aims"],
                values["agenda"],
                values["materials"],
                values["handouts"],
                session["facilitator_notes"],
            ],
        )
    return version_id
