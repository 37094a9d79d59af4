"""The organisation, its facilitators and the lead pair of each circle, and participant codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.dates import iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.store import Store
from budgetkring.store import people as sql

FACILITATOR_STATUSES = ("trainee", "certified", "paused", "stopped")
FACILITATOR_STATUS_LABELS = {
    "trainee": N_("in training"),
    "certified": N_("certified"),
    "paused": N_("paused"),
    "stopped": N_("stopped"),
}


@dataclass
class Facilitator:
    """A volunteer who leads circles (kringbegeleider)."""

    id: int
    name: str
    status: str
    town: str = ""
    phone: str = ""
    email: str = ""
    max_per_month: int | None = None


def organisation_name(store: Store) -> str:
    """The organisation's name ("" until named)."""
    return sql.organisation_name(store.db)


def rename_organisation(store: Store, name: str) -> None:
    """Give the organisation a name."""
    name = name.strip()
    if not name:
        raise UserError(_("Fill in the name of your organisation."))
    with store.transaction() as db:
        sql.set_organisation_name(db, name)


def list_facilitators(store: Store) -> list[Facilitator]:
    """All facilitators by name."""
    return [Facilitator(**row) for row in sql.facilitator_rows(store.db)]


def find_facilitator(store: Store, name: str) -> Facilitator:
    """A facilitator by exact name (case-insensitive); a UserError when unknown."""
    fid = sql.facilitator_id_by_name(store.db, name.strip())
    if fid is None:
        raise UserError(_("There is no facilitator called '{name}'.").format(name=name.strip()))
    return next(f for f in list_facilitators(store) if f.id == fid)


def add_facilitator(store: Store, name: str, status: str = "trainee", **extra) -> Facilitator:
    """Add a facilitator; the name must be new and the status known."""
    name = name.strip()
    if not name:
        raise UserError(_("Fill in the facilitator's name."))
    if status not in FACILITATOR_STATUSES:
        raise UserError(_("'{status}' is not a facilitator status.").format(status=status))
    if sql.facilitator_id_by_name(store.db, name) is not None:
        raise UserError(_("There is already a facilitator called '{name}'.").format(name=name))
    with store.transaction() as db:
        sql.insert_facilitator(db, {"name": name, "status": status, **extra})
    return find_facilitator(store, name)


def set_pair(store: Store, circle_id: int, names: tuple[str, str], from_date: date) -> None:
    """Make two facilitators the circle's lead pair from ``from_date``, keeping earlier history."""
    first, second = (find_facilitator(store, n) for n in names)
    if first.id == second.id:
        raise UserError(_("A pair needs two different facilitators."))
    with store.transaction() as db:
        sql.end_leads(db, circle_id, iso(from_date))
        for person in (first, second):
            sql.insert_lead(db, circle_id, person.id, iso(from_date))


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
