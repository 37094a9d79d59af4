"""Gaps, stand-in suggestions and substitutions: the staffing rules applied to the database.

The rules live in ``staffing.rules`` (pure functions); ``staffing.snapshot`` reads what they
need. A single stand-in (``substitute``) and a whole proposal (``accept_proposals``) are checked
by the same function and saved in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.planning.sessions import list_sessions
from budgetkring.staffing import rules
from budgetkring.staffing.pairs import leads_by_circle
from budgetkring.staffing.rules import Facilitator, Slot, Substitution, current_leads
from budgetkring.staffing.snapshot import Snapshot, snapshot
from budgetkring.store import Store
from budgetkring.store import sessions as session_sql
from budgetkring.store import substitutions as sql

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
    pair_size: int = 2  # how many lead the circle that day (0 or 1: the pair is not complete)

    @property
    def open_places(self) -> int:
        """Places nobody has been asked for yet."""
        return max(0, self.missing - len(self.asked))

    @property
    def incomplete_pair(self) -> bool:
        """The circle itself has fewer than two facilitators: the cure is a pair, not stand-ins."""
        return self.pair_size < 2


def _asked(snap: Snapshot, slot: Slot) -> list[Substitution]:
    """Stand-ins asked at a meeting who have not said yes yet (they do not count as there)."""
    return [
        s for s in snap.subs.get(slot.session_id, []) if not s.confirmed and s.in_id in snap.people
    ]


def _gap(snap: Snapshot, slot: Slot) -> Gap | None:
    present = snap.present(slot)
    found = rules.problem(slot, present, snap.people, snap.absences)
    if found is None:
        return None
    missing, reason = found
    asked = [snap.people[s.in_id].name for s in _asked(snap, slot)]
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
        len(slot.leads),
    )


def find_gaps(
    store: Store,
    today: date,
    first: date | None = None,
    last: date | None = None,
    circle_id: int | None = None,
) -> list[Gap]:
    """Every meeting from ``first`` (default today) to ``last`` that breaks a staffing rule
    (of one circle, or of all)."""
    first = first or today
    if last is not None and last < first:
        raise UserError(_("The end of the period is before its start."))
    snap = snapshot(store, first, last, circle_id)
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
    ranked: list[rules.Candidate]
    excluded: list[tuple[Facilitator, str]]


def suggest(
    store: Store, session_id: int, today: date, weights: dict[str, int] | None = None
) -> Suggestions:
    """Candidates to stand in at a meeting, best first, each with reasons in plain words."""
    snap, slot = _session_slot(store, session_id, today)
    # Someone already asked is not offered again (they are named in the gap's reason).
    present = snap.present(slot) + [s.in_id for s in _asked(snap, slot)]
    ranked, excluded = rules.rank(slot, present, snap.people, snap.absences, snap.load, weights)
    return Suggestions(_gap(snap, slot), ranked, excluded)


def _check_choice(snap: Snapshot, slot: Slot, in_id: int, out_id: int | None) -> int | None:
    """Who ``in_id`` stands in for at ``slot`` (``out_id``, or the one lead who is away).

    A UserError says why the choice cannot be made: unknown, already expected there, away, not
    available, busy at that time, paused or stopped, or a trainee where a certified facilitator
    is needed.
    """
    if in_id not in snap.people:
        raise UserError(_("This facilitator no longer exists."))
    person = snap.people[in_id]
    present = snap.present(slot)
    gap = _gap(snap, slot)
    if in_id in present:
        raise UserError(_("{name} is already expected at this meeting.").format(name=person.name))
    if in_id in {s.in_id for s in _asked(snap, slot)}:
        raise UserError(
            _("{name} has already been asked to stand in at this meeting.").format(name=person.name)
        )
    if out_id is not None:
        out = snap.people.get(out_id)
        if out is None or (out_id not in slot.leads and out_id not in present):
            name = out.name if out else "?"
            raise UserError(_("{name} does not lead this meeting.").format(name=name))
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
    why = rules.refusal(person, slot, remaining, snap.people, snap.absences, snap.load)
    if why:
        raise UserError(_("{name} cannot stand in: {reason}.").format(name=person.name, reason=why))
    return out_id


def _absence_reason(snap: Snapshot, slot: Slot, out_id: int | None) -> str:
    if out_id is None:
        return ""
    return next(
        (a.reason for a in snap.absences.get(out_id, []) if a.first <= slot.day <= a.last), ""
    )


def substitute(
    store: Store,
    session_id: int,
    in_id: int,
    out_id: int | None,
    today: date,
    confirmed: bool = False,
) -> int:
    """Record that facilitator ``in_id`` is asked to stand in (for ``out_id``) at a meeting;
    returns its id.

    A stand-in is recorded as asked unless ``confirmed`` (they have already said yes); an asked
    stand-in does not count as there until it is confirmed (``confirm``). Recording someone
    already asked there as ``confirmed`` confirms that request. Without ``out_id``: the one
    lead who is away, if exactly one is. A choice the rules refuse is refused with the
    reason; nothing is saved then.
    """
    snap, slot = _session_slot(store, session_id, today)
    if confirmed:
        waiting = [
            r["id"]
            for r in sql.substitution_rows(store.db, session_ids=[session_id])
            if r["in_id"] == in_id and not r["confirmed"]
        ]
        if waiting:
            confirm(store, waiting[0])
            return waiting[0]
    out_id = _check_choice(snap, slot, in_id, out_id)
    with store.transaction() as db:
        return sql.insert_substitution(
            db,
            {
                "session_id": session_id,
                "in_id": in_id,
                "out_id": out_id,
                "reason": _absence_reason(snap, slot, out_id),
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
) -> list[rules.Proposal]:
    """Propose the best stand-in for every open place in a period; ``save`` records them as
    asked.

    Places where someone has been asked already, and circles without a complete pair, are
    left out. Each proposal also lists the other candidates (``options``), so a form can
    offer them.
    """
    first = first or today
    if last is not None and last < first:
        raise UserError(_("The end of the period is before its start."))
    snap = snapshot(store, first, last)
    gaps = []
    for slot in snap.slots:
        gap = _gap(snap, slot)
        if gap and gap.open_places and not gap.incomplete_pair:
            # A place where someone has been asked waits for their answer: not proposed again.
            # A circle without a complete pair needs a pair, not a stand-in at every meeting.
            asked = _asked(snap, slot)
            covered = {s.out_id for s in asked}
            away = [p for p in gap.away if p not in covered]
            present = snap.present(slot) + [s.in_id for s in asked]
            gaps.append((slot, present, gap.open_places, gap.reason, away))
    proposals = rules.propose(gaps, snap.people, snap.absences, snap.load, weights)
    if save:
        accept_proposals(
            store,
            [
                (p.slot.session_id, p.candidate.person.id, p.out_id)
                for p in proposals
                if p.candidate and p.candidate.person.id is not None
            ],
            today,
        )
    return proposals


def accept_proposals(
    store: Store,
    choices: list[tuple[int, int, int | None]],
    today: date,
    confirmed: bool = False,
) -> int:
    """Record chosen stand-ins (meeting, stand-in, for whom) as asked, all or nothing
    (``confirmed``: as agreed).

    Every choice is checked again against the database as it is now, in date order and counting
    the choices before it (nobody twice at the same time). If any is refused, nothing is saved
    and the UserError names each refused choice.
    """
    if not choices:
        return 0
    found = {sid: session_sql.session_row(store.db, sid) for sid, _in, _out in choices}
    problems = [
        _("There is no meeting with number {id}.").format(id=sid)
        for sid, row in found.items()
        if row is None
    ]
    if problems:
        raise UserError("\n".join(problems))
    rows = {sid: row for sid, row in found.items() if row is not None}
    days = [date.fromisoformat(row["date"]) for row in rows.values()]
    snap = snapshot(store, min(days), max(days))
    slots = {s.session_id: s for s in snap.slots}
    ordered = sorted(choices, key=lambda c: (rows[c[0]]["date"], rows[c[0]]["start_time"]))
    values = []
    for session_id, in_id, out_id in ordered:
        slot = slots.get(session_id)
        row = rows[session_id]
        where = f"{format_date(date.fromisoformat(row['date']), 'd MMM')}, {row['circle_name']}"
        try:
            if slot is None:
                raise UserError(_("This meeting has been cancelled."))
            if slot.day < today:
                raise UserError(_("This meeting has already been held."))
            out_id = _check_choice(snap, slot, in_id, out_id)
        except UserError as err:
            problems.append(f"{where}: {err}")
            continue
        snap.add_substitution(slot, Substitution(session_id, in_id, out_id))
        values.append(
            {
                "session_id": session_id,
                "in_id": in_id,
                "out_id": out_id,
                "reason": _absence_reason(snap, slot, out_id),
                "confirmed": int(confirmed),
            }
        )
    if problems:
        raise UserError("\n".join(problems))
    with store.transaction() as db:
        for value in values:
            sql.insert_substitution(db, value)
    return len(values)


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
    """Mark an asked stand-in as agreed (from then on they count as there)."""
    if not any(r["id"] == substitution_id for r in sql.substitution_rows(store.db)):
        raise UserError(_("This stand-in has been removed in the meantime."))
    with store.transaction() as db:
        sql.confirm_substitution(db, substitution_id)


def stand_in_words(line: SubstitutionLine, today: date) -> str:
    """One stand-in in words, in the tense ``today`` calls for: 'X stood in for Y' (held),
    'X stands in for Y' (agreed, still to come), or 'X has been asked …; not agreed yet'.

    The one wording of a stand-in line: the planning page, the meeting page and the printed
    session plan all use it.
    """
    other = line.out_name
    if line.date < today:
        if not line.confirmed:
            text = (
                _("{name} was asked to stand in for {other}; never agreed")
                if other
                else _("{name} was asked to stand in; never agreed")
            )
        else:
            text = _("{name} stood in for {other}") if other else _("{name} stood in")
    elif not line.confirmed:
        text = (
            _("{name} has been asked to stand in for {other}; not agreed yet")
            if other
            else _("{name} has been asked to stand in; not agreed yet")
        )
    else:
        text = _("{name} stands in for {other}") if other else _("{name} stands in")
    return text.format(name=line.in_name, other=other)


@dataclass
class Continuity:
    """How steadily a circle was led: by its own pair, with stand-ins, or not at all."""

    held: int
    by_own_pair: int
    stand_ins: int  # stand-ins at meetings before today (done)
    cancelled_no_facilitators: int
    planned_stand_ins: int = 0  # agreed stand-ins from today on
    asked_stand_ins: int = 0  # asked from today on, not agreed yet


def continuity(store: Store, circle_id: int, today: date) -> Continuity:
    """Continuity of a circle up to today, and the stand-ins still to come."""
    sessions = [s for s in list_sessions(store, circle_id, today) if s.status == "held"]
    leads = leads_by_circle(store).get(circle_id, [])
    own = 0
    for s in sessions:
        pair = {r["name"] for r in current_leads(leads, s.date)}
        if pair and set(s.facilitators) == pair:
            own += 1
    lines = substitution_history(store, circle_id=circle_id)
    done = sum(1 for x in lines if x.confirmed and x.date < today)
    planned = sum(1 for x in lines if x.confirmed and x.date >= today)
    asked = sum(1 for x in lines if not x.confirmed and x.date >= today)
    lack = sum(
        1
        for r in session_sql.cancellation_causes(store.db, circle_id)
        if json.loads(r["detail"] or "{}").get("cause") == "no_facilitators"
    )
    return Continuity(len(sessions), own, done, lack, planned, asked)
