"""Benchmark: how long GUI actions take on a large organisation (300 circles, 500 facilitators,
a year planned, absences that leave about 100 open places), offscreen.

    make bench        (or: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py)

For work that runs in the background (ui/tasks.py) the figure is split: "work" runs on a worker
thread (the window stays responsive, a progress bar shows after a moment), "window" is what
the GUI thread itself spends. Aim: every "window" figure <= 100 ms, except building the
fill-gaps dialog (<= 0.5 s to open, <= 0.5 s to save).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from staffing import build  # noqa: E402

from budgetkring.organisation.database import open_database  # noqa: E402
from budgetkring.settings import Settings  # noqa: E402

TODAY = date(2026, 11, 29)


def timed(label: str, func, runs: int = 3) -> None:
    """Print the median of a few runs of ``func``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    print(f"{label}: {statistics.median(times) * 1000:.0f} ms")


def main() -> None:
    """Build the organisation once, then time each action."""
    from budgetkring.organisation.database import make_backup
    from budgetkring.staffing.substitutions import accept_proposals, fill_gaps, find_gaps
    from ui.context import AppContext
    from ui.dialogs.meeting_dialog import MeetingDialog
    from ui.dialogs.plan_dialog import PlanDialog
    from ui.dialogs.standin_dialogs import FillGapsDialog, SuggestDialog
    from ui.pages.facilitators import FacilitatorsPage
    from ui.pages.overview import OverviewPage
    from ui.pages.planning import PlanningPage
    from ui.tasks import SyncRunner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_database(Path(tmp) / "large.db")
        build(store, 300, 500, random.Random(7))
        ctx = AppContext(store, Settings(), Path(tmp) / "settings.json", today=lambda: TODAY)
        ctx.runner = SyncRunner(lambda: ctx)
        proposals = fill_gaps(store, TODAY)
        print(f"large organisation: 300 circles, 500 facilitators, {len(proposals)} open places")
        timed("fill-gaps proposal (work)", lambda: fill_gaps(store, TODAY))
        timed("fill-gaps dialog built (window)", lambda: FillGapsDialog(ctx, proposals))
        dialog = FillGapsDialog(ctx, proposals)
        choices = dialog.chosen()
        with store.transaction():
            pass
        started = time.perf_counter()
        saved = accept_proposals(store, choices, TODAY)
        print(
            f"fill-gaps save, {saved} stand-ins checked and saved (work): "
            f"{(time.perf_counter() - started) * 1000:.0f} ms"
        )
        timed("overview page built (window)", lambda: OverviewPage(ctx))
        timed("planning page built (window)", lambda: PlanningPage(ctx))
        page = PlanningPage(ctx)
        rows = iter(range(1, 1000))
        timed(
            "planning page, another circle (window)",
            lambda: page.circle_box.setCurrentIndex(next(rows) % page.circle_box.count()),
        )
        session = page.sessions[-1].id
        timed("meeting dialog opened (window)", lambda: MeetingDialog(ctx, session))
        gap = find_gaps(store, TODAY)[0].session_id if find_gaps(store, TODAY) else session
        timed("stand-in suggestions opened (window)", lambda: SuggestDialog(ctx, gap))
        dialog = PlanDialog(ctx, page.circle())
        timed("plan dialog, preview after a change (window)", dialog.update_preview)
        timed("facilitators page built (window)", lambda: FacilitatorsPage(ctx))
        facilitators = FacilitatorsPage(ctx)
        timed(
            "facilitators page, another row (window)",
            lambda: facilitators.table.selectRow(next(rows) % facilitators.model.rowCount()),
        )
        timed("backup made (work)", lambda: make_backup(store))
        store.close()
    app.quit()


if __name__ == "__main__":
    main()
