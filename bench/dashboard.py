"""Benchmark: the coordinator's dashboard on a large organisation — 300 circles in 30 towns,
600 facilitators, 3,000 participants and 60,000 attendance marks (20 held meetings per circle,
6 to come), 40 senders, some facilitators ill in the coming weeks.

    .venv/bin/python bench/dashboard.py

Aim: every circle with what needs attention (``exchange.dashboard.dashboard``) in <= 100 ms,
the median of 25 runs; one circle's attendance per month for the chart besides.
``bench/coordination.py`` times the dashboard too, on the funder report's database; this one
adds what makes the dashboard work hardest there: lead pairs, illness in the coming weeks
(meetings without two facilitators to find), senders and when each circle's data arrived.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetkring.documents.attendance_chart import monthly_attendance  # noqa: E402
from budgetkring.exchange.dashboard import dashboard  # noqa: E402
from budgetkring.organisation.database import open_database  # noqa: E402

TODAY = date(2026, 11, 29)
CIRCLES, PER_CIRCLE, HELD, AHEAD = 300, 10, 20, 6
TOWNS = [f"Gemeente {n}" for n in range(30)]


def build(store, rng: random.Random) -> None:
    """The organisation described above, written straight into the tables (fast)."""
    db = store.db
    with store.transaction():
        for n in range(40):
            db.execute(
                "INSERT INTO sender (uid, name, secret) VALUES (?, ?, 'x')",
                [f"sender-{n}", f"Laptop {n}"],
            )
        for n in range(2 * CIRCLES):
            db.execute(
                "INSERT INTO facilitator (name, status) VALUES (?, ?)",
                [f"Begeleider {n}", "trainee" if n % 5 == 0 else "certified"],
            )
        first = TODAY - timedelta(weeks=HELD)
        for c in range(CIRCLES):
            local = c % 10 == 0  # one in ten made on this laptop, the rest received
            received = TODAY - timedelta(days=rng.randrange(0, 80))
            cid = db.execute(
                "INSERT INTO circle (name, municipality, status, sender_id, received_at) "
                "VALUES (?, ?, 'running', ?, ?)",
                [
                    f"Kring {c}",
                    TOWNS[c % len(TOWNS)],
                    None if local else 1 + c % 40,
                    None if local else f"{received.isoformat()}T10:00:00",
                ],
            ).lastrowid
            for person in (2 * c + 1, 2 * c + 2):
                db.execute(
                    "INSERT INTO circle_lead (circle_id, facilitator_id, from_date) "
                    "VALUES (?, ?, ?)",
                    [cid, person, first.isoformat()],
                )
            held = [
                db.execute(
                    "INSERT INTO session (circle_id, date, start_time, end_time, status) "
                    "VALUES (?, ?, '13:30', '15:30', 'held')",
                    [cid, (first + timedelta(weeks=m)).isoformat()],
                ).lastrowid
                for m in range(HELD)
            ]
            for m in range(AHEAD):
                db.execute(
                    "INSERT INTO session (circle_id, date, start_time, end_time) "
                    "VALUES (?, ?, '13:30', '15:30')",
                    [cid, (TODAY + timedelta(weeks=m, days=c % 7)).isoformat()],
                )
            for p in range(PER_CIRCLE):
                pid = db.execute(
                    "INSERT INTO participant (circle_id, code, consent_date, joined_date) "
                    "VALUES (?, ?, ?, ?)",
                    [cid, f"K{cid}-{p + 1:02d}", first.isoformat(), first.isoformat()],
                ).lastrowid
                db.conn.executemany(
                    "INSERT INTO attendance (participant_id, session_id, status) VALUES (?, ?, ?)",
                    [
                        (pid, sid, rng.choice(("present",) * 7 + ("excused", "absent", "absent")))
                        for sid in held
                    ],
                )
        for _n in range(60):
            start = TODAY + timedelta(days=rng.randrange(0, 30))
            db.execute(
                "INSERT INTO absence (facilitator_id, from_date, to_date, reason) "
                "VALUES (?, ?, ?, 'illness')",
                [
                    rng.randrange(1, 2 * CIRCLES + 1),
                    start.isoformat(),
                    (start + timedelta(10)).isoformat(),
                ],
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
    """Build once, then time the dashboard and one circle's chart data."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_database(Path(tmp) / "dashboard.db")
        build(store, random.Random(5))
        counts = [
            store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("circle", "participant", "attendance")
        ]
        rows = dashboard(store, TODAY)
        needing = sum(1 for row in rows if row.items)
        spent = median_ms(lambda: dashboard(store, TODAY))
        chart = median_ms(lambda: monthly_attendance(store, rows[0].circle_id, TODAY))
        print(
            f"{counts[0]} circles, {counts[1]} participants, {counts[2]} attendance rows "
            f"({needing} circles need attention): dashboard {spent:.1f} ms (aim <= 100 ms), "
            f"one circle's attendance per month {chart:.1f} ms"
        )
        store.close()


if __name__ == "__main__":
    main()
