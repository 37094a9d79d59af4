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
        for person in spec["facilitators"]:
            add_facilitator(store, **person)
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
            set_pair(store, circle.id, tuple(item["pair"]), start or today)
            add_participants(store, circle.id, item["participants"], consent=start or today)
            if "plan" in item:
                _plan(store, circle.id, start, item["plan"], today)


def _plan(store: Store, circle_id: int, start: date, spec: dict, today: date) -> None:
    """Plan a demo circle's year; meetings before today count as held."""
    from budgetkring.planning import PlanRequest, save_plan
    from budgetkring.schedule import parse_time_range

    begin, end = parse_time_range(spec["time"])
    request = PlanRequest(
        circle_id, start, start.weekday(), begin, end, spec["every"], spec["region"]
    )
    save_plan(store, request, today)
