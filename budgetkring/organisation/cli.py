"""Headless commands about the organisation and its database: demo, check, backup, restore,
circles, add-circle.

Each command imports what it needs when it runs, so that `--help` and the other commands start
quickly.
"""

from __future__ import annotations

from pathlib import Path

from budgetkring.cli.common import EXIT_OK, EXIT_PROBLEMS, open_db, print_json, today
from budgetkring.i18n import _


def cmd_demo(args) -> int:
    """Fill an empty database with the demo organisation."""
    from budgetkring.organisation.demo import load_demo

    with open_db(args) as store:
        load_demo(store, today())
    print(_("The demo organisation has been loaded into {path}.").format(path=args.db))
    return EXIT_OK


def cmd_check(args) -> int:
    """Integrity, foreign keys and the app's own rules; reads the file, never writes it."""
    from budgetkring.organisation.database import check_database

    problems = check_database(Path(args.db))
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_PROBLEMS
    print(_("No problems found."))
    return EXIT_OK


def cmd_backup(args) -> int:
    """Write a checked backup and print where it is."""
    from budgetkring.organisation.database import make_backup

    dest = Path(args.to) if args.to is not None else None
    with open_db(args, lock=False) as store:
        path = make_backup(store, dest, replace=args.force)
    print(path)
    return EXIT_OK


def cmd_restore(args) -> int:
    """Replace the database with a backup; the current state is kept (backed up, or, when it
    is damaged, moved aside)."""
    from budgetkring.organisation.database import restore_database

    done = restore_database(Path(args.db), Path(args.file))
    print(_("Restored from {file}.").format(file=args.file))
    if done["aside"]:
        print(_("The damaged database was kept as {path}.").format(path=done["aside"]))
    if done["safety"]:
        print(_("The previous state was saved as {path}.").format(path=done["safety"]))
    return EXIT_OK


def cmd_circles(args) -> int:
    """List circles."""
    from budgetkring.organisation.circles import list_circles, status_label
    from budgetkring.planning.sessions import next_sessions

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
            "received_from": c.received_from,
            "received_at": c.received_at,
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
    from budgetkring.organisation.circles import add_circle

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


def register(command) -> None:
    """Add the organisation and database commands to the parser."""
    command("demo", cmd_demo, _("fill an empty database with the demo organisation"))
    command("check", cmd_check, _("check the database for damage and inconsistencies"))
    p = command("backup", cmd_backup, _("make a checked backup of the database"))
    p.add_argument("--to", metavar="FILE", help=_("write the backup to this file"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p = command("restore", cmd_restore, _("replace the database with a backup"))
    p.add_argument("file", metavar="FILE")
    p = command("circles", cmd_circles, _("list the circles"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("add-circle", cmd_add_circle, _("add a circle"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--municipality", metavar="TOWN", required=True)
    p.add_argument("--place", metavar="TEXT")
    p.add_argument("--start", metavar="DATE")
