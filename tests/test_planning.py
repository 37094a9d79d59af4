"""Planning with a database: plan, re-plan, move, cancel, extra meetings, history, absences."""

from datetime import date, time, timedelta

import pytest

from budgetkring.errors import UserError
from budgetkring.organisation.circles import add_circle, find_circle
from budgetkring.planning.plan import PlanRequest, preview_plan, save_plan
from budgetkring.planning.programmes import find_programme, save_version
from budgetkring.planning.sessions import (
    ConflictError,
    add_extra_session,
    cancel_session,
    history,
    list_sessions,
    move_session,
    next_sessions,
)
from budgetkring.staffing.pairs import set_pair
from budgetkring.store import absences as absence_sql
from tests.conftest import TODAY, add_person, fid


def plan_circle(store, circle_id, start=date(2027, 1, 5), today=TODAY, **kw):
    """Plan a circle: Tuesdays 13:30-15:30 every 2 weeks, region midden."""
    weekday = kw.pop("weekday", 1)
    request = PlanRequest(
        circle_id,
        start,
        weekday,
        time(13, 30),
        time(15, 30),
        kw.pop("cadence", "2w"),
        kw.pop("region", "midden"),
        kw.pop("programme", None),
    )
    return save_plan(store, request, today)


@pytest.fixture
def circle(store):
    """An empty circle led by two certified facilitators."""
    c = add_circle(store, name="Zwolle", municipality="Zwolle")
    add_person(store, "Anja", "certified")
    add_person(store, "Kees", "certified")
    set_pair(store, c.id, (fid(store, "Anja"), fid(store, "Kees")), TODAY, TODAY)
    return c


def test_plan_saves_one_meeting_per_programme_meeting(store, circle):
    """The default programme's 19 meetings are saved, in order, with who leads them."""
    preview = plan_circle(store, circle.id)
    sessions = list_sessions(store, circle.id, TODAY)
    assert len(sessions) == len(find_programme(store).sessions) == len(preview.meetings)
    assert [s.number for s in sessions] == list(range(1, len(sessions) + 1))
    assert sessions[0].theme == "Kennismaken en afspraken"
    assert sessions[0].facilitators == ["Anja", "Kees"]
    assert next_sessions(store, TODAY)[circle.id] == date(2027, 1, 5)


def test_preview_saves_nothing(store, circle):
    """A preview lists meetings and skipped days but writes no meeting."""
    request = PlanRequest(circle.id, date(2026, 12, 1), 1, time(10), time(12), "1w", "midden")
    preview = preview_plan(store, request, TODAY)
    assert preview.meetings and any("Kerstvakantie" in r for _d, r in preview.skipped)
    assert list_sessions(store, circle.id, TODAY) == []


def test_replanning_keeps_held_meetings(store, circle):
    """Re-planning later keeps every held meeting and plans only the remaining themes."""
    plan_circle(store, circle.id, start=date(2026, 9, 1))
    before = list_sessions(store, circle.id, TODAY)
    held = [s for s in before if s.status == "held"]
    assert held
    plan_circle(store, circle.id, start=date(2027, 1, 1), cadence="1w")
    after = list_sessions(store, circle.id, TODAY)
    assert [(s.id, s.date, s.theme) for s in after[: len(held)]] == [
        (s.id, s.date, s.theme) for s in held
    ]
    assert len(after) == len(before)
    assert all(s.date >= date(2027, 1, 1) for s in after[len(held) :])
    assert {s.theme for s in after} == {s.theme for s in before}
    assert {s.id for s in after} == {s.id for s in before}, "rows are re-used (stable .ics UIDs)"


def test_a_circle_keeps_its_programme_version(store, circle):
    """After the programme is edited, re-planning without --programme keeps the old version."""
    plan_circle(store, circle.id)
    programme = find_programme(store)
    programme.sessions[0].title = "Nieuwe titel"
    save_version(store, programme)
    plan_circle(store, circle.id, start=date(2027, 2, 2))
    assert list_sessions(store, circle.id, TODAY)[0].theme == "Kennismaken en afspraken"
    plan_circle(store, circle.id, start=date(2027, 2, 2), programme="Gelukkig met Genoeg")
    assert list_sessions(store, circle.id, TODAY)[0].theme == "Nieuwe titel"


def test_known_absence_of_a_lead_is_skipped(store, circle):
    """A lead facilitator's absence is a skipped day with their name as the reason."""
    from budgetkring.staffing.facilitators import find_facilitator

    anja = find_facilitator(store, "Anja")
    with store.transaction() as db:
        absence_sql.insert_absence(
            db,
            {
                "facilitator_id": anja.id,
                "from_date": "2027-01-04",
                "to_date": "2027-01-10",
                "reason": "holiday",
            },
        )
    preview = plan_circle(store, circle.id)
    assert preview.meetings[0].day == date(2027, 1, 12)
    assert preview.skipped[0] == (date(2027, 1, 5), "Anja is away")


