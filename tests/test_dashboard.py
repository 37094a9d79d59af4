"""The coordinator's dashboard (issue 12): every circle with what needs attention in plain words,
the riskiest first; the rules as plain functions, the reading set-based, and the chart of
attendance per month as plain geometry."""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

import pytest

from budgetkring.documents.attendance_chart import (
    MonthAttendance,
    attendance_chart,
    monthly_attendance,
    year_months,
)
from budgetkring.exchange.dashboard import (
    MAX_COUNTED,
    SILENCE_DAYS,
    UPCOMING_DAYS,
    WEIGHTS,
    CircleFacts,
    absent_run,
    attention,
    by_risk,
    dashboard,
    dashboard_row,
    filter_rows,
    last_data_words,
    towns,
)
from budgetkring.organisation.circles import (
    add_circle,
    find_circle,
    list_circles,
    set_archived,
    update_circle,
)
from budgetkring.participants.participants import (
    absence_streaks,
    add_participant,
    held_sessions,
    list_participants,
    record_attendance,
)
from budgetkring.paths import resource_path
from budgetkring.planning.plan import PlanRequest, save_plan
from budgetkring.planning.sessions import add_extra_session, list_sessions
from budgetkring.staffing.absences import add_absence
from budgetkring.staffing.pairs import set_pair
from budgetkring.staffing.substitutions import find_gaps
from tests.conftest import TODAY, add_person

START = TODAY - timedelta(weeks=12, days=-1)  # a Monday, twelve weeks ago: the circles begin
RECEIVED = TODAY - timedelta(weeks=10)


# --- pure rules -------------------------------------------------------------------------------


def _facts(**changes) -> CircleFacts:
    """A running circle with nothing wrong, changed where a test says so."""
    values = dict(
        circle_id=1,
        name="Kring",
        town="Zwolle",
        status="running",
        group_min=8,
        participants=9,
        leads=("certified", "trainee"),
        marks=100,
        present=90,
    )
    values.update(changes)
    return CircleFacts(**values)


def test_a_circle_with_nothing_wrong_needs_nothing():
    """A running circle with a certified lead, 9 people and 90% attendance: risk 0."""
    row = dashboard_row(_facts(), TODAY)
    assert row.items == [] and row.risk == 0
    assert row.attention_words() == "Nothing needs attention"


def test_every_kind_of_attention_in_plain_words_and_its_weight():
    """Each problem gives its own item in words; the risk is the sum of the documented weights,
    with meetings and people counted up to MAX_COUNTED."""
    facts = _facts(
        participants=7,
        gaps=5,
        leads=("trainee", "trainee"),
        marks=100,
        present=60,
        absent_in_a_row=2,
        received=TODAY - timedelta(days=70),
    )
    row = dashboard_row(facts, TODAY)
    words = {item.kind: item.words for item in row.items}
    assert words == {
        "gaps": "5 meetings in the next 4 weeks without two facilitators",
        "no_certified": "No certified facilitator in the pair",
        "absent": "2 participants missed 3 meetings in a row without notice",
        "small": "Only 7 participants (aim: at least 8)",
        "attendance": "Attendance 60% (below 70%)",
        "silent": "No new data for 10 weeks",
    }
    expected = (
        WEIGHTS["gaps"] * MAX_COUNTED
        + WEIGHTS["no_certified"]
        + 2 * WEIGHTS["absent"]
        + WEIGHTS["small"]
        + WEIGHTS["attendance"]
        + WEIGHTS["silent"]
    )
    assert row.risk == expected
    assert row.items[0].kind == "gaps"  # the weightiest first
    assert row.attention_words().startswith("5 meetings in the next 4 weeks")


def test_no_pair_is_named_instead_of_no_certified_facilitator():
    """A circle without facilitators says so (not that none of them is certified)."""
    kinds = [item.kind for item in attention(_facts(leads=()), TODAY)]
    assert kinds == ["no_pair"]


@pytest.mark.parametrize("status", ["finished", "stopped"])
def test_a_finished_or_stopped_circle_needs_nothing(status):
    """What is over needs no attention, whatever its figures."""
    facts = _facts(status=status, participants=0, leads=(), received=TODAY - timedelta(days=300))
    assert dashboard_row(facts, TODAY).risk == 0


@pytest.mark.parametrize(
    "present, below",
    [(696, False), (700, False), (694, True), (500, True)],
)
def test_attendance_is_compared_as_it_is_shown(present, below):
    """69.6% shows as 70%, which is not below 70%; 69.4% shows as 69%, which is."""
    kinds = {item.kind for item in attention(_facts(marks=1000, present=present), TODAY)}
    assert ("attendance" in kinds) is below


def test_no_meetings_held_is_no_low_attendance():
    """A circle in preparation without marks has no attendance rate, and no item about it."""
    row = dashboard_row(_facts(status="preparing", marks=0, present=0), TODAY)
    assert row.attendance_rate is None and row.items == []


