"""Which school holiday region (noord, midden, zuid) a circle's municipality is in.

A suggestion only: the table in data/holiday_regions.json knows the provinces, the larger towns
and the towns that differ from their province (Gelderland is split, for example). For a town it
does not know, the app asks the user to choose.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache

from budgetkring.paths import resource_path
from budgetkring.planning.schedule import REGIONS


@dataclass(frozen=True)
class RegionSuggestion:
    """The region a municipality (or province) is in, and the province that says so."""

    region: str  # noord, midden or zuid
    province: str
    place: str  # the municipality or province as the table spells it


@cache
def _table() -> dict:
    """The shipped table (read once)."""
    return json.loads(resource_path("data", "holiday_regions.json").read_text(encoding="utf-8"))


def _key(text: str) -> str:
    """How names are compared: case, accents, curly apostrophes and extra spaces do not count."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def suggest_region(municipality: str) -> RegionSuggestion | None:
    """The region of a municipality, or of a province typed instead; None when the table does
    not know it or the province is split between regions (then the user chooses)."""
    table = _table()
    wanted = _key(municipality)
    aliases = {_key(alias): name for alias, name in table["aliases"].items()}
    wanted = _key(aliases.get(wanted, municipality))
    for name, entry in table["municipalities"].items():
        if _key(name) == wanted:
            province = entry["province"]
            region = entry.get("region") or table["provinces"][province][0]
            return RegionSuggestion(region, province, name)
    for province, regions in table["provinces"].items():
        if _key(province) == wanted and len(regions) == 1:
            return RegionSuggestion(regions[0], province, province)
    return None


WHOLE, MOST, PART = "whole", "most", "part"  # how much of a province is in a region


def provinces_by_region() -> dict[str, list[tuple[str, str]]]:
    """For each region, its provinces in alphabetical order, each with how much of it is in
    that region: WHOLE, MOST (the largest part of a split province) or PART."""
    overview: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for province, regions in sorted(_table()["provinces"].items()):
        for n, region in enumerate(regions):
            share = WHOLE if len(regions) == 1 else MOST if n == 0 else PART
            overview[region].append((province, share))
    return overview
