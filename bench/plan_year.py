"""Benchmark: generating the year plan for 300 circles (aim: 1 s in total).

    .venv/bin/python bench/plan_year.py

Measures (1) the pure rules: 300 × generate_dates with holidays and school holidays of the
circle's region, and (2) the whole service: preview_plan for 300 circles in a database (the
programme, existing meetings and absences read, the dates generated), and (3) save_plan, which
also writes the 300 × 19 meetings with their history.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetkring.organisation.circles import add_circle  # noqa: E402
from budgetkring.planning import schedule  # noqa: E402
from budgetkring.planning.plan import PlanRequest, preview_plan, save_plan  # noqa: E402
from budgetkring.store import open_store  # noqa: E402

CIRCLES = 300
TODAY = date(2026, 11, 29)


def requests(circle_ids):
    """A varied plan per circle: weekday, rhythm and region rotate; starts spread over a year."""
    for n, circle_id in enumerate(circle_ids):
        yield PlanRequest(
            circle_id,
            TODAY + timedelta(days=n % 365),
            n % 5,
            clock(13, 30),
            clock(15, 30),
            schedule.CADENCES[n % 5],
            schedule.REGIONS[n % 3],
        )


def main() -> None:
    """Print the three timings and a summary line."""
    days_off = {r: schedule.DaysOff(r) for r in schedule.REGIONS}
    for r in days_off.values():
        r.reason(TODAY)  # warm the holiday tables (loaded once per run of the app)
    started = time.perf_counter()
    for req in requests(range(CIRCLES)):
        schedule.generate_dates(
            req.start, req.weekday, req.cadence, 19, days_off[req.region].reason
        )
    pure = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        with store.transaction():
            ids = [
                add_circle(store, name=f"Kring {n}", municipality="Zwolle").id
                for n in range(CIRCLES)
            ]
        started = time.perf_counter()
        for req in requests(ids):
            preview_plan(store, req, TODAY)
        previews = time.perf_counter() - started
        started = time.perf_counter()
        with store.transaction():
            for req in requests(ids):
                save_plan(store, req, TODAY)
        saved = time.perf_counter() - started
        store.close()
    print(f"rules only (generate_dates × {CIRCLES}): {pure:.3f} s")
    print(f"preview_plan × {CIRCLES} (database, nothing saved): {previews:.3f} s")
    print(f"save_plan × {CIRCLES} (writes {CIRCLES * 19} meetings): {saved:.3f} s")
    print(f"year plan for {CIRCLES} circles: {previews:.3f} s (aim <= 1 s)")


if __name__ == "__main__":
    main()
