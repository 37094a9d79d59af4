"""The program's entry point: a subcommand runs the command line, none starts the desktop app.

Kept free of Qt imports: the command line never loads Qt, and the desktop app loads it only
when it starts.
"""

from __future__ import annotations

import sys
from pathlib import Path


def start_gui(db: Path | None) -> int:
    """Start the desktop app (Qt is loaded only now)."""
    from ui.app import run_app

    return run_app(db)


def gui_only(argv: list[str]) -> tuple[bool, Path | None]:
    """(True, database) when the arguments only start the app: none, or ``--db PATH``.

    The app then starts without building the command line's parser (which imports every
    command); anything else, a doubtful value included, goes through the parser as before.
    """
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        value = argv[1]
        if value.strip() and not value.startswith("-") and value.isprintable():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return False, None
            return True, Path(value)
    return False, None


def main(argv: list[str] | None = None) -> int:
    """The `budgetkring` command and ``python main.py``."""
    argv = sys.argv[1:] if argv is None else argv
    only_gui, db = gui_only(argv)
    if only_gui:
        return start_gui(db)
    from budgetkring.cli.main import main as cli_main

    return cli_main(argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
