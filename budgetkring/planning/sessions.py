"""Meetings (bijeenkomsten) of a circle: list, move, cancel, add, and their history (planning
a cancelled one again is in ``restore``).

A meeting's status as the user sees it: ``cancelled`` stays cancelled; a meeting whose day has
passed counts as ``held``; otherwise ``planned`` or, after a move, ``moved``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from budgetkring.dates import check_range, from_iso, parse_id, time_from_iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _, format_date
from budgetkring.organisation.circles import get_circle
from budgetkring.planning import schedule
from budgetkring.planning.days_off import days_off_for_planned_circle
from budgetkring.planning.meeting_times import unusual_time
from budgetkring.staffing.rules import current_leads
from budgetkring.staffing.snapshot import expected_names
from budgetkring.store import Store
from budgetkring.store import pairs as pair_sql
from budgetkring.store import programmes as programme_sql
from budgetkring.store import sessions as sql
from budgetkring.store import substitutions as substitution_sql
from budgetkring.text import TEXT_MAX, clean_text

STATUSES = ("planned", "held", "moved", "cancelled")
STATUS_LABELS = {
    "planned": N_("planned"),
    "held": N_("held"),
    "moved": N_("moved"),
    "cancelled": N_("cancelled"),
}


def status_label(status: str) -> str:
    """The translated word for a meeting status."""
    return _(STATUS_LABELS.get(status, status))


class ConflictError(UserError):
    """A change that clashes with the calendar; ``conflicts`` lists each clash in plain words."""

    def __init__(self, conflicts: list[str]):
        self.conflicts = conflicts
        super().__init__(" ".join(conflicts))


class UnusualTimeError(UserError):
    """A time that is possible but unusual; ``problems`` says what, in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join([_("Is this time right?"), *problems]))


@dataclass
class Session:
    """One dated meeting of a circle, as the user sees it."""

    id: int
    circle_id: int
    circle_name: str
    date: date
    start: time
    end: time
    status: str
    theme: str
    domains: list[str] = field(default_factory=list)
    template_id: int | None = None
    template_key: str = ""
    extra: bool = False
    revision: int = 0
    number: int | None = None
    facilitators: list[str] = field(default_factory=list)  # expected to lead it
    pair: list[str] = field(default_factory=list)  # the circle's lead pair that day


def effective_status(stored: str, day: date, today: date) -> str:
    """What a meeting counts as today (a pure function)."""
    if stored in ("cancelled", "held"):
        return stored
    return "held" if day < today else stored


def _from_row(row: dict, today: date) -> Session:
    day = date.fromisoformat(row["date"])
    return Session(
        id=row["id"],
        circle_id=row["circle_id"],
        circle_name=row["circle_name"],
        date=day,
        start=time_from_iso(row["start_time"]),
        end=time_from_iso(row["end_time"]),
        status=effective_status(row["status"], day, today),
        theme=row["title"] or _("Extra meeting"),
        domains=row["domains"],
        template_id=row["template_id"],
        template_key=row["key"] or "",
        extra=bool(row["extra"]),
        revision=row["revision"],
    )


def _with_numbers_and_leads(store: Store, sessions: list[Session]) -> list[Session]:
    """Number each circle's meetings (cancelled ones get none) and name who is expected."""
    counters: dict[int, int] = {}
    for s in sessions:
        if s.status != "cancelled":
            counters[s.circle_id] = counters.get(s.circle_id, 0) + 1
            s.number = counters[s.circle_id]
    names = expected_names(store, sessions)
    for s in sessions:
        s.facilitators, s.pair = names.get(s.id, ([], []))
    return sessions


def list_sessions(store: Store, circle_id: int | None, today: date) -> list[Session]:
    """A circle's meetings (or every circle's) in date order, numbered, with who leads them."""
    rows = sql.session_rows(store.db, circle_id)
    return _with_numbers_and_leads(store, [_from_row(r, today) for r in rows])


def get_session(store: Store, session_id: int, today: date) -> Session:
    """One meeting with its number and leads; a UserError when it does not exist."""
    row = sql.session_row(store.db, session_id)
    if row is None:
        raise UserError(_("There is no meeting with number {id}.").format(id=session_id))
    for session in list_sessions(store, row["circle_id"], today):
        if session.id == session_id:
            return session
    raise AssertionError("unreachable")


def find_session(store: Store, ref: str, today: date) -> Session:
    """A meeting by its id as typed on the command line."""
    text = str(ref).strip()
    number = parse_id(text)
    if number is None:
        raise UserError(_("'{text}' is not a meeting number.").format(text=text))
    return get_session(store, number, today)


