"""Typing a filled-in paper list back into the app: open it by its sheet code, save it whole.

``open_sheet`` turns the code printed on an attendance list or a self-assessment sheet into a
``PaperSheet``: its rows (participants, in the printed order — the same ``sheet_rows`` the
printed list uses), its columns (the boxes on the paper, in the printed order) and what the
database holds now, so typing a list a second time shows what was typed the first time.
``save_sheet`` saves everything that was typed in one transaction, or nothing at all with every
problem named in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from budgetkring.dates import check_range
from budgetkring.documents.sheets import SheetCode, circle_rows, parse_sheet_code
from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date, ngettext
from budgetkring.organisation.circles import Circle, get_circle
from budgetkring.participants.assessments import (
    assess,
    current_instrument,
    moment_label,
    no_consent,
    progress,
)
from budgetkring.participants.instruments import Scale
from budgetkring.participants.participants import (
    ATTENDANCE,
    Participant,
    list_participants,
    record_attendance,
)
from budgetkring.planning.sessions import Session, get_session
from budgetkring.store import Store

_MAX_PROBLEMS = 12  # a message longer than this is not read; the rest is counted

# What the screen gives back: for an attendance list a status (or None: empty) per participant
# id; for an assessment sheet a score (or None) per life domain per participant id.
AttendanceValues = Mapping[int, str | None]
ScoreValues = Mapping[int, Mapping[str, int | None]]


@dataclass
class PaperSheet:
    """A printed list opened to be typed in: rows and columns as on the paper, and what the
    database holds now."""

    code: SheetCode
    title: str
    circle_id: int
    rows: list[tuple[int, str]]  # (participant id, code), in the printed order
    columns: list[tuple[str, str]]  # (key, label): a status or a life domain, printed order
    details: dict[str, str] = field(default_factory=dict)  # column key -> longer words
    session_id: int | None = None  # attendance list: the meeting
    moment: str = ""  # assessment sheet: start, mid or end
    scale: Scale | None = None  # assessment sheet: the scores a box stands for
    instrument_version: int | None = None  # assessment sheet: the questions it was opened with
    marks: dict[int, str] = field(default_factory=dict)  # attendance now: participant -> status
    scores: dict[int, dict[str, int]] = field(default_factory=dict)  # assessment now
    locked: dict[int, str] = field(default_factory=dict)  # rows that cannot be filled in, why

    @property
    def kind(self) -> str:
        """ "attendance" or "assessment"."""
        return self.code.kind


# --- opening ----------------------------------------------------------------------------------


def open_sheet(store: Store, code_text: str, today: date) -> PaperSheet:
    """The list a typed sheet code points at, ready to be typed in.

    Refused in plain words: a code that is not a sheet code, a meeting or circle that is not in
    this database, a meeting that has not taken place yet or was cancelled, a circle without
    participants.
    """
    code = parse_sheet_code(code_text)
    if code.kind == "attendance":
        return _open_attendance(store, code, today)
    return _open_assessment(store, code, today)


def _no_people(circle_name: str) -> UserError:
    return UserError(
        _("{circle} has no participants, so there is nothing to type in.").format(
            circle=circle_name
        )
    )


def _open_attendance(store: Store, code: SheetCode, today: date) -> PaperSheet:
    session = _session(store, code, today)
    when = format_date(session.date, "full")
    if session.status == "cancelled":
        raise UserError(
            _("The meeting of {date} was cancelled, so it has no attendance.").format(date=when)
        )
    if session.date > today:
        raise UserError(
            _(
                "The meeting of {date} has not taken place yet. Type in the list after the meeting."
            ).format(date=when)
        )
    people = circle_rows(store, session.circle_id, today, session.id)
    if not people:
        raise _no_people(session.circle_name)
    return PaperSheet(
        code=code,
        title=_("Attendance list — {circle} — {date}").format(
            circle=session.circle_name, date=when
        ),
        circle_id=session.circle_id,
        rows=[(p.id, p.code) for p in people],
        columns=_attendance_columns(),
        session_id=session.id,
        marks={p.id: p.marks[session.id] for p in people if session.id in p.marks},
    )


def _attendance_columns() -> list[tuple[str, str]]:
    """The boxes of the printed attendance list, with its words (documents/kinds.py)."""
    columns = [("present", _("present")), ("excused", _("excused")), ("absent", _("absent"))]
    assert [key for key, _label in columns] == list(ATTENDANCE)
    return columns


def _session(store: Store, code: SheetCode, today: date) -> Session:
    try:
        return get_session(store, code.number, today)
    except UserError:
        raise UserError(
            _(
                "Code {code} is for a meeting that is not in this database. Was the list "
                "printed on another computer?"
            ).format(code=code)
        ) from None


def _circle(store: Store, code: SheetCode) -> Circle:
    try:
        return get_circle(store, code.number)
    except UserError:
        raise UserError(
            _(
                "Code {code} is for a circle that is not in this database. Was the list "
                "printed on another computer?"
            ).format(code=code)
        ) from None


def _open_assessment(store: Store, code: SheetCode, today: date) -> PaperSheet:
    circle = _circle(store, code)
    people = circle_rows(store, circle.id, today)
    if not people:
        raise _no_people(circle.name)
    instrument = current_instrument(store)
    domains = instrument.domains()
    scores = {}
    for person in people:
        now = progress(store, person.id).moments.get(code.moment, {})
        if now:
            scores[person.id] = {d: now[d] for d in domains if d in now}
    return PaperSheet(
        code=code,
        title=_("Self-assessment — {circle} — {moment}").format(
            circle=circle.name, moment=moment_label(code.moment)
        ),
        circle_id=circle.id,
        rows=[(p.id, p.code) for p in people],
        columns=[(d, domain_label(d)) for d in domains],
        details={q.domain: q.statement for q in instrument.questions},
        moment=code.moment,
        scale=instrument.scale,
        instrument_version=instrument.version_id,
        scores=scores,
        locked={p.id: _no_consent(p) for p in people if p.consent is None},
    )


def _no_consent(person: Participant) -> str:
    return no_consent(person, _("self-assessment"))


# --- saving -----------------------------------------------------------------------------------


def save_sheet(
    store: Store,
    sheet: PaperSheet,
    values: AttendanceValues | ScoreValues,
    today: date,
    day: date | None = None,
) -> int:
    """Save what was typed for a sheet, all in one go or nothing; returns how many rows changed.

    Attendance: ``values`` is a status (or None: no mark) per participant id; a participant left
    out keeps their mark. Assessment: a score (or None) per life domain per participant id, made
    on ``day`` (today unless given); an empty row, or one that is what was saved already, is
    left as it is. Refused with every problem named, one per line: a participant who is not on
    the list, a score outside the scale, a score for someone without consent.
    """
    _check_rows(sheet, values)
    if sheet.kind == "attendance":
        return _save_attendance(store, sheet, cast(AttendanceValues, values), today)
    return _save_scores(store, sheet, cast(ScoreValues, values), day or today, today)


def _check_rows(sheet: PaperSheet, values: Mapping[int, object]) -> None:
    on_list = {pid for pid, _code in sheet.rows}
    if any(pid not in on_list for pid in values):
        raise UserError(_("Someone who is not on this list was typed in. Open the list again."))


def _save_attendance(store: Store, sheet: PaperSheet, values: AttendanceValues, today: date) -> int:
    assert sheet.session_id is not None  # always set for an attendance list
    marks = dict(values)
    record_attendance(store, sheet.session_id, marks, today)
    return sum(1 for pid, status in marks.items() if status != sheet.marks.get(pid))


def _save_scores(
    store: Store, sheet: PaperSheet, values: ScoreValues, day: date, today: date
) -> int:
    check_range(day)
    instrument = current_instrument(store)
    if instrument.version_id != sheet.instrument_version:
        raise UserError(
            _("The questions of the self-assessment have changed. Open the list again.")
        )
    people = {p.id: p for p in list_participants(store, sheet.circle_id, today)}
    labels = dict(sheet.columns)
    low, high = instrument.scale.minimum, instrument.scale.maximum
    problems: list[str] = []
    todo: list[tuple[int, dict[str, int]]] = []
    for pid, code in sheet.rows:
        typed = {d: s for d, s in values.get(pid, {}).items() if s is not None}
        if not typed or typed == sheet.scores.get(pid):
            continue  # nothing on paper for them, or nothing new: what is saved stays
        person = people.get(pid)
        if person is None:
            problems.append(_("{code} is no longer in this circle.").format(code=code))
            continue
        if person.consent is None:
            problems.append(_no_consent(person))
            continue
        for domain, score in typed.items():
            problem = _score_problem(code, labels.get(domain), score, low, high)
            if problem:
                problems.append(problem)
        todo.append((pid, typed))
    if problems:
        raise UserError(_in_one_message(problems))
    with store.transaction():  # each assess is a savepoint inside: all rows or none
        for pid, typed in todo:
            assess(store, pid, sheet.moment, typed, day)
    return len(todo)


def _score_problem(code: str, label: str | None, score: object, low: int, high: int) -> str:
    if label is None:
        return _("{code}: this list has no such question.").format(code=code)
    if not isinstance(score, int) or isinstance(score, bool) or not low <= score <= high:
        return _("{code}, {question}: {score} is not a score from {low} to {high}.").format(
            code=code, question=label, score=score, low=low, high=high
        )
    return ""


def _in_one_message(problems: list[str]) -> str:
    shown = problems[:_MAX_PROBLEMS]
    if len(problems) > len(shown):
        n = len(problems) - len(shown)
        shown.append(ngettext("… and {n} more problem.", "… and {n} more problems.", n).format(n=n))
    return "\n".join(shown)
