"""When a meeting's time is unusual: pure rules over clock times, asked about, never refused.

A start before 07:00, an end after 23:00 or a length far from the programme's is possible (a
weekend outing, an evening meeting) but more often a typing mistake, so moving a meeting there
asks first (``sessions.move_session``, the move form, ``budgetkring move --unusual-time``).
"""

from __future__ import annotations

from datetime import time

from budgetkring.i18n import _, ngettext

EARLIEST = time(7, 0)  # a meeting that starts earlier is probably a typing mistake
LATEST = time(23, 0)  # … and so is one that ends later
LENGTH_MARGIN = 30  # minutes a meeting may be shorter or longer than usual without a question


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def duration_text(minutes: int) -> str:
    """A length of time in plain words: '2 hours', '45 minutes', '2:30 hours'."""
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    if not hours:
        return ngettext("{n} minute", "{n} minutes", rest).format(n=rest)
    return _("{hours}:{minutes} hours").format(hours=hours, minutes=f"{rest:02d}")


def unusual_time(start: time, end: time, usual_minutes: int | None) -> list[str]:
    """What is unusual about a meeting from ``start`` to ``end``, in plain words (a pure function).

    Unusual is possible but probably a mistake, so it is asked about, not refused: a start
    before 07:00, an end after 23:00, a length more than half an hour away from
    ``usual_minutes`` (None: no usual length). An end that is not after the start is not
    unusual but impossible: ``schedule.check_times`` refuses it.
    """
    problems = []
    if start < EARLIEST:
        problems.append(
            _("It starts at {start}, before {earliest}.").format(
                start=f"{start:%H:%M}", earliest=f"{EARLIEST:%H:%M}"
            )
        )
    if end > LATEST:
        problems.append(
            _("It ends at {end}, after {latest}.").format(
                end=f"{end:%H:%M}", latest=f"{LATEST:%H:%M}"
            )
        )
    length = _minutes(start, end)
    if usual_minutes and length > 0 and abs(length - usual_minutes) > LENGTH_MARGIN:
        problems.append(
            _("It lasts {length}; a meeting of this programme lasts {usual}.").format(
                length=duration_text(length), usual=duration_text(usual_minutes)
            )
        )
    return problems
