"""Spotting details that identify a person in free text (goals, notes) before it is saved.

Participants are pseudonymous, so a note must never carry an e-mail address, a phone number, a
bank account number (IBAN), a citizen service number (BSN), a postcode with house number or a
date of birth. :func:`find_identifiers` finds them with character offsets (for highlighting);
:func:`describe` says in one plain sentence what was found.

The checks lean towards *not* crying wolf: money, meeting dates, times, counts and years are
everyday content of a budget circle, so numbers are only reported when their shape and, where
one exists, their check digit say they are an identifier (mod-97 for an IBAN, the 11-test for
a BSN), and a date only when the text says it is a birth date.

Limits, chosen on purpose: names and street names alone are not detected (no word lists of
people); a bare postcode without a house number is not reported (it names thousands of
people); 0800/0900 service numbers are not personal and are not reported; a BSN or a phone
number written in an unusual grouping may slip through. Offsets are Python string indices
(code points): a Qt caller highlighting text with characters outside the Basic Multilingual
Plane (emoji) must convert them to UTF-16 positions.

Pure functions: standard library only, no database, no Qt.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from budgetkring.i18n import _, ngettext

EMAIL = "email"
PHONE = "phone"
IBAN = "iban"
BSN = "bsn"
POSTCODE = "postcode"
BIRTH_DATE = "birth_date"
# The order kinds are named in by describe(), and the order of precedence when two candidates
# overlap: an e-mail address may hold digits that look like a phone number, an IBAN holds ten
# digits that look like one, and a phone number may hold nine digits that look like a BSN.
KINDS = (EMAIL, IBAN, BIRTH_DATE, PHONE, POSTCODE, BSN)
_NAMING_ORDER = (EMAIL, PHONE, IBAN, BSN, POSTCODE, BIRTH_DATE)


@dataclass(frozen=True)
class Finding:
    """One identifying detail: its kind, where it is in the text (``text[start:end]``) and the
    matched text."""

    kind: str  # "email", "phone", "iban", "bsn", "postcode", "birth_date"
    start: int
    end: int
    text: str


# --- e-mail ------------------------------------------------------------------------------------

# Deliberately simple: a local part, "@", and a domain with a dotted top-level part of letters.
# An "@" without a dot after it ("@kringleider") is a mention, not an address.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)

# --- phone numbers -----------------------------------------------------------------------------

# Between digit groups people type a space, a dash (also with spaces round it) or a
# non-breaking space pasted from a web page.
_SEP = r"(?:[ \u00a0]?[-\u2010-\u2013][ \u00a0]?|[ \u00a0])"
# A Dutch number has ten digits with the leading 0; with +31 or 0031 the 0 is dropped or written
# as "(0)" (and sometimes kept by mistake). 0800/0900 numbers are shorter or longer and are
# businesses, so the fixed count of digits leaves them out along with "0612" and other stubs.
_PHONE = re.compile(
    rf"""
    (?<![\w+])(?<![0-9][.,/])
    (?:
        (?:\+|00)31{_SEP}?(?:\(0\){_SEP}?|0{_SEP}?)?[1-9](?:{_SEP}?[0-9]){{8}}
      | \(0[1-9][0-9]{{1,2}}\){_SEP}?[0-9](?:{_SEP}?[0-9]){{5,6}}
      | 0[1-9](?:{_SEP}?[0-9]){{8}}
    )
    (?!\w)(?![.,/-][0-9])
    """,
    re.VERBOSE,
)

# --- IBAN --------------------------------------------------------------------------------------

# Total IBAN length per country (SWIFT IBAN registry). Knowing the length keeps words such as
# "de12 deze week" from being read as an account number and lets a match stop at the right place.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip
# Country code, check digits, then groups of four (spaced or not) and a short tail. The match
# may run into the next word; _iban_candidates() cuts it to the country's length.
_IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0]?[A-Za-z0-9]{4}){2,8}(?:[ \u00a0]?[A-Za-z0-9]{1,3})?"
)

# --- BSN ---------------------------------------------------------------------------------------

# Nine digits, plain or grouped the ways a BSN is printed (123.456.782, 123 456 782,
# 1234.56.782). Not next to other digits, letters or a decimal comma, so parts of longer
# numbers and amounts are not read as one.
_BSN = re.compile(
    r"(?<![\w.,\-/])"
    r"(?:[0-9]{9}|[0-9]{3}([. \u00a0])[0-9]{3}\1[0-9]{3}|[0-9]{4}([. \u00a0])[0-9]{2}\2[0-9]{3})"
    r"(?!\w)(?![.,\-/][0-9])(?!,-)"
)
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# A number written next to a currency is an amount, whatever its digits.
_MONEY_BEFORE = re.compile(r"(?:€|\beur|\beuro)[ \u00a0]*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^[ \u00a0]*(?:€|eur\b|euro|euros\b)", re.IGNORECASE)

# --- postcode with house number ----------------------------------------------------------------

_POSTCODE = r"[1-9][0-9]{3}[ \u00a0]?(?P<letters>[A-Za-z]{2})"
_HOUSE_NUMBER = r"[0-9]{1,5}[A-Za-z]?"
# Postcode first ("1234 AB 12", "1234AB, 12", "1234 ab 5a") or, in a written address, house
# number first ("Dorpsstraat 12, 1234 AB Amsterdam"). Only a few characters may sit between.
_POSTCODE_THEN_NUMBER = re.compile(
    rf"(?<![\w]){_POSTCODE}(?![\w])[ \u00a0]{{0,2}},?[ \u00a0]{{0,2}}"
    rf"(?:(?:nr|no|huisnummer)\.?[ \u00a0]?)?{_HOUSE_NUMBER}(?![\w])(?![.,:/-][0-9])"
)
_NUMBER_THEN_POSTCODE = re.compile(
    rf"(?<![\w.,\-/]){_HOUSE_NUMBER}[ \u00a0]?,[ \u00a0]{{0,2}}{_POSTCODE}(?![\w])"
)
# Postcodes never use these letter pairs (PostNL), and a lower-case pair that is a common word
# ("in 2027 op 12 plekken", "1250 en 30") is a sentence, not a postcode.
_NO_POSTCODE_LETTERS = {"SA", "SD", "SS"}
_COMMON_WORDS = {
    "aa", "al", "am", "an", "as", "at", "be", "by", "ca", "cl", "cm", "ct", "de", "dl", "do",
    "en", "er", "eu", "gb", "go", "gr", "he", "hl", "ie", "if", "ik", "in", "is", "it", "je",
    "kb", "kg", "km", "la", "ma", "mb", "me", "mg", "ml", "mm", "my", "na", "no", "nr", "nu",
    "of", "om", "on", "op", "or", "pm", "pp", "so", "st", "te", "to", "tb", "up", "us", "uw",
    "vr", "wo", "we", "za", "ze", "zo",
}  # fmt: skip

# --- date of birth -----------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    r"(?P<date>"
    r"(?P<d1>[0-9]{1,2})(?P<s1>[-/.])(?P<m1>[0-9]{1,2})(?P=s1)(?P<y1>[0-9]{4}|[0-9]{2})"
    r"|(?P<y2>[0-9]{4})-(?P<m2>[0-9]{1,2})-(?P<d2>[0-9]{1,2})"
    rf"|(?P<d3>[0-9]{{1,2}})(?:ste|st|nd|rd|th|de|e)?\s+(?:of\s+)?(?P<mon3>{_MONTH})\b\.?,?"
    r"\s+(?P<y3>[0-9]{4}|'[0-9]{2})"
    rf"|(?P<mon4>{_MONTH})\b\.?\s+(?P<d4>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>[0-9]{{4}})"
    r")(?![0-9])"
)
# A date only counts as a birth date right after words that say so. Between the words and the
# date may stand a colon or dash, a place of birth ("geboren te Utrecht op ...") and "op"/"on",
# nothing more: "geboren en getogen in Zwolle; bijeenkomst 3 maart 2027" is a meeting date.
_BIRTH_DATE = re.compile(
    r"\b(?:geboortedatum|geboorte[ -]datum|geb\.?[ ]?datum|geboren|born|date\s+of\s+birth"
    r"|birth\s*date|geb\b\.?|d\.o\.b\.?|dob\b)"
    r"[\s:,.\-\u2013(]*"
    r"(?:(?:te|in|at)\s+[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?[\s,]*)?"
    r"(?:(?:op|on|the|den|d\.d\.)\s+)?" + _DATE,
    re.IGNORECASE,
)
# ... or right before them: "ze is op 3 maart 1975 geboren".
_DATE_THEN_BORN = re.compile(r"(?<!\w)" + _DATE + r"[\s,]{1,3}(?:geboren|born)\b", re.IGNORECASE)


def find_identifiers(text: str) -> list[Finding]:
    """Every detail in ``text`` that could identify a person, sorted by position and never
    overlapping (where two candidates overlap, the more specific kind wins)."""
    if not text:
        return []
    masked: list[tuple[int, int]] = []  # spans that look like a mistyped IBAN: report nothing
    candidates: list[Finding] = []
    candidates.extend(_emails(text))
    for finding, valid in _iban_candidates(text):
        if valid:
            candidates.append(finding)
        else:
            masked.append((finding.start, finding.end))
    candidates.extend(_birth_dates(text))
    candidates.extend(_phones(text))
    candidates.extend(_postcodes(text))
    candidates.extend(_bsns(text))

    # Most specific kind first, then the longest; a candidate overlapping one already taken (or
    # a masked span) is dropped. The taken spans never overlap, so their starts and ends are
    # both sorted and one bisection finds the only neighbour that could overlap.
    rank = {kind: i for i, kind in enumerate(KINDS)}
    chosen: list[Finding] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(masked):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    for finding in sorted(candidates, key=lambda f: (rank[f.kind], f.start - f.end, f.start)):
        i = bisect.bisect_left(starts, finding.end)
        if i > 0 and ends[i - 1] > finding.start:
            continue
        starts.insert(i, finding.start)
        ends.insert(i, finding.end)
        chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def _finding(kind: str, text: str, start: int, end: int) -> Finding:
    return Finding(kind, start, end, text[start:end])


def _emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        yield _finding(EMAIL, text, match.start(), match.end())


def _phones(text: str) -> Iterator[Finding]:
    for match in _PHONE.finditer(text):
        # The "(020) 1234567" form allows a variable count in its pattern (area codes have two
        # or three digits after the 0): only a ten-digit total is a phone number.
        if match.group().startswith("(") and len(re.sub(r"[^0-9]", "", match.group())) != 10:
            continue
        yield _finding(PHONE, text, match.start(), match.end())


def _iban_candidates(text: str) -> Iterator[tuple[Finding, bool]]:
    """IBAN-shaped text of a known country and length, with whether its mod-97 check passes."""
    # Searched by hand rather than with finditer(): a match may run on into a following IBAN,
    # so the next search starts where the account number ends, not where the match ended.
    position = 0
    while match := _IBAN.search(text, position):
        position = match.start() + 1
        country = match.group()[:2].upper()
        length = _IBAN_LENGTHS.get(country)
        if length is None:
            continue
        # Walk the match to the character that completes the country's length; the IBAN must
        # end there, not in the middle of a longer word or number.
        count = 0
        end = match.start()
        for end in range(match.start(), match.end()):
            if text[end].isalnum():
                count += 1
                if count == length:
                    break
        if count != length:
            continue
        end += 1
        if end < len(text) and text[end].isalnum():
            continue
        compact = re.sub(r"[^0-9A-Za-z]", "", text[match.start() : end]).upper()
        # Real BBANs are mostly digits; a run of words with two digits after two letters is not.
        if sum(ch.isdigit() for ch in compact) < len(compact) // 2:
            continue
        position = end
        yield _finding(IBAN, text, match.start(), end), _iban_checks(compact)


def _iban_checks(compact: str) -> bool:
    """The ISO 13616 check: country and check digits moved to the end, letters as 10..35,
    the whole number modulo 97 is 1."""
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _bsns(text: str) -> Iterator[Finding]:
    for match in _BSN.finditer(text):
        # Groups split by spaces may be the middle of a longer run ("0031 123 456 789 0").
        separator = match.group(1) or match.group(2)
        if separator and separator.isspace():
            start, end = match.start(), match.end()
            if (start >= 2 and text[start - 1].isspace() and text[start - 2].isdigit()) or (
                end + 1 < len(text) and text[end].isspace() and text[end + 1].isdigit()
            ):
                continue
        digits = [int(ch) for ch in match.group() if ch.isdigit()]
        if not _passes_eleven_test(digits):
            continue
        before = text[max(0, match.start() - 8) : match.start()]
        after = text[match.end() : match.end() + 8]
        if _MONEY_BEFORE.search(before) or _MONEY_AFTER.search(after):
            continue
        yield _finding(BSN, text, match.start(), match.end())


def _passes_eleven_test(digits: list[int]) -> bool:
    """The BSN 11-test: digits weighted 9..2 and -1 sum to a multiple of 11 (all zeros fail)."""
    if len(digits) != 9 or not any(digits):
        return False
    return sum(d * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11 == 0


def _postcodes(text: str) -> Iterator[Finding]:
    for pattern in (_POSTCODE_THEN_NUMBER, _NUMBER_THEN_POSTCODE):
        for match in pattern.finditer(text):
            letters = match.group("letters")
            if letters.upper() in _NO_POSTCODE_LETTERS:
                continue
            if not letters.isupper() and letters.lower() in _COMMON_WORDS:
                continue
            yield _finding(POSTCODE, text, match.start(), match.end())


def _birth_dates(text: str) -> Iterator[Finding]:
    matches = [*_BIRTH_DATE.finditer(text), *_DATE_THEN_BORN.finditer(text)]
    for match in matches:
        day = match.group("d1") or match.group("d2") or match.group("d3") or match.group("d4")
        if match.group("mon3") or match.group("mon4"):
            month = _MONTHS[(match.group("mon3") or match.group("mon4")).lower()]
        else:
            month = int(match.group("m1") or match.group("m2"))
        if 1 <= int(day) <= 31 and 1 <= month <= 12:
            yield _finding(BIRTH_DATE, text, match.start("date"), match.end("date"))


# What each kind is called in the sentence, in the singular and the plural. The strings sit in
# ngettext() calls of their own so that the translation tools find them.
_KIND_NAMES: dict[str, Callable[[int], str]] = {
    EMAIL: lambda n: ngettext("an e-mail address", "e-mail addresses", n),
    PHONE: lambda n: ngettext("a phone number", "phone numbers", n),
    IBAN: lambda n: ngettext("a bank account number (IBAN)", "bank account numbers (IBAN)", n),
    BSN: lambda n: ngettext("a citizen service number (BSN)", "citizen service numbers (BSN)", n),
    POSTCODE: lambda n: ngettext("a postcode with house number", "postcodes with house numbers", n),
    BIRTH_DATE: lambda n: ngettext("a date of birth", "dates of birth", n),
}


def describe(findings: list[Finding]) -> str:
    """One plain, translated sentence for the user naming every kind of detail found and asking
    to remove them; ``""`` when nothing was found."""
    if not findings:
        return ""
    counts = Counter(f.kind for f in findings)
    unknown = set(counts) - set(_KIND_NAMES)
    if unknown:
        raise ValueError(f"unknown kind of identifier: {sorted(unknown)}")
    names = [_KIND_NAMES[kind](counts[kind]) for kind in _NAMING_ORDER if kind in counts]
    if len(names) == 1:
        what = names[0]
    else:
        # The joining word and its place belong to the language, so it is a message of its own.
        what = _("{items} and {last}").format(items=", ".join(names[:-1]), last=names[-1])
    return ngettext(
        "This text contains {what}. Remove it before saving: "
        "the text must not show who someone is.",
        "This text contains {what}. Remove them before saving: "
        "the text must not show who someone is.",
        len(findings),
    ).format(what=what)
