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
        move_session(store, first.id, target, None, None, "zaal bezet", TODAY)
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
        move_session(store, mine.id, date(2027, 1, 7), time(14), time(16), "zaal", TODAY)
    moved = move_session(
        store, mine.id, date(2027, 1, 7), time(14), time(16), "zaal", TODAY, force=True
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
        demo_store, line.session_id, line.date + timedelta(days=1), None, None, "zaal", TODAY
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


# --- issue 9: unusual times, a reason to move, planning a cancelled meeting again ---------


@pytest.mark.parametrize(
    "start, end, fragments",
    [
        (time(0, 30), time(15, 30), ["before 07:00", "lasts 15 hours"]),
        (time(23, 0), time(23, 30), ["after 23:00", "lasts 30 minutes"]),
        (time(6, 0), time(22, 0), ["before 07:00", "lasts 16 hours"]),
        (time(13, 30), time(16, 45), ["lasts 3:15 hours; a meeting of this programme lasts 2"]),
        (time(13, 30), time(15, 30), []),
        (time(13, 0), time(15, 30), []),  # half an hour longer: still usual
        (time(7, 0), time(9, 0), []),
        (time(21, 0), time(23, 0), []),
    ],
)
def test_unusual_time_says_what_is_unusual(start, end, fragments):
    """Before 07:00, after 23:00, or more than half an hour off the usual length: in words."""
    from budgetkring.planning.meeting_times import unusual_time

    words = " ".join(unusual_time(start, end, 120))
    assert len(unusual_time(start, end, 120)) == len(fragments)
    for fragment in fragments:
        assert fragment in words


def test_unusual_time_without_a_usual_length_only_looks_at_the_clock():
    """An extra meeting has no programme length: only the clock times count."""
    from budgetkring.planning.meeting_times import unusual_time

    assert unusual_time(time(9), time(17), None) == []
    assert "before 07:00" in unusual_time(time(6, 30), time(8), None)[0]


@pytest.mark.parametrize(
    "start, end", [(time(0, 30), time(15, 30)), (time(23), time(23, 30)), (time(6), time(22))]
)
def test_moving_to_an_unusual_time_asks_first(store, circle, start, end):
    """An unusual time is refused with what is unusual unless confirmed; nothing changes."""
    from budgetkring.planning.sessions import UnusualTimeError

    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    with pytest.raises(UnusualTimeError) as refused:
        move_session(store, first.id, date(2027, 1, 7), start, end, "zaal bezet", TODAY)
    assert refused.value.problems and "Is this time right?" in str(refused.value)
    assert list_sessions(store, circle.id, TODAY)[0] == first
    moved = move_session(
        store, first.id, date(2027, 1, 7), start, end, "zaal bezet", TODAY, unusual_ok=True
    )
    assert (moved.date, moved.start, moved.end) == (date(2027, 1, 7), start, end)


@pytest.mark.parametrize("reason", ["", "   "])
def test_moving_needs_a_reason(store, circle, reason):
    """No reason: refused as for cancelling, and nothing changes."""
    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    with pytest.raises(UserError, match="Give a reason for moving"):
        move_session(store, first.id, date(2027, 1, 7), None, None, reason, TODAY)
    assert list_sessions(store, circle.id, TODAY)[0] == first
    assert len(history(store, first.id)) == 1


def test_move_problems_say_what_stops_a_move_and_change_nothing(store, circle):
    """The check a form runs while typing: clashes and refusals in words, nothing saved."""
    from budgetkring.planning.sessions import move_problems

    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]

    def problems(day, reason="zaal"):
        return " ".join(move_problems(store, first.id, day, None, None, reason, TODAY))

    assert "public holiday" in problems(date(2027, 4, 27))
    assert "reason" in problems(date(2027, 1, 7), reason="")
    assert problems(date(2027, 1, 7)) == ""
    assert list_sessions(store, circle.id, TODAY)[0] == first


def test_the_agenda_and_printed_plan_follow_the_new_start(store, circle):
    """After a move to 10:00 the agenda's clock times start at 10:00, on paper too."""
    import io

    from pypdf import PdfReader

    from budgetkring.documents.kinds import Request, render
    from budgetkring.planning.programmes import get_template
    from budgetkring.planning.sessions import agenda_times

    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    moved = move_session(store, first.id, date(2027, 1, 7), time(10), time(12), "zaal", TODAY)
    blocks = [(b.title, b.minutes) for b in get_template(store, moved.template_id).agenda]
    times = agenda_times(moved.start, blocks)
    assert times[0][0] == time(10) and times[-1][1] == time(12)
    pdf = render(store, Request("session-plan", session_id=first.id), TODAY).data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "10:00–" in text and "13:30–" not in text
    assert f"{times[1][0]:%H:%M}–{times[1][1]:%H:%M}" in text


def _themes(store, circle_id):
    return [s.theme for s in list_sessions(store, circle_id, TODAY) if s.status != "cancelled"]


def test_a_cancelled_meeting_can_be_planned_again(store, circle):
    """Un-cancel after dropping the theme: the meeting, its theme and number are back; the
    history keeps the cancellation and says it was planned again."""
    from budgetkring.planning.restore import restore_session

    plan_circle(store, circle.id)
    before = list_sessions(store, circle.id, TODAY)
    cancel_session(store, before[2].id, "storm", False, TODAY)
    restored = restore_session(store, before[2].id, "", TODAY)
    assert (restored.status, restored.number, restored.theme) == ("planned", 3, before[2].theme)
    assert [
        (s.id, s.status, s.theme, s.number) for s in list_sessions(store, circle.id, TODAY)
    ] == [(s.id, s.status, s.theme, s.number) for s in before]
    assert restored.revision > before[2].revision  # calendars see the change
    texts = [line.text for line in history(store, before[2].id)]
    assert texts[-2] == "Cancelled." and texts[-1].startswith("Planned again")


