"""Every printed document: what each kind holds, made from what the app already knows.

``render(store, request, today)`` makes one PDF in memory; ``save_document`` writes it
atomically (a cancelled or failed run leaves no file). The kinds and what they need:

* a meeting: session-plan, attendance-list, handouts, session-pack
* a circle: year-schedule, year-pack, group-report, assessment-sheet
* a participant: progress-sheet

Privacy: an alias is printed only on the attendance list and the progress sheet, and only when
``with_aliases`` is asked for; goals' free text only on the participant's own progress sheet.
The group report is anonymous: any figure based on fewer than 5 people is shown as "<5".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from budgetkring.documents import handouts as handout_data
from budgetkring.documents.catalogue import KINDS, NEEDS, WITH_ALIASES, kind_label
from budgetkring.documents.chart import label_width, legend_drawing, radar_drawing
from budgetkring.documents.pdf import Progress, Writer, build
from budgetkring.documents.sheets import assessment_code, attendance_code, sheet_rows
from budgetkring.domains import domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.organisation.circles import Circle, get_circle
from budgetkring.participants.assessments import (
    MOMENTS,
    SMALL_GROUP,
    current_instrument,
    group_averages,
    moment_label,
    progress,
)
from budgetkring.participants.goals import goal_status_label, list_goals
from budgetkring.participants.participants import (
    Participant,
    get_participant,
    list_participants,
)
from budgetkring.participants.radar import change_in_words, radar_geometry
from budgetkring.planning.programmes import SessionTemplate, get_template
from budgetkring.planning.sessions import Session, agenda_times, get_session, list_sessions
from budgetkring.staffing.substitutions import (
    SubstitutionLine,
    stand_in_words,
    substitution_history,
)
from budgetkring.store import Store
from budgetkring.store.files import check_output, write_atomically
from budgetkring.text import two_lines


@dataclass
class Request:
    """What to print. Only the field the kind needs (see ``NEEDS``) has to be set."""

    kind: str
    circle_id: int | None = None
    session_id: int | None = None
    participant_id: int | None = None
    moment: str = "start"
    large: bool = False
    with_aliases: bool = False


@dataclass
class Document:
    """A finished PDF and the name to offer when saving it."""

    title: str
    data: bytes
    filename: str


def next_session(store: Store, circle_id: int, today: date) -> Session | None:
    """The circle's next meeting from today on that is still to take place."""
    for session in list_sessions(store, circle_id, today):
        if session.date >= today and session.status in ("planned", "moved"):
            return session
    return None


NOTE_LINES = 12  # at most, ruled lines for notes under a session plan


def small(count: int) -> str:
    """A count as an anonymous report shows it: below 5 it is "<5"."""
    return f"<{SMALL_GROUP}" if count < SMALL_GROUP else str(count)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def _filename(kind: str, *parts: str) -> str:
    return "-".join(p for p in (_slug(kind_label(kind)), *map(_slug, parts)) if p) + ".pdf"


def _when(session: Session) -> str:
    return f"{format_date(session.date, 'full')}, {session.start:%H:%M}–{session.end:%H:%M}"


def _title(session: Session) -> str:
    return f"{session.number}. {session.theme}" if session.number else session.theme


class _Sources:
    """What the documents read, each thing once (a year pack reads templates and stand-ins
    for nineteen meetings)."""

    def __init__(self, store: Store, today: date):
        self.store = store
        self.today = today
        self._templates: dict[int, SessionTemplate | None] = {}
        self._standins: dict[int, list[SubstitutionLine]] | None = None

    def template(self, session: Session) -> SessionTemplate | None:
        if session.template_id is None:
            return None
        if session.template_id not in self._templates:
            self._templates[session.template_id] = get_template(self.store, session.template_id)
        return self._templates[session.template_id]

    def standins(self, session: Session) -> list[SubstitutionLine]:
        if self._standins is None:
            self._standins = {}
            for line in substitution_history(self.store, circle_id=session.circle_id):
                self._standins.setdefault(line.session_id, []).append(line)
        return self._standins.get(session.id, [])


# --- the parts -----------------------------------------------------------------------------


