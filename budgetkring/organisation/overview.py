"""What needs attention (the Overzicht page): plain-language items, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.i18n import _, format_date, ngettext
from budgetkring.organisation.circles import Circle, list_circles
from budgetkring.participants.participants import absence_streaks
from budgetkring.participants.privacy import RETENTION_MONTHS, retention_cases
from budgetkring.planning.sessions import next_sessions
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.substitutions import find_gaps, stand_in_words, substitution_history
from budgetkring.store import Store
from budgetkring.store.participants import participant_counts

ACTIVE_STATUSES = ("preparing", "running")


@dataclass
class AttentionItem:
    """One thing a user should look at, with the circle it is about (if any)."""

    # "gap", "asked", "pair", "no_facilitators", "plan", "group_size", "start_date", "absent",
    # "retention"
    kind: str
    message: str
    circle_id: int | None = None
    urgency: int = 1  # lower is more urgent
    session_id: int | None = None  # for a meeting that misses a facilitator or awaits a yes


def circle_attention(
    circle: Circle, participants: int, next_meeting: date | None = None
) -> list[AttentionItem]:
    """The attention items for one circle (a pure function)."""
    if circle.archived or circle.status not in ACTIVE_STATUSES:
        return []
    items = []
    if len(circle.facilitators) < 2:
        text = (
            _("{circle} has only one facilitator. Choose a second one.")
            if circle.facilitators
            else _("{circle} has no facilitators yet. Choose a pair.")
        )
        items.append(AttentionItem("pair", text.format(circle=circle.name), circle.id, 0))
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


def gap_items(
    store: Store, today: date, pairless: frozenset[int] | set[int] = frozenset()
) -> list[AttentionItem]:
    """Meetings from today on with a place nobody has been asked for yet, soonest first.

    The meetings of a circle in ``pairless`` that miss a facilitator only because the circle
    has no complete pair are left out: that circle has one item of its own (choose a pair).
    """
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
        if g.open_places and not (g.incomplete_pair and g.circle_id in pairless)
    ]


def asked_items(store: Store, today: date) -> list[AttentionItem]:
    """One item per meeting from today on with a stand-in who was asked but has not said yes
    (until it is confirmed on the meeting page), soonest first."""
    waiting: dict[int, list] = {}
    for line in substitution_history(store):
        if not line.confirmed and line.date >= today:
            waiting.setdefault(line.session_id, []).append(line)
    return [
        AttentionItem(
            "asked",
            _("{circle}, {date}: {reason}").format(
                circle=lines[0].circle_name,
                date=format_date(lines[0].date, "EEE d MMM"),
                reason="; ".join(stand_in_words(x, today) for x in lines) + ".",
            ),
            lines[0].circle_id,
            0,
            session_id,
        )
        for session_id, lines in waiting.items()
    ]


def attention_items(
    store: Store, today: date, retention_months: int = RETENTION_MONTHS
) -> list[AttentionItem]:
    """Everything that needs attention across all circles, most urgent first.

    A circle that finished more than ``retention_months`` ago and still holds participant data
    is proposed for clean-up (the user confirms; nothing is removed here)."""
    counts = participant_counts(store.db)
    upcoming = next_sessions(store, today)
    circle_items: list[AttentionItem] = []
    for circle in list_circles(store, today):
        circle_items.extend(
            circle_attention(circle, counts.get(circle.id, 0), upcoming.get(circle.id))
        )
    pairless = {item.circle_id for item in circle_items if item.kind == "pair"}
    if pairless and not facilitators_by_id(store):
        # Nobody to choose a pair from: one item that says so instead of one per circle.
        circle_items = [item for item in circle_items if item.kind != "pair"]
        circle_items.append(
            AttentionItem(
                "no_facilitators",
                _("There are no facilitators yet. Add one first; then choose a pair per circle."),
                None,
                0,
            )
        )
    items = gap_items(store, today, {c for c in pairless if c is not None})
    items.extend(asked_items(store, today))
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
    items.extend(circle_items)
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
