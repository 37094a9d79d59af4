"""Self-assessments (metingen) at the start, halfway and the end of the year, per life domain,
with the instrument version they were made with; progress and group averages.

Only for a participant who gave consent. The questions and the scale come from the instrument
(data), never from code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from budgetkring.dates import check_range, from_iso
from budgetkring.errors import UserError
from budgetkring.i18n import N_, _
from budgetkring.participants.instruments import (
    Instrument,
    Question,
    Scale,
    check_scores,
    read_instrument_file,
)
from budgetkring.participants.participants import Participant, get_participant
from budgetkring.store import Store
from budgetkring.store import participants as sql
from budgetkring.store.backup import auto_backup

MOMENTS = ("start", "mid", "end")
MOMENT_LABELS = {"start": N_("start"), "mid": N_("halfway"), "end": N_("end")}
SMALL_GROUP = 5  # fewer answers than this: no average is shown outside the circle


def moment_label(moment: str) -> str:
    """The translated word for a moment of the year."""
    return _(MOMENT_LABELS.get(moment, moment))


def _instrument(row: dict) -> Instrument:
    return Instrument(
        name=row["name"],
        description=row["description"],
        scale=Scale(
            row["scale_min"], row["scale_max"], {int(k): v for k, v in row["labels"].items()}
        ),
        questions=[Question(q["domain"], q["statement"]) for q in row["questions"]],
        id=row["id"],
        version_id=row["version_id"],
        version=row["version"],
    )


def list_instruments(store: Store) -> list[Instrument]:
    """Every instrument in its newest version."""
    return [_instrument(r) for r in sql.instrument_rows(store.db)]


def current_instrument(store: Store) -> Instrument:
    """The instrument new assessments use: the newest version of the first one."""
    instruments = list_instruments(store)
    if not instruments:
        raise UserError(_("There is no instrument for self-assessments. Import one first."))
    return instruments[0]


def instrument_version(store: Store, version_id: int) -> Instrument:
    """The instrument version an assessment was made with."""
    row = sql.instrument_version_row(store.db, version_id)
    if row is None:
        raise UserError(_("That instrument version does not exist."))
    return _instrument(row)


def import_instrument(store: Store, path: Path) -> Instrument:
    """Import an instrument file (checked; a backup first); a known name becomes a new version."""
    instrument = read_instrument_file(path)
    auto_backup(store, "before-import")
    return save_instrument(store, instrument)


def save_instrument(store: Store, instrument: Instrument) -> Instrument:
    """Save a checked instrument as a new version (a new instrument when the name is new)."""
    data = instrument.to_dict()
    with store.transaction() as db:
        version_id = sql.insert_instrument_version(
            db,
            {
                "name": instrument.name,
                "description": instrument.description,
                "scale_min": instrument.scale.minimum,
                "scale_max": instrument.scale.maximum,
                "labels": data["scale"]["labels"],
                "questions": data["questions"],
            },
        )
    return instrument_version(store, version_id)


def no_consent(person: Participant, what: str) -> str:
    """Why nothing of ``what`` can be kept for someone without consent, in words."""
    return _(
        "{code} has not given consent, so no {what} can be kept. Record the date of consent first."
    ).format(code=person.code, what=what)


def _needs_consent(person: Participant, what: str) -> None:
    if person.consent is None:
        raise UserError(no_consent(person, what))


def assess(
    store: Store,
    participant_id: int,
    moment: str,
    scores: dict[str, int],
    day: date,
) -> int:
    """Record a self-assessment; a second one at the same moment replaces the first."""
    person = get_participant(store, participant_id)
    _needs_consent(person, _("self-assessment"))
    if moment not in MOMENTS:
        raise UserError(
            _("'{moment}' is not a moment. Use start, mid or end.").format(moment=moment)
        )
    check_range(day)
    instrument = current_instrument(store)
    checked = check_scores(instrument, scores)
    if not checked:
        raise UserError(_("Give at least one score."))
    assert instrument.version_id is not None  # always set for a stored instrument
    with store.transaction() as db:
        return sql.save_assessment(
            db, person.id, instrument.version_id, moment, day.isoformat(), checked
        )


@dataclass
class Progress:
    """A participant's assessments and goals, as the participant page shows them."""

    participant: Participant
    moments: dict[str, dict[str, int]] = field(default_factory=dict)  # moment -> domain -> score
    dates: dict[str, date] = field(default_factory=dict)
    version_ids: dict[str, int] = field(default_factory=dict)

    @property
    def change(self) -> dict[str, int]:
        """Per domain: the latest score minus the start score (where both exist)."""
        start = self.moments.get("start", {})
        latest = next((self.moments[m] for m in reversed(MOMENTS) if m in self.moments), {})
        return {d: latest[d] - start[d] for d in start if d in latest}


def progress(store: Store, participant_id: int) -> Progress:
    """Everything measured for one participant."""
    found = Progress(get_participant(store, participant_id))
    for row in sql.assessment_rows(store.db, participant_id=participant_id):
        found.moments.setdefault(row["moment"], {})[row["domain"]] = row["score"]
        day = from_iso(row["date"])
        if day is not None:
            found.dates[row["moment"]] = day
        found.version_ids[row["moment"]] = row["version_id"]
    found.moments = {m: found.moments[m] for m in MOMENTS if m in found.moments}
    return found


@dataclass
class Average:
    """The group's average for one domain at one moment, and how many people answered."""

    domain: str
    value: float | None  # None when nobody answered
    count: int


def averages(scores: list[dict[str, int]], domains: list[str]) -> dict[str, Average]:
    """Per domain: the mean over everyone who answered, with the count (a pure function)."""
    result = {}
    for domain in domains:
        values = [s[domain] for s in scores if domain in s]
        mean = round(sum(values) / len(values), 1) if values else None
        result[domain] = Average(domain, mean, len(values))
    return result


def group_averages(store: Store, circle_id: int) -> dict[str, dict[str, Average]]:
    """The circle's average per domain at the start and now (the latest moment each person has
    answered), each with the number of people it is based on."""
    per_person: dict[int, dict[str, dict[str, int]]] = {}
    for row in sql.assessment_rows(store.db, circle_id=circle_id):
        moments = per_person.setdefault(row["participant_id"], {})
        moments.setdefault(row["moment"], {})[row["domain"]] = row["score"]
    domains = current_instrument(store).domains()
    start = [m["start"] for m in per_person.values() if "start" in m]
    now = [next(m[k] for k in reversed(MOMENTS) if k in m) for m in per_person.values() if m]
    return {"start": averages(start, domains), "now": averages(now, domains)}
