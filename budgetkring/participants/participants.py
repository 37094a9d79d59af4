"""Participants of a circle, pseudonymous: a generated code (``K1-07``), never a name.

An optional alias (a nickname) helps the facilitator recognise people; it stays on this laptop
(it is never in JSON output, an exchange file or a report). Consent is the date the participant
agreed; without it attendance may be kept, but no self-assessment and no goal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from budgetkring.dates import check_range, from_iso, iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.organisation.circles import get_circle
from budgetkring.participants.codes import new_participant_code
from budgetkring.planning.sessions import Session, get_session, list_sessions
from budgetkring.store import Store
from budgetkring.store import participants as sql
from budgetkring.text import NAME_MAX, clean_text

STATUSES = ("active", "stopped", "finished")
STATUS_LABELS = {"active": N_("active"), "stopped": N_("stopped"), "finished": N_("finished")}
STOP_REASONS = {
    "health": N_("health"),
    "work": N_("found work or study"),
    "moved": N_("moved away"),
    "not_for_me": N_("the circle did not suit them"),
    "unknown": N_("reason not known"),
    "other": N_("other"),
}
ATTENDANCE = ("present", "excused", "absent")
ATTENDANCE_LABELS = {
    "present": N_("present"),
    "excused": N_("excused"),
    "absent": N_("absent without notice"),
}
ABSENT_IN_A_ROW = 3  # held meetings missed without notice before someone is called


@dataclass
class Participant:
    """A participant as the app shows them; ``alias`` is for this laptop's screen only."""

    id: int
    circle_id: int
    code: str
    status: str = "active"
    stop_reason: str = ""
    consent: date | None = None
    joined: date | None = None
    alias: str = ""
    present: int = 0
    excused: int = 0
    absent: int = 0
    absent_in_a_row: int = 0
    marks: dict[int, str] = field(default_factory=dict)  # session id -> attendance status

    def public(self) -> dict:
        """What may be shown outside the app's own screens (JSON): never the alias."""
        return {
            "code": self.code,
            "status": self.status,
            "joined": iso(self.joined),
            "consent": iso(self.consent),
            "present": self.present,
            "excused": self.excused,
            "absent": self.absent,
            "absent_in_a_row": self.absent_in_a_row,
        }


def status_label(status: str) -> str:
    """The translated word for a participant status."""
    return _(STATUS_LABELS.get(status, status))


def attendance_label(status: str) -> str:
    """The translated words for an attendance status."""
    return _(ATTENDANCE_LABELS.get(status, status))


# --- pure rules -------------------------------------------------------------------------------


def absences_in_a_row(statuses: list[str | None]) -> int:
    """How many of the latest held meetings in a row were missed without notice.

    ``statuses`` are oldest first; a meeting without a mark ends nothing and counts nothing
    (attendance not entered yet), an excused absence or presence ends the run.
    """
    run = 0
    for status in reversed(statuses):
        if status == "absent":
            run += 1
        elif status in ("present", "excused"):
            break
    return run


def totals(statuses: list[str | None]) -> dict[str, int]:
    """Counts of present, excused and absent."""
    return {kind: sum(1 for s in statuses if s == kind) for kind in ATTENDANCE}


# --- reading ----------------------------------------------------------------------------------


def _from_row(row: dict) -> Participant:
    return Participant(
        id=row["id"],
        circle_id=row["circle_id"],
        code=row["code"],
        status=row["status"],
        stop_reason=row["stop_reason"],
        consent=from_iso(row["consent_date"]),
        joined=from_iso(row["joined_date"]),
        alias=row["alias"] or "",
    )


def held_sessions(store: Store, circle_id: int, today: date) -> list[Session]:
    """A circle's meetings that count for attendance: held (not cancelled), oldest first."""
    return [s for s in list_sessions(store, circle_id, today) if s.status == "held"]


def list_participants(store: Store, circle_id: int, today: date) -> list[Participant]:
    """A circle's participants with their attendance over the meetings held so far."""
    get_circle(store, circle_id)
    people = [_from_row(r) for r in sql.participant_rows(store.db, circle_id)]
    marks: dict[int, dict[int, str]] = {}
    for row in sql.attendance_rows(store.db, circle_id):
        marks.setdefault(row["participant_id"], {})[row["session_id"]] = row["status"]
    held = [s.id for s in held_sessions(store, circle_id, today)]
    for person in people:
        person.marks = marks.get(person.id, {})
        statuses = [person.marks.get(sid) for sid in held]
        counted = totals(statuses)
        person.present, person.excused, person.absent = (counted[k] for k in ATTENDANCE)
        person.absent_in_a_row = absences_in_a_row(statuses)
    return people


