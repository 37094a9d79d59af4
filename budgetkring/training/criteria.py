"""The training year as rules: pure functions over plain data, tested without a database.

- The criteria (how many meetings, observations and training days; which competences) are data,
  read from ``data/certification.json`` and kept per version (``parse_criteria``).
- The meetings a trainee led come from the schedule: a held meeting where they were in the
  circle's lead pair that day (not away, not replaced by a stand-in), or where they stood in
  (a confirmed stand-in). See ``meetings_led``.
- The training year starts at the first meeting they led, unless a trainer set another start;
  only meetings from the start on count.
- Observations count once per meeting, however many trainers watched it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from budgetkring.errors import UserError
from budgetkring.i18n import N_, _, ngettext
from budgetkring.planning.sessions import effective_status
from budgetkring.staffing.rules import current_leads

FORMAT = "budgetkring-certification"
FORMAT_VERSION = 1
# The four steps of an observation's score.
SCALE = {1: N_("beginning"), 2: N_("on the way"), 3: N_("sufficient"), 4: N_("good")}
CRITERIA = ("meetings", "observations", "competences", "training_days")
CRITERION_LABELS = {
    "meetings": N_("Meetings led"),
    "observations": N_("Observations by a trainer"),
    "competences": N_("Competences signed off"),
    "training_days": N_("Training days"),
}
CODE_MAX, LABEL_MAX, DESCRIPTION_MAX = 30, 120, 400
_CODE = re.compile(r"[a-z0-9][a-z0-9-]*")  # typed on the command line: sign-off NAME CODE


def score_label(score: int | None) -> str:
    """The word for a step of the scale ("" for no score)."""
    return _(SCALE[score]) if score in SCALE else ""


def criterion_label(code: str) -> str:
    """The translated name of a criterion."""
    return _(CRITERION_LABELS.get(code, code))


@dataclass(frozen=True)
class Competence:
    """Something a facilitator learns to do, in plain words."""

    code: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Criteria:
    """One version of what it takes to be certified."""

    name: str
    meetings: int
    observations: int
    training_days: int
    competences: tuple[Competence, ...]
    version: int = 0
    version_id: int = 0  # 0 until stored

    def competence(self, code: str) -> Competence | None:
        """The competence with this code (case does not count), or None."""
        wanted = code.strip().casefold()
        return next((c for c in self.competences if c.code.casefold() == wanted), None)

    def codes(self) -> list[str]:
        """The codes of the competences, in order."""
        return [c.code for c in self.competences]


def _count(raw: dict, key: str, problems: list[str]) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        problems.append(
            _("'{key}' in the criteria must be a whole number from 0 to 100.").format(key=key)
        )
        return 0
    return value


def _text(item: dict, key: str, limit: int, problems: list[str], required: bool = True) -> str:
    value = item.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        problems.append(
            _("Every competence needs a '{key}' of at most {n} characters.").format(
                key=key, n=limit
            )
        )
        return ""
    return value.strip()


def parse_criteria(data: object) -> Criteria:
    """Criteria from the JSON of a certification file; a UserError names every problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(_("This is not a file with certification criteria."))
    if data.get("format_version") != FORMAT_VERSION:
        raise UserError(_("This criteria file has a format version Budgetkring does not know."))
    problems: list[str] = []
    raw = data.get("criteria")
    raw = raw if isinstance(raw, dict) else {}
    counts = [_count(raw, key, problems) for key in ("meetings", "observations", "training_days")]
    items = data.get("competences")
    competences: list[Competence] = []
    if not isinstance(items, list) or not items or len(items) > 30:
        problems.append(_("The criteria need a list of 1 to 30 competences."))
        items = []
    for item in items:
        if not isinstance(item, dict):
            problems.append(_("Every competence needs a 'code' and a 'label'."))
            continue
        code = _text(item, "code", CODE_MAX, problems)
        if code and not _CODE.fullmatch(code):
            problems.append(
                _("The code '{code}' may only hold small letters, digits and '-'.").format(
                    code=code
                )
            )
        competences.append(
            Competence(
                code,
                _text(item, "label", LABEL_MAX, problems),
                _text(item, "description", DESCRIPTION_MAX, problems, required=False),
            )
        )
    codes = [c.code.casefold() for c in competences if c.code]
    if len(codes) != len(set(codes)):
        problems.append(_("Two competences have the same code."))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > LABEL_MAX:
        problems.append(_("The criteria need a 'name'."))
        name = ""
    if problems:
        raise UserError(" ".join(dict.fromkeys(problems)))
    meetings, observations, training_days = counts
    return Criteria(name.strip(), meetings, observations, training_days, tuple(competences))


# --- the meetings a trainee led -----------------------------------------------------------------


@dataclass(frozen=True)
class LedMeeting:
    """A held meeting someone led: as one of the circle's pair, or as a stand-in."""

    session_id: int
    circle_name: str
    day: date
    stand_in: bool = False


