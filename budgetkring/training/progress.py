"""How far a trainee is: meetings led since the start of their training year, observations
with their scores over time, training days and sign-offs, each criterion with what there is and
what is still needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgetkring.dates import from_iso, iso
from budgetkring.staffing.facilitators import facilitators_by_id
from budgetkring.staffing.rules import Facilitator
from budgetkring.store import Store
from budgetkring.store import training as sql
from budgetkring.training.criteria import (
    Competence,
    Criteria,
    CriterionResult,
    LedMeeting,
    evaluate,
    missing_in_words,
    observed_meetings,
    training_start,
)
from budgetkring.training.records import criteria_of, known_facilitator, led_meetings


@dataclass
class Observation:
    """What a trainer saw at one meeting: a score per competence and a note."""

    id: int
    session_id: int | None
    day: date
    circle_name: str
    trainer: str
    note: str
    scores: dict[str, int]


@dataclass
class CompetenceState:
    """A competence and whether (by whom, when) it was signed off."""

    competence: Competence
    by: str = ""
    day: date | None = None

    @property
    def signed_off(self) -> bool:
        """Whether a trainer signed it off."""
        return self.day is not None


@dataclass
class Progress:
    """How far a facilitator is in their training year, criterion by criterion."""

    person: Facilitator
    criteria: Criteria
    started: date | None
    chosen_start: date | None
    meetings: list[LedMeeting]  # held meetings led since the start
    observations: list[Observation]
    training_days: list[dict]  # {id, date, topic}
    competences: list[CompetenceState]
    results: list[CriterionResult]

    @property
    def ready(self) -> bool:
        """Every criterion is met: a trainer can certify."""
        return all(r.met for r in self.results)

    def missing(self) -> str:
        """What is still needed, in one sentence ("" when ready)."""
        return missing_in_words(self.results)

    def to_json(self) -> dict:
        """As ``training NAME --json`` prints it (local output: notes stay on this laptop)."""
        return {
            "name": self.person.name,
            "status": self.person.status,
            "trainer": self.person.mentor or None,
            "started": iso(self.started),
            "meetings_led": len(self.meetings),
            "observations": [
                {
                    "date": o.day.isoformat(),
                    "session": o.session_id,
                    "circle": o.circle_name,
                    "by": o.trainer,
                    "scores": o.scores,
                    "note": o.note,
                }
                for o in self.observations
            ],
            "training_days": [{"date": d["date"], "topic": d["topic"]} for d in self.training_days],
            "competences": [
                {
                    "code": c.competence.code,
                    "label": c.competence.label,
                    "signed_off": c.signed_off,
                    "by": c.by or None,
                    "date": iso(c.day),
                }
                for c in self.competences
            ],
            "criteria": [
                {"code": r.code, "label": r.label(), "have": r.have, "need": r.need, "met": r.met}
                for r in self.results
            ],
            "ready": self.ready,
        }


def _observations(store: Store, facilitator_id: int) -> list[Observation]:
    scores: dict[int, dict[str, int]] = {}
    for row in sql.score_rows(store.db, facilitator_id):
        scores.setdefault(row["observation_id"], {})[row["competence"]] = row["score"]
    return [
        Observation(
            r["id"],
            r["session_id"],
            date.fromisoformat(r["date"]),
            r["circle_name"] or "",
            r["trainer_name"],
            r["note"],
            scores.get(r["id"], {}),
        )
        for r in sql.observation_rows(store.db, facilitator_id)
    ]


def progress(store: Store, facilitator_id: int, today: date) -> Progress:
    """Where a facilitator stands: meetings led since the start, observations, training days
    and sign-offs, each criterion with what there is and what is needed."""
    person = known_facilitator(store, facilitator_id)
    criteria = criteria_of(store, facilitator_id)
    record = sql.record_rows(store.db).get(facilitator_id)
    chosen = from_iso(record["start_date"]) if record else None
    led = led_meetings(store, facilitator_id, today)
    started = training_start(chosen, led)
    counted = [m for m in led if started is not None and m.day >= started]
    observations = _observations(store, facilitator_id)
    days = sql.training_day_rows(store.db, facilitator_id)
    signed = {r["competence"].casefold(): r for r in sql.signoff_rows(store.db, facilitator_id)}
    competences = []
    for competence in criteria.competences:
        row = signed.get(competence.code.casefold())
        competences.append(
            CompetenceState(
                competence,
                row["trainer_name"] if row else "",
                from_iso(row["date"]) if row else None,
            )
        )
    results = evaluate(
        criteria,
        len(counted),
        observed_meetings((o.session_id, o.day) for o in observations),
        [c.competence.code for c in competences if c.signed_off],
        len(days),
    )
    return Progress(
        person, criteria, started, chosen, counted, observations, days, competences, results
    )


def trainees(store: Store, today: date) -> list[Progress]:
    """Everyone in training now, by name, with their progress."""
    return [
        progress(store, person.id, today)
        for person in facilitators_by_id(store).values()
        if person.status == "trainee"
    ]
