"""Headless commands about participants: codes, attendance, self-assessments, goals, forgetting.

Output never holds an alias: an alias is for this laptop's screen only. Each command imports
what it needs when it runs, so that `--help` and the other commands start quickly.
"""

from __future__ import annotations

from pathlib import Path

from budgetkring.cli.common import EXIT_OK, open_db, print_json, today
from budgetkring.errors import UserError
from budgetkring.i18n import _


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def cmd_add_participant(args) -> int:
    """Add a participant; prints the new code."""
    from budgetkring.dates import parse_date
    from budgetkring.organisation.circles import find_circle
    from budgetkring.participants.participants import add_participant

    consent = parse_date(args.consent) if args.consent else None
    joined = parse_date(args.joined) if args.joined else None
    with open_db(args) as store:
        circle = find_circle(store, args.circle)
        person = add_participant(
            store, circle.id, today(), alias=args.alias, consent=consent, joined=joined
        )
    if args.json:
        print_json({"code": person.code})
    else:
        print(person.code)
    return EXIT_OK


def cmd_participants(args) -> int:
    """List a circle's participants with their attendance (never an alias)."""
    from budgetkring.organisation.circles import find_circle
    from budgetkring.participants.participants import list_participants, status_label

    with open_db(args, lock=False) as store:
        circle = find_circle(store, args.circle)
        people = list_participants(store, circle.id, today())
    if args.json:
        print_json([p.public() for p in people])
        return EXIT_OK
    if not people:
        print(_("{circle} has no participants yet.").format(circle=circle.name))
    for p in people:
        print(
            f"{p.code}  {status_label(p.status)}  "
            + _("present {present}, excused {excused}, absent {absent}").format(
                present=p.present, excused=p.excused, absent=p.absent
            )
            + ("" if p.consent else "  (" + _("no consent") + ")")
        )
    return EXIT_OK


def cmd_attendance(args) -> int:
    """Record or show the attendance of one meeting."""
    from budgetkring.participants.participants import (
        attendance_label,
        find_participant,
        list_participants,
        record_attendance,
    )
    from budgetkring.planning.sessions import find_session

    given = {
        "present": _codes(args.present),
        "excused": _codes(args.excused),
        "absent": _codes(args.absent),
    }
    with open_db(args, lock=any(given.values())) as store:
        session = find_session(store, args.session, today())
        marks: dict[int, str | None] = {}
        for status, codes in given.items():
            for code in codes:
                person = find_participant(store, code, session.circle_id)
                if person.id in marks:
                    raise UserError(_("{code} is named twice.").format(code=person.code))
                marks[person.id] = status
        if marks:
            record_attendance(store, session.id, marks, today())
        people = list_participants(store, session.circle_id, today())
    if args.json:
        print_json([{"code": p.code, "status": p.marks.get(session.id)} for p in people])
        return EXIT_OK
    for p in people:
        mark = p.marks.get(session.id)
        print(f"{p.code}  {attendance_label(mark) if mark else '—'}")
    return EXIT_OK


def _scores(text: str) -> dict[str, int]:
    scores: dict[str, int] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        domain, _sep, value = part.partition("=")
        try:
            scores[domain.strip()] = int(value.strip())
        except ValueError:
            raise UserError(
                _("'{part}' is not a score. Write it like money=3,housing=4.").format(part=part)
            ) from None
    return scores


def cmd_assess(args) -> int:
    """Record a self-assessment."""
    from budgetkring.dates import parse_date
    from budgetkring.participants.assessments import assess
    from budgetkring.participants.participants import find_participant

    day = parse_date(args.date) if args.date else today()
    scores = _scores(args.scores)
    with open_db(args) as store:
        person = find_participant(store, args.code)
        assess(store, person.id, args.moment, scores, day)
    print(_("The assessment of {code} has been saved.").format(code=person.code))
    return EXIT_OK


def cmd_progress(args) -> int:
    """A participant's assessments, change per domain and goals."""
    from budgetkring.domains import domain_label
    from budgetkring.organisation.circles import get_circle
    from budgetkring.participants.assessments import moment_label, progress
    from budgetkring.participants.goals import list_goals
    from budgetkring.participants.participants import find_participant

    with open_db(args, lock=False) as store:
        person = find_participant(store, args.code)
        found = progress(store, person.id)
        goals = list_goals(store, participant_id=person.id)
        circle = get_circle(store, person.circle_id)
    data = {
        "code": person.code,
        "circle": circle.name,
        "moments": found.moments,
        "change": found.change,
        "goals": [g.public() for g in goals],
    }
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{person.code} — {circle.name}")
    for moment, scores in found.moments.items():
        text = ", ".join(f"{domain_label(d)} {v}" for d, v in scores.items())
        print(f"{moment_label(moment)}: {text}")
    for domain, change in found.change.items():
        print(f"{domain_label(domain)}: {change:+d}")
    for goal in goals:
        print(f"[{goal.id}] {goal.text} ({goal.status})")
    return EXIT_OK


def cmd_goal(args) -> int:
    """Set a goal for a participant or a facilitator; prints its number."""
    from budgetkring.participants.goals import add_goal
    from budgetkring.participants.participants import find_participant
    from budgetkring.staffing.facilitators import find_facilitator

    if (args.code is None) == (args.facilitator is None):
        raise UserError(_("Name a participant code or a facilitator (--facilitator), not both."))
    with open_db(args) as store:
        if args.facilitator is not None:
            owner = {"facilitator_id": find_facilitator(store, args.facilitator).id}
        else:
            owner = {"participant_id": find_participant(store, args.code).id}
        goal = add_goal(store, args.text, today(), domain=args.domain, **owner)
    if args.json:
        print_json({"id": goal.id})
    else:
        print(goal.id)
    return EXIT_OK


