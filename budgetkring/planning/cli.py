"""Headless planning commands: plan, sessions, move, cancel, uncancel, ics.

Each command imports what it needs when it runs, so that `--help` and the other commands start
quickly.
"""

from __future__ import annotations

from pathlib import Path

from budgetkring.cli.common import EXIT_OK, open_db, print_json, today
from budgetkring.i18n import _, format_date


def cmd_plan(args) -> int:
    """Generate (or re-plan) a circle's year; --dry-run only shows it."""
    from budgetkring.dates import parse_date
    from budgetkring.organisation.circles import find_circle
    from budgetkring.planning.plan import PlanRequest, preview_plan, save_plan
    from budgetkring.planning.schedule import (
        parse_cadence,
        parse_region,
        parse_time_range,
        parse_weekday,
    )

    start = parse_date(args.start)
    weekday = parse_weekday(args.weekday)
    start_time, end_time = parse_time_range(args.time)
    cadence, region = parse_cadence(args.every), parse_region(args.region)
    with open_db(args, lock=not args.dry_run) as store:
        circle = find_circle(store, args.circle)
        request = PlanRequest(
            circle.id, start, weekday, start_time, end_time, cadence, region, args.programme
        )
        run = preview_plan if args.dry_run else save_plan
        preview = run(store, request, today())
    print(
        _("{circle} — programme '{programme}' (version {version})").format(
            circle=circle.name, programme=preview.programme.name, version=preview.programme.version
        )
    )
    if preview.kept:
        print(_("Kept (already held): {n} meetings").format(n=len(preview.kept)))
    for meeting in preview.meetings:
        print(
            f"{meeting.number:>3}  {meeting.day.isoformat()}  "
            f"{start_time:%H:%M}-{end_time:%H:%M}  {meeting.template.title}"
        )
    for day, reason in preview.skipped:
        print(_("skipped {date}: {reason}").format(date=day.isoformat(), reason=reason))
    for warning in preview.warnings:
        print(_("Note: {text}").format(text=warning))
    print(_("Nothing was saved (--dry-run).") if args.dry_run else _("The plan has been saved."))
    return EXIT_OK


