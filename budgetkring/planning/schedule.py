"""The rules of a year plan, as pure functions: cadence, days off, theme shifting, conflicts.

No database here: callers pass in the calendar of blocked days and the meetings that exist, so
every rule is tested on a fixed date.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache

from budgetkring.dates import parse_time
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _, current_language
from budgetkring.paths import resource_path

CADENCES = ("1w", "2w", "3w", "4w", "month")
CADENCE_LABELS = {
    "1w": N_("every week"),
    "2w": N_("every 2 weeks"),
    "3w": N_("every 3 weeks"),
    "4w": N_("every 4 weeks"),
    "month": N_("once a month (same weekday)"),
}
REGIONS = ("noord", "midden", "zuid")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DUTCH_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_FULL_NAMES = (
    ("monday", "maandag"),
    ("tuesday", "dinsdag"),
    ("wednesday", "woensdag"),
    ("thursday", "donderdag"),
    ("friday", "vrijdag"),
    ("saturday", "zaterdag"),
    ("sunday", "zondag"),
)
_WEEKDAY_NAMES = {
    name: index
    for index, names in enumerate(
        zip(WEEKDAYS, DUTCH_WEEKDAYS, *zip(*_FULL_NAMES, strict=True), strict=True)
    )
    for name in names
}
MAX_TRIES = 8  # a blocked date moves on a week at a time, at most this often


def parse_weekday(text: str) -> int:
    """0 (Monday) … 6 (Sunday) from mon/tue/… or ma/di/…; a UserError otherwise."""
    key = (text or "").strip().lower()
    if key in _WEEKDAY_NAMES:
        return _WEEKDAY_NAMES[key]
    raise UserError(
        _("'{text}' is not a weekday. Use mon, tue, wed, thu, fri, sat or sun.").format(text=text)
    )


def parse_cadence(text: str) -> str:
    """One of 1w, 2w, 3w, 4w, month; a UserError otherwise."""
    value = (text or "").strip().lower()
    if value not in CADENCES:
        raise UserError(
            _("'{text}' is not a rhythm. Use 1w, 2w, 3w, 4w or month.").format(text=text)
        )
    return value


def parse_region(text: str) -> str:
    """noord, midden or zuid; a UserError otherwise."""
    value = (text or "").strip().lower()
    if value not in REGIONS:
        raise UserError(
            _("'{text}' is not a school holiday region. Use noord, midden or zuid.").format(
                text=text
            )
        )
    return value


def parse_time_range(text: str) -> tuple[time, time]:
    """'19:00-21:00' into two times; refuses 25:00 and an end before the start."""
    parts = (text or "").replace("–", "-").split("-")
    if len(parts) != 2:
        raise UserError(
            _("'{text}' is not a time range. Write it like 19:00-21:00.").format(text=text)
        )
    start, end = parse_time(parts[0]), parse_time(parts[1])
    check_times(start, end)
    return start, end


def check_times(start: time, end: time) -> None:
    """A meeting must end after it starts."""
    if end <= start:
        raise UserError(_("The meeting must end after it starts."))


# --- days off ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolHoliday:
    """One school holiday of one region (inclusive dates)."""

    name: str
    region: str
    start: date
    end: date


@lru_cache(maxsize=1)
def school_holidays() -> tuple[SchoolHoliday, ...]:
    """The shipped school holidays (data/school_holidays.json)."""
    raw = json.loads(resource_path("data", "school_holidays.json").read_text(encoding="utf-8"))
    return tuple(
        SchoolHoliday(
            h["name"], h["region"], date.fromisoformat(h["start"]), date.fromisoformat(h["end"])
        )
        for h in raw["holidays"]
    )


def school_holiday_range() -> tuple[date, date]:
    """First and last day covered by the shipped school holiday data."""
    items = school_holidays()
    # Coverage runs from the first autumn holiday's school year start to the last summer's end.
    return date(min(h.start for h in items).year, 8, 1), max(h.end for h in items)


@lru_cache(maxsize=8)
def public_holidays(first_year: int, last_year: int, language: str) -> dict[date, str]:
    """Dutch public holidays (the `holidays` package) with names in the given language."""
    import holidays

    lang = "nl" if language == "nl" else "en_US"
    found = holidays.country_holidays("NL", years=range(first_year, last_year + 1), language=lang)
    return dict(found.items())


DayCheck = Callable[[date], "str | None"]


class DaysOff:
    """Why a circle cannot meet on a given day: a holiday (or ``extra``, e.g. a lead who leads
    elsewhere then) rules the day out; ``soft`` reasons (a lead who is away) only move a meeting
    a little, because a stand-in can keep the circle going.
    """

    def __init__(
        self,
        region: str,
        extra: dict[date, str] | DayCheck | None = None,
        soft: DayCheck | None = None,
    ):
        self.region = region
        self._extra = extra.get if isinstance(extra, dict) else extra
        self._soft = soft
        self._school: dict[date, str] = {}
        for h in school_holidays():
            if h.region == region:
                day = h.start
                while day <= h.end:
                    self._school[day] = h.name
                    day += timedelta(days=1)
        self._public: dict[date, str] = {}
        self._years: set[int] = set()

    def _load_year(self, year: int) -> None:
        if year not in self._years:
            self._years.add(year)
            self._public.update(public_holidays(year, year, current_language()))

    def reason(self, day: date) -> str | None:
        """A plain-words reason this day is off, or None when the circle can meet."""
        self._load_year(day.year)
        if day in self._public:
            return _("public holiday: {name}").format(name=self._public[day])
        if day in self._school:
            return _("school holiday: {name}").format(name=self._school[day])
        return self._extra(day) if self._extra else None

    def soft_reason(self, day: date) -> str | None:
        """A reason to rather not meet that day (a lead is away), or None."""
        return self._soft(day) if self._soft else None

    def public_holiday(self, day: date) -> str | None:
        """The name of the public holiday on this day, if any."""
        self._load_year(day.year)
        return self._public.get(day)


# --- cadence and generation ---------------------------------------------------------------


def first_on_weekday(day: date, weekday: int) -> date:
    """The first date on or after ``day`` that falls on ``weekday``."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1–4) or last (n = 5) given weekday of a month."""
    first = first_on_weekday(date(year, month, 1), weekday)
    day = first + timedelta(weeks=n - 1)
    if day.month != month:
        day -= timedelta(weeks=1)
    return day


