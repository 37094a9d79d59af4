"""What a staffing change means for the planning, in words: said right after the change.

After an absence, a stand-in or 'fill all gaps' the user should not have to go and look what
happened: these functions put the consequence in one or two short sentences. The GUI shows
them calmly (status line, or the open dialog); the command line prints them.
"""

from __future__ import annotations

from datetime import date

from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date, ngettext
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.substitutions import find_gaps, stand_in_words, substitution_history
from budgetkring.store import Store


def _day(day: date, today: date) -> str:
    """'Tue 15 Dec', with the year when it is not this year (short: it goes in a status line)."""
    return format_date(day, "EEE d MMM" if day.year == today.year else "EEE d MMM yyyy")


def _still_missing(count: int) -> str:
    return ngettext(
        "{n} meeting now misses a facilitator.", "{n} meetings now miss a facilitator.", count
    ).format(n=count)


def absence_outcome(store: Store, facilitator_id: int, first: date, last: date, today: date) -> str:
    """'Mohamed is away from … to …. 2 meetings now miss a facilitator.' (from today on)."""
    people = facilitators_by_id(store)
    name = people[facilitator_id].name if facilitator_id in people else "?"
    if first == last:
        text = _("{name} is away on {date}.").format(name=name, date=_day(first, today))
    else:
        text = _("{name} is away from {first} to {last}.").format(
            name=name, first=_day(first, today), last=_day(last, today)
        )
    if last < today:
        return text
    hit = [
        g
        for g in find_gaps(store, today, max(first, today), last)
        if facilitator_id in g.away and g.open_places
    ]
    if not hit:
        return text + " " + _("No meeting misses a facilitator because of this.")
    return text + " " + _still_missing(len(hit))


def stand_in_outcome(store: Store, substitution_id: int, today: date) -> str:
    """After choosing or confirming a stand-in: who, when, and whether the meeting is staffed.

    'Tue 15 Dec: Fatma has been asked to stand in for Mohamed; not agreed yet.' or
    'Tue 15 Dec: Fatma stands in for Mohamed. The meeting has two facilitators now.'
    """
    line = next((x for x in substitution_history(store) if x.id == substitution_id), None)
    if line is None:
        raise UserError(_("This stand-in has been removed in the meantime."))
    text = _("{date}: {what}.").format(
        date=_day(line.date, today), what=stand_in_words(line, today)
    )
    if not line.confirmed:  # the words already say it is not agreed yet
        return text
    gap = next(
        (
            g
            for g in find_gaps(store, today, line.date, line.date)
            if g.session_id == line.session_id
        ),
        None,
    )
    if gap is None:
        return text + " " + _("The meeting has two facilitators now.")
    return (
        text
        + " "
        + ngettext(
            "The meeting still misses {n} facilitator.",
            "The meeting still misses {n} facilitators.",
            gap.missing,
        ).format(n=gap.missing)
    )


def fill_outcome(
    store: Store, asked: int, today: date, first: date | None = None, last: date | None = None
) -> str:
    """After 'fill all gaps': how many were asked, and how many meetings nobody could be found
    for."""
    text = ngettext(
        "{n} stand-in has been asked; not agreed yet.",
        "{n} stand-ins have been asked; not agreed yet.",
        asked,
    ).format(n=asked)
    open_ = [
        g for g in find_gaps(store, today, first, last) if g.open_places and not g.incomplete_pair
    ]
    if open_:
        text += " " + ngettext(
            "{n} meeting still misses a facilitator.",
            "{n} meetings still miss a facilitator.",
            len(open_),
        ).format(n=len(open_))
    return text
