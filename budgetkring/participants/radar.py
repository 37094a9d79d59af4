"""The spider (radar) chart of a participant's scores, as plain geometry.

The screen (Qt's painter) and the printed report (reportlab) both draw from ``radar_geometry``,
so that the two pictures are the same: no drawing code decides where anything goes.

Coordinates are screen coordinates in a ``size`` x ``size`` square: the origin is the top left
and y grows downward. reportlab's origin is the bottom left and its y grows upward, so a PDF
draws every point at ``(x, size - y)`` (flipping the whole canvas would mirror the text too).

Series are told apart without colour (colour-blind readers, black-and-white printers): each has
its own dash pattern and marker shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from budgetkring.domains import domain_label
from budgetkring.i18n import _

# Dash patterns are on-off lengths in drawing units (the units of ``size``); () is a solid line.
# Qt's QPen.setDashPattern counts in pen widths, so the GUI divides by its pen width.
SOLID: tuple[float, ...] = ()
# The three moments of measuring, by the name the series is given.
SERIES_STYLES: dict[str, tuple[tuple[float, ...], str]] = {
    "start": (SOLID, "circle"),
    "mid": ((6.0, 4.0), "square"),
    "end": ((1.5, 3.0), "triangle"),
}
# For a series with another name (or a second "start"): the first of these not yet used.
FALLBACK_STYLES: tuple[tuple[tuple[float, ...], str], ...] = (
    ((8.0, 3.0, 1.5, 3.0), "diamond"),
    ((3.0, 3.0), "cross"),
)
# Every marker name a series can get: the Qt and PDF drawers must know how to draw each.
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
# How far a label sits beyond its axis end, as a part of the margin: far enough that a label
# above or below the chart clears the axis end, near enough to leave room for the text.
LABEL_GAP = 0.3
# Below this |sin(angle)| an axis counts as straight up or down and its label is centred.
_VERTICAL = 0.05
_DIGITS = 6  # rounding keeps the top axis exactly at the centre's x and makes PDFs repeatable


@dataclass(frozen=True)
class Point:
    """A place in the chart's square (screen coordinates: y grows downward)."""

    x: float
    y: float


@dataclass
class Axis:
    """One life domain's spoke.

    ``angle`` is in radians, clockwise from 12 o'clock. ``end`` is where the spoke meets the
    outer ring (the highest score). ``label_at`` is where the label goes: its vertical middle,
    with ``anchor`` telling how the text lines up there horizontally ("start": the text begins
    at ``label_at.x``, "end": it ends there, "middle": it is centred on it).
    """

    domain: str
    label: str
    angle: float
    end: Point
    label_at: Point
    anchor: str


@dataclass
class Series:
    """One measurement's scores as a closed line: a point per axis, None where no score."""

    name: str
    points: list[Point | None]
    dash: tuple[float, ...]
    marker: str


@dataclass
class Radar:
    """Everything needed to draw the chart; see ``radar_geometry``."""

    size: float
    center: Point
    radius: float
    axes: list[Axis]
    rings: list[list[Point]]
    ring_values: list[int]
    series: list[Series]


def _round(value: float) -> float:
    # round() can give -0.0; adding 0.0 makes it 0.0 so equal pictures compare equal.
    return round(value, _DIGITS) + 0.0


def _at(center: Point, distance: float, angle: float) -> Point:
    """The point ``distance`` from the centre along an angle clockwise from 12 o'clock."""
    return Point(
        _round(center.x + distance * math.sin(angle)),
        _round(center.y - distance * math.cos(angle)),  # minus: screen y grows downward
    )


def _styles(names: list[str]) -> list[tuple[tuple[float, ...], str]]:
    """A (dash, marker) per series, all different while there are styles left.

    The known moments take their own style first, so a series with another name never takes
    the style "start", "mid" or "end" would have had.
    """
    chosen: list[tuple[tuple[float, ...], str] | None] = [None] * len(names)
    used: list[tuple[tuple[float, ...], str]] = []
    for i, name in enumerate(names):
        style = SERIES_STYLES.get(name)
        if style is not None and style not in used:
            chosen[i] = style
            used.append(style)
    spare = [s for s in (*SERIES_STYLES.values(), *FALLBACK_STYLES) if s not in used]
    every = [*SERIES_STYLES.values(), *FALLBACK_STYLES]
    result = []
    for i, style in enumerate(chosen):
        if style is None:
            # More series than styles cannot all differ; cycling at least keeps neighbours apart.
            style = spare.pop(0) if spare else every[i % len(every)]
        result.append(style)
    return result


