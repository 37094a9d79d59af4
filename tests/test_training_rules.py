"""The training rules as pure functions: criteria files, the meetings a trainee led (from the
schedule), the start of the training year, the criteria met or missing, and the certificate's
number, validity, state and verification code."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkring.errors import UserError
from budgetkring.paths import resource_path
from budgetkring.training import codes
from budgetkring.training.criteria import (
    LedMeeting,
    evaluate,
    meetings_led,
    missing_in_words,
    observed_meetings,
    parse_criteria,
    score_label,
    training_start,
)

TODAY = date(2027, 3, 1)
SECRET = "ab" * 32


def shipped() -> dict:
    """The criteria file that ships with the app."""
    return json.loads(resource_path("data", "certification.json").read_text(encoding="utf-8"))


# --- criteria files -----------------------------------------------------------------------------


def test_the_shipped_criteria_ask_12_meetings_3_observations_4_days_and_8_competences():
    """The default: 12 meetings, 3 observations, 4 training days, 8 competences in Dutch."""
    criteria = parse_criteria(shipped())
    assert (criteria.meetings, criteria.observations, criteria.training_days) == (12, 3, 4)
    assert len(criteria.competences) == 8
    assert criteria.competence("RONDES").label.startswith("Een rondje leiden")
    assert criteria.competence("nobody") is None


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.update(format="other"), "not a file with certification criteria"),
        (lambda d: d.update(format_version=9), "format version"),
        (lambda d: d["criteria"].update(meetings=-1), "'meetings'"),
        (lambda d: d["criteria"].update(training_days="4"), "'training_days'"),
        (lambda d: d.update(competences=[]), "1 to 30 competences"),
        (lambda d: d["competences"][1].update(code="rondes"), "same code"),
        (lambda d: d["competences"][0].update(code="twee woorden"), "small letters"),
        (lambda d: d["competences"][0].update(label=""), "'label'"),
        (lambda d: d.update(name=""), "'name'"),
    ],
)
def test_a_broken_criteria_file_is_refused_with_the_reason(change, said):
    """Each problem in a criteria file is named in plain words."""
    data = shipped()
    change(data)
    with pytest.raises(UserError, match=re.escape(said)):
        parse_criteria(data)


# --- meetings led -----------------------------------------------------------------------------

ME, PARTNER, OTHER = 1, 2, 3


def session(sid: int, day: str, status: str = "planned", circle: int = 10) -> dict:
    """A meeting row as the store gives it."""
    return {"id": sid, "circle_id": circle, "circle_name": "Zwolle", "date": day, "status": status}


def lead(person: int, first: str, last: str | None = None, circle: int = 10) -> dict:
    """A lead period row."""
    return {"circle_id": circle, "facilitator_id": person, "from_date": first, "to_date": last}


def led(sessions, leads, subs=(), absences=()) -> list[int]:
    """The ids of the meetings ME led."""
    return [m.session_id for m in meetings_led(ME, sessions, leads, subs, absences, TODAY)]


def test_held_meetings_of_the_pair_count_coming_and_cancelled_ones_do_not():
    """Meetings in the past (or marked held) count; cancelled and coming ones do not."""
    sessions = [
        session(1, "2027-01-05"),
        session(2, "2027-01-19", "cancelled"),
        session(3, "2027-02-02", "held"),
        session(4, "2027-03-02", "held"),  # marked held ahead of time: it counts as held
        session(5, "2027-03-16"),
    ]
    assert led(sessions, [lead(ME, "2027-01-01"), lead(PARTNER, "2027-01-01")]) == [1, 3, 4]


def test_only_meetings_within_a_lead_period_count():
    """After the pair changed, the old lead no longer leads the circle's meetings."""
    sessions = [session(1, "2027-01-05"), session(2, "2027-02-02")]
    leads = [
        lead(ME, "2027-01-01", "2027-01-31"),
        lead(PARTNER, "2027-01-01"),
        lead(OTHER, "2027-02-01"),
    ]
    assert led(sessions, leads) == [1]


