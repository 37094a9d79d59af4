"""The demo organisation: made-up circles, facilitators and participant codes to explore with."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.organisation.circles import add_circle, find_circle
from budgetkring.organisation.database import is_new
from budgetkring.organisation.organisation import organisation_name, rename_organisation
from budgetkring.participants.assessments import assess, current_instrument
from budgetkring.participants.goals import add_goal, set_goal_status
from budgetkring.participants.participants import (
    add_participant,
    held_sessions,
    list_participants,
    record_attendance,
    update_participant,
)
from budgetkring.paths import demo_db_path, is_demo_db, resource_path
from budgetkring.planning.plan import PlanRequest, save_plan
from budgetkring.planning.schedule import first_on_weekday, parse_time_range
from budgetkring.staffing.absences import add_absence
from budgetkring.staffing.facilitators import create_facilitator, update_facilitator
from budgetkring.staffing.pairs import set_pair
from budgetkring.staffing.rules import NEW, Facilitator
from budgetkring.staffing.substitutions import find_gaps, substitute
from budgetkring.store import Store, open_store
from budgetkring.store.db import is_empty
from budgetkring.store.files import backup_dir, os_error, shown
from budgetkring.store.lock import DatabaseLock, lock_path
from budgetkring.store.opening import open_readonly, resolved
from budgetkring.training.certificates import issue
from budgetkring.training.records import (
    add_training_day,
    led_meetings,
    observe,
    set_trainer,
    sign_off,
)


def _spec() -> dict:
    """The shipped demo (data/demo.json)."""
    return json.loads(resource_path("data", "demo.json").read_text(encoding="utf-8"))


def open_demo(own: Path, today: date) -> Store:
    """Open the demo in its own file beside the user's own database (``own`` is not touched),
    filled with the demo organisation the first time."""
    store = open_store(demo_db_path(own))
    try:
        if is_new(store):
            load_demo(store, today)
    except BaseException:
        store.close()
        raise
    return store


def remove_demo(path: Path) -> None:
    """Remove the demo's file with its journals, lock and backups.

    Only the demo: a file with another name, or one that holds another organisation, is refused
    and left as it is. A demo that is open in a window is refused too (its lock is taken first).
    """
    path = resolved(path)
    if not is_demo_db(path):
        raise UserError(_("Only the demo data can be removed this way."))
    if not path.exists():
        return
    lock = DatabaseLock(path)
    lock.acquire()
    try:
        with open_readonly(path) as store:
            ours = organisation_name(store) == _spec()["organisation"]
        if not ours:
            raise UserError(
                _("{path} holds other data than the demo, so it was not removed.").format(
                    path=shown(path)
                )
            )
        try:
            path.unlink()
            for suffix in ("-wal", "-shm", "-journal"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError as err:
            raise os_error(err, path) from None
        shutil.rmtree(backup_dir(path), ignore_errors=True)
    finally:
        lock.release()
    with contextlib.suppress(OSError):  # after the release: Windows cannot remove an open file
        lock_path(path).unlink()


def load_demo(store: Store, today: date) -> None:
    """Fill an empty database with the demo organisation; refuses a database with data."""
    if not is_empty(store.db):
        raise UserError(
            _("The demo can only be loaded into an empty database. This one already has data.")
        )
    spec = _spec()
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
            earlier = item.get("earlier_pair", {}).get("pair", item["pair"])
            first, second = (people[name].id for name in earlier)
            set_pair(store, circle.id, (first, second), start or today, today)
            joined = start or today
            for alias in item["aliases"][: item["participants"]]:
                add_participant(store, circle.id, today, alias=alias, consent=joined, joined=joined)
            if "plan" in item and start is not None:
                _plan(store, circle.id, start, item["plan"], today)
                if "earlier_pair" in item:
                    _pair_takes_over(store, circle.id, item, people, today)
        if "absence" in spec:
            _illness(store, spec["absence"], people, today)
        if "participant_story" in spec:
            _participant_story(store, spec["participant_story"], people, today)
        if "training" in spec:
            _training_story(store, spec["training"], people, today)


def _participant_story(
    store: Store, spec: dict, people: dict[str, Facilitator], today: date
) -> None:
    """Attendance, assessments and goals for the running circle, so every page has content."""
    rng = random.Random(20261129)  # the same demo every time
    circle = find_circle(store, spec["circle"])
    members = list_participants(store, circle.id, today)
    held = held_sessions(store, circle.id, today)
    missing = members[2]  # this one missed the last meetings without notice
    stopped = members[spec["stopped"] - 1]
    for n, session in enumerate(held):
        marks: dict[int, str | None] = {}
        for person in members:
            if person is stopped and n >= len(held) // 2:
                continue
            if person is missing and n >= len(held) - spec["absent_in_a_row"]:
                marks[person.id] = "absent"
            else:
                marks[person.id] = rng.choice(["present"] * 8 + ["excused", "absent"])
        record_attendance(store, session.id, marks, today)
    domains = current_instrument(store).domains()
    first_day = held[0].date if held else today
    for person in members:
        start = {d: rng.randint(1, 4) for d in domains}
        assess(store, person.id, "start", start, first_day)
        if len(held) >= 8 and person is not stopped:
            mid = {d: min(5, s + rng.choice([0, 0, 1, 1, 2])) for d, s in start.items()}
            assess(store, person.id, "mid", mid, held[len(held) // 2].date)
    update_participant(store, stopped.id, status="stopped", stop_reason="work")
    for goal in spec["goals"]:
        person = members[goal["participant"] - 1]
        added = add_goal(
            store, goal["text"], today, participant_id=person.id, domain=goal["domain"]
        )
        if goal.get("status"):
            set_goal_status(store, added.id, goal["status"], today)
    for goal in spec["facilitator_goals"]:
        add_goal(store, goal["text"], today, facilitator_id=people[goal["facilitator"]].id)


def _pair_takes_over(
    store: Store, circle_id: int, item: dict, people: dict[str, Facilitator], today: date
) -> None:
    """The circle's own pair takes over from the earlier pair after its first meetings."""
    held = held_sessions(store, circle_id, today)
    first, second = (people[name].id for name in item["pair"])
    set_pair(store, circle_id, (first, second), held[item["earlier_pair"]["meetings"]].date, today)


