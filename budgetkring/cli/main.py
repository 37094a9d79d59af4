"""The `budgetkring` command line: wires each capability's subcommands together.

Exit status: 0 success, 1 ran but found problems, 2 bad usage or input (one line on stderr).
Without a subcommand the launcher (``ui.launcher``) starts the desktop app; the core never
names the front end.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from budgetkring import __version__
from budgetkring.cli.common import EXIT_OK, EXIT_USAGE
from budgetkring.errors import UserError
from budgetkring.i18n import _, set_language
from budgetkring.organisation import cli as organisation_cli
from budgetkring.paths import default_db_path, settings_path
from budgetkring.planning import cli as planning_cli
from budgetkring.settings import Settings
from budgetkring.staffing import cli as staffing_cli

GuiStarter = Callable[[Path | None], int]


class UsageError(Exception):
    """Bad command-line usage, reported in one line."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line instead of printing the usage block."""

    def error(self, message: str):  # noqa: D102 - argparse hook
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar: every capability adds its own commands."""
    parser = _Parser(prog="budgetkring", description=_("Plan and run budget circles."))
    parser.add_argument("--version", action="version", version=f"Budgetkring {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("use this database file"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    organisation_cli.register(command)
    planning_cli.register(command)
    staffing_cli.register(command)
    return parser


def _setup_language() -> None:
    set_language(Settings.load(settings_path()).language)


def main(argv: list[str] | None = None, start_gui: GuiStarter | None = None) -> int:
    """Run a command; without one, ``start_gui`` (given by the launcher) starts the app."""
    argv = sys.argv[1:] if argv is None else argv
    _setup_language()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        print(f"budgetkring: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        if start_gui is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        return start_gui(Path(args.db) if args.db else None)
    if args.db is None:
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
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
