"""SQL for the organisation table (one row: the organisation this database belongs to)."""

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
    db.execute(
        "INSERT INTO organisation (id, name) VALUES (1, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name",
        [name],
    )


def organisation_uid(db: Database) -> str:
    """A random id of this organisation's database, for calendar UIDs."""
    return db.execute("SELECT uid FROM organisation WHERE id = 1").fetchone()[0]


def has_organisation(db: Database) -> bool:
    """True when the organisation row is there."""
    return db.execute("SELECT count(*) FROM organisation").fetchone()[0] > 0


def ensure_organisation(db: Database) -> None:
    """Create the organisation row (unnamed, with a random uid) when there is none yet."""
    if db.execute("SELECT count(*) FROM organisation").fetchone()[0] == 0:
        db.execute(
            "INSERT INTO organisation (id, name, uid) VALUES (1, '', lower(hex(randomblob(16))))"
        )


def organisation_secret(db: Database) -> str:
    """The secret of the organisation this database belongs to (hex): the coordinator's own, or
    the one a facilitator's database received when it joined. It authenticates what the
    coordinator sends and the organisation's certificates."""
    row = db.execute("SELECT organisation_secret FROM membership WHERE id = 1").fetchone()
    if row:
        return row[0]
    return db.execute("SELECT secret FROM organisation WHERE id = 1").fetchone()[0]
