"""The organisation, its facilitators and the lead pair of each circle, and participant codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from budgetkring.dates import check_range, iso
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


def set_pair(
    store: Store,
    circle_id: int,
    names: tuple[str, str],
    from_date: date,
    today: date | None = None,
) -> None:
    """Make two facilitators the circle's lead pair from ``from_date``, keeping earlier history.

    A pair period that has not begun yet is replaced; one that already began is ended the day
    before. A start date that would erase a pair that began before today is refused.
    """
    from budgetkring.store import circles as circle_sql

    check_range(from_date)
    today = today or date.today()
    erased = [
        r
        for r in circle_sql.lead_rows(store.db, circle_id)
        if r["from_date"] >= iso(from_date) and r["from_date"] < iso(today)
    ]
    if erased:
        raise UserError(
            _(
                "A new pair can start on {date} at the earliest: the current pair began then."
            ).format(date=max(r["from_date"] for r in erased))
        )
    first, second = (find_facilitator(store, n) for n in names)
    if first.id == second.id:
        raise UserError(_("A pair needs two different facilitators."))
    for person in (first, second):
        if person.status == "stopped":
            raise UserError(
                _("{name} has stopped and cannot lead a circle.").format(name=person.name)
            )
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


# --- facilitator details, availability and absences ----------------------------------------

ABSENCE_REASON_LABELS = {
    "illness": N_("ill"),
    "holiday": N_("on holiday"),
    "personal": N_("personal reasons"),
    "other": N_("other"),
}
PART_LABELS = {"morning": N_("morning"), "afternoon": N_("afternoon"), "evening": N_("evening")}


def facilitator_status_label(status: str) -> str:
    """The translated word for a facilitator status."""
    return _(FACILITATOR_STATUS_LABELS.get(status, status))


@dataclass
class FacilitatorDetails:
    """Everything the Begeleiders page shows and edits about one facilitator."""

    id: int | None
    name: str
    status: str = "trainee"
    town: str = ""
    phone: str = ""
    email: str = ""
    contact_consent: bool = False
    max_per_month: int | None = None
    availability: dict[str, list[str]] | None = None  # None = every day, every part
    mentor: str = ""  # name of the trainer or mentor
    circles: list[str] = field(default_factory=list)  # where they lead now
    absences: list[dict] = field(default_factory=list)  # {id, from, to, reason}


def parse_availability(text: str) -> dict[str, list[str]]:
    """'mon,tue,thu' (also Dutch ma,di,…) into an availability of every part of those days."""
    from budgetkring.schedule import parse_weekday
    from budgetkring.staffing import PARTS, WEEKDAY_CODES

    days = [parse_weekday(part) for part in (text or "").split(",") if part.strip()]
    if not days:
        raise UserError(_("Name at least one weekday, like mon,tue,thu."))
    return {WEEKDAY_CODES[d]: list(PARTS) for d in sorted(set(days))}


def facilitator_details(store: Store, today: date) -> list[FacilitatorDetails]:
    """Every facilitator with the circles they lead now and their absences."""
    import json

    from budgetkring.circles import current_leads
    from budgetkring.store import circles as circle_sql
    from budgetkring.store import sessions as session_sql
    from budgetkring.store import staffing as staff_sql

    rows = staff_sql.people_rows(store.db)
    names = {r["id"]: r["name"] for r in rows}
    leading: dict[int, list[str]] = {}
    circles = {c["id"]: c["name"] for c in circle_sql.circle_rows(store.db)}
    by_circle: dict[int, list[dict]] = {}
    for lead in circle_sql.lead_rows(store.db):
        by_circle.setdefault(lead["circle_id"], []).append(lead)
    for circle_id, periods in by_circle.items():
        if circle_id in circles:
            for lead in current_leads(periods, today):
                leading.setdefault(lead["facilitator_id"], []).append(circles[circle_id])
    absences: dict[int, list[dict]] = {}
    for a in session_sql.absence_rows(store.db):
        absences.setdefault(a["facilitator_id"], []).append(
            {"id": a["id"], "from": a["from_date"], "to": a["to_date"], "reason": a["reason"]}
        )
    return [
        FacilitatorDetails(
            id=r["id"],
            name=r["name"],
            status=r["status"],
            town=r["town"],
            phone=r["phone"],
            email=r["email"],
            contact_consent=bool(r["contact_consent"]),
            max_per_month=r["max_per_month"],
            availability=json.loads(r["availability"]) if r["availability"] else None,
            mentor=names.get(r["mentor_id"], ""),
            circles=sorted(leading.get(r["id"], [])),
            absences=absences.get(r["id"], []),
        )
        for r in rows
    ]


def save_facilitator(
    store: Store, details: FacilitatorDetails, today: date | None = None
) -> FacilitatorDetails:
    """Add or change a facilitator; every problem is a plain UserError and nothing is saved."""
    import json

    from budgetkring.staffing import PARTS, WEEKDAY_CODES
    from budgetkring.store import staffing as staff_sql

    name = details.name.strip()
    if not name:
        raise UserError(_("Fill in the facilitator's name."))
    if details.status not in FACILITATOR_STATUSES:
        raise UserError(_("'{status}' is not a facilitator status.").format(status=details.status))
    other = sql.facilitator_id_by_name(store.db, name)
    if other is not None and other != details.id:
        raise UserError(_("There is already a facilitator called '{name}'.").format(name=name))
    if details.max_per_month is not None and not 0 <= details.max_per_month <= 31:
        raise UserError(_("The most meetings per month must be between 0 and 31."))
    availability = details.availability
    if availability is not None:
        bad = [
            d
            for d, parts in availability.items()
            if d not in WEEKDAY_CODES or any(p not in PARTS for p in parts)
        ]
        if bad:
            raise UserError(_("The availability names an unknown day or part of the day."))
    if (details.phone.strip() or details.email.strip()) and not details.contact_consent:
        raise UserError(_("Only keep contact details when the facilitator has agreed to it."))
    mentor_id = None
    if details.mentor.strip():
        mentor_id = find_facilitator(store, details.mentor).id
        if mentor_id == details.id:
            raise UserError(_("A facilitator cannot be their own mentor."))
    values = {
        "name": name,
        "status": details.status,
        "town": details.town.strip(),
        "phone": details.phone.strip(),
        "email": details.email.strip(),
        "contact_consent": int(details.contact_consent),
        "max_per_month": details.max_per_month,
        "availability": json.dumps(availability) if availability is not None else "",
        "mentor_id": mentor_id,
    }
    with store.transaction() as db:
        if details.id is None:
            fid = sql.insert_facilitator(db, values)
        else:
            fid = details.id
            staff_sql.update_facilitator(db, fid, values)
    return next(d for d in facilitator_details(store, today or date.today()) if d.id == fid)


def add_absence(store: Store, name: str, first: date, last: date, reason: str = "other") -> int:
    """Record that a facilitator cannot lead from ``first`` to ``last`` (a category, no details)."""
    from budgetkring.store import sessions as session_sql

    person = find_facilitator(store, name)
    check_range(first)
    check_range(last)
    if last < first:
        raise UserError(_("The absence ends before it starts."))
    if reason not in ABSENCE_REASON_LABELS:
        raise UserError(
            _("'{reason}' is not a reason. Use illness, holiday, personal or other.").format(
                reason=reason
            )
        )
    with store.transaction() as db:
        return session_sql.insert_absence(
            db,
            {
                "facilitator_id": person.id,
                "from_date": iso(first),
                "to_date": iso(last),
                "reason": reason,
            },
        )


def remove_absence(store: Store, absence_id: int) -> None:
    """Delete an absence (entered by mistake, or the person is back early)."""
    from budgetkring.store import staffing as staff_sql

    with store.transaction() as db:
        staff_sql.delete_absence(db, absence_id)


def pair_history(store: Store, circle_id: int) -> list[dict]:
    """Who led a circle when: {name, status, from, to} per period, oldest first."""
    from budgetkring.store import circles as circle_sql

    return [
        {"name": r["name"], "status": r["status"], "from": r["from_date"], "to": r["to_date"]}
        for r in circle_sql.lead_rows(store.db, circle_id)
    ]
