"""Ten `budgetkring` processes at once on one database: backups, the first read of the day
(which makes the daily backup) and writes, on a current database and on one of an old schema
(whose first open migrates it).

Every process is started before any is waited for. Each must end with 0, or with 2 and one
plain line (the database is busy or open elsewhere); nothing may crash, every circle whose
add-circle succeeded must be there afterwards, every backup reported made must be sound, and
the database must pass SQLite's integrity check and `budgetkring check`.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import process_env

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
OLD_SCHEMA = ROOT / "tests" / "fixtures" / "schema-0002_planning.db"
TIMEOUT = 120  # seconds for the whole crowd; a hang fails the test
PROCESSES = 10
ROUNDS = 3  # fresh copies per kind of database: more chances for the processes to collide


@pytest.fixture(scope="module")
def current_db(tmp_path_factory) -> Path:
    """A demo database of the current schema, made by the command line."""
    folder = tmp_path_factory.mktemp("current")
    path = folder / "demo.db"
    done = subprocess.run(
        [sys.executable, MAIN, "--db", str(path), "demo"],
        cwd=folder,
        env=process_env(folder / "home"),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    return path


def crowd(db: Path, folder: Path) -> list[tuple[list[str], str]]:
    """The ten command lines: add-circle, circles and backup in turn; names are distinct."""
    commands = []
    for n in range(PROCESSES):
        kind = ("add-circle", "circles", "backup")[n % 3]
        if kind == "add-circle":
            args = ["add-circle", f"Tegelijk {n}", "--municipality", "Zwolle"]
        elif kind == "circles":
            args = ["circles"]
        else:  # half into the backup folder (shared names and rotation), half to a file
            args = ["backup"] if n % 2 else ["backup", "--to", str(folder / f"backup-{n}.db")]
        commands.append(([sys.executable, MAIN, "--db", str(db), *args], kind))
    return commands


def is_plain(line: str) -> bool:
    """One line without control characters (the final newline aside)."""
    text = line.rstrip("\n")
    return "\n" not in text and not any(unicodedata.category(ch) == "Cc" for ch in text)


def integrity(path: Path) -> str:
    """integrity_check and foreign_key_check in one string ("ok" when both are clean)."""
    conn = sqlite3.connect(path)
    try:
        result = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return result if not orphans else f"{result}; foreign keys: {orphans[:3]}"


@pytest.mark.parametrize("round_", range(ROUNDS))
@pytest.mark.parametrize("start", ["current", "old-schema"])
def test_ten_processes_at_once(start, round_, current_db, tmp_path):
    """Backups, first reads and writes at once: no crash, nothing lost, the file stays sound."""
    db = tmp_path / "kring.db"
    shutil.copy(current_db if start == "current" else OLD_SCHEMA, db)
    for folder in tmp_path.glob("kring*backups"):  # so that the next read is the day's first
        shutil.rmtree(folder)
    env = process_env(tmp_path / "home")
    procs = [
        (
            subprocess.Popen(
                argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            ),
            argv,
            kind,
        )
        for argv, kind in crowd(db, tmp_path)
    ]
    outcomes = []
    for proc, argv, kind in procs:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            outcomes.append((kind, argv, None, out.decode(errors="replace"), "hung"))
            continue
        outcomes.append(
            (
                kind,
                argv,
                proc.returncode,
                out.decode(errors="replace"),
                err.decode(errors="replace"),
            )
        )

    problems = []
    for _kind, argv, code, _out, err in outcomes:
        said = f"{' '.join(argv[4:])} -> exit {code}, stderr {err.strip()[:150]!r}"
        if code is None or "Traceback" in err or code not in (0, 2):
            problems.append(said)
        elif code == 2 and not (err.strip() and is_plain(err)):
            problems.append(said + " (exit 2 needs one plain line)")
        elif code == 2 and ("damaged" in err or "not a Budgetkring database" in err):
            problems.append(said + " (a sound database called damaged or foreign)")
    assert not problems, "\n".join(problems)

    conn = sqlite3.connect(db)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM circle")}
    finally:
        conn.close()
    added = [argv[5] for kind, argv, code, _o, _e in outcomes if kind == "add-circle" and code == 0]
    assert set(added) <= names, f"acknowledged but missing: {sorted(set(added) - names)}"
    assert integrity(db) == "ok", integrity(db)
    for kind, _argv, code, out, _err in outcomes:
        if kind == "backup" and code == 0:
            made = Path(out.strip().splitlines()[-1])
            assert made.is_file() and integrity(made) == "ok", f"backup {made} is not sound"
    check = subprocess.run(
        [sys.executable, MAIN, "--db", str(db), "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert check.returncode == 0, check.stdout + check.stderr
