"""What the data in an exchange file must look like: checked completely before anything is
stored. Pure functions; a mismatch raises ``Refused`` naming the first thing that is wrong.

Every object has exactly the keys listed here — an unknown key (say, an alias) is refused, so
nothing that should stay on a laptop can slip in through a file.
"""

from __future__ import annotations

import re
from datetime import date

from budgetkring.exchange.bundle import Refused
from budgetkring.i18n import _
from budgetkring.text import NAME_MAX, TEXT_MAX

UID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
CODE = re.compile(r"^[A-Za-z0-9-]{1,20}$")
CIRCLE_STATUS = ("preparing", "running", "finished", "stopped")
FACILITATOR_STATUS = ("trainee", "certified", "paused", "stopped")
SESSION_STATUS = ("planned", "held", "moved", "cancelled")
PARTICIPANT_STATUS = ("active", "stopped", "finished")
ATTENDANCE = ("present", "excused", "absent")
ABSENCE = ("illness", "holiday", "personal", "other")
MOMENTS = ("start", "mid", "end")
GOAL_STATUS = ("open", "done", "dropped")


class _Bad(Exception):
    """Internal: where the data went wrong."""


def _fail(where: str) -> None:
    raise _Bad(where)


def _obj(value: object, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(value, dict) or set(value) != set(keys):
        _fail(where)
    return value  # type: ignore[return-value]


def _list(value: object, where: str, limit: int = 100_000) -> list:
    if not isinstance(value, list) or len(value) > limit:
        _fail(where)
    return value  # type: ignore[return-value]


def _text(value: object, where: str, limit: int = TEXT_MAX, empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        _fail(where)
    if any(ord(c) < 32 for c in str(value)):
        _fail(where)
    return value  # type: ignore[return-value]


def _choice(value: object, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        _fail(where)
    return value  # type: ignore[return-value]


def _int(value: object, where: str, low: int = 0, high: int = 1_000_000) -> int:
    if type(value) is not int or not low <= value <= high:
        _fail(where)
    return value  # type: ignore[return-value]


def _day(value: object, where: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    try:
        date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        _fail(where)
    if len(value) != 10:  # type: ignore[arg-type]
        _fail(where)
    return value  # type: ignore[return-value]


def _uid(value: object, where: str) -> str:
    if not isinstance(value, str) or not UID.match(value):
        _fail(where)
    return value  # type: ignore[return-value]


def _time(value: object, where: str) -> str:
    if not isinstance(value, str) or not TIME.match(value):
        _fail(where)
    return value  # type: ignore[return-value]


def check(kind: str, data: object) -> dict:
    """The data of an exchange file of this kind, checked; ``Refused`` when it does not fit."""
    try:
        if kind == "circles":
            return _circles_file(data)
        return _programmes_file(data)
    except _Bad as bad:
        raise Refused(
            _("The file's data does not have the expected form (at: {where}).").format(
                where=str(bad)
            )
        ) from None


def _programmes_file(data: object) -> dict:
    top = _obj(data, ("programmes", "instruments"), "data")
    for n, spec in enumerate(_list(top["programmes"], "programmes", 100)):
        if not isinstance(spec, dict):
            _fail(f"programmes[{n}]")
    for n, spec in enumerate(_list(top["instruments"], "instruments", 100)):
        if not isinstance(spec, dict):
            _fail(f"instruments[{n}]")
    return top


def _circles_file(data: object) -> dict:
    top = _obj(data, ("facilitators", "absences", "programmes", "instruments", "circles"), "data")
    people = set()
    for n, f in enumerate(_list(top["facilitators"], "facilitators", 1000)):
        w = f"facilitators[{n}]"
        _obj(f, ("uid", "name", "status"), w)
        people.add(_uid(f["uid"], w))
        _text(f["name"], w, NAME_MAX)
        _choice(f["status"], FACILITATOR_STATUS, w)
    for n, a in enumerate(_list(top["absences"], "absences", 10_000)):
        w = f"absences[{n}]"
        _obj(a, ("facilitator", "from", "to", "reason"), w)
        if a["facilitator"] not in people:
            _fail(w)
        if _day(a["from"], w) > _day(a["to"], w):  # type: ignore[operator]
            _fail(w)
        _choice(a["reason"], ABSENCE, w)
    refs: dict[str, set[str]] = {"programmes": set(), "instruments": set()}
    for key in refs:
        for n, item in enumerate(_list(top[key], key, 100)):
            w = f"{key}[{n}]"
            _obj(item, ("ref", "spec"), w)
            refs[key].add(_text(item["ref"], w, 20))
            if not isinstance(item["spec"], dict):
                _fail(w)
    for n, circle in enumerate(_list(top["circles"], "circles", 1000)):
        _circle(circle, f"circles[{n}]", people, refs)
    return top


def _circle(c: object, w: str, people: set[str], refs: dict[str, set[str]]) -> None:
    keys = (
        "uid", "name", "municipality", "place", "status", "start_date", "group_min",
        "group_max", "programme", "leads", "sessions", "substitutions", "participants",
        "attendance", "assessments",
    )  # fmt: skip
    c = _obj(c, keys, w)
    _uid(c["uid"], w)
    _text(c["name"], w + ".name", NAME_MAX)
    _text(c["municipality"], w + ".municipality", NAME_MAX)
    _text(c["place"], w + ".place", TEXT_MAX, empty=True)
    _choice(c["status"], CIRCLE_STATUS, w + ".status")
    _day(c["start_date"], w + ".start_date", optional=True)
    if _int(c["group_min"], w, 1, 1000) > _int(c["group_max"], w, 1, 1000):
        _fail(w + ".group_max")
    if c["programme"] is not None and c["programme"] not in refs["programmes"]:
        _fail(w + ".programme")
    for n, lead in enumerate(_list(c["leads"], w + ".leads", 1000)):
        lw = f"{w}.leads[{n}]"
        _obj(lead, ("facilitator", "from", "to"), lw)
        if lead["facilitator"] not in people:
            _fail(lw)
        start, end = _day(lead["from"], lw), _day(lead["to"], lw, optional=True)
        if end is not None and end < start:  # type: ignore[operator]
            _fail(lw)
    sessions = set()
    for n, s in enumerate(_list(c["sessions"], w + ".sessions", 1000)):
        sw = f"{w}.sessions[{n}]"
        _obj(s, ("uid", "date", "start", "end", "status", "extra", "theme"), sw)
        sessions.add(_uid(s["uid"], sw))
        _day(s["date"], sw)
        if _time(s["start"], sw) >= _time(s["end"], sw):
            _fail(sw)
        _choice(s["status"], SESSION_STATUS, sw)
        _int(s["extra"], sw, 0, 1)
        if s["theme"] is not None:
            _text(s["theme"], sw, 100)
    for n, sub in enumerate(_list(c["substitutions"], w + ".substitutions", 10_000)):
        bw = f"{w}.substitutions[{n}]"
        _obj(sub, ("session", "stand_in", "replaces", "confirmed"), bw)
        ok = sub["session"] in sessions and sub["stand_in"] in people
        if not ok or (sub["replaces"] is not None and sub["replaces"] not in people):
            _fail(bw)
        if sub["replaces"] == sub["stand_in"]:
            _fail(bw)
        _int(sub["confirmed"], bw, 0, 1)
    _participants(c, w, sessions, refs)


def _participants(c: dict, w: str, sessions: set[str], refs: dict[str, set[str]]) -> None:
    members, codes = set(), set()
    for n, p in enumerate(_list(c["participants"], w + ".participants", 1000)):
        pw = f"{w}.participants[{n}]"
        _obj(p, ("uid", "code", "status", "stop_reason", "joined", "consent", "goals"), pw)
        members.add(_uid(p["uid"], pw))
        code = _text(p["code"], pw + ".code", 20)
        if not CODE.match(code) or code.upper() in codes:
            _fail(pw + ".code")
        codes.add(code.upper())
        _choice(p["status"], PARTICIPANT_STATUS, pw)
        _text(p["stop_reason"], pw + ".stop_reason", 20, empty=True)
        if p["stop_reason"] and not re.fullmatch(r"[a-z_]+", p["stop_reason"]):
            _fail(pw + ".stop_reason")  # a category, never free text
        _day(p["joined"], pw, optional=True)
        _day(p["consent"], pw)  # only participants who gave consent travel
        goals = p["goals"]
        if not isinstance(goals, dict) or not set(goals) <= set(GOAL_STATUS):
            _fail(pw + ".goals")
        for value in goals.values():
            _int(value, pw + ".goals", 0, 1000)
    seen = set()
    for n, mark in enumerate(_list(c["attendance"], w + ".attendance", 200_000)):
        aw = f"{w}.attendance[{n}]"
        if not isinstance(mark, list) or len(mark) != 3:
            _fail(aw)
        if mark[0] not in members or mark[1] not in sessions or (mark[0], mark[1]) in seen:
            _fail(aw)
        seen.add((mark[0], mark[1]))
        _choice(mark[2], ATTENDANCE, aw)
    moments = set()
    for n, a in enumerate(_list(c["assessments"], w + ".assessments", 10_000)):
        aw = f"{w}.assessments[{n}]"
        _obj(a, ("participant", "moment", "date", "instrument", "scores"), aw)
        if a["participant"] not in members or a["instrument"] not in refs["instruments"]:
            _fail(aw)
        if (a["participant"], _choice(a["moment"], MOMENTS, aw)) in moments:
            _fail(aw)
        moments.add((a["participant"], a["moment"]))
        _day(a["date"], aw)
        scores = a["scores"]
        if not isinstance(scores, dict) or len(scores) > 50:
            _fail(aw + ".scores")
        for domain, score in scores.items():
            _text(domain, aw + ".scores", 40)
            _int(score, aw + ".scores", -100, 100)
