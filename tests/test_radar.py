"""The spider chart geometry: axes, rings, series styles, labels in the square, change in words."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkring.domains import DOMAINS
from budgetkring.participants.radar import (
    MARKERS,
    Point,
    change_in_words,
    radar_geometry,
)

SEVEN = [code for code in DOMAINS if code != "general"]
LABELS = {"money": "geld", "housing": "wonen"}


def distance(a: Point, b: Point) -> float:
    """How far apart two points are."""
    return math.hypot(a.x - b.x, a.y - b.y)


def test_first_axis_points_straight_up():
    """The first axis ends right above the centre (screen y grows downward) and is centred."""
    radar = radar_geometry(SEVEN, LABELS, 1, 5, [])
    first = radar.axes[0]
    assert first.angle == 0
    assert first.end == Point(radar.center.x, radar.center.y - radar.radius)
    assert first.label_at.x == radar.center.x and first.label_at.y < first.end.y
    assert first.anchor == "middle"
    assert first.label == "geld" and radar.axes[2].label == "green and nature"


def test_angles_are_evenly_spaced_clockwise():
    """Each axis turns 360/n degrees further clockwise: the second one is right of the centre."""
    radar = radar_geometry(SEVEN, {}, 1, 5, [])
    step = 2 * math.pi / 7
    for i, axis in enumerate(radar.axes):
        assert axis.angle == pytest.approx(i * step)
        assert distance(axis.end, radar.center) == pytest.approx(radar.radius)
    assert radar.axes[1].end.x > radar.center.x  # clockwise from 12 o'clock goes right
    assert radar.axes[1].anchor == "start" and radar.axes[-1].anchor == "end"
    four = radar_geometry(SEVEN[:4], {}, 1, 5, [])
    assert [a.anchor for a in four.axes] == ["middle", "start", "middle", "end"]
    assert four.axes[1].end == Point(four.center.x + four.radius, four.center.y)  # 3 o'clock


def test_one_ring_per_scale_step_evenly_spaced_with_the_lowest_off_centre():
    """Rings for 1..5 at 1/5..5/5 of the radius: the lowest score is visible, not on the centre."""
    radar = radar_geometry(SEVEN, {}, 1, 5, [])
    assert radar.ring_values == [1, 2, 3, 4, 5]
    assert len(radar.rings) == 5 and all(len(ring) == 7 for ring in radar.rings)
    for k, ring in enumerate(radar.rings, 1):
        for point in ring:
            assert distance(point, radar.center) == pytest.approx(radar.radius * k / 5)
    assert radar.rings[-1] == [axis.end for axis in radar.axes]
    assert len(radar_geometry(SEVEN, {}, 0, 10, []).rings) == 11


def test_a_top_score_lies_on_the_outer_ring_and_a_bottom_score_on_the_inner():
    """The highest score is on its axis end; the lowest on the innermost ring."""
    radar = radar_geometry(SEVEN, {}, 1, 5, [("end", dict.fromkeys(SEVEN, 5))])
    assert radar.series[0].points == [axis.end for axis in radar.axes]
    low = radar_geometry(SEVEN, {}, 1, 5, [("start", dict.fromkeys(SEVEN, 1))])
    assert low.series[0].points == low.rings[0]


def test_missing_scores_give_none():
    """A domain without a score has no point; the others still have theirs."""
    radar = radar_geometry(SEVEN, {}, 1, 5, [("mid", {"money": 3, "green": 4})])
    points = radar.series[0].points
    assert points[0] == radar.rings[2][0] and points[2] == radar.rings[3][2]
    assert [i for i, p in enumerate(points) if p is None] == [1, 3, 4, 5, 6]


def test_off_scale_scores_stay_inside_the_chart():
    """A score outside the scale (not checked first) is drawn at the nearest end of the scale."""
    radar = radar_geometry(["money", "housing"], {}, 1, 5, [("start", {"money": 9, "housing": -3})])
    assert radar.series[0].points == [radar.axes[0].end, radar.rings[0][1]]


def test_three_moments_are_told_apart_without_colour():
    """Start, mid and end each get their own (dash, marker); start is a solid line."""
    scores = dict.fromkeys(SEVEN, 3)
    radar = radar_geometry(SEVEN, {}, 1, 5, [("start", scores), ("mid", scores), ("end", scores)])
    styles = [(s.dash, s.marker) for s in radar.series]
    assert len(set(styles)) == 3
    assert radar.series[0].dash == () and radar.series[0].marker == "circle"
    assert all(s.marker in MARKERS for s in radar.series)


def test_unknown_series_names_take_a_style_no_moment_uses():
    """A series with another name never takes the style of a named moment in the same chart."""
    scores = {"money": 2}
    radar = radar_geometry(
        ["money"], {}, 1, 5, [("extra", scores), ("start", scores), ("start", scores)]
    )
    styles = [(s.dash, s.marker) for s in radar.series]
    assert len(set(styles)) == 3
    assert radar.series[1].marker == "circle"


def test_calls_that_cannot_be_drawn_are_programming_errors():
    """No domains, an empty scale or a margin that leaves no chart raise ValueError."""
    with pytest.raises(ValueError):
        radar_geometry([], {}, 1, 5, [])
    with pytest.raises(ValueError):
        radar_geometry(SEVEN, {}, 5, 5, [])
    with pytest.raises(ValueError):
        radar_geometry(SEVEN, {}, 1, 5, [], size=100, margin=50)


@given(
    n=st.integers(min_value=1, max_value=7),
    low=st.integers(min_value=0, max_value=9),
    span=st.integers(min_value=1, max_value=10),
    size=st.floats(min_value=50, max_value=2000),
    margin_part=st.floats(min_value=0.0, max_value=0.49),
    data=st.data(),
)
def test_everything_stays_inside_the_square(n, low, span, size, margin_part, data):
    """For any domains, scale, size and margin: labels in the square, points within the radius."""
    high = min(low + span, 10)
    if high == low:
        low -= 1
    domains = SEVEN[:n]
    scores = {
        d: data.draw(st.integers(min_value=low, max_value=high))
        for d in domains
        if data.draw(st.booleans())
    }
    radar = radar_geometry(domains, {}, low, high, [("start", scores)], size, size * margin_part)
    eps = 1e-5  # coordinates are rounded to 6 decimals (two of them: about 1.5e-6 apart)
    for axis in radar.axes:
        assert -eps <= axis.label_at.x <= size + eps and -eps <= axis.label_at.y <= size + eps
        assert distance(axis.label_at, radar.center) >= radar.radius - eps
    for point in radar.series[0].points:
        if point is not None:
            assert distance(point, radar.center) <= radar.radius + eps
            assert distance(point, radar.center) > 0  # even the lowest score is off the centre
    assert [p is None for p in radar.series[0].points] == [d not in scores for d in domains]


def test_change_in_words_tells_each_domain_in_both_measurements():
    """'geld: from 2 to 4', 'unchanged' when equal; a domain missing from either is left out."""
    first = {"money": 2, "housing": 3, "green": 1}
    last = {"money": 4, "housing": 3, "mental_health": 5}
    lines = change_in_words(SEVEN, LABELS, first, last)
    assert lines == ["geld: from 2 to 4", "wonen: unchanged at 3"]
    assert change_in_words(["green"], {}, {"green": 5}, {"green": 2}) == [
        "green and nature: from 5 to 2"
    ]


def test_change_in_words_follows_the_language():
    """In Dutch the line reads Dutch once the catalogue has the message (ids are English)."""
    from budgetkring.i18n import _, set_language

    set_language("nl")
    try:
        line = change_in_words(["money"], {"money": "geld"}, {"money": 1}, {"money": 2})[0]
        assert line == _("{domain}: from {old} to {new}").format(domain="geld", old=1, new=2)
    finally:
        set_language("en")