def test_a_meeting_before_the_first_pair_is_the_first_pairs_as_the_staffing_rules_say():
    """A trainee entered after they began: earlier meetings go to the pair that came next."""
    sessions = [session(1, "2026-12-01"), session(2, "2027-01-05")]
    assert led(sessions, [lead(ME, "2027-01-01"), lead(PARTNER, "2027-01-01")]) == [1, 2]


def test_replaced_or_away_the_trainee_did_not_lead_it_standing_in_they_did():
    """A confirmed stand-in for them, or their absence, takes the meeting off; where they stood
    in elsewhere, it counts as a meeting led (as stand-in)."""
    sessions = [
        session(1, "2027-01-05"),
        session(2, "2027-01-19"),
        session(3, "2027-02-02"),
        session(4, "2027-02-09", circle=20),
    ]
    subs = [
        {"session_id": 1, "in_id": OTHER, "out_id": ME},
        {"session_id": 4, "in_id": ME, "out_id": OTHER},
    ]
    absences = [{"from_date": "2027-01-18", "to_date": "2027-01-20"}]
    found = meetings_led(
        ME, sessions, [lead(ME, "2027-01-01"), lead(PARTNER, "2027-01-01")], subs, absences, TODAY
    )
    assert [(m.session_id, m.stand_in) for m in found] == [(3, False), (4, True)]


def test_the_training_year_starts_at_the_first_meeting_led_unless_a_trainer_chose():
    """Without a chosen start: the first meeting led; a chosen date wins; nothing led: None."""
    meetings = [LedMeeting(2, "Z", date(2027, 2, 2)), LedMeeting(1, "Z", date(2027, 1, 5))]
    assert training_start(None, meetings) == date(2027, 1, 5)
    assert training_start(date(2026, 9, 1), meetings) == date(2026, 9, 1)
    assert training_start(None, []) is None


def test_observations_count_once_per_meeting():
    """Two trainers at one meeting is one observed meeting; a removed meeting counts by date."""
    day = date(2027, 1, 5)
    assert observed_meetings([(1, day), (1, day), (2, day), (None, day), (None, day)]) == 3


# --- criteria met or missing --------------------------------------------------------------------


def test_progress_reads_8_of_12_meetings_and_says_what_is_missing():
    """Each criterion says how far along it is, and what is still needed, in words."""
    criteria = parse_criteria(shipped())
    results = evaluate(criteria, 8, 3, ["samen", "TIJD"], 1)
    texts = {r.code: r.progress_text() for r in results}
    assert texts == {
        "meetings": "8 of 12 meetings",
        "observations": "3 of 3 observations",
        "competences": "2 of 8 competences signed off",
        "training_days": "1 of 4 training days",
    }
    assert [r.met for r in results] == [False, True, False, False]
    missing = missing_in_words(results)
    assert missing.startswith("Still needed: lead 4 more meetings; sign off 6 more competences")
    assert "(rondes, naast, vertrouwen, doorverwijzen, voorbereiden, terugkijken)" in missing
    assert missing.endswith("attend 3 more training days.")
    assert "observation" not in missing


def test_everything_met_leaves_nothing_missing():
    """All criteria met: every result is met and nothing is said to be missing."""
    criteria = parse_criteria(shipped())
    results = evaluate(criteria, 13, 3, criteria.codes(), 4)
    assert all(r.met for r in results) and missing_in_words(results) == ""


def test_one_missing_meeting_is_said_in_the_singular():
    """ "lead 1 more meeting", not "meetings"."""
    criteria = parse_criteria(shipped())
    results = evaluate(criteria, 11, 3, criteria.codes(), 4)
    assert missing_in_words(results) == "Still needed: lead 1 more meeting."


def test_the_scale_has_four_steps():
    """1 beginning … 4 good; anything else has no word."""
    assert [score_label(n) for n in range(6)] == [
        "",
        "beginning",
        "on the way",
        "sufficient",
        "good",
        "",
    ]


