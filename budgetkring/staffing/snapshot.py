"""What the staffing rules need for the meetings of a period, read from the database at once.

The rules (``staffing.rules``) are pure functions; this module gathers their data with a few
queries limited to the months concerned, so a check or a proposal costs one read.
"""

from __future__ import annotations

from collections.abc import Callable
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


class Snapshot:
    """Everything the rules need for the meetings of a period.

    ``slots`` are the meetings asked for; the workload (who is busy when, how many meetings a
    month, recent stand-ins, who knows which circle) covers every circle in those months and is
    worked out only when a ranking needs it.
    """

    def __init__(
        self,
        store: Store,
        people: dict[int, Facilitator],
        absences: rules.Absences,
        slots: list[Slot],
        window_slots: Callable[[], list[Slot]],
        subs: dict[int, list[Substitution]],
        leads: dict[int, list[dict]],
        first: date,
        last: date | None,
    ):
        self.people = people
        self.absences = absences
        self.slots = slots
        self.subs = subs
        self._store = store
        self._window_slots = window_slots
        self._leads = leads
        self._first, self._last = first, last
        self._present: dict[int, list[int]] = {}
        self._load: Workload | None = None

    def present(self, slot: Slot) -> list[int]:
        """Who is expected at a meeting (worked out once per meeting until stand-ins change)."""
        found = self._present.get(slot.session_id)
        if found is None:
            subs = self.subs.get(slot.session_id, [])
            found = rules.expected(slot, self.people, self.absences, subs)
            self._present[slot.session_id] = found
        return found

    def add_substitution(self, slot: Slot, substitution: Substitution) -> None:
        """Count a stand-in chosen but not saved yet (as in a proposal being checked)."""
        self.subs.setdefault(slot.session_id, []).append(substitution)
        self._present.pop(slot.session_id, None)
        rules.book(self.load, slot, substitution.in_id)

    @property
    def load(self) -> Workload:
        """The workload of everyone in the months concerned."""
        if self._load is None:
            self._load = self._workload()
        return self._load

    def _workload(self) -> Workload:
        db = self._store.db
        recent: dict[int, int] = {}
        since = (self._first - timedelta(days=RECENT_DAYS)).isoformat()
        for r in sql.substitution_rows(db, since, (self._last or self._first).isoformat()):
            if r["confirmed"]:
                recent[r["in_id"]] = recent.get(r["in_id"], 0) + 1
        knows: dict[int, set[int]] = {}
        for circle_id, periods in self._leads.items():
            knows.setdefault(circle_id, set()).update(p["facilitator_id"] for p in periods)
        for r in sql.stood_in_at(db):
            knows.setdefault(r["circle_id"], set()).add(r["facilitator_id"])
        load = Workload({}, {}, recent, knows)
        for slot in self._window_slots():
            who = self.present(slot)
            load.busy.setdefault(slot.day, []).append(
                (slot.start, slot.end, frozenset(who), slot.session_id)
            )
            for pid in who:
                key = (pid, slot.day.year, slot.day.month)
                load.per_month[key] = load.per_month.get(key, 0) + 1
        return load


def slot_from_row(row: dict, leads: dict[int, list[dict]]) -> Slot:
    """A meeting as the staffing rules see it, with the pair that leads on its day."""
    day = date.fromisoformat(row["date"])
    pair = current_leads(leads.get(row["circle_id"], []), day)
    return Slot(
        row["id"],
        row["circle_id"],
        row["circle_name"],
        row["municipality"],
        day,
        time_from_iso(row["start_time"]),
        time_from_iso(row["end_time"]),
        [x["facilitator_id"] for x in pair],
    )


def snapshot(
    store: Store, first: date, last: date | None, circle_id: int | None = None
) -> Snapshot:
    """Load people, absences, meetings and stand-ins for the months of first..last.

    With ``circle_id`` only that circle's meetings are in ``slots`` (the workload still counts
    every circle).
    """
    last_text = last.isoformat() if last else FAR_FUTURE
    window = _month_bounds(first, last) if last else (first.replace(day=1), None)
    w_first = window[0].isoformat()
    w_last = window[1].isoformat() if window[1] else FAR_FUTURE
    people = facilitators_by_id(store)
    leads = leads_by_circle(store)

    def slots_of(only_circle: int | None) -> list[Slot]:
        rows = session_sql.slot_rows(store.db, w_first, w_last, only_circle)
        return [slot_from_row(r, leads) for r in rows]

    window_slots = slots_of(circle_id)
    far = max((s.day for s in window_slots), default=first)
    absences = load_absences(store, window[0], max(far, last or first))
    subs = subs_by_session(sql.substitution_rows(store.db, w_first, w_last))
    slots = [s for s in window_slots if s.day >= first and s.day.isoformat() <= last_text]
    every_slot = (lambda: slots_of(None)) if circle_id is not None else (lambda: window_slots)
    return Snapshot(store, people, absences, slots, every_slot, subs, leads, first, last)


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
