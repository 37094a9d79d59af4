"""Benchmark: stand-in suggestions and filling every gap, on a large organisation.

    .venv/bin/python bench/staffing.py

(1) suggest() for one meeting with 500 facilitators and ~5,000 meetings (aim <= 20 ms; the
median of 25 calls, each reading what it needs from the database), and (2) fill_gaps() for a
year of 300 circles (aim <= 2 s), both on the same generated database, with absences so that
there are gaps to fill.
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

from budgetkring.planning import schedule  # noqa: E402
from budgetkring.store import absences as absence_sql  # noqa: E402
from budgetkring.store import open_store  # noqa: E402

TODAY = date(2026, 11, 29)
TOWNS = [f"Gemeente {n}" for n in range(40)]


def build(store, circles: int, people: int, rng: random.Random) -> None:
    """Circles with pairs and a planned year, facilitators with availability, absences."""
    from budgetkring.planning.plan import PlanRequest, save_plan

    db = store.db
    with store.transaction():
        for n in range(people):
            db.execute(
                "INSERT INTO facilitator (name, status, town, max_per_month) VALUES (?, ?, ?, ?)",
                [
                    f"Begeleider {n}",
                    "trainee" if n % 7 == 0 else "certified",
                    rng.choice(TOWNS),
                    rng.choice([None, 2, 3, 4, 6]),
                ],
            )
        for n in range(circles):
            cid = db.execute(
                "INSERT INTO circle (name, municipality, status) VALUES (?, ?, ?)",
                [f"Kring {n}", rng.choice(TOWNS), "running"],
            ).lastrowid
            for person in (2 * n % people + 1, (2 * n + 1) % people + 1):
                db.execute(
                    "INSERT INTO circle_lead (circle_id, facilitator_id, from_date) "
                    "VALUES (?, ?, '2026-01-01')",
                    [cid, person],
                )
            save_plan(
                store,
                PlanRequest(
                    cid,
                    TODAY + timedelta(days=n % 28),
                    n % 5,
                    clock(10 + n % 9),
                    clock(12 + n % 9),
                    "2w",
                    schedule.REGIONS[n % 3],
                ),
                TODAY,
            )
        for _n in range(people // 8):
            first = TODAY + timedelta(days=rng.randrange(0, 330))
            absence_sql.insert_absence(
                db,
                {
                    "facilitator_id": rng.randrange(1, people + 1),
                    "from_date": first.isoformat(),
                    "to_date": (first + timedelta(days=rng.randrange(3, 40))).isoformat(),
                    "reason": "illness",
                },
            )


def main() -> None:
    """Print both timings."""
    from budgetkring.staffing.substitutions import fill_gaps, find_gaps, suggest

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        build(store, 263, 500, rng)  # 263 circles × 19 meetings ≈ 5,000 meetings
        meetings = store.db.execute("SELECT count(*) FROM session").fetchone()[0]
        gaps = find_gaps(store, TODAY)
        target = gaps[len(gaps) // 2].session_id
        timings = []
        for _ in range(25):
            started = time.perf_counter()
            result = suggest(store, target, TODAY)
            timings.append(time.perf_counter() - started)
        print(
            f"suggest: 500 facilitators, {meetings} meetings, {len(result.ranked)} candidates: "
            f"median {statistics.median(timings) * 1000:.1f} ms (aim <= 20 ms)"
        )
        store.close()
        store = open_store(Path(tmp) / "year.db")
        build(store, 300, 500, rng)
        gaps = find_gaps(store, TODAY)
        started = time.perf_counter()
        proposals = fill_gaps(store, TODAY, TODAY, TODAY + timedelta(days=365))
        took = time.perf_counter() - started
        filled = sum(1 for p in proposals if p.candidate)
        print(
            f"fill-gaps: a year of 300 circles, {len(gaps)} meetings with gaps, "
            f"{len(proposals)} places, {filled} filled: {took:.2f} s (aim <= 2 s)"
        )
        store.close()


if __name__ == "__main__":
    main()
