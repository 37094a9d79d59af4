"""The coordinator's dashboard: every circle on one line, with what needs attention in plain
words and a risk score to put the riskiest first.

What needs attention (only for circles in preparation or running; a finished or stopped circle
needs nothing):

- meetings in the next ``UPCOMING_DAYS`` days without two facilitators (the staffing rules of
  ``staffing.rules``: who is away, stand-ins, a trainee never left with only a trainee);
- no facilitators chosen, or none of the lead pair certified;
- attendance at the meetings held so far below ``ATTENDANCE_THRESHOLD``;
- participants who missed ``ABSENT_IN_A_ROW`` meetings or more in a row without notice;
- fewer active participants than the circle's ``group_min``;
- no data from the facilitator's laptop for more than ``SILENCE_DAYS`` days (a circle made on
  this laptop has no such risk: it is kept here).

The rules are plain functions over ``CircleFacts`` (tested without a database); ``dashboard``
reads the facts of every circle with a few set-based queries (``store.dashboard``), never one
per circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from budgetkring.i18n import _, current_locale, ngettext
from budgetkring.participants.participants import ABSENT_IN_A_ROW
from budgetkring.staffing import rules
from budgetkring.staffing.absences import load_absences
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.pairs import leads_by_circle
from budgetkring.staffing.snapshot import slot_from_row, subs_by_session
from budgetkring.store import Store
from budgetkring.store import dashboard as sql
from budgetkring.store import sessions as session_sql
from budgetkring.store import substitutions as substitution_sql

ACTIVE_STATUSES = ("preparing", "running")  # circles whose risks count
UPCOMING_DAYS = 28  # "upcoming meetings": the next four weeks, today included
ATTENDANCE_THRESHOLD = 0.70  # below this share of "present" marks the attendance needs a look
SILENCE_DAYS = 42  # six weeks without new data from a facilitator's laptop is a risk
MAX_COUNTED = 3  # meetings or people counted in the score: beyond three it is urgent anyway

# How much each kind of attention weighs in the risk score (the sum of a circle's items).
# Meetings without two facilitators weigh most: a meeting may not go ahead. A circle without
# facilitators, or without a certified one, comes next (a trainee pair needs help); then what
# says the group itself is at risk (too few people, low attendance, people staying away); then
# silence, which may only mean the facilitator has not sent their file yet. Meetings and people
# are counted up to MAX_COUNTED times. The help page (coordination.html) names these numbers.
WEIGHTS = {
    "gaps": 40,  # per meeting without two facilitators (at most MAX_COUNTED)
    "no_pair": 30,  # no facilitators chosen for the circle
    "no_certified": 20,  # neither of the lead pair is certified
    "absent": 10,  # per participant absent ABSENT_IN_A_ROW times in a row (at most MAX_COUNTED)
    "small": 15,  # fewer participants than the circle's group_min
    "attendance": 15,  # attendance below ATTENDANCE_THRESHOLD
    "silent": 10,  # no data for more than SILENCE_DAYS days
}


@dataclass(frozen=True)
class Attention:
    """One thing about a circle that needs a look: what kind, in words, how much it weighs."""

    kind: str  # a key of WEIGHTS
    words: str
    weight: int


@dataclass
class CircleFacts:
    """What the rules read about one circle (plain data, built by ``dashboard``)."""

    circle_id: int
    name: str
    town: str
    status: str
    group_min: int = 8
    participants: int = 0  # active participants
    gaps: int = 0  # meetings in the next UPCOMING_DAYS days without two facilitators
    leads: tuple[str, ...] = ()  # the statuses of the current lead pair
    marks: int = 0  # attendance marks at the meetings held so far
    present: int = 0  # of which "present"
    absent_in_a_row: int = 0  # participants who missed ABSENT_IN_A_ROW meetings in a row or more
    received: date | None = None  # when its data last arrived; None: made on this laptop
    sender: str = ""  # whose laptop it came from


@dataclass
class DashboardRow:
    """One circle on the dashboard: its facts, what needs attention, and the risk score."""

    facts: CircleFacts
    items: list[Attention] = field(default_factory=list)
    risk: int = 0
    days_silent: int | None = None  # days since the data arrived; None: made on this laptop

    @property
    def circle_id(self) -> int:
        """The circle's id."""
        return self.facts.circle_id

    @property
    def attendance_rate(self) -> float | None:
        """The share of "present" marks at the meetings held so far (None: none held)."""
        return attendance_rate(self.facts.present, self.facts.marks)

    def attention_words(self) -> str:
        """Everything that needs attention, in one line (or that nothing does)."""
        return "; ".join(item.words for item in self.items) or _("Nothing needs attention")


