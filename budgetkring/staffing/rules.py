"""Two facilitators at every meeting: the rules, as pure functions over plain data.

- Who is expected at a meeting: the circle's lead pair on that day, minus anyone away (absent,
  paused or stopped) or replaced, plus confirmed stand-ins.
- A meeting needs two. A trainee is never left with only a trainee: the stand-in for a
  trainee's partner must be certified (the circle's own trainee pair together is fine).
- Absence never counts against anyone: it excludes, it never lowers a score.
- Candidates: hard rules exclude (away, not available, busy, paused/stopped, trainee where a
  certified facilitator is needed); soft criteria rank, each with its reason in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from budgetkring.i18n import _, ngettext

PARTS = ("morning", "afternoon", "evening")
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_WEIGHTS = {
    "mentor": 40,  # the trainee's own trainer or mentor
    "knows_circle": 30,  # has led or stood in at this circle before
    "same_town": 20,  # lives in the circle's municipality
    "under_cap": 15,  # still has room under their monthly maximum
    "per_recent_stand_in": 10,  # subtracted per stand-in in the last 3 months (fairness)
}


def part_of_day(start: time) -> str:
    """morning (before 12:00), afternoon (before 17:00) or evening."""
    if start.hour < 12:
        return "morning"
    return "afternoon" if start.hour < 17 else "evening"


NEW = 0  # the id of a facilitator who is not saved yet


@dataclass
class Facilitator:
    """A volunteer who leads circles (kringbegeleider): the one type the whole app uses.

    ``circles`` (where they lead now) and ``absences`` are filled where they are shown; the
    rules only read the other fields.
    """

    id: int  # NEW until saved
    name: str
    status: str = "trainee"  # trainee, certified, paused, stopped
    town: str = ""
    phone: str = ""
    email: str = ""
    contact_consent: bool = False
    max_per_month: int | None = None
    availability: dict[str, list[str]] | None = None  # None: every day, every part
    mentor_id: int | None = None  # a trainee's trainer or mentor
    mentor: str = ""  # that mentor's name, for showing
    circles: list[str] = field(default_factory=list)
    absences: list[dict] = field(default_factory=list)  # {id, from, to, reason}

    def available(self, day: date, start: time) -> bool:
        """Whether their weekly availability includes this weekday and part of day."""
        if self.availability is None:
            return True
        return part_of_day(start) in self.availability.get(WEEKDAY_CODES[day.weekday()], ())


def current_leads(lead_rows: list[dict], on: date) -> list[dict]:
    """The pair leading on ``on``: periods covering that day, else the next ones to start.

    A pure function over lead periods of one circle (see ``store.pairs.lead_rows``).
    """
    day = on.isoformat()
    active = [r for r in lead_rows if r["from_date"] <= day and (r["to_date"] or day) >= day]
    if active:
        return active
    upcoming = [r for r in lead_rows if r["from_date"] > day]
    if not upcoming:
        return []
    first = min(r["from_date"] for r in upcoming)
    return [r for r in upcoming if r["from_date"] == first]


@dataclass
class Slot:
    """A meeting to staff: when, where, and who leads the circle on that day."""

    session_id: int
    circle_id: int
    circle_name: str
    municipality: str
    day: date
    start: time
    end: time
    leads: list[int]


@dataclass
class Substitution:
    """Someone standing in (for someone) at a meeting."""

    session_id: int
    in_id: int
    out_id: int | None
    confirmed: bool = True


@dataclass
class Absence:
    """A period someone cannot lead."""

    person_id: int
    first: date
    last: date
    reason: str = "other"


Absences = dict[int, list[Absence]]  # person id -> their absences


def index_absences(items: list[Absence]) -> Absences:
    """Absences by person."""
    index: Absences = {}
    for a in items:
        index.setdefault(a.person_id, []).append(a)
    return index


def away_reason(person: Facilitator, day: date, absences: Absences) -> str | None:
    """Why a person cannot lead on a day (absent, paused, stopped), or None."""
    if person.status == "stopped":
        return _("{name} has stopped").format(name=person.name)
    if person.status == "paused":
        return _("{name} is taking a break").format(name=person.name)
    for a in absences.get(person.id, ()):
        if a.first <= day <= a.last:
            return _("{name} is away").format(name=person.name)
    return None


def expected(
    slot: Slot, people: dict[int, Facilitator], absences: Absences, subs: list[Substitution]
) -> list[int]:
    """Ids of who is expected at the meeting, leads first, then confirmed stand-ins."""
    replaced = {s.out_id for s in subs if s.confirmed and s.out_id is not None}
    present = [
        pid
        for pid in slot.leads
        if pid in people
        and pid not in replaced
        and away_reason(people[pid], slot.day, absences) is None
    ]
    for s in subs:  # a stand-in who is away by now, or was replaced in turn, does not come
        if (
            s.confirmed
            and s.in_id in people
            and s.in_id not in present
            and s.in_id not in replaced
            and away_reason(people[s.in_id], slot.day, absences) is None
        ):
            present.append(s.in_id)
    return present


def problem(
    slot: Slot, present: list[int], people: dict[int, Facilitator], absences: Absences
) -> tuple[int, str] | None:
    """(how many facilitators short, the reason in plain words), or None when it is fine."""
    away = [
        r
        for pid in slot.leads
        if pid in people and (r := away_reason(people[pid], slot.day, absences))
    ]
    trainees = [pid for pid in present if people[pid].status == "trainee"]
    if len(present) >= 2:
        if len(trainees) == len(present) and not set(present) <= set(slot.leads):
            names = ", ".join(people[p].name for p in present)
            return 1, _("Only trainees ({names}); a certified facilitator is needed.").format(
                names=names
            )
        return None
    missing = 2 - len(present)
    if not slot.leads:
        reason = _("The circle has no lead pair.")
    elif away:
        reason = "; ".join(away) + "."
    else:
        reason = _("The circle has only one lead facilitator.")
    if present and trainees:
        reason += " " + _("The stand-in must be certified.")
    return missing, reason


@dataclass
class Candidate:
    """A possible stand-in with a score and what it is made of; ``reasons`` puts it in words."""

    person: Facilitator
    score: int
    mentees: tuple[str, ...] = ()  # trainees at the meeting whose mentor this is
    knows_circle: bool = False
    same_town: bool = False
    recent: int = 0  # stand-ins in the last 3 months
    month: int | None = None  # meetings this month, when they have a monthly maximum

    @property
    def reasons(self) -> list[str]:
        """The reasons behind the score in plain words (made when shown, not when ranked)."""
        reasons = []
        if self.mentees:
            reasons.append(_("mentor of {names}").format(names=", ".join(self.mentees)))
        if self.knows_circle:
            reasons.append(_("knows this circle"))
        if self.same_town:
            reasons.append(_("lives in {town}").format(town=self.person.town))
        if self.recent:
            reasons.append(
                ngettext(
                    "stood in {n} time in the last 3 months",
                    "stood in {n} times in the last 3 months",
                    self.recent,
                ).format(n=self.recent)
            )
        else:
            reasons.append(_("has not stood in during the last 3 months"))
        cap = self.person.max_per_month
        if cap is not None and self.month is not None:
            if self.month < cap:
                reasons.append(
                    _("{n} of at most {cap} meetings this month").format(n=self.month, cap=cap)
                )
            else:
                reasons.append(
                    _("already at their maximum of {cap} meetings this month").format(cap=cap)
                )
        return reasons


@dataclass
class Workload:
    """What the ranking needs to know about everyone's other meetings."""

    busy: dict[
        date, list[tuple[time, time, frozenset[int], int]]
    ]  # day -> (start, end, who, session)
    per_month: dict[tuple[int, int, int], int]  # (person, year, month) -> meetings expected
    recent_stand_ins: dict[int, int]  # person -> stand-ins in the 3 months before
    knows: dict[int, set[int]]  # circle -> people who led or stood in there


