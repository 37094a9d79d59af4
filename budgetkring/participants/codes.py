"""Participant codes: a participant is stored as a generated code (``K2-07``), never a name."""

from __future__ import annotations


def new_participant_code(existing: set[str], circle_id: int) -> str:
    """The next free pseudonymous code for a circle, like ``K2-07`` (never a name)."""
    n = 1
    while f"K{circle_id}-{n:02d}" in existing:
        n += 1
    return f"K{circle_id}-{n:02d}"