def test_move_keeps_history_and_reason(store, circle):
    """A move changes date and time; the history says from where to where and why."""
    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    moved = move_session(store, first.id, date(2027, 1, 7), time(14), time(16), "zaal bezet", TODAY)
    assert (moved.date, moved.start, moved.status) == (date(2027, 1, 7), time(14), "moved")
    lines = history(store, first.id)
    assert "Moved from" in lines[-1].text and lines[-1].reason == "zaal bezet"


@pytest.mark.parametrize(
    "target, fragment",
    [
        (date(2027, 4, 27), "public holiday"),  # King's Day
        (date(2027, 1, 19), "already meets"),
        (date(2027, 1, 26), "order would change"),
    ],
)
def test_move_conflicts_are_refused_and_change_nothing(store, circle, target, fragment):
    """A move onto a holiday, a meeting day, or past the next meeting is refused."""
    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    with pytest.raises(ConflictError, match=fragment):
        move_session(store, first.id, target, None, None, "", TODAY)
    assert list_sessions(store, circle.id, TODAY)[0].date == first.date


def test_facilitator_with_two_meetings_at_once_is_a_conflict(store, circle):
    """Moving onto the time another circle led by the same person meets is refused."""
    other = add_circle(store, name="Kampen", municipality="Kampen")
    add_person(store, "Ria", "certified")
    set_pair(store, other.id, (fid(store, "Anja"), fid(store, "Ria")), TODAY, TODAY)
    plan_circle(store, circle.id)
    plan_circle(store, other.id, start=date(2027, 1, 7), weekday=3)
    mine = list_sessions(store, circle.id, TODAY)[0]
    with pytest.raises(ConflictError, match="Anja already leads Kampen"):
        move_session(store, mine.id, date(2027, 1, 7), time(14), time(15), "", TODAY)
    moved = move_session(
        store, mine.id, date(2027, 1, 7), time(14), time(15), "", TODAY, force=True
    )
    assert moved.date == date(2027, 1, 7)


def test_cancel_dropping_the_theme(store, circle):
    """Cancel without shifting: the theme is gone, no meeting is added."""
    plan_circle(store, circle.id)
    sessions = list_sessions(store, circle.id, TODAY)
    assert cancel_session(store, sessions[2].id, "ziek", False, TODAY) is None
    after = list_sessions(store, circle.id, TODAY)
    assert len(after) == len(sessions)
    assert after[2].status == "cancelled" and after[2].number is None
    assert sessions[2].theme not in {s.theme for s in after if s.status != "cancelled"}


def test_cancel_with_theme_shift_loses_no_theme(store, circle):
    """Cancel with shift: this theme moves to the next meeting, all later ones too, one added."""
    plan_circle(store, circle.id)
    sessions = list_sessions(store, circle.id, TODAY)
    added = cancel_session(store, sessions[2].id, "ziek", True, TODAY)
    after = [s for s in list_sessions(store, circle.id, TODAY) if s.status != "cancelled"]
    assert [s.theme for s in after] == [s.theme for s in sessions]
    assert after[2].id == sessions[3].id and after[2].theme == sessions[2].theme
    assert added.date > sessions[-1].date and added.theme == sessions[-1].theme
    assert "Theme changed" in history(store, sessions[3].id)[-1].text


def test_cancel_needs_a_reason_and_held_meetings_stay(store, circle):
    """No reason, or a meeting already held: refused, nothing changes."""
    plan_circle(store, circle.id, start=date(2026, 10, 1))
    sessions = list_sessions(store, circle.id, TODAY)
    with pytest.raises(UserError, match="reason"):
        cancel_session(store, sessions[-1].id, " ", True, TODAY)
    with pytest.raises(UserError, match="already been held"):
        cancel_session(store, sessions[0].id, "x", True, TODAY)
    assert [s.status for s in list_sessions(store, circle.id, TODAY)] == [
        s.status for s in sessions
    ]


def test_extra_meeting(store, circle):
    """An extra meeting has no theme, is numbered in date order and is in the history."""
    plan_circle(store, circle.id)
    extra = add_extra_session(
        store, circle.id, date(2027, 1, 8), time(10), time(12), "voedselbank", TODAY
    )
    sessions = list_sessions(store, circle.id, TODAY)
    assert extra.extra and extra.theme == "Extra meeting" and sessions[1].id == extra.id
    with pytest.raises(ConflictError):
        add_extra_session(store, circle.id, date(2027, 1, 5), time(10), time(12), "", TODAY)