def radar_geometry(
    domains: list[str],
    labels: dict[str, str],
    scale_min: int,
    scale_max: int,
    series: list[tuple[str, dict[str, int]]],
    size: float = 300.0,
    margin: float = 50.0,
) -> Radar:
    """The spider chart for scores per life domain, in a ``size`` x ``size`` square.

    One axis per domain, in the order given, the first pointing straight up (12 o'clock) and
    the rest evenly spaced clockwise. ``labels`` gives an axis its text (the translated domain
    name when missing). The chart's radius is ``size / 2 - margin``; the margin holds the
    labels, so a caller with long labels measures them and passes a wider margin.

    Every score has its own ring, evenly spaced, the highest on the outer edge. The lowest
    score sits on the innermost ring, one ring-spacing from the centre rather than on it: an
    all-lowest measurement then still shows as a small shape, and the lowest score is visibly
    different from no score at all. So score ``v`` lies at
    ``radius * (v - scale_min + 1) / (scale_max - scale_min + 1)``.

    ``series`` is (name, scores per domain) per measurement, e.g. ("start", {...}); a domain
    without a score gives None in ``points``. Scores should have passed ``check_scores``; one
    outside the scale is drawn at the nearest end so the line never leaves the chart. Names
    "start", "mid" and "end" get the styles in ``SERIES_STYLES``.

    A ValueError means the call itself is wrong (no domains, a scale or size that cannot be
    drawn): that is a programming mistake, not something the user can put right.
    """
    if not domains or len(set(domains)) != len(domains):
        raise ValueError("radar_geometry needs one or more different domains")
    if scale_min >= scale_max:
        raise ValueError("radar_geometry needs scale_min below scale_max")
    if not (size > 0 and 0 <= margin < size / 2):
        raise ValueError("radar_geometry needs size > 0 and 0 <= margin < size / 2")
    center = Point(_round(size / 2), _round(size / 2))
    radius = size / 2 - margin
    steps = scale_max - scale_min + 1
    angles = [2 * math.pi * i / len(domains) for i in range(len(domains))]

    def distance(score: int) -> float:
        score = min(max(score, scale_min), scale_max)
        return radius * (score - scale_min + 1) / steps

    axes = []
    for domain, angle in zip(domains, angles, strict=True):
        side = math.sin(angle)
        if abs(side) < _VERTICAL:
            anchor = "middle"
        else:
            # Right of the centre the text runs away from the chart to the right, left of it
            # it ends at the label point, so it never runs over the spokes.
            anchor = "start" if side > 0 else "end"
        axes.append(
            Axis(
                domain=domain,
                label=labels.get(domain) or domain_label(domain),
                angle=_round(angle),
                end=_at(center, radius, angle),
                label_at=_at(center, radius + margin * LABEL_GAP, angle),
                anchor=anchor,
            )
        )
    ring_values = list(range(scale_min, scale_max + 1))
    rings = [[_at(center, distance(value), angle) for angle in angles] for value in ring_values]
    styles = _styles([name for name, _scores in series])
    drawn = []
    for (name, scores), (dash, marker) in zip(series, styles, strict=True):
        points: list[Point | None] = []
        for domain, angle in zip(domains, angles, strict=True):
            score = scores.get(domain)
            # bool is an int to Python, but True is no score.
            if isinstance(score, int) and not isinstance(score, bool):
                points.append(_at(center, distance(score), angle))
            else:
                points.append(None)
        drawn.append(Series(name, points, dash, marker))
    return Radar(_round(size), center, _round(radius), axes, rings, ring_values, drawn)


def change_in_words(
    domains: list[str], labels: dict[str, str], first: dict[str, int], last: dict[str, int]
) -> list[str]:
    """The change per domain between two measurements, one line each, in the order given.

    For readers who cannot see the chart (a screen reader, a text summary): "money: from 2 to
    4", or "money: unchanged at 3". A domain scored in only one of the two is left out, since
    there is no change to tell.
    """
    lines = []
    for domain in domains:
        if domain not in first or domain not in last:
            continue
        label = labels.get(domain) or domain_label(domain)
        old, new = first[domain], last[domain]
        if old == new:
            lines.append(_("{domain}: unchanged at {score}").format(domain=label, score=old))
        else:
            lines.append(_("{domain}: from {old} to {new}").format(domain=label, old=old, new=new))
    return lines