def test_planning_again_moves_shifted_themes_back(store, circle):
    """Un-cancel after cancel --shift-themes: themes move back and the meeting added at the
    end is removed, so the plan is as it was; each theme change is in the history."""
    from budgetkring.planning.restore import restore_effects, restore_session

    plan_circle(store, circle.id)
    before = list_sessions(store, circle.id, TODAY)
    added = cancel_session(store, before[2].id, "storm", True, TODAY)
    assert "move back" in " ".join(restore_effects(store, before[2].id, TODAY))
    restore_session(store, before[2].id, "toch geen storm", TODAY)
    after = list_sessions(store, circle.id, TODAY)
    assert [(s.id, s.date, s.theme, s.number) for s in after] == [
        (s.id, s.date, s.theme, s.number) for s in before
    ]
    assert added.id not in {s.id for s in after}
    last = history(store, before[2].id)[-1]
    assert "moved back" in last.text and last.reason == "toch geen storm"
    assert "Theme changed" in history(store, before[3].id)[-1].text


def test_two_shifted_cancellations_undone_in_any_order(store, circle):
    """Cancel two meetings with shifts, plan them again later-one-first: all as it was."""
    from budgetkring.planning.restore import restore_session

    plan_circle(store, circle.id)
    before = list_sessions(store, circle.id, TODAY)
    cancel_session(store, before[2].id, "storm", True, TODAY)
    cancel_session(store, before[3].id, "ziek", True, TODAY)
    assert _themes(store, circle.id) == [s.theme for s in before]
    restore_session(store, before[3].id, "", TODAY)
    restore_session(store, before[2].id, "", TODAY)
    assert [(s.id, s.theme) for s in list_sessions(store, circle.id, TODAY)] == [
        (s.id, s.theme) for s in before
    ]


def test_planning_again_names_stand_ins_of_the_removed_meeting(store, circle):
    """A stand-in asked for the meeting added at the end is removed with it, by name."""
    from budgetkring.planning.restore import restore_session
    from budgetkring.staffing.substitutions import substitute

    add_person(store, "Ria", "certified")
    plan_circle(store, circle.id)
    before = list_sessions(store, circle.id, TODAY)
    added = cancel_session(store, before[2].id, "storm", True, TODAY)
    substitute(store, added.id, fid(store, "Ria"), fid(store, "Anja"), TODAY)
    restore_session(store, before[2].id, "", TODAY)
    assert "Ria" in history(store, before[2].id)[-1].text


def test_a_moved_meeting_planned_again_stays_moved(store, circle):
    """A meeting moved, then cancelled, then planned again, still shows it was moved."""
    from budgetkring.planning.restore import restore_session

    plan_circle(store, circle.id)
    first = list_sessions(store, circle.id, TODAY)[0]
    move_session(store, first.id, date(2027, 1, 7), None, None, "zaal", TODAY)
    cancel_session(store, first.id, "ziek", False, TODAY)
    assert restore_session(store, first.id, "", TODAY).status == "moved"


def test_planning_again_is_refused_when_it_cannot_be(store, circle):
    """Not cancelled, a day that has passed, or a clash now: refused, nothing changes."""
    from budgetkring.planning.restore import restore_session

    plan_circle(store, circle.id, start=date(2026, 11, 3), today=date(2026, 11, 1))
    sessions = list_sessions(store, circle.id, TODAY)
    past = sessions[0]
    cancel_session(store, past.id, "storm", False, date(2026, 11, 1))
    with pytest.raises(UserError, match="has passed"):
        restore_session(store, past.id, "", TODAY)
    future = sessions[3]
    with pytest.raises(UserError, match="not been cancelled"):
        restore_session(store, future.id, "", TODAY)
    cancel_session(store, future.id, "storm", False, TODAY)
    add_extra_session(store, circle.id, future.date, time(10), time(12), "uitje", TODAY)
    snapshot = list_sessions(store, circle.id, TODAY)
    with pytest.raises(ConflictError, match="already meets"):
        restore_session(store, future.id, "", TODAY)
    assert list_sessions(store, circle.id, TODAY) == snapshot


def test_a_meeting_planned_again_no_longer_counts_as_cancelled_for_lack_of_leads(store, circle):
    """Continuity counts meetings cancelled for lack of facilitators only while cancelled."""
    from budgetkring.planning.restore import restore_session
    from budgetkring.staffing.substitutions import continuity

    plan_circle(store, circle.id)
    target = list_sessions(store, circle.id, TODAY)[1]
    cancel_session(store, target.id, "niemand", False, TODAY, no_facilitators=True)
    assert continuity(store, circle.id, TODAY).cancelled_no_facilitators == 1
    restore_session(store, target.id, "", TODAY)
    assert continuity(store, circle.id, TODAY).cancelled_no_facilitators == 0
    cancel_session(store, target.id, "storm", False, TODAY)
    assert continuity(store, circle.id, TODAY).cancelled_no_facilitators == 0
