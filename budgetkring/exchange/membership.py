"""Joining an organisation: the coordinator invites a facilitator (an invitation file with a
secret for that sender), the facilitator's laptop joins once with it.

The invitation is the one file that carries a secret in the clear: it is written private to
the user (0600) and should be handed over in person or by a channel the two trust.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.i18n import _
from budgetkring.store import exchange as sql
from budgetkring.store.db import Store
from budgetkring.store.files import check_output, read_json, shown, write_atomically
from budgetkring.text import NAME_MAX, clean_text

INVITE_FORMAT = "budgetkring-invitation"
INVITE_SUFFIX = ".bkinvite"
HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Membership:
    """What a facilitator's database knows of the organisation it joined."""

    organisation_uid: str
    organisation_name: str
    sender_uid: str
    sender_name: str


def membership(store: Store) -> Membership | None:
    """The organisation this database joined, or None (a coordinator's or a lone database)."""
    row = sql.membership(store.db)
    if row is None:
        return None
    return Membership(
        row["organisation_uid"], row["organisation_name"], row["sender_uid"], row["sender_name"]
    )


def invite(store: Store, name: str, path: Path | str, *, replace: bool = False) -> Path:
    """Write an invitation for the facilitator ``name`` to send data to this database.

    Inviting a name again gives that sender a new secret (the old invitation and every file made
    with it stop working) but keeps who they are, so their circles stay theirs; their count
    starts afresh, for a laptop that lost its database starts at 1 again.
    """
    name = clean_text(name, _("The name"), NAME_MAX)
    if not name:
        raise UserError(_("Give the name of the facilitator you invite."))
    if sql.membership(store.db) is not None:
        raise UserError(
            _("This database joined an organisation; only the coordinator's database can invite.")
        )
    target = check_output(Path(path), store.path, replace=replace)
    secret = secrets.token_hex(32)
    with store.transaction() as db:
        org = sql.organisation_row(db)
        known = sql.sender_by(db, "name", name)
        if known is None:
            uid = str(uuid.uuid4())
            sql.insert_sender(db, uid, name, secret)
        else:
            uid = known["uid"]
            sql.renew_sender_secret(db, known["id"], secret)
        invitation = {
            "format": INVITE_FORMAT,
            "format_version": 1,
            "organisation": {"uid": org["uid"], "name": org["name"], "secret": org["secret"]},
            "sender": {"uid": uid, "name": name, "secret": secret},
        }
        write_atomically(target, json.dumps(invitation, ensure_ascii=False, indent=1).encode())
    return target


def _hex(value: object, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and set(value) <= HEX


def read_invitation(path: Path | str) -> dict:
    """An invitation file, checked; a UserError in plain words when it is not one."""
    not_ours = _("{path} is not a Budgetkring invitation.").format(path=shown(path))
    data = read_json(Path(path), 64 * 1024, not_ours, not_ours)
    try:
        org, sender = data["organisation"], data["sender"]  # type: ignore[index]
        ok = (
            data["format"] == INVITE_FORMAT  # type: ignore[index]
            and data["format_version"] == 1  # type: ignore[index]
            and isinstance(org["uid"], str)
            and 0 < len(org["uid"]) <= 64
            and isinstance(org["name"], str)
            and _hex(org["secret"], 64)
            and isinstance(sender["uid"], str)
            and 0 < len(sender["uid"]) <= 64
            and _hex(sender["secret"], 64)
            and clean_text(sender["name"], _("The name"), NAME_MAX) == sender["name"]
            and sender["name"]
        )
    except (KeyError, TypeError, UserError):
        ok = False
    if not ok:
        raise UserError(not_ours)
    return data  # type: ignore[return-value]


def join(store: Store, path: Path | str) -> Membership:
    """Join the organisation of an invitation: from now on this database sends its circles to
    that coordinator, authenticated with the invitation's secret."""
    data = read_invitation(path)
    org, sender = data["organisation"], data["sender"]
    with store.transaction() as db:
        own = sql.organisation_row(db)
        if org["uid"] == own["uid"]:
            raise UserError(_("This invitation was made with this database itself."))
        if sql.sender_rows(db):
            raise UserError(
                _("This is a coordinator's database: it invites others and joins nobody.")
            )
        current = sql.membership(db)
        if current is not None and current["organisation_uid"] != org["uid"]:
            raise UserError(
                _("This database already belongs to the organisation {name}.").format(
                    name=current["organisation_name"] or current["organisation_uid"]
                )
            )
        sql.set_membership(
            db,
            {
                "organisation_uid": org["uid"],
                "organisation_name": org["name"],
                "organisation_secret": org["secret"],
                "sender_uid": sender["uid"],
                "sender_name": sender["name"],
                "secret": sender["secret"],
                # Joining again (a new invitation) keeps counting up, so the coordinator never
                # takes a new file for an old one.
                "sequence": current["sequence"] if current else 0,
                "received_sequence": current["received_sequence"] if current else 0,
            },
        )
    found = membership(store)
    assert found is not None
    return found


@dataclass(frozen=True)
class Sender:
    """An invited facilitator's laptop, seen from the coordinator's side."""

    name: str
    uid: str
    circles: list[str]
    last_sequence: int
    last_received: str | None
    invited: str

    def to_json(self) -> dict:
        """As `senders --json` prints it."""
        return {
            "name": self.name,
            "uid": self.uid,
            "circles": self.circles,
            "last_sequence": self.last_sequence,
            "last_received": self.last_received,
            "invited": self.invited,
        }


def senders(store: Store) -> list[Sender]:
    """Everyone invited to send, with the circles received from them."""
    return [
        Sender(
            r["name"],
            r["uid"],
            r["circles"],
            r["last_sequence"],
            r["last_received"],
            r["invited_at"],
        )  # fmt: skip
        for r in sql.sender_rows(store.db)
    ]
