"""Translations (gettext catalogues in resources/locale) and locale-aware formatting (babel).

Message ids are English; Dutch is the default language. Code marks strings with ``_()`` where
they are shown and with ``N_()`` where they are defined at import time (then translated when shown).
Babel is imported only when a date or number is formatted, to keep start-up fast (and not
for the day and month names of ``budgetkring.quick_dates``).
"""

from __future__ import annotations

import gettext
import os
from datetime import date

from budgetkring.paths import resource_path
from budgetkring.quick_dates import quick_format

DOMAIN = "budgetkring"
DEFAULT_LANGUAGE = "nl"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


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
    localedir = resource_path("resources", "locale")
    _translations = gettext.translation(DOMAIN, localedir, languages=[lang], fallback=True)
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
