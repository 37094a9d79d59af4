"""The program's entry point: a subcommand runs the command line, none starts the desktop app.

Kept free of Qt imports: the command line never loads Qt, and the desktop app loads it only
when it starts.
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

# What the first window needs that does not use Qt, loaded before Qt: see load_core_first.
CORE_FIRST = (
    "budgetkring.organisation.database",
    "budgetkring.organisation.circles",
    "budgetkring.planning.sessions",
    "budgetkring.settings",
    "platformdirs",
)


def load_core_first() -> None:
    """Load the app's own modules that do not use Qt, then Qt, and tell Qt so.

    Once PySide6 is loaded it reads the source file of every module imported after it, to see
    whether that module asks for its optional ``from __feature__ import …`` syntax (which this
    app never does): about 25 ms at each start. A module loaded before PySide6 cannot have
    asked for it, so these are recorded as "ignore this module" (-1, as PySide's feature module
    describes it) and their source is not read. Should PySide6 stop keeping that record, only
    the start is slower.
    """
    for name in CORE_FIRST:
        importlib.import_module(name)
    import PySide6.QtCore  # noqa: F401 - loads PySide6 and its import hook

    feature = sys.modules.get("PySide6.support.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if isinstance(known, dict):
        for name in list(sys.modules):
            known.setdefault(name, -1)


def start_gui(db: Path | None) -> int:
    """Start the desktop app (Qt is loaded only now).

    The collector of reference cycles stays off until the first window is up (ui/app.py turns
    it on): start-up makes many objects and little garbage, and each collection would walk
    them all again.
    """
    gc.disable()
    load_core_first()
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
