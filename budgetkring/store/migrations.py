"""The schema, as an append-only list of named migrations.

Never edit or reorder a migration that has been released: add a new one at the end, and run
``tests/fixtures/make_fixture.py`` to add a fixture database of the new schema version.
sqlite-utils' ``Migrations`` applies them; it is only imported when something is pending, so an
up-to-date database opens without loading sqlite-utils at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATION_SET = "budgetkring"
STEPS: list[tuple[str, Callable]] = []


def migration(name: str):
    """Register a migration under a name that never changes."""

    def register(func: Callable) -> Callable:
        assert name not in {n for n, _f in STEPS}, name
        STEPS.append((name, func))
        return func

    return register


def known_names() -> list[str]:
    """The names of all migrations this version knows, in order."""
    return [name for name, _f in STEPS]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations applied to a database, in order (empty for a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [r[0] for r in rows]


def apply_pending(db) -> None:
    """Apply every pending migration, each in its own transaction (sqlite-utils Migrations)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, func in STEPS:
        migrations(name=name)(func)
    migrations.apply(db)


def run_script(db, script: str) -> None:
    """Run several statements inside the migration's transaction.

    (``executescript`` would commit first and so break the all-or-nothing promise.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    assert not statement.strip(), "unfinished SQL statement in a migration"


@migration("0001_foundation")
def _foundation(db) -> None:
    run_script(
        db,
        """
        CREATE TABLE organisation (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE circle (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            municipality TEXT NOT NULL CHECK (trim(municipality) <> ''),
            place TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            status TEXT NOT NULL DEFAULT 'preparing'
                CHECK (status IN ('preparing', 'running', 'finished', 'stopped')),
            group_min INTEGER NOT NULL DEFAULT 8 CHECK (group_min >= 1),
            group_max INTEGER NOT NULL DEFAULT 10 CHECK (group_max >= group_min),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE facilitator (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
            status TEXT NOT NULL DEFAULT 'trainee'
                CHECK (status IN ('trainee', 'certified', 'paused', 'stopped')),
            town TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            max_per_month INTEGER CHECK (max_per_month IS NULL OR max_per_month >= 0),
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- The lead pair of a circle, with history: one row per person per period.
        CREATE TABLE circle_lead (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            facilitator_id INTEGER NOT NULL REFERENCES facilitator(id),
            from_date TEXT NOT NULL,
            to_date TEXT,
            CHECK (to_date IS NULL OR to_date >= from_date)
        );
        CREATE INDEX circle_lead_circle ON circle_lead(circle_id);
        CREATE INDEX circle_lead_facilitator ON circle_lead(facilitator_id);
        -- Participants are pseudonymous: a generated code, never a name.
        CREATE TABLE participant (
            id INTEGER PRIMARY KEY,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            code TEXT NOT NULL UNIQUE,
            alias TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'stopped', 'finished')),
            stop_reason TEXT NOT NULL DEFAULT '',
            consent_date TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX participant_circle ON participant(circle_id);
        """,
    )
