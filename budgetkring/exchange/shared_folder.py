"""Exchange as the desktop app offers it: what this gegevensbestand is in the exchange, which
files of a shared folder it takes in, sending its own circles, and what came of it in plain
words.

One synced folder is usually shared by the coordinator and every facilitator of the
organisation: the facilitators' files go into it, and so do the coordinator's programme files.
Each laptop takes in only the files meant for it (a facilitator: the programme files; the
coordinator: all others), so a file meant for someone else is never read here, let alone
refused over and over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from budgetkring.exchange.dashboard import last_data_words
from budgetkring.exchange.receiving import Receipt, inbox_files
from budgetkring.exchange.sending import circles_to_send, send
from budgetkring.i18n import _, current_locale, ngettext
from budgetkring.organisation.circles import get_circle
from budgetkring.store import exchange as sql
from budgetkring.store.db import Store

FACILITATOR, COORDINATOR, UNDECIDED = "facilitator", "coordinator", "undecided"
# How `send --programme` names its files (sending.py: "budgetkring-" + the slug of "programma").
PROGRAMME_PREFIX = "budgetkring-programma-"


def exchange_role(store: Store) -> str:
    """FACILITATOR once this gegevensbestand joined an organisation, COORDINATOR once it invited
    someone, else UNDECIDED (a new gegevensbestand can still become either)."""
    if sql.membership(store.db) is not None:
        return FACILITATOR
    return COORDINATOR if sql.sender_rows(store.db) else UNDECIDED


def is_programme_file(path: Path | str) -> bool:
    """True for a file the coordinator made with the organisation's programmes."""
    return Path(path).name.startswith(PROGRAMME_PREFIX)


def files_to_take_in(folder: Path | str, role: str) -> list[Path]:
    """The exchange files in the shared folder that are meant for this gegevensbestand (none
    while it is UNDECIDED); a UserError when the folder cannot be found."""
    if role == UNDECIDED:
        return []
    programmes = role == FACILITATOR
    return [p for p in inbox_files(folder) if is_programme_file(p) == programmes]


@dataclass(frozen=True)
class Sent:
    """An exchange file written: where, and the circles in it (none for programmes)."""

    path: Path
    circles: list[str]


def send_own_circles(
    store: Store,
    now: datetime,
    *,
    outbox: Path | str | None = None,
    output: Path | str | None = None,
) -> Sent:
    """Send every circle this facilitator leads or stood in for, into the folder ``outbox`` or to
    the file ``output`` (which is replaced: the user chose it in a file chooser that asked)."""
    names = [get_circle(store, cid).name for cid in circles_to_send(store, None)]
    path = send(store, now, outbox=outbox, output=output, replace=output is not None)
    return Sent(path, names)


def clock_time(moment: datetime) -> str:
    """The time of day as people read it ("14:05")."""
    from babel.dates import format_time

    return format_time(moment, format="short", locale=current_locale())


def sent_words(sent: Sent, moment: datetime) -> str:
    """What the user is told after sending: "Sent: Zwolle-Zuid, at 14:05"."""
    at = clock_time(moment)
    if not sent.circles:
        return _("Programmes sent, at {time}.").format(time=at)
    return _("Sent: {circles}, at {time}.").format(circles=", ".join(sent.circles), time=at)


def last_received_words(received: str | None, today: date) -> str:
    """When a sender's data last arrived, in plain words ("last received 3 days ago", "nothing
    received yet"); ``received`` is the ISO moment the coordinator's gegevensbestand keeps."""
    if not received:
        return _("nothing received yet")
    when = last_data_words(date.fromisoformat(received[:10]), today)
    return _("last received {when}").format(when=when)


def received_words(receipts: Iterable[Receipt]) -> str:
    """What came of taking files in, in a few plain sentences: "2 files received: Zwolle-Zuid,
    Kampen. 1 file refused. The file was changed after it was made." Files that were there
    before are not mentioned; when nothing at all is new, it says so."""
    receipts = list(receipts)
    imported = [r for r in receipts if r.status == "imported"]
    ignored = [r for r in receipts if r.status == "ignored"]
    refused = [r for r in receipts if r.status == "refused"]
    parts = []
    if imported:
        names = list(dict.fromkeys(name for r in imported for name in r.circles))
        n = len(imported)
        if names:
            words = ngettext("{n} file received: {names}.", "{n} files received: {names}.", n)
            parts.append(words.format(n=n, names=", ".join(names)))
        else:
            parts.append(ngettext("{n} file received.", "{n} files received.", n).format(n=n))
    if ignored:
        parts.append(
            ngettext(
                "{n} file skipped: it is older than what was received before.",
                "{n} files skipped: they are older than what was received before.",
                len(ignored),
            ).format(n=len(ignored))
        )
    if refused:
        parts.append(
            ngettext("{n} file refused.", "{n} files refused.", len(refused)).format(n=len(refused))
        )
        parts += list(dict.fromkeys(r.reason for r in refused if r.reason))
    return " ".join(parts) if parts else _("No new files.")


def refused_lines(receipts: Iterable[Receipt]) -> list[str]:
    """One line per refused file: its name and why ("budgetkring-anja-….bkx: The file …")."""
    return [f"{Path(r.file).name}: {r.reason}" for r in receipts if r.status == "refused"]
