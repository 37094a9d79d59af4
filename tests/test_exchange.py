"""Exchange files between a facilitator's laptop and the coordinator's: invite, join, send,
receive — and every way a hostile or broken file is refused with nothing changed."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from budgetkring.exchange.bundle import Manifest, write_bundle
from tests.conftest import TODAY

MARKER = "Zwaluwstaart77"


@pytest.fixture
def pair(tmp_path, cli):
    """A facilitator's database (the demo) that joined a coordinator's database, and the
    invitation that joined them."""
    fac, coord = tmp_path / "fac.db", tmp_path / "coord.db"
    assert cli("--db", fac, "demo")[0] == 0
    invitation = tmp_path / "anja.bkinvite"
    assert cli("--db", coord, "invite", "Anja de Vries", "-o", invitation)[0] == 0
    assert cli("--db", fac, "join", invitation)[0] == 0
    return fac, coord, json.loads(invitation.read_text())


def _send(cli, fac: Path, out: Path, *extra) -> Path:
    code, printed, err = cli("--db", fac, "send", "-o", out, *extra)
    assert code == 0, err
    assert printed.strip() == str(out)
    return out


def _receive(cli, coord: Path, *files) -> tuple[int, list[dict]]:
    code, out, err = cli("--db", coord, "receive", *files, "--json")
    return code, json.loads(out)


def _outside(folder: Path, coord: Path) -> list[Path]:
    """Every file and folder under ``folder`` except the coordinator's database and its own
    files (lock, journal, backups folder)."""
    return sorted(
        p for p in folder.rglob("*") if not p.relative_to(folder).parts[0].startswith(coord.name)
    )


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_invite_join_send_receive_shows_the_circle_at_the_coordinator(pair, cli, tmp_path):
    """The coordinator sees the facilitator's circle, meetings and participants; the same file
    again changes nothing."""
    fac, coord, _inv = pair
    bkx = _send(cli, fac, tmp_path / "one.bkx")
    code, receipts = _receive(cli, coord, bkx)
    assert code == 0
    assert receipts == [
        {"file": str(bkx), "status": "imported", "reason": "", "circles": ["Zwolle-Zuid"]}
    ]
    circles = json.loads(cli("--db", coord, "circles", "--json")[1])
    assert [c["name"] for c in circles] == ["Zwolle-Zuid"]
    assert circles[0]["municipality"] == "Zwolle"
    theirs = cli("--db", fac, "sessions", "Zwolle-Zuid")[1]
    ours = cli("--db", coord, "sessions", "Zwolle-Zuid")[1]
    assert ours == theirs and ours.strip()
    # codes, statuses and attendance are the same, unchanged
    theirs = cli("--db", fac, "participants", "Zwolle-Zuid")[1]
    assert cli("--db", coord, "participants", "Zwolle-Zuid")[1] == theirs
    before = _dump(coord)
    code, again = _receive(cli, coord, bkx)
    assert code == 0 and again[0]["status"] == "unchanged"
    assert _dump(coord) == before
    senders = json.loads(cli("--db", coord, "senders", "--json")[1])
    assert senders[0]["name"] == "Anja de Vries"
    assert senders[0]["circles"] == ["Zwolle-Zuid"] and senders[0]["last_sequence"] == 1


def test_a_newer_file_replaces_what_changed_and_an_older_one_is_ignored(pair, cli, tmp_path):
    """A later file updates the circle (a participant stopped); the earlier file, arriving late,
    is ignored with a message."""
    fac, coord, _inv = pair
    first = _send(cli, fac, tmp_path / "1.bkx")
    conn = sqlite3.connect(fac)
    with conn:
        conn.execute(
            "UPDATE participant SET status = 'stopped', stop_reason = 'moved' WHERE code = 'K1-01'"
        )
    conn.close()
    second = _send(cli, fac, tmp_path / "2.bkx")
    code, receipts = _receive(cli, coord, second, first)
    assert code == 0
    assert [r["status"] for r in receipts] == ["imported", "ignored"]
    assert "older" in receipts[1]["reason"]
    assert (
        cli("--db", coord, "participants", "Zwolle-Zuid")[1]
        == cli("--db", fac, "participants", "Zwolle-Zuid")[1]
    )


def test_nothing_that_identifies_anyone_leaves_the_laptop(pair, cli, tmp_path):
    """Aliases and goal texts with a marker are set; neither the file's bytes nor any unpacked
    member holds the marker (nor contact details)."""
    fac, _coord, _inv = pair
    conn = sqlite3.connect(fac)
    with conn:
        conn.execute("UPDATE participant SET alias = ?", [f"{MARKER} alias"])
        conn.execute("UPDATE goal SET text = ?", [f"{MARKER} goal"])
        conn.execute("UPDATE facilitator SET phone = '0612345678', email = 'a@b.nl'")
        conn.execute("UPDATE substitution SET reason = ?", [f"{MARKER} reason"])
        conn.execute("UPDATE session_event SET reason = ?", [f"{MARKER} event"])
    conn.close()
    assert cli("--db", fac, "goals", "K1-01")[0] in (0, 2)  # the goals are there
    raw = _send(cli, fac, tmp_path / "x.bkx").read_bytes()
    assert MARKER.encode() not in raw
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        for name in z.namelist():
            content = z.read(name)
            for secret in (MARKER.encode(), b"0612345678", b"a@b.nl", b"alias"):
                assert secret not in content, (name, secret)
        data = json.loads(z.read("data.json"))
    assert data["circles"][0]["participants"], "participants travel, by code"


# --- refusals ---------------------------------------------------------------------------------


def _signed(inv: dict, data: dict, **manifest) -> bytes:
    fields = {
        "organisation": inv["organisation"]["uid"],
        "sender": inv["sender"]["uid"],
        "sequence": 5,
        "created": "2026-11-29T12:00:00",
        "kind": "circles",
    }
    fields.update(manifest)
    secret = manifest.pop("secret", None) or inv["sender"]["secret"]
    fields.pop("secret", None)
    return write_bundle(Manifest(**fields), data, secret)


def _members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def _resign(inv: dict, members: dict[str, bytes], **change) -> bytes:
    """A file whose manifest is changed and signed again with the real secret."""
    import hmac

    fields = json.loads(members["manifest.json"])
    fields.pop("hmac")
    fields.update(change)
    fields["members"] = {"data.json": hashlib.sha256(members["data.json"]).hexdigest()}
    body = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    fields["hmac"] = hmac.new(
        bytes.fromhex(inv["sender"]["secret"]), body, hashlib.sha256
    ).hexdigest()
    return _zip({**members, "manifest.json": json.dumps(fields).encode()})


def _hostile(kind: str, good: bytes, inv: dict) -> bytes:
    members = _members(good)
    data = json.loads(members["data.json"])
    if kind == "bad hmac":
        fields = json.loads(members["manifest.json"])
        fields["hmac"] = "0" * 64
        return _zip({**members, "manifest.json": json.dumps(fields).encode()})
    if kind == "changed bytes":
        return _zip({**members, "data.json": members["data.json"].replace(b"Zwolle", b"Zwollx")})
    if kind == "unknown sender":
        return _signed(inv, data, sender="0d1e7e3c-0000-4000-8000-000000000000")
    if kind == "wrong organisation":
        return _signed(inv, data, organisation="another-organisation")
    if kind == "unknown format version":
        return _resign(inv, members, format_version=2)
    if kind == "truncated zip":
        return good[: len(good) // 2]
    if kind == "other members":
        return _zip({**members, "notes.txt": b"hello"})
    if kind == "path with ..":
        return _zip({"../manifest.json": members["manifest.json"], "data.json": b"{}"})
    if kind == "absolute path":
        return _zip({"/tmp/manifest.json": members["manifest.json"], "data.json": b"{}"})
    if kind == "too large unpacked":
        return _zip({"manifest.json": members["manifest.json"], "data.json": b" " * (51 << 20)})
    if kind == "zip bomb":
        bomb = members["data.json"] + b" " * (8 << 20)
        return _resign(inv, {**members, "data.json": bomb})
    if kind == "schema mismatch":
        data["circles"][0]["participants"][0]["alias"] = "Ann"
        return _signed(inv, data)
    if kind == "not my circle":
        data["circles"][0]["leads"] = []
        data["circles"][0]["substitutions"] = []
        return _signed(inv, data)
    if kind == "not a zip":
        return b"%PDF-1.4 this is something else entirely"
    raise AssertionError(kind)


HOSTILE = [
    ("bad hmac", "not authentic"),
    ("changed bytes", "changed"),
    ("unknown sender", "does not know"),
    ("wrong organisation", "another organisation"),
    ("unknown format version", "another version"),
    ("truncated zip", "damaged or incomplete"),
    ("other members", "other parts"),
    ("path with ..", "outside"),
    ("absolute path", "outside"),
    ("too large unpacked", "too large"),
    ("zip bomb", "zip bomb"),
    ("schema mismatch", "expected form"),
    ("not my circle", "do not lead"),
    ("not a zip", "damaged or incomplete"),
]


@pytest.mark.parametrize("kind, words", HOSTILE, ids=[k for k, _w in HOSTILE])
def test_a_hostile_file_is_refused_and_changes_nothing(pair, cli, tmp_path, kind, words):
    """Each hostile file: exit 2, the reason in plain words, the coordinator's database the same
    and no file written anywhere near it; a good file in the same run is still taken in."""
    fac, coord, inv = pair
    good = _send(cli, fac, tmp_path / "good.bkx")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = inbox / "bad.bkx"
    bad.write_bytes(_hostile(kind, good.read_bytes(), inv))
    before, files_before = _dump(coord), _outside(tmp_path, coord)
    code, receipts = _receive(cli, coord, bad)
    assert code == 2
    assert receipts[0]["status"] == "refused"
    assert words in receipts[0]["reason"]
    assert _dump(coord) == before
    assert _outside(tmp_path, coord) == files_before
    code, both = _receive(cli, coord, bad, good)
    assert code == 2
    assert [r["status"] for r in both] == ["refused", "imported"]


def test_receive_refuses_wrong_usage_in_one_line(pair, cli, tmp_path):
    """No files and no inbox, a missing inbox: exit 2 with one line."""
    _fac, coord, _inv = pair
    code, _out, err = cli("--db", coord, "receive")
    assert code == 2 and err.count("\n") == 1
    code, _out, err = cli("--db", coord, "receive", "--inbox", tmp_path / "nope")
    assert code == 2 and "does not exist" in err
    code, _out, err = cli("--db", coord, "receive", "--inbox", coord)
    assert code == 2 and "is not a folder" in err


def test_send_refuses_before_joining_and_for_a_circle_not_led(tmp_path, cli, pair):
    """A database that has not joined cannot send; nor can a circle its person does not lead."""
    fac, _coord, _inv = pair
    lone = tmp_path / "lone.db"
    cli("--db", lone, "demo")
    code, _out, err = cli("--db", lone, "send", "-o", tmp_path / "x.bkx")
    assert code == 2 and "not joined" in err
    code, _out, err = cli(
        "--db", fac, "send", "--circle", "Kampen Brunnepe", "-o", tmp_path / "y.bkx"
    )
    assert code == 2 and "does not lead" in err
    assert not (tmp_path / "x.bkx").exists() and not (tmp_path / "y.bkx").exists()


def test_outbox_and_inbox_folders(pair, cli, tmp_path):
    """A file sent into an outbox folder is picked up from that folder as an inbox; a second
    run finds it unchanged."""
    fac, coord, _inv = pair
    shared = tmp_path / "Nextcloud" / "kringen"
    shared.mkdir(parents=True)
    code, printed, _err = cli("--db", fac, "send", "--outbox", shared)
    assert code == 0 and Path(printed.strip()).parent == shared
    (shared / "readme.txt").write_text("not ours")
    code, receipts = _receive(cli, coord, "--inbox", shared)
    assert code == 0 and [r["status"] for r in receipts] == ["imported"]
    code, receipts = _receive(cli, coord, "--inbox", shared)
    assert [r["status"] for r in receipts] == ["unchanged"]


def test_the_coordinator_sends_programmes_that_the_facilitator_takes_in(pair, cli, tmp_path):
    """A programme edited at the coordinator's arrives at the facilitator's as a new version."""
    from budgetkring.planning.programmes import find_programme, save_version
    from budgetkring.store import open_store

    fac, coord, _inv = pair
    with open_store(coord) as store:
        programme = find_programme(store)
        programme.name = "Rondkomen in de regio"
        save_version(store, programme)
    out = tmp_path / "prog.bkx"
    assert cli("--db", coord, "send", "--programme", "-o", out)[0] == 0
    code, receipts = _receive(cli, fac, out)
    assert code == 0 and receipts[0]["status"] == "imported"
    assert "Rondkomen in de regio" in receipts[0]["circles"]
    with open_store(fac) as store:
        assert find_programme(store, "Rondkomen in de regio").sessions
    assert _receive(cli, fac, out)[1][0]["status"] == "unchanged"
    code, receipts = _receive(cli, coord, _send(cli, fac, tmp_path / "c.bkx"))
    assert receipts[0]["status"] == "imported"


def test_a_facilitator_cannot_send_programmes_nor_take_in_circles(pair, cli, tmp_path):
    """Programmes go from the coordinator only; circles only to the coordinator."""
    fac, coord, _inv = pair
    code, _out, err = cli("--db", fac, "send", "--programme", "-o", tmp_path / "p.bkx")
    assert code == 2 and "Only the coordinator" in err


def test_participant_codes_of_two_laptops_stay_unchanged_at_the_coordinator(tmp_path, cli, pair):
    """Two laptops both have K1-01: the coordinator keeps both, unchanged, in their circles."""
    fac, coord, _inv = pair
    other = tmp_path / "other.db"
    cli("--db", other, "add-circle", "Deventer Oost", "--municipality", "Deventer")
    for name in ("Bram Kok", "Sanne Ruis"):
        assert cli("--db", other, "add-facilitator", name, "--status", "certified")[0] == 0
    assert cli("--db", other, "pair", "Deventer Oost", "Bram Kok", "Sanne Ruis")[0] == 0
    cli("--db", other, "add-participant", "Deventer Oost", "--consent", "2026-11-01")
    invitation = tmp_path / "bram.bkinvite"
    cli("--db", coord, "invite", "Bram Kok", "-o", invitation)
    cli("--db", other, "join", invitation)
    a = _send(cli, fac, tmp_path / "a.bkx")
    b = _send(cli, other, tmp_path / "b.bkx")
    code, receipts = _receive(cli, coord, a, b)
    assert code == 0, receipts
    first = cli("--db", coord, "participants", "Zwolle-Zuid")[1]
    second = cli("--db", coord, "participants", "Deventer Oost")[1]
    assert first.startswith("K1-01") and second.startswith("K1-01")
    code, _out, err = cli("--db", coord, "progress", "K1-01")
    assert code == 2 and "more than one circle" in err


def test_a_received_circle_is_changed_on_its_laptop_not_at_the_coordinator(
    pair, cli, tmp_path, qtbot, prompter
):
    """At the coordinator a received circle says where it comes from (CLI and Kringen page),
    and editing it or its pair is not offered there."""
    from budgetkring.settings import Settings
    from budgetkring.store import open_store
    from ui.context import AppContext
    from ui.pages.circles import CirclesPage

    fac, coord, _inv = pair
    _receive(cli, coord, _send(cli, fac, tmp_path / "one.bkx"))
    circles = json.loads(cli("--db", coord, "circles", "--json")[1])
    assert circles[0]["received_from"] == "Anja de Vries"
    assert circles[0]["received_at"] == "2026-11-29T12:00:00"
    assert json.loads(cli("--db", fac, "circles", "--json")[1])[0]["received_from"] is None
    with open_store(coord) as store:
        ctx = AppContext(store, Settings(), tmp_path / "s.json", prompter, lambda: TODAY)
        page = CirclesPage(ctx)
        qtbot.addWidget(page)
        page.table.selectRow(0)
        assert not page.edit_button.isEnabled() and not page.pair_button.isEnabled()
        assert "comes from the laptop of Anja de Vries" in page.received_note.text()
        page.edit_selected()  # as a double-click would
        assert prompter.dialogs == []


def test_a_file_whose_ids_clash_with_another_circle_is_refused(pair, cli, tmp_path):
    """A signed file that gives a new circle the meetings (uids) of a circle already here is
    refused in plain words, and nothing of it is kept."""
    fac, coord, inv = pair
    good = _send(cli, fac, tmp_path / "good.bkx")
    assert _receive(cli, coord, good)[1][0]["status"] == "imported"
    data = json.loads(_members(good.read_bytes())["data.json"])
    data["circles"][0]["uid"] = "0d1e7e3c-0000-4000-8000-00000000c1c1"
    clash = tmp_path / "clash.bkx"
    clash.write_bytes(_signed(inv, data, sequence=9))
    before = _dump(coord)
    code, receipts = _receive(cli, coord, clash)
    assert code == 2
    assert receipts[0]["status"] == "refused" and "clashes" in receipts[0]["reason"]
    assert _dump(coord) == before