def cmd_sessions(args) -> int:
    """List a circle's meetings."""
    from budgetkring.organisation.circles import find_circle
    from budgetkring.planning.sessions import list_sessions, status_label

    with open_db(args, lock=False) as store:
        circle = find_circle(store, args.circle)
        sessions = list_sessions(store, circle.id, today())
    rows = [
        {
            "id": s.id,
            "number": s.number,
            "date": s.date.isoformat(),
            "start": s.start.strftime("%H:%M"),
            "end": s.end.strftime("%H:%M"),
            "status": s.status,
            "theme": s.theme,
            "facilitators": s.facilitators,
        }
        for s in sessions
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print(_("{circle} has no meetings planned yet.").format(circle=circle.name))
    for s in sessions:
        number = f"{s.number:>2}" if s.number else " -"
        print(
            f"[{s.id}] {number}  {format_date(s.date, 'medium')}  {s.start:%H:%M}-{s.end:%H:%M}"
            f"  {status_label(s.status)}  {s.theme}  ({', '.join(s.facilitators)})"
        )
    return EXIT_OK


def cmd_move(args) -> int:
    """Move a meeting for a reason; conflicts refuse, an unusual time needs --unusual-time."""
    from budgetkring.dates import parse_date
    from budgetkring.errors import UserError
    from budgetkring.planning.schedule import parse_time_range
    from budgetkring.planning.sessions import UnusualTimeError, find_session, move_session

    day = parse_date(args.to)
    start, end = parse_time_range(args.time) if args.time else (None, None)
    with open_db(args) as store:
        session = find_session(store, args.session, today())
        try:
            moved = move_session(
                store,
                session.id,
                day,
                start,
                end,
                args.reason,
                today(),
                unusual_ok=args.unusual_time,
            )
        except UnusualTimeError as err:
            raise UserError(
                str(err) + " " + _("If it is right, add --unusual-time to move it anyway.")
            ) from None
    print(
        _("Meeting {id} moved to {date} {start}-{end}.").format(
            id=moved.id,
            date=moved.date.isoformat(),
            start=f"{moved.start:%H:%M}",
            end=f"{moved.end:%H:%M}",
        )
    )
    return EXIT_OK


def cmd_cancel(args) -> int:
    """Cancel a meeting, optionally moving the themes on."""
    from budgetkring.planning.sessions import cancel_session, find_session

    with open_db(args) as store:
        session = find_session(store, args.session, today())
        added = cancel_session(store, session.id, args.reason, args.shift_themes, today())
    print(_("Meeting {id} has been cancelled.").format(id=session.id))
    if added:
        print(
            _("The themes moved one meeting on; meeting {id} was added on {date}.").format(
                id=added.id, date=added.date.isoformat()
            )
        )
    return EXIT_OK


def cmd_uncancel(args) -> int:
    """Plan a cancelled meeting again; themes moved on by its cancellation move back."""
    from budgetkring.planning.restore import restore_session
    from budgetkring.planning.sessions import find_session, history

    with open_db(args) as store:
        session = find_session(store, args.session, today())
        known = len(history(store, session.id))
        restored = restore_session(store, session.id, args.reason or "", today())
        lines = history(store, restored.id)[known:]
    print(
        _("Meeting {id} is planned again on {date} {start}-{end}.").format(
            id=restored.id,
            date=restored.date.isoformat(),
            start=f"{restored.start:%H:%M}",
            end=f"{restored.end:%H:%M}",
        )
    )
    for line in lines:
        print(line.text)
    return EXIT_OK


def cmd_ics(args) -> int:
    """Export a calendar file for a circle or a facilitator."""
    from budgetkring.organisation.circles import find_circle
    from budgetkring.planning.ics import export_circle, export_facilitator
    from budgetkring.staffing.facilitators import find_facilitator

    with open_db(args, lock=False) as store:
        if args.circle is not None:
            circle = find_circle(store, args.circle)
            count = export_circle(store, circle.id, Path(args.o), today(), replace=args.force)
        else:
            person = find_facilitator(store, args.facilitator)
            count = export_facilitator(store, person.id, Path(args.o), today(), replace=args.force)
    print(_("{n} meetings written to {path}.").format(n=count, path=args.o))
    return EXIT_OK


def register(command) -> None:
    """Add the planning commands to the parser (``command`` makes a subparser)."""
    p = command("plan", cmd_plan, _("plan the meetings of a circle's year"))
    p.add_argument("circle", metavar="CIRCLE")
    p.add_argument("--start", metavar="DATE", required=True)
    p.add_argument(
        "--weekday",
        metavar="DAY",
        required=True,
        help="mon|tue|wed|thu|fri|sat|sun (ma|di|wo|do|vr|za|zo)",
    )
    p.add_argument("--time", metavar="HH:MM-HH:MM", required=True)
    p.add_argument("--every", metavar="1w|2w|3w|4w|month", required=True)
    p.add_argument("--region", metavar="noord|midden|zuid", default="midden")
    p.add_argument("--programme", metavar="NAME")
    p.add_argument("--dry-run", action="store_true", help=_("show the plan, save nothing"))
    p = command("sessions", cmd_sessions, _("list the meetings of a circle"))
    p.add_argument("circle", metavar="CIRCLE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("move", cmd_move, _("move a meeting to another day or time"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--to", metavar="DATE", required=True)
    p.add_argument("--time", metavar="HH:MM-HH:MM")
    p.add_argument("--reason", metavar="TEXT", required=True)
    p.add_argument(
        "--unusual-time",
        action="store_true",
        help=_("move it even at an unusual time (before 07:00, after 23:00, an unusual length)"),
    )
    p = command("cancel", cmd_cancel, _("cancel a meeting"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT", required=True)
    p.add_argument(
        "--shift-themes",
        action="store_true",
        help=_("move this theme and all later ones one meeting on"),
    )
    p = command("uncancel", cmd_uncancel, _("plan a cancelled meeting again"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT")
    p = command("ics", cmd_ics, _("export a calendar file (.ics)"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--circle", metavar="CIRCLE")
    who.add_argument("--facilitator", metavar="NAME")
    p.add_argument("-o", metavar="FILE", required=True)
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
