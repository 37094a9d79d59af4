"""Circles (kringen): listing, adding, editing and archiving, with validation in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from budgetkring.dates import from_iso, iso, parse_date, parse_id
from budgetkring.errors import UserError, ValidationError
from budgetkring.i18n import N_, _
from budgetkring.staffing.rules import current_leads
from budgetkring.store import Store
from budgetkring.store import circles as sql
from budgetkring.store import pairs as pair_sql
from budgetkring.text import NAME_MAX, TEXT_MAX, clean_text

STATUSES = ("preparing", "running", "finished", "stopped")
STATUS_LABELS = {
    "preparing": N_("in preparation"),
    "running": N_("running"),
    "finished": N_("finished"),
    "stopped": N_("stopped"),
}
DEFAULT_GROUP = (8, 10)


def status_label(status: str) -> str:
    """The translated word for a circle status."""
    return _(STATUS_LABELS.get(status, status))


@dataclass
class Circle:
    """A budget circle: a group that meets for about a year."""

    id: int
    name: str
    municipality: str
    place: str = ""
    start_date: date | None = None
    status: str = "preparing"
    group_min: int = DEFAULT_GROUP[0]
    group_max: int = DEFAULT_GROUP[1]
    archived: bool = False
    facilitators: list[str] = field(default_factory=list)
    # A circle received from a facilitator's laptop (the coordinator's side): who sent it and
    # when it last arrived. Changes are made on that laptop; the next file overwrites them here.
    received_from: str | None = None
    received_at: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Circle:
        """Build from a storage row."""
        return cls(
            id=row["id"],
            name=row["name"],
            municipality=row["municipality"],
            place=row["place"],
            start_date=from_iso(row["start_date"]),
            status=row["status"],
            group_min=row["group_min"],
            group_max=row["group_max"],
            archived=bool(row["archived"]),
            received_from=row.get("received_from"),
            received_at=row.get("received_at"),
        )


def list_circles(store: Store, today: date, include_archived: bool = False) -> list[Circle]:
    """All circles by name, each with the names of its current lead pair."""
    leads: dict[int, list[dict]] = {}
    for row in pair_sql.lead_rows(store.db):
        leads.setdefault(row["circle_id"], []).append(row)
    circles = [Circle.from_row(r) for r in sql.circle_rows(store.db, include_archived)]
    for circle in circles:
        circle.facilitators = [r["name"] for r in current_leads(leads.get(circle.id, []), today)]
    return circles


def get_circle(store: Store, circle_id: int) -> Circle:
    """One circle by id; a UserError when it does not exist."""
    row = sql.circle_row(store.db, circle_id)
    if row is None:
        raise UserError(_("There is no circle with number {id}.").format(id=circle_id))
    return Circle.from_row(row)


def find_circle(store: Store, ref: str | int) -> Circle:
    """A circle by its id or its exact name (as typed on the command line)."""
    text = str(ref).strip()
    circle_id = sql.circle_id_by_name(store.db, text)
    if circle_id is None and (number := parse_id(text)) is not None:
        circle_id = number if sql.circle_row(store.db, number) else None
    if circle_id is None:
        raise UserError(_("There is no circle called '{name}'.").format(name=text))
    return get_circle(store, circle_id)


def _text(values: dict, key: str, what: str, limit: int, errors: dict[str, str]) -> str:
    """One text field, checked; its problem (if any) is added to ``errors``."""
    try:
        return clean_text(values.get(key), what, limit)
    except UserError as err:
        errors[key] = str(err)
        return ""


def _clean(values: dict) -> tuple[dict, dict[str, str]]:
    """Normalise form values and collect a message per invalid field."""
    errors: dict[str, str] = {}
    name = _text(values, "name", _("The name"), NAME_MAX, errors)
    municipality = _text(values, "municipality", _("The municipality"), NAME_MAX, errors)
    place = _text(values, "place", _("The place"), TEXT_MAX, errors)
    if not name and "name" not in errors:
        errors["name"] = _("Give the circle a name.")
    if not municipality and "municipality" not in errors:
        errors["municipality"] = _("Fill in the municipality where the circle meets.")
    start = values.get("start_date")
    if isinstance(start, str):
        try:
            start = parse_date(start) if start.strip() else None
        except UserError as err:
            errors["start_date"] = str(err)
            start = None
    status = values.get("status") or "preparing"
    if status not in STATUSES:
        errors["status"] = _("Choose a status from the list.")
    try:
        group_min = int(values.get("group_min") or DEFAULT_GROUP[0])
        group_max = int(values.get("group_max") or DEFAULT_GROUP[1])
    except (TypeError, ValueError):
        errors["group_size"] = _("The group size must be a whole number.")
        group_min, group_max = DEFAULT_GROUP
    if not 1 <= group_min <= group_max <= 30:
        errors["group_size"] = _(
            "The group size must be between 1 and 30, and the minimum not above the maximum."
        )
    clean = {
        "name": name,
        "municipality": municipality,
        "place": place,
        "start_date": iso(start),
        "status": status,
        "group_min": group_min,
        "group_max": group_max,
    }
    return clean, errors


def _check_unique(store: Store, name: str, own_id: int | None, errors: dict[str, str]) -> None:
    other = sql.circle_id_by_name(store.db, name) if name else None
    if other is not None and other != own_id:
        errors["name"] = _("There is already a circle called '{name}'.").format(name=name)


def add_circle(store: Store, **values) -> Circle:
    """Add a circle from form or command-line values; ValidationError lists what is wrong."""
    clean, errors = _clean(values)
    _check_unique(store, clean["name"], None, errors)
    if errors:
        raise ValidationError(errors)
    with store.transaction() as db:
        circle_id = sql.insert_circle(db, clean)
    return get_circle(store, circle_id)


def update_circle(store: Store, circle_id: int, **values) -> Circle:
    """Change a circle; the same validation as adding."""
    get_circle(store, circle_id)
    clean, errors = _clean(values)
    _check_unique(store, clean["name"], circle_id, errors)
    if errors:
        raise ValidationError(errors)
    with store.transaction() as db:
        sql.update_circle(db, circle_id, clean)
    return get_circle(store, circle_id)


def set_archived(store: Store, circle_id: int, archived: bool) -> Circle:
    """Archive a circle (hidden from lists, nothing deleted) or bring it back."""
    get_circle(store, circle_id)
    with store.transaction() as db:
        sql.update_circle(db, circle_id, {"archived": int(archived)})
    return get_circle(store, circle_id)