def _session_plan(w: Writer, src: _Sources, session: Session, circle: Circle) -> None:
    template = src.template(session)
    w.title(_title(session))
    w.text(f"{circle.name} — {_when(session)}")
    if circle.place:
        w.text(_("Place: {place}").format(place=circle.place))
    if session.status == "cancelled":
        w.text(_("This meeting has been cancelled."), "cell-bold")
    if template is not None and template.domains:
        domains = ", ".join(domain_label(d) for d in template.domains)
        w.text(_("Life domains: {domains}").format(domains=domains))
    leads = ", ".join(session.facilitators) or _("nobody yet")
    w.text(_("Led by: {names}").format(names=leads))
    w.section(_("Stand-ins"), [stand_in_words(x, src.today) for x in src.standins(session)])
    if template is None:
        w.text(_("This is an extra meeting; it has no programme of its own."))
    else:
        w.section(_("Aims"), template.aims)
        if template.agenda:
            rows = [
                [f"{begin:%H:%M}–{end:%H:%M}", text]
                for begin, end, text in agenda_times(
                    session.start, [(b.title, b.minutes) for b in template.agenda]
                )
            ]
            w.heading(_("Agenda"), w.table([_("Time"), _("Part")], rows, [1.4, 5]))
        w.section(_("Materials"), template.materials)
        w.section(_("Hand-outs"), template.handouts)
        if template.facilitator_notes:
            w.heading(_("Notes for facilitators"), w.para(template.facilitator_notes))
    w.note_space(_("Your notes"), NOTE_LINES)


def _attendance_list(
    w: Writer, src: _Sources, session: Session, circle: Circle, aliases: bool
) -> None:
    people = sheet_rows(list_participants(src.store, circle.id, src.today), session.id)
    w.title(_("Attendance list"))
    w.text(_("Sheet code: {code}").format(code=attendance_code(session.id)), "cell-bold")
    w.text(f"{circle.name} — {_title(session)}")
    w.text(_when(session))
    if not people:
        w.text(_("This circle has no participants yet."))
        return
    w.text(_("Put a cross in one box for each person."), "small")
    header = (
        [_("Code")]
        + ([_("Nickname")] if aliases else [])
        # numbered, so typing the paper back in is "the number of the box with the cross"
        + [f"{n} {label}" for n, label in enumerate((_("present"), _("excused"), _("absent")), 1)]
    )
    rows = [[p.code] + ([p.alias] if aliases else []) + [w.box(), w.box(), w.box()] for p in people]
    widths = [1.2] + ([2.2] if aliases else []) + [1.8, 1.8, 1.8]
    first_box = 2 if aliases else 1
    w.add(
        w.table(
            header,
            rows,
            widths,
            centred=range(first_box, first_box + 3),
            row_height=w.sizes.body * 2.4,
        )
    )


def _assessment_sheets(w: Writer, src: _Sources, circle: Circle, moment: str) -> None:
    if moment not in MOMENTS:
        raise UserError(
            _("'{moment}' is not a moment. Use start, mid or end.").format(moment=moment)
        )
    people = sheet_rows(list_participants(src.store, circle.id, src.today))
    if not people:
        raise UserError(
            _("{circle} has no participants yet, so there is no sheet to print.").format(
                circle=circle.name
            )
        )
    instrument = current_instrument(src.store)
    code = assessment_code(circle.id, moment)
    scale = instrument.scale
    for person in people:
        w.new_page()
        w.title(instrument.name)
        w.text(
            _("Code: {code} — moment: {moment} — sheet code: {sheet}").format(
                code=person.code, moment=moment_label(moment), sheet=code
            ),
            "cell-bold",
        )
        w.text(instrument.description)
        w.text(_("Put a cross in one box for each sentence."), "small")
        steps = len(scale.values)
        if w.large or steps > 5:  # the words do not fit above the boxes: numbers, and a key
            w.text(
                "  ·  ".join(f"{v} = {scale.labels[v]}" for v in scale.values if v in scale.labels)
            )
            header = [_("Sentence")] + [str(v) for v in scale.values]
            statement_part = 5.5
        else:
            header = [_("Sentence")] + [
                w.para(f"{v}\n{scale.labels[v]}" if v in scale.labels else str(v), "small")
                for v in scale.values
            ]
            statement_part = 3.2
        rows = [
            [w.para(f"{domain_label(q.domain)}: {q.statement}", "cell")]
            + [w.box() for _v in scale.values]
            for q in instrument.questions
        ]
        w.add(w.table(header, rows, [statement_part] + [1] * steps, centred=range(1, steps + 1)))


