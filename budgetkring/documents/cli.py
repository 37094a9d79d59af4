"""`budgetkring print KIND … -o FILE.pdf`: any printed document, from the command line.

What a kind needs (see ``kinds.NEEDS``): a meeting (``--session``, or ``--circle`` for its next
meeting), a circle (``--circle``) or a participant (``--code``). A missing or wrong option is
refused before anything is written; the PDF is written in one step.
"""

from __future__ import annotations

from budgetkring.cli.common import EXIT_OK, open_db, today
from budgetkring.errors import UserError
from budgetkring.i18n import _

_OPTION_FOR = {"session": "--session", "circle": "--circle", "participant": "--code"}


def cmd_print(args) -> int:
    """Write one document as PDF; prints the path written."""
    from budgetkring.documents.catalogue import KINDS, NEEDS, WITH_ALIASES
    from budgetkring.documents.kinds import Request, save_document
    from budgetkring.organisation.circles import find_circle
    from budgetkring.participants.participants import find_participant
    from budgetkring.planning.sessions import find_session
    from budgetkring.store.files import shown

    kind = args.kind
    if kind not in KINDS:
        raise UserError(
            _("'{kind}' is not something Budgetkring can print. Choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    needs = NEEDS[kind]
    given = {"session": args.session, "circle": args.circle, "participant": args.code}
    if needs == "session" and not (args.session or args.circle):
        raise UserError(
            _("{kind} needs --session (or --circle for its next meeting).").format(kind=kind)
        )
    if needs != "session" and not given[needs]:
        raise UserError(_("{kind} needs {option}.").format(kind=kind, option=_OPTION_FOR[needs]))
    if args.moment and kind != "assessment-sheet":
        raise UserError(_("--moment is only for assessment-sheet."))
    if args.with_aliases and kind not in WITH_ALIASES:
        raise UserError(
            _(
                "Names are only printed on attendance-list and progress-sheet, never on {kind}."
            ).format(kind=kind)
        )
    with open_db(args, lock=False) as store:
        request = Request(
            kind, moment=args.moment or "start", large=args.large, with_aliases=args.with_aliases
        )
        session = find_session(store, args.session, today()) if args.session else None
        if session is not None:
            request.session_id = session.id
        if args.circle:
            circle = find_circle(store, args.circle)
            request.circle_id = circle.id
            if session is not None and session.circle_id != circle.id:
                raise UserError(_("That meeting belongs to another circle."))
        if args.code:
            request.participant_id = find_participant(store, args.code, request.circle_id).id
        written = save_document(store, request, today(), args.o, replace=args.force)
    print(shown(written))
    return EXIT_OK


def register(command) -> None:
    """Add the print command to the parser (``command`` makes a subparser)."""
    from budgetkring.documents.catalogue import KINDS

    p = command("print", cmd_print, _("print a document as PDF (session plan, lists, reports)"))
    p.add_argument("kind", metavar="KIND", help=" | ".join(KINDS))
    p.add_argument("--circle", metavar="CIRCLE")
    p.add_argument("--session", metavar="SESSION")
    p.add_argument("--code", metavar="CODE", help=_("a participant's code"))
    p.add_argument("--moment", choices=("start", "mid", "end"))
    p.add_argument("--large", action="store_true", help=_("large print (16 pt)"))
    p.add_argument(
        "--with-aliases",
        action="store_true",
        help=_("print names next to codes (attendance-list, progress-sheet only)"),
    )
    p.add_argument("-o", metavar="FILE.pdf", required=True)
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
