"""Reading dates and times that people type, and the clock the services use."""

from __future__ import annotations

import re
from datetime import date, time
from functools import cache

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
# A typed date is words and numbers (0-9 only) with spaces and the usual separators in between.
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")
_SEPARATORS = re.compile(r"^[\s,./-]*$")
# Month and weekday names are read in every language the app speaks, whatever the UI language:
# the names do not clash (Dutch "mrt" and English "mar" are both March) and a Dutch volunteer
# who types "5 March" still means March.
_NAME_LOCALES = ("nl_NL", "en_GB")


def today() -> date:
    """The real date; services take ``today`` as an argument so tests can fix it."""
    return date.today()


def parse_date(text: str) -> date:
    """A date as people type it; a UserError with the reason for anything else.

    Understood: 2026-03-17 (ISO), 17-3-2026, 17-03-2026, 17/3/2026, 17.3.2026, 17-3-26,
    17 maart 2026, 17 mrt 2026, 17 March 2026, March 17, 2026 and the same with a weekday in
    front ("dinsdag 17 maart 2026", which must then be the right weekday). A two-digit year is in
    this century. Impossible dates (31-2-2027) and dates far away are refused, never changed.
    """
    text = (text or "").strip()
    if not text:
        raise UserError(_("Fill in a date, for example 17-3-2026."))
    if len(text) > 40 or not _SEPARATORS.match(_TOKEN.sub("", text)):
        raise _not_a_date(text)
    tokens = _TOKEN.findall(text.casefold())
    weekday = None
    if len(tokens) == 4 and not tokens[0].isdigit():
        weekday = _weekday_number(tokens[0])
        if weekday is None:
            raise _not_a_date(text)
        tokens = tokens[1:]
    day, month, year = _day_month_year(text, tokens)
    try:
        value = date(year, month, day)
    except ValueError:
        if not FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 and 1 <= day <= 31:
            raise _too_far(str(year)) from None
        raise UserError(_("The date '{text}' does not exist.").format(text=text)) from None
    check_range(value)
    if weekday is not None and weekday != value.weekday():
        raise UserError(
            _("{date} is a {weekday}, not a {typed}.").format(
                date=format_date(value, "long"),
                weekday=format_date(value, "EEEE"),
                typed=_weekday_name(weekday),
            )
        )
    return value


def _not_a_date(text: str) -> UserError:
    shown = text if len(text) <= 40 else text[:40] + "…"
    return UserError(
        _("'{text}' is not a date. Write a date like 2026-03-17 or 17-3-2026.").format(text=shown)
    )


def _too_far(shown: str) -> UserError:
    return UserError(
        _("{date} is too far away. Use a date between {first} and {last}.").format(
            date=shown, first=FIRST_YEAR, last=LAST_YEAR
        )
    )


def _day_month_year(text: str, tokens: list[str]) -> tuple[int, int, int]:
    """Day, month and year from three tokens (numbers and at most one month name)."""
    if len(tokens) == 2 and not any(t.isdigit() and len(t) > 2 for t in tokens):
        raise UserError(
            _("'{text}' has no year. Write the year too, for example 17-3-2026.").format(text=text)
        )
    if len(tokens) != 3 or any(t.isdigit() and len(t) > 4 for t in tokens):
        raise _not_a_date(text)
    first, second, third = tokens
    if all(t.isdigit() for t in tokens):
        if len(first) == 4:  # ISO order: year, month, day
            return int(third), int(second), int(first)
        if len(first) <= 2 and len(second) <= 2 and len(third) in (2, 4):
            return int(first), int(second), _full_year(third)
        raise _not_a_date(text)
    if first.isdigit() and third.isdigit() and len(first) <= 2:  # 17 maart 2026
        day, name, year = first, second, third
    elif second.isdigit() and third.isdigit() and len(second) <= 2:  # March 17, 2026
        day, name, year = second, first, third
    else:
        raise _not_a_date(text)
    month = _month_number(name)
    if month is None or len(year) not in (2, 4):
        raise _not_a_date(text)
    return int(day), month, _full_year(year)


def _full_year(digits: str) -> int:
    """A year as typed; two digits mean this century (26 is 2026)."""
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _month_number(word: str) -> int | None:
    """1-12 for a month name, its abbreviation or a clear start of it (3+ letters); else None."""
    found = {month for name, month in _month_names() if name == word}
    if not found and len(word) >= 3:
        found = {month for name, month in _month_names() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday name, its abbreviation or a clear start of it; else None."""
    found = {day for name, day in _weekday_names() if name == word}
    if not found and len(word) >= 2:
        found = {day for name, day in _weekday_names() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _weekday_name(weekday: int) -> str:
    """The full name of weekday 0 (Monday) to 6 in the language in use."""
    return format_date(date(2024, 1, 1 + weekday), "EEEE")


@cache
def _month_names() -> tuple[tuple[str, int], ...]:
    """(name, month) for every month name and abbreviation in babel's data, lower case."""
    from babel.dates import get_month_names

    return _names(get_month_names)


@cache
def _weekday_names() -> tuple[tuple[str, int], ...]:
    """(name, weekday) for every weekday name and abbreviation, lower case (Monday is 0)."""
    from babel.dates import get_day_names

    return _names(get_day_names)


def _names(getter) -> tuple[tuple[str, int], ...]:
    names = set()
    for locale in _NAME_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in getter(width, context, locale).items():
                    names.add((name.casefold().rstrip("."), number))
    return tuple(sorted(names))


FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_range(value: date) -> date:
    """Refuse dates far outside a circle's life (typos like 0202 or 9999)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise _too_far(value.isoformat())
    return value


def parse_id(text: str) -> int | None:
    """A number as typed for an id (plain digits 0-9, not too long), or None."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 15:
        return int(text)
    return None


def parse_time(text: str) -> time:
    """A time of day typed as 19:30 (or 19.30); refuses 25:00 and the like."""
    match = _TIME.match(text or "")
    if not match:
        raise UserError(_("'{text}' is not a time. Write a time like 19:30.").format(text=text))
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise UserError(_("The time '{text}' does not exist.").format(text=text))
    return time(hour, minute)


def iso(value: date | None) -> str | None:
    """A date as YYYY-MM-DD for storage and JSON (None stays None)."""
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    """A stored YYYY-MM-DD back into a date (None or "" gives None)."""
    return date.fromisoformat(value) if value else None


def time_from_iso(value: str) -> time:
    """A stored HH:MM back into a time (what people type goes through ``parse_time``)."""
    return time.fromisoformat(value)
