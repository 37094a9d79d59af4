"""Facilitators (kringbegeleiders): listing, finding, adding and changing them.

There is one facilitator type (``Facilitator``, defined with the rules that read it) and one way
to create (``create_facilitator``) and one to change (``update_facilitator``); both check the
same things. Services take ids; only the command line finds a facilitator by name.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.planning.schedule import parse_weekday
from budgetkring.staffing.rules import NEW, PARTS, WEEKDAY_CODES, Facilitator, current_leads
from budgetkring.store import Store
from budgetkring.store import absences as absence_sql
from budgetkring.store import circles as circle_sql
from budgetkring.store import facilitators as sql
from budgetkring.store import pairs as pair_sql
from budgetkring.text import NAME_MAX, clean_text

FACILITATOR_STATUSES = ("trainee", "certified", "paused", "stopped")
FACILITATOR_STATUS_LABELS = {
    "trainee": N_("in training"),
    "certified": N_("certified"),
    "paused": N_("paused"),
    "stopped": N_("stopped"),
}
PART_LABELS = {"morning": N_("morning"), "afternoon": N_("afternoon"), "evening": N_("evening")}
CONTACT_MAX = 100


def facilitator_status_label(status: str) -> str:
    """The translated word for a facilitator status."""
    return _(FACILITATOR_STATUS_LABELS.get(status, status))


def facilitator_from_row(row: dict, names: dict[int, str] | None = None) -> Facilitator:
    """A facilitator row as the app uses it (``names`` gives the mentor's name)."""
    return Facilitator(
        id=row["id"],
        name=row["name"],
        status=row["status"],
        town=row["town"],
        phone=row["phone"],
        email=row["email"],
        contact_consent=bool(row["contact_consent"]),
        max_per_month=row["max_per_month"],
        availability=json.loads(row["availability"]) if row["availability"] else None,
        mentor_id=row["mentor_id"],
        mentor=(names or {}).get(row["mentor_id"], ""),
    )


def facilitators_by_id(store: Store) -> dict[int, Facilitator]:
    """Every facilitator by id (without circles and absences: what the rules need)."""
    rows = sql.facilitator_rows(store.db)
    names = {r["id"]: r["name"] for r in rows}
    return {r["id"]: facilitator_from_row(r, names) for r in rows}


def list_facilitators(store: Store, today: date) -> list[Facilitator]:
    """Every facilitator by name, with the circles they lead on ``today`` and their absences."""
    people = list(facilitators_by_id(store).values())
    circles = {c["id"]: c["name"] for c in circle_sql.circle_rows(store.db)}
    by_circle: dict[int, list[dict]] = {}
    for lead in pair_sql.lead_rows(store.db):
        by_circle.setdefault(lead["circle_id"], []).append(lead)
    leading: dict[int, list[str]] = {}
    for circle_id, periods in by_circle.items():
        if circle_id in circles:
            for lead in current_leads(periods, today):
                leading.setdefault(lead["facilitator_id"], []).append(circles[circle_id])
    absences: dict[int, list[dict]] = {}
    for a in absence_sql.absence_rows(store.db):
        absences.setdefault(a["facilitator_id"], []).append(
            {"id": a["id"], "from": a["from_date"], "to": a["to_date"], "reason": a["reason"]}
        )
    for person in people:
        person.circles = sorted(leading.get(person.id, []))
        person.absences = absences.get(person.id, [])
    return people


def get_facilitator(store: Store, facilitator_id: int, today: date) -> Facilitator:
    """One facilitator with circles and absences; a UserError when there is none."""
    for person in list_facilitators(store, today):
        if person.id == facilitator_id:
            return person
    raise UserError(_("There is no facilitator with number {id}.").format(id=facilitator_id))


def find_facilitator(store: Store, name: str) -> Facilitator:
    """A facilitator by exact name (case-insensitive), as typed on the command line."""
    fid = sql.facilitator_id_by_name(store.db, name.strip())
    if fid is None:
        raise UserError(_("There is no facilitator called '{name}'.").format(name=name.strip()))
    return facilitators_by_id(store)[fid]


def parse_availability(text: str) -> dict[str, list[str]]:
    """'mon,tue,thu' (also Dutch ma,di,…) into an availability of every part of those days."""
    days = [parse_weekday(part) for part in (text or "").split(",") if part.strip()]
    if not days:
        raise UserError(_("Name at least one weekday, like mon,tue,thu."))
    return {WEEKDAY_CODES[d]: list(PARTS) for d in sorted(set(days))}


def _values(store: Store, person: Facilitator) -> dict:
    """The row to store for a facilitator; every problem is a plain UserError."""
    name = clean_text(person.name, _("The name"), NAME_MAX)
    if not name:
        raise UserError(_("Fill in the facilitator's name."))
    if person.status not in FACILITATOR_STATUSES:
        raise UserError(_("'{status}' is not a facilitator status.").format(status=person.status))
    other = sql.facilitator_id_by_name(store.db, name)
    if other is not None and other != person.id:
        raise UserError(_("There is already a facilitator called '{name}'.").format(name=name))
    if person.max_per_month is not None and not 0 <= person.max_per_month <= 31:
        raise UserError(_("The most meetings per month must be between 0 and 31."))
    availability = person.availability
    if availability is not None:
        bad = [
            d
            for d, parts in availability.items()
            if d not in WEEKDAY_CODES or any(p not in PARTS for p in parts)
        ]
        if bad:
            raise UserError(_("The availability names an unknown day or part of the day."))
    phone = clean_text(person.phone, _("The phone number"), CONTACT_MAX)
    email = clean_text(person.email, _("The e-mail address"), CONTACT_MAX)
    if (phone or email) and not person.contact_consent:
        raise UserError(_("Only keep contact details when the facilitator has agreed to it."))
    if person.mentor_id is not None:
        if person.mentor_id == person.id:
            raise UserError(_("A facilitator cannot be their own mentor."))
        if person.mentor_id not in facilitators_by_id(store):
            raise UserError(_("The chosen mentor does not exist."))
    return {
        "name": name,
        "status": person.status,
        "town": clean_text(person.town, _("The town"), NAME_MAX),
        "phone": phone,
        "email": email,
        "contact_consent": int(person.contact_consent),
        "max_per_month": person.max_per_month,
        "availability": json.dumps(availability) if availability is not None else "",
        "mentor_id": person.mentor_id,
    }


def create_facilitator(store: Store, person: Facilitator, today: date) -> Facilitator:
    """Add a facilitator (``person.id`` is ignored); nothing is saved on a problem."""
    values = _values(store, replace(person, id=NEW))
    with store.transaction() as db:
        fid = sql.insert_facilitator(db, values)
    return get_facilitator(store, fid, today)


def update_facilitator(store: Store, person: Facilitator, today: date) -> Facilitator:
    """Change a facilitator; the same checks as adding, and nothing is saved on a problem."""
    if person.id not in facilitators_by_id(store):
        raise UserError(_("This facilitator no longer exists."))
    values = _values(store, person)
    with store.transaction() as db:
        sql.update_facilitator(db, person.id, values)
    return get_facilitator(store, person.id, today)
