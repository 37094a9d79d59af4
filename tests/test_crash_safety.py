"""Killing a writing process at random moments never loses a reported commit or damages the file.

The kill never depends on the machine's speed: each round waits until the writer has reported
its first commit, then lets a random number of further commits be reported before killing it,
so the kill lands between or during writes whatever the machine.
"""

import random
import sqlite3
import subprocess
import sys

from budgetkring.store import open_store

WRITER = """
import sys
from budgetkring.organisation.circles import add_circle
from budgetkring.store import open_store
store = open_store(sys.argv[1], backups=False)
start = int(sys.argv[2])
for n in range(start, start + 100000):
    with store.transaction():
        add_circle(store, name=f"kring {n}", municipality="Zwolle", place="x" * (n % 200))
    print(n, flush=True)
"""

KILLS = 50


def test_random_kills_lose_no_reported_commit(db_path):
    """50 hard kills mid-write: integrity_check stays ok and every reported commit is present."""
    open_store(db_path).close()
    rng = random.Random(20261129)
    reported: set[int] = set()
    next_start = 0
    for _kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(next_start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _line in range(1 + rng.randrange(0, 6)):  # the first commit, then 0–5 more
            line = child.stdout.readline()
            assert line.strip().isdigit(), f"the writer stopped: {line!r}"
            reported.add(int(line))
        child.kill()
        out, _err = child.communicate()
        reported.update(int(line) for line in out.split() if line.isdigit())
        next_start = max(reported) + 1000
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in conn.execute("SELECT name FROM circle")}
        finally:
            conn.close()
        missing = {n for n in reported if f"kring {n}" not in names}
        assert not missing, f"commits reported but lost: {sorted(missing)[:5]}"
    assert len(reported) >= KILLS, "every round should have committed before the kill"
