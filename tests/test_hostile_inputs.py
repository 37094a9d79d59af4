"""Every command of the `budgetkring` command line against hostile input, as a real process.

Each case runs ``python main.py --db PATH COMMAND ...`` in a folder of its own and checks what a
user may rely on (README, "Exit status"): the exit status is one the case allows (0 or 2; 1 only
where "found problems" is a real answer: `check` on a damaged file, `gaps`, `fill-gaps`), no
traceback, at most one line on stderr, and a refused command (exit 2) leaves the database file,
its -wal (an empty new one holds no change) and every file named in the arguments byte for byte
as they were. A command that succeeded on a sound database must leave it sound
(``PRAGMA integrity_check``). A separate test asks that stderr does not echo typed control
characters raw (README: "one plain line").

How the matrix is chosen (the full cross product is some 19 commands x 30 values; this picks
about 230 cases so that every command meets every *kind* of hostile value at least once and
every value is used at least once):

- baseline: every command once with good arguments on a demo database, so that a refusal in
  the other groups is caused by the hostile value and not by a broken template;
- text: control characters (newline, ESC, BEL, VT, an ANSI colour code, the RTL override),
  invalid UTF-8 (bytes in argv; Python sees surrogates) and a 10,000-character string, put in
  the middle of a good value. The commands that store text (add-circle, add-facilitator,
  cancel --reason) get all eight; the other commands with a name, number or file argument get
  invalid UTF-8, the huge string and two control characters in turn; the commands without one
  (demo, check, circles, facilitators, gaps, fill-gaps) get them in the name of the --db file;
- empty: "" for optional arguments (and a few required ones) of every command that has them;
- database: what --db points at: a folder, a named pipe, a device, a read-only file, a file in
  a read-only folder, a damaged demo (a page overwritten), a demo cut to half, another app's
  SQLite file, a demo of a newer Budgetkring, an empty file. check, circles, add-circle,
  backup and demo meet all ten; every other command meets two of them in turn (no pipes: a
  hang costs a full timeout);
- output: where `ics -o`, `backup --to` and `restore FILE` point: the same odd files, the
  database itself and its -wal (those two must be refused), a folder that does not exist.

The permission cases are skipped when the tests run as root (root writes anyway). A device is
made with mknod in the case's folder when running as root, so that nothing can ever replace the
real /dev/null; without mknod those cases are skipped.

Every case runs in a folder of its own (also its working directory), so that an empty or
relative path can never land in the checkout. The processes are started in parallel (a pool per
module, for the selected cases only) so that the file stays fast; every case still has its own
test and its own verdict.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import process_env

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
TIMEOUT = 60  # seconds; a hang fails its case instead of hanging the suite
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

OK_OR_REFUSED = frozenset({0, 2})
MAY_FIND_PROBLEMS = frozenset({0, 1, 2})
REFUSED = frozenset({2})

# --- hostile values --------------------------------------------------------------------------

CONTROL = {
    "newline": "\n",
    "esc": "\x1b",
    "bel": "\x07",
    "vt": "\x0b",
    "ansi": "\x1b[31m",
    "rtl": "\u202e",
}
INVALID_UTF8 = b"\xff\xfe"
HUGE = "x" * 10_000
TEXT: dict[str, str | bytes] = {**CONTROL, "bad-utf8": INVALID_UTF8, "huge": HUGE}

# What --db, an output or an input file can point at (made fresh for every case).
DB_KINDS = (
    "dir",
    "fifo",
    "device",
    "readonly",
    "ro-folder",
    "damaged",
    "truncated",
    "other-app",
    "newer",
    "empty",
)
PERMISSION_KINDS = {"readonly", "ro-folder", "ro-folder-new"}
SOUND_KINDS = {"demo", "named", "readonly", "ro-folder"}  # a sound Budgetkring database


@dataclass(frozen=True)
class Special:
    """A path made per case: ``kind`` says what is there, ``text`` is put into its name."""

    kind: str
    text: str | bytes = ""


@dataclass(frozen=True)
class Case:
    """One command line to run: ``db`` is what --db points at; ``expect`` the allowed exits."""

    name: str
    argv: tuple
    db: Special = Special("demo")
    expect: frozenset = OK_OR_REFUSED

    @property
    def kinds(self) -> set[str]:
        """Every kind of special path the case uses."""
        return {self.db.kind} | {a.kind for a in self.argv if isinstance(a, Special)}


# --- the commands, with good arguments on the demo database ----------------------------------

GOOD_BACKUP = Special("good-backup")
NEW_OUT = Special("new")

TEMPLATES: dict[str, tuple] = {
    "demo": ("demo",),
    "check": ("check",),
    "backup": ("backup", "--to", NEW_OUT),
    "restore": ("restore", GOOD_BACKUP),
    "circles": ("circles", "--json"),
    "add-circle": (
        "add-circle",
        "Nieuwe kring",
        "--municipality",
        "Zwolle",
        "--place",
        "Buurthuis",
        "--start",
        "2027-01-12",
    ),
    "plan": (
        "plan",
        "Kampen Brunnepe",
        "--start",
        "2027-01-05",
        "--weekday",
        "tue",
        "--time",
        "13:30-15:30",
        "--every",
        "2w",
        "--region",
        "noord",
        "--programme",
        "Gelukkig met Genoeg",
        "--dry-run",
    ),
    "sessions": ("sessions", "Zwolle-Zuid"),
    "move": ("move", "12", "--to", "2026-12-16", "--time", "14:00-16:00", "--reason", "zaal"),
    "cancel": ("cancel", "12", "--reason", "zaal bezet"),
    "ics": ("ics", "--circle", "Zwolle-Zuid", "-o", NEW_OUT),
    "facilitators": ("facilitators",),
    "add-facilitator": (
        "add-facilitator",
        "Nieuwe Begeleider",
        "--status",
        "certified",
        "--town",
        "Zwolle",
        "--available",
        "mon,tue",
        "--max-per-month",
        "3",
    ),
    "pair": ("pair", "Kampen Brunnepe", "Henk Smit", "Fatma Yilmaz", "--from", "2027-01-01"),
    "absence": ("absence", "Henk Smit", "--from", "2027-02-01", "--to", "2027-02-14"),
    "gaps": ("gaps", "--from", "2026-12-01", "--to", "2027-03-01"),
    "suggest": ("suggest", "12"),
    "substitute": ("substitute", "12", "--in", "Fatma Yilmaz", "--out", "Mohamed Amrani"),
    "fill-gaps": ("fill-gaps", "--from", "2026-12-01", "--to", "2027-03-01", "--dry-run"),
}
FINDS_PROBLEMS = {"gaps", "fill-gaps"}  # exit 1 is their answer "there are gaps"
BASELINE_DB = {"demo": Special("fresh")}  # demo needs an empty file


def allowed(command: str, db_kind: str = "demo") -> frozenset:
    """The exits allowed for a command on this kind of database."""
    if command in FINDS_PROBLEMS:
        return MAY_FIND_PROBLEMS
    if command == "check" and db_kind in ("damaged", "truncated"):
        return frozenset({1, 2})
    return OK_OR_REFUSED


def with_value(command: str, slot: int | str, value) -> tuple:
    """The command's template with one argument replaced (``slot``: position or option).

    An option missing from the template is added with the value.
    """
    argv = list(TEMPLATES[command])
    if isinstance(slot, int):
        argv[slot] = value
    elif slot in argv:
        argv[argv.index(slot) + 1] = value
    else:
        argv += [slot, value]
    return tuple(argv)


def good_value(command: str, slot: int | str) -> str:
    """The template's value at ``slot`` (a position or an option)."""
    argv = TEMPLATES[command]
    return argv[slot] if isinstance(slot, int) else argv[argv.index(slot) + 1]


