"""Personal goals, of participants and of facilitators (the method has both set goals).

Goal texts are free text: before one is saved it is checked for anything that identifies a
person (an e-mail address, a phone number, …); such a text is refused with what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.dates import from_iso, iso
from budgetkring.domains import DOMAINS
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.participants.identifiers import describe, find_identifiers
from budgetkring.participants.participants import get_participant
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.store import Store
from budgetkring.store import participants as sql
from budgetkring.text import TEXT_MAX, clean_text

GOAL_STATUSES = ("open", "done", "dropped")
GOAL_STATUS_LABELS = {"open": N_("open"), "done": N_("reached"), "dropped": N_("let go")}


@dataclass
class Goal:
    """A personal goal: text, optional life domain, status and dates."""

    id: int
    text: str
    domain: str | None
    status: str
    created: date | None
    closed: date | None

    def public(self) -> dict:
        """As JSON output shows it (the text stays on this laptop: only local output)."""
        return {"id": self.id, "text": self.text, "domain": self.domain, "status": self.status}


def goal_status_label(status: str) -> str:
    """The translated word for a goal status."""
    return _(GOAL_STATUS_LABELS.get(status, status))


def check_free_text(text: str, what: str, limit: int = TEXT_MAX) -> str:
    """A free text to keep: no control characters, not too long, nothing that identifies a
    person (a UserError names what was found)."""
    clean = clean_text(text, what, limit)
    found = find_identifiers(clean)
    if found:
        raise UserError(describe(found))
    return clean


def _goal(row: dict) -> Goal:
    return Goal(
        row["id"],
        row["text"],
        row["domain"],
        row["status"],
        from_iso(row["created_date"]),
        from_iso(row["closed_date"]),
    )


def add_goal(
    store: Store,
    text: str,
    today: date,
    *,
    participant_id: int | None = None,
    facilitator_id: int | None = None,
    domain: str | None = None,
) -> Goal:
    """Set a goal for a participant (who gave consent) or for a facilitator."""
    if (participant_id is None) == (facilitator_id is None):
        raise UserError(_("A goal belongs to one participant or one facilitator."))
    if participant_id is not None:
        person = get_participant(store, participant_id)
        if person.consent is None:
            raise UserError(
                _(
                    "{code} has not given consent, so no goal can be kept. Record the date of "
                    "consent first."
                ).format(code=person.code)
            )
    elif facilitator_id not in facilitators_by_id(store):
        raise UserError(_("This facilitator no longer exists."))
    if domain is not None and (domain not in DOMAINS or domain == "general"):
        raise UserError(_("'{domain}' is not a life domain.").format(domain=domain))
    goal_text = check_free_text(text, _("The goal"))
    if not goal_text:
        raise UserError(_("Write down the goal."))
    with store.transaction() as db:
        goal_id = sql.insert_goal(
            db,
            {
                "participant_id": participant_id,
                "facilitator_id": facilitator_id,
                "text": goal_text,
                "domain": domain,
                "created_date": iso(today),
            },
        )
    return get_goal(store, goal_id)


def get_goal(store: Store, goal_id: int) -> Goal:
    """One goal; a UserError when it does not exist."""
    row = sql.goal_row(store.db, goal_id)
    if row is None:
        raise UserError(_("There is no goal with number {id}.").format(id=goal_id))
    return _goal(row)


def list_goals(
    store: Store, *, participant_id: int | None = None, facilitator_id: int | None = None
) -> list[Goal]:
    """The goals of a participant or of a facilitator, oldest first."""
    rows = sql.goal_rows(store.db, participant_id=participant_id, facilitator_id=facilitator_id)
    return [_goal(r) for r in rows]


def set_goal_status(store: Store, goal_id: int, status: str, today: date) -> Goal:
    """Mark a goal open, reached (done) or let go (dropped)."""
    get_goal(store, goal_id)
    if status not in GOAL_STATUSES:
        raise UserError(
            _("'{status}' is not a goal status. Use open, done or dropped.").format(status=status)
        )
    with store.transaction() as db:
        sql.set_goal_status(db, goal_id, status, None if status == "open" else iso(today))
    return get_goal(store, goal_id)
