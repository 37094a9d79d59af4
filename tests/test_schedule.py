"""The planning rules as pure functions: cadence, holidays, theme shifting (with properties)."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkring.errors import UserError
from budgetkring.planning import schedule


def never_off(_day):
    return None


def test_weekly_and_fortnightly_rhythm():
    """Every 2 weeks on Tuesday from a Monday start: the first Tuesday, then 14 days apart."""
    dates, skipped = schedule.generate_dates(date(2026, 9, 7), 1, "2w", 4, never_off)
    assert dates == [date(2026, 9, 8), date(2026, 9, 22), date(2026, 10, 6), date(2026, 10, 20)]
    assert skipped == []


def test_monthly_on_the_nth_weekday():
    """Monthly keeps the n-th weekday of the start (2nd Thursday)."""
    dates, _ = schedule.generate_dates(date(2027, 1, 14), 3, "month", 3, never_off)
    assert dates == [date(2027, 1, 14), date(2027, 2, 11), date(2027, 3, 11)]


def test_public_holiday_is_skipped_with_its_reason():
    """King's Day 2027 (Tuesday 27 April) is skipped; the meeting moves a week on."""
    days_off = schedule.DaysOff("midden")
    dates, skipped = schedule.generate_dates(date(2027, 4, 20), 1, "1w", 2, days_off.reason)
    assert date(2027, 4, 27) not in dates
    assert skipped[0][0] == date(2027, 4, 27) and "public holiday" in skipped[0][1]


def test_school_holiday_of_the_region_is_skipped():
    """Autumn holiday 2026 differs by region: noord 10-18 Oct, zuid 17-25 Oct."""
    noord = schedule.DaysOff("noord")
    zuid = schedule.DaysOff("zuid")
    assert "school holiday" in noord.reason(date(2026, 10, 13))
    assert zuid.reason(date(2026, 10, 13)) is None
    assert "school holiday" in zuid.reason(date(2026, 10, 20))


def test_taken_days_and_extra_days_off_are_skipped():
    """A day the circle already meets, or an absence, moves the meeting a week."""
    extra = schedule.DaysOff("midden", {date(2026, 9, 22): "Anja is away"})
    dates, skipped = schedule.generate_dates(
        date(2026, 9, 8), 1, "1w", 2, extra.reason, {date(2026, 9, 15)}
    )
    assert dates == [date(2026, 9, 8), date(2026, 9, 29)]
    assert [reason for _d, reason in skipped] == [
        "the circle already meets that day",
        "Anja is away",
    ]


def test_every_week_off_is_refused():
    """A calendar that is never free gives a plain error instead of looping."""
    with pytest.raises(UserError, match="No free day"):
        schedule.generate_dates(date(2026, 9, 8), 1, "1w", 1, lambda d: "closed")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mon", 0),
        ("ma", 0),
        ("Dinsdag", 1),
        ("wo", 2),
        ("thu", 3),
        ("vr", 4),
        ("za", 5),
        ("sun", 6),
    ],
)
def test_weekdays_in_english_and_dutch(text, expected):
    """Weekday names are accepted in English and Dutch abbreviations."""
    assert schedule.parse_weekday(text) == expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: schedule.parse_weekday("someday"),
        lambda: schedule.parse_cadence("5w"),
        lambda: schedule.parse_region("west"),
        lambda: schedule.parse_time_range("25:00-26:00"),
        lambda: schedule.parse_time_range("21:00-19:00"),
        lambda: schedule.parse_time_range("19:00"),
    ],
)
def test_bad_plan_input_is_a_plain_error(call):
    """Unknown weekday, rhythm, region, impossible or reversed times are UserErrors."""
    with pytest.raises(UserError):
        call()


def test_time_range():
    """'19:00-21:00' gives two times."""
    assert schedule.parse_time_range("19:00-21:00") == (time(19), time(21))


def test_shift_themes_moves_everything_on_and_loses_nothing():
    """Cancelling meeting 2 of [a,b,c,d]: the rest become [a,b,c] and d is left for the end."""
    kept, left = schedule.shift_themes(["a", "b", "c", "d"], 1)
    assert kept == ["a", "b", "c"] and left == "d"
    kept, left = schedule.shift_themes(["a"], 0)
    assert kept == [] and left == "a"


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(date(2025, 9, 1), date(2027, 8, 31)),
    weekday=st.integers(0, 6),
    cadence=st.sampled_from(schedule.CADENCES),
    count=st.integers(1, 20),
    region=st.sampled_from(schedule.REGIONS),
)
def test_generated_meetings_avoid_holidays_increase_and_match_the_count(
    start, weekday, cadence, count, region
):
    """No meeting on a day off; dates strictly increase; one date per programme meeting."""
    days_off = schedule.DaysOff(region)
    dates, skipped = schedule.generate_dates(start, weekday, cadence, count, days_off.reason)
    assert len(dates) == count
    assert all(days_off.reason(d) is None for d in dates)
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    assert all(d.weekday() == weekday and d >= start for d in dates)
    assert all(days_off.reason(d) for d, _r in skipped)


@given(themes=st.lists(st.integers(), min_size=1, max_size=25), data=st.data())
def test_shift_themes_property(themes, data):
    """After a shift, the kept themes plus the left-over one are the original themes in order."""
    index = data.draw(st.integers(0, len(themes) - 1))
    kept, left = schedule.shift_themes(themes, index)
    assert kept + [left] == themes


def test_school_holiday_data_covers_three_school_years():
    """The shipped data has 5 holidays for 3 regions in 2025-2026 to 2027-2028, with a source."""
    import json

    from budgetkring.paths import resource_path

    raw = json.loads(resource_path("data", "school_holidays.json").read_text(encoding="utf-8"))
    assert "Rijksoverheid" in raw["source"]
    years = {h["school_year"] for h in raw["holidays"]}
    assert years == {"2025-2026", "2026-2027", "2027-2028"}
    assert len(raw["holidays"]) == 45
    for h in raw["holidays"]:
        assert date.fromisoformat(h["start"]) <= date.fromisoformat(h["end"])
    assert schedule.school_holiday_range()[1] >= date(2028, 8, 1) - timedelta(days=40)
