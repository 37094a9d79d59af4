"""Planning a circle's year: a preview with every meeting and every skipped day, then saving.

Re-planning keeps every meeting already held (with its data) and plans only the rest of the
programme; meetings still to come are re-used in order, so calendar exports update rather than
duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import get_circle
from budgetkring.planning import schedule
from budgetkring.planning.days_off import days_off_for_circle
from budgetkring.planning.programmes import (
    Programme,
    SessionTemplate,
    find_programme,
    get_version,
)
from budgetkring.planning.sessions import Session, list_sessions
from budgetkring.store import Store
from budgetkring.store import sessions as sql
from budgetkring.store import substitutions as substitution_sql


@dataclass
class PlanRequest:
    """The choices of the plan dialog or the `plan` command."""

    circle_id: int
    start: date
    weekday: int
    start_time: time
    end_time: time
    cadence: str = "2w"
    region: str = "midden"
    programme: str | None = None  # a programme name; None keeps the circle's own version


@dataclass
class PlannedMeeting:
    """A meeting in the preview: its day and theme (None for a meeting that is kept)."""

    day: date
    template: SessionTemplate
    number: int


@dataclass
class PlanPreview:
    """What saving would do: the meetings kept, the new ones, the days skipped and why."""

    programme: Programme
    kept: list[Session]
    meetings: list[PlannedMeeting]
    skipped: list[tuple[date, str]]
    warnings: list[str] = field(default_factory=list)


def _programme_for(store: Store, request: PlanRequest) -> Programme:
    if request.programme:
        return find_programme(store, request.programme)
    plan = sql.plan_row(store.db, request.circle_id)
    if plan:
        return get_version(store, plan["version_id"])
    return find_programme(store)


def preview_plan(store: Store, request: PlanRequest, today: date) -> PlanPreview:
    """Work out the plan without saving anything; a UserError when it cannot be made."""
    get_circle(store, request.circle_id)
    schedule.check_times(request.start_time, request.end_time)
    if request.cadence not in schedule.CADENCES:
        schedule.parse_cadence(request.cadence)
    if request.region not in schedule.REGIONS:
        schedule.parse_region(request.region)
    programme = _programme_for(store, request)
    existing = list_sessions(store, request.circle_id, today)
    kept = [s for s in existing if s.status == "held" or s.date < today]
    done_keys = {s.template_key for s in kept if s.status != "cancelled" and s.template_key}
    todo = [t for t in programme.sessions if t.key not in done_keys]
    if not todo:
        raise UserError(
            _("Every meeting of the programme has been held; there is nothing left to plan.")
        )
    first = request.start
    if kept:
        first = max(first, today, max(s.date for s in kept) + timedelta(days=1))
    # Extra meetings still to come stay where they are; their days are taken.
    kept_ids = {s.id for s in kept}
    extras = [s for s in existing if s.extra and s.status != "cancelled" and s.id not in kept_ids]
    kept_days = {s.date for s in kept + extras if s.status != "cancelled"}
    days_off = days_off_for_circle(
        store, request.circle_id, request.region, request.start_time, request.end_time
    )
    dates, skipped = schedule.generate_dates(
        first,
        request.weekday,
        request.cadence,
        len(todo),
        days_off.reason,
        kept_days,
        days_off.soft_reason,
    )
    offset = len([s for s in kept if s.status != "cancelled"])
    meetings = [
        PlannedMeeting(d, t, offset + n)
        for n, (d, t) in enumerate(zip(dates, todo, strict=True), 1)
    ]
    warnings = []
    known_until = schedule.school_holiday_range()[1]
    if dates and dates[-1] > known_until:
        warnings.append(
            _(
                "School holidays after {date} are not known to Budgetkring yet; check those "
                "meetings yourself."
            ).format(date=format_date(known_until))
        )
    if dates and dates[0] < today:
        warnings.append(_("Meetings before today are saved as held."))
    known_from = schedule.school_holiday_range()[0]
    if dates and dates[0] < known_from:
        warnings.append(
            _(
                "School holidays before {date} are not known to Budgetkring; check those "
                "meetings yourself."
            ).format(date=format_date(known_from))
        )
    return PlanPreview(programme, kept + extras, meetings, skipped, warnings)


def save_plan(store: Store, request: PlanRequest, today: date) -> PlanPreview:
    """Save the plan that ``preview_plan`` shows; returns that preview."""
    preview = preview_plan(store, request, today)
    kept_ids = {s.id for s in preview.kept}
    reusable = [s for s in list_sessions(store, request.circle_id, today) if s.id not in kept_ids]
    hours = {
        "start_time": request.start_time.strftime("%H:%M"),
        "end_time": request.end_time.strftime("%H:%M"),
    }
    with store.transaction() as db:
        sql.save_plan_row(
            db,
            {
                "circle_id": request.circle_id,
                "version_id": preview.programme.version_id,
                "start_date": request.start.isoformat(),
                "weekday": request.weekday,
                "cadence": request.cadence,
                "region": request.region,
                **hours,
            },
        )
        for n, meeting in enumerate(preview.meetings):
            values = {
                "date": meeting.day.isoformat(),
                "template_id": meeting.template.id,
                **hours,
                "status": "held" if meeting.day < today else "planned",
            }
            detail: dict[str, object] = {
                "date": meeting.day.isoformat(),
                "start": hours["start_time"],
            }
            if n < len(reusable):
                dropped = substitution_sql.drop_session_substitutions(db, reusable[n].id)
                if dropped:
                    detail["stand_ins_removed"] = dropped
                sql.update_session(db, reusable[n].id, values)
                sql.add_event(db, reusable[n].id, "replanned", detail)
            else:
                session_id = sql.insert_session(db, {"circle_id": request.circle_id, **values})
                sql.add_event(db, session_id, "planned", detail)
        for surplus in reusable[len(preview.meetings) :]:
            sql.delete_session(db, surplus.id)
    return preview


def circle_plan_settings(store: Store, circle_id: int) -> dict | None:
    """The choices a circle was last planned with (for the plan dialog), or None."""
    return sql.plan_row(store.db, circle_id)