def spliced(good: str, value: str | bytes) -> str | bytes:
    """``value`` put in the middle of a good value (so that strip() cannot remove it)."""
    middle = len(good) // 2
    if isinstance(value, bytes):
        raw = good.encode()
        return raw[:middle] + value + raw[middle:]
    return good[:middle] + value + good[middle:]


# --- the matrix --------------------------------------------------------------------------------


def baseline_cases() -> list[Case]:
    """Every command once with good arguments."""
    return [
        Case(f"{cmd}-baseline", argv, BASELINE_DB.get(cmd, Special("demo")), allowed(cmd))
        for cmd, argv in TEMPLATES.items()
    ]


STORING_SLOTS = {"add-circle": 1, "add-facilitator": 1, "cancel": "--reason"}
NAMING_SLOTS = {
    "plan": 1,
    "sessions": 1,
    "move": 1,
    "ics": "--circle",
    "pair": 2,
    "absence": 1,
    "suggest": 1,
    "substitute": "--in",
}
FILE_SLOTS = {"restore": 1, "backup": "--to"}
PATHLESS = ("demo", "check", "circles", "facilitators", "gaps", "fill-gaps")


def text_cases() -> list[Case]:
    """Control characters, invalid UTF-8 and huge strings in names, numbers and file names."""
    cases = []
    for cmd, slot in STORING_SLOTS.items():
        good = good_value(cmd, slot)
        for label, value in TEXT.items():
            argv = with_value(cmd, slot, spliced(good, value))
            cases.append(Case(f"{cmd}-{label}", argv, expect=allowed(cmd)))
    control = list(CONTROL)
    others = [*NAMING_SLOTS.items(), *FILE_SLOTS.items(), *((c, None) for c in PATHLESS)]
    for n, (cmd, slot) in enumerate(others):
        labels = [control[(2 * n) % 6], control[(2 * n + 1) % 6], "bad-utf8", "huge"]
        for label in labels:
            value = TEXT[label]
            if slot is None:  # no argument to put it in: the --db file's name gets it
                db = Special("named", value) if cmd != "demo" else Special("named-new", value)
                argv = TEMPLATES[cmd]
            elif cmd in FILE_SLOTS:
                db = Special("demo")
                kind = "named" if cmd == "restore" else "named-new"
                argv = with_value(cmd, slot, Special(kind, value))
            else:
                db = Special("demo")
                argv = with_value(cmd, slot, spliced(good_value(cmd, slot), value))
            where = "db-name" if slot is None else "name"
            cases.append(Case(f"{cmd}-{where}-{label}", argv, db, allowed(cmd)))
    return cases


