"""Storing the checked data of an exchange file (called by ``receiving`` inside its
transaction): a circle is made exactly as the facilitator's laptop has it, matched by uid.

A programme or self-assessment list that is already here with the same content is used as it
is; otherwise it is added as a new version, so nothing the coordinator has is overwritten.
"""

from __future__ import annotations

from budgetkring.exchange.bundle import Refused
from budgetkring.i18n import _
from budgetkring.participants.assessments import instrument_version, save_instrument
from budgetkring.participants.instruments import parse_instrument
from budgetkring.planning.programmes import get_version, parse_programme, save_version
from budgetkring.store import exchange as sql
from budgetkring.store.db import Store
from budgetkring.text import NAME_MAX


def check_authority(store: Store, data: dict, sender_uid: str) -> None:
    """A sender may only send circles they lead or stand in for, and never a circle that came
    from another laptop or was made on this one."""
    sender = sql.sender_by(store.db, "uid", sender_uid)
    assert sender is not None
    names = {f["uid"]: f["name"].casefold() for f in data["facilitators"]}
    me = sender["name"].casefold()
    for circle in data["circles"]:
        theirs = {names[lead["facilitator"]] for lead in circle["leads"]}
        theirs |= {names[s["stand_in"]] for s in circle["substitutions"] if s["confirmed"]}
        if me not in theirs:
            raise Refused(
                _("{sender} sent the circle {circle}, which they do not lead.").format(
                    sender=sender["name"], circle=circle["name"]
                )
            )
        owner = sql.circle_owner(store.db, circle["uid"])
        if owner is not None and owner[1] != sender["id"]:
            raise Refused(
                _("The circle {circle} is already kept here from another source.").format(
                    circle=circle["name"]
                )
            )


def check_specs(data: dict) -> None:
    """Every programme and list in the file checks out as a file of its own would."""
    for key, parse in (("programmes", parse_programme), ("instruments", parse_instrument)):
        for item in data[key]:
            parse(item.get("spec", item))


def _programme_version(store: Store, spec: dict) -> int:
    """The local id of a programme version with this content (added when there is none)."""
    wanted = parse_programme(spec)
    for version_id in sql.programme_version_ids(store.db, wanted.name):
        if get_version(store, version_id).to_dict() == wanted.to_dict():
            return version_id
    saved = save_version(store, wanted).version_id
    assert saved is not None
    return saved


def _instrument_version(store: Store, spec: dict) -> int:
    """The local id of a self-assessment list version with this content (added if missing)."""
    wanted = parse_instrument(spec)
    for version_id in sql.instrument_version_ids(store.db, wanted.name):
        if instrument_version(store, version_id).to_dict() == wanted.to_dict():
            return version_id
    saved = save_instrument(store, wanted).version_id
    assert saved is not None
    return saved


def apply_programmes(store: Store, data: dict) -> list[str]:
    """Take in the coordinator's programmes and lists; returns the names of what was new."""
    new = []
    for spec in data["programmes"]:
        programme = parse_programme(spec)
        before = set(sql.programme_version_ids(store.db, programme.name))
        if _programme_version(store, spec) not in before:
            new.append(programme.name)
    for spec in data["instruments"]:
        instrument = parse_instrument(spec)
        before = set(sql.instrument_version_ids(store.db, instrument.name))
        if _instrument_version(store, spec) not in before:
            new.append(instrument.name)
    return new


def _facilitators(store: Store, data: dict) -> dict[str, int]:
    """Local facilitator ids by the file's uids: by uid, else by name, else added."""
    db = store.db
    by_uid = sql.ids_by_uid(db, "facilitator", [f["uid"] for f in data["facilitators"]])
    by_name = sql.facilitator_names(db)
    ids: dict[str, int] = {}
    for f in data["facilitators"]:
        fid = by_uid.get(f["uid"]) or by_name.get(f["name"].casefold())
        if fid is None:
            fid = sql.insert_received_facilitator(db, f["uid"], f["name"], f["status"])
            by_name[f["name"].casefold()] = fid
        else:
            sql.set_facilitator_status(db, fid, f["status"])
        ids[f["uid"]] = fid
    sql.add_missing_absences(
        db, [(ids[a["facilitator"]], a["from"], a["to"], a["reason"]) for a in data["absences"]]
    )
    return ids


