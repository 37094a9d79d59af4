"""Identifying details in free text: a corpus of real-life sentences, both ways, and describe()."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from hypothesis import given
from hypothesis import strategies as st

from budgetkring import i18n
from budgetkring.participants import identifiers
from budgetkring.participants.identifiers import KINDS, Finding, describe, find_identifiers

VALID_IBAN = "NL91 ABNA 0417 1643 00"
VALID_BSN = "123456782"

# Sentences a volunteer may well type into a goal or a note; none of them names a person.
CLEAN = [
    "De bijeenkomst is op 3 maart 2027 om 19:30 in het buurthuis.",
    "Deelnemer K2-07 wil € 1.250,00 aflossen voor de zomer.",
    "Het doel is 1250 euro sparen voor een nieuwe wasmachine.",
    "Boodschappen kosten nu €45 per week, dat moet €40 worden.",
    "Volgende bijeenkomst: 12-01-2027, daarna 26-01-2027.",
    "We waren met 12 deelnemers en 3 vrijwilligers.",
    "De vaste lasten zijn met 15% gestegen sinds 2024.",
    "Huur gaat omhoog van 812,50 naar 845,75 per maand.",
    "Ze woont op nummer 12 in een rustige straat.",
    "De Kalverstraat en de Dorpsstraat zijn afgesloten wegens werkzaamheden.",
    "Toets 0612 in bij de deur van het buurthuis.",
    "06-1234567 is een cijfer te kort om te bellen.",
    "Rekening NL91 ABNA 0417 1643 01 bleek niet te kloppen.",  # IBAN failing mod-97
    "Klantnummer 123456789 bij de energieleverancier.",  # 9 digits failing the 11-test
    "Referentie 111.222.334 voor de betalingsregeling.",  # dotted, failing the 11-test
    "Zij is geboren en getogen in Zwolle; de bijeenkomst is op 3 maart 2027.",
    "In 2027 op 12 locaties een budgetkring starten.",
    "Postcodegebied 1234 AB is ons werkgebied.",  # a bare postcode names a street, not a home
    "Schuld van € 12.345,67 bij 4 schuldeisers, inkomen 1.850 netto.",
    "Tijd: 19:30 - 21:30, pauze om 20:15. Seizoen 2024 - 2025.",
    "Geboortejaar onbekend; deelnemer was er op 12-01-2027 bij.",
    "Dossiernummer 2024123456 bij de gemeente.",
    "Bel de hulplijn op 0800-1234 als het misgaat.",
    "Aflossing 1/3 van de schuld, volgende termijn 3/3/2027.",
    "Energietoeslag 2023: 1300 euro ontvangen, 20% naar de spaarpot.",
    "Meeting on 3 March 2027 at 7:30 pm, bring your bank statements.",
    "She saved 250 euros in 6 weeks, next check-in on 2027-03-03.",
    "Date of birth unknown; the meeting is on 3 March 2027.",
    "Doel: in 12 maanden 3 schulden afbetalen en 1 spaarpot van 500.",
    "Het jaar 1975 was voor haar een goed jaar, 1234 km gefietst.",
    "Stuur vragen naar @kringleider in de groepsapp.",
]

# Sentences that identify someone, with the kinds expected in the order they appear.
CAUGHT = [
    ("Mail me op jan.jansen@example.nl als het niet lukt.", ["email"]),
    ("Haar mailadres is m.devries+kring@gmail.com.", ["email"]),
    ("Bel 06-12345678 voor een afspraak.", ["phone"]),
    ("Mobiel: 06 1234 5678", ["phone"]),
    ("Nummer 0612345678 staat in de notitie.", ["phone"]),
    ("Kantoor 020-1234567, vraag naar de balie.", ["phone"]),
    ("Vaste lijn 010 123 45 67", ["phone"]),
    ("Bel 0570-123456 in Deventer.", ["phone"]),
    ("Bereikbaar op +31 6 12345678 na 18:00.", ["phone"]),
    ("Tel. +31 (0)20 1234567", ["phone"]),
    ("0031 6 1234 5678 is haar nummer.", ["phone"]),
    ("Ze belt vanaf 06 - 12 34 56 78.", ["phone"]),
    ("Rekening NL91 ABNA 0417 1643 00 voor de huur.", ["iban"]),
    ("IBAN NL91ABNA0417164300", ["iban"]),
    ("Belgische rekening BE68 5390 0754 7034 van de broer.", ["iban"]),
    ("German account DE89 3704 0044 0532 0130 00.", ["iban"]),
    ("BSN 123.456.782 staat op de brief van de gemeente.", ["bsn"]),
    ("Burgerservicenummer 111222333 ingevuld op het formulier.", ["bsn"]),
    ("Postcode 1234 AB 12, voor de post.", ["postcode"]),
    ("Adres: 1234AB, 12", ["postcode"]),
    ("Ze woont op 1234 ab 5a sinds vorig jaar.", ["postcode"]),
    ("Dorpsstraat 12, 1234 AB Amsterdam", ["postcode"]),
    ("Ze is geboren op 3 maart 1975 in Zwolle.", ["birth_date"]),
    ("Geb. 03-03-1975", ["birth_date"]),
    ("geboortedatum: 3-3-1975", ["birth_date"]),
    ("geb 3/3/75", ["birth_date"]),
    ("Born on 3 March 1975.", ["birth_date"]),
    ("Date of birth 1975-03-03", ["birth_date"]),
    ("Hij is geboren te Utrecht op 12 januari 1968.", ["birth_date"]),
    ("Ze is op 3 maart 1975 geboren.", ["birth_date"]),
    ("Bel 06-12345678 of mail piet@example.org", ["phone", "email"]),
    ("Jan, geb. 3-3-1975, rekening NL91 ABNA 0417 1643 00", ["birth_date", "iban"]),
    ("Bijeenkomst 3 maart 2027; zij is geboren op 4 april 1980.", ["birth_date"]),
]


@pytest.mark.parametrize("text", CLEAN)
def test_an_ordinary_sentence_is_left_alone(text):
    """Money, meeting dates, times, counts and near-miss numbers are not reported."""
    assert find_identifiers(text) == []


@pytest.mark.parametrize(("text", "kinds"), CAUGHT)
def test_an_identifying_sentence_is_caught(text, kinds):
    """Every identifying detail is found, as the expected kind."""
    assert [f.kind for f in find_identifiers(text)] == kinds


def test_the_corpus_is_large_enough_both_ways():
    """At least 20 sentences must pass and at least 20 must be caught."""
    assert len(CLEAN) >= 20
    assert len(CAUGHT) >= 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bereikbaar op +31 6 12345678 na 18:00.", "+31 6 12345678"),
        ("Rekening NL91 ABNA 0417 1643 00 voor de huur.", VALID_IBAN),
        ("Belgische rekening BE68 5390 0754 7034 van de broer.", "BE68 5390 0754 7034"),
        ("Mail m.devries+kring@gmail.com.", "m.devries+kring@gmail.com"),
        ("BSN 123.456.782 staat op de brief.", "123.456.782"),
        ("Postcode 1234 AB 12, voor de post.", "1234 AB 12"),
        ("Ze is geboren op 3 maart 1975 in Zwolle.", "3 maart 1975"),
        ("DOB: March 3, 1975", "March 3, 1975"),
    ],
)
def test_offsets_point_at_the_matched_text(text, expected):
    """start and end cut exactly the reported text out of the input."""
    (finding,) = find_identifiers(text)
    assert finding.text == expected
    assert text[finding.start : finding.end] == expected
    assert finding.start == text.index(expected)


def test_findings_in_a_long_note_are_sorted_and_do_not_overlap():
    """All sentences in one note: each detail once, in order, none overlapping another."""
    text = " ".join([*CLEAN, *(sentence for sentence, _kinds in CAUGHT)])
    findings = find_identifiers(text)
    assert [f.kind for f in findings] == [kind for _s, kinds in CAUGHT for kind in kinds]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for before, after in zip(findings, findings[1:], strict=False):
        assert before.end <= after.start
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_an_iban_inside_a_phone_like_run_is_reported_once_as_an_iban():
    """The ten digits of a Dutch IBAN are not also reported as a phone number."""
    assert find_identifiers(f"IBAN: {VALID_IBAN}") == [
        Finding("iban", 6, 6 + len(VALID_IBAN), VALID_IBAN)
    ]


def test_only_the_right_iban_check_digits_are_reported():
    """Of all 100 check-digit pairs for one account, only the one passing mod-97 is an IBAN."""
    reported = []
    for check in range(100):
        text = f"Rekening NL{check:02d} ABNA 0417 1643 00 voor de huur."
        if find_identifiers(text):
            reported.append(check)
    assert reported == [91]


def test_only_the_bsn_passing_the_eleven_test_is_reported():
    """Changing the last digit of a valid BSN makes it an ordinary number."""
    reported = [d for d in range(10) if find_identifiers(f"BSN {VALID_BSN[:-1]}{d} bekend")]
    assert reported == [int(VALID_BSN[-1])]


def test_all_zeros_is_not_a_bsn():
    """000000000 passes the sum but is not a citizen service number."""
    assert find_identifiers("Nummer 000000000 ingevuld") == []


def test_a_bsn_written_as_an_amount_is_money():
    """Nine digits next to a euro sign or the word euro are an amount."""
    assert find_identifiers("Een huis van € 123.456.782? Of 123456782 euro?") == []


def test_a_mistyped_iban_hides_no_phone_number():
    """The digits of an IBAN with a wrong check digit are not reported as something else."""
    assert find_identifiers("Rekening NL92 ABNA 0417 1643 00") == []


def test_two_ibans_in_a_row_are_both_found():
    """An IBAN straight after another is not swallowed by the first."""
    text = f"BE68 5390 0754 7034 {VALID_IBAN}"
    assert [f.text for f in find_identifiers(text)] == ["BE68 5390 0754 7034", VALID_IBAN]


def test_empty_text_has_no_findings():
    """An empty note gives an empty list."""
    assert find_identifiers("") == []


FRAGMENTS = [
    "06-12345678",
    VALID_IBAN,
    VALID_BSN,
    "1234 AB 12",
    "geb. 3-3-1975",
    "a@b.nl",
    "€ 1.250,00",
    "19:30",
    "+31",
    " ",
    "-",
    ".",
    ",",
    "0",
    "1",
    "9",
    "AB",
    "NL",
    "geboren",
    "(0)",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join))
def test_findings_are_always_sorted_non_overlapping_and_true_to_the_text(text):
    """Whatever is glued together, findings are sorted, disjoint and match their offsets."""
    findings = find_identifiers(text)
    for finding in findings:
        assert finding.kind in KINDS
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    for before, after in zip(findings, findings[1:], strict=False):
        assert before.end <= after.start


KIND_NAMES = {
    "email": "e-mail address",
    "phone": "phone number",
    "iban": "bank account number (IBAN)",
    "bsn": "citizen service number (BSN)",
    "postcode": "postcode with house number",
    "birth_date": "date of birth",
}


def _one(kind: str) -> Finding:
    return Finding(kind, 0, 1, "x")


@pytest.mark.parametrize("kind", sorted(KIND_NAMES))
def test_describe_names_a_single_kind_in_words(kind):
    """One detail: its name in words, and the user is asked to remove "it"."""
    sentence = describe([_one(kind)])
    assert KIND_NAMES[kind] in sentence
    assert "Remove it before saving" in sentence


def test_describe_mentions_every_kind_found():
    """A note with every kind: all six are named, in one sentence asking to remove them."""
    text = (
        "Mail a@b.nl, bel 06-12345678, IBAN NL91ABNA0417164300, BSN 123456782, "
        "adres 1234 AB 12, geb. 3-3-1975."
    )
    findings = find_identifiers(text)
    assert {f.kind for f in findings} == set(KIND_NAMES)
    sentence = describe(findings)
    for name in KIND_NAMES.values():
        assert name in sentence
    assert "Remove them before saving" in sentence
    assert "and a date of birth." in sentence


def test_describe_reads_as_the_example():
    """An e-mail address and a phone number give the sentence the product asks for."""
    assert describe(find_identifiers("Mail a@b.nl of bel 06-12345678")) == (
        "This text contains an e-mail address and a phone number. Remove them before saving: "
        "the text must not show who someone is."
    )


def test_describe_uses_the_plural_for_several_of_a_kind():
    """Two phone numbers are "phone numbers", not "a phone number"."""
    sentence = describe(find_identifiers("Bel 06-12345678 of 020-1234567"))
    assert "contains phone numbers." in sentence


def test_describe_says_nothing_when_nothing_was_found():
    """No findings give an empty string, not a warning."""
    assert describe([]) == ""


def test_describe_refuses_an_unknown_kind():
    """A kind it cannot name is a programming error, not a silent gap in the warning."""
    with pytest.raises(ValueError):
        describe([_one("shoe_size")])


def _shout(message: str) -> str:
    return re.sub(r"\{[A-Z_]+\}", lambda m: m.group().lower(), message.upper())


class _Shouting(gettext.NullTranslations):
    """A catalogue that translates into capitals (keeping the {placeholders})."""

    def gettext(self, message):
        return _shout(message)

    def ngettext(self, singular, plural, n):
        return _shout(singular if n == 1 else plural)


def test_describe_goes_through_the_translations(monkeypatch):
    """Every word of the sentence comes from the active catalogue (here a shouting one)."""
    monkeypatch.setattr(i18n, "_translations", _Shouting())
    sentence = describe([_one("email"), _one("phone"), _one("iban")])
    assert sentence == (
        "THIS TEXT CONTAINS AN E-MAIL ADDRESS, A PHONE NUMBER AND A BANK ACCOUNT NUMBER (IBAN). "
        "REMOVE THEM BEFORE SAVING: THE TEXT MUST NOT SHOW WHO SOMEONE IS."
    )


def test_describe_strings_are_extracted_for_the_catalogue():
    """The translation tools find every name and the sentence (so Dutch can be added)."""
    messages = set()
    for _line, message, _comments, _context in extract_from_file(
        "python",
        Path(identifiers.__file__),
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    ):
        messages.update(message if isinstance(message, tuple) else (message,))
    for name in KIND_NAMES.values():
        assert any(name in message for message in messages), name
    assert any(message.startswith("This text contains {what}.") for message in messages)
