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


def main(argv: list[str] | None = None) -> int:
    """The `budgetkring` command and ``python main.py``."""
    from budgetkring.cli.main import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, start_gui=start_gui)


if __name__ == "__main__":
    sys.exit(main())
