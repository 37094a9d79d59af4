"""Translations: a complete Dutch catalogue with the same placeholders, in sync with the code."""

import gettext
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from budgetkring import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "budgetkring.po"
MO = LOCALE / "nl" / "LC_MESSAGES" / "budgetkring.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _code_messages() -> set[str]:
    ids = set()
    for folder in ("budgetkring", "ui"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[a-z_]*\}", text))


def test_every_message_in_the_code_has_a_dutch_translation():
    """Each string marked in budgetkring/ and ui/ is translated in the Dutch catalogue."""
    with open(PO, "rb") as f:
        catalog = read_po(f)
    translated = {}
    for message in catalog:
        if message.id and not message.fuzzy:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                translated[key] = strings
    missing = sorted(_code_messages() - set(translated))
    assert not missing, f"missing Dutch translations (run `make translations`): {missing[:10]}"


def test_dutch_placeholders_match_the_english():
    """A translation keeps exactly the {placeholders} of its message id."""
    with open(PO, "rb") as f:
        catalog = read_po(f)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = _placeholders(ids[-1])
        for text in strings:
            if (
                text
                and _placeholders(text) != wanted
                and _placeholders(text) != _placeholders(ids[0])
            ):
                wrong.append(ids[0])
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo gives the same Dutch as the .po (run `make translations` after edits)."""
    with open(PO, "rb") as f:
        catalog = read_po(f)
    with open(MO, "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in catalog:
        if message.id and not isinstance(message.id, tuple) and message.string:
            assert compiled.gettext(message.id) == message.string, message.id


def test_dutch_is_the_default_and_english_follows_lang():
    """Without a setting, LANG decides; Dutch when LANG names no language we have."""
    assert i18n.language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.language_from_environment({"LANG": "de_DE.UTF-8"}) == "nl"
    assert i18n.language_from_environment({}) == "nl"
    i18n.set_language("nl")
    assert i18n._("Overview") == "Overzicht"
    assert (
        i18n.format_date(__import__("datetime").date(2026, 3, 3), "full") == "dinsdag 3 maart 2026"
    )
    i18n.set_language("en")
    assert i18n._("Overview") == "Overview"


def test_qt_dialog_buttons_are_translated(qtbot):
    """Qt's own buttons (Cancel) read Dutch when the app language is Dutch."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.app import install_qt_translations

    install_qt_translations(QApplication.instance(), "nl")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
    finally:
        install_qt_translations(QApplication.instance(), "en")


def test_catalogue_looked_up_when_asked_gives_what_gettext_gives(tmp_path):
    """The app's catalogue (looked up message by message, not read whole at start-up) gives
    for every message, singular and plural, what Python's gettext gives reading the whole file;
    an unknown message, a missing file and a broken file give the English text."""
    with open(MO, "rb") as f:
        whole = gettext.GNUTranslations(f)
    looked_up = i18n.Catalogue.load(MO)
    assert isinstance(looked_up, i18n.Catalogue)
    with open(PO, "rb") as f:
        catalog = read_po(f)
    plurals = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            plurals += 1
            for n in range(25):
                assert looked_up.ngettext(*message.id, n) == whole.ngettext(*message.id, n)
        else:
            assert looked_up.gettext(message.id) == whole.gettext(message.id), message.id
    assert plurals > 0
    assert looked_up.gettext("Not a message of Budgetkring") == "Not a message of Budgetkring"
    assert looked_up.ngettext("{n} apple", "{n} apples", 2) == "{n} apples"
    assert i18n.Catalogue.load(tmp_path / "missing.mo").gettext("Overview") == "Overview"
    broken = tmp_path / "broken.mo"
    for content in (b"", b"\x00" * 40, MO.read_bytes()[:30]):
        broken.write_bytes(content)
        assert i18n.Catalogue.load(broken).gettext("Overview") == "Overview"
