"""Checking short texts people type (names, towns, reasons) at the core's boundary.

Control characters (a newline, ESC, BEL, …) and the invisible marks that turn text around
(bidi overrides) are refused everywhere: they break calendar files and can fake lines in lists.
Every text has a length limit.
"""

from __future__ import annotations

import re

from budgetkring.errors import UserError
from budgetkring.i18n import _

NAME_MAX = 80  # names of circles, facilitators, towns
TEXT_MAX = 200  # places, reasons and other short texts
LONG_TEXT_MAX = 5000  # notes that may run over several lines
# C0 and C1 control characters, DEL, and the bidi marks, embeddings, overrides and isolates;
# also the Unicode line and paragraph separators and lone surrogates.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def has_forbidden(text: str, multiline: bool = False) -> bool:
    """True when the text holds a control character or an invisible direction mark (with
    ``multiline``, line breaks and tabs are allowed)."""
    if multiline:
        text = (text or "").replace("\n", "").replace("\r", "").replace("\t", "")
    return bool(_FORBIDDEN.search(text or ""))


def printable(text: str) -> str:
    """The text without control characters and direction marks (for data saved before they
    were refused, on its way into a file or a terminal)."""
    return _FORBIDDEN.sub("", text)


def clean_text(value: object, what: str, max_length: int = TEXT_MAX) -> str:
    """A short text, trimmed; a UserError in plain words when it cannot be kept.

    ``what`` names the field in the message ("The name", "The town").
    """
    text = str(value or "").strip()
    if has_forbidden(text):
        raise UserError(
            _("{what} contains a character that cannot be used (such as Enter or Tab).").format(
                what=what
            )
        )
    if len(text) > max_length:
        raise UserError(
            _("{what} is too long (at most {n} characters).").format(what=what, n=max_length)
        )
    return text


def two_lines(text: str, longest: int) -> str:
    """A label longer than ``longest`` on two lines, broken at the space nearest its middle
    (a label without a space stays one line)."""
    if len(text) <= longest or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return f"{text[:cut]}\n{text[cut + 1 :]}"
