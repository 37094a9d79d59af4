"""What the staffing rules need for the meetings of a period, read from the database at once.

The rules (``staffing.rules``) are pure functions; this module gathers their data with a few
queries limited to the months concerned, so a check or a proposal costs one read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from budgetkring.dates import time_from_iso
from budgetkring.staffing import rules
from budgetkring.staffing.absences import load_absences
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.pairs import leads_by_circle
from budgetkring.staffing.rules import Facilitator, Slot, Substitution, Workload, current_leads
from budgetkring.store import Store
from budgetkring.store import sessions as session_sql
from budgetkring.store import substitutions as sql

RECENT_DAYS = 91  # "the last 3 months" for the fairness counter
FAR_FUTURE = "9999-12-31"


def subs_by_session(rows: list[dict]) -> dict[int, list[Substitution]]:
    """Substitution rows as the rules read them, by meeting."""
    subs: dict[int, list[Substitution]] = {}
    for r in rows:
        subs.setdefault(r["session_id"], []).append(
            Substitution(r["session_id"], r["in_id"], r["out_id"], bool(r["confirmed"]))
        )
    return subs


def _month_bounds(first: date, last: date) -> tuple[date, date]:
    start = first.replace(day=1)
    nxt = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, nxt - timedelta(days=1)


@dataclass
class Snapshot:
    """Everything the rules need for the meetings of a period."""

    people: dict[int, Facilitator]
    absences: rules.Absences
    slots: list[Slot]
    subs: dict[int, list[Substitution]]
    load: Workload

    def present(self, slot: Slot) -> list[int]:
        """Who is expected at a meeting."""
        return rules.expected(slot, self.people, self.absences, self.subs.get(slot.session_id, []))


def snapshot(store: Store, first: date, last: date | None) -> Snapshot:
    """Load people, absences, meetings, stand-ins and workload for the months of first..last."""
    last_text = last.isoformat() if last else FAR_FUTURE
    window = _month_bounds(first, last) if last else (first.replace(day=1), None)
    w_first = window[0].isoformat()
    w_last = window[1].isoformat() if window[1] else FAR_FUTURE
    people = facilitators_by_id(store)
    leads = leads_by_circle(store)
    slots = []
    for r in session_sql.slot_rows(store.db, w_first, w_last):
        day = date.fromisoformat(r["date"])
        slots.append(
            Slot(
                r["id"],
                r["circle_id"],
                r["circle_name"],
                r["municipality"],
                day,
                time_from_iso(r["start_time"]),
                time_from_iso(r["end_time"]),
                [x["facilitator_id"] for x in current_leads(leads.get(r["circle_id"], []), day)],
            )
        )
    far = max((s.day for s in slots), default=first)
    absences = load_absences(store, window[0], max(far, last or first))
    subs = subs_by_session(sql.substitution_rows(store.db, w_first, w_last))
    recent: dict[int, int] = {}
    recent_last = (last or first).isoformat()
    for r in sql.substitution_rows(
        store.db, (first - timedelta(days=RECENT_DAYS)).isoformat(), recent_last
    ):
        if r["confirmed"]:
            recent[r["in_id"]] = recent.get(r["in_id"], 0) + 1
    knows: dict[int, set[int]] = {}
    for circle_id, periods in leads.items():
        knows.setdefault(circle_id, set()).update(p["facilitator_id"] for p in periods)
    for r in sql.stood_in_at(store.db):
        knows.setdefault(r["circle_id"], set()).add(r["facilitator_id"])
    snap = Snapshot(people, absences, slots, subs, Workload({}, {}, recent, knows))
    for slot in slots:
        who = snap.present(slot)
        snap.load.busy.setdefault(slot.day, []).append(
            (slot.start, slot.end, frozenset(who), slot.session_id)
        )
        for pid in who:
            key = (pid, slot.day.year, slot.day.month)
            snap.load.per_month[key] = snap.load.per_month.get(key, 0) + 1
    snap.slots = [s for s in slots if s.day >= first and s.day.isoformat() <= last_text]
    return snap


def expected_names(store: Store, sessions: list) -> dict[int, tuple[list[str], list[str]]]:
    """Per meeting id: who is expected to lead it (pair − away + stand-ins), and the pair.

    ``sessions`` are objects with id, circle_id, circle_name, date, start and end.
    """
    if not sessions:
        return {}
    people = facilitators_by_id(store)
    leads = leads_by_circle(store)
    first, last = min(s.date for s in sessions), max(s.date for s in sessions)
    absences = load_absences(store, first, last)
    subs = subs_by_session(sql.substitution_rows(store.db, first.isoformat(), last.isoformat()))
    result = {}
    for s in sessions:
        pair = [r["facilitator_id"] for r in current_leads(leads.get(s.circle_id, []), s.date)]
        slot = Slot(s.id, s.circle_id, s.circle_name, "", s.date, s.start, s.end, pair)
        ids = rules.expected(slot, people, absences, subs.get(s.id, []))
        result[s.id] = ([people[i].name for i in ids], [people[i].name for i in pair])
    return result