def next_regular(day: date, cadence: str, weekday: int, nth: int) -> date:
    """The regular meeting day after ``day`` in the circle's rhythm."""
    if cadence == "month":
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return nth_weekday(year, month, weekday, nth)
    return day + timedelta(weeks=int(cadence[0]))


MAX_SOFT_SKIPS = 2  # a lead's absence moves a meeting at most this many weeks


def generate_dates(
    start: date,
    weekday: int,
    cadence: str,
    count: int,
    days_off: DayCheck,
    taken: AbstractSet[date] = frozenset(),
    soft_off: DayCheck | None = None,
) -> tuple[list[date], list[tuple[date, str]]]:
    """``count`` meeting dates from ``start`` on, and every skipped date with its reason.

    A date that is off (holiday) or already taken moves on a week at a time. A ``soft_off`` day
    (a lead away) moves on at most MAX_SOFT_SKIPS weeks; after that the meeting stays and a
    stand-in is needed. Weekly rhythms continue from the day actually chosen; a monthly rhythm
    keeps one meeting per month on the n-th weekday. Dates strictly increase.
    """
    first = first_on_weekday(start, weekday)
    nth = 5 if first.day > 28 else (first.day - 1) // 7 + 1
    chosen: list[date] = []
    skipped: list[tuple[date, str]] = []
    candidate = first
    while len(chosen) < count:
        day, soft_skips, reason = candidate, 0, None
        for _try in range(MAX_TRIES):
            reason = days_off(day) or (
                _("the circle already meets that day") if day in taken else None
            )
            if reason is None and soft_off and soft_skips < MAX_SOFT_SKIPS:
                reason = soft_off(day)
                soft_skips += reason is not None
            if reason is None:
                break
            skipped.append((day, reason))
            day += timedelta(weeks=1)
        else:
            raise UserError(
                _("No free day found in the {n} weeks from {date}: {reason}.").format(
                    n=MAX_TRIES, date=candidate.isoformat(), reason=reason
                )
            )
        chosen.append(day)
        if cadence == "month":
            candidate = next_regular(candidate, cadence, weekday, nth)
            while candidate <= day:  # a meeting pushed into the next month keeps that month
                candidate = next_regular(candidate, cadence, weekday, nth)
        else:
            candidate = next_regular(day, cadence, weekday, nth)
    return chosen, skipped


def shift_themes(
    themes: list[int | None], cancelled_index: int
) -> tuple[list[int | None], int | None]:
    """Cancel the meeting at ``cancelled_index`` and move its theme and all later ones on.

    ``themes`` are the template ids of the circle's meetings in date order (cancelled ones
    excluded). Returns the themes of the remaining meetings (one shorter, the cancelled one
    removed) and the theme left over for a meeting to add at the end, so no theme is lost.
    """
    if not 0 <= cancelled_index < len(themes):
        raise IndexError(cancelled_index)
    later = themes[cancelled_index:]  # the cancelled theme first, then every later one
    kept = themes[:cancelled_index]
    slots = len(themes) - cancelled_index - 1  # later meetings that go on
    return kept + later[:slots], later[slots]