EMPTY_SLOTS = [
    ("add-circle", "--place"),
    ("add-circle", "--start"),
    ("plan", "--programme"),
    ("plan", "--region"),
    ("move", "--time"),
    ("move", "--reason"),
    ("cancel", "--reason"),
    ("ics", "-o"),
    ("add-facilitator", "--town"),
    ("add-facilitator", "--available"),
    ("pair", "--from"),
    ("absence", "--from"),
    ("gaps", "--from"),
    ("gaps", "--to"),
    ("fill-gaps", "--from"),
    ("substitute", "--out"),
    ("backup", "--to"),
    ("restore", 1),
]


def empty_cases() -> list[Case]:
    """An empty string where an argument is optional (and a few where it is required)."""
    cases = [
        Case(
            f"{cmd}-{slot if isinstance(slot, str) else 'FILE'}=''",
            with_value(cmd, slot, ""),
            expect=allowed(cmd),
        )
        for cmd, slot in EMPTY_SLOTS
    ]
    cases.append(Case("circles-db=''", TEMPLATES["circles"], Special("empty-path")))
    return cases


FULL_DB_COMMANDS = ("check", "circles", "add-circle", "backup", "demo")


def database_cases() -> list[Case]:
    """--db pointing at odd files: all of them for five commands, two each for the rest."""
    cases = [
        Case(f"{cmd}-db={kind}", TEMPLATES[cmd], Special(kind), allowed(cmd, kind))
        for cmd in FULL_DB_COMMANDS
        for kind in DB_KINDS
    ]
    no_pipe = [k for k in DB_KINDS if k != "fifo"]
    rest = [cmd for cmd in TEMPLATES if cmd not in FULL_DB_COMMANDS]
    for n, cmd in enumerate(rest):
        for kind in (no_pipe[(2 * n) % len(no_pipe)], no_pipe[(2 * n + 1) % len(no_pipe)]):
            cases.append(
                Case(f"{cmd}-db={kind}", TEMPLATES[cmd], Special(kind), allowed(cmd, kind))
            )
    return cases