def _handouts(w: Writer, src: _Sources, session: Session, circle: Circle) -> int:
    template = src.template(session)
    chosen = handout_data.for_theme(template.key if template else "")
    for handout in chosen:
        w.new_page()
        handout_data.write(w, handout, f"{circle.name} — {format_date(session.date, 'long')}")
    return len(chosen)


def _year_schedule(w: Writer, src: _Sources, circle: Circle, sessions: list[Session]) -> None:
    w.title(_("Year schedule — {circle}").format(circle=circle.name))
    if circle.place:
        w.text(_("Place: {place}").format(place=circle.place))
    if not sessions:
        w.text(_("No meetings have been planned yet."))
        return
    rows = []
    for s in sessions:
        theme = (
            s.theme if s.status != "cancelled" else _("{theme} (cancelled)").format(theme=s.theme)
        )
        rows.append(
            [
                str(s.number) if s.number else "—",
                format_date(s.date, "full"),
                f"{s.start:%H:%M} – {s.end:%H:%M}",  # spaces: may wrap after the dash
                theme,
                ", ".join(s.facilitators) if s.status != "cancelled" else "",
            ]
        )
    header = [_("No."), _("Date"), _("Time"), _("Theme"), _("Led by")]
    w.add(w.table(header, rows, [0.75, 2.5, 1.9, 3.0, 2.6], centred=[0]))


def _progress_sheet(w: Writer, src: _Sources, person: Participant, aliases: bool) -> None:
    found = progress(src.store, person.id)
    instrument = current_instrument(src.store)
    circle = get_circle(src.store, person.circle_id)
    w.title(_("My progress"))
    who = f"{person.code} — {person.alias}" if aliases and person.alias else person.code
    w.text(_("Code: {code}").format(code=who), "cell-bold")
    w.text(circle.name)
    domains = instrument.domains()
    labels = {d: domain_label(d) for d in domains}
    if found.moments:
        font = w.sizes.small
        labels = {d: two_lines(text, 12) for d, text in labels.items()}  # the chart keeps its size
        widest = max(label_width(text, font) for text in labels.values())
        radar = radar_geometry(
            domains,
            labels,
            instrument.scale.minimum,
            instrument.scale.maximum,
            list(found.moments.items()),
            size=w.width if w.large else min(w.width, 360),
            margin=widest + font * 1.5,
        )
        chart = radar_drawing(radar, font)
        chart.hAlign = "CENTER"
        w.add(chart)
        legend_rows = [
            [
                legend_drawing(series, w.sizes.body * 4, w.sizes.body),
                _("{moment} ({date})").format(
                    moment=moment_label(series.name),
                    date=format_date(found.dates[series.name], "d MMM yyyy"),
                )
                if series.name in found.dates
                else moment_label(series.name),
            ]
            for series in radar.series
        ]
        w.heading(_("Legend"), w.table([_("Line"), _("Moment")], legend_rows, [1.2, 5]))
        latest = next((m for m in reversed(MOMENTS) if m in found.moments), "start")
        if latest != "start" and "start" in found.moments:
            lines = change_in_words(domains, {}, found.moments["start"], found.moments[latest])
            w.section(_("From the start to {moment}").format(moment=moment_label(latest)), lines)
        w.text(
            _("Scores from {low} ({low_label}) to {high} ({high_label}).").format(
                low=instrument.scale.minimum,
                low_label=instrument.scale.label(instrument.scale.minimum),
                high=instrument.scale.maximum,
                high_label=instrument.scale.label(instrument.scale.maximum),
            ),
            "small",
        )
    else:
        w.text(_("No self-assessment yet."))
    goals = list_goals(src.store, participant_id=person.id)
    w.section(
        _("My goals"),
        [f"{g.text} ({goal_status_label(g.status)})" for g in goals],
    )


