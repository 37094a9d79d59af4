"""Calendar export: parse the .ics with icalendar and compare it with the schedule."""

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from budgetkring.errors import UserError
from budgetkring.organisation.circles import find_circle
from budgetkring.planning.ics import export_circle, export_facilitator
from budgetkring.planning.sessions import cancel_session, list_sessions, move_session
from tests.conftest import TODAY, fid


def read(path):
    """The VEVENTs of an .ics file, by UID."""
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}, cal


def test_circle_export_matches_the_schedule(demo_store, tmp_path):
    """One event per meeting, Amsterdam times, theme in the summary, cancelled marked."""
    circle = find_circle(demo_store, "Zwolle-Zuid")
    sessions = list_sessions(demo_store, circle.id, TODAY)
    upcoming = [s for s in sessions if s.status == "planned"]
    cancel_session(demo_store, upcoming[0].id, "ziek", False, TODAY)
    sessions = list_sessions(demo_store, circle.id, TODAY)
    path = tmp_path / "kring.ics"
    assert export_circle(demo_store, circle.id, path, TODAY) == len(sessions)
    events, cal = read(path)
    assert len(events) == len(sessions)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    for s in sessions:
        event = next(e for uid, e in events.items() if uid.startswith(f"bijeenkomst-{s.id}-"))
        start = event.decoded("dtstart")
        assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
        assert start.astimezone(ZoneInfo("Europe/Amsterdam")).date() == s.date
        assert start.astimezone(ZoneInfo("Europe/Amsterdam")).time() == s.start
        assert s.theme in str(event["summary"])
        assert str(event["status"]) == ("CANCELLED" if s.status == "cancelled" else "CONFIRMED")


def test_uids_are_stable_and_sequence_grows(demo_store, tmp_path):
    """Exporting again gives the same UIDs; a moved meeting has a higher SEQUENCE."""
    circle = find_circle(demo_store, "Deventer Centrum")
    export_circle(demo_store, circle.id, tmp_path / "a.ics", TODAY)
    first = list_sessions(demo_store, circle.id, TODAY)[0]
    move_session(demo_store, first.id, date(2026, 12, 11), time(10), time(12), "zaal", TODAY)
    export_circle(demo_store, circle.id, tmp_path / "b.ics", TODAY)
    a, _ = read(tmp_path / "a.ics")
    b, _ = read(tmp_path / "b.ics")
    assert set(a) == set(b)
    uid = next(u for u in a if u.startswith(f"bijeenkomst-{first.id}-"))
    assert int(b[uid]["sequence"]) > int(a[uid]["sequence"])


def test_facilitator_export_covers_their_circles_only(demo_store, tmp_path):
    """A facilitator's calendar has exactly the meetings they lead."""
    count = export_facilitator(
        demo_store, fid(demo_store, "Ria Jansen"), tmp_path / "ria.ics", TODAY
    )
    events, _ = read(tmp_path / "ria.ics")
    assert count == len(events) > 0
    assert all("Deventer Centrum" in str(e["summary"]) for e in events.values())
    with pytest.raises(UserError, match="no facilitator"):
        export_facilitator(demo_store, fid(demo_store, "Nobody"), tmp_path / "x.ics", TODAY)


def test_facilitator_export_marks_meetings_they_no_longer_lead_cancelled(demo_store, tmp_path):
    """Away from their own circle's meeting: it stays in their calendar, marked cancelled."""
    export_facilitator(demo_store, fid(demo_store, "Mohamed Amrani"), tmp_path / "mo.ics", TODAY)
    events, _ = read(tmp_path / "mo.ics")
    circle = find_circle(demo_store, "Zwolle-Zuid")
    away = [
        s
        for s in list_sessions(demo_store, circle.id, TODAY)
        if "Mohamed Amrani" in s.pair and "Mohamed Amrani" not in s.facilitators
    ]
    assert away
    for s in away:
        event = next(e for uid, e in events.items() if uid.startswith(f"bijeenkomst-{s.id}-"))
        assert str(event["status"]) == "CANCELLED"
