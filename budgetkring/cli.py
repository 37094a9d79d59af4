"""The `budgetkring` command: starts the app, or runs a headless command over the same core.

Exit status: 0 success, 1 ran but found problems, 2 bad usage or input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from budgetkring import __version__
from budgetkring.cli_common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, open_db, print_json, today
from budgetkring.errors import UserError
from budgetkring.i18n import _, set_language


class UsageError(Exception):
    """Bad command-line usage, reported in one line."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line instead of printing the usage block."""

    def error(self, message: str):  # noqa: D102 - argparse hook
        raise UsageError(message)


# --- commands -----------------------------------------------------------------------------


def cmd_demo(args) -> int:
    """Fill an empty database with the demo organisation."""
    from budgetkring.demo import load_demo

    with open_db(args) as store:
        load_demo(store, today())
    print(_("The demo organisation has been loaded into {path}.").format(path=args.db))
    return EXIT_OK


def cmd_check(args) -> int:
    """Integrity, foreign keys and the app's own rules."""
    from budgetkring.check import run_checks
    from budgetkring.store.db import not_budgetkring_error

    path = Path(args.db)
    if not path.exists():  # check never creates a file
        raise UserError(_("The file {path} does not exist.").format(path=path))
    if path.is_file() and path.stat().st_size == 0:
        raise not_budgetkring_error(path)
    with open_db(args, lock=False, backups=False, migrate=False) as store:
        problems = run_checks(store)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_PROBLEMS
    print(_("No problems found."))
    return EXIT_OK


def cmd_backup(args) -> int:
    """Write a checked backup and print where it is."""
    from budgetkring.store.backup import backup_to

    with open_db(args, lock=False) as store:
        path = backup_to(store, Path(args.to) if args.to else None)
    print(path)
    return EXIT_OK


def cmd_restore(args) -> int:
    """Replace the database with a backup (the current state is backed up first)."""
    from budgetkring.store.backup import restore

    with open_db(args) as store:
        safety = restore(store, Path(args.file))
    print(_("Restored from {file}.").format(file=args.file))
    if safety:
        print(_("The previous state was saved as {path}.").format(path=safety))
    return EXIT_OK


def cmd_circles(args) -> int:
    """List circles."""
    from budgetkring.circles import list_circles, status_label
    from budgetkring.sessions import next_sessions

    with open_db(args, lock=False) as store:
        circles = list_circles(store, today())
        upcoming = next_sessions(store, today())
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "municipality": c.municipality,
            "place": c.place,
            "status": c.status,
            "facilitators": c.facilitators,
            "next_session": upcoming[c.id].isoformat() if c.id in upcoming else None,
        }
        for c in circles
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print(_("There are no circles yet."))
    for c, row in zip(circles, rows, strict=True):
        print(
            f"{c.id:>3}  {c.name}  ({c.municipality}) — {status_label(c.status)}"
            + (f" — {', '.join(c.facilitators)}" if c.facilitators else "")
            + (f" — {row['next_session']}" if row["next_session"] else "")
        )
    return EXIT_OK


def cmd_add_circle(args) -> int:
    """Add a circle."""
    from budgetkring.circles import add_circle

    with open_db(args) as store:
        circle = add_circle(
            store,
            name=args.name,
            municipality=args.municipality,
            place=args.place or "",
            start_date=args.start or "",
        )
    print(_("Circle '{name}' added with number {id}.").format(name=circle.name, id=circle.id))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar."""
    parser = _Parser(prog="budgetkring", description=_("Plan and run budget circles."))
    parser.add_argument("--version", action="version", version=f"Budgetkring {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("use this database file"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    command("demo", cmd_demo, _("fill an empty database with the demo organisation"))
    command("check", cmd_check, _("check the database for damage and inconsistencies"))
    p = command("backup", cmd_backup, _("make a checked backup of the database"))
    p.add_argument("--to", metavar="FILE", help=_("write the backup to this file"))
    p = command("restore", cmd_restore, _("replace the database with a backup"))
    p.add_argument("file", metavar="FILE")
    p = command("circles", cmd_circles, _("list the circles"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("add-circle", cmd_add_circle, _("add a circle"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--municipality", metavar="TOWN", required=True)
    p.add_argument("--place", metavar="TEXT")
    p.add_argument("--start", metavar="DATE")
    from budgetkring import cli_plan, cli_staff

    cli_plan.register(command)
    cli_staff.register(command)
    return parser


def _setup_language() -> None:
    from budgetkring.paths import settings_path
    from budgetkring.settings import Settings

    set_language(Settings.load(settings_path()).language)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `budgetkring` command and of ``python main.py``."""
    argv = sys.argv[1:] if argv is None else argv
    _setup_language()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        print(f"budgetkring: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        from ui.app import run_app  # Qt is only loaded for the desktop app

        return run_app(Path(args.db) if args.db else None)
    if args.db is None:
        from budgetkring.paths import default_db_path

        args.db = default_db_path()
        args.db.parent.mkdir(parents=True, exist_ok=True)
    try:
        return args.func(args)
    except UserError as err:
        print(f"budgetkring: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
