"""Stress benchmark: random SIGKILLs of writing commands, then check that nothing was harmed.

    make stress          (or: .venv/bin/python bench/stress.py [KILLS] [--jobs N] [--seed S])

Each round starts one writing command (add-circle, add-facilitator, absence, plan, move,
cancel, substitute, backup, restore, or demo into a fresh file) on a worker's copy of a demo
database, waits a random moment and kills it with SIGKILL. The moment is drawn from the
command's own run time measured on this machine at the start (half the rounds anywhere in
0..1.05 x that time, half in its last third, where the writing happens), so the kills land in
the same phases on a fast and on a slow machine. A command that ends before its kill is counted
but not as a kill; rounds go on until KILLS kills have landed (default 1000).

After each kill: the app's own next steps on the file as the kill left it (`budgetkring check`,
which must exit 0, then a normal open with the lock, which must succeed: a refusal that it is
"already open" is a stale lock); then SQLite's integrity_check and foreign_key_check; then that
acknowledged work is there: a circle or facilitator whose command printed its success line, a
backup that was printed, a restore or demo that said it was done. A worker's database is a
fresh copy of the demo every 25 rounds, so most kills hit a file that earlier kills hit too.

The last lines give the figures; the exit status is 1 when any of them is not zero.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import process_env  # noqa: E402 - one environment for every process

MAIN = str(ROOT / "main.py")
TODAY = "2026-11-29"
TIMEOUT = 60  # seconds for any one process; more is a hang
REFRESH_EVERY = 25  # rounds on one copy before a worker starts again from the demo
COMMANDS = (
    "add-circle",
    "add-facilitator",
    "absence",
    "plan",
    "move",
    "cancel",
    "substitute",
    "backup",
    "restore",
    "demo",
)

# Runs in a fresh process after a kill: the app's check, then the app's own next open.
PROBE = """
import sys
from ui.launcher import main
db = sys.argv[1]
print("@check", main(["--db", db, "check"]), flush=True)
from budgetkring.organisation.database import open_database
try:
    open_database(db).close()
except Exception as err:
    print("@open", type(err).__name__, str(err).replace("\\n", " "), flush=True)
else:
    print("@open ok", flush=True)
