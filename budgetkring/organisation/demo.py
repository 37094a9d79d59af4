"""The demo organisation: made-up circles, facilitators and participant codes to explore with."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.circles import add_circle
from budgetkring.organisation.organisation import rename_organisation
from budgetkring.participants.codes import add_participants
from budgetkring.paths import resource_path
from budgetkring.planning.plan import PlanRequest, save_plan
from budgetkring.planning.schedule import first_on_weekday, parse_time_range
from budgetkring.staffing.absences import add_absence
from budgetkring.staffing.facilitators import create_facilitator, update_facilitator
from budgetkring.staffing.pairs import set_pair
from budgetkring.staffing.rules import NEW, Facilitator
from budgetkring.staffing.substitutions import find_gaps, substitute
from budgetkring.store import Store
from budgetkring.store.db import is_empty


def load_demo(store: Store, today: date) -> None:
    """Fill an empty database with the demo organisation; refuses a database with data."""
    if not is_empty(store.db):
        raise UserError(
            _("The demo can only be loaded into an empty database. This one already has data.")
        )
    spec = json.loads(resource_path("data", "demo.json").read_text(encoding="utf-8"))
    with store.transaction():
        rename_organisation(store, spec["organisation"])
        people: dict[str, Facilitator] = {}
        for item in spec["facilitators"]:
            fields = {k: v for k, v in item.items() if k != "mentor"}
            people[item["name"]] = create_facilitator(store, Facilitator(NEW, **fields), today)
        for item in spec["facilitators"]:
            if "mentor" in item:
                trainee = people[item["name"]]
                mentor_id = people[item["mentor"]].id
                update_facilitator(store, replace(trainee, mentor_id=mentor_id), today)
        for item in spec["circles"]:
            offset = item["start_offset_days"]
            start = (
                None
                if offset is None
                else first_on_weekday(today + timedelta(offset), item["weekday"])
            )
            circle = add_circle(
                store,
                name=item["name"],
                municipality=item["municipality"],
                place=item["place"],
                status=item["status"],
                start_date=start.isoformat() if start else "",
            )
            first, second = (people[name].id for name in item["pair"])
            set_pair(store, circle.id, (first, second), start or today, today)
            add_participants(store, circle.id, item["participants"], consent=start or today)
            if "plan" in item and start is not None:
                _plan(store, circle.id, start, item["plan"], today)
        if "absence" in spec:
            _illness(store, spec["absence"], people, today)


def _illness(store: Store, spec: dict, people: dict[str, Facilitator], today: date) -> None:
    """A facilitator ill for a while: the first meeting in that time gets a confirmed stand-in."""
    first = today + timedelta(spec["from_offset_days"])
    last = today + timedelta(spec["to_offset_days"])
    ill = people[spec["name"]].id
    add_absence(store, ill, first, last, spec["reason"])
    gaps = find_gaps(store, today, today, last)
    if gaps:
        substitute(store, gaps[0].session_id, people[spec["stand_in"]].id, ill, today)


def _plan(store: Store, circle_id: int, start: date, spec: dict, today: date) -> None:
    """Plan a demo circle's year; meetings before today count as held."""
    begin, end = parse_time_range(spec["time"])
    request = PlanRequest(
        circle_id, start, start.weekday(), begin, end, spec["every"], spec["region"]
    )
    save_plan(store, request, today)
