"""Benchmark: the coordinator's organisation database — 300 circles in 30 towns, 3,000
participants, 60,000 attendance marks (20 held meetings per circle, spread over two years),
start and end self-assessments for most participants.

    .venv/bin/python bench/coordination.py

Aim (issue 12): the funder report (``exchange.funder.funder_report``) in <= 500 ms and the
coordinator's dashboard (``exchange.dashboard.dashboard``) in <= 100 ms, and receiving one
circle's exchange file (backup included) in <= 200 ms: the median of several runs.
``build(path)`` makes the database and ``measure(name, func, aim_ms)`` times
anything on it, so more measurements can be added to ``main``.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetkring.organisation.database import open_database  # noqa: E402

TODAY = date(2026, 11, 29)
CIRCLES, PER_CIRCLE, HELD = 300, 10, 20
TOWNS = [f"Gemeente {n}" for n in range(30)]
DOMAINS = ("money", "housing", "green", "activities", "physical_health", "mental_health")


def build(path: Path, seed: int = 12) -> None:
    """The organisation described above, written straight into the tables (fast)."""
    rng = random.Random(seed)
    store = open_database(path)
    db = store.db
    with store.transaction():
        version_id = db.execute("SELECT id FROM instrument_version LIMIT 1").fetchone()[0]
        for c in range(CIRCLES):
            first = TODAY - timedelta(days=rng.randrange(7 * HELD * 2, 7 * HELD * 2 + 420))
            status = "running" if first > TODAY - timedelta(days=365) else "finished"
            cid = db.execute(
                "INSERT INTO circle (name, municipality, status, start_date) VALUES (?, ?, ?, ?)",
                [f"Kring {c}", TOWNS[c % len(TOWNS)], status, first.isoformat()],
            ).lastrowid
            days = [first + timedelta(weeks=2 * m) for m in range(HELD)]
            db.conn.executemany(
                "INSERT INTO session (circle_id, date, start_time, end_time, status) "
                "VALUES (?, ?, '14:00', '16:00', ?)",
                [(cid, d.isoformat(), "held" if d < TODAY else "planned") for d in days],
            )
            sessions = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM session WHERE circle_id = ? ORDER BY date", [cid]
                )
            ]
            for p in range(PER_CIRCLE):
                _participant(db, rng, cid, p, first, days, sessions, version_id)
    store.close()


def _participant(db, rng, cid, p, first, days, sessions, version_id) -> None:
    """One participant with a status, a mark at every meeting and (mostly) two assessments."""
    fate = rng.random()
    status = "stopped" if fate < 0.15 else ("finished" if days[-1] < TODAY else "active")
    pid = db.execute(
        "INSERT INTO participant (circle_id, code, status, stop_reason, consent_date, "
        "joined_date) VALUES (?, ?, ?, ?, ?, ?)",
        [
            cid,
            f"K{cid}-{p + 1:02d}",
            status,
            "health" if status == "stopped" else "",
            first.isoformat(),
            first.isoformat(),
        ],
    ).lastrowid
    quits = rng.randrange(3, HELD) if status == "stopped" else HELD
    db.conn.executemany(
        "INSERT INTO attendance (participant_id, session_id, status) VALUES (?, ?, ?)",
        [
            (
                pid,
                sid,
                rng.choice(("present",) * 8 + ("excused", "absent")) if m < quits else "absent",
            )
            for m, sid in enumerate(sessions)
        ],
    )
    if rng.random() < 0.9:
        moments = [("start", first)] + ([("end", days[-1])] if status != "stopped" else [])
        for moment, day in moments:
            aid = db.execute(
                "INSERT INTO assessment (participant_id, version_id, moment, date) "
                "VALUES (?, ?, ?, ?)",
                [pid, version_id, moment, day.isoformat()],
            ).lastrowid
            db.conn.executemany(
                "INSERT INTO assessment_score (assessment_id, domain, score) VALUES (?, ?, ?)",
                [(aid, d, rng.randint(1, 5)) for d in DOMAINS],
            )


def measure(name: str, func: Callable[[], object], aim_ms: float | None, runs: int = 9) -> float:
    """Time ``func`` (after one warm-up run), print the median against the aim; returns it."""
    func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    verdict = "" if aim_ms is None else (" ok" if median <= aim_ms else " TOO SLOW")
    aim = "" if aim_ms is None else f" (aim <= {aim_ms:.0f} ms)"
    print(f"{name}: {median:.1f} ms{aim}{verdict}")
    return median


def main() -> None:
    """Build once, then time each measurement on it."""
    from budgetkring.exchange.dashboard import dashboard
    from budgetkring.exchange.funder import funder_report
    from budgetkring.exchange.tables import export_tables

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "coordinator.db"
        build(path)
        store = open_database(path)
        counts = [
            store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("circle", "participant", "attendance", "assessment")
        ]
        print(
            f"{counts[0]} circles, {counts[1]} participants, {counts[2]} attendance rows, "
            f"{counts[3]} self-assessments"
        )
        measure("funder report, this year", lambda: funder_report(store, TODAY), 500)
        measure(
            "funder report, two years",
            lambda: funder_report(store, TODAY, start=date(TODAY.year - 1, 1, 1)),
            500,
        )
        measure("export tables (no aim)", lambda: export_tables(store, TODAY), None, runs=3)
        measure("coordinator's dashboard", lambda: dashboard(store, TODAY), 100)
        files = iter(_circle_files(Path(tmp), store, 12))
        measure(
            "receiving one circle's file (with the backup before it)",
            lambda: _receive_one(store, next(files)),
            200,
        )
        store.close()


def _circle_files(folder: Path, coordinator, n: int) -> list[Path]:
    """``n`` exchange files of one circle (the demo's Zwolle-Zuid, with its 8 participants and a
    year of meetings), numbered 1..n, from a facilitator invited by the coordinator."""
    from budgetkring.exchange.membership import invite, join
    from budgetkring.exchange.sending import send
    from budgetkring.organisation.circles import find_circle
    from budgetkring.organisation.demo import load_demo

    invitation = invite(coordinator, "Anja de Vries", folder / "anja.bkinvite")
    laptop = open_database(folder / "laptop.db")
    load_demo(laptop, TODAY)
    join(laptop, invitation)
    circle = find_circle(laptop, "Zwolle-Zuid").id
    now = datetime.combine(TODAY, datetime.min.time())
    files = [
        send(laptop, now, circle_id=circle, output=folder / f"zwolle-{n}.bkx")
        for n in range(1, n + 1)
    ]
    laptop.close()
    return files


def _receive_one(store, path: Path) -> None:
    from budgetkring.exchange.receiving import receive

    receipt = receive(store, [path], datetime.combine(TODAY, datetime.min.time()))[0]
    assert receipt.status == "imported", receipt


if __name__ == "__main__":
    main()