# --- pure rules -------------------------------------------------------------------------------


def attendance_rate(present: int, marks: int) -> float | None:
    """Present marks as a share of all marks; None without marks."""
    return present / marks if marks else None


def whole_percent(share: float) -> int:
    """A share in whole percents (0.696 is 70): what the user reads, and what the rules compare."""
    return round(share * 100)


def percent(share: float) -> str:
    """A share as the user reads it: "62%" (rounded to whole percents)."""
    return _percent_text(whole_percent(share), current_locale())


@lru_cache(maxsize=256)
def _percent_text(whole: int, locale: str) -> str:
    from babel.numbers import format_percent  # babel is loaded only when a number is shown

    return format_percent(whole / 100, locale=locale)


def absent_run(last_ok: str | None, absent_days: str | None) -> int:
    """How many of the latest held meetings someone missed without notice: their absent days
    after the last day they came or sent notice (``last_ok``), ISO dates; ``absent_days`` is a
    comma-separated list, as ``store.dashboard.attendance_per_participant`` gives it.

    This is ``participants.absences_in_a_row`` for data read in one pass; two meetings of a
    circle on one day count as one moment.
    """
    if not absent_days:
        return 0
    return sum(1 for day in absent_days.split(",") if last_ok is None or day > last_ok)


def days_silent(received: date | None, today: date) -> int | None:
    """Days since a circle's data arrived; None for a circle made on this laptop."""
    return None if received is None else max(0, (today - received).days)


def last_data_words(received: date | None, today: date) -> str:
    """How long ago a circle's data last arrived, in plain words ("3 weeks ago")."""
    days = days_silent(received, today)
    if days is None:
        return _("on this laptop")
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days < 14:
        return ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    weeks = days // 7
    return ngettext("{n} week ago", "{n} weeks ago", weeks).format(n=weeks)


