"""Dates formatted without babel (budgetkring/quick_dates.py) are exactly babel's."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date as babel_format_date

from budgetkring.i18n import format_date, set_language
from budgetkring.quick_dates import NAMES, babel_names, quick_format

ROOT = Path(__file__).resolve().parent.parent
FORMS = ("full", "long", "medium", "short", "EEE d MMM yyyy", "EEE d MMM", "d MMM yyyy", "EEEE")


def _forms_in_the_code() -> set[str]:
    """Every literal form passed to format_date in budgetkring/ and ui/."""
    forms = {"long"}  # the default
    for folder in ("budgetkring", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", "")) == "format_date"
                    and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant)
                ):
                    forms.add(node.args[1].value)
    return forms


def test_the_names_are_babels():
    """The table of names and patterns is what babel's data say (else: regenerate it)."""
    for locale in NAMES:
        assert NAMES[locale] == babel_names(locale), (
            "babel's data changed: run `python -m budgetkring.quick_dates` and paste the table"
        )


@pytest.mark.parametrize("locale", sorted(NAMES))
def test_every_form_of_every_day_is_babels(locale):
    """For two years of days (a leap year included), each form gives babel's text or None."""
    forms = set(FORMS) | _forms_in_the_code()
    days = [date(2027, 1, 1) + timedelta(days=n) for n in range(-366, 366)]
    days += [date(2000, 1, 1), date(2100, 12, 31), date(5, 6, 7)]
    handled = set()
    for form in sorted(forms):
        for day in days:
            quick = quick_format(day, form, locale)
            if quick is not None:
                handled.add(form)
                assert quick == babel_format_date(day, format=form, locale=locale), (form, day)
    assert {"long", "full", "EEE d MMM yyyy", "EEE d MMM", "EEEE"} <= handled


def test_forms_it_does_not_know_go_to_babel():
    """Quoted text, other fields and other locales are left to babel (None), and format_date
    still gives babel's text for them."""
    day = date(2026, 3, 3)
    assert quick_format(day, "LLLL yyyy", "nl_NL") is None
    assert quick_format(day, "d 'van' MMMM", "nl_NL") is None
    assert quick_format(day, "long", "de_DE") is None
    set_language("nl")
    try:
        assert format_date(day, "LLLL yyyy") == babel_format_date(day, "LLLL yyyy", locale="nl_NL")
        assert format_date(day, "full") == "dinsdag 3 maart 2026"
        assert format_date(datetime(2026, 3, 3, 9, 30), "EEE d MMM") == "di 3 mrt"
    finally:
        set_language("en")
