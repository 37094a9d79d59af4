"""Participant codes: a participant is stored as a generated code (``K2-07``), never a name."""

from __future__ import annotations

from datetime import date

from budgetkring.dates import iso
from budgetkring.store import Store
from budgetkring.store import participants as sql


def new_participant_code(existing: set[str], circle_id: int) -> str:
    """The next free pseudonymous code for a circle, like ``K2-07`` (never a name)."""
    n = 1
    while f"K{circle_id}-{n:02d}" in existing:
        n += 1
    return f"K{circle_id}-{n:02d}"


def add_participants(store: Store, circle_id: int, count: int, consent: date) -> list[str]:
    """Add ``count`` participants with fresh codes and recorded consent; returns the codes."""
    with store.transaction() as db:
        existing = sql.participant_codes(db)
        codes = []
        for _i in range(count):
            code = new_participant_code(existing, circle_id)
            existing.add(code)
            sql.insert_participant(
                db, {"circle_id": circle_id, "code": code, "consent_date": iso(consent)}
            )
            codes.append(code)
    return codes