def rank(
    slot: Slot,
    present: list[int],
    people: dict[int, Facilitator],
    absences: Absences,
    load: Workload,
    weights: dict[str, int] | None = None,
    respect_caps: bool = False,
) -> tuple[list[Candidate], list[tuple[Facilitator, str]]]:
    """Candidates for one open place at a meeting, best first, and who is excluded and why.

    With ``respect_caps`` (filling all gaps at once) someone at their monthly maximum is
    excluded; otherwise that only lowers their place.
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    need_certified = not any(people[p].status == "certified" for p in present)
    trainee_present = [people[p] for p in present if people[p].status == "trainee"]
    busy = busy_at(slot, load)
    ranked, excluded = [], []
    for person in people.values():
        if person.id in present:
            continue
        reason = _exclusion(person, slot, absences, busy, need_certified, load, respect_caps)
        if reason:
            excluded.append((person, reason))
        else:
            ranked.append(_score(person, slot, trainee_present, load, w))
    ranked.sort(key=lambda c: (-c.score, c.person.name.lower()))
    return ranked, excluded


def refusal(
    person: Facilitator,
    slot: Slot,
    present: list[int],
    people: dict[int, Facilitator],
    absences: Absences,
    load: Workload,
) -> str | None:
    """Why ``person`` cannot take an open place at ``slot`` (as ``rank`` would say), or None."""
    need_certified = not any(people[p].status == "certified" for p in present)
    busy = busy_at(slot, load)
    return _exclusion(person, slot, absences, busy, need_certified, load, False)


def busy_at(slot: Slot, load: Workload) -> set[int]:
    """Everyone expected at another meeting that overlaps this one."""
    busy: set[int] = set()
    for start, end, who, session_id in load.busy.get(slot.day, ()):
        if session_id != slot.session_id and start < slot.end and slot.start < end:
            busy.update(who)
    return busy


def _at_cap(person: Facilitator, day: date, load: Workload) -> bool:
    if person.max_per_month is None:
        return False
    return load.per_month.get((person.id, day.year, day.month), 0) >= person.max_per_month


def _exclusion(
    person: Facilitator,
    slot: Slot,
    absences: Absences,
    busy: set[int],
    need_certified: bool,
    load: Workload,
    respect_caps: bool,
) -> str | None:
    away = away_reason(person, slot.day, absences)
    if away:
        return away
    if not person.available(slot.day, slot.start):
        return _("{name} is not available on this day or part of the day").format(name=person.name)
    if person.id in busy:
        return _("{name} already leads another meeting at that time").format(name=person.name)
    if need_certified and person.status != "certified":
        return _("{name} is in training; this meeting needs a certified facilitator").format(
            name=person.name
        )
    if respect_caps and _at_cap(person, slot.day, load):
        return _("{name} is already at their maximum of {cap} meetings this month").format(
            name=person.name, cap=person.max_per_month
        )
    return None


def _score(
    person: Facilitator,
    slot: Slot,
    trainee_present: list[Facilitator],
    load: Workload,
    w: dict[str, int],
) -> Candidate:
    score = 0
    mentees = tuple(t.name for t in trainee_present if t.mentor_id == person.id)
    if mentees:
        score += w["mentor"]
    knows = person.id in load.knows.get(slot.circle_id, ())
    if knows:
        score += w["knows_circle"]
    same_town = bool(person.town) and (
        person.town.strip().casefold() == slot.municipality.strip().casefold()
    )
    if same_town:
        score += w["same_town"]
    recent = load.recent_stand_ins.get(person.id, 0)
    score -= w["per_recent_stand_in"] * recent
    month = None
    if person.max_per_month is not None:
        month = load.per_month.get((person.id, slot.day.year, slot.day.month), 0)
        if month < person.max_per_month:
            score += w["under_cap"]
    return Candidate(person, score, mentees, knows, same_town, recent, month)


@dataclass
class Proposal:
    """One place to fill in the 'fill all gaps' proposal: who stands in for whom, or nobody."""

    slot: Slot
    out_id: int | None
    candidate: Candidate | None
    gap_reason: str
    options: list[Candidate] = field(default_factory=list)  # everyone allowed, best first


def book(load: Workload, slot: Slot, person_id: int) -> None:
    """Count a new stand-in in the workload (busy at that time, one more this month)."""
    day_list = load.busy.setdefault(slot.day, [])
    day_list.append((slot.start, slot.end, frozenset({person_id}), -slot.session_id))
    key = (person_id, slot.day.year, slot.day.month)
    load.per_month[key] = load.per_month.get(key, 0) + 1
    load.recent_stand_ins[person_id] = load.recent_stand_ins.get(person_id, 0) + 1


def propose(
    gaps: list[tuple[Slot, list[int], int, str, list[int]]],
    people: dict[int, Facilitator],
    absences: Absences,
    load: Workload,
    weights: dict[str, int] | None = None,
) -> list[Proposal]:
    """The best stand-in for every open place, meeting by meeting in date order.

    ``gaps``: (slot, who is present, how many short, the reason, who is away). Nobody is put at
    two meetings at the same time and monthly maximums are respected; ``load`` is updated with
    every proposal so the next meeting sees it.
    """
    proposals = []
    for slot, present, missing, reason, away in sorted(gaps, key=lambda g: (g[0].day, g[0].start)):
        present = list(present)
        for k in range(missing):
            out_id = away[k] if k < len(away) else None
            ranked, _excluded = rank(
                slot, present, people, absences, load, weights, respect_caps=True
            )
            best = ranked[0] if ranked else None
            proposals.append(Proposal(slot, out_id, best, reason, ranked))
            if best is not None:
                present.append(best.person.id)
                book(load, slot, best.person.id)
    return proposals