OUTPUT_KINDS = (
    "dir",
    "fifo",
    "device",
    "readonly",
    "ro-folder-new",
    "db",
    "db-wal",
    "missing-folder",
)
RESTORE_KINDS = (
    "dir",
    "fifo",
    "device",
    "damaged",
    "truncated",
    "other-app",
    "newer",
    "empty",
    "db",
)


def output_cases() -> list[Case]:
    """Outputs (ics -o, backup --to) and the restore input pointing at odd files."""
    cases = []
    for cmd, slot in (("ics", "-o"), ("backup", "--to")):
        for kind in OUTPUT_KINDS:
            expect = REFUSED if kind in ("db", "db-wal") else allowed(cmd)
            argv = with_value(cmd, slot, Special(kind))
            cases.append(Case(f"{cmd}-{slot}={kind}", argv, expect=expect))
    for kind in RESTORE_KINDS:
        argv = with_value("restore", 1, Special(kind))  # restoring any of these loses data
        cases.append(Case(f"restore-FILE={kind}", argv, expect=REFUSED))
    return cases


BASELINE = baseline_cases()
TEXT_CASES = text_cases()
EMPTY_CASES = empty_cases()
DATABASE_CASES = database_cases()
OUTPUT_CASES = output_cases()


def skip_reason(case: Case) -> str:
    """Why a case cannot mean anything on this machine ("" when it can run)."""
    if IS_ROOT and case.kinds & PERMISSION_KINDS:
        return "running as root: file permissions do not stop root, so the case proves nothing"
    if "device" in case.kinds and IS_ROOT and not _can_mknod():
        return "running as root without mknod: a failure could replace the real /dev/null"
    if "fifo" in case.kinds and not hasattr(os, "mkfifo"):
        return "no named pipes on this platform"
    return ""


_MKNOD: list[bool] = []