def attention(facts: CircleFacts, today: date) -> list[Attention]:
    """What needs attention in a circle, most weighty first (nothing for a circle that is not
    in preparation or running)."""
    if facts.status not in ACTIVE_STATUSES:
        return []
    items: list[Attention] = []

    def add(kind: str, words: str, times: int = 1) -> None:
        items.append(Attention(kind, words, WEIGHTS[kind] * min(times, MAX_COUNTED)))

    if facts.gaps:
        text = ngettext(
            "{n} meeting in the next {weeks} weeks without two facilitators",
            "{n} meetings in the next {weeks} weeks without two facilitators",
            facts.gaps,
        )
        add("gaps", text.format(n=facts.gaps, weeks=UPCOMING_DAYS // 7), facts.gaps)
    if not facts.leads:
        add("no_pair", _("No facilitators chosen"))
    elif "certified" not in facts.leads:
        add("no_certified", _("No certified facilitator in the pair"))
    if facts.absent_in_a_row:
        text = ngettext(
            "{n} participant missed {times} meetings in a row without notice",
            "{n} participants missed {times} meetings in a row without notice",
            facts.absent_in_a_row,
        )
        times = facts.absent_in_a_row
        add("absent", text.format(n=times, times=ABSENT_IN_A_ROW), times)
    if facts.participants < facts.group_min:
        text = ngettext(
            "Only {n} participant (aim: at least {low})",
            "Only {n} participants (aim: at least {low})",
            facts.participants,
        )
        add("small", text.format(n=facts.participants, low=facts.group_min))
    rate = attendance_rate(facts.present, facts.marks)
    # Compared as shown: 69.6% is read as 70%, which is not below 70%.
    if rate is not None and whole_percent(rate) < whole_percent(ATTENDANCE_THRESHOLD):
        add(
            "attendance",
            _("Attendance {rate} (below {threshold})").format(
                rate=percent(rate), threshold=percent(ATTENDANCE_THRESHOLD)
            ),
        )
    silent = days_silent(facts.received, today)
    if silent is not None and silent > SILENCE_DAYS:
        add("silent", _("No new data for {weeks} weeks").format(weeks=silent // 7))
    return sorted(items, key=lambda item: -item.weight)


def risk_score(items: list[Attention]) -> int:
    """A circle's risk: the sum of the weights of what needs attention (see WEIGHTS)."""
    return sum(item.weight for item in items)


def dashboard_row(facts: CircleFacts, today: date) -> DashboardRow:
    """One circle's line on the dashboard."""
    items = attention(facts, today)
    return DashboardRow(facts, items, risk_score(items), days_silent(facts.received, today))


def by_risk(rows: list[DashboardRow]) -> list[DashboardRow]:
    """Riskiest first; equal risks by name."""
    return sorted(rows, key=lambda row: (-row.risk, row.facts.name.casefold()))


def towns(rows: list[DashboardRow]) -> list[str]:
    """The towns of the circles, each once, alphabetically."""
    return sorted({row.facts.town for row in rows}, key=str.casefold)


def filter_rows(
    rows: list[DashboardRow], town: str | None = None, status: str | None = None
) -> list[DashboardRow]:
    """The rows of one town and/or one circle status (None: all)."""
    return [
        row
        for row in rows
        if (town is None or row.facts.town == town)
        and (status is None or row.facts.status == status)
    ]


# --- reading ----------------------------------------------------------------------------------


def upcoming_gaps(store: Store, today: date, leads: dict[int, list[dict]]) -> dict[int, int]:
    """Per circle id, its meetings in the next UPCOMING_DAYS days that break a staffing rule.

    The same rules as ``staffing.substitutions.find_gaps``, read for these days only (a gap
    search also reads whole months for the workload of stand-ins, which is not needed here).
    """
    last = today + timedelta(days=UPCOMING_DAYS - 1)
    people = facilitators_by_id(store)
    absences = load_absences(store, today, last)
    subs = subs_by_session(
        substitution_sql.substitution_rows(store.db, today.isoformat(), last.isoformat())
    )
    gaps: dict[int, int] = {}
    for row in session_sql.slot_rows(store.db, today.isoformat(), last.isoformat()):
        slot = slot_from_row(row, leads)
        present = rules.expected(slot, people, absences, subs.get(slot.session_id, []))
        if rules.problem(slot, present, people, absences) is not None:
            gaps[slot.circle_id] = gaps.get(slot.circle_id, 0) + 1
    return gaps


def _attendance(store: Store, today: date) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Per circle [marks, present] at held meetings, and how many of its active participants
    missed ABSENT_IN_A_ROW meetings in a row or more."""
    totals: dict[int, list[int]] = {}
    streaks: dict[int, int] = {}
    for row in sql.attendance_per_participant(store.db, today.isoformat()):
        counts = totals.setdefault(row["circle_id"], [0, 0])
        counts[0] += row["marks"]
        counts[1] += row["present"]
        if row["status"] == "active" and (
            absent_run(row["last_ok"], row["absent_days"]) >= ABSENT_IN_A_ROW
        ):
            streaks[row["circle_id"]] = streaks.get(row["circle_id"], 0) + 1
    return totals, streaks


def dashboard(store: Store, today: date) -> list[DashboardRow]:
    """Every circle that is not archived, with what needs attention; riskiest first."""
    leads = leads_by_circle(store)
    gaps = upcoming_gaps(store, today, leads)
    totals, streaks = _attendance(store, today)
    rows = []
    for row in sql.circle_rows(store.db):
        circle_id = row["id"]
        marks, present = totals.get(circle_id, (0, 0))
        received = row["received_at"]
        facts = CircleFacts(
            circle_id,
            row["name"],
            row["municipality"],
            row["status"],
            row["group_min"],
            row["active"],
            gaps.get(circle_id, 0),
            tuple(lead["status"] for lead in rules.current_leads(leads.get(circle_id, []), today)),
            marks,
            present,
            streaks.get(circle_id, 0),
            date.fromisoformat(received[:10]) if received else None,
            row["sender"] or "",
        )
        rows.append(dashboard_row(facts, today))
    return by_risk(rows)
