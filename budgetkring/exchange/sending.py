"""Making an exchange file: a facilitator sends their circles (anonymised), a coordinator sends
the organisation's programmes and self-assessment lists.

What travels about a circle: its name, town, status and size limits; its meetings with date,
times, status and theme; who leads and who stands in; participants' codes, statuses and stop
categories; attendance; assessment scores; how many goals each participant has per status.
Never: aliases, goal texts, notes, reasons typed in, contact details. Only participants who
gave consent travel at all (with the date of it, so the coordinator's reports count them).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from budgetkring.errors import UserError
from budgetkring.exchange.bundle import SUFFIX, Manifest, write_bundle
from budgetkring.i18n import _
from budgetkring.participants.assessments import instrument_version, list_instruments
from budgetkring.planning.programmes import get_version, list_programmes
from budgetkring.store import exchange as sql
from budgetkring.store.db import Store
from budgetkring.store.files import check_output, not_a_folder, os_error, shown, write_atomically


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:30] or "kring"


def circles_payload(store: Store, circle_ids: list[int]) -> dict:
    """The anonymised data of these circles, as it goes into an exchange file."""
    rows = sql.circle_data(store.db, circle_ids)
    programmes = {r["version_id"] for r in rows["circles"] if r["version_id"]}
    instruments = {r["version_id"] for r in rows["assessments"]}
    scores: dict[int, dict[str, int]] = {}
    for row in rows["scores"]:
        scores.setdefault(row["assessment_id"], {})[row["domain"]] = row["score"]
    goals: dict[str, dict[str, int]] = {}
    for row in rows["goal_counts"]:
        counted = goals.setdefault(row["participant"], {})
        counted[row["status"]] = counted.get(row["status"], 0) + row["n"]

    def of(key: str, circle_id: int) -> list[dict]:
        return [r for r in rows[key] if r["circle_id"] == circle_id]

    circles = []
    for c in rows["circles"]:
        cid = c["id"]
        circles.append(
            {
                "uid": c["uid"],
                "name": c["name"],
                "municipality": c["municipality"],
                "place": c["place"],
                "status": c["status"],
                "start_date": c["start_date"],
                "group_min": c["group_min"],
                "group_max": c["group_max"],
                "programme": f"p{c['version_id']}" if c["version_id"] else None,
                "leads": [
                    {"facilitator": r["facilitator"], "from": r["from_date"], "to": r["to_date"]}
                    for r in of("leads", cid)
                ],
                "sessions": [
                    {
                        "uid": r["uid"],
                        "date": r["date"],
                        "start": r["start_time"],
                        "end": r["end_time"],
                        "status": r["status"],
                        "extra": r["extra"],
                        "theme": r["theme"],
                    }
                    for r in of("sessions", cid)
                ],
                "substitutions": [
                    {
                        "session": r["session"],
                        "stand_in": r["stand_in"],
                        "replaces": r["replaces"],
                        "confirmed": r["confirmed"],
                    }
                    for r in of("substitutions", cid)
                ],
                "participants": [
                    {
                        "uid": r["uid"],
                        "code": r["code"],
                        "status": r["status"],
                        "stop_reason": r["stop_reason"],
                        "joined": r["joined_date"],
                        "consent": r["consent_date"],
                        "goals": goals.get(r["uid"], {}),
                    }
                    for r in of("participants", cid)
                ],
                "attendance": [
                    [r["participant"], r["session"], r["status"]] for r in of("attendance", cid)
                ],
                "assessments": [
                    {
                        "participant": r["participant"],
                        "moment": r["moment"],
                        "date": r["date"],
                        "instrument": f"i{r['version_id']}",
                        "scores": scores.get(r["id"], {}),
                    }
                    for r in of("assessments", cid)
                ],
            }
        )
    return {
        "facilitators": [
            {"uid": r["uid"], "name": r["name"], "status": r["status"]}
            for r in rows["facilitators"]
        ],
        "absences": [
            {
                "facilitator": r["facilitator"],
                "from": r["from_date"],
                "to": r["to_date"],
                "reason": r["reason"],
            }
            for r in rows["absences"]
        ],  # fmt: skip
        "programmes": [
            {"ref": f"p{vid}", "spec": get_version(store, vid).to_dict()}
            for vid in sorted(programmes)
        ],
        "instruments": [
            {"ref": f"i{vid}", "spec": instrument_version(store, vid).to_dict()}
            for vid in sorted(instruments)
        ],
        "circles": circles,
    }


def programmes_payload(store: Store) -> dict:
    """The organisation's programmes and self-assessment lists, each in its newest version."""
    return {
        "programmes": [
            get_version(store, p.version_id).to_dict()
            for p in list_programmes(store)
            if p.version_id is not None
        ],
        "instruments": [i.to_dict() for i in list_instruments(store)],
    }