def _group_report(w: Writer, src: _Sources, circle: Circle, sessions: list[Session]) -> None:
    people = list_participants(src.store, circle.id, src.today)
    w.title(_("Group report — {circle}").format(circle=circle.name))
    w.text(
        _(
            "Anonymous: no names or codes. Every number based on fewer than {n} people is "
            "shown as <{n}, and no average is given for it."
        ).format(n=SMALL_GROUP),
        "small",
    )
    w.text(_("Participants: {count}").format(count=small(len(people))))
    held = [s for s in sessions if s.status == "held"]
    if held:
        rows = []
        for s in held:
            marks = [p.marks.get(s.id) for p in people]
            rows.append(
                [
                    str(s.number),
                    format_date(s.date, "d MMM yyyy"),
                    s.theme,
                    *(small(marks.count(k)) for k in ("present", "excused", "absent")),
                ]
            )
        header = [_("No."), _("Date"), _("Theme"), _("present"), _("excused"), _("absent")]
        w.heading(_("Attendance per meeting"))
        w.add(w.table(header, rows, [0.6, 1.8, 3.6, 1.1, 1.1, 1.1], centred=[0, 3, 4, 5]))
    else:
        w.text(_("No meetings have been held yet."))
    found = group_averages(src.store, circle.id)
    rows = []
    for domain, start in found["start"].items():
        now = found["now"][domain]
        rows.append([domain_label(domain), *_average(start), *_average(now)])
    header = [_("Life domain"), _("Start"), _("Answered"), _("Latest"), _("Answered")]
    w.heading(
        _("Self-assessment: average per life domain"),
        w.table(header, rows, [3, 1.2, 1.2, 1.2, 1.2], centred=[1, 2, 3, 4]),
    )


def _average(average) -> list[str]:
    if average.count < SMALL_GROUP:
        return ["—", small(average.count)]
    return [f"{average.value:.1f}".replace(".", ","), str(average.count)]


# --- one document ----------------------------------------------------------------------------


def _session_for(store: Store, request: Request, today: date) -> Session:
    if request.session_id is not None:
        return get_session(store, request.session_id, today)
    if request.circle_id is None:
        raise UserError(_("Say which meeting to print (or which circle: its next meeting)."))
    circle = get_circle(store, request.circle_id)
    found = next_session(store, circle.id, today)
    if found is None:
        raise UserError(
            _("{circle} has no meeting to come. Choose a meeting.").format(circle=circle.name)
        )
    return found


def render(store: Store, request: Request, today: date, progress: Progress | None = None):
    """The document asked for, as a finished PDF in memory; a UserError says what is missing."""
    kind = request.kind
    if kind not in KINDS:
        raise UserError(
            _("'{kind}' is not something Budgetkring can print. Choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    aliases = request.with_aliases and kind in WITH_ALIASES
    src = _Sources(store, today)
    w = Writer(request.large)
    label = kind_label(kind)
    if NEEDS[kind] == "session":
        session = _session_for(store, request, today)
        circle = get_circle(store, session.circle_id)
        subject = f"{circle.name} — {format_date(session.date, 'long')}"
        name = _filename(kind, circle.name, session.date.isoformat())
        if kind in ("session-plan", "session-pack"):
            _session_plan(w, src, session, circle)
        if kind in ("attendance-list", "session-pack"):
            w.new_page()
            _attendance_list(w, src, session, circle, aliases)
        if kind in ("handouts", "session-pack"):
            found = _handouts(w, src, session, circle)
            if not found and kind == "handouts":
                raise UserError(_("This meeting has no hand-outs to print."))
    elif NEEDS[kind] == "circle":
        if request.circle_id is None:
            raise UserError(_("Say which circle to print this for."))
        circle = get_circle(store, request.circle_id)
        subject = circle.name
        name = _filename(kind, circle.name)
        sessions = list_sessions(store, circle.id, today)
        if kind in ("year-schedule", "year-pack"):
            _year_schedule(w, src, circle, sessions)
        if kind == "year-pack":
            for session in sessions:
                if session.status != "cancelled":
                    w.new_page()
                    _session_plan(w, src, session, circle)
        elif kind == "assessment-sheet":
            _assessment_sheets(w, src, circle, request.moment)
            subject = f"{circle.name} — {moment_label(request.moment)}"
            name = _filename(kind, circle.name, request.moment)
        elif kind == "group-report":
            _group_report(w, src, circle, sessions)
    else:
        if request.participant_id is None:
            raise UserError(_("Say which participant (code) to print this for."))
        person = get_participant(store, request.participant_id)
        subject = person.code
        name = _filename(kind, person.code)
        _progress_sheet(w, src, person, aliases)
    title = f"{label} — {subject}"
    data = build(w, title, footer=f"Budgetkring — {title}", progress=progress)
    return Document(title, data, name)


def save_document(
    store: Store,
    request: Request,
    today: date,
    path: Path | str,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Make the document and write it to ``path`` in one step (nothing is left behind when
    making it fails or is stopped)."""
    target = check_output(path, store.path, replace=replace)
    document = render(store, request, today, progress)
    return write_atomically(target, document.data)
