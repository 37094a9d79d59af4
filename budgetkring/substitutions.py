"""Gaps, stand-in suggestions and substitutions: the staffing rules applied to the database.

The rules themselves live in ``budgetkring.staffing`` (pure functions); this module gathers the
data they need, once per call, with a few queries limited to the months concerned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from budgetkring import staffing
from budgetkring.circles import current_leads
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.staffing import Absence, Person, Slot, Substitution, Workload
from budgetkring.store import Store
from budgetkring.store import circles as circle_sql
from budgetkring.store import sessions as session_sql
from budgetkring.store import staffing as sql

RECENT_DAYS = 91  # "the last 3 months" for the fairness counter
FAR_FUTURE = "9999-12-31"


def _hm(text: str) -> time:
    return time(int(text[:2]), int(text[3:5]))


def person_from_row(row: dict) -> Person:
    """A facilitator row as the rules see it."""
    raw = json.loads(row["availability"]) if row["availability"] else None
    availability = {k: frozenset(v) for k, v in raw.items()} if raw is not None else None
    return Person(
        row["id"],
        row["name"],
        row["status"],
        row["town"],
        availability,
        row["max_per_month"],
        row["mentor_id"],
    )


def load_people(store: Store) -> dict[int, Person]:
    """Every facilitator by id."""
    return {row["id"]: person_from_row(row) for row in sql.people_rows(store.db)}


def load_absences(store: Store, first: date, last: date) -> staffing.Absences:
    """Absences overlapping first..last, by person."""
    return staffing.index_absences(
        [
            Absence(
                r["facilitator_id"],
                date.fromisoformat(r["from_date"]),
                date.fromisoformat(r["to_date"]),
                r["reason"],
            )
            for r in sql.absences_between(store.db, first.isoformat(), last.isoformat())
        ]
    )


def _leads_by_circle(store: Store) -> dict[int, list[dict]]:
    leads: dict[int, list[dict]] = {}
    for row in circle_sql.lead_rows(store.db):
        leads.setdefault(row["circle_id"], []).append(row)
    return leads


def _subs_by_session(rows: list[dict]) -> dict[int, list[Substitution]]:
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

    people: dict[int, Person]
    absences: staffing.Absences
    slots: list[Slot]
    subs: dict[int, list[Substitution]]
    load: Workload

    def present(self, slot: Slot) -> list[int]:
        """Who is expected at a meeting."""
        return staffing.expected(
            slot, self.people, self.absences, self.subs.get(slot.session_id, [])
        )


def snapshot(store: Store, first: date, last: date | None) -> Snapshot:
    """Load people, absences, meetings, stand-ins and workload for the months of first..last."""
    last_text = last.isoformat() if last else FAR_FUTURE
    window = _month_bounds(first, last) if last else (first.replace(day=1), None)
    w_first = window[0].isoformat()
    w_last = window[1].isoformat() if window[1] else FAR_FUTURE
    people = load_people(store)
    leads = _leads_by_circle(store)
    rows = sql.slot_rows(store.db, w_first, w_last)
    slots = []
    for r in rows:
        day = date.fromisoformat(r["date"])
        slots.append(
            Slot(
                r["id"],
                r["circle_id"],
                r["circle_name"],
                r["municipality"],
                day,
                _hm(r["start_time"]),
                _hm(r["end_time"]),
                [x["facilitator_id"] for x in current_leads(leads.get(r["circle_id"], []), day)],
            )
        )
    far = max((s.day for s in slots), default=first)
    absences = load_absences(store, window[0], max(far, last or first))
    subs = _subs_by_session(sql.substitution_rows(store.db, w_first, w_last))
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


# --- gaps ---------------------------------------------------------------------------------


@dataclass
class Gap:
    """A meeting that breaks a staffing rule."""

    session_id: int
    circle_id: int
    circle_name: str
    date: date
    start: time
    end: time
    missing: int
    reason: str
    present: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # stand-ins asked, not confirmed yet
    away: list[int] = field(default_factory=list)


def _gap(snap: Snapshot, slot: Slot) -> Gap | None:
    present = snap.present(slot)
    found = staffing.problem(slot, present, snap.people, snap.absences)
    if found is None:
        return None
    missing, reason = found
    asked = [
        snap.people[s.in_id].name for s in snap.subs.get(slot.session_id, []) if not s.confirmed
    ]
    if asked:
        reason += " " + _("Asked, not confirmed yet: {names}.").format(names=", ".join(asked))
    replaced = {s.out_id for s in snap.subs.get(slot.session_id, []) if s.confirmed}
    away = [pid for pid in slot.leads if pid not in present and pid not in replaced]
    return Gap(
        slot.session_id,
        slot.circle_id,
        slot.circle_name,
        slot.day,
        slot.start,
        slot.end,
        missing,
        reason,
        [snap.people[p].name for p in present],
        asked,
        away,
    )


def find_gaps(
    store: Store, today: date, first: date | None = None, last: date | None = None
) -> list[Gap]:
    """Every meeting from ``first`` (default today) to ``last`` that breaks a staffing rule."""
    first = first or today
    if last is not None and last < first:
        raise UserError(_("The end of the period is before its start."))
    snap = snapshot(store, first, last)
    return [g for slot in snap.slots if (g := _gap(snap, slot))]


# --- suggestions and substitutions -----------------------------------------------------------


def _session_slot(store: Store, session_id: int, today: date) -> tuple[Snapshot, Slot]:
    row = session_sql.session_row(store.db, session_id)
    if row is None:
        raise UserError(_("There is no meeting with number {id}.").format(id=session_id))
    if row["status"] == "cancelled":
        raise UserError(_("This meeting has been cancelled."))
    day = date.fromisoformat(row["date"])
    if day < today:
        raise UserError(_("This meeting has already been held."))
    snap = snapshot(store, day, day)
    slot = next(s for s in snap.slots if s.session_id == session_id)
    return snap, slot


@dataclass
class Suggestions:
    """Ranked stand-ins for a meeting, who is excluded and why, and the gap (if any)."""

    gap: Gap | None
    ranked: list[staffing.Candidate]
    excluded: list[tuple[Person, str]]


def suggest(
    store: Store, session_id: int, today: date, weights: dict[str, int] | None = None
) -> Suggestions:
    """Candidates to stand in at a meeting, best first, each with reasons in plain words."""
    snap, slot = _session_slot(store, session_id, today)
    present = snap.present(slot)
    ranked, excluded = staffing.rank(slot, present, snap.people, snap.absences, snap.load, weights)
    return Suggestions(_gap(snap, slot), ranked, excluded)


def find_person(people: dict[int, Person], name: str) -> Person:
    """A facilitator by exact name (case-insensitive); a UserError when unknown."""
    wanted = name.strip().casefold()
    for person in people.values():
        if person.name.casefold() == wanted:
            return person
    raise UserError(_("There is no facilitator called '{name}'.").format(name=name.strip()))


def substitute(
    store: Store,
    session_id: int,
    in_name: str,
    out_name: str | None,
    today: date,
    confirmed: bool = True,
    reason: str = "",
) -> int:
    """Record that ``in_name`` stands in (for ``out_name``) at a meeting; returns its id.

    Without ``out_name``: the one lead who is away, if exactly one is. A stand-in who is away,
    not available, busy at that time, paused or stopped, or a trainee where a certified
    facilitator is needed, is refused with the reason; nothing is saved then.
    """
    snap, slot = _session_slot(store, session_id, today)
    person = find_person(snap.people, in_name)
    present = snap.present(slot)
    gap = _gap(snap, slot)
    if person.id in present:
        raise UserError(_("{name} is already expected at this meeting.").format(name=person.name))
    if out_name:
        out = find_person(snap.people, out_name)
        if out.id not in slot.leads and out.id not in present:
            raise UserError(_("{name} does not lead this meeting.").format(name=out.name))
        out_id = out.id
    else:
        away = gap.away if gap else []
        if len(away) > 1:
            raise UserError(
                _("Two facilitators are away; say who {name} stands in for (--out).").format(
                    name=person.name
                )
            )
        if not away and gap is None:
            raise UserError(
                _("Nobody is away at this meeting; say who {name} stands in for (--out).").format(
                    name=person.name
                )
            )
        out_id = away[0] if away else None
    remaining = [p for p in present if p != out_id]
    _ranked, excluded = staffing.rank(slot, remaining, snap.people, snap.absences, snap.load)
    for who, why in excluded:
        if who.id == person.id:
            raise UserError(
                _("{name} cannot stand in: {reason}.").format(name=person.name, reason=why)
            )
    if not reason and out_id is not None:
        reason = next(
            (a.reason for a in snap.absences.get(out_id, []) if a.first <= slot.day <= a.last), ""
        )
    with store.transaction() as db:
        return sql.insert_substitution(
            db,
            {
                "session_id": session_id,
                "in_id": person.id,
                "out_id": out_id,
                "reason": reason,
                "confirmed": int(confirmed),
            },
        )


def fill_gaps(
    store: Store,
    today: date,
    first: date | None = None,
    last: date | None = None,
    weights: dict[str, int] | None = None,
    save: bool = False,
) -> list[staffing.Proposal]:
    """Propose the best stand-in for every open place in a period; ``save`` records them."""
    first = first or today
    if last is not None and last < first:
        raise UserError(_("The end of the period is before its start."))
    snap = snapshot(store, first, last)
    gaps = []
    for slot in snap.slots:
        gap = _gap(snap, slot)
        if gap:
            gaps.append((slot, snap.present(slot), gap.missing, gap.reason, gap.away))
    proposals = staffing.propose(gaps, snap.people, snap.absences, snap.load, weights)
    if save:
        accept_proposals(
            store,
            [
                (p.slot.session_id, p.candidate.person.id, p.out_id)
                for p in proposals
                if p.candidate
            ],
        )
    return proposals


def accept_proposals(store: Store, choices: list[tuple[int, int, int | None]]) -> int:
    """Record accepted proposals (session, stand-in, for whom) as confirmed substitutions."""
    with store.transaction() as db:
        for session_id, in_id, out_id in choices:
            sql.insert_substitution(
                db,
                {
                    "session_id": session_id,
                    "in_id": in_id,
                    "out_id": out_id,
                    "reason": "",
                    "confirmed": 1,
                },
            )
    return len(choices)


def expected_names(store: Store, sessions: list) -> dict[int, tuple[list[str], list[str]]]:
    """Per meeting id: who is expected to lead it (pair − away + stand-ins), and the pair."""
    if not sessions:
        return {}
    people = load_people(store)
    leads = _leads_by_circle(store)
    first, last = min(s.date for s in sessions), max(s.date for s in sessions)
    absences = load_absences(store, first, last)
    subs = _subs_by_session(sql.substitution_rows(store.db, first.isoformat(), last.isoformat()))
    result = {}
    for s in sessions:
        pair = [r["facilitator_id"] for r in current_leads(leads.get(s.circle_id, []), s.date)]
        slot = Slot(s.id, s.circle_id, s.circle_name, "", s.date, s.start, s.end, pair)
        ids = staffing.expected(slot, people, absences, subs.get(s.id, []))
        result[s.id] = ([people[i].name for i in ids], [people[i].name for i in pair])
    return result


# --- history and continuity ----------------------------------------------------------------


@dataclass
class SubstitutionLine:
    """One stand-in, for the history lists."""

    id: int
    session_id: int
    date: date
    circle_id: int
    circle_name: str
    in_name: str
    out_name: str
    reason: str
    confirmed: bool


def substitution_history(
    store: Store, facilitator: str | None = None, circle_id: int | None = None
) -> list[SubstitutionLine]:
    """Stand-ins, oldest first: all, those of one facilitator (in or out), or of one circle."""
    lines = [
        SubstitutionLine(
            r["id"],
            r["session_id"],
            date.fromisoformat(r["date"]),
            r["circle_id"],
            r["circle_name"],
            r["in_name"],
            r["out_name"] or "",
            r["reason"],
            bool(r["confirmed"]),
        )
        for r in sql.substitution_rows(store.db)
        if r["session_status"] != "cancelled"
    ]
    if facilitator:
        name = facilitator.strip().casefold()
        lines = [x for x in lines if name in (x.in_name.casefold(), x.out_name.casefold())]
    if circle_id is not None:
        lines = [x for x in lines if x.circle_id == circle_id]
    return lines


def remove_substitution(store: Store, substitution_id: int) -> None:
    """Take back a stand-in (the gap, if any, shows again)."""
    with store.transaction() as db:
        sql.delete_substitution(db, substitution_id)


def confirm(store: Store, substitution_id: int) -> None:
    """Mark an asked stand-in as agreed."""
    with store.transaction() as db:
        sql.confirm_substitution(db, substitution_id)


@dataclass
class Continuity:
    """How steadily a circle was led: by its own pair, with stand-ins, or not at all."""

    held: int
    by_own_pair: int
    stand_ins: int
    cancelled_no_facilitators: int


def continuity(store: Store, circle_id: int, today: date) -> Continuity:
    """Continuity of a circle up to today."""
    from budgetkring.sessions import list_sessions

    sessions = [s for s in list_sessions(store, circle_id, today) if s.status == "held"]
    leads = _leads_by_circle(store).get(circle_id, [])
    own = 0
    for s in sessions:
        pair = {r["name"] for r in current_leads(leads, s.date)}
        if pair and set(s.facilitators) == pair:
            own += 1
    stand_ins = len(
        [
            x
            for x in substitution_history(store, circle_id=circle_id)
            if x.confirmed and x.date < today
        ]
    )
    lack = sum(
        1
        for r in sql.cancellation_causes(store.db, circle_id)
        if json.loads(r["detail"] or "{}").get("cause") == "no_facilitators"
    )
    return Continuity(len(sessions), own, stand_ins, lack)