def next_sessions(store: Store, today: date) -> dict[int, date]:
    """Per circle id, the day of its next meeting that is not cancelled."""
    next_dates = sql.next_dates(store.db, today.isoformat())
    return {cid: date.fromisoformat(day) for cid, day in next_dates.items()}


# --- history -----------------------------------------------------------------------------


@dataclass
class HistoryLine:
    """One line of a meeting's history, in plain words."""

    at: datetime
    text: str
    reason: str


def _when(detail: dict, prefix: str) -> str:
    day = from_iso(detail.get(prefix + "date"))
    return f"{format_date(day, 'medium')} {detail.get(prefix + 'start', '')}".strip()


def _removed(detail: dict) -> str:
    names = detail.get("stand_ins_removed")
    if not names:
        return ""
    return " " + _("Stand-ins arranged for the old day were removed: {names}.").format(
        names=", ".join(names)
    )


def _restored(detail: dict) -> str:
    """The history line of a meeting that was cancelled and then planned again."""
    text = _("Planned again: the meeting is no longer cancelled.")
    if detail.get("removed_date"):
        text += " " + _(
            "The later themes moved back one meeting; the meeting on {date} was removed."
        ).format(date=format_date(from_iso(detail["removed_date"]), "medium"))
    if detail.get("stand_ins_removed"):
        text += " " + _("Stand-ins arranged for that meeting were removed: {names}.").format(
            names=", ".join(detail["stand_ins_removed"])
        )
    return text


def history(store: Store, session_id: int) -> list[HistoryLine]:
    """What happened to a meeting, oldest first."""
    texts = {
        "planned": lambda d: _("Planned for {when}.").format(when=_when(d, "")),
        "replanned": lambda d: (
            _restored(d)
            if d.get("cause") == "restored"
            else _("Re-planned for {when}.").format(when=_when(d, "")) + _removed(d)
        ),
        "added": lambda d: _("Added as an extra meeting on {when}.").format(when=_when(d, "")),
        "moved": lambda d: (
            _("Moved from {old} to {new}.").format(old=_when(d, "old_"), new=_when(d, ""))
            + _removed(d)
        ),
        "cancelled": lambda d: (
            _("Cancelled for lack of facilitators.")
            if d.get("cause") == "no_facilitators"
            else _("Cancelled.")
        ),
        "theme": lambda d: _("Theme changed from '{old}' to '{new}'.").format(
            old=d.get("old_theme") or _("Extra meeting"), new=d.get("theme") or _("Extra meeting")
        ),
    }
    return [
        HistoryLine(datetime.fromisoformat(r["at"]), texts[r["kind"]](r["detail"]), r["reason"])
        for r in sql.event_rows(store.db, session_id)
    ]


# --- conflicts and changes ----------------------------------------------------------------


def find_conflicts(
    store: Store,
    session: Session | None,
    circle_id: int,
    day: date,
    start: time,
    end: time,
    today: date,
) -> list[str]:
    """Everything that clashes when a meeting of a circle is put on ``day`` from start to end.

    ``session`` is the meeting being moved (None for a new one). Checks: a public holiday,
    another meeting of the circle that day, a change in the order of the meetings, and a lead
    facilitator who leads another meeting at that time.
    """
    conflicts = []
    holiday = days_off_for_planned_circle(store, circle_id).public_holiday(day)
    if holiday:
        conflicts.append(
            _("{date} is a public holiday ({name}).").format(date=format_date(day), name=holiday)
        )
    own = [
        s
        for s in list_sessions(store, circle_id, today)
        if s.status != "cancelled" and (session is None or s.id != session.id)
    ]
    if any(s.date == day for s in own):
        conflicts.append(_("The circle already meets on {date}.").format(date=format_date(day)))
    if session is not None and not session.extra:
        before = [s for s in own if (s.date, s.start) < (session.date, session.start)]
        after = [s for s in own if (s.date, s.start) > (session.date, session.start)]
        if before and day < before[-1].date:
            conflicts.append(
                _(
                    "The meeting would come before meeting {n} ({date}); the order would change."
                ).format(n=before[-1].number, date=format_date(before[-1].date))
            )
        if after and day > after[0].date:
            conflicts.append(
                _(
                    "The meeting would come after meeting {n} ({date}); the order would change."
                ).format(n=after[0].number, date=format_date(after[0].date))
            )
    leads = [r for r in pair_sql.lead_rows(store.db, circle_id)]
    mine = {r["name"] for r in current_leads(leads, day)}
    for other in list_sessions(store, None, today):
        if other.circle_id == circle_id or other.status == "cancelled" or other.date != day:
            continue
        if other.start < end and start < other.end:
            for name in sorted(mine & set(other.facilitators)):
                conflicts.append(
                    _("{name} already leads {circle} at that time ({start}–{end}).").format(
                        name=name,
                        circle=other.circle_name,
                        start=other.start.strftime("%H:%M"),
                        end=other.end.strftime("%H:%M"),
                    )
                )
    return conflicts


