"""The lead pair of each circle, with its history: who led a circle when."""

from __future__ import annotations

from datetime import date

from budgetkring.dates import check_range, iso
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.store import Store
from budgetkring.store import circles as circle_sql
from budgetkring.store import pairs as sql


def leads_by_circle(store: Store) -> dict[int, list[dict]]:
    """Every circle's lead periods (see ``store.pairs.lead_rows``), by circle id."""
    leads: dict[int, list[dict]] = {}
    for row in sql.lead_rows(store.db):
        leads.setdefault(row["circle_id"], []).append(row)
    return leads


def set_pair(
    store: Store, circle_id: int, pair: tuple[int, int], from_date: date, today: date
) -> None:
    """Make two facilitators (by id) the circle's lead pair from ``from_date``, keeping history.

    A pair period that has not begun yet is replaced; one that already began is ended the day
    before. A start date that would erase a pair that began before today is refused.
    """
    check_range(from_date)
    if circle_sql.circle_row(store.db, circle_id) is None:
        raise UserError(_("There is no circle with number {id}.").format(id=circle_id))
    erased = [
        r
        for r in sql.lead_rows(store.db, circle_id)
        if r["from_date"] >= iso(from_date) and r["from_date"] < iso(today)
    ]
    if erased:
        raise UserError(
            _(
                "A new pair can start on {date} at the earliest: the current pair began then."
            ).format(date=max(r["from_date"] for r in erased))
        )
    people = facilitators_by_id(store)
    if any(pid not in people for pid in pair):
        raise UserError(_("This facilitator no longer exists."))
    first, second = (people[pid] for pid in pair)
    if first.id == second.id:
        raise UserError(_("A pair needs two different facilitators."))
    for person in (first, second):
        if person.status == "stopped":
            raise UserError(
                _("{name} has stopped and cannot lead a circle.").format(name=person.name)
            )
    with store.transaction() as db:
        sql.end_leads(db, circle_id, from_date.isoformat())
        for person in (first, second):
            sql.insert_lead(db, circle_id, person.id, from_date.isoformat())


def pair_history(store: Store, circle_id: int) -> list[dict]:
    """Who led a circle when: {name, status, from, to} per period, oldest first."""
    return [
        {"name": r["name"], "status": r["status"], "from": r["from_date"], "to": r["to_date"]}
        for r in sql.lead_rows(store.db, circle_id)
    ]
