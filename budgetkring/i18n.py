"""Translations (gettext catalogues in resources/locale) and locale-aware formatting (babel).

Message ids are English; Dutch is the default language. Code marks strings with ``_()`` where
they are shown and with ``N_()`` where they are defined at import time (then translated when shown).
Babel is imported only when a date or number is formatted, to keep start-up fast (and not
for the day and month names of ``budgetkring.quick_dates``).
"""

from __future__ import annotations

import gettext
import os
import struct
from datetime import date
from pathlib import Path

from budgetkring.paths import resource_path
from budgetkring.quick_dates import quick_format

DOMAIN = "budgetkring"
DEFAULT_LANGUAGE = "nl"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


class Catalogue(gettext.NullTranslations):
    """A compiled catalogue (``.mo``) whose messages are looked up in the file's sorted table
    when asked for, as GNU gettext does, instead of all being read first: Python's
    ``GNUTranslations`` reads all 1,400 messages at each start (10–15 ms of it). Messages not
    in the catalogue, and a catalogue that cannot be read, fall back to the English text.

    The table is sorted by message id and the texts are UTF-8, as ``pybabel compile`` writes
    them (``make translations``); messages with a context (``msgctxt``) are not used here.
    """

    MAGIC = 0x950412DE

    def __init__(self, data: bytes):
        super().__init__()
        self._data = data
        self._count = self._originals = self._translations = 0
        self._order = "<"
        self._plural = lambda n: int(n != 1)
        if len(data) < 20:
            return
        for order in ("<", ">"):
            if struct.unpack_from(order + "I", data)[0] == self.MAGIC:
                self._order = order
                break
        else:
            return
        _revision, count, originals, translations = struct.unpack_from(self._order + "4I", data, 4)
        if max(originals, translations) + 8 * count > len(data):
            return
        self._count, self._originals, self._translations = count, originals, translations
        header = self._find(b"")
        for line in (header or b"").decode("utf-8", "replace").splitlines():
            name, _sep, value = line.partition(":")
            if name.strip().lower() == "plural-forms" and "plural=" in value:
                self._plural = gettext.c2py(value.split("plural=", 1)[1].strip().rstrip(";"))

    @classmethod
    def load(cls, path: Path) -> gettext.NullTranslations:
        """The catalogue in ``path``; none (English) when it is missing or unreadable."""
        try:
            return cls(path.read_bytes())
        except (OSError, ValueError):
            return gettext.NullTranslations()

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = struct.unpack_from(self._order + "2I", self._data, table + 8 * index)
        return self._data[offset : offset + length]  # short where the file is cut off

    def _find(self, key: bytes) -> bytes | None:
        """The translation of ``key`` (bisected in the sorted originals), or None."""
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._entry(self._originals, middle) < key:
                low = middle + 1
            else:
                high = middle
        if low < self._count and self._entry(self._originals, low) == key:
            return self._entry(self._translations, low)
        return None

    def gettext(self, message: str) -> str:
        """The translation of ``message``, or ``message`` itself."""
        found = self._find(message.encode("utf-8")) if message else None
        return found.decode("utf-8", "replace") if found else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The form of a message with singular and plural for ``n``."""
        found = self._find(msgid1.encode("utf-8") + b"\0" + msgid2.encode("utf-8"))
        if found:
            forms = found.decode("utf-8", "replace").split("\0")
            index = self._plural(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return msgid1 if n == 1 else msgid2


def language_from_environment(environ: dict | None = None) -> str:
    """The language the system asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); Dutch otherwise."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in _LOCALES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Switch the language for everything translated from now on; returns the one chosen.

    ``None`` or ``""`` follows the environment. Unknown languages fall back to Dutch.
    """
    global _translations, _language
    lang = language or language_from_environment()
    if lang not in _LOCALES:
        lang = DEFAULT_LANGUAGE
    _language = lang
    _translations = Catalogue.load(
        resource_path("resources", "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    )
    return lang


def current_language() -> str:
    """The two-letter code of the language in use ("nl" or "en")."""
    return _language


def current_locale() -> str:
    """The babel locale name for the language in use (e.g. "nl_NL")."""
    return _LOCALES[_language]


def _(message: str) -> str:
    """Translate a message id into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with singular and plural forms."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it now (translate with ``_`` later)."""
    return message


def format_date(value: date | None, form: str = "long") -> str:
    """A date as the user reads it, e.g. "dinsdag 3 maart 2026" (form "full") or "3 mrt 2026"."""
    if value is None:
        return ""
    # The first screen's dates without loading babel (budgetkring/quick_dates.py: the same text).
    quick = quick_format(value, form, current_locale())
    if quick is not None:
        return quick
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=form, locale=current_locale())


set_language(DEFAULT_LANGUAGE)
