"""Life domains (leefgebieden) used by programmes and, later, self-assessments."""

from __future__ import annotations

from budgetkring.i18n import N_, _

# code -> label; the order is the order of legends and lists.
DOMAINS = {
    "money": N_("money"),
    "housing": N_("housing"),
    "green": N_("green and nature"),
    "activities": N_("activities and free time"),
    "physical_health": N_("physical health"),
    "mental_health": N_("mental health"),
    "social_network": N_("social network"),
    "general": N_("the group (start, halfway, end)"),
}


def domain_label(code: str) -> str:
    """The translated name of a life domain."""
    return _(DOMAINS[code]) if code in DOMAINS else code
