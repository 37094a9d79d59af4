"""Programmes: the ordered meetings a circle works through, versioned, editable, exchangeable.

Saving an edit creates a new version; a circle keeps the version it was planned with. A
programme travels as a JSON file (format "budgetkring-programme"); an invalid file is refused
with what is wrong and changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from budgetkring.domains import DOMAINS
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import Store
from budgetkring.store import programmes as sql
from budgetkring.store.backup import auto_backup
from budgetkring.store.files import check_output, read_json, write_atomically
from budgetkring.text import LONG_TEXT_MAX, NAME_MAX, TEXT_MAX, has_forbidden

FORMAT = "budgetkring-programme"
MAX_SESSIONS = 60
MAX_FILE_BYTES = 2_000_000


@dataclass
class AgendaBlock:
    """A part of a meeting and how long it takes."""

    title: str
    minutes: int


@dataclass
class SessionTemplate:
    """One meeting of a programme: theme, life domains, aims, agenda, materials, hand-outs."""

    title: str
    key: str = ""
    domains: list[str] = field(default_factory=list)
    aims: list[str] = field(default_factory=list)
    agenda: list[AgendaBlock] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    handouts: list[str] = field(default_factory=list)
    facilitator_notes: str = ""
    id: int | None = None

    @property
    def minutes(self) -> int:
        """Total minutes of the agenda."""
        return sum(block.minutes for block in self.agenda)

    @classmethod
    def from_row(cls, row: dict) -> SessionTemplate:
        """From a storage row (list fields already decoded)."""
        return cls(
            id=row["id"],
            key=row["key"],
            title=row["title"],
            domains=list(row["domains"]),
            aims=list(row["aims"]),
            agenda=[AgendaBlock(b["title"], int(b["minutes"])) for b in row["agenda"]],
            materials=list(row["materials"]),
            handouts=list(row["handouts"]),
            facilitator_notes=row["facilitator_notes"],
        )

    def to_dict(self) -> dict:
        """As it is written in a programme file."""
        data = asdict(self)
        data.pop("id")
        return data


@dataclass
class Programme:
    """One version of a programme with its meetings."""

    name: str
    meeting_minutes: int
    sessions: list[SessionTemplate]
    description: str = ""
    id: int | None = None
    version_id: int | None = None
    version: int = 0

    def to_dict(self) -> dict:
        """The exchange file's content."""
        return {
            "format": FORMAT,
            "format_version": 1,
            "name": self.name,
            "description": self.description,
            "meeting_minutes": self.meeting_minutes,
            "sessions": [s.to_dict() for s in self.sessions],
        }


# --- reading ------------------------------------------------------------------------------


def list_programmes(store: Store) -> list[Programme]:
    """Every programme in its newest version (without meetings loaded)."""
    return [
        Programme(
            r["name"],
            r["meeting_minutes"],
            [],
            r["description"],
            r["id"],
            r["version_id"],
            r["version"],
        )
        for r in sql.programme_rows(store.db)
    ]


def get_version(store: Store, version_id: int) -> Programme:
    """A programme version with its meetings."""
    row = sql.version_row(store.db, version_id)
    if row is None:
        raise UserError(_("That programme version does not exist."))
    sessions = [SessionTemplate.from_row(r) for r in sql.template_rows(store.db, version_id)]
    return Programme(
        row["name"],
        row["meeting_minutes"],
        sessions,
        row["description"],
        row["id"],
        row["version_id"],
        row["version"],
    )


def find_programme(store: Store, name: str | None = None) -> Programme:
    """The newest version of a programme by name; the first programme when no name is given."""
    programmes = list_programmes(store)
    if not programmes:
        raise UserError(_("There is no programme yet. Import one first."))
    wanted = [p for p in programmes if name is None or p.name.casefold() == name.strip().casefold()]
    if wanted and wanted[0].version_id is not None:  # always set for a stored programme
        return get_version(store, wanted[0].version_id)
    raise UserError(_("There is no programme called '{name}'.").format(name=(name or "").strip()))


def get_template(store: Store, template_id: int) -> SessionTemplate | None:
    """One meeting template by id (None for an extra meeting without theme)."""
    row = sql.template_row(store.db, template_id) if template_id else None
    return SessionTemplate.from_row(row) if row else None


# --- validation ---------------------------------------------------------------------------


