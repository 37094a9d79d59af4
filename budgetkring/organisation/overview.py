"""What needs attention (the Overzicht page): plain-language items, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.i18n import _, format_date, ngettext
from budgetkring.organisation.circles import Circle, list_circles
from budgetkring.participants.participants import absence_streaks
from budgetkring.participants.privacy import RETENTION_MONTHS, retention_cases
from budgetkring.planning.sessions import next_sessions
from budgetkring.staffing.substitutions import find_gaps
from budgetkring.store import Store
from budgetkring.store.participants import participant_counts

ACTIVE_STATUSES = ("preparing", "running")


@dataclass
class AttentionItem:
    """One thing a user should look at, with the circle it is about (if any)."""

    kind: str  # "gap", "pair", "plan", "group_size", "start_date", "absent", "retention"
    message: str
    circle_id: int | None = None
    urgency: int = 1  # lower is more urgent
    session_id: int | None = None  # for a meeting that misses a facilitator


def circle_attention(
    circle: Circle, participants: int, next_meeting: date | None = None
) -> list[AttentionItem]:
    """The attention items for one circle (a pure function)."""
    if circle.archived or circle.status not in ACTIVE_STATUSES:
        return []
    items = []
    if len(circle.facilitators) < 2:
        items.append(
            AttentionItem(
                "pair",
                _("{circle} does not have two facilitators yet.").format(circle=circle.name),
                circle.id,
                0,
            )
        )
    if circle.status == "running" and circle.start_date is None:
        items.append(
            AttentionItem(
                "start_date",
                _("{circle} is running but has no start date.").format(circle=circle.name),
                circle.id,
            )
        )
    if next_meeting is None and (circle.status == "running" or circle.start_date):
        items.append(
            AttentionItem(
                "plan",
                _("{circle} has no meetings planned.").format(circle=circle.name),
                circle.id,
                1,
            )
        )
    if participants < circle.group_min:
        text = ngettext(
            "{circle} has {n} participant; the aim is {low} to {high}.",
            "{circle} has {n} participants; the aim is {low} to {high}.",
            participants,
        )
        items.append(
            AttentionItem(
                "group_size",
                text.format(
                    circle=circle.name, n=participants, low=circle.group_min, high=circle.group_max
                ),
                circle.id,
                2,
            )
        )
    return items


def gap_items(store: Store, today: date) -> list[AttentionItem]:
    """Meetings from today on that miss a facilitator, soonest first."""
    return [
        AttentionItem(
            "gap",
            _("{circle}, {date}: {reason}").format(
                circle=g.circle_name, date=format_date(g.date, "EEE d MMM"), reason=g.reason
            ),
            g.circle_id,
            -1,
            g.session_id,
        )
        for g in find_gaps(store, today)
    ]


def attention_items(
    store: Store, today: date, retention_months: int = RETENTION_MONTHS
) -> list[AttentionItem]:
    """Everything that needs attention across all circles, most urgent first.

    A circle that finished more than ``retention_months`` ago and still holds participant data
    is proposed for clean-up (the user confirms; nothing is removed here)."""
    counts = participant_counts(store.db)
    upcoming = next_sessions(store, today)
    items: list[AttentionItem] = gap_items(store, today)
    for circle_id, code, run in absence_streaks(store, today):
        items.append(
            AttentionItem(
                "absent",
                ngettext(
                    "{code} was not there {n} time in a row, without notice. Give them a call?",
                    "{code} was not there {n} times in a row, without notice. Give them a call?",
                    run,
                ).format(code=code, n=run),
                circle_id,
                1,
            )
        )
    for circle in list_circles(store, today):
        items.extend(circle_attention(circle, counts.get(circle.id, 0), upcoming.get(circle.id)))
    for case in retention_cases(store, today, retention_months):
        items.append(
            AttentionItem(
                "retention",
                _(
                    "{circle} ended on {date}. The data per participant may now be removed; "
                    "only anonymous totals are kept."
                ).format(circle=case.circle_name, date=format_date(case.finished_on)),
                case.circle_id,
                3,
            )
        )
    return sorted(items, key=lambda item: item.urgency)