"""


def remove_db(path: Path) -> None:
    """A database file with its -wal, -shm, lock and backup folder."""
    for companion in path.parent.glob(path.name + "*"):
        if companion.is_dir():
            shutil.rmtree(companion, ignore_errors=True)
        else:
            companion.unlink(missing_ok=True)
    for backups in path.parent.glob(path.stem + "*backups"):
        shutil.rmtree(backups, ignore_errors=True)


@dataclass
class Figures:
    """What the rounds found (shared by the workers, under ``lock``)."""

    commands: int = 0
    kills: int = 0
    finished_first: int = 0
    corrupt: int = 0
    failed_checks: int = 0
    lost_writes: int = 0
    stale_locks: int = 0
    failed_opens: int = 0
    crashes: int = 0
    kills_by_command: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, text: str) -> None:
        """Count a problem of ``kind`` and keep its first examples."""
        with self.lock:
            setattr(self, kind, getattr(self, kind) + 1)
            self.examples.setdefault(kind, [])
            if len(self.examples[kind]) < 3:
                self.examples[kind].append(text)


class Bench:
    """The shared set-up: the demo, the environment, the measured run time of each command."""

    def __init__(self, folder: Path, seed: int):
        self.folder = folder
        self.env = process_env(folder / "home")
        self.demo = folder / "demo.db"
        self.good_backup = folder / "good-backup.db"
        self.seed = seed
        self.run_ms: dict[str, float] = {}
        self.figures = Figures()
        self.target_kills = 0
        done = self.run([sys.executable, MAIN, "--db", str(self.demo), "demo"])
        if done.returncode != 0:
            sys.exit(f"the demo could not be made: {done.stderr.strip()}")
        for backups in folder.glob("demo*backups"):
            shutil.rmtree(backups)
        shutil.copy(self.demo, self.good_backup)
        conn = sqlite3.connect(self.demo)
        self.upcoming = [
            r[0]
            for r in conn.execute("SELECT id FROM session WHERE date > ? ORDER BY date", [TODAY])
        ]
        self.demo_circles = {r[0] for r in conn.execute("SELECT name FROM circle")}
        conn.close()

    def run(self, argv: list[str]) -> subprocess.CompletedProcess:
        """Run a process to its end (within TIMEOUT)."""
        return subprocess.run(
            argv, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=TIMEOUT
        )

    def command(self, name: str, db: Path, n: int, rng: random.Random) -> tuple[list[str], Path]:
        """The command line of one round, and the database it writes to."""
        day = f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        session = str(rng.choice(self.upcoming))
        args: list[str]
        if name == "add-circle":
            args = ["add-circle", f"Stress {n}", "--municipality", "Zwolle", "--place", "x" * n]
        elif name == "add-facilitator":
            args = ["add-facilitator", f"Stress Persoon {n}", "--status", "trainee"]
        elif name == "absence":
            args = ["absence", "Henk Smit", "--from", day, "--to", day]
        elif name == "plan":
            circle = rng.choice(["Kampen Brunnepe", "Deventer Centrum"])
            args = ["plan", circle, "--start", "2027-01-05", "--weekday", "tue"]
            args += ["--time", "13:30-15:30", "--every", rng.choice(["1w", "2w", "month"])]
        elif name == "move":
            args = ["move", session, "--to", day, "--time", "19:00-21:00", "--reason", "stress"]
        elif name == "cancel":
            args = ["cancel", session, "--reason", "stress"]
        elif name == "substitute":
            person = rng.choice(["Fatma Yilmaz", "Henk Smit", "Kees Bakker"])
            args = ["substitute", session, "--in", person]
        elif name == "backup":
            args = ["backup"] if rng.random() < 0.5 else ["backup", "--to", f"{db}.b{n}.db"]
        elif name == "restore":
            args = ["restore", str(self.good_backup)]
        else:  # demo into a fresh file next to the worker's database
            db = db.with_name(f"fresh-{n}.db")
            args = ["demo"]
        return [sys.executable, MAIN, "--db", str(db), *args], db

    def calibrate(self, jobs: int) -> None:
        """Measure each command's run time here, with ``jobs`` of them at once (the load)."""

        def one(k: int, name: str) -> float:
            folder = self.folder / f"calibrate-{name}-{k}"
            folder.mkdir()
            db = folder / "kring.db"
            shutil.copy(self.demo, db)
            argv, _target = self.command(name, db, k, random.Random(k))
            start = time.perf_counter()
            self.run(argv)
            return (time.perf_counter() - start) * 1000

        with ThreadPoolExecutor(jobs) as pool:
            for name in COMMANDS:
                times = list(pool.map(lambda k, name=name: one(k, name), range(max(3, jobs))))
                self.run_ms[name] = statistics.median(times)

    def delay(self, name: str, rng: random.Random) -> float:
        """Seconds to wait before the kill: anywhere, or in the last third (the writing)."""
        full = self.run_ms[name] * 1.05
        low = 0.0 if rng.random() < 0.5 else self.run_ms[name] * 0.67
        return rng.uniform(low, full) / 1000

    def worker(self, index: int) -> None:
        """Rounds on this worker's own copy until enough kills have landed."""
        rng = random.Random(self.seed * 1000 + index)
        folder = self.folder / f"worker-{index}"
        db = folder / "kring.db"
        rounds = 0
        while True:
            with self.figures.lock:
                if self.figures.kills >= self.target_kills:
                    return
            if rounds % REFRESH_EVERY == 0:
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                shutil.copy(self.demo, db)
            rounds += 1
            self.round(db, rounds * 100 + index, rng)

    def round(self, db: Path, n: int, rng: random.Random) -> None:
        """One command, one kill (if it is still running), then every check."""
        name = rng.choice(COMMANDS)
        argv, target = self.command(name, db, n, rng)
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(self.delay(name, rng))
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=TIMEOUT)
        with self.figures.lock:
            self.figures.commands += 1
            if killed and proc.returncode == -signal.SIGKILL:
                self.figures.kills += 1
                self.figures.kills_by_command[name] += 1
                if self.figures.kills % 100 == 0:
                    print(f"  {self.figures.kills} kills …", flush=True)
            else:
                self.figures.finished_first += 1
        where = f"{name} (n={n}, {'killed' if killed else 'finished'})"
        if "Traceback" in err:
            self.figures.note("crashes", f"{where}: {err.strip().splitlines()[-1]}")
        if name == "demo" and killed and not has_tables(target):
            pass  # killed before the new database got its first table: nothing was written
        elif target.exists() and target.stat().st_size > 0:
            self.check(target, where)
            self.acknowledged(name, argv, target, out, where)
        if name == "demo":
            remove_db(target)

    def check(self, db: Path, where: str) -> None:
        """budgetkring check, the next open, integrity_check and foreign_key_check."""
        try:
            probe = self.run([sys.executable, "-c", PROBE, str(db)])
        except subprocess.TimeoutExpired:
            self.figures.note("failed_checks", f"{where}: check or open hung")
            return
        lines = probe.stdout.splitlines()
        said = [line for line in lines if not line.startswith("@")]
        check = next((line.split()[1] for line in lines if line.startswith("@check")), None)
        opened = next((line[6:] for line in lines if line.startswith("@open")), "no answer")
        if "Traceback" in probe.stderr:
            self.figures.note("crashes", f"{where}: {probe.stderr.strip().splitlines()[-1]}")
        if check != "0":
            reason = (said[:1] or probe.stderr.strip().splitlines()[-1:] or ["?"])[0]
            self.figures.note("failed_checks", f"{where}: check exit {check}: {reason[:120]}")
        if opened != "ok":
            kind = "stale_locks" if "already open" in opened else "failed_opens"
            self.figures.note(kind, f"{where}: {opened[:140]}")
        problem = integrity(db)
        if problem:
            self.figures.note("corrupt", f"{where}: {problem[:140]}")

    def acknowledged(self, name: str, argv: list[str], db: Path, out: str, where: str) -> None:
        """Work whose success line was printed must be in the file."""
        if not out.strip():
            return
        lost = ""
        if name in ("add-circle", "add-facilitator"):
            table = "circle" if name == "add-circle" else "facilitator"
            if argv[5] not in names(db, table):
                lost = f"{argv[5]!r} is not in table {table}"
        elif name == "demo" and not names(db, "circle"):
            lost = "the demo said it was loaded but there are no circles"
        elif name == "restore" and names(db, "circle") != self.demo_circles:
            lost = "the restore said it was done but the circles differ from the backup"
        elif name == "backup":
            made = Path(out.strip().splitlines()[-1])
            if (
                not made.is_file()
                or integrity(made)
                or names(made, "circle") != names(db, "circle")
            ):
                lost = f"the backup {made.name} that was printed is missing or not sound"
        if lost:
            self.figures.note("lost_writes", f"{where}: {lost}")