@pytest.mark.parametrize(
    "days, silent", [(SILENCE_DAYS, False), (SILENCE_DAYS + 1, True), (None, False)]
)
def test_silence_is_a_risk_after_six_weeks_never_on_this_laptop(days, silent):
    """More than six weeks without data is a risk; a circle made on this laptop never is."""
    received = None if days is None else TODAY - timedelta(days=days)
    kinds = {item.kind for item in attention(_facts(received=received), TODAY)}
    assert ("silent" in kinds) is silent


@pytest.mark.parametrize(
    "days, words",
    [
        (None, "on this laptop"),
        (0, "today"),
        (1, "yesterday"),
        (10, "10 days ago"),
        (14, "2 weeks ago"),
        (70, "10 weeks ago"),
    ],
)
def test_how_long_ago_the_data_arrived_in_words(days, words):
    """Days for the last two weeks, then weeks; "on this laptop" for a circle made here."""
    received = None if days is None else TODAY - timedelta(days=days)
    assert last_data_words(received, TODAY) == words


@pytest.mark.parametrize(
    "last_ok, absent_days, run",
    [
        (None, None, 0),
        (None, "2026-10-01,2026-10-15", 2),
        ("2026-10-20", "2026-10-01,2026-10-15", 0),
        ("2026-10-10", "2026-11-05,2026-10-01,2026-10-15,2026-10-29", 3),
    ],
)
def test_absent_run_counts_the_absences_after_the_last_visit(last_ok, absent_days, run):
    """The run is the absences after the last day someone came or sent notice (any order)."""
    assert absent_run(last_ok, absent_days) == run


def test_riskiest_first_then_by_name_and_filters():
    """Rows sort by risk, equal risks by name; filters keep one town and/or one status."""
    rows = [
        dashboard_row(_facts(circle_id=1, name="b", town="Kampen"), TODAY),
        dashboard_row(_facts(circle_id=2, name="A", town="Zwolle", participants=3), TODAY),
        dashboard_row(_facts(circle_id=3, name="a2", town="Zwolle", status="finished"), TODAY),
    ]
    assert [r.facts.name for r in by_risk(rows)] == ["A", "a2", "b"]
    assert towns(rows) == ["Kampen", "Zwolle"]
    assert [r.circle_id for r in filter_rows(rows, town="Zwolle")] == [2, 3]
    assert [r.circle_id for r in filter_rows(rows, "Zwolle", "running")] == [2]
    assert filter_rows(rows, "Kampen", "finished") == []


def test_the_help_page_names_the_weights_in_use():
    """The help explains the risk with the weights the code uses (they cannot drift apart)."""
    for language in ("nl", "en"):
        html = resource_path("resources", "help", language, "coordination.html").read_text("utf-8")
        for weight in WEIGHTS.values():
            assert f" {weight}" in html, (language, weight)


# --- reading from the database ----------------------------------------------------------------


def make_circle(store, name, town, pair, people, *, status="running"):
    """A circle planned from START (meetings every two weeks, the first ones held; each circle
    on a day of its own, so a pair can lead several), its pair, and ``people`` participants who
    joined at the start."""
    start = START + timedelta(days=len(list_circles(store, TODAY, include_archived=True)) % 5)
    circle = add_circle(store, name=name, municipality=town, status=status)
    set_pair(store, circle.id, pair, START, TODAY)
    request = PlanRequest(circle.id, start, start.weekday(), time(14), time(16), "2w", "midden")
    save_plan(store, request, TODAY)
    ids = [add_participant(store, circle.id, TODAY, consent=START, joined=START).id]
    ids += [add_participant(store, circle.id, TODAY, joined=START).id for _ in range(people - 1)]
    return circle, ids


def mark_all(store, circle_id, ids, status="present", exceptions=None):
    """Mark everyone at every held meeting; ``exceptions(n, index)`` may give another status
    for the n-th participant at the index-th meeting from the end (0 = the latest)."""
    held = held_sessions(store, circle_id, TODAY)
    for back, session in enumerate(reversed(held)):
        marks = {}
        for n, pid in enumerate(ids):
            marks[pid] = (exceptions and exceptions(n, back)) or status
        record_attendance(store, session.id, marks, TODAY)
    return held


def received_from(store, circle_id, sender, when):
    """Mark a circle as received from a facilitator's laptop (as the exchange does)."""
    row = store.db.execute("SELECT id FROM sender WHERE name = ?", [sender]).fetchone()
    sender_id = (
        row[0]
        if row
        else store.db.execute(
            "INSERT INTO sender (uid, name, secret) VALUES (?, ?, 'x')", [sender, sender]
        ).lastrowid
    )
    store.db.execute(
        "UPDATE circle SET sender_id = ?, received_at = ? WHERE id = ?",
        [sender_id, f"{when.isoformat()} 09:30:00", circle_id],
    )
    store.db.conn.commit()


