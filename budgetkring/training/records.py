"""Trainees and their training year: trainers, the criteria they are held to, observations,
sign-offs, training days, and how far each trainee is.

The meetings a trainee led are never typed in: they come from the schedule (the lead pair and
confirmed stand-ins, see ``criteria.meetings_led``). Services take ids and ``today``; every
refusal is a UserError in plain words and changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from budgetkring.dates import check_range, from_iso, iso
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date
from budgetkring.participants.identifiers import describe, find_identifiers
from budgetkring.planning.sessions import get_session
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.rules import Facilitator
from budgetkring.store import Store
from budgetkring.store import training as sql
from budgetkring.text import TEXT_MAX, clean_text, has_forbidden
from budgetkring.training.criteria import (
    SCALE,
    Competence,
    Criteria,
    LedMeeting,
    meetings_led,
    parse_criteria,
)

NOTE_MAX = 2000


# --- trainers -----------------------------------------------------------------------------------


def trainer_ids(store: Store) -> set[int]:
    """The ids of the facilitators who are trainers."""
    return sql.trainer_ids(store.db)


def list_trainers(store: Store) -> list[Facilitator]:
    """The trainers, by name."""
    ids = trainer_ids(store)
    return [p for p in facilitators_by_id(store).values() if p.id in ids]


def known_facilitator(store: Store, facilitator_id: int) -> Facilitator:
    """The facilitator with this id; a UserError when there is none (any more)."""
    person = facilitators_by_id(store).get(facilitator_id)
    if person is None:
        raise UserError(_("This facilitator no longer exists."))
    return person


def set_trainer(store: Store, facilitator_id: int, on: bool = True) -> None:
    """Make a facilitator a trainer (a role, beside their status), or no longer one.

    Someone still in training, or who has stopped, cannot become a trainer.
    """
    person = known_facilitator(store, facilitator_id)
    if on and person.status == "trainee":
        raise UserError(
            _("{name} is still in training and cannot be a trainer yet.").format(name=person.name)
        )
    if on and person.status == "stopped":
        raise UserError(_("{name} has stopped and cannot be a trainer.").format(name=person.name))
    with store.transaction() as db:
        sql.set_trainer(db, facilitator_id, on)


def set_trainers(store: Store, chosen: dict[int, bool]) -> None:
    """Give or take the trainer role of several facilitators at once: all, or (on a refusal)
    none."""
    with store.transaction():
        for facilitator_id, on in chosen.items():
            set_trainer(store, facilitator_id, on)


def check_trainer(store: Store, trainer_id: int, trainee_id: int) -> Facilitator:
    """The trainer who acts for a trainee; refused when they are the trainee themself or not a
    trainer."""
    trainee = known_facilitator(store, trainee_id)
    trainer = known_facilitator(store, trainer_id)
    if trainer.id == trainee.id:
        raise UserError(
            _("{name} cannot do this for themself: another trainer does it.").format(
                name=trainee.name
            )
        )
    if trainer.id not in trainer_ids(store):
        raise UserError(
            _("{name} is not a trainer. Only a trainer can observe, sign off and certify.").format(
                name=trainer.name
            )
        )
    return trainer


# --- criteria versions ------------------------------------------------------------------------


def criteria_versions(store: Store) -> list[Criteria]:
    """Every version of the criteria, oldest first."""
    found = []
    for row in sql.criteria_versions(store.db):
        criteria = parse_criteria(json.loads(row["spec"]))
        found.append(
            Criteria(
                criteria.name,
                criteria.meetings,
                criteria.observations,
                criteria.training_days,
                criteria.competences,
                version=row["version"],
                version_id=row["id"],
            )
        )
    return found


def current_criteria(store: Store) -> Criteria:
    """The newest criteria: what a trainee who starts now is held to."""
    return criteria_versions(store)[-1]


def criteria_of(store: Store, facilitator_id: int) -> Criteria:
    """The criteria a trainee is held to: the version they started with (the newest when their
    training has left no trace yet)."""
    record = sql.record_rows(store.db).get(facilitator_id)
    versions = criteria_versions(store)
    if record is not None:
        return next(v for v in versions if v.version_id == record["version_id"])
    return versions[-1]


def read_criteria_file(path: Path | str) -> dict:
    """The JSON of a criteria file; a UserError when it cannot be read."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(
            _("{path} cannot be read as a file with certification criteria.").format(path=path)
        ) from None


def import_criteria(store: Store, data: object) -> Criteria:
    """Add new criteria as the next version. Everyone in training now keeps the version they
    had; only trainees who start later get the new one."""
    parse_criteria(data)  # refused before anything changes
    versions = criteria_versions(store)
    with store.transaction() as db:
        for person in facilitators_by_id(store).values():
            if person.status == "trainee":
                sql.ensure_record(db, person.id, versions[-1].version_id)
        sql.insert_criteria_version(
            db, versions[-1].version + 1, json.dumps(data, ensure_ascii=False)
        )
    return current_criteria(store)


def _keep_version(db, store: Store, facilitator_id: int) -> None:
    """From the first thing recorded about a trainee's training, they keep this version."""
    sql.ensure_record(db, facilitator_id, criteria_of(store, facilitator_id).version_id)