# --- certificates -------------------------------------------------------------------------------


def test_numbers_count_up_per_year():
    """BK-<year>-0001, then 0002; another year starts at 0001 again."""
    assert codes.next_number(2027, []) == "BK-2027-0001"
    taken = ["BK-2027-0001", "BK-2027-0002", "BK-2026-0007", "something"]
    assert codes.next_number(2027, taken) == "BK-2027-0003"
    assert codes.next_number(2028, taken) == "BK-2028-0001"


def test_valid_for_three_years_and_29_february_becomes_28():
    """Valid until the same day three years on; a leap day ends on 28 February."""
    assert codes.valid_until(date(2027, 3, 4)) == date(2030, 3, 4)
    assert codes.valid_until(date(2028, 2, 29), 1) == date(2029, 2, 28)


@pytest.mark.parametrize(
    ("until", "revoked", "state"),
    [
        (date(2030, 1, 1), False, "valid"),
        (date(2027, 6, 1), False, "valid"),  # exactly three months away: not yet "soon"
        (date(2027, 5, 31), False, "expiring"),
        (TODAY, False, "expiring"),  # the last day it is valid
        (date(2027, 2, 28), False, "expired"),
        (date(2030, 1, 1), True, "revoked"),
    ],
)
def test_certificate_state(until, revoked, state):
    """valid, expires within 3 months, expired (after its last day), revoked."""
    assert codes.certificate_state(until, revoked, TODAY) == state


def test_the_code_is_grouped_in_characters_that_do_not_look_alike():
    """12 characters in groups of four, none of 0, O, 1, I, L, U; the same input, the same
    code."""
    code = codes.verification_code(SECRET, "BK-2027-0003", "Sanne Visser", date(2027, 3, 4))
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert not set(code) & set("0O1ILU")
    assert code == codes.verification_code(SECRET, "BK-2027-0003", "Sanne Visser", date(2027, 3, 4))


def test_the_code_depends_on_number_name_date_and_secret():
    """Another number, name, date or secret gives another code."""
    base = ("BK-2027-0003", "Sanne Visser", date(2027, 3, 4))
    code = codes.verification_code(SECRET, *base)
    assert codes.verification_code(SECRET, "BK-2027-0004", *base[1:]) != code
    assert codes.verification_code(SECRET, base[0], "Sanne Vissers", base[2]) != code
    assert codes.verification_code(SECRET, *base[:2], date(2027, 3, 5)) != code
    assert codes.verification_code("cd" * 32, *base) != code


def test_a_code_is_accepted_with_or_without_dashes_in_any_case():
    """7KQ2-M9XD-… and 7kq2m9xd… are the same code."""
    day = date(2027, 3, 4)
    code = codes.verification_code(SECRET, "BK-2027-0003", "Sanne Visser", day)
    for typed in (code, code.lower(), code.replace("-", ""), f" {code.replace('-', ' ')} "):
        assert codes.code_matches(SECRET, "BK-2027-0003", "Sanne Visser", day, typed)


@given(position=st.integers(0, codes.CODE_LENGTH - 1), other=st.sampled_from(codes.ALPHABET))
def test_any_changed_character_fails(position, other):
    """Changing any one character of the code makes it fail."""
    day = date(2027, 3, 4)
    plain = codes.normalise_code(codes.verification_code(SECRET, "BK-2027-0003", "Sanne", day))
    changed = plain[:position] + other + plain[position + 1 :]
    assert codes.code_matches(SECRET, "BK-2027-0003", "Sanne", day, changed) == (changed == plain)


def test_numbers_are_read_as_typed():
    """bk-2027-0003 with spaces is the number BK-2027-0003; other text is no number."""
    assert codes.normalise_number(" bk-2027-0003 ") == "BK-2027-0003"
    assert codes.is_number("bk-2027-0003") and not codes.is_number("2027-3")