def organisation(store):
    """Five circles: Zwolle-Noord (trainee pair, 7 people, one absent three times in a row,
    data 10 weeks old), Deventer-West (a facilitator ill at its next meeting and at an extra
    one: two meetings without two facilitators; half the group excused every time),
    Kampen-Oost (all well), Hattem-Klaar (finished) and an archived one."""
    tina, tom = add_person(store, "Tina", "trainee"), add_person(store, "Tom", "trainee")
    cor, cas = add_person(store, "Cor", "certified"), add_person(store, "Cas", "certified")
    dirk, dora = add_person(store, "Dirk", "certified"), add_person(store, "Dora", "certified")
    noord, noord_ids = make_circle(store, "Zwolle-Noord", "Zwolle", (tina.id, tom.id), 7)
    mark_all(
        store, noord.id, noord_ids, exceptions=lambda n, back: n == 0 and back < 3 and "absent"
    )
    received_from(store, noord.id, "Laptop Tina", RECEIVED)
    west, west_ids = make_circle(store, "Deventer-West", "Deventer", (dirk.id, dora.id), 8)
    mark_all(store, west.id, west_ids, exceptions=lambda n, back: n % 2 and "excused")
    add_absence(store, dora.id, TODAY, TODAY + timedelta(days=UPCOMING_DAYS - 1), "illness")
    add_extra_session(store, west.id, TODAY + timedelta(days=3), time(10), time(12), "Uitje", TODAY)
    oost, oost_ids = make_circle(store, "Kampen-Oost", "Kampen", (cor.id, cas.id), 8)
    mark_all(store, oost.id, oost_ids)
    klaar, _ids = make_circle(store, "Hattem-Klaar", "Hattem", (cor.id, cas.id), 3)
    update_circle(store, klaar.id, name="Hattem-Klaar", municipality="Hattem", status="finished")
    weg, _ids = make_circle(store, "Weg", "Zwolle", (cor.id, cas.id), 2)
    set_archived(store, weg.id, True)
    return {"noord": noord, "west": west, "oost": oost, "klaar": klaar}


@pytest.fixture
def circles(store):
    """The organisation of ``organisation`` on a fresh database."""
    return organisation(store)


def test_the_riskiest_circle_comes_first_and_archived_ones_are_left_out(store, circles):
    """Deventer-West (meetings without two facilitators) first, then Zwolle-Noord; finished
    and well-run circles last; the archived circle is not there."""
    rows = dashboard(store, TODAY)
    assert [r.facts.name for r in rows] == [
        "Deventer-West",
        "Zwolle-Noord",
        "Hattem-Klaar",
        "Kampen-Oost",
    ]
    assert rows[0].risk > rows[1].risk > 0 == rows[2].risk == rows[3].risk


def test_what_is_wrong_with_each_circle_is_read_from_the_database(store, circles):
    """Every fact of issue 12 is found: the trainee pair, 7 participants, one absent three
    times, data 10 weeks old; two meetings without two facilitators, attendance 50%."""
    rows = {r.facts.name: r for r in dashboard(store, TODAY)}
    noord = rows["Zwolle-Noord"]
    assert {i.kind for i in noord.items} == {"no_certified", "absent", "small", "silent"}
    assert noord.facts.participants == 7 and noord.facts.absent_in_a_row == 1
    assert noord.facts.received == RECEIVED and noord.facts.sender == "Laptop Tina"
    assert last_data_words(noord.facts.received, TODAY) == "10 weeks ago"
    assert "1 participant missed 3 meetings in a row without notice" in noord.attention_words()
    west = rows["Deventer-West"]
    assert west.facts.gaps == 2 and west.attendance_rate == pytest.approx(0.5)
    assert {i.kind for i in west.items} == {"gaps", "attendance"}
    assert "2 meetings in the next 4 weeks without two facilitators" in west.attention_words()
    assert rows["Kampen-Oost"].items == [] and rows["Kampen-Oost"].facts.received is None


def test_a_visit_ends_the_run_of_absences(store, circles):
    """Once the absent participant comes again, the circle no longer has them as a worry."""
    noord = circles["noord"]
    first = list_participants(store, noord.id, TODAY)[0]
    latest = held_sessions(store, noord.id, TODAY)[-1]
    record_attendance(store, latest.id, {first.id: "present"}, TODAY)
    row = next(r for r in dashboard(store, TODAY) if r.circle_id == noord.id)
    assert row.facts.absent_in_a_row == 0 and "absent" not in {i.kind for i in row.items}


