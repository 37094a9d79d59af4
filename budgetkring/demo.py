"""The demo organisation: made-up circles, facilitators and participant codes to explore with."""

from __future__ import annotations

import json
from datetime import date, timedelta

from budgetkring.circles import add_circle
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.paths import resource_path
from budgetkring.people import add_facilitator, add_participants, rename_organisation, set_pair
from budgetkring.store import Store
from budgetkring.store.db import is_empty


def _on_weekday(day: date, weekday: int) -> date:
    """The first date on or after ``day`` that falls on ``weekday`` (Monday = 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def load_demo(store: Store, today: date) -> None:
    """Fill an empty database with the demo organisation; refuses a database with data."""
    if not is_empty(store.db):
        raise UserError(
            _("The demo can only be loaded into an empty database. This one already has data.")
        )
    spec = json.loads(resource_path("data", "demo.json").read_text(encoding="utf-8"))
    with store.transaction():
        rename_organisation(store, spec["organisation"])
        mentors = {}
        for person in spec["facilitators"]:
            person = dict(person)
            if "mentor" in person:
                mentors[person["name"]] = person.pop("mentor")
            if "availability" in person:
                person["availability"] = json.dumps(person["availability"])
            add_facilitator(store, **person)
        for name, mentor in mentors.items():
            _set_mentor(store, name, mentor)
        for item in spec["circles"]:
            offset = item["start_offset_days"]
            start = (
                None if offset is None else _on_weekday(today + timedelta(offset), item["weekday"])
            )
            circle = add_circle(
                store,
                name=item["name"],
                municipality=item["municipality"],
                place=item["place"],
                status=item["status"],
                start_date=start.isoformat() if start else "",
            )
            set_pair(store, circle.id, tuple(item["pair"]), start or today, today)
            add_participants(store, circle.id, item["participants"], consent=start or today)
            if "plan" in item:
                _plan(store, circle.id, start, item["plan"], today)
        if "absence" in spec:
            _illness(store, spec["absence"], today)


def _set_mentor(store: Store, name: str, mentor: str) -> None:
    from dataclasses import replace

    from budgetkring.people import facilitator_details, save_facilitator

    details = next(d for d in facilitator_details(store, date.today()) if d.name == name)
    save_facilitator(store, replace(details, mentor=mentor))


def _illness(store: Store, spec: dict, today: date) -> None:
    """A facilitator ill for a while: the first meeting in that time gets a confirmed stand-in."""
    from budgetkring.people import add_absence
    from budgetkring.substitutions import find_gaps, substitute

    first = today + timedelta(spec["from_offset_days"])
    last = today + timedelta(spec["to_offset_days"])
    add_absence(store, spec["name"], first, last, spec["reason"])
    gaps = find_gaps(store, today, today, last)
    if gaps:
        substitute(store, gaps[0].session_id, spec["stand_in"], spec["name"], today)


def _plan(store: Store, circle_id: int, start: date, spec: dict, today: date) -> None:
    """Plan a demo circle's year; meetings before today count as held."""
    from budgetkring.planning import PlanRequest, save_plan
    from budgetkring.schedule import parse_time_range

    begin, end = parse_time_range(spec["time"])
    request = PlanRequest(
        circle_id, start, start.weekday(), begin, end, spec["every"], spec["region"]
    )
    save_plan(store, request, today)
