"""The printable kinds, their names and what each is about (no reportlab: the command line
lists them without loading the PDF machinery)."""

from __future__ import annotations

from budgetkring.i18n import N_, _

KINDS = {
    "session-plan": N_("Session plan"),
    "attendance-list": N_("Attendance list"),
    "handouts": N_("Hand-outs"),
    "session-pack": N_("Everything for the meeting"),
    "year-schedule": N_("Year schedule"),
    "year-pack": N_("Year schedule with every session plan"),
    "assessment-sheet": N_("Self-assessment sheets"),
    "group-report": N_("Group report"),
    "progress-sheet": N_("Progress sheet"),
}
# What each kind is about: a meeting, a circle or a participant.
NEEDS = {
    "session-plan": "session",
    "attendance-list": "session",
    "handouts": "session",
    "session-pack": "session",
    "year-schedule": "circle",
    "year-pack": "circle",
    "assessment-sheet": "circle",
    "group-report": "circle",
    "progress-sheet": "participant",
}
WITH_ALIASES = ("attendance-list", "progress-sheet")  # the only kinds that may show an alias


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind
