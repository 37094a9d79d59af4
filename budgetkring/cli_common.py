"""What every headless command shares: exit codes, opening the database, JSON output, today."""

from __future__ import annotations

import sys
from datetime import date

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_json(rows: list[dict]) -> None:
    """A JSON array of objects on stdout (UTF-8)."""
    import json

    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def open_db(args, *, lock: bool = True, **kwargs):
    """Open the database named by --db (created when new)."""
    from budgetkring.store import open_store

    store = open_store(args.db, lock=lock, **kwargs)
    for warning in store.warnings:
        print(f"budgetkring: {warning}", file=sys.stderr)
    return store


def today() -> date:
    """The real date (tests run the core functions with a fixed one)."""
    from budgetkring.dates import today as real_today

    return real_today()