def names(db: Path, table: str) -> set[str]:
    """The names in a table (empty when it cannot be read)."""
    try:
        conn = sqlite3.connect(db)
        try:
            return {r[0] for r in conn.execute(f"SELECT name FROM {table}")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return set()


def has_tables(db: Path) -> bool:
    """True when the file is an SQLite database with at least one table."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # not readable: let the checks say what it is


def integrity(db: Path) -> str:
    """ "" when integrity_check is ok and no foreign key dangles, else what is wrong."""
    try:
        conn = sqlite3.connect(db)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return f"cannot be read: {err}"
    if result != ["ok"]:
        return "integrity_check: " + "; ".join(result[:3])
    return f"foreign_key_check: {orphans[:3]}" if orphans else ""


def main() -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kills", nargs="?", type=int, default=1000, help="kills to land")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="workers at once")
    parser.add_argument("--seed", type=int, default=20261129)
    options = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="budgetkring-stress-") as tmp:
        bench = Bench(Path(tmp), options.seed)
        bench.calibrate(options.jobs)
        print(
            "run time per command (ms): "
            + ", ".join(f"{k} {v:.0f}" for k, v in bench.run_ms.items()),
            flush=True,
        )
        bench.target_kills = options.kills
        with ThreadPoolExecutor(options.jobs) as pool:
            for future in [pool.submit(bench.worker, i) for i in range(options.jobs)]:
                future.result()
    f = bench.figures
    print(f"kills by command: {dict(sorted(f.kills_by_command.items()))}")
    for kind, examples in sorted(f.examples.items()):
        for example in examples:
            print(f"  e.g. {kind}: {example}")
    print(f"time: {time.perf_counter() - started:.0f} s with {options.jobs} workers")
    print(f"kills: {f.kills}")
    print(f"commands: {f.commands} ({f.finished_first} ended before their kill)")
    print(f"corrupt databases: {f.corrupt}")
    print(f"failed checks: {f.failed_checks}")
    print(f"lost acknowledged writes: {f.lost_writes}")
    print(f"stale locks: {f.stale_locks}")
    print(f"other failed opens: {f.failed_opens}")
    print(f"crashes (tracebacks): {f.crashes}")
    bad = f.corrupt + f.failed_checks + f.lost_writes + f.stale_locks + f.failed_opens + f.crashes
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