def circles_to_send(store: Store, circle_id: int | None) -> list[int]:
    """The circles this laptop sends: those its invited facilitator leads or stood in for."""
    member = sql.membership(store.db)
    if member is None:
        raise UserError(
            _(
                "This database has not joined an organisation yet. Open the invitation "
                "from your coordinator first (budgetkring join FILE)."
            )
        )
    theirs = sql.own_circle_ids(store.db, member["sender_name"])
    if circle_id is not None:
        if circle_id not in theirs:
            raise UserError(
                _(
                    "{name} does not lead this circle and did not stand in for it, so it "
                    "cannot be sent under their name."
                ).format(name=member["sender_name"])
            )
        return [circle_id]
    if not theirs:
        raise UserError(
            _("There is nothing to send: {name} leads no circle in this database.").format(
                name=member["sender_name"]
            )
        )
    return theirs


def send(
    store: Store,
    now: datetime,
    *,
    circle_id: int | None = None,
    programme: bool = False,
    output: Path | str | None = None,
    outbox: Path | str | None = None,
    replace: bool = False,
) -> Path:
    """Write an exchange file to ``output`` or into the folder ``outbox``; returns its path.

    The sequence number goes up only when the file was written.
    """
    if programme:
        if sql.membership(store.db) is not None:
            raise UserError(_("Only the coordinator sends programmes; this database joined one."))
        payload = programmes_payload(store)
    else:
        payload = circles_payload(store, circles_to_send(store, circle_id))
    with store.transaction() as db:
        if programme:
            org = sql.organisation_row(db)
            sender, secret, name = org["uid"], org["secret"], "programma"
            organisation = org["uid"]
            sequence = sql.take_sequence(db, "organisation")
        else:
            member = sql.membership(db)
            assert member is not None
            sender, secret, name = member["sender_uid"], member["secret"], member["sender_name"]
            organisation = member["organisation_uid"]
            sequence = sql.take_sequence(db, "membership")
        manifest = Manifest(
            organisation, sender, sequence, now.isoformat(timespec="seconds"),
            "programmes" if programme else "circles",
        )  # fmt: skip
        raw = write_bundle(manifest, payload, secret)
        target = _target(
            store, output, outbox, f"budgetkring-{_slug(name)}-{sender[:6]}-{sequence:05d}"
        )
        write_atomically(check_output(target, store.path, replace=replace), raw)
    return target


def _target(store: Store, output, outbox, stem: str) -> Path:
    if (output is None) == (outbox is None):
        raise UserError(_("Say where the file goes: a file name or an outbox folder."))
    if output is not None:
        return Path(output)
    folder = Path(outbox)
    try:
        if not folder.is_dir():
            raise UserError(
                _("The outbox folder {path} does not exist.").format(path=shown(folder))
                if not folder.exists()
                else not_a_folder(folder)
            )
    except OSError as err:
        raise os_error(err, folder) from None
    return folder / (stem + SUFFIX)
