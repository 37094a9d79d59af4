"""Staffing rules as pure functions: who is expected, the trainee rule, ranking and fairness."""

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkring.staffing import rules as staffing
from budgetkring.staffing.rules import Absence, Facilitator, Slot, Substitution, Workload

DAY = date(2027, 1, 12)  # a Tuesday
P = {
    1: Facilitator(1, "Anja", "certified", "Zwolle"),
    2: Facilitator(2, "Mo", "certified", "Zwolle"),
    3: Facilitator(3, "Sanne", "trainee", "Kampen", mentor_id=6),
    4: Facilitator(4, "Jeroen", "trainee", "Kampen", mentor_id=6),
    5: Facilitator(5, "Fatma", "certified", "Zwolle", max_per_month=2),
    6: Facilitator(6, "Henk", "certified", "Kampen"),
    7: Facilitator(7, "Ria", "paused", "Zwolle"),
}


def slot(leads, session_id=1, municipality="Zwolle", start=time(13, 30), circle_id=1):
    """A meeting on DAY from start to two hours later."""
    return Slot(
        session_id,
        circle_id,
        "Kring",
        municipality,
        DAY,
        start,
        time(start.hour + 2, start.minute),
        leads,
    )


def empty_load(**kw):
    """A workload with nothing booked."""
    return Workload(
        kw.get("busy", {}), kw.get("per_month", {}), kw.get("recent", {}), kw.get("knows", {})
    )


def ill(pid):
    """pid is ill on DAY."""
    return staffing.index_absences([Absence(pid, DAY, DAY, "illness")])


def test_expected_is_pair_minus_away_plus_confirmed_stand_ins():
    """Away leads drop out; confirmed stand-ins come in; unconfirmed ones do not count."""
    s = slot([1, 2])
    assert staffing.expected(s, P, {}, []) == [1, 2]
    assert staffing.expected(s, P, ill(2), []) == [1]
    subs = [Substitution(1, 5, 2, True), Substitution(1, 6, None, False)]
    assert staffing.expected(s, P, ill(2), subs) == [1, 5]


def test_a_paused_lead_counts_as_away():
    """A paused lead leaves a gap (no penalty; just not expected)."""
    assert staffing.problem(slot([1, 7]), [1], P, {})[0] == 1


def test_own_trainee_pair_is_fine_but_trainee_with_trainee_stand_in_is_not():
    """The circle's trainee pair may lead together; a trainee with a trainee stand-in may not."""
    assert staffing.problem(slot([3, 4]), [3, 4], P, {}) is None
    found = staffing.problem(slot([3, 1]), [3, 4], P, {})
    assert found and found[0] == 1 and "certified" in found[1]


def test_trainee_partner_away_needs_a_certified_stand_in():
    """When a trainee's partner is away, trainees are excluded and the mentor ranks first."""
    s = slot([3, 4], municipality="Kampen")
    present = staffing.expected(s, P, ill(4), [])
    missing, reason = staffing.problem(s, present, P, ill(4))
    assert missing == 1 and "certified" in reason
    ranked, excluded = staffing.rank(s, present, P, ill(4), empty_load())
    names = [c.person.name for c in ranked]
    assert "Jeroen" not in names and all(c.person.status == "certified" for c in ranked)
    assert names[0] == "Henk" and "mentor of Sanne" in ranked[0].reasons
    assert any("Jeroen is away" in why for _p, why in excluded)


def test_hard_rules_exclude_with_a_reason():
    """Absent, paused, not available, busy at that time: excluded, each with its reason."""
    people = dict(P)
    people[6] = Facilitator(
        6, "Henk", "certified", "Kampen", availability={"tue": frozenset({"morning"})}
    )
    load = empty_load(busy={DAY: [(time(13), time(15), frozenset({5}), 99)]})
    absences = staffing.index_absences([Absence(2, DAY, DAY), Absence(1, DAY, DAY)])
    ranked, excluded = staffing.rank(slot([1, 2]), [], people, absences, load)
    why = {p.name: reason for p, reason in excluded}
    assert "away" in why["Anja"] and "break" in why["Ria"]
    assert "not available" in why["Henk"] and "another meeting" in why["Fatma"]
    assert "in training" in why["Sanne"]  # nobody certified present: a certified one is needed
    assert ranked == []


def test_soft_criteria_rank_with_reasons():
    """Knowing the circle and living in town rank higher; reasons are plain words."""
    load = empty_load(knows={1: {5}})
    ranked, _ = staffing.rank(slot([1, 2]), [1], P, ill(2), load)
    first = ranked[0]
    assert first.person.name == "Fatma"
    assert "knows this circle" in first.reasons and "lives in Zwolle" in first.reasons