# --- unusual times -------------------------------------------------------------------------


def usual_minutes(store: Store, session: Session) -> int | None:
    """How long this meeting usually lasts: its agenda, else its programme's meeting length.

    None for an extra meeting, which has no programme.
    """
    row = programme_sql.template_row(store.db, session.template_id) if session.template_id else None
    if row is None:
        return None
    agenda = sum(int(block["minutes"]) for block in row["agenda"])
    if agenda:
        return agenda
    version = programme_sql.version_row(store.db, row["version_id"])
    return version["meeting_minutes"] if version else None


def move_warnings(store: Store, session: Session, start: time, end: time) -> list[str]:
    """What is unusual about moving this meeting to start..end (empty: nothing to ask)."""
    return unusual_time(start, end, usual_minutes(store, session))


def _changeable(session: Session, today: date) -> None:
    if session.status == "cancelled":
        raise UserError(_("This meeting has been cancelled."))
    if session.status == "held" or session.date < today:
        raise UserError(_("This meeting has already been held."))


def move_session(
    store: Store,
    session_id: int,
    day: date,
    start: time | None,
    end: time | None,
    reason: str,
    today: date,
    force: bool = False,
    unusual_ok: bool = False,
) -> Session:
    """Move a meeting to another day and/or time, for a reason (required).

    An unusual time (see ``unusual_time``) refuses unless ``unusual_ok``; conflicts refuse
    unless ``force``. The old and new date and the reason are kept in the meeting's history.
    """
    session, start, end, reason = _check_move(
        store, session_id, day, start, end, reason, today, force, unusual_ok
    )
    detail: dict[str, object] = {
        "old_date": session.date.isoformat(),
        "old_start": session.start.strftime("%H:%M"),
        "date": day.isoformat(),
        "start": start.strftime("%H:%M"),
    }
    with store.transaction() as db:
        sql.update_session(
            db,
            session_id,
            {
                "date": day.isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_time": end.strftime("%H:%M"),
                "status": "moved",
            },
        )
        dropped = substitution_sql.drop_session_substitutions(db, session_id)
        if dropped:  # arranged for the old day: ask again for the new one
            detail["stand_ins_removed"] = dropped
        sql.add_event(db, session_id, "moved", detail, reason)
    return get_session(store, session_id, today)


def move_problems(
    store: Store,
    session_id: int,
    day: date,
    start: time | None,
    end: time | None,
    reason: str,
    today: date,
) -> list[str]:
    """What stops this move as it stands, in plain words (empty: nothing); changes nothing.

    Every refusal and clash ``move_session`` would give; an unusual time is not in it (that is
    a question, see ``move_warnings``). Lets a form check again while the user types.
    """
    try:
        _check_move(store, session_id, day, start, end, reason, today, False, True)
    except ConflictError as err:
        return err.conflicts
    except UserError as err:
        return [str(err)]
    return []


def _check_move(
    store: Store,
    session_id: int,
    day: date,
    start: time | None,
    end: time | None,
    reason: str,
    today: date,
    force: bool,
    unusual_ok: bool,
) -> tuple[Session, time, time, str]:
    """The meeting, times and cleaned reason of a move that may go ahead; else a UserError."""
    reason = clean_text(reason, _("The reason"), TEXT_MAX)
    if not reason:
        raise UserError(_("Give a reason for moving (it is kept in the history)."))
    session = get_session(store, session_id, today)
    _changeable(session, today)
    start, end = start or session.start, end or session.end
    schedule.check_times(start, end)
    if day < today:
        raise UserError(_("A meeting cannot be moved to a day that has passed."))
    check_range(day)
    if (day, start, end) == (session.date, session.start, session.end):
        raise UserError(_("That is the meeting's current day and time."))
    unusual = move_warnings(store, session, start, end)
    if unusual and not unusual_ok:
        raise UnusualTimeError(unusual)
    conflicts = find_conflicts(store, session, session.circle_id, day, start, end, today)
    if conflicts and not force:
        raise ConflictError(conflicts)
    return session, start, end, reason


