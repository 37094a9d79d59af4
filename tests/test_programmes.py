"""Programmes: the shipped default, new versions, export/import round trip, refused files."""

import copy
import json

import pytest

from budgetkring.domains import DOMAINS
from budgetkring.errors import UserError
from budgetkring.planning.programmes import (
    AgendaBlock,
    export_programme,
    find_programme,
    get_version,
    import_programme,
    list_programmes,
    parse_programme,
    save_version,
)


def version_count(store) -> int:
    """How many programme versions the database holds."""
    return store.db.execute("SELECT count(*) FROM programme_version").fetchone()[0]


def test_default_programme_has_a_full_year(store):
    """A new database holds one programme: kick-off, 14-18 themes, halfway, closing; agendas fit."""
    [listed] = list_programmes(store)
    programme = get_version(store, listed.version_id)
    assert programme.version == 1
    keys = [s.key for s in programme.sessions]
    assert keys[0] == "kick-off" and keys[-1] == "afsluiting"
    assert keys.count("halverwege") == 1
    assert 0.3 < keys.index("halverwege") / len(keys) < 0.7  # halfway is near the middle
    general = [s for s in programme.sessions if s.domains == ["general"]]
    themed = [s for s in programme.sessions if "general" not in s.domains]
    assert len(general) == 3 and 14 <= len(themed) <= 18
    for session in programme.sessions:
        assert session.minutes == programme.meeting_minutes, session.title
        assert session.title and session.aims and session.domains
        assert set(session.domains) <= set(DOMAINS)
    covered = {d for s in themed for d in s.domains}
    assert covered == set(DOMAINS) - {"general"}  # every life domain has a meeting


def test_save_version_adds_a_version_and_keeps_the_old_one(store):
    """Saving an edit creates version 2; version 1 still has its old title and order."""
    first = find_programme(store)
    edited = copy.deepcopy(first)
    edited.sessions[1].title = "Geld erin, geld eruit"
    edited.sessions[2], edited.sessions[3] = edited.sessions[3], edited.sessions[2]
    saved = save_version(store, edited)
    assert saved.version == 2 and saved.id == first.id
    assert version_count(store) == 2
    assert find_programme(store).version_id == saved.version_id
    assert saved.sessions[1].title == "Geld erin, geld eruit"
    assert saved.sessions[2].key == first.sessions[3].key
    old = get_version(store, first.version_id)
    assert [s.to_dict() for s in old.sessions] == [s.to_dict() for s in first.sessions]


def test_save_version_with_a_new_name_is_a_new_programme(store):
    """A new name makes a second programme at version 1; the first is untouched."""
    programme = find_programme(store)
    programme.name = "Kort programma"
    programme.sessions = programme.sessions[:3]
    saved = save_version(store, programme)
    assert saved.version == 1
    assert [p.name for p in list_programmes(store)] == ["Gelukkig met Genoeg", "Kort programma"]
    assert len(find_programme(store, "gelukkig met genoeg").sessions) == 19


def test_save_version_refuses_an_agenda_that_does_not_fit(store):
    """An agenda that does not add up is refused by name and no version is added."""
    programme = find_programme(store)
    programme.sessions[4].agenda.append(AgendaBlock("Extra", 10))
    with pytest.raises(UserError, match="agenda takes 130 minutes, but a meeting lasts 120"):
        save_version(store, programme)
    assert version_count(store) == 1


def test_export_then_import_gives_the_same_meetings(store, tmp_path):
    """An exported file imports as version 2 with the same meetings, in the same order."""
    original = find_programme(store)
    path = export_programme(store, original.version_id, tmp_path / "programma.json")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "budgetkring-programme"
    imported = import_programme(store, path)
    assert (imported.id, imported.version) == (original.id, 2)
    assert imported.meeting_minutes == original.meeting_minutes
    assert [s.to_dict() for s in imported.sessions] == [s.to_dict() for s in original.sessions]


def _valid(store) -> dict:
    """The default programme as a file's content, under a new name."""
    data = find_programme(store).to_dict()
    data["name"] = "Geïmporteerd"
    return data


def _not_json(data):
    return "{ dit is geen json"


def _wrong_format(data):
    data["format"] = "something-else"
    return data


def _agenda_too_long(data):
    data["sessions"][2]["agenda"][0]["minutes"] += 5
    return data


def _unknown_domain(data):
    data["sessions"][3]["domains"] = ["money", "astrology"]
    return data


def _empty_title(data):
    data["sessions"][0]["title"] = "   "
    return data


@pytest.mark.parametrize(
    "spoil, message",
    [
        (_not_json, "not a Budgetkring programme file"),
        (_wrong_format, "not a Budgetkring programme file"),
        (_agenda_too_long, "Meeting 3 .*agenda takes 125 minutes, but a meeting lasts 120"),
        (_unknown_domain, "Meeting 4 .*unknown life domain 'astrology'"),
        (_empty_title, "Meeting 1 has no title"),
    ],
)
def test_invalid_file_is_refused_and_changes_nothing(store, tmp_path, spoil, message):
    """A broken programme file is refused with what is wrong; no version is added."""
    content = spoil(_valid(store))
    path = tmp_path / "programma.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    before = version_count(store)
    with pytest.raises(UserError, match=message):
        import_programme(store, path)
    assert version_count(store) == before == 1
    assert [p.name for p in list_programmes(store)] == ["Gelukkig met Genoeg"]


def test_missing_file_is_refused_and_changes_nothing(store, tmp_path):
    """Importing a file that is not there names the file and adds nothing."""
    with pytest.raises(UserError, match="programma.json does not exist"):
        import_programme(store, tmp_path / "programma.json")
    assert version_count(store) == 1


def test_every_problem_is_named_on_its_own_line(store):
    """A file with several problems gets one line per problem."""
    data = _empty_title(_unknown_domain(_valid(store)))
    data["meeting_minutes"] = 10
    with pytest.raises(UserError) as caught:
        parse_programme(data)
    lines = str(caught.value).splitlines()
    assert lines[0] == "The meeting length must be between 30 and 480 minutes."
    assert "Meeting 1 has no title." in lines
    assert any("unknown life domain 'astrology'" in line for line in lines)
