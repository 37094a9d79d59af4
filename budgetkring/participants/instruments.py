"""Instruments: the self-assessment ("meting") a participant fills in per life domain.

An instrument is a scale (say 1 to 5, with a few words per step) and one statement per life
domain. It travels as a JSON file (format "budgetkring-instrument"), checked like a programme
file: every problem is named, one per line, in one UserError, and nothing is kept from a file
that has a problem. This module only reads and checks; storing scores is done elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetkring.domains import DOMAINS, domain_label
from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.paths import resource_path
from budgetkring.store.files import read_json
from budgetkring.text import LONG_TEXT_MAX, NAME_MAX, TEXT_MAX, has_forbidden, printable

FORMAT = "budgetkring-instrument"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 200_000
SCALE_LOWEST = 0  # a 0-10 scale is common in wellbeing questionnaires, so both ends are allowed
SCALE_HIGHEST = 10
# "general" is the group's own meetings (start, halfway, end), not something a person scores.
SCORED_DOMAINS = tuple(code for code in DOMAINS if code != "general")
_QUOTE_MAX = 40  # how much of a statement a message repeats to say which question it means


@dataclass
class Scale:
    """The answers a statement can get: whole numbers from ``minimum`` to ``maximum``.

    ``labels`` may name only some steps (a 0-10 scale usually names just its ends); a step
    without a label is shown as its number.
    """

    minimum: int
    maximum: int
    labels: dict[int, str]

    @property
    def values(self) -> list[int]:
        """Every score on the scale, lowest first."""
        return list(range(self.minimum, self.maximum + 1))

    def label(self, value: int) -> str:
        """The words for a step, or the number itself when that step has no label."""
        return self.labels.get(value) or str(value)


@dataclass
class Question:
    """One statement a participant scores, about one life domain."""

    domain: str
    statement: str


@dataclass
class Instrument:
    """One version of a self-assessment: its scale and one statement per life domain."""

    name: str
    description: str
    scale: Scale
    questions: list[Question]
    id: int | None = None
    version_id: int | None = None
    version: int = 0

    def domains(self) -> list[str]:
        """The life domain codes asked about, in the order of the questions."""
        return [question.domain for question in self.questions]

    def to_dict(self) -> dict:
        """The exchange file's content (label keys are texts, as JSON object keys must be)."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "description": self.description,
            "scale": {
                "min": self.scale.minimum,
                "max": self.scale.maximum,
                "labels": {str(k): v for k, v in sorted(self.scale.labels.items())},
            },
            "questions": [{"domain": q.domain, "statement": q.statement} for q in self.questions],
        }


# --- validation ---------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    # bool is a subclass of int, but true/false in a file is a mistake, not a score.
    return isinstance(value, int) and not isinstance(value, bool)


def _text_problem(text: str, where: str, limit: int, lines: bool = False) -> str | None:
    """What is wrong with a text (a forbidden character, too long), or None."""
    if has_forbidden(text, multiline=lines):
        return _("{where} contains a character that cannot be used.").format(where=where)
    if len(text) > limit:
        return _("{where} is too long (at most {n} characters).").format(where=where, n=limit)
    return None


def _shown(value: object) -> str:
    """A value from a file as a message may repeat it: printable and short."""
    text = printable(str(value)).strip()
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"


