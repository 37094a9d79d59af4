"""Instruments: the shipped default, a 0-10 scale, refused files with each problem named, scores."""

import copy
import json

import pytest

from budgetkring.domains import DOMAINS
from budgetkring.errors import UserError
from budgetkring.participants.instruments import (
    FORMAT,
    check_scores,
    default_instrument,
    parse_instrument,
    read_instrument_file,
)
from budgetkring.text import TEXT_MAX

SEVEN = [code for code in DOMAINS if code != "general"]


def good() -> dict:
    """A small valid instrument file's content."""
    return {
        "format": FORMAT,
        "format_version": 1,
        "name": "Kort",
        "description": "Twee vragen.",
        "scale": {"min": 1, "max": 5, "labels": {"1": "helemaal niet", "5": "helemaal"}},
        "questions": [
            {"domain": "money", "statement": "Ik kan rondkomen."},
            {"domain": "housing", "statement": "Ik woon fijn."},
        ],
    }


def refused(data) -> str:
    """The message parse_instrument gives for data it refuses."""
    with pytest.raises(UserError) as caught:
        parse_instrument(data)
    return str(caught.value)


def test_default_instrument_covers_the_seven_domains_on_a_five_point_scale():
    """The shipped instrument parses: one statement per life domain (not 'general'), 1 to 5."""
    instrument = default_instrument()
    assert instrument.name
    assert sorted(instrument.domains()) == sorted(SEVEN)
    assert (instrument.scale.minimum, instrument.scale.maximum) == (1, 5)
    assert sorted(instrument.scale.labels) == [1, 2, 3, 4, 5]
    for question in instrument.questions:
        assert question.statement.startswith(("Ik ", "In mijn ")), question.statement
        assert len(question.statement) <= 80  # short, plain sentences


def test_a_zero_to_ten_scale_with_labels_only_at_the_ends_parses():
    """A 0-10 scale is allowed, and steps without a label show their number."""
    data = good()
    data["scale"] = {"min": 0, "max": 10, "labels": {"0": "slecht", "10": "heel goed"}}
    instrument = parse_instrument(data)
    assert instrument.scale.values == list(range(11))
    assert instrument.scale.label(0) == "slecht" and instrument.scale.label(4) == "4"


def test_to_dict_round_trips_through_parse_instrument():
    """An instrument written to the file format and read back is the same instrument."""
    instrument = default_instrument()
    text = json.dumps(instrument.to_dict(), ensure_ascii=False)
    assert parse_instrument(json.loads(text)) == instrument
    assert parse_instrument(instrument.to_dict()).to_dict() == instrument.to_dict()


def test_read_instrument_file_takes_a_bom_and_refuses_broken_files(tmp_path):
    """A file with Notepad's BOM reads; broken JSON, a missing or huge file get a plain error."""
    path = tmp_path / "meting.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good()).encode("utf-8"))
    assert read_instrument_file(path).name == "Kort"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="not a Budgetkring instrument file"):
        read_instrument_file(path)
    with pytest.raises(UserError, match="does not exist"):
        read_instrument_file(tmp_path / "gone.json")
    path.write_text(" " * 300_000 + json.dumps(good()), encoding="utf-8")
    with pytest.raises(UserError, match="too large"):
        read_instrument_file(path)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(format="budgetkring-programme"), "not a Budgetkring instrument file"),
        (lambda d: d.update(format_version=2), "format version"),
        (lambda d: d.update(name="  "), "has no name"),
        (lambda d: d.update(name="x" * 81), "name is too long"),
        (lambda d: d.update(description=5), "description must be text"),
        (lambda d: d.pop("scale"), "has no scale"),
        (lambda d: d["scale"].update(min="1"), "must be whole numbers"),
        (lambda d: d["scale"].update(max=True), "must be whole numbers"),
        (lambda d: d["scale"].update(min=5, max=5), "from a lower to a higher score"),
        (lambda d: d["scale"].update(min=0, max=11), "between 0 and 10"),
        (lambda d: d["scale"].update(min=-1), "between 0 and 10"),
        (lambda d: d["scale"]["labels"].update({"6": "te veel"}), "label for '6'"),
        (lambda d: d["scale"]["labels"].update({"een": "x"}), "label for 'een'"),
        (lambda d: d["scale"]["labels"].update({"3": ""}), "label for 3 is empty"),
        (lambda d: d["scale"].update(labels=["a"]), "labels must be"),
        (lambda d: d.update(questions=[]), "has no questions"),
        (lambda d: d["questions"].append("vraag"), "Question 3 is not a question"),
        (lambda d: d["questions"][0].update(statement=" "), "Question 1 has no statement"),
        (lambda d: d["questions"][0].update(statement="a\x1b[2Jb"), "Question 1 contains"),
        (lambda d: d["questions"][0].update(statement="x" * (TEXT_MAX + 1)), "too long"),
        (lambda d: d["questions"][0].pop("domain"), "has no life domain"),
        (lambda d: d["questions"][1].update(domain="geld"), "unknown life domain 'geld'"),
        (lambda d: d["questions"][1].update(domain="general"), "about the group"),
        (lambda d: d["questions"][1].update(domain="money"), "question 1 is already about"),
    ],
)
def test_each_kind_of_bad_file_is_refused_by_name(change, message):
    """A file with one mistake is refused with a message that names that mistake."""
    data = good()
    change(data)
    assert message in refused(data)