def add_extra_session(
    store: Store,
    circle_id: int,
    day: date,
    start: time,
    end: time,
    reason: str,
    today: date,
    force: bool = False,
) -> Session:
    """Add an extra meeting without a programme theme (conflicts refuse unless ``force``)."""
    reason = clean_text(reason, _("The reason"), TEXT_MAX)
    get_circle(store, circle_id)
    schedule.check_times(start, end)
    if day < today:
        raise UserError(_("A meeting cannot be added on a day that has passed."))
    conflicts = find_conflicts(store, None, circle_id, day, start, end, today)
    if conflicts and not force:
        raise ConflictError(conflicts)
    with store.transaction() as db:
        session_id = sql.insert_session(
            db,
            {
                "circle_id": circle_id,
                "template_id": None,
                "date": day.isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_time": end.strftime("%H:%M"),
                "extra": 1,
            },
        )
        sql.add_event(
            db,
            session_id,
            "added",
            {"date": day.isoformat(), "start": start.strftime("%H:%M")},
            reason.strip(),
        )
    return get_session(store, session_id, today)


def cancel_session(
    store: Store,
    session_id: int,
    reason: str,
    shift_themes: bool,
    today: date,
    no_facilitators: bool = False,
) -> Session | None:
    """Cancel a meeting, keeping the reason. With ``shift_themes`` its theme and every later one
    move one meeting on and a meeting is added at the end, so no theme is lost; that new
    meeting is returned. Without, the theme is dropped. ``no_facilitators`` records that it was
    cancelled for lack of facilitators (counted in the circle's continuity).
    """
    reason = clean_text(reason, _("The reason"), TEXT_MAX)
    if not reason:
        raise UserError(_("Give a reason for cancelling (it is kept in the history)."))
    session = get_session(store, session_id, today)
    _changeable(session, today)
    later = [
        s
        for s in list_sessions(store, session.circle_id, today)
        if s.status != "cancelled"
        and not s.extra
        and (s.date, s.start, s.id) >= (session.date, session.start, session.id)
    ]
    new_session_id = None
    with store.transaction() as db:
        sql.update_session(db, session_id, {"status": "cancelled"})
        shifted = shift_themes and not session.extra
        detail: dict[str, object] = {"shifted": shifted}  # restore_session moves them back
        if no_facilitators:
            detail["cause"] = "no_facilitators"
        sql.add_event(db, session_id, "cancelled", detail, reason.strip())
        if shifted:
            themes = [s.template_id for s in later]
            kept, left_over = schedule.shift_themes(themes, 0)
            titles = {s.template_id: s.theme for s in later}
            for s, theme in zip(later[1:], kept, strict=True):
                if s.template_id != theme:
                    sql.update_session(db, s.id, {"template_id": theme})
                    sql.add_event(
                        db,
                        s.id,
                        "theme",
                        {"old_theme": s.theme, "theme": titles[theme]},
                        reason.strip(),
                    )
            new_day = _day_after_plan(store, session.circle_id, session, today)
            new_session_id = sql.insert_session(
                db,
                {
                    "circle_id": session.circle_id,
                    "template_id": left_over,
                    "date": new_day.isoformat(),
                    "start_time": session.start.strftime("%H:%M"),
                    "end_time": session.end.strftime("%H:%M"),
                },
            )
            sql.add_event(
                db,
                new_session_id,
                "added",
                {"date": new_day.isoformat(), "start": session.start.strftime("%H:%M")},
                _("A theme moved on because meeting {n} was cancelled.").format(n=session.number),
            )
    return get_session(store, new_session_id, today) if new_session_id else None


def _day_after_plan(store: Store, circle_id: int, session: Session, today: date) -> date:
    """The next free day in the circle's rhythm after its last meeting (cancelled ones too:
    a theme moved on never lands on the day just cancelled)."""
    sessions = list_sessions(store, circle_id, today)
    plan = sql.plan_row(store.db, circle_id)
    last = max((s.date for s in sessions), default=today)
    cadence = plan["cadence"] if plan else "2w"
    weekday = plan["weekday"] if plan else last.weekday()
    start = schedule.next_regular(last, cadence, weekday, min((last.day - 1) // 7 + 1, 5))
    days_off = days_off_for_planned_circle(store, circle_id, session.start, session.end)
    dates, _skipped = schedule.generate_dates(
        max(start, today + timedelta(days=1)),
        weekday,
        cadence,
        1,
        days_off.reason,
        {s.date for s in sessions},
        days_off.soft_reason,
    )
    return dates[0]


# --- the agenda ---------------------------------------------------------------------------


def agenda_times(start: time, blocks: list[tuple[str, int]]) -> list[tuple[time, time, str]]:
    """Clock times for agenda blocks from a start time: (from, to, title) per block."""
    moment = datetime.combine(date(2000, 1, 1), start)
    result = []
    for title, minutes in blocks:
        end = moment + timedelta(minutes=minutes)
        result.append((moment.time(), end.time(), title))
        moment = end
    return result