def cmd_goal_status(args) -> int:
    """Mark a goal open, done or dropped."""
    from budgetkring.dates import parse_id
    from budgetkring.participants.goals import set_goal_status

    goal_id = parse_id(args.goal)
    if goal_id is None:
        raise UserError(_("'{text}' is not a goal number.").format(text=args.goal))
    with open_db(args) as store:
        set_goal_status(store, goal_id, args.status, today())
    print(_("Goal {id} is now {status}.").format(id=goal_id, status=args.status))
    return EXIT_OK


def cmd_instruments(args) -> int:
    """List the self-assessment instruments."""
    from budgetkring.participants.assessments import list_instruments

    with open_db(args, lock=False) as store:
        found = list_instruments(store)
    rows = [
        {
            "name": i.name,
            "version": i.version,
            "scale": [i.scale.minimum, i.scale.maximum],
            "domains": i.domains(),
        }
        for i in found
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for i in found:
        print(
            f"{i.name} ("
            + _("version {v}").format(v=i.version)
            + f", {i.scale.minimum}–{i.scale.maximum}): {', '.join(i.domains())}"
        )
    return EXIT_OK


def cmd_import_instrument(args) -> int:
    """Import an instrument file."""
    from budgetkring.participants.assessments import import_instrument

    with open_db(args) as store:
        found = import_instrument(store, Path(args.file))
    print(
        _("Instrument '{name}' imported as version {version}.").format(
            name=found.name, version=found.version
        )
    )
    return EXIT_OK


def cmd_forget(args) -> int:
    """Remove a participant and everything about them."""
    from budgetkring.participants.participants import find_participant
    from budgetkring.participants.privacy import forget

    with open_db(args) as store:
        done = forget(store, find_participant(store, args.code).id)
    print(_("Everything about {code} has been removed.").format(code=done.code))
    if not done.wiped:
        print(
            _(
                "Another program is reading the database; the last traces are wiped from the "
                "file as soon as it closes."
            )
        )
    return EXIT_OK


def cmd_wipe_aliases(args) -> int:
    """Remove every alias (of one circle, or all)."""
    from budgetkring.organisation.circles import find_circle
    from budgetkring.participants.privacy import wipe_aliases

    with open_db(args) as store:
        circle_id = find_circle(store, args.circle).id if args.circle else None
        count = wipe_aliases(store, circle_id)
    print(count)
    return EXIT_OK


def cmd_retention(args) -> int:
    """Show (or with --apply carry out) the removal of participant data of finished circles."""
    from budgetkring.participants.privacy import apply_retention, retention_cases
    from budgetkring.paths import settings_path
    from budgetkring.settings import Settings

    months = Settings.load(settings_path()).retention_months
    with open_db(args, lock=args.apply) as store:
        cases = retention_cases(store, today(), months)
        if args.apply and cases:
            apply_retention(store, today(), months)
    rows = [
        {
            "circle": c.circle_name,
            "finished_on": c.finished_on.isoformat(),
            "participants": c.participants,
        }
        for c in cases
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not cases:
        print(_("No circle has participant data that may be removed yet."))
    for row in rows:
        print(
            _("{circle} (last meeting {date}): {n} participants").format(
                circle=row["circle"], date=row["finished_on"], n=row["participants"]
            )
        )
    if cases:
        print(
            _("Removed; only anonymous totals are kept.")
            if args.apply
            else _("Nothing was removed. Add --apply to remove it.")
        )
    return EXIT_OK


def register(command) -> None:
    """Add the participant commands to the parser."""
    p = command("add-participant", cmd_add_participant, _("add a participant (a code)"))
    p.add_argument("circle", metavar="CIRCLE")
    p.add_argument("--alias", metavar="TEXT", help=_("a nickname, kept on this laptop only"))
    p.add_argument("--consent", metavar="DATE")
    p.add_argument("--joined", metavar="DATE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("participants", cmd_participants, _("list the participants of a circle"))
    p.add_argument("circle", metavar="CIRCLE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("attendance", cmd_attendance, _("record or show who came to a meeting"))
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--present", metavar="CODES")
    p.add_argument("--excused", metavar="CODES")
    p.add_argument("--absent", metavar="CODES")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("assess", cmd_assess, _("record a self-assessment"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--moment", choices=("start", "mid", "end"), required=True)
    p.add_argument("--scores", metavar="DOMAIN=N,…", required=True)
    p.add_argument("--date", metavar="DATE")
    p = command("progress", cmd_progress, _("show a participant's progress"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("goal", cmd_goal, _("set a goal for a participant or a facilitator"))
    p.add_argument("code", metavar="CODE", nargs="?")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--facilitator", metavar="NAME")
    p.add_argument("--domain", metavar="DOMAIN")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("goal-status", cmd_goal_status, _("mark a goal open, done or dropped"))
    p.add_argument("goal", metavar="GOAL")
    p.add_argument("status", choices=("open", "done", "dropped"))
    p = command("instruments", cmd_instruments, _("list the self-assessment instruments"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("import-instrument", cmd_import_instrument, _("import an instrument file"))
    p.add_argument("file", metavar="FILE")
    p = command("forget", cmd_forget, _("remove a participant and everything about them"))
    p.add_argument("code", metavar="CODE")
    p = command("wipe-aliases", cmd_wipe_aliases, _("remove every alias"))
    p.add_argument("--circle", metavar="CIRCLE")
    p = command("retention", cmd_retention, _("remove participant data of finished circles"))
    p.add_argument("--apply", action="store_true", help=_("really remove it"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
