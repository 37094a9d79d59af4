"""Which days a circle cannot meet: holidays, a lead who leads elsewhere then, a lead away."""

from __future__ import annotations

from datetime import date, time

from budgetkring.i18n import _
from budgetkring.planning import schedule
from budgetkring.staffing.rules import current_leads
from budgetkring.store import Store
from budgetkring.store import absences as absence_sql
from budgetkring.store import pairs as pair_sql
from budgetkring.store import sessions as sql


def days_off_for_circle(
    store: Store,
    circle_id: int,
    region: str,
    start: time | None = None,
    end: time | None = None,
) -> schedule.DaysOff:
    """The region's holidays; days a lead of the circle leads another circle at that time
    (ruled out); and days a lead is known to be away (moved a little, see generate_dates)."""
    leads = pair_sql.lead_rows(store.db, circle_id)
    ids = sorted({r["facilitator_id"] for r in leads})
    absences = absence_sql.absence_rows(store.db, ids) if ids else []

    def leads_on(day: date) -> dict[int, str]:
        return {r["facilitator_id"]: r["name"] for r in current_leads(leads, day)}

    def away(day: date) -> str | None:
        iso, today_leads = day.isoformat(), None
        for row in absences:
            if row["from_date"] <= iso <= row["to_date"]:
                today_leads = leads_on(day) if today_leads is None else today_leads
                if row["facilitator_id"] in today_leads:
                    return _("{name} is away").format(name=row["name"])
        return None

    busy_rows = sql.lead_sessions_elsewhere(store.db, circle_id, ids) if ids and start else []

    def busy(day: date) -> str | None:
        iso = day.isoformat()
        for row in busy_rows:
            if (
                row["date"] == iso
                and row["start_time"] < f"{end:%H:%M}"
                and (f"{start:%H:%M}" < row["end_time"])
                and row["facilitator_id"] in leads_on(day)
            ):
                return _("{name} leads {circle} at that time").format(
                    name=row["name"], circle=row["circle_name"]
                )
        return None

    return schedule.DaysOff(region, busy if busy_rows else None, away if absences else None)


def days_off_for_planned_circle(
    store: Store, circle_id: int, start: time | None = None, end: time | None = None
) -> schedule.DaysOff:
    """The days off of a circle in the school holiday region it was planned with."""
    plan = sql.plan_row(store.db, circle_id)
    return days_off_for_circle(store, circle_id, plan["region"] if plan else "midden", start, end)