def _training_story(store: Store, spec: dict, people: dict[str, Facilitator], today: date) -> None:
    """A trainer, a trainee halfway through the year and a certificate in the register."""
    trainer = people[spec["trainer"]].id
    trainee = people[spec["trainee"]].id
    set_trainer(store, trainer)
    seen = led_meetings(store, trainee, today)[spec["observed_meeting"] - 1]
    observe(
        store, trainee, seen.session_id, trainer, today, spec["scores"], spec["observation_note"]
    )
    for code in spec["signed_off"]:
        sign_off(store, trainee, code, trainer, seen.day)
    for day in spec["training_days"]:
        add_training_day(store, trainee, today + timedelta(day["offset_days"]), day["topic"], today)
    given = spec["certificate"]
    issue(store, people[given["name"]].id, trainer, today + timedelta(given["offset_days"]), 3)


def _illness(store: Store, spec: dict, people: dict[str, Facilitator], today: date) -> None:
    """A facilitator ill for a while: the first meeting in that time gets a confirmed stand-in."""
    first = today + timedelta(spec["from_offset_days"])
    last = today + timedelta(spec["to_offset_days"])
    ill = people[spec["name"]].id
    add_absence(store, ill, first, last, spec["reason"])
    gaps = find_gaps(store, today, today, last)
    if gaps:
        substitute(
            store, gaps[0].session_id, people[spec["stand_in"]].id, ill, today, confirmed=True
        )


def _plan(store: Store, circle_id: int, start: date, spec: dict, today: date) -> None:
    """Plan a demo circle's year; meetings before today count as held."""
    begin, end = parse_time_range(spec["time"])
    request = PlanRequest(
        circle_id, start, start.weekday(), begin, end, spec["every"], spec["region"]
    )
    save_plan(store, request, today)
