"""Plain Dutch: the catalogue keeps to the words of docs/glossary.md (no "database", "backup",
"punten" …), the sentences that were hard to read are gone, and the app shows the plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from budgetkring.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
PO = ROOT / "resources" / "locale" / "nl" / "LC_MESSAGES" / "budgetkring.po"

# The jargon issue #9 named; the glossary must keep forbidding it.
NAMED_IN_THE_ISSUE = {"database", "backup", "Duo…", "(.ics)", "hand-out", "gecertificeerd"}
NAMED_IN_THE_ISSUE |= {"punten", "(*.json)", "demo"}
HARD_SENTENCES = [
    "viel niet in in de afgelopen 3 maanden",
    "Afwezigheid kost nooit punten",
    "Minder punten per keer invallen",
    "Thema houden:",
    "van hoogstens",
    "Geleid door het eigen duo bij",
]


def forbidden_words() -> set[str]:
    """The words in the last column ('not') of the glossary's tables."""
    words = set()
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or set(cells[0]) <= {"-", " "} or cells[3] in ("", "not"):
            continue
        words |= {w.strip().strip("`") for w in cells[3].split(",") if w.strip()}
    return words


def visible(text: str) -> str:
    """What a reader reads: without {placeholders}, command-line --options and the pattern a
    file filter needs at its end (the file dialog hides it)."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"--[\w-]+", " ", text)
    return re.sub(r"\s*\((\*\.\w+\s*)+\)\s*$", "", text)


def jargon_in(text: str, words: set[str]) -> list[str]:
    """The forbidden words that a text uses (whole words; case does not count)."""
    shown = visible(text)
    found = []
    for word in sorted(words):
        if re.fullmatch(r"[\w -]+", word):
            hit = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", shown, re.IGNORECASE)
        else:
            hit = re.search(re.escape(word), shown, re.IGNORECASE)
        if hit:
            found.append(word)
    return found


def dutch_strings() -> list[tuple[str, str]]:
    """(msgid, msgstr) for every translation in the Dutch catalogue, plural forms included."""
    with open(PO, "rb") as f:
        catalog = read_po(f)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(key, s) for s in strings if s]
    return pairs


def test_the_glossary_forbids_the_jargon_named_in_the_issue():
    """Every word the issue called jargon is in the glossary's 'not' column."""
    assert NAMED_IN_THE_ISSUE <= forbidden_words()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Backup maken…", ["backup"]),
        ("Duo…", ["Duo…"]),
        ("Naar agenda exporteren (.ics)…", ["(.ics)", "exporteren"]),
        ("Programmabestanden (*.json)", []),  # a filter's pattern: hidden by the file dialog
        ("Open de database", ["database"]),
        ("Duo kiezen…", []),
        ("geboortedata", []),  # a word that only contains a forbidden one
        ("budgetkring --db {path} restore {backup}", []),  # a command to type, a placeholder
    ],
)
def test_the_check_finds_jargon(text, found):
    """The check finds forbidden words as words, and skips what is not read as text."""
    assert jargon_in(text, forbidden_words()) == found


def test_the_dutch_catalogue_uses_the_glossarys_words():
    """No Dutch message uses a word the glossary forbids."""
    words = forbidden_words()
    wrong = [(msgid, text) for msgid, text in dutch_strings() if jargon_in(text, words)]
    assert wrong == []


def test_the_hard_sentences_are_gone():
    """The sentences the issue found hard to read are written anew."""
    wrong = [text for _msgid, text in dutch_strings() for hard in HARD_SENTENCES if hard in text]
    assert wrong == []


@pytest.fixture
def nl():
    """The app in Dutch for one test."""
    set_language("nl")
    yield
    set_language("en")


def test_the_app_shows_the_plain_words(qtbot, demo_ctx, nl):
    """In Dutch the circles page says 'Duo kiezen…' and the stand-in weights speak of what
    counts, not of points."""
    from PySide6.QtWidgets import QLabel

    from ui.dialogs.weights_dialog import WeightsDialog
    from ui.pages.circles import CirclesPage

    page = CirclesPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.pair_button.text() == "Duo kiezen…"
    dialog = WeightsDialog(demo_ctx)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Bovenaan staat wie het best past." in texts
    assert "punt" not in texts.lower()
