"""Reading dates and times that people type, and the clock the services use."""

from __future__ import annotations

import re
from datetime import date, time

from budgetkring.errors import UserError
from budgetkring.i18n import _

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DUTCH = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def today() -> date:
    """The real date; services take ``today`` as an argument so tests can fix it."""
    return date.today()


def parse_date(text: str) -> date:
    """A date typed as 2026-03-17 or 17-3-2026 (also 17/3/2026, 17.3.2026).

    Raises a UserError with the reason for anything else, including impossible dates.
    """
    text = (text or "").strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DUTCH.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise UserError(
            _("'{text}' is not a date. Write a date like 2026-03-17 or 17-3-2026.").format(
                text=text
            )
        )
    try:
        value = date(year, month, day)
    except ValueError:
        raise UserError(_("The date '{text}' does not exist.").format(text=text)) from None
    return check_range(value)


FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_range(value: date) -> date:
    """Refuse dates far outside a circle's life (typos like 0202 or 9999)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise UserError(
            _("{date} is too far away. Use a date between {first} and {last}.").format(
                date=value.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
            )
        )
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