def test_fairness_counter_lowers_frequent_stand_ins_and_absence_never_counts():
    """More recent stand-ins: lower; a past absence is not in the score at all."""
    people = {
        1: P[1],
        2: P[2],
        8: Facilitator(8, "A", "certified"),
        9: Facilitator(9, "B", "certified"),
    }
    load = empty_load(recent={8: 3})
    ranked, _ = staffing.rank(slot([1, 2]), [1], people, ill(2), load)
    assert [c.person.name for c in ranked] == ["B", "A"]
    assert "stood in 3 times in the last 3 months" in ranked[1].reasons
    past_absence = staffing.index_absences([Absence(9, date(2026, 12, 1), date(2026, 12, 20))])
    again, _ = staffing.rank(slot([1, 2]), [1], people, {**ill(2), **past_absence}, empty_load())
    before, _ = staffing.rank(slot([1, 2]), [1], people, ill(2), empty_load())
    assert [(c.person.name, c.score) for c in again] == [(c.person.name, c.score) for c in before]


def test_monthly_cap_lowers_and_fill_respects_it():
    """At the maximum: still possible one by one, but never proposed when filling all gaps."""
    load = empty_load(per_month={(5, 2027, 1): 2})
    ranked, _ = staffing.rank(slot([1, 2]), [1], P, ill(2), load)
    fatma = next(c for c in ranked if c.person.name == "Fatma")
    assert "maximum" in " ".join(fatma.reasons)
    _, excluded = staffing.rank(slot([1, 2]), [1], P, ill(2), load, respect_caps=True)
    assert any(p.name == "Fatma" for p, _w in excluded)


def test_propose_never_books_someone_twice_at_the_same_time():
    """Two meetings at the same time, both short: two different stand-ins."""
    people = {
        1: P[1],
        2: P[2],
        3: Facilitator(3, "C", "certified"),
        4: Facilitator(4, "D", "certified"),
        5: Facilitator(5, "E", "certified"),
        6: Facilitator(6, "F", "certified"),
    }
    a, b = slot([1, 2], 1, circle_id=1), slot([3, 4], 2, circle_id=2)
    absences = staffing.index_absences([Absence(2, DAY, DAY), Absence(4, DAY, DAY)])
    load = empty_load(
        busy={DAY: [(a.start, a.end, frozenset({1}), 1), (b.start, b.end, frozenset({3}), 2)]}
    )
    gaps = [(a, [1], 1, "", [2]), (b, [3], 1, "", [4])]
    proposals = staffing.propose(gaps, people, absences, load)
    chosen = [p.candidate.person.name for p in proposals]
    assert chosen == ["E", "F"]
    assert [p.out_id for p in proposals] == [2, 4]


@settings(max_examples=80, deadline=None)
@given(
    statuses=st.lists(
        st.sampled_from(["trainee", "certified", "paused", "stopped"]), min_size=3, max_size=9
    ),
    absent=st.sets(st.integers(0, 8)),
    busy=st.sets(st.integers(0, 8)),
    unavailable=st.sets(st.integers(0, 8)),
)
def test_suggestions_never_include_anyone_absent_unavailable_or_busy(
    statuses, absent, busy, unavailable
):
    """Whatever the data, a suggested stand-in is never away, unavailable or busy then."""
    people = {
        i: Facilitator(
            i,
            f"P{i}",
            s,
            availability={"mon": frozenset({"morning"})} if i in unavailable else None,
        )
        for i, s in enumerate(statuses)
    }
    absences = staffing.index_absences([Absence(i, DAY, DAY) for i in absent if i in people])
    load = empty_load(busy={DAY: [(time(13), time(16), frozenset(busy), 999)]})
    s = slot([0, 1])
    present = staffing.expected(s, people, absences, [])
    ranked, _ = staffing.rank(s, present, people, absences, load)
    for c in ranked:
        pid = c.person.id
        assert pid not in absent and pid not in busy and pid not in unavailable
        assert c.person.status not in ("paused", "stopped") and pid not in present


def test_a_stand_in_who_is_away_or_replaced_does_not_count():
    """A stand-in later away (or paused), or replaced by another stand-in, is not expected."""
    s = slot([1, 2])
    subs = [Substitution(1, 5, 2, True)]
    assert staffing.expected(s, P, {**ill(2), **ill(5)}, subs) == [1]
    assert staffing.expected(s, P, ill(2), subs + [Substitution(1, 6, 5, True)]) == [1, 6]
    paused = {**P, 5: Facilitator(5, "Fatma", "paused")}
    assert staffing.expected(s, paused, ill(2), subs) == [1]
