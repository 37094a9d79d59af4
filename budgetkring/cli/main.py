"""The `budgetkring` command line: wires each capability's subcommands together.

Exit status: 0 success, 1 ran but found problems, 2 bad usage or input (one line on stderr).
Without a subcommand the launcher (``ui.launcher``) starts the desktop app; the core never
names the front end.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from budgetkring import __version__
from budgetkring.cli.common import EXIT_OK, EXIT_USAGE, WARNINGS
from budgetkring.documents import cli as documents_cli
from budgetkring.errors import UserError
from budgetkring.exchange import cli as exchange_cli
from budgetkring.exchange import report_cli
from budgetkring.i18n import _, set_language
from budgetkring.organisation import cli as organisation_cli
from budgetkring.organisation.database import explain
from budgetkring.participants import cli as participants_cli
from budgetkring.paths import default_db_path, settings_path
from budgetkring.planning import cli as planning_cli
from budgetkring.settings import Settings
from budgetkring.staffing import cli as staffing_cli
from budgetkring.text import printable
from budgetkring.training import cli as training_cli

GuiStarter = Callable[[Path | None], int]


class UsageError(Exception):
    """Bad command-line usage, reported in one line."""


def _given(text: str) -> str:
    """An argument's value: refused when empty (an empty value is not the same as leaving the
    option out) or when it is not valid text."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("an empty value was given; leave it out or fill it in"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            _("it contains characters that are not valid text (UTF-8)")
        ) from None
    return text


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, and checks every value it is given."""

    def error(self, message: str):  # noqa: D102 - argparse hook
        raise UsageError(message)

    def _add_action(self, action):  # noqa: D102 - every text value goes through _given
        if action.type is None and action.nargs != 0 and not action.choices:
            action.type = _given
        return super()._add_action(action)


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
    participants_cli.register(command)
    documents_cli.register(command)
    training_cli.register(command)
    exchange_cli.register(command)
    report_cli.register(command)
    return parser


def _setup_language() -> None:
    set_language(Settings.load(settings_path()).language)


def _say(text: str) -> None:
    """One line on stderr, whatever the message holds."""
    print("budgetkring: " + " ".join(printable(str(text)).split()), file=sys.stderr)


def main(argv: list[str] | None = None, start_gui: GuiStarter | None = None) -> int:
    """Run a command; without one, ``start_gui`` (given by the launcher) starts the app."""
    for stream in (sys.stdout, sys.stderr):  # a name that cannot be shown never crashes
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    WARNINGS.clear()
    _setup_language()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as err:
        _say(str(err))
        return EXIT_USAGE
    if args.command is None:
        if start_gui is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        return start_gui(Path(args.db) if args.db else None)
    try:
        if args.db is None:
            args.db = default_db_path()
        try:
            status = args.func(args)
            for warning in dict.fromkeys(WARNINGS):
                _say(warning)
            return status
        except (sqlite3.Error, OSError) as err:
            if isinstance(err, BrokenPipeError):
                raise
            raise explain(err, Path(args.db)) from None
    except UserError as err:
        _say(str(err))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
