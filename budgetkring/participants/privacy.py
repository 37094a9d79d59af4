"""Forgetting: one participant (also when consent is withdrawn), every alias, and — after a
circle has finished — everything per participant, keeping only anonymous totals.

SQLite's secure_delete is on for every connection, and the journal is folded back and emptied
after forgetting, so what was removed is gone from the database file and its -wal and -shm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.dates import iso
from budgetkring.organisation.circles import list_circles
from budgetkring.participants.assessments import averages, current_instrument
from budgetkring.participants.participants import get_participant, list_participants
from budgetkring.planning.sessions import list_sessions
from budgetkring.store import Store
from budgetkring.store import participants as sql

RETENTION_MONTHS = 12


@dataclass
class Forgotten:
    """What forgetting did: the code removed, and whether every trace is already wiped from the
    files (not yet when another program was reading the database at that moment)."""

    code: str
    wiped: bool


def forget(store: Store, participant_id: int) -> Forgotten:
    """Remove a participant and everything about them."""
    person = get_participant(store, participant_id)
    with store.transaction() as db:
        sql.delete_participant(db, person.id)
    return Forgotten(person.code, sql.checkpoint(store.db))


def wipe_aliases(store: Store, circle_id: int | None = None) -> int:
    """Remove every alias (of one circle, or all); returns how many were removed."""
    with store.transaction() as db:
        count = sql.clear_aliases(db, circle_id)
    sql.checkpoint(store.db)
    return count


@dataclass
class RetentionCase:
    """A finished circle whose participant data may now be removed, with what would be kept."""

    circle_id: int
    circle_name: str
    finished_on: date
    participants: int
    attendance_rate: float | None  # share of marks that were "present"
    changes: dict[str, dict]  # domain -> {"start": avg, "now": avg, "count": n}


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month - (last.day < first.day)


def retention_cases(
    store: Store, today: date, months: int = RETENTION_MONTHS
) -> list[RetentionCase]:
    """Circles that finished (last meeting) more than ``months`` ago and still hold participant
    data, with the anonymous totals that would be kept."""
    cases = []
    for circle in list_circles(store, today, include_archived=True):
        if circle.status not in ("finished", "stopped"):
            continue
        people = list_participants(store, circle.id, today)
        if not people:
            continue
        sessions = [s for s in list_sessions(store, circle.id, today) if s.status == "held"]
        if not sessions:
            continue
        finished_on = sessions[-1].date
        if _months_between(finished_on, today) < months:
            continue
        marks = [m for p in people for m in p.marks.values()]
        rate = round(marks.count("present") / len(marks), 2) if marks else None
        domains = current_instrument(store).domains()
        per_person: dict[int, dict[str, dict[str, int]]] = {}
        for row in sql.assessment_rows(store.db, circle_id=circle.id):
            per_person.setdefault(row["participant_id"], {}).setdefault(row["moment"], {})[
                row["domain"]
            ] = row["score"]
        start = averages([m["start"] for m in per_person.values() if "start" in m], domains)
        latest = averages(
            [m.get("end") or m.get("mid") or m["start"] for m in per_person.values() if m],
            domains,
        )
        changes = {
            d: {"start": start[d].value, "now": latest[d].value, "count": start[d].count}
            for d in domains
        }
        cases.append(RetentionCase(circle.id, circle.name, finished_on, len(people), rate, changes))
    return cases


def apply_retention(
    store: Store, today: date, months: int = RETENTION_MONTHS, circle_id: int | None = None
) -> list[str]:
    """Keep the anonymous totals of each case (or of one circle's) and remove its participants;
    returns the circles."""
    cases = [
        case
        for case in retention_cases(store, today, months)
        if circle_id is None or case.circle_id == circle_id
    ]
    with store.transaction() as db:
        for case in cases:
            sql.save_summary(
                db,
                case.circle_id,
                {
                    "participants": case.participants,
                    "attendance_rate": case.attendance_rate,
                    "changes": case.changes,
                    "made_on": iso(today),
                },
            )
            for person in list_participants(store, case.circle_id, today):
                sql.delete_participant(db, person.id)
    sql.checkpoint(store.db)
    return [case.circle_name for case in cases]