def _same_as_the_services(store):
    """The dashboard's set-based figures agree with the services each page uses."""
    rows = {r.circle_id: r for r in dashboard(store, TODAY)}
    gaps = Counter(
        g.circle_id
        for g in find_gaps(store, TODAY, TODAY, TODAY + timedelta(days=UPCOMING_DAYS - 1))
    )
    streaks = Counter(circle_id for circle_id, _code, _run in absence_streaks(store, TODAY))
    for circle_id, row in rows.items():
        assert row.facts.gaps == gaps.get(circle_id, 0), row.facts.name
        assert row.facts.absent_in_a_row == streaks.get(circle_id, 0), row.facts.name
        people = list_participants(store, circle_id, TODAY)
        marks = sum(p.present + p.excused + p.absent for p in people)
        assert (row.facts.marks, row.facts.present) == (marks, sum(p.present for p in people))
    return rows


def test_the_figures_agree_with_the_staffing_and_participant_services(store, circles):
    """Gaps, runs of absences and attendance are the ones find_gaps, absence_streaks and the
    participants page find."""
    assert len(_same_as_the_services(store)) == 4


def test_the_figures_agree_on_the_demo_organisation(demo_store):
    """On the demo too (its stand-ins, absences and stopped participants)."""
    rows = _same_as_the_services(demo_store)
    zwolle = rows[find_circle(demo_store, "Zwolle-Zuid").id]
    assert zwolle.facts.absent_in_a_row >= 1 and zwolle.facts.marks > 0


def test_the_number_of_queries_does_not_grow_with_the_circles(store, circles):
    """The dashboard reads all circles with the same few queries, however many there are."""

    def statements() -> int:
        seen: list[str] = []
        store.db.conn.set_trace_callback(seen.append)
        try:
            dashboard(store, TODAY)
        finally:
            store.db.conn.set_trace_callback(None)
        return len(seen)

    before = statements()
    facilitators = [add_person(store, f"Extra {n}", "certified").id for n in range(6)]
    for n in range(3):
        circle, ids = make_circle(
            store, f"Extra {n}", "Zwolle", (facilitators[2 * n], facilitators[2 * n + 1]), 4
        )
        mark_all(store, circle.id, ids)
    assert len(dashboard(store, TODAY)) == 7
    assert statements() == before <= 10


# --- the chart of attendance per month --------------------------------------------------------


def test_the_year_is_the_last_twelve_months():
    """Twelve first days of the month, ending with the month of today."""
    months = year_months(TODAY)
    assert months[0] == date(2025, 12, 1) and months[-1] == date(2026, 11, 1)
    assert len(months) == 12 == len(set(months))


def test_the_chart_reads_without_colour():
    """Each month a bar with its percentage above it; below the threshold hatched, a month
    without meetings "–" and no bar; heights in proportion; the year under the first month
    and under January; a summary in words."""
    months = [MonthAttendance(m) for m in year_months(TODAY)]
    months[1] = MonthAttendance(months[1].month, 2, 20, 10)  # January: 50%
    months[2] = MonthAttendance(months[2].month, 2, 20, 18)  # February: 90%
    chart = attendance_chart(months, 600, 300, line_height=15, label_width=30)
    bars = chart.bars
    assert [b.value for b in bars[:4]] == ["–", "50%", "90%", "–"]
    assert [b.pattern for b in bars[:4]] == ["none", "hatched", "solid", "none"]
    plot = chart.bottom - chart.top
    assert bars[1].height == pytest.approx(plot * 0.5)
    assert bars[2].height == pytest.approx(plot * 0.9) and bars[0].height == 0
    assert [b.year for b in bars[:3]] == ["2025", "2026", ""]
    assert chart.top < chart.threshold.y < chart.bottom and chart.threshold.label == "70%"
    assert [g.label for g in chart.grid] == ["0%", "50%", "100%"]
    xs = [b.x for b in bars]
    assert xs == sorted(xs) and bars[-1].x + bars[-1].width <= chart.right <= 600
    assert chart.top >= 15  # room for "100%" above a full bar
    assert "50%" in chart.summary and "no meeting" in chart.summary


def test_the_months_of_a_circle_come_from_its_held_meetings(store, circles):
    """Deventer-West's months with meetings show 50% (half excused); cancelled and future
    meetings do not count; the months before it began have no meeting."""
    west = circles["west"]
    months = monthly_attendance(store, west.id, TODAY)
    held = held_sessions(store, west.id, TODAY)
    with_meetings = {s.date.replace(day=1) for s in held}
    assert {m.month for m in months if m.meetings} == with_meetings
    assert all(m.rate == pytest.approx(0.5) for m in months if m.meetings)
    assert sum(m.meetings for m in months) == len(held)
    assert months[0].rate is None
    upcoming = [s for s in list_sessions(store, west.id, TODAY) if s.date >= TODAY]
    assert upcoming  # planned meetings exist, and none of them counts