def _can_mknod() -> bool:
    if not _MKNOD:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            try:
                os.mknod(Path(folder, "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
                _MKNOD.append(True)
            except (OSError, AttributeError):
                _MKNOD.append(False)
    return _MKNOD[0]


# --- making the files --------------------------------------------------------------------------


@dataclass
class Seeds:
    """The files every case copies from (made once per session)."""

    demo: Path
    damaged: Path
    truncated: Path
    other_app: Path
    newer: Path
    home: Path


def _integrity(path: Path | bytes) -> str:
    """SQLite's integrity_check as one string (or the error it raised)."""
    try:
        conn = sqlite3.connect(os.fsdecode(path))
        try:
            return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return f"error: {err}"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    """A demo database made by the command line, and the damaged kinds made from it."""
    folder = tmp_path_factory.mktemp("seeds")
    home = folder / "home"
    demo = folder / "demo.db"
    done = subprocess.run(
        [sys.executable, MAIN, "--db", str(demo), "demo"],
        cwd=folder,
        env=process_env(home),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    for backups in folder.glob("demo*backups"):
        shutil.rmtree(backups)
    for extra in ("demo.db.lock", "demo.db-wal", "demo.db-shm"):
        (folder / extra).unlink(missing_ok=True)
    data = demo.read_bytes()
    damaged = folder / "damaged.db"
    page = 4096
    for n in range(len(data) // page // 2, len(data) // page):  # a page in the middle
        broken = bytearray(data)
        broken[n * page : n * page + 64] = b"\xa5" * 64  # its header and cell pointers
        damaged.write_bytes(bytes(broken))
        if _integrity(damaged) != "ok":
            break
    assert _integrity(damaged) != "ok", "no page in the middle could be damaged"
    truncated = folder / "truncated.db"
    truncated.write_bytes(data[: len(data) // 2])
    other_app = folder / "other.db"
    conn = sqlite3.connect(other_app)
    conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipe (title) VALUES ('erwtensoep')")
    conn.commit()
    conn.close()
    newer = folder / "newer.db"
    shutil.copy(demo, newer)
    conn = sqlite3.connect(newer)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('budgetkring', '9999_from_the_future', '2030-01-01 00:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    return Seeds(demo, damaged, truncated, other_app, newer, home)


def make(special: Special, folder: Path, seeds: Seeds, db: bytes | None = None) -> bytes:
    """Create what ``special`` describes inside ``folder``; returns its path (as bytes)."""
    base = os.fsencode(folder)
    kind = special.kind
    if kind == "db":
        assert db is not None
        return db
    if kind == "db-wal":
        assert db is not None
        return db + b"-wal"
    if kind == "empty-path":
        return b""
    if kind in ("named", "named-new"):
        text = special.text
        raw = text if isinstance(text, bytes) else text.encode()
        path = base + b"/kring" + raw + b".db"
        if kind == "named":
            try:
                shutil.copy(seeds.demo, path)
            except OSError:  # a name too long for the file system: the file is simply not there
                pass
        return path
    copies = {
        "demo": seeds.demo,
        "good-backup": seeds.demo,
        "readonly": seeds.demo,
        "damaged": seeds.damaged,
        "truncated": seeds.truncated,
        "other-app": seeds.other_app,
        "newer": seeds.newer,
    }
    path = base + b"/" + kind.encode() + b".db"
    if kind in copies:
        shutil.copy(copies[kind], path)
        if kind == "readonly":
            os.chmod(path, 0o444)
    elif kind in ("fresh", "new"):
        pass
    elif kind == "empty":
        open(path, "wb").close()
    elif kind == "dir":
        os.mkdir(path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        if IS_ROOT:  # never the real /dev/null: a bug could replace it with a regular file
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:  # someone else cannot change anything in /dev
            path = b"/dev/null"
    elif kind in ("ro-folder", "ro-folder-new"):
        locked = base + b"/locked"
        os.mkdir(locked)
        path = locked + b"/kring.db"
        if kind == "ro-folder":
            shutil.copy(seeds.demo, path)
        os.chmod(locked, 0o555)
    elif kind == "missing-folder":
        path = base + b"/no-such-folder/out.ics"
    else:  # pragma: no cover - a typo in the matrix
        raise ValueError(kind)
    return path


def fingerprint(path: bytes):
    """What is at ``path``: a file's SHA-256, a folder's listing, another node's type."""
    if not path:
        return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode):
        with open(path, "rb") as f:
            return ("file", hashlib.sha256(f.read()).hexdigest())
    if stat.S_ISDIR(info.st_mode):
        return ("folder", tuple(sorted(os.listdir(path))))
    return ("node", stat.S_IFMT(info.st_mode), info.st_rdev)  # never opened: a pipe would block


def _empty(path: bytes) -> bool:
    """True for an empty regular file (a -wal SQLite left behind holds no change)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


# --- running -----------------------------------------------------------------------------------


@dataclass
class Result:
    """What a case did."""

    code: int | None  # None: killed after TIMEOUT
    stdout: str
    stderr: str
    changed: list[str] = field(default_factory=list)  # protected paths that changed
    integrity: str = "ok"


def run_case(case: Case, folder: Path, seeds: Seeds) -> Result:
    """Make the case's files, run the command, and see what changed."""
    db = make(case.db, folder, seeds)
    made = {a: make(a, folder, seeds, db) for a in case.argv if isinstance(a, Special)}
    argv = [made.get(a, a) if isinstance(a, Special) else a for a in case.argv]
    wal = db + b"-wal"
    protected = dict.fromkeys([db, wal, *made.values()])
    before = {p: fingerprint(p) for p in protected}
    try:
        done = subprocess.run(
            [sys.executable, MAIN, "--db", db, *argv],
            cwd=folder,
            env=process_env(seeds.home),
            capture_output=True,
            timeout=TIMEOUT,
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as timeout:
        code, out, err = None, timeout.stdout or b"", timeout.stderr or b""
    finally:
        locked = os.path.join(os.fsencode(folder), b"locked")
        if os.path.isdir(locked):
            os.chmod(locked, 0o755)
    result = Result(code, out.decode(errors="replace"), err.decode(errors="replace"))
    result.changed = [
        os.fsdecode(p).rsplit("/", 1)[-1][:40]
        for p in protected
        if fingerprint(p) != before[p] and not (p == wal and before[p] is None and _empty(p))
    ]
    if code == 0 and case.db.kind in SOUND_KINDS and os.path.isfile(db):
        result.integrity = _integrity(db)
    return result


ALL_CASES = BASELINE + TEXT_CASES + EMPTY_CASES + DATABASE_CASES + OUTPUT_CASES


@pytest.fixture(scope="module")
def results(request, tmp_path_factory, seeds):
    """Start every selected case at once (on a pool), so each test only waits for its own."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if isinstance(getattr(item, "callspec", None) and item.callspec.params.get("case"), Case)
    ]
    runnable = [c for c in dict.fromkeys(selected) if not skip_reason(c)]
    # A case that may block (a named pipe) gets its own thread: it costs no CPU while it hangs.
    risky = [c for c in runnable if "fifo" in c.kinds]
    calm = [c for c in runnable if c not in risky]
    pools = [
        ThreadPoolExecutor(max_workers=max(1, len(risky))),
        ThreadPoolExecutor(max_workers=max(2, 2 * (os.cpu_count() or 2))),
    ]
    futures: dict[str, Future] = {}
    for pool, cases in zip(pools, (risky, calm), strict=True):
        for case in cases:
            folder = tmp_path_factory.mktemp("case")
            futures[case.name] = pool.submit(run_case, case, folder, seeds)
    yield futures
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def verdict(case: Case, results: dict[str, Future]) -> Result:
    """Run (or fetch) the case and assert what every case must satisfy."""
    reason = skip_reason(case)
    if reason:
        pytest.skip(reason)
    r = results[case.name].result()
    first = r.stderr.strip().split("\n")[0][:120] if r.stderr.strip() else ""
    summary = f"exit {r.code}, stderr {first!r}, changed {r.changed or 'nothing'}"
    assert r.code is not None, f"hung for {TIMEOUT} s; {summary}"
    assert "Traceback" not in r.stderr, f"traceback; {summary}"
    assert r.code in case.expect, f"exit {r.code} not in {sorted(case.expect)}; {summary}"
    lines = r.stderr.rstrip("\n").split("\n") if r.stderr.strip() else []
    assert len(lines) <= 1, f"{len(lines)} lines on stderr; {summary}"
    if r.code == 2:
        assert not r.changed, f"refused but changed {r.changed}; {summary}"
    assert r.integrity == "ok", f"succeeded but left the database unsound: {r.integrity}"
    return r


def ids(case: Case) -> str:
    """A readable test id."""
    return case.name.encode("unicode_escape").decode()[:60]


# --- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BASELINE, ids=ids)
def test_every_command_works_with_good_arguments(case, results):
    """The template of each command succeeds on the demo, so a refusal below means something."""
    r = verdict(case, results)
    assert r.code in (0, 1), f"the good template was refused: {r.stderr.strip()}"


@pytest.mark.parametrize("case", TEXT_CASES, ids=ids)
def test_control_characters_bad_utf8_and_huge_text(case, results):
    """Control characters, invalid UTF-8 and 10,000 characters: a clean answer, never a crash."""
    verdict(case, results)


@pytest.mark.parametrize("case", EMPTY_CASES, ids=ids)
def test_empty_arguments(case, results):
    """An empty string for an argument is taken as absent or refused in one line."""
    verdict(case, results)


@pytest.mark.parametrize("case", DATABASE_CASES, ids=ids)
def test_odd_database_files(case, results):
    """--db on a folder, pipe, device, damaged, foreign, newer or empty file: clean, unchanged."""
    verdict(case, results)


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=ids)
def test_odd_output_and_input_files(case, results):
    """ics -o, backup --to and restore FILE on odd files; never over the database itself."""
    verdict(case, results)


BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("case", TEXT_CASES, ids=ids)
def test_messages_echo_no_control_characters(case, results):
    """stderr is *plain* (README: "one plain line"): typed control characters are not echoed."""
    reason = skip_reason(case)
    if reason:
        pytest.skip(reason)
    r = results[case.name].result()
    message = r.stderr.rstrip("\n")
    raw = sorted({ch for ch in message if ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc"})
    assert not raw, f"stderr carries {[hex(ord(ch)) for ch in raw]}: {message[:100]!r}"


def test_matrix_covers_every_command_and_every_value():
    """Every command and every hostile value occurs in at least one case."""
    cases = TEXT_CASES + EMPTY_CASES + DATABASE_CASES + OUTPUT_CASES
    assert {c.argv[0] for c in cases} == set(TEMPLATES)
    names = " ".join(c.name for c in cases)
    for label in [*TEXT, *DB_KINDS, "db-wal", "=''"]:
        assert label in names, label