def set_training_start(store: Store, facilitator_id: int, start: date | None) -> None:
    """Let the training year start on ``start`` instead of at the first meeting led (None: at
    the first meeting led again)."""
    known_facilitator(store, facilitator_id)
    if start is not None:
        check_range(start)
    with store.transaction() as db:
        _keep_version(db, store, facilitator_id)
        sql.set_start(db, facilitator_id, iso(start))


# --- observations, sign-offs, training days -------------------------------------------------


def led_meetings(store: Store, facilitator_id: int, today: date) -> list[LedMeeting]:
    """Every held meeting the facilitator led (as one of the pair or as a stand-in)."""
    rows = sql.led_candidates(store.db, facilitator_id)
    return meetings_led(
        facilitator_id, rows["sessions"], rows["leads"], rows["subs"], rows["absences"], today
    )


def _checked_note(text: str, what: str, limit: int) -> str:
    """Free text to keep: no control characters (line breaks are fine), not too long, nothing
    that shows who someone is (the same check as every free text)."""
    text = (text or "").strip()
    if has_forbidden(text, multiline=True):
        raise UserError(
            _("{what} contains a character that cannot be used (such as Tab).").format(what=what)
        )
    if len(text) > limit:
        raise UserError(
            _("{what} is too long (at most {n} characters).").format(what=what, n=limit)
        )
    found = find_identifiers(text)
    if found:
        raise UserError(describe(found))
    return text


def check_scores(criteria: Criteria, scores: dict[str, int]) -> dict[str, int]:
    """Scores by competence code, checked: known competences, each from 1 to 4."""
    checked = {}
    for code, score in scores.items():
        competence = criteria.competence(code)
        if competence is None:
            raise unknown_competence(criteria, code)
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCALE:
            raise UserError(
                _("A score is 1 (beginning) to 4 (good); '{score}' is not.").format(score=score)
            )
        checked[competence.code] = score
    return checked


def unknown_competence(criteria: Criteria, code: str) -> UserError:
    """The refusal of a competence code the criteria do not have."""
    return UserError(
        _("'{code}' is not a competence. Choose one of: {codes}.").format(
            code=code, codes=", ".join(criteria.codes())
        )
    )


def observe(
    store: Store,
    trainee_id: int,
    session_id: int,
    trainer_id: int,
    today: date,
    scores: dict[str, int] | None = None,
    note: str = "",
) -> int:
    """A trainer observed a held meeting the trainee led: a score per competence (1–4) and a
    note, both optional. Returns the observation's id."""
    trainer = check_trainer(store, trainer_id, trainee_id)
    trainee = known_facilitator(store, trainee_id)
    session = get_session(store, session_id, today)
    if session.status == "cancelled":
        raise UserError(_("This meeting was cancelled, so it cannot be observed."))
    if session.status != "held":
        raise UserError(
            _("This meeting has not been held yet; observe it once it has taken place.")
        )
    if session_id not in {m.session_id for m in led_meetings(store, trainee_id, today)}:
        raise UserError(
            _(
                "{name} did not lead this meeting (not as one of the pair, nor as a stand-in)."
            ).format(name=trainee.name)
        )
    checked = check_scores(criteria_of(store, trainee_id), scores or {})
    text = _checked_note(note, _("The note"), NOTE_MAX)
    if sql.has_observation(store.db, trainee_id, session_id, trainer_id):
        raise UserError(
            _("{trainer} has already observed {name} at this meeting.").format(
                trainer=trainer.name, name=trainee.name
            )
        )
    with store.transaction() as db:
        _keep_version(db, store, trainee_id)
        return sql.insert_observation(
            db,
            {
                "facilitator_id": trainee_id,
                "session_id": session_id,
                "trainer_id": trainer_id,
                "date": session.date.isoformat(),
                "note": text,
            },
            checked,
        )


def sign_off(store: Store, trainee_id: int, code: str, trainer_id: int, today: date) -> Competence:
    """A trainer signs off one competence of a trainee (once)."""
    check_trainer(store, trainer_id, trainee_id)
    criteria = criteria_of(store, trainee_id)
    competence = criteria.competence(code)
    if competence is None:
        raise unknown_competence(criteria, code)
    for row in sql.signoff_rows(store.db, trainee_id):
        if row["competence"].casefold() == competence.code.casefold():
            raise UserError(
                _("'{code}' was already signed off on {date} by {trainer}.").format(
                    code=competence.code,
                    date=format_date(from_iso(row["date"]), "medium"),
                    trainer=row["trainer_name"],
                )
            )
    with store.transaction() as db:
        _keep_version(db, store, trainee_id)
        sql.insert_signoff(db, trainee_id, competence.code, trainer_id, today.isoformat())
    return competence


def add_training_day(store: Store, trainee_id: int, day: date, topic: str, today: date) -> None:
    """Record a training day the trainee attended (on or before today)."""
    person = known_facilitator(store, trainee_id)
    check_range(day)
    if day > today:
        raise UserError(_("A training day can be recorded once it has taken place."))
    text = _checked_note(clean_text(topic, _("The topic"), TEXT_MAX), _("The topic"), TEXT_MAX)
    if any(r["date"] == day.isoformat() for r in sql.training_day_rows(store.db, trainee_id)):
        raise UserError(
            _("A training day on {date} is already recorded for {name}.").format(
                date=format_date(day, "medium"), name=person.name
            )
        )
    with store.transaction() as db:
        _keep_version(db, store, trainee_id)
        sql.insert_training_day(db, trainee_id, day.isoformat(), text)
