"""Benchmark: participants on a large organisation — 300 circles, 3,000 participants and
60,000 attendance rows (and a start assessment for everyone).

    .venv/bin/python bench/participants.py

Aims: the participants of one circle with their attendance (what the Deelnemers page and its
attendance grid load) in <= 50 ms; the circle's group averages in <= 30 ms. Medians of 25 runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetkring.organisation.database import open_database  # noqa: E402
from budgetkring.participants.assessments import group_averages  # noqa: E402
from budgetkring.participants.participants import list_participants  # noqa: E402

TODAY = date(2026, 11, 29)
CIRCLES, PER_CIRCLE, MEETINGS = 300, 10, 20
DOMAINS = ("money", "housing", "green", "activities", "physical_health", "mental_health")


def build(store, rng: random.Random) -> None:
    """300 circles with 20 held meetings each, 10 participants, full attendance, assessments."""
    db = store.db
    with store.transaction():
        version_id = db.execute("SELECT id FROM instrument_version LIMIT 1").fetchone()[0]
        for c in range(CIRCLES):
            cid = db.execute(
                "INSERT INTO circle (name, municipality, status) VALUES (?, 'Zwolle', 'running')",
                [f"Kring {c}"],
            ).lastrowid
            first = TODAY - timedelta(days=7 * MEETINGS)
            sessions = [
                db.execute(
                    "INSERT INTO session (circle_id, date, start_time, end_time, status) "
                    "VALUES (?, ?, ?, ?, 'held')",
                    [
                        cid,
                        (first + timedelta(weeks=m)).isoformat(),
                        f"{clock(13, 30):%H:%M}",
                        f"{clock(15, 30):%H:%M}",
                    ],
                ).lastrowid
                for m in range(MEETINGS)
            ]
            for p in range(PER_CIRCLE):
                pid = db.execute(
                    "INSERT INTO participant (circle_id, code, consent_date, joined_date) "
                    "VALUES (?, ?, ?, ?)",
                    [cid, f"K{cid}-{p + 1:02d}", first.isoformat(), first.isoformat()],
                ).lastrowid
                db.conn.executemany(
                    "INSERT INTO attendance (participant_id, session_id, status) VALUES (?, ?, ?)",
                    [
                        (pid, sid, rng.choice(("present",) * 8 + ("excused", "absent")))
                        for sid in sessions
                    ],
                )
                aid = db.execute(
                    "INSERT INTO assessment (participant_id, version_id, moment, date) "
                    "VALUES (?, ?, 'start', ?)",
                    [pid, version_id, first.isoformat()],
                ).lastrowid
                db.conn.executemany(
                    "INSERT INTO assessment_score (assessment_id, domain, score) VALUES (?, ?, ?)",
                    [(aid, d, rng.randint(1, 5)) for d in DOMAINS],
                )


def median_ms(func, runs: int = 25) -> float:
    """The median time of ``func`` in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    """Build once, then time both."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_database(Path(tmp) / "participants.db")
        build(store, random.Random(3))
        counts = [
            store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("circle", "participant", "attendance")
        ]
        circle = counts[0] // 2
        people = median_ms(lambda: list_participants(store, circle, TODAY))
        averages = median_ms(lambda: group_averages(store, circle))
        print(
            f"{counts[0]} circles, {counts[1]} participants, {counts[2]} attendance rows: "
            f"participants + attendance of one circle {people:.1f} ms (aim <= 50 ms), "
            f"group averages {averages:.1f} ms (aim <= 30 ms)"
        )
        store.close()


if __name__ == "__main__":
    main()
