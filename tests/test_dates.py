"""parse_date: dates as people type them (numbers, Dutch and English month names), and refusals."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date as babel_format_date
from hypothesis import given
from hypothesis import strategies as st

from budgetkring.dates import parse_date
from budgetkring.errors import UserError
from budgetkring.i18n import set_language

MARCH_5 = date(2027, 3, 5)


@pytest.mark.parametrize(
    "typed",
    [
        "5-3-2027",
        "05-03-2027",
        "5/3/2027",
        "5.3.2027",
        " 5 - 3 - 2027 ",
        "5-3-27",
        "2027-03-05",
        "2027-3-5",
        "5 maart 2027",
        "5 MAART 2027",
        "5 mrt 2027",
        "5 mrt. 2027",
        "5-mrt-2027",
        "5 maa 2027",
        "5 March 2027",
        "5 Mar 2027",
        "March 5, 2027",
        "vrijdag 5 maart 2027",
        "vr 5 mrt 2027",
        "Friday, 5 March 2027",
    ],
)
def test_usual_ways_of_writing_a_date(typed):
    """Every usual way of writing 5 March 2027 gives 5 March 2027, whatever the UI language."""
    for language in ("nl", "en"):
        set_language(language)
        assert parse_date(typed) == MARCH_5


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Fill in a date"),
        ("   ", "Fill in a date"),
        ("5-3", "has no year"),
        ("5 maart", "has no year"),
        ("31-2-2027", "does not exist"),
        ("5-13-2027", "does not exist"),
        ("0-3-2027", "does not exist"),
        ("5-3-0202", "too far away"),
        ("5-3-3202", "too far away"),
        ("9999-12-31", "too far away"),
        ("5-3-202", "not a date"),
        ("5 ma 2027", "not a date"),  # maart, mei, March or May?
        ("5 foo 2027", "not a date"),
        ("morgen", "not a date"),
        ("12:30", "not a date"),
        ("5-3-2027-1", "not a date"),
        ("5_3_2027", "not a date"),
        ("5-\u0663-2027", "not a date"),  # an Arabic-Indic three
        ("5-3-99999", "not a date"),
        ("1" * 200, "not a date"),
        ("maandag 5 maart 2027", "not a Monday"),
        ("blauwdag 5 maart 2027", "not a date"),
    ],
)
def test_what_is_not_a_date_is_refused_never_changed(typed, says):
    """Impossible, half or far-away dates raise a UserError that says why."""
    with pytest.raises(UserError, match=says):
        parse_date(typed)


def test_long_input_is_not_echoed_whole():
    """A pasted page of text is cut short in the message."""
    with pytest.raises(UserError) as err:
        parse_date("x" * 500)
    assert len(str(err.value)) < 150


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_as_the_app_writes_it_reads_back(day):
    """Each way the app shows a date (numbers, long and full in Dutch and English) reads back."""
    assert parse_date(f"{day.day}-{day.month}-{day.year}") == day
    assert parse_date(day.strftime("%d-%m-%Y")) == day
    assert parse_date(day.isoformat()) == day
    for locale in ("nl_NL", "en_GB"):
        for form in ("medium", "long", "full"):
            assert parse_date(babel_format_date(day, form, locale=locale)) == day
