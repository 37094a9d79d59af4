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
    """After an agreed stand-in is recorded, the gap is gone and the meeting names the stand-in."""
    gap = find_gaps(demo_store, TODAY)[0]
    best = suggest(demo_store, gap.session_id, TODAY).ranked[0]
    substitute(demo_store, gap.session_id, best.person.id, None, TODAY, confirmed=True)
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
    """fill_gaps proposes for every open place; saving asks a stand-in for each place it could
    fill (not agreed yet, so nothing is proposed there again)."""
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
    left = [g for g in find_gaps(demo_store, TODAY) if g.open_places]
    assert len(left) == sum(1 for p in proposals if p.candidate is None)
    saved = demo_store.db.execute("SELECT confirmed FROM substitution WHERE confirmed = 0")
    assert len(saved.fetchall()) == sum(1 for p in proposals if p.candidate)
    assert [p for p in fill_gaps(demo_store, TODAY) if p.candidate] == []


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


def test_a_stand_in_is_asked_until_they_agree(demo_store):
    """Issue 9, bug 4: a new stand-in is saved as asked; the meeting still misses a facilitator
    until the same stand-in is recorded as agreed (which confirms the ask, no second row)."""
    gap = find_gaps(demo_store, TODAY)[0]
    henk = fid(demo_store, "Henk Smit")
    first = substitute(demo_store, gap.session_id, henk, None, TODAY)
    rows = "SELECT id, confirmed FROM substitution WHERE session_id = ?"
    assert demo_store.db.execute(rows, [gap.session_id]).fetchall() == [(first, 0)]
    still = next(g for g in find_gaps(demo_store, TODAY) if g.session_id == gap.session_id)
    assert still.asked == ["Henk Smit"] and still.open_places == 0
    assert "Henk Smit" not in [
        c.person.name for c in suggest(demo_store, gap.session_id, TODAY).ranked
    ]
    with pytest.raises(UserError, match="already been asked"):
        substitute(demo_store, gap.session_id, henk, None, TODAY)
    assert substitute(demo_store, gap.session_id, henk, None, TODAY, confirmed=True) == first
    assert demo_store.db.execute(rows, [gap.session_id]).fetchall() == [(first, 1)]
    assert find_gaps(demo_store, TODAY) == []


def test_confirming_a_removed_stand_in_is_a_plain_error(demo_store):
    """Confirming a stand-in that was removed meanwhile says so and changes nothing."""
    from budgetkring.staffing.substitutions import confirm

    with pytest.raises(UserError, match="removed"):
        confirm(demo_store, 9999)


def test_one_wording_for_a_stand_in_by_today(demo_store):
    """Issue 9, bug 5: the demo's stand-in on 1 December 'stands in' before that day and
    'stood in' after it; an ask not agreed yet says so."""
    from dataclasses import replace

    from budgetkring.staffing.substitutions import stand_in_words

    line = substitution_history(demo_store, facilitator="Fatma Yilmaz")[0]
    assert line.date == date(2026, 12, 1)
    assert stand_in_words(line, TODAY) == "Fatma Yilmaz stands in for Mohamed Amrani"
    assert stand_in_words(line, line.date) == "Fatma Yilmaz stands in for Mohamed Amrani"
    after = line.date + timedelta(days=1)
    assert stand_in_words(line, after) == "Fatma Yilmaz stood in for Mohamed Amrani"
    asked = replace(line, confirmed=False)
    assert "has been asked to stand in for Mohamed Amrani; not agreed yet" in stand_in_words(
        asked, TODAY
    )
    assert "stood in" not in stand_in_words(asked, after)


def test_continuity_counts_done_and_planned_stand_ins_apart(demo_store):
    """Issue 9, bug 5: before 1 December the demo's stand-in is planned, not done."""
    zwolle = find_circle(demo_store, "Zwolle-Zuid")
    before = continuity(demo_store, zwolle.id, TODAY)
    assert (before.stand_ins, before.planned_stand_ins, before.asked_stand_ins) == (0, 1, 0)
    gap = find_gaps(demo_store, TODAY)[0]
    substitute(demo_store, gap.session_id, fid(demo_store, "Henk Smit"), None, TODAY)
    assert continuity(demo_store, zwolle.id, TODAY).asked_stand_ins == 1
    after = continuity(demo_store, zwolle.id, date(2026, 12, 2))
    assert (after.stand_ins, after.planned_stand_ins) == (1, 0)


