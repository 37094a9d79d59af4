"""Sheet codes: the short code on a printed list that says which list it is, for re-entry.

An attendance list carries ``A`` + the meeting's number in the database (``A41-K``); an
assessment sheet carries ``Z`` + the circle's number + the moment's letter (B begin, H
halfway, E end: ``Z3H-Q``). The letter after the dash is a check letter, so a typing mistake
is caught instead of opening another meeting's list. Typing is forgiving: lower case,
spaces and a missing dash are all fine.

What a list holds, row by row, comes from ``sheet_rows``: the printed list and the screen to
type it in use the same function, so their rows are always in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.participants.participants import Participant, list_participants

_CHECK = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they look like 1 and 0
MOMENT_LETTERS = {"start": "B", "mid": "H", "end": "E"}
_PATTERN = re.compile(r"^(A)(\d{1,9})$|^(Z)(\d{1,9})([BHE])$")


@dataclass(frozen=True)
class SheetCode:
    """What a sheet code points at: an attendance list of a meeting, or an assessment sheet of
    a circle at a moment."""

    kind: str  # "attendance" or "assessment"
    number: int  # the meeting's id (attendance) or the circle's id (assessment)
    moment: str = ""  # for an assessment sheet: start, mid or end

    def __str__(self) -> str:
        if self.kind == "attendance":
            body = f"A{self.number}"
        else:
            body = f"Z{self.number}{MOMENT_LETTERS[self.moment]}"
        return f"{body}-{_check(body)}"


def _check(body: str) -> str:
    total = sum((i + 1) * ord(c) for i, c in enumerate(body))
    return _CHECK[total % len(_CHECK)]


def attendance_code(session_id: int) -> SheetCode:
    return SheetCode("attendance", session_id)


def assessment_code(circle_id: int, moment: str) -> SheetCode:
    return SheetCode("assessment", circle_id, moment)


def parse_sheet_code(text: str) -> SheetCode:
    """The sheet a typed code points at; a UserError in plain words when it cannot be one."""
    typed = re.sub(r"[\s\-_.]", "", str(text)).upper()
    if not typed:
        raise UserError(_("Type the code printed at the top of the paper list."))
    body, check = typed[:-1], typed[-1:]
    match = _PATTERN.match(body)
    if match is None or _check(body) != check:
        raise UserError(
            _(
                "'{code}' is not a code from a printed list. Look at the top of the paper: "
                "the code looks like A41-K or Z3H-Q."
            ).format(code=str(text).strip()[:20])
        )
    if match.group(1):
        return SheetCode("attendance", int(match.group(2)))
    moment = {v: k for k, v in MOMENT_LETTERS.items()}[match.group(5)]
    return SheetCode("assessment", int(match.group(4)), moment)


def sheet_rows(people: list[Participant], session_id: int | None = None) -> list[Participant]:
    """Who is on a printed list, in its order: active participants (and, for a meeting, anyone
    with a mark for it), by code."""
    rows = [p for p in people if p.status == "active" or (session_id and session_id in p.marks)]
    return sorted(rows, key=lambda p: (len(p.code), p.code))


def circle_rows(store, circle_id: int, today: date, session_id: int | None = None):
    """``sheet_rows`` for a circle, read from the database."""
    return sheet_rows(list_participants(store, circle_id, today), session_id)