def test_a_question_is_named_by_its_number_and_statement():
    """The message says which question: its number and (the start of) its statement."""
    data = good()
    data["questions"][1]["domain"] = "moon"
    assert refused(data) == "Question 2 ('Ik woon fijn.'): unknown life domain 'moon'."
    data["questions"][1]["statement"] = (
        "Dit is een hele lange zin die niet helemaal past in de melding."
    )
    assert "Question 2 ('Dit is een hele lange zin die niet hele…')" in refused(data)


def test_every_problem_in_one_file_is_named_on_its_own_line():
    """Several mistakes give one UserError with a line per mistake, and nothing is kept."""
    data = good()
    data["name"] = ""
    data["scale"]["labels"]["9"] = "negen"
    data["questions"][0]["domain"] = "geld"
    data["questions"].append({"domain": "housing", "statement": "Nog een keer wonen."})
    lines = refused(data).split("\n")
    assert len(lines) == 4
    assert "no name" in lines[0]
    assert "label for '9'" in lines[1]
    assert "unknown life domain 'geld'" in lines[2]
    assert "Question 3" in lines[3] and "already about housing" in lines[3]


def test_parse_instrument_does_not_change_its_input():
    """Checking a file's content leaves that content as it was."""
    data = good()
    before = copy.deepcopy(data)
    parse_instrument(data)
    assert data == before


def test_check_scores_accepts_good_scores_in_question_order():
    """Scores on the scale pass; a domain left out is allowed; the order is the questions'."""
    instrument = default_instrument()
    scores = {"social_network": 5, "money": 1, "housing": 3}
    checked = check_scores(instrument, scores)
    assert checked == scores
    assert list(checked) == [d for d in instrument.domains() if d in scores]
    assert check_scores(instrument, {}) == {}


@pytest.mark.parametrize(
    "scores, message",
    [
        ({"general": 3}, "no question about 'the group"),
        ({"moon": 3}, "no question about 'moon'"),
        ({"money": 6}, "The score for money must be from 1 to 5."),
        ({"money": 0}, "The score for money must be from 1 to 5."),
        ({"money": 2.5}, "The score for money must be a whole number."),
        ({"money": "3"}, "The score for money must be a whole number."),
        ({"money": True}, "The score for money must be a whole number."),
        ({"money": None}, "The score for money must be a whole number."),
    ],
)
def test_check_scores_refuses_unknown_domains_and_bad_scores(scores, message):
    """A domain the instrument does not ask about, a non-integer or an off-scale score: refused."""
    with pytest.raises(UserError) as caught:
        check_scores(default_instrument(), scores)
    assert message in str(caught.value)


def test_check_scores_names_every_bad_score():
    """Two bad scores give two lines in one UserError."""
    with pytest.raises(UserError) as caught:
        check_scores(default_instrument(), {"money": 9, "housing": 3, "green": "veel"})
    assert len(str(caught.value).split("\n")) == 2


def test_check_scores_follows_the_instruments_scale():
    """On a 0-10 instrument, 0 and 10 are good scores and 11 is not."""
    data = good()
    data["scale"] = {"min": 0, "max": 10}
    instrument = parse_instrument(data)
    assert check_scores(instrument, {"money": 0, "housing": 10}) == {"money": 0, "housing": 10}
    with pytest.raises(UserError, match="from 0 to 10"):
        check_scores(instrument, {"money": 11})
