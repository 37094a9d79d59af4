"""Circles: validation in plain words, add, edit, archive, find by id or name; demo; attention."""

from datetime import date

import pytest

from budgetkring.errors import UserError, ValidationError
from budgetkring.organisation.circles import (
    add_circle,
    find_circle,
    list_circles,
    set_archived,
    update_circle,
)
from budgetkring.organisation.database import run_checks
from budgetkring.organisation.demo import load_demo
from budgetkring.organisation.overview import attention_items
from budgetkring.staffing.pairs import set_pair
from tests.conftest import TODAY, add_person, fid


def test_add_circle_stores_every_field(store):
    """The values given are what the database holds, with the group size default 8-10."""
    circle = add_circle(
        store,
        name=" Zwolle-Zuid ",
        municipality="Zwolle",
        place="Buurthuis",
        start_date="17-3-2027",
    )
    row = store.db["circle"].get(circle.id)
    assert (row["name"], row["municipality"], row["place"], row["start_date"]) == (
        "Zwolle-Zuid",
        "Zwolle",
        "Buurthuis",
        "2027-03-17",
    )
    assert (row["status"], row["group_min"], row["group_max"]) == ("preparing", 8, 10)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": "", "municipality": "Zwolle"}, "name"),
        ({"name": "A", "municipality": " "}, "municipality"),
        ({"name": "A", "municipality": "Z", "start_date": "31-02-2027"}, "start_date"),
        ({"name": "A", "municipality": "Z", "start_date": "next week"}, "start_date"),
        ({"name": "A", "municipality": "Z", "group_min": 12, "group_max": 9}, "group_size"),
        ({"name": "A", "municipality": "Z", "status": "sleeping"}, "status"),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(store, values, field):
    """Each bad value gets a message for its own field, and no circle is added."""
    with pytest.raises(ValidationError) as info:
        add_circle(store, **values)
    assert field in info.value.fields and info.value.fields[field]
    assert store.db["circle"].count == 0


def test_duplicate_names_are_refused_ignoring_case(store):
    """Two circles cannot share a name, also not when only capitals differ."""
    add_circle(store, name="Kampen", municipality="Kampen")
    with pytest.raises(ValidationError, match="already a circle"):
        add_circle(store, name="kampen", municipality="Kampen")
    other = add_circle(store, name="Zwolle", municipality="Zwolle")
    with pytest.raises(ValidationError):
        update_circle(store, other.id, name="KAMPEN", municipality="Zwolle")


def test_edit_and_archive(store):
    """Editing changes the row; archiving hides the circle without deleting it."""
    circle = add_circle(store, name="Zwolle", municipality="Zwolle")
    update_circle(
        store,
        circle.id,
        name="Zwolle-Zuid",
        municipality="Zwolle",
        status="running",
        start_date="2026-09-01",
    )
    assert store.db["circle"].get(circle.id)["status"] == "running"
    set_archived(store, circle.id, True)
    assert list_circles(store, TODAY) == []
    assert [c.name for c in list_circles(store, TODAY, include_archived=True)] == ["Zwolle-Zuid"]


def test_find_circle_by_id_or_exact_name(store):
    """Commands accept an id or the exact name; anything else is a plain error."""
    circle = add_circle(store, name="Deventer", municipality="Deventer")
    assert find_circle(store, str(circle.id)).name == "Deventer"
    assert find_circle(store, "deventer").id == circle.id
    with pytest.raises(UserError, match="no circle called 'Dev'"):
        find_circle(store, "Dev")
    with pytest.raises(UserError):
        find_circle(store, "99")


def test_demo_has_three_towns_eight_facilitators_and_25_codes(store):
    """The demo: 3 circles in 3 towns, 2 certified pairs + a trainee pair + 2 substitutes."""
    load_demo(store, TODAY)
    circles = list_circles(store, TODAY)
    assert len({c.municipality for c in circles}) == 3
    assert all(len(c.facilitators) == 2 for c in circles)
    statuses = [r["status"] for r in store.db["facilitator"].rows]
    assert statuses.count("certified") == 6 and statuses.count("trainee") == 2
    codes = [r["code"] for r in store.db["participant"].rows]
    assert 20 <= len(codes) <= 30 and all(code.startswith("K") for code in codes)
    assert run_checks(store) == []
    with pytest.raises(UserError, match="empty database"):
        load_demo(store, TODAY)


def test_pair_history_is_kept(demo_store):
    """Replacing a pair from a date keeps who led before."""
    circle = find_circle(demo_store, "Zwolle-Zuid")
    before = demo_store.db["circle_lead"].count_where("circle_id = ?", [circle.id])
    set_pair(
        demo_store,
        circle.id,
        (fid(demo_store, "Anja de Vries"), fid(demo_store, "Fatma Yilmaz")),
        TODAY,
        TODAY,
    )
    rows = list(demo_store.db["circle_lead"].rows_where("circle_id = ?", [circle.id]))
    assert len(rows) == before + 2  # the demo's earlier pairs stay, the new one is added
    assert sorted(list_circles(demo_store, TODAY)[-1].facilitators) == [
        "Anja de Vries",
        "Fatma Yilmaz",
    ]
    assert run_checks(demo_store) == []


def test_attention_lists_missing_pair_and_small_group(store):
    """A new circle without facilitators or participants needs attention; pair first (or,
    with nobody to choose from, adding a facilitator)."""
    add_circle(store, name="Kampen", municipality="Kampen")
    kinds = [item.kind for item in attention_items(store, TODAY)]
    assert kinds == ["no_facilitators", "group_size"]
    add_person(store, "Anja", "certified")
    kinds = [item.kind for item in attention_items(store, TODAY)]
    assert kinds == ["pair", "group_size"]


def test_check_finds_a_broken_rule(demo_store):
    """check reports a running circle without a start date."""
    circle = find_circle(demo_store, "Zwolle-Zuid")
    demo_store.db["circle"].update(circle.id, {"start_date": None})
    assert any("no start date" in p for p in run_checks(demo_store))


def test_check_finds_an_absent_stand_in(demo_store):
    """check reports a stand-in who was later recorded as away on that day."""
    from budgetkring.staffing.absences import add_absence

    row = demo_store.db.execute(
        "SELECT s.date FROM substitution sub JOIN session s ON s.id = sub.session_id"
    ).fetchone()
    assert run_checks(demo_store) == []
    add_absence(
        demo_store,
        fid(demo_store, "Fatma Yilmaz"),
        date.fromisoformat(row[0]),
        date.fromisoformat(row[0]),
        "personal",
    )
    assert any("Fatma Yilmaz stands in" in p and "away" in p for p in run_checks(demo_store))
