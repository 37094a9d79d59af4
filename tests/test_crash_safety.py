"""Killing a writing process at random moments never loses a reported commit or damages the file."""

import random
import sqlite3
import subprocess
import sys
import time

from budgetkring.store import open_store

WRITER = """
import sys
from budgetkring.circles import add_circle
from budgetkring.store import open_store
store = open_store(sys.argv[1], backups=False)
start = int(sys.argv[2])
print("ready", flush=True)
for n in range(start, start + 100000):
    with store.transaction():
        add_circle(store, name=f"kring {n}", municipality="Zwolle", place="x" * (n % 500))
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
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        child.kill()
        out, _err = child.communicate()
        reported.update(int(line) for line in out.split() if line.isdigit())
        next_start = max(reported, default=next_start) + 1000
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in conn.execute("SELECT name FROM circle")}
        finally:
            conn.close()
        missing = {n for n in reported if f"kring {n}" not in names}
        assert not missing, f"commits reported but lost: {sorted(missing)[:5]}"
    assert len(reported) > KILLS, "the child should have committed rows between kills"
