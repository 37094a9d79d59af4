"""Colours for the life domains (leefgebieden) in calendars and legends.

The palette is the Okabe–Ito set, lightened towards white so black text stays readable on it
(contrast with black at least 9:1). The amount of lightening differs per colour on purpose: the
pairs that colour-blind people confuse most (green / sand, orange / yellow, purple / grey) also
differ in lightness, so they stay apart under deuteranopia, protanopia and tritanopia. Colour is
never the only signal: every coloured cell also carries a number or symbol, and every legend swatch
has a label.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# code -> hex, one per code in budgetkring.domains.DOMAINS, in the same order (a test checks
# this). The comments give the Okabe–Ito base colour and the share of white mixed in.
DOMAIN_COLORS: dict[str, str] = {
    "money": "#F1CA73",  # orange #E69F00, 45% white
    "housing": "#73B1D5",  # blue #0072B2, 45% white
    "green": "#59C0A4",  # bluish green #009E73, 35% white
    "activities": "#F6EF8E",  # yellow #F0E442, 40% white
    "physical_health": "#EAAE80",  # vermillion #D55E00, 50% white
    "mental_health": "#E6BCD3",  # reddish purple #CC79A7, 50% white
    "social_network": "#BBE1F6",  # sky blue #56B4E9, 60% white
    "general": "#D8D2C6",  # warm sand #A89A80, 55% white: the group itself, not a life domain
}

# An extra meeting without a theme, or a domain an organisation added itself.
NEUTRAL_COLOR = "#E9E9E9"


def domain_color(code: str) -> QColor:
    """The background tint of a life domain; neutral grey for a code without a colour."""
    return QColor(DOMAIN_COLORS.get(code, NEUTRAL_COLOR))


def session_color(session) -> QColor:
    """The tint of a meeting: its first life domain, or neutral grey when it has none."""
    domains = getattr(session, "domains", None) or []
    return domain_color(domains[0]) if domains else QColor(NEUTRAL_COLOR)