def absence_streaks(store: Store, today: date) -> list[tuple[int, str, int]]:
    """(circle id, code, run) for every active participant who missed the latest held meetings
    of their circle without notice, ABSENT_IN_A_ROW times or more (one read for all circles)."""
    held: dict[int, list[int]] = {}
    for row in sql.held_session_rows(store.db, today.isoformat()):
        held.setdefault(row["circle_id"], []).append(row["session_id"])
    marks: dict[int, dict[int, str]] = {}
    who: dict[int, tuple[int, str]] = {}
    for row in sql.all_attendance_rows(store.db):
        marks.setdefault(row["participant_id"], {})[row["session_id"]] = row["status"]
        who[row["participant_id"]] = (row["circle_id"], row["code"])
    found = []
    for participant_id, (circle_id, code) in sorted(who.items()):
        own = marks[participant_id]
        run = absences_in_a_row([own.get(sid) for sid in held.get(circle_id, [])])
        if run >= ABSENT_IN_A_ROW:
            found.append((circle_id, code, run))
    return found


def find_participant(store: Store, code: str, circle_id: int | None = None) -> Participant:
    """A participant by code, as typed on the command line; ``circle_id`` must match if given."""
    rows = sql.participants_by_code(store.db, str(code).strip())
    if not rows:
        raise UserError(_("There is no participant with code '{code}'.").format(code=code))
    if circle_id is not None:
        mine = [row for row in rows if row["circle_id"] == circle_id]
        if not mine:
            raise UserError(
                _("Participant {code} belongs to another circle.").format(code=rows[0]["code"])
            )
        rows = mine
    if len(rows) > 1:
        raise UserError(
            _("Code {code} is used in more than one circle: say which circle.").format(
                code=rows[0]["code"]
            )
        )
    return _from_row(rows[0])


def get_participant(store: Store, participant_id: int) -> Participant:
    """One participant by id."""
    for row in sql.participant_rows(store.db):
        if row["id"] == participant_id:
            return _from_row(row)
    raise UserError(_("This participant no longer exists."))


# --- changing ---------------------------------------------------------------------------------


def _alias(text: str | None) -> str | None:
    alias = clean_text(text or "", _("The alias"), NAME_MAX)
    return alias or None


def add_participant(
    store: Store,
    circle_id: int,
    today: date,
    *,
    alias: str | None = None,
    consent: date | None = None,
    joined: date | None = None,
) -> Participant:
    """Add a participant with a fresh code; returns them."""
    get_circle(store, circle_id)
    for day in (consent, joined):
        if day is not None:
            check_range(day)
    nickname = _alias(alias)
    with store.transaction() as db:
        code = new_participant_code(sql.participant_codes(db), circle_id)
        participant_id = sql.insert_participant(
            db,
            {
                "circle_id": circle_id,
                "code": code,
                "alias": nickname,
                "consent_date": iso(consent),
                "joined_date": iso(joined or today),
            },
        )
    return get_participant(store, participant_id)


def update_participant(
    store: Store,
    participant_id: int,
    *,
    alias: str | None = None,
    status: str | None = None,
    stop_reason: str | None = None,
    consent: date | None = None,
) -> Participant:
    """Change a participant's alias, status (with a reason category when stopped) or consent."""
    person = get_participant(store, participant_id)
    values: dict[str, object] = {}
    if alias is not None:
        values["alias"] = _alias(alias)
    if status is not None:
        if status not in STATUSES:
            raise UserError(_("'{status}' is not a participant status.").format(status=status))
        reason = stop_reason or ("unknown" if status == "stopped" else "")
        if status == "stopped" and reason not in STOP_REASONS:
            raise UserError(_("Choose a reason from the list."))
        values["status"] = status
        values["stop_reason"] = reason if status == "stopped" else ""
    if consent is not None:
        values["consent_date"] = iso(check_range(consent))
    if values:
        with store.transaction() as db:
            sql.update_participant(db, person.id, values)
    return get_participant(store, person.id)


def record_attendance(
    store: Store, session_id: int, marks: dict[int, str | None], today: date
) -> None:
    """Record who was present, excused or absent at a held meeting (None clears a mark).

    Refused: a meeting in the future or cancelled, a participant of another circle, an unknown
    status. Nothing is saved then.
    """
    session = get_session(store, session_id, today)
    if session.status == "cancelled":
        raise UserError(_("This meeting has been cancelled; it has no attendance."))
    if session.date > today:
        raise UserError(_("Attendance can only be kept for a meeting that has taken place."))
    own = {r["id"] for r in sql.participant_rows(store.db, session.circle_id)}
    for participant_id, status in marks.items():
        if participant_id not in own:
            raise UserError(_("That participant does not belong to this circle."))
        if status is not None and status not in ATTENDANCE:
            raise UserError(
                _("'{status}' is not an attendance status. Use present, excused or absent.").format(
                    status=status
                )
            )
    with store.transaction() as db:
        sql.set_attendance(db, session_id, marks)
