"""Taking in exchange files: the coordinator receives circles from its facilitators, a
facilitator receives the organisation's programmes from the coordinator.

Safe and idempotent: the very same file twice changes nothing ("unchanged"); a file older than
one already taken in from that sender is turned away ("ignored"); a hostile or broken file is
refused with the reason, and the database stays as it was. Each file is taken in as one
transaction, after one backup per run. Nothing is ever unpacked to disk.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.exchange import bundle, schema
from budgetkring.exchange.bundle import SUFFIX, Manifest, Refused
from budgetkring.exchange.taking_in import (
    apply_circles,
    apply_programmes,
    check_authority,
    check_specs,
)
from budgetkring.i18n import _
from budgetkring.store import exchange as sql
from budgetkring.store.backup import auto_backup
from budgetkring.store.db import Store
from budgetkring.store.files import not_a_folder, os_error, shown

MAX_FILE = 50 * 1024 * 1024  # a packed file larger than this is not read at all
STATUSES = ("imported", "unchanged", "ignored", "refused")


@dataclass
class Receipt:
    """What became of one file: imported, unchanged, ignored (older) or refused, and why."""

    file: str
    status: str
    reason: str = ""
    circles: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """As `receive --json` prints it."""
        return asdict(self)


def inbox_files(folder: Path | str) -> list[Path]:
    """The exchange files in an inbox folder, oldest name first (other files are left alone)."""
    folder = Path(folder)
    try:
        if not folder.is_dir():
            raise UserError(
                _("The inbox folder {path} does not exist.").format(path=shown(folder))
                if not folder.exists()
                else not_a_folder(folder)
            )
        return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
    except OSError as err:
        raise os_error(err, folder) from None


def _read(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_("This is not a file."))
        if info.st_size > MAX_FILE:
            raise Refused(_("The file is too large to be an exchange file (more than 50 MB)."))
        with open(path, "rb") as f:
            return f.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise Refused(_("The file does not exist.")) from None
    except OSError as err:
        raise Refused(str(os_error(err, path))) from None


class _Receiver:
    """One run of receiving: knows who this database is, and backs up once before the first
    change."""

    def __init__(self, store: Store, now: datetime):
        self.store = store
        self.now = now
        self.backed_up = False
        self.org = sql.organisation_row(store.db)
        self.member = sql.membership(store.db)

    def secret_for(self, manifest: Manifest) -> str:
        """The secret that must have made this file; refuses files from outside."""
        if self.member is not None:  # a facilitator's database
            if manifest.organisation != self.member["organisation_uid"]:
                raise Refused(_("The file belongs to another organisation."))
            if manifest.sender == self.member["sender_uid"]:
                return self.member["secret"]  # our own file, come back
            if manifest.sender == self.member["organisation_uid"]:
                return self.member["organisation_secret"]
            raise Refused(_("The file comes from a sender this database does not know."))
        if manifest.organisation != self.org["uid"]:
            raise Refused(_("The file belongs to another organisation."))
        if manifest.sender == self.org["uid"]:
            return self.org["secret"]  # the coordinator's own programme file
        sender = sql.sender_by(self.store.db, "uid", manifest.sender)
        if sender is None:
            raise Refused(_("The file comes from a sender this database does not know."))
        return sender["secret"]

    def receive(self, path: Path) -> Receipt:
        """Take in one file; a refusal becomes a receipt, never an exception."""
        try:
            return self._receive(path)
        except UserError as refused:  # Refused, or a programme or list that does not check out
            return Receipt(str(path), "refused", str(refused))

    def _receive(self, path: Path) -> Receipt:
        raw = _read(path)
        digest = bundle.digest(raw)
        if sql.file_seen(self.store.db, digest):
            return Receipt(str(path), "unchanged", _("This file was taken in before."))
        manifest, data = bundle.open_bundle(raw, self.secret_for)
        own = (self.member or {}).get("sender_uid", self.org["uid"])
        if manifest.sender == own:
            return Receipt(str(path), "unchanged", _("This file was made here."))
        if self.member is not None:
            if manifest.kind != "programmes":
                raise Refused(_("Only the coordinator takes in circles."))
            last = self.member["received_sequence"]
        else:
            if manifest.kind != "circles":
                raise Refused(_("The coordinator does not take in programmes."))
            sender = sql.sender_by(self.store.db, "uid", manifest.sender)
            assert sender is not None  # secret_for found it
            last = sender["last_sequence"]
        if manifest.sequence <= last:
            return Receipt(
                str(path),
                "ignored",
                _(
                    "This file (number {n}) is older than one already taken in (number {last})."
                ).format(n=manifest.sequence, last=last),
            )
        checked = schema.check(manifest.kind, data)
        if manifest.kind == "circles":
            check_authority(self.store, checked, manifest.sender)
        check_specs(checked)
        if not self.backed_up:
            auto_backup(self.store, "before-receive", now=self.now)
            self.backed_up = True
        at = self.now.isoformat(timespec="seconds")
        try:
            names = self._take_in(manifest, checked, digest, at)
        except sqlite3.IntegrityError:  # a uid that is already another circle's, say
            raise Refused(_("The file's data clashes with data already kept here.")) from None
        return Receipt(str(path), "imported", "", names)

    def _take_in(self, manifest: Manifest, checked: dict, digest: str, at: str) -> list[str]:
        """Store a checked file in one transaction; returns the names of what came in."""
        with self.store.transaction() as db:
            if manifest.kind == "programmes":
                names = apply_programmes(self.store, checked)
                sql.set_received_sequence(db, manifest.sequence)
            else:
                sender = sql.sender_by(db, "uid", manifest.sender)
                assert sender is not None
                names = apply_circles(self.store, checked, sender, at)
                sql.mark_received(db, sender["id"], manifest.sequence, at)
            sql.record_file(db, digest, manifest.sender, manifest.sequence, at, "imported")
        return names


def receive(store: Store, paths: Iterable[Path | str], now: datetime) -> list[Receipt]:
    """Take in exchange files one by one; a refused file does not stop the others."""
    receiver = _Receiver(store, now)
    return [receiver.receive(Path(p)) for p in paths]
