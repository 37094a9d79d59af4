"""The school holiday region suggested from a circle's municipality, and the plan dialog that
shows it next to the region choice."""

from __future__ import annotations

import pytest

from budgetkring.organisation.circles import add_circle, find_circle
from budgetkring.planning.regions import MOST, PART, WHOLE, provinces_by_region, suggest_region
from budgetkring.planning.schedule import REGIONS


@pytest.mark.parametrize(
    ("town", "region", "province"),
    [
        ("Zwolle", "noord", "Overijssel"),  # the demo's towns
        ("Deventer", "noord", "Overijssel"),
        ("Kampen", "noord", "Overijssel"),
        ("Rotterdam", "midden", "Zuid-Holland"),
        ("Den Haag", "midden", "Zuid-Holland"),  # another name for 's-Gravenhage
        ("Den Bosch", "zuid", "Noord-Brabant"),
        ("Maastricht", "zuid", "Limburg"),
        ("Apeldoorn", "midden", "Gelderland"),  # Gelderland is split: most is midden…
        ("Nijmegen", "zuid", "Gelderland"),  # …the south is zuid…
        ("Hattem", "noord", "Gelderland"),  # …and Hattem is noord
        ("Zeewolde", "midden", "Flevoland"),  # unlike the rest of Flevoland
        ("  súdwest-FRYSLAN ", "noord", "Friesland"),  # case, accents and spaces do not count
        ("Limburg", "zuid", "Limburg"),  # a province typed instead of a town
    ],
)
def test_the_region_is_suggested_for_known_towns(town, region, province):
    """A known municipality (or a province of one region) gives its region and province."""
    found = suggest_region(town)
    assert found is not None and (found.region, found.province) == (region, province)


@pytest.mark.parametrize("town", ["Ons Dorp", "", "Gelderland"])
def test_an_unknown_town_or_a_split_province_gives_no_suggestion(town):
    """Unknown towns and Gelderland (split between midden and zuid) leave the choice to the user."""
    assert suggest_region(town) is None


def test_every_province_is_in_the_overview_once_as_its_main_region():
    """The overview names the twelve provinces, each once as a whole (or largest part), and
    Gelderland once more as a part of zuid."""
    overview = provinces_by_region()
    assert set(overview) == set(REGIONS)
    main = [p for items in overview.values() for p, share in items if share != PART]
    assert len(main) == len(set(main)) == 12
    assert ("Gelderland", MOST) in overview["midden"] and ("Gelderland", PART) in overview["zuid"]
    assert ("Overijssel", WHOLE) in overview["noord"]


def test_the_plan_dialog_suggests_the_region_of_the_circles_town(qtbot, ctx):
    """A circle in Nijmegen gets 'zuid' chosen and a line saying why; the dialog shows which
    provinces belong to which region."""
    from ui.dialogs.plan_dialog import PlanDialog

    add_circle(ctx.store, name="Nijmegen-Oost", municipality="Nijmegen", place="Wijkcentrum")
    dialog = PlanDialog(ctx, find_circle(ctx.store, "Nijmegen-Oost"))
    qtbot.addWidget(dialog)
    assert dialog.region.currentData() == "zuid"
    assert "Nijmegen" in dialog.region_hint.text() and "Gelderland" in dialog.region_hint.text()
    assert "Overijssel" in dialog.region_overview.text()
    assert dialog.request().region == "zuid"


def test_the_plan_dialog_asks_when_the_town_is_unknown(qtbot, ctx):
    """For a town the table does not know, the dialog asks the user to choose the region."""
    from ui.dialogs.plan_dialog import PlanDialog

    add_circle(ctx.store, name="Ons Dorp", municipality="Ons Dorp", place="Dorpshuis")
    dialog = PlanDialog(ctx, find_circle(ctx.store, "Ons Dorp"))
    qtbot.addWidget(dialog)
    assert "choose" in dialog.region_hint.text().lower()
    assert "Ons Dorp" in dialog.region_hint.text()


def test_a_planned_circle_keeps_its_region(qtbot, demo_ctx):
    """A circle planned with another region keeps it; the hint still names the usual one."""
    from ui.dialogs.plan_dialog import PlanDialog

    dialog = PlanDialog(demo_ctx, find_circle(demo_ctx.store, "Deventer Centrum"))
    qtbot.addWidget(dialog)
    assert dialog.region.currentData() == "midden"  # as the demo planned it
    assert "Overijssel" in dialog.region_hint.text() and "Noord" in dialog.region_hint.text()