def parse_instrument(data: object) -> Instrument:
    """Check an instrument (as read from a file or made in an editor); every problem is named.

    Raises a UserError listing what is wrong, one problem per line; nothing is returned from
    data that has a problem.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(_("This is not a Budgetkring instrument file."))
    problems: list[str] = []
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION or not _is_int(version):
        # A later format may mean something else by the same fields: refuse rather than guess.
        problems.append(_("This instrument file has a format version Budgetkring does not know."))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_("The instrument has no name."))
        name = ""
    else:
        name = name.strip()
        problem = _text_problem(name, _("The instrument's name"), NAME_MAX)
        if problem:
            problems.append(problem)
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append(_("The instrument's description must be text."))
        description = ""
    else:
        description = description.strip()
        where = _("The instrument's description")
        problem = _text_problem(description, where, LONG_TEXT_MAX, lines=True)
        if problem:
            problems.append(problem)
    scale = _parse_scale(data.get("scale"), problems)
    questions = _parse_questions(data.get("questions"), problems)
    if problems:
        raise UserError("\n".join(problems))
    return Instrument(name, description, scale, questions)


def _parse_scale(raw: object, problems: list[str]) -> Scale:
    if not isinstance(raw, dict):
        problems.append(_("The instrument has no scale."))
        return Scale(0, 0, {})
    low, high = raw.get("min"), raw.get("max")
    if not (_is_int(low) and _is_int(high)):
        problems.append(_("The scale's lowest and highest score must be whole numbers."))
        return Scale(0, 0, {})
    assert isinstance(low, int) and isinstance(high, int)  # for mypy: _is_int said so
    if not SCALE_LOWEST <= low < high <= SCALE_HIGHEST:
        problems.append(
            _(
                "The scale must run from a lower to a higher score, between {lowest} and {highest}."
            ).format(lowest=SCALE_LOWEST, highest=SCALE_HIGHEST)
        )
        return Scale(0, 0, {})
    raw_labels = raw.get("labels", {})
    if not isinstance(raw_labels, dict):
        problems.append(_("The scale's labels must be a list of scores with their words."))
        raw_labels = {}
    labels: dict[int, str] = {}
    for key, text in raw_labels.items():
        step = _label_step(key)
        if step is None or not low <= step <= high:
            problems.append(
                _(
                    "The scale has a label for '{step}', which is not a score from {low} to {high}."
                ).format(step=_shown(key), low=low, high=high)
            )
            continue
        where = _("The scale's label for {step}").format(step=step)
        if not isinstance(text, str) or not text.strip():
            problems.append(_("{where} is empty.").format(where=where))
            continue
        problem = _text_problem(text.strip(), where, NAME_MAX)
        if problem:
            problems.append(problem)
            continue
        if step in labels:
            # "1" and "01" in one file: which one was meant cannot be known.
            problems.append(_("The scale has two labels for {step}.").format(step=step))
            continue
        labels[step] = text.strip()
    return Scale(low, high, labels)


def _label_step(key: object) -> int | None:
    """The score a label key names: JSON keys are texts like "1"; an int is fine from code."""
    if _is_int(key):
        assert isinstance(key, int)
        return key
    if isinstance(key, str) and key.strip().isascii() and key.strip().isdigit():
        return int(key.strip())
    return None


def _parse_questions(raw: object, problems: list[str]) -> list[Question]:
    if not isinstance(raw, list) or not raw:
        problems.append(_("The instrument has no questions."))
        return []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(raw, 1):
        where = _("Question {n}").format(n=n)
        if not isinstance(item, dict):
            problems.append(_("{where} is not a question.").format(where=where))
            continue
        statement = item.get("statement")
        if not isinstance(statement, str) or not statement.strip():
            problems.append(_("{where} has no statement.").format(where=where))
            statement = ""
        else:
            statement = statement.strip()
            problem = _text_problem(statement, where, TEXT_MAX)
            if problem:
                problems.append(problem)
            else:
                # Only a clean statement is repeated: a control character would break the line.
                where = _("Question {n} ('{statement}')").format(n=n, statement=_shown(statement))
        domain = item.get("domain")
        if not isinstance(domain, str) or not domain.strip():
            problems.append(_("{where} has no life domain.").format(where=where))
            continue
        domain = domain.strip()
        if domain == "general":
            problems.append(
                _("{where}: 'general' is about the group, not a life domain to score.").format(
                    where=where
                )
            )
            continue
        if domain not in SCORED_DOMAINS:
            problems.append(
                _("{where}: unknown life domain '{code}'.").format(where=where, code=_shown(domain))
            )
            continue
        if domain in seen:
            problems.append(
                _("{where}: question {first} is already about {domain}.").format(
                    where=where, first=seen[domain], domain=domain_label(domain)
                )
            )
            continue
        seen[domain] = n
        questions.append(Question(domain, statement))
    return questions


# --- files ----------------------------------------------------------------------------------


def read_instrument_file(path: Path) -> Instrument:
    """Read and check an instrument file; a UserError says what is wrong."""
    data = read_json(
        path,
        MAX_FILE_BYTES,
        _("The file is too large to be an instrument."),
        _("This is not a Budgetkring instrument file."),
    )
    return parse_instrument(data)


def default_instrument() -> Instrument:
    """The shipped instrument (data/instruments/default.json), freshly parsed each call so
    that a caller may change the copy it gets."""
    return read_instrument_file(resource_path("data", "instruments", "default.json"))


# --- scores ---------------------------------------------------------------------------------


def check_scores(instrument: Instrument, scores: dict[str, int]) -> dict[str, int]:
    """Check one filled-in measurement; returns the scores in the order of the questions.

    A domain may be left out (not answered). A UserError names, one per line, every domain the
    instrument does not ask about, every score that is not a whole number and every score
    outside the scale.
    """
    if not isinstance(scores, dict):
        raise UserError(_("The scores must be given per life domain."))
    asked = instrument.domains()
    low, high = instrument.scale.minimum, instrument.scale.maximum
    problems: list[str] = []
    for domain, score in scores.items():
        if domain not in asked:
            label = domain_label(domain) if isinstance(domain, str) else ""
            problems.append(
                _("This instrument has no question about '{domain}'.").format(
                    domain=_shown(label or domain)
                )
            )
        elif not _is_int(score):
            problems.append(
                _("The score for {domain} must be a whole number.").format(
                    domain=domain_label(domain)
                )
            )
        elif not low <= score <= high:
            problems.append(
                _("The score for {domain} must be from {low} to {high}.").format(
                    domain=domain_label(domain), low=low, high=high
                )
            )
    if problems:
        raise UserError("\n".join(problems))
    return {domain: scores[domain] for domain in asked if domain in scores}
