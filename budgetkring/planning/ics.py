"""Calendar export (.ics) per circle and per facilitator, with the `icalendar` package.

Times are in Europe/Amsterdam; each meeting has a stable UID (database + meeting id), and its
SEQUENCE grows with every change, so importing again updates rather than duplicates. Cancelled
meetings are exported with STATUS:CANCELLED so calendars strike them out. Nothing about
participants is ever written.
"""

from __future__ import annotations

from dataclasses import replace as with_changes
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from budgetkring import __version__
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.circles import get_circle, list_circles
from budgetkring.planning.sessions import Session, list_sessions
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.store import Store
from budgetkring.store.files import check_output, write_atomically
from budgetkring.store.organisation import organisation_uid
from budgetkring.text import printable

TZ = ZoneInfo("Europe/Amsterdam")


def session_uid(org_uid: str, session_id: int) -> str:
    """The calendar UID of a meeting: the same in every export."""
    return f"bijeenkomst-{session_id}-{org_uid}@budgetkring"


def build_calendar(
    sessions: list[Session], name: str, org_uid: str, places: dict[int, str], stamp: datetime
):
    """An icalendar Calendar with one event per meeting (a pure function of its inputs)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//Budgetkring//{__version__}//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", printable(name))
    for s in sessions:
        event = Event()
        event.add("uid", session_uid(org_uid, s.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(s.date, s.start, tzinfo=TZ))
        event.add("dtend", datetime.combine(s.date, s.end, tzinfo=TZ))
        number = f"{s.number}. " if s.number else ""
        event.add("summary", printable(f"{s.circle_name}: {number}{s.theme}"))
        if places.get(s.circle_id):
            event.add("location", printable(places[s.circle_id]))
        if s.facilitators:
            event.add(
                "description",
                printable(_("Led by: {names}").format(names=", ".join(s.facilitators))),
            )
        event.add("sequence", s.revision)
        event.add("status", "CANCELLED" if s.status == "cancelled" else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def _export(
    store: Store, sessions: list[Session], title: str, path: Path, today: date, replace: bool
) -> int:
    """Build the calendar named after ``title``, write it, and return how many meetings."""
    target = check_output(path, store.path, replace=replace)
    cal = build_calendar(
        sessions,
        f"Budgetkring — {title}",
        organisation_uid(store.db),
        _places(store, today),
        datetime.now(TZ),
    )
    write_atomically(target, cal.to_ical())
    return len(sessions)


def _places(store: Store, today: date) -> dict[int, str]:
    return {c.id: c.place for c in list_circles(store, today, include_archived=True)}


def export_circle(
    store: Store, circle_id: int, path: Path, today: date, *, replace: bool = False
) -> int:
    """Write a circle's meetings to an .ics file; returns how many meetings were written."""
    circle = get_circle(store, circle_id)
    sessions = list_sessions(store, circle_id, today)
    if not sessions:
        raise UserError(_("{circle} has no meetings planned yet.").format(circle=circle.name))
    return _export(store, sessions, circle.name, path, today, replace)


def export_facilitator(
    store: Store, facilitator_id: int, path: Path, today: date, *, replace: bool = False
) -> int:
    """Write every meeting a facilitator is expected to lead, across circles, to an .ics file."""
    person = facilitators_by_id(store).get(facilitator_id)
    if person is None:
        raise UserError(_("This facilitator no longer exists."))
    sessions = [
        s
        for s in list_sessions(store, None, today)
        if person.name in s.facilitators or person.name in s.pair
    ]
    if not sessions:
        raise UserError(_("{name} has no meetings to lead.").format(name=person.name))
    # A meeting of their own circle they do not lead (away, a stand-in instead) is marked
    # cancelled in their calendar, so an earlier import of it is struck out, not left behind.
    sessions = [
        s if person.name in s.facilitators else with_changes(s, status="cancelled")
        for s in sessions
    ]
    return _export(store, sessions, person.name, path, today, replace)
