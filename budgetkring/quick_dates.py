"""Dates in the app's two languages without loading babel, for the first screen.

Loading babel and its Dutch locale data takes about 40 ms, a tenth of the app's start-up,
while the first screen only needs day and month names. ``quick_format`` formats the patterns
made of days, weekdays, months and years (``"EEE d MMM yyyy"``, ``"long"``, …) from the names
below, which are babel's own (CLDR) names; anything else returns None and goes to babel.
tests/test_quick_dates.py checks, for every day of two years, every form the app uses and both
languages, that the result is exactly babel's. When babel's data change that test fails; then
``python -m budgetkring.quick_dates`` prints the new table to paste below.
"""

from __future__ import annotations

from datetime import date
from typing import Any

NAMES: dict[str, dict[str, dict[str, Any]]] = {
    "nl_NL": {
        "patterns": {
            "full": "EEEE d MMMM y",
            "long": "d MMMM y",
            "medium": "d MMM y",
            "short": "dd-MM-y",
        },
        "days": {
            "abbreviated": ["ma", "di", "wo", "do", "vr", "za", "zo"],
            "wide": [
                "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"
            ],
        },
        "months": {
            "abbreviated": [
                "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"
            ],
            "wide": [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december",
            ],
        },
    },
    "en_GB": {
        "patterns": {
            "full": "EEEE, d MMMM y",
            "long": "d MMMM y",
            "medium": "d MMM y",
            "short": "dd/MM/y",
        },
        "days": {
            "abbreviated": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            "wide": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        },
        "months": {
            "abbreviated": [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"
            ],
            "wide": [
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December",
            ],
        },
    },
}  # fmt: skip

_WIDTHS = {1: "abbreviated", 2: "abbreviated", 3: "abbreviated", 4: "wide"}


def quick_format(value: date, form: str, locale: str) -> str | None:
    """``value`` as babel's ``format_date(value, form, locale=locale)`` gives it, or None when
    the form or the locale is not one this module knows (the caller then asks babel)."""
    names = NAMES.get(locale)
    if names is None:
        return None
    pattern: str = names["patterns"].get(form, form)
    if "'" in pattern:  # quoted text: babel's rules, not ours
        return None
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        run = 1
        while i + run < len(pattern) and pattern[i + run] == char:
            run += 1
        i += run
        if not char.isascii() or not char.isalpha():
            out.append(char * run)
            continue
        field = _field(value, char, run, names)
        if field is None:
            return None
        out.append(field)
    return "".join(out)


def _field(value: date, char: str, run: int, names: dict[str, dict[str, Any]]) -> str | None:
    """One pattern field (``d``, ``MMM``, ``EEEE``, ``y`` …) or None for any other."""
    if char == "d" and run <= 2:
        return str(value.day).zfill(run)
    if char == "y":
        year = value.year % 100 if run == 2 else value.year
        return str(year).zfill(run)
    if char == "M" and run <= 2:
        return str(value.month).zfill(run)
    if char == "M" and run in (3, 4):
        return names["months"][_WIDTHS[run]][value.month - 1]
    if char == "E" and run <= 4:
        return names["days"][_WIDTHS[run]][value.weekday()]
    return None


def babel_names(locale: str) -> dict[str, dict[str, Any]]:
    """The table entry for one locale, read from babel (what ``NAMES`` must hold)."""
    from babel import Locale

    data = Locale.parse(locale)
    return {
        "patterns": {k: data.date_formats[k].pattern for k in ("full", "long", "medium", "short")},
        "days": {w: [data.days["format"][w][i] for i in range(7)] for w in ("abbreviated", "wide")},
        "months": {
            w: [data.months["format"][w][i] for i in range(1, 13)] for w in ("abbreviated", "wide")
        },
    }


if __name__ == "__main__":
    import pprint

    pprint.pprint({loc: babel_names(loc) for loc in NAMES}, width=100, sort_dicts=False)