def test_fill_gaps_skips_places_already_asked_and_circles_without_a_pair(demo_store):
    """A place with an asked stand-in waits for the answer, and a circle without a pair needs
    a pair: 'fill all gaps' proposes neither."""
    from budgetkring.organisation.circles import add_circle
    from budgetkring.planning.plan import PlanRequest, save_plan
    from budgetkring.planning.schedule import parse_time_range

    gap = find_gaps(demo_store, TODAY)[0]
    substitute(demo_store, gap.session_id, fid(demo_store, "Henk Smit"), None, TODAY)
    hattem = add_circle(demo_store, name="Hattem", municipality="Hattem", status="running")
    begin, end = parse_time_range("10:00-12:00")
    request = PlanRequest(hattem.id, date(2027, 1, 12), 1, begin, end, "2w", "noord")
    save_plan(demo_store, request, TODAY)
    assert any(g.circle_id == hattem.id for g in find_gaps(demo_store, TODAY))
    assert fill_gaps(demo_store, TODAY) == []


def test_what_an_absence_means_is_said_in_words(demo_store):
    """'Say what changed': an absence over two meetings says that two meetings now miss a
    facilitator; one over no meeting says that nothing misses one."""
    from budgetkring.staffing.outcomes import absence_outcome

    meetings = planned(demo_store, "Deventer Centrum")[:2]
    ria = fid(demo_store, "Ria Jansen")
    first, last = meetings[0].date, meetings[1].date
    add_absence(demo_store, ria, first, last, "illness")
    text = absence_outcome(demo_store, ria, first, last, TODAY)
    assert text.startswith("Ria Jansen is away from ")
    assert text.endswith("2 meetings now miss a facilitator.")
    quiet = max(s.date for s in list_sessions(demo_store, None, TODAY)) + timedelta(days=1)
    assert absence_outcome(demo_store, ria, quiet, quiet, TODAY).endswith(
        "No meeting misses a facilitator because of this."
    )


def test_attention_waits_for_an_asked_stand_in_to_agree(demo_store):
    """Issue 9, bug 4: Overzicht keeps an item for a meeting whose stand-in was asked, until
    the stand-in has agreed."""
    from budgetkring.organisation.overview import attention_items
    from budgetkring.staffing.substitutions import confirm

    gap = find_gaps(demo_store, TODAY)[0]
    asked = substitute(demo_store, gap.session_id, fid(demo_store, "Henk Smit"), None, TODAY)
    items = [i for i in attention_items(demo_store, TODAY) if i.session_id == gap.session_id]
    assert [i.kind for i in items] == ["asked"]
    assert "Henk Smit has been asked to stand in for Mohamed Amrani" in items[0].message
    confirm(demo_store, asked)
    assert not any(i.session_id == gap.session_id for i in attention_items(demo_store, TODAY))


def test_a_circle_without_a_pair_is_one_attention_item(demo_store):
    """Issue 9, bug 10: a planned circle without facilitators gives one item (choose a pair),
    not one per meeting advising stand-ins."""
    from budgetkring.organisation.circles import add_circle
    from budgetkring.organisation.overview import attention_items
    from budgetkring.planning.plan import PlanRequest, save_plan
    from budgetkring.planning.schedule import parse_time_range

    hattem = add_circle(demo_store, name="Hattem", municipality="Hattem", status="running")
    begin, end = parse_time_range("10:00-12:00")
    request = PlanRequest(hattem.id, date(2027, 1, 12), 1, begin, end, "2w", "noord")
    save_plan(demo_store, request, TODAY)
    items = [i for i in attention_items(demo_store, TODAY) if i.circle_id == hattem.id]
    assert [(i.kind, i.message) for i in items if i.kind in ("pair", "gap")] == [
        ("pair", "Hattem has no facilitators yet. Choose a pair.")
    ]