def _free_name(names: dict[str, int], wanted: str, sender: str, circle_id: int | None) -> str:
    """The circle's own name, unless another circle here has it: then with the sender's name."""
    candidates = [wanted, f"{wanted} ({sender})"]
    candidates += [f"{wanted} ({sender} {n})" for n in range(2, 100)]
    for name in candidates:
        name = name[:NAME_MAX]
        if names.get(name.casefold(), circle_id) == circle_id:
            return name
    raise Refused(_("The circle {circle} cannot be given a name here.").format(circle=wanted))


def apply_circles(store: Store, data: dict, sender: dict, at: str) -> list[str]:
    """Store the circles of a checked file as the sender has them; returns their names here."""
    db = store.db
    people = _facilitators(store, data)
    versions = {p["ref"]: _programme_version(store, p["spec"]) for p in data["programmes"]}
    lists = {i["ref"]: _instrument_version(store, i["spec"]) for i in data["instruments"]}
    names = sql.circle_names(db)
    shown = []
    for c in data["circles"]:
        owner = sql.circle_owner(db, c["uid"])
        circle_id = owner[0] if owner else None
        name = _free_name(names, c["name"], sender["name"], circle_id)
        values = {
            "uid": c["uid"],
            "name": name,
            "municipality": c["municipality"],
            "place": c["place"],
            "status": c["status"],
            "start_date": c["start_date"],
            "group_min": c["group_min"],
            "group_max": c["group_max"],
            "sender_id": sender["id"],
            "received_at": at,
        }
        circle_id = sql.save_received_circle(db, circle_id, values)
        names[name.casefold()] = circle_id
        shown.append(name)
        _circle_contents(store, c, circle_id, people, versions, lists)
    return shown


def _circle_contents(store, c: dict, circle_id: int, people, versions, lists) -> None:
    db = store.db
    sql.replace_leads(
        db, circle_id, [(people[r["facilitator"]], r["from"], r["to"]) for r in c["leads"]]
    )
    themes = sql.template_ids(db, versions[c["programme"]]) if c["programme"] else {}
    sessions = sql.replace_sessions(
        db,
        circle_id,
        [
            {
                "uid": s["uid"],
                "template_id": themes.get(s["theme"]) if s["theme"] else None,
                "date": s["date"],
                "start_time": s["start"],
                "end_time": s["end"],
                "status": s["status"],
                "extra": s["extra"],
            }
            for s in c["sessions"]
        ],
    )
    sql.replace_substitutions(
        db,
        circle_id,
        [
            (
                sessions[s["session"]],
                people[s["stand_in"]],
                people[s["replaces"]] if s["replaces"] else None,
                s["confirmed"],
            )
            for s in c["substitutions"]
        ],
    )
    participants = sql.replace_participants(
        db,
        circle_id,
        [
            {
                "uid": p["uid"],
                "code": p["code"],
                "status": p["status"],
                "stop_reason": p["stop_reason"],
                "joined_date": p["joined"],
                "consent_date": p["consent"],
            }
            for p in c["participants"]
        ],
    )
    ids = list(participants.values())
    sql.replace_attendance(
        db, ids, [(participants[p], sessions[s], status) for p, s, status in c["attendance"]]
    )
    sql.replace_assessments(
        db,
        ids,
        [
            {
                "participant_id": participants[a["participant"]],
                "version_id": lists[a["instrument"]],
                "moment": a["moment"],
                "date": a["date"],
                "scores": a["scores"],
            }
            for a in c["assessments"]
        ],
    )
    sql.replace_goal_counts(
        db,
        ids,
        [
            (participants[p["uid"]], status, n)
            for p in c["participants"]
            for status, n in p["goals"].items()
        ],
    )