def test_no_meetings_left_to_plan(store, circle):
    """When every meeting has been held there is nothing to plan: a plain error."""
    plan_circle(store, circle.id, start=date(2025, 1, 7), today=date(2026, 6, 1), cadence="1w")
    with pytest.raises(UserError, match="nothing left"):
        plan_circle(store, circle.id, start=date(2026, 12, 1))


def test_demo_plans_two_circles(demo_store):
    """Demo: one circle half-way (held meetings), one starting soon, one not planned yet."""
    half = list_sessions(demo_store, find_circle(demo_store, "Zwolle-Zuid").id, TODAY)
    soon = list_sessions(demo_store, find_circle(demo_store, "Deventer Centrum").id, TODAY)
    later = list_sessions(demo_store, find_circle(demo_store, "Kampen Brunnepe").id, TODAY)
    statuses = [s.status for s in half]
    assert 6 <= statuses.count("held") <= 14 and "planned" in statuses
    assert soon and all(s.status == "planned" for s in soon)
    assert soon[0].date <= TODAY + timedelta(days=40)
    assert later == []


def test_moving_a_meeting_removes_its_stand_ins(demo_store):
    """Stand-ins were arranged for the old day: a move removes them and says so."""
    from budgetkring.staffing.substitutions import substitution_history

    line = substitution_history(demo_store)[0]
    moved = move_session(
        demo_store, line.session_id, line.date + timedelta(days=1), None, None, "", TODAY
    )
    assert substitution_history(demo_store) == []
    assert "Fatma Yilmaz" not in moved.facilitators
    assert "were removed: Fatma Yilmaz" in history(demo_store, line.session_id)[-1].text


def test_replanning_keeps_extra_meetings(store, circle):
    """An extra meeting still to come survives a re-plan, and its day stays taken."""
    plan_circle(store, circle.id)
    extra = add_extra_session(
        store, circle.id, date(2027, 1, 26), time(10), time(12), "uitje", TODAY
    )
    plan_circle(store, circle.id, start=date(2027, 1, 5), cadence="1w")
    after = list_sessions(store, circle.id, TODAY)
    kept = next(s for s in after if s.id == extra.id)
    assert kept.extra and kept.date == date(2027, 1, 26) and kept.theme == "Extra meeting"
    assert len([s for s in after if not s.extra]) == len(find_programme(store).sessions)
    assert len({s.date for s in after}) == len(after)


def test_monthly_rhythm_keeps_going_after_a_holiday_push(store, circle):
    """A monthly meeting pushed by Christmas into January does not swallow January's."""
    preview = preview_plan(
        store,
        PlanRequest(circle.id, date(2026, 12, 29), 1, time(19), time(21), "month", "midden"),
        TODAY,
    )
    days = [m.day for m in preview.meetings]
    # Dec 29 is Christmas holiday (→ Jan 5); Feb 23 is spring holiday midden (→ Mar 2);
    # March still gets its own last Tuesday.
    assert days[:4] == [date(2027, 1, 5), date(2027, 1, 26), date(2027, 3, 2), date(2027, 3, 30)]
    span = (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month
    assert span <= len(days) + 3


def test_cancel_the_last_meeting_with_shift_never_reuses_its_day(store, circle):
    """Shifting themes after cancelling the last meeting adds a meeting on a later day."""
    plan_circle(store, circle.id)
    last = list_sessions(store, circle.id, TODAY)[-1]
    added = cancel_session(store, last.id, "storm", True, TODAY)
    assert added.date > last.date and added.theme == last.theme


def test_a_long_absence_does_not_block_planning(store, circle):
    """A lead away for months: meetings move at most two weeks, then a stand-in is needed."""
    from budgetkring.staffing.absences import add_absence

    add_absence(store, fid(store, "Anja"), date(2027, 1, 1), date(2027, 12, 31), "illness")
    preview = plan_circle(store, circle.id)
    assert preview.meetings[0].day == date(2027, 1, 19)
    assert [d for d, _r in preview.skipped[:2]] == [date(2027, 1, 5), date(2027, 1, 12)]


def test_plan_skips_days_a_lead_leads_another_circle_then(store, circle):
    """A lead who already leads another circle at that hour: that day is skipped with why."""
    other = add_circle(store, name="Kampen", municipality="Kampen")
    add_person(store, "Ria", "certified")
    set_pair(store, other.id, (fid(store, "Kees"), fid(store, "Ria")), TODAY, TODAY)
    plan_circle(store, other.id, start=date(2027, 1, 5))
    request = PlanRequest(circle.id, date(2027, 1, 5), 1, time(14), time(16), "2w", "midden")
    preview = preview_plan(store, request, TODAY)
    assert date(2027, 1, 5) not in [m.day for m in preview.meetings]
    assert "Kees leads Kampen at that time" in preview.skipped[0][1]