def _texts(value, where: str, what: str, problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            _("{where}: '{what}' must be a list of texts.").format(where=where, what=what)
        )
        return []
    return [v.strip() for v in value if v.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "meeting"


def parse_programme(data: object) -> Programme:
    """Check a programme (as read from a file or made in the editor); every problem is named.

    Raises a UserError listing what is wrong, one problem per line.
    """
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(_("This is not a Budgetkring programme file."))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_("The programme has no name."))
        name = ""
    minutes = data.get("meeting_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 30 <= minutes <= 480:
        problems.append(_("The meeting length must be between 30 and 480 minutes."))
        minutes = 0
    raw_sessions = data.get("sessions")
    if not isinstance(raw_sessions, list) or not raw_sessions:
        problems.append(_("The programme has no meetings."))
        raw_sessions = []
    elif len(raw_sessions) > MAX_SESSIONS:
        problems.append(_("A programme can have at most {n} meetings.").format(n=MAX_SESSIONS))
        raw_sessions = []
    sessions = [_parse_session(raw, n, minutes, problems) for n, raw in enumerate(raw_sessions, 1)]
    description = data.get("description", "")
    problems.extend(_text_problems(name, description, sessions))
    if problems:
        raise UserError("\n".join(problems))
    keys = set()
    for session in sessions:
        key = session.key or _slug(session.title)
        while key in keys:
            key += "-2"
        keys.add(key)
        session.key = key
    return Programme(
        name.strip(), minutes, sessions, description.strip() if isinstance(description, str) else ""
    )


def _text_problems(name: str, description: object, sessions: list[SessionTemplate]) -> list[str]:
    """Control characters and texts that are too long, named per place."""
    problems = []

    def look(text: object, where: str, limit: int = TEXT_MAX, lines: bool = False) -> None:
        if not isinstance(text, str):
            return
        if has_forbidden(text, multiline=lines):
            problems.append(
                _("{where} contains a character that cannot be used.").format(where=where)
            )
        elif len(text) > limit:
            problems.append(
                _("{where} is too long (at most {n} characters).").format(where=where, n=limit)
            )

    look(name, _("The programme's name"), NAME_MAX)
    look(description, _("The programme's description"), LONG_TEXT_MAX, lines=True)
    for n, session in enumerate(sessions, 1):
        where = _("Meeting {n}").format(n=n)
        for text in (session.title, session.key, *session.aims, *session.materials):
            look(text, where)
        for text in (*session.handouts, *(block.title for block in session.agenda)):
            look(text, where)
        look(session.facilitator_notes, where, LONG_TEXT_MAX, lines=True)
    return problems


def _parse_session(raw: object, n: int, minutes: int, problems: list[str]) -> SessionTemplate:
    where = _("Meeting {n}").format(n=n)
    if not isinstance(raw, dict):
        problems.append(_("{where} is not a meeting.").format(where=where))
        return SessionTemplate(title="")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(_("{where} has no title.").format(where=where))
        title = ""
    else:
        where = _("Meeting {n} ('{title}')").format(n=n, title=title.strip())
    domains = list(
        dict.fromkeys(_texts(raw.get("domains", []), where, _("life domains"), problems))
    )
    unknown = [d for d in domains if d not in DOMAINS]
    if unknown:
        problems.append(
            _("{where}: unknown life domain '{code}'.").format(where=where, code=unknown[0])
        )
    if not domains:
        problems.append(_("{where} has no life domain.").format(where=where))
    agenda: list[AgendaBlock] = []
    raw_agenda = raw.get("agenda", [])
    if not isinstance(raw_agenda, list) or not raw_agenda:
        problems.append(_("{where} has no agenda.").format(where=where))
        raw_agenda = []
    for block in raw_agenda:
        ok = (
            isinstance(block, dict)
            and isinstance(block.get("title"), str)
            and block["title"].strip()
            and isinstance(block.get("minutes"), int)
            and not isinstance(block.get("minutes"), bool)
            and 0 < block["minutes"] <= 480
        )
        if not ok:
            problems.append(
                _("{where}: every agenda part needs a title and minutes.").format(where=where)
            )
            continue
        agenda.append(AgendaBlock(block["title"].strip(), block["minutes"]))
    total = sum(b.minutes for b in agenda)
    if agenda and minutes and total != minutes:
        problems.append(
            _("{where}: the agenda takes {total} minutes, but a meeting lasts {minutes}.").format(
                where=where, total=total, minutes=minutes
            )
        )
    notes = raw.get("facilitator_notes", "")
    if not isinstance(notes, str):
        problems.append(_("{where}: the notes must be text.").format(where=where))
        notes = ""
    key = raw.get("key", "")
    return SessionTemplate(
        title=title.strip(),
        key=key.strip() if isinstance(key, str) else "",
        domains=domains,
        aims=_texts(raw.get("aims", []), where, _("aims"), problems),
        agenda=agenda,
        materials=_texts(raw.get("materials", []), where, _("materials"), problems),
        handouts=_texts(raw.get("handouts", []), where, _("hand-outs"), problems),
        facilitator_notes=notes.strip(),
    )


# --- changing -------------------------------------------------------------------------------


def save_version(store: Store, programme: Programme) -> Programme:
    """Save an edited programme as a new version (or a new programme when the name is new).

    The programme is checked as a file would be; circles planned with an older version keep it.
    """
    checked = parse_programme(programme.to_dict())
    sessions = [s.to_dict() for s in checked.sessions]
    with store.transaction() as db:
        programme_id = sql.programme_id_by_name(db, checked.name)
        if programme_id is None:
            programme_id = sql.insert_programme(db, checked.name, checked.description)
        elif checked.description:
            sql.update_description(db, programme_id, checked.description)
        version_id = sql.insert_version(db, programme_id, checked.meeting_minutes, sessions)
    return get_version(store, version_id)


def read_programme_file(path: Path) -> Programme:
    """Read and check a programme file; a UserError says what is wrong."""
    data = read_json(
        path,
        MAX_FILE_BYTES,
        _("The file is too large to be a programme."),
        _("This is not a Budgetkring programme file."),
    )
    return parse_programme(data)


def import_programme(store: Store, path: Path) -> Programme:
    """Import a programme file (a backup is made first); a known name becomes a new version."""
    programme = read_programme_file(path)
    auto_backup(store, "before-import")
    return save_version(store, programme)


def export_programme(store: Store, version_id: int, path: Path, *, replace: bool = False) -> Path:
    """Write a programme version to a JSON file others can import."""
    programme = get_version(store, version_id)
    target = check_output(path, store.path, replace=replace)
    text = json.dumps(programme.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return write_atomically(target, text.encode("utf-8"))