def meetings_led(
    person_id: int,
    sessions: Iterable[dict],
    leads: Iterable[dict],
    subs: Iterable[dict],
    absences: Iterable[dict],
    today: date,
) -> list[LedMeeting]:
    """The held meetings ``person_id`` led, oldest first (rows as ``store.training`` gives them).

    As the staffing rules see a meeting: the circle's lead pair on that day (see
    ``current_leads``), minus whoever was away or replaced by a confirmed stand-in, plus the
    confirmed stand-ins. Only held meetings count (cancelled and coming ones do not).
    """
    by_circle: dict[int, list[dict]] = {}
    for row in leads:
        by_circle.setdefault(row["circle_id"], []).append(row)
    stood_in = {s["session_id"] for s in subs if s["in_id"] == person_id}
    replaced = {s["session_id"] for s in subs if s["out_id"] == person_id}
    away = [(a["from_date"], a["to_date"]) for a in absences]
    found = []
    for row in sessions:
        day = date.fromisoformat(row["date"])
        if effective_status(row["status"], day, today) != "held":
            continue
        if row["id"] in stood_in:
            found.append(LedMeeting(row["id"], row["circle_name"], day, stand_in=True))
            continue
        pair = {
            r["facilitator_id"] for r in current_leads(by_circle.get(row["circle_id"], []), day)
        }
        shown = day.isoformat()
        if (
            person_id in pair
            and row["id"] not in replaced
            and not any(first <= shown <= last for first, last in away)
        ):
            found.append(LedMeeting(row["id"], row["circle_name"], day))
    return sorted(found, key=lambda m: (m.day, m.session_id))


def training_start(chosen: date | None, led: list[LedMeeting]) -> date | None:
    """The start of the training year: the date a trainer chose, else the first meeting led."""
    if chosen is not None:
        return chosen
    return min((m.day for m in led), default=None)


def observed_meetings(observations: Iterable[tuple[int | None, date]]) -> int:
    """How many different meetings were observed ((meeting id, date) pairs; a meeting that
    was removed later counts by its date)."""
    return len({session if session is not None else day for session, day in observations})


# --- the criteria, met or not -------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: how much there is, how much is needed (``open``: competences to go)."""

    code: str
    have: int
    need: int
    open: tuple[str, ...] = field(default=())

    @property
    def met(self) -> bool:
        """Whether there is enough."""
        return self.have >= self.need

    def label(self) -> str:
        """The criterion's name."""
        return criterion_label(self.code)

    def progress_text(self) -> str:
        """How far along, e.g. "8 of 12 meetings"."""
        have, need = self.have, self.need
        if self.code == "meetings":
            text = ngettext("{have} of {need} meeting", "{have} of {need} meetings", need)
        elif self.code == "observations":
            text = ngettext("{have} of {need} observation", "{have} of {need} observations", need)
        elif self.code == "competences":
            text = ngettext(
                "{have} of {need} competence signed off",
                "{have} of {need} competences signed off",
                need,
            )
        else:
            text = ngettext("{have} of {need} training day", "{have} of {need} training days", need)
        return text.format(have=have, need=need)

    def missing_text(self) -> str:
        """What is still needed, in words ("" when it is met)."""
        n = self.need - self.have
        if n <= 0:
            return ""
        if self.code == "meetings":
            return ngettext("lead {n} more meeting", "lead {n} more meetings", n).format(n=n)
        if self.code == "observations":
            return ngettext(
                "{n} more observation by a trainer", "{n} more observations by a trainer", n
            ).format(n=n)
        if self.code == "competences":
            return ngettext(
                "sign off {n} more competence ({codes})",
                "sign off {n} more competences ({codes})",
                n,
            ).format(n=n, codes=", ".join(self.open))
        return ngettext("attend {n} more training day", "attend {n} more training days", n).format(
            n=n
        )


def evaluate(
    criteria: Criteria,
    meetings: int,
    observations: int,
    signed_off: Iterable[str],
    training_days: int,
) -> list[CriterionResult]:
    """Each criterion of ``criteria`` with what there is (signed-off competence codes)."""
    signed = {code.casefold() for code in signed_off}
    open_codes = tuple(c.code for c in criteria.competences if c.code.casefold() not in signed)
    return [
        CriterionResult("meetings", meetings, criteria.meetings),
        CriterionResult("observations", observations, criteria.observations),
        CriterionResult(
            "competences",
            len(criteria.competences) - len(open_codes),
            len(criteria.competences),
            open_codes,
        ),
        CriterionResult("training_days", training_days, criteria.training_days),
    ]


def missing_in_words(results: list[CriterionResult]) -> str:
    """One sentence naming everything still needed ("" when every criterion is met)."""
    items = [r.missing_text() for r in results if not r.met]
    if not items:
        return ""
    return _("Still needed: {items}.").format(items="; ".join(items))
