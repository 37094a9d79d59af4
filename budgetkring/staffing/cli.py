"""Headless staffing commands: facilitators, pairs, absences, gaps and stand-ins.

Each command imports what it needs when it runs, so that `--help` and the other commands start
quickly.
"""

from __future__ import annotations

from budgetkring.cli.common import EXIT_OK, EXIT_PROBLEMS, open_db, print_json, today
from budgetkring.i18n import _, format_date
from budgetkring.staffing.absences import ABSENCE_REASONS


def _weights() -> dict:
    from budgetkring.paths import settings_path
    from budgetkring.settings import Settings

    return Settings.load(settings_path()).ranking_weights


def _period(args):
    from budgetkring.dates import parse_date

    first = parse_date(args.from_) if args.from_ else None
    last = parse_date(args.to) if args.to else None
    return first, last


def cmd_facilitators(args) -> int:
    """List facilitators with their absences and circles."""
    from budgetkring.staffing.facilitators import facilitator_status_label, list_facilitators

    with open_db(args, lock=False) as store:
        people = list_facilitators(store, today())
    rows = [
        {
            "name": p.name,
            "status": p.status,
            "town": p.town,
            "absences": [
                {"from": a["from"], "to": a["to"], "reason": a["reason"]} for a in p.absences
            ],
            "circles": p.circles,
        }
        for p in people
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not people:
        print(_("There are no facilitators yet."))
    for p in people:
        away = "; ".join(f"{a['from']}–{a['to']}" for a in p.absences)
        away_text = _("away: {periods}").format(periods=away) if away else ""
        print(
            f"{p.name}  ({facilitator_status_label(p.status)}{', ' + p.town if p.town else ''})"
            + (f" — {', '.join(p.circles)}" if p.circles else "")
            + (f" — {away_text}" if away_text else "")
        )
    return EXIT_OK


def cmd_add_facilitator(args) -> int:
    """Add a facilitator."""
    from budgetkring.staffing.facilitators import create_facilitator, parse_availability
    from budgetkring.staffing.rules import NEW, Facilitator
    from budgetkring.training.records import set_trainer

    availability = parse_availability(args.available) if args.available is not None else None
    with open_db(args) as store, store.transaction():  # with --trainer: both, or neither
        saved = create_facilitator(
            store,
            Facilitator(
                NEW,
                args.name,
                args.status,
                town=args.town or "",
                availability=availability,
                max_per_month=args.max_per_month,
            ),
            today(),
        )
        if args.trainer:
            set_trainer(store, saved.id)
    print(_("Facilitator '{name}' added.").format(name=saved.name))
    return EXIT_OK


def cmd_pair(args) -> int:
    """Make two facilitators a circle's lead pair from a date on."""
    from budgetkring.dates import parse_date
    from budgetkring.organisation.circles import find_circle
    from budgetkring.staffing.facilitators import find_facilitator
    from budgetkring.staffing.pairs import set_pair

    start = parse_date(args.from_) if args.from_ else today()
    with open_db(args) as store:
        circle = find_circle(store, args.circle)
        first, second = (find_facilitator(store, n) for n in (args.name1, args.name2))
        set_pair(store, circle.id, (first.id, second.id), start, today())
    print(
        _("{a} and {b} lead {circle} from {date}.").format(
            a=first.name, b=second.name, circle=circle.name, date=start.isoformat()
        )
    )
    return EXIT_OK


def cmd_absence(args) -> int:
    """Record an absence."""
    from budgetkring.dates import parse_date
    from budgetkring.staffing.absences import add_absence
    from budgetkring.staffing.facilitators import find_facilitator
    from budgetkring.staffing.outcomes import absence_outcome

    first, last = parse_date(args.from_), parse_date(args.to)
    with open_db(args) as store:
        person = find_facilitator(store, args.name)
        add_absence(store, person.id, first, last, args.reason)
        outcome = absence_outcome(store, person.id, first, last, today())
    print(
        _("Absence of {name} recorded: {first} to {last}.").format(
            name=person.name, first=first.isoformat(), last=last.isoformat()
        )
    )
    print(outcome)
    return EXIT_OK


def cmd_gaps(args) -> int:
    """Meetings that break a staffing rule; exit 1 when there are any."""
    from budgetkring.staffing.substitutions import find_gaps

    first, last = _period(args)
    with open_db(args, lock=False) as store:
        gaps = find_gaps(store, today(), first, last)
    rows = [
        {
            "session": g.session_id,
            "circle": g.circle_id,
            "date": g.date.isoformat(),
            "missing": g.missing,
            "reason": g.reason,
        }
        for g in gaps
    ]
    if args.json:
        print_json(rows)
    elif not gaps:
        print(_("Every meeting has two facilitators."))
    for g in [] if args.json else gaps:
        print(
            f"[{g.session_id}] {format_date(g.date, 'medium')} {g.start:%H:%M}  {g.circle_name}: "
            + _("{n} short").format(n=g.missing)
            + f" — {g.reason}"
        )
    return EXIT_PROBLEMS if gaps else EXIT_OK


def cmd_suggest(args) -> int:
    """Ranked stand-ins for a meeting, with reasons."""
    from budgetkring.planning.sessions import find_session
    from budgetkring.staffing.substitutions import suggest

    with open_db(args, lock=False) as store:
        session = find_session(store, args.session, today())
        result = suggest(store, session.id, today(), _weights())
    rows = [{"name": c.person.name, "score": c.score, "reasons": c.reasons} for c in result.ranked]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if result.gap:
        print(result.gap.reason)
    if not rows:
        print(_("Nobody can stand in at this meeting."))
    for n, c in enumerate(result.ranked, 1):
        print(f"{n:>2}. {c.person.name} ({c.score}): {'; '.join(c.reasons)}")
    return EXIT_OK


def cmd_substitute(args) -> int:
    """Record a stand-in: asked, or with --agreed as agreed (also confirms an earlier ask)."""
    from budgetkring.planning.sessions import find_session
    from budgetkring.staffing.facilitators import find_facilitator
    from budgetkring.staffing.outcomes import stand_in_outcome
    from budgetkring.staffing.substitutions import substitute

    with open_db(args) as store:
        session = find_session(store, args.session, today())
        person = find_facilitator(store, args.in_)
        out = find_facilitator(store, args.out).id if args.out else None
        saved = substitute(store, session.id, person.id, out, today(), confirmed=args.agreed)
        print(f"[{session.id}] " + stand_in_outcome(store, saved, today()))
    if not args.agreed:
        print(
            _("When {name} says yes, run the same command with --agreed.").format(name=person.name)
        )
    return EXIT_OK


def cmd_fill_gaps(args) -> int:
    """Propose a stand-in for every open place; save unless --dry-run."""
    from budgetkring.staffing.facilitators import facilitators_by_id
    from budgetkring.staffing.outcomes import fill_outcome
    from budgetkring.staffing.substitutions import fill_gaps, find_gaps

    first, last = _period(args)
    with open_db(args, lock=args.dry_run is False) as store:
        proposals = fill_gaps(store, today(), first, last, _weights(), save=not args.dry_run)
        names = {p.id: p.name for p in facilitators_by_id(store).values()}
        filled = sum(1 for p in proposals if p.candidate)
        outcome = fill_outcome(store, filled, today(), first, last)
        waiting = bool(proposals or find_gaps(store, today(), first, last))
    if not proposals and waiting:
        print(
            _(
                "There is nothing to propose. The meetings that still miss a facilitator are "
                "waiting for a yes, or their circle needs a pair (see: gaps)."
            )
        )
    elif not proposals:
        print(_("Every meeting has two facilitators."))
    for p in proposals:
        who = p.candidate.person.name if p.candidate else _("nobody available")
        instead = (" " + _("for {name}").format(name=names[p.out_id])) if p.out_id else ""
        print(
            f"[{p.slot.session_id}] {p.slot.day.isoformat()} {p.slot.circle_name}: {who}{instead}"
        )
    if args.dry_run and proposals:
        print(_("Nothing was saved (--dry-run)."))
    elif filled:
        print(outcome)
        print(_("When someone says yes, record it with: substitute SESSION --in NAME --agreed"))
    elif proposals:
        print(_("Nobody could be found; nothing was saved."))
    return EXIT_PROBLEMS if any(p.candidate is None for p in proposals) else EXIT_OK


def register(command) -> None:
    """Add the staffing commands to the parser."""
    p = command("facilitators", cmd_facilitators, _("list the facilitators"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("add-facilitator", cmd_add_facilitator, _("add a facilitator"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--status", choices=("trainee", "certified"), required=True)
    p.add_argument("--town", metavar="TOWN")
    p.add_argument("--available", metavar="mon,tue,…")
    p.add_argument("--max-per-month", metavar="N", type=int)
    p.add_argument("--trainer", action="store_true", help=_("also a trainer"))
    p = command("pair", cmd_pair, _("make two facilitators the lead pair of a circle"))
    p.add_argument("circle", metavar="CIRCLE")
    p.add_argument("name1", metavar="NAME1")
    p.add_argument("name2", metavar="NAME2")
    p.add_argument("--from", dest="from_", metavar="DATE")
    p = command("absence", cmd_absence, _("record that a facilitator is away"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--from", dest="from_", metavar="DATE", required=True)
    p.add_argument("--to", metavar="DATE", required=True)
    p.add_argument("--reason", choices=ABSENCE_REASONS, default="other")
    p = command("gaps", cmd_gaps, _("list meetings that miss a facilitator"))
    p.add_argument("--from", dest="from_", metavar="DATE")
    p.add_argument("--to", metavar="DATE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("suggest", cmd_suggest, _("suggest stand-ins for a meeting"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("substitute", cmd_substitute, _("record a stand-in for a meeting"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--in", dest="in_", metavar="NAME", required=True)
    p.add_argument("--out", metavar="NAME")
    p.add_argument(
        "--agreed",
        action="store_true",
        help=_("the stand-in has said yes (without it: asked, not agreed yet)"),
    )
    p = command("fill-gaps", cmd_fill_gaps, _("propose a stand-in for every open place"))
    p.add_argument("--from", dest="from_", metavar="DATE")
    p.add_argument("--to", metavar="DATE")
    p.add_argument("--dry-run", action="store_true", help=_("show the proposal, save nothing"))
