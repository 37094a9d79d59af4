"""What every headless command shares: exit codes, opening the database, JSON output, today."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, time

from budgetkring.dates import today as real_today
from budgetkring.organisation.database import open_database

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
TODAY_VARIABLE = "BUDGETKRING_TODAY"  # a fixed "today" (YYYY-MM-DD) for tests and demos


def print_json(data: object) -> None:
    """JSON (an array of objects, or one object) on stdout (UTF-8)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


WARNINGS: list[str] = []  # said after the command, and only when it was not refused


def open_db(args, *, lock: bool = True, **kwargs):
    """Open the database named by --db (created when new)."""
    store = open_database(args.db, lock=lock, **kwargs)
    WARNINGS.extend(store.warnings)
    return store


def today() -> date:
    """The date the commands work with: the real one, or BUDGETKRING_TODAY when it is set."""
    fixed = os.environ.get(TODAY_VARIABLE, "")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            pass
    return real_today()


def now() -> datetime:
    """The moment the commands work with: the real one, or noon of BUDGETKRING_TODAY."""
    if os.environ.get(TODAY_VARIABLE, ""):
        return datetime.combine(today(), time(12, 0))
    return datetime.now()
