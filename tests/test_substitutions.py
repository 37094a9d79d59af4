"""Gaps, suggestions, substitutions and continuity on the demo database."""

from datetime import date, timedelta

import pytest

from budgetkring.errors import UserError
from budgetkring.organisation.circles import find_circle
from budgetkring.planning.sessions import cancel_session, list_sessions
from budgetkring.staffing.absences import add_absence
from budgetkring.staffing.facilitators import list_facilitators
from budgetkring.staffing.substitutions import (
    continuity,
    fill_gaps,
    find_gaps,
    substitute,
    substitution_history,
    suggest,
)
from tests.conftest import TODAY, add_person, fid


def planned(store, circle):
    """The planned meetings of a demo circle."""
    return [
        s
        for s in list_sessions(store, find_circle(store, circle).id, TODAY)
        if s.status == "planned"
    ]


def test_demo_has_one_confirmed_stand_in_and_one_open_gap(demo_store):
    """The ill demo facilitator: one meeting covered by a stand-in, one still open."""
    gaps = find_gaps(demo_store, TODAY)
    assert len(gaps) == 1 and gaps[0].missing == 1 and "Mohamed Amrani is away" in gaps[0].reason
    lines = substitution_history(demo_store, facilitator="Mohamed Amrani")
    assert len(lines) == 1 and lines[0].in_name == "Fatma Yilmaz" and lines[0].confirmed


def test_substitute_closes_the_gap_and_updates_who_is_expected(demo_store):
    """After a stand-in is recorded, the gap is gone and the meeting names the stand-in."""
    gap = find_gaps(demo_store, TODAY)[0]
    best = suggest(demo_store, gap.session_id, TODAY).ranked[0]
    substitute(demo_store, gap.session_id, best.person.id, None, TODAY)
    assert find_gaps(demo_store, TODAY) == []
    session = next(
        s for s in list_sessions(demo_store, gap.circle_id, TODAY) if s.id == gap.session_id
    )
    assert best.person.name in session.facilitators and "Mohamed Amrani" not in session.facilitators
    row = demo_store.db.execute(
        "SELECT reason, confirmed FROM substitution ORDER BY id DESC"
    ).fetchone()
    assert row == ("illness", 1)


def test_refused_stand_ins_change_nothing(demo_store):
    """Away, busy, unknown, or already there: a plain error and no new row."""
    gap = find_gaps(demo_store, TODAY)[0]
    count = demo_store.db.execute("SELECT count(*) FROM substitution").fetchone()[0]
    for name, fragment in (
        ("Mohamed Amrani", "away"),
        ("Nobody", "no facilitator"),
        ("Anja de Vries", "already expected"),
    ):
        with pytest.raises(UserError, match=fragment):
            substitute(demo_store, gap.session_id, fid(demo_store, name), None, TODAY)
    assert demo_store.db.execute("SELECT count(*) FROM substitution").fetchone()[0] == count


def test_trainee_stand_in_for_a_trainee_is_refused(demo_store):
    """Kampen's trainee pair: with Jeroen away, Sanne may not get a trainee stand-in."""
    from budgetkring.planning.plan import PlanRequest, save_plan
    from budgetkring.planning.schedule import parse_time_range

    kampen = find_circle(demo_store, "Kampen Brunnepe")
    begin, end = parse_time_range("10:00-12:00")
    save_plan(
        demo_store, PlanRequest(kampen.id, date(2027, 1, 11), 0, begin, end, "2w", "noord"), TODAY
    )
    first = planned(demo_store, "Kampen Brunnepe")[0]
    add_absence(demo_store, fid(demo_store, "Jeroen Mulder"), first.date, first.date, "personal")

    add_person(demo_store, "Nina Trainee", "trainee")
    with pytest.raises(UserError, match="certified"):
        substitute(demo_store, first.id, fid(demo_store, "Nina Trainee"), None, TODAY)
    ranked = suggest(demo_store, first.id, TODAY).ranked
    assert ranked[0].person.name == "Henk Smit" and "mentor of Sanne Visser" in ranked[0].reasons
    assert all(c.person.status == "certified" for c in ranked)


def test_out_is_needed_when_both_are_away(demo_store):
    """With both leads away, --out must say who the stand-in replaces."""
    meeting = planned(demo_store, "Deventer Centrum")[0]
    for name in ("Ria Jansen", "Kees Bakker"):
        add_absence(demo_store, fid(demo_store, name), meeting.date, meeting.date, "holiday")
    gap = next(g for g in find_gaps(demo_store, TODAY) if g.session_id == meeting.id)
    assert gap.missing == 2
    with pytest.raises(UserError, match="Two facilitators are away"):
        substitute(demo_store, meeting.id, fid(demo_store, "Henk Smit"), None, TODAY)


def test_fill_gaps_dry_run_saves_nothing_and_save_fills_everything(demo_store):
    """fill_gaps proposes for every open place; saving closes all gaps it could fill."""
    meeting = planned(demo_store, "Deventer Centrum")[1]
    add_absence(
        demo_store,
        fid(demo_store, "Kees Bakker"),
        meeting.date,
        meeting.date + timedelta(days=30),
        "other",
    )
    before = len(find_gaps(demo_store, TODAY))
    proposals = fill_gaps(demo_store, TODAY)
    assert len(proposals) == before >= 2
    assert len(find_gaps(demo_store, TODAY)) == before
    fill_gaps(demo_store, TODAY, save=True)
    left = find_gaps(demo_store, TODAY)
    assert len(left) == sum(1 for p in proposals if p.candidate is None)


def test_gaps_period_and_bad_period(demo_store):
    """--from/--to limit the period; an end before the start is a plain error."""
    assert find_gaps(demo_store, TODAY, TODAY, TODAY) == []
    with pytest.raises(UserError, match="before its start"):
        find_gaps(demo_store, TODAY, TODAY, TODAY - timedelta(days=1))


def test_continuity_counts_own_pair_stand_ins_and_cancellations(demo_store):
    """Held meetings by the own pair, stand-ins and cancellations for lack of facilitators."""
    zwolle = find_circle(demo_store, "Zwolle-Zuid")
    c = continuity(demo_store, zwolle.id, TODAY)
    assert c.held >= 6 and c.by_own_pair == c.held and c.stand_ins == 0
    meeting = planned(demo_store, "Zwolle-Zuid")[-1]
    cancel_session(demo_store, meeting.id, "niemand kon", False, TODAY, no_facilitators=True)
    later = continuity(demo_store, zwolle.id, meeting.date + timedelta(days=1))
    assert later.cancelled_no_facilitators == 1 and later.stand_ins == 1
    assert later.by_own_pair < later.held


def test_facilitator_details_list_circles_and_absences(demo_store):
    """Each facilitator shows the circles they lead and their absences."""
    people = {p.name: p for p in list_facilitators(demo_store, TODAY)}
    assert people["Anja de Vries"].circles == ["Zwolle-Zuid"]
    assert people["Mohamed Amrani"].absences[0]["reason"] == "illness"
    assert people["Sanne Visser"].mentor == "Henk Smit"
