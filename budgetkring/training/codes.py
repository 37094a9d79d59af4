"""Certificates as rules: their number, how long they are valid, their state, and the
verification code that shows a certificate is real (pure functions, no database).

The verification code is an HMAC-SHA256 over the number, the name and the date, under the
organisation's secret: whoever has the organisation's app can check it, nobody else can make
one. It is written in an alphabet without characters that look alike (no 0/O, 1/I/L, U/V) in
groups of four, like ``7KQ2-M9XD-PR4T``; a check ignores dashes, spaces and case.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
from datetime import date

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 30^12 is about 2^59: guessing is hopeless, typing it stays easy
GROUP = 4
EXPIRING_MONTHS = 3  # "expires soon" this long before the end
DEFAULT_YEARS = 3
STATES = ("valid", "expiring", "expired", "revoked")
_NUMBER = re.compile(r"BK-(\d{4})-(\d{4,})")


def _message(number: str, name: str, day: date) -> bytes:
    # A separator that cannot occur in a name (control characters are refused everywhere), so
    # "A" + "B C" and "A B" + "C" never sign the same.
    return "\x1f".join((number, name, day.isoformat())).encode("utf-8")


def _key(secret: str) -> bytes:
    try:
        return bytes.fromhex(secret)
    except ValueError:
        return secret.encode("utf-8")


def verification_code(secret: str, number: str, name: str, day: date) -> str:
    """The code printed on a certificate, in groups: ``7KQ2-M9XD-PR4T``."""
    digest = hmac.new(_key(secret), _message(number, name, day), hashlib.sha256).digest()
    value = int.from_bytes(digest[:10], "big")
    chars = []
    for _n in range(CODE_LENGTH):
        value, rest = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[rest])
    return group_code("".join(chars))


def normalise_code(text: str) -> str:
    """A code as typed, without dashes and spaces, in capitals."""
    return re.sub(r"[\s\-‐-―]", "", text or "").upper()


def group_code(code: str) -> str:
    """A code in groups of four with dashes between them."""
    plain = normalise_code(code)
    return "-".join(plain[i : i + GROUP] for i in range(0, len(plain), GROUP))


def code_matches(secret: str, number: str, name: str, day: date, typed: str) -> bool:
    """True when ``typed`` (with or without dashes, any case) is this certificate's code."""
    expected = normalise_code(verification_code(secret, number, name, day))
    return hmac.compare_digest(expected.encode(), normalise_code(typed).encode())


def normalise_number(text: str) -> str:
    """A certificate number as typed (spaces and case do not matter)."""
    return re.sub(r"\s", "", text or "").upper()


def is_number(text: str) -> bool:
    """True for something shaped like a certificate number (BK-2027-0003)."""
    return _NUMBER.fullmatch(normalise_number(text)) is not None


def next_number(year: int, taken: list[str]) -> str:
    """The next free number of a year: BK-2027-0001, BK-2027-0002, …"""
    used = [
        int(m.group(2)) for t in taken if (m := _NUMBER.fullmatch(t)) and int(m.group(1)) == year
    ]
    return f"BK-{year}-{max(used, default=0) + 1:04d}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(day: date, years: int = DEFAULT_YEARS) -> date:
    """The last day a certificate given on ``day`` is valid: ``years`` later (29 February
    becomes 28 February)."""
    return add_months(day, 12 * years)


def certificate_state(until: date, revoked: bool, today: date) -> str:
    """valid, expiring (within three months), expired or revoked."""
    if revoked:
        return "revoked"
    if until < today:
        return "expired"
    if until < add_months(today, EXPIRING_MONTHS):
        return "expiring"
    return "valid"
