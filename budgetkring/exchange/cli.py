"""`invite`, `join`, `send`, `receive` and `senders`: exchange files from the command line."""

from __future__ import annotations

from budgetkring.cli.common import EXIT_OK, EXIT_USAGE, now, open_db, print_json
from budgetkring.errors import UserError
from budgetkring.i18n import _


def cmd_invite(args) -> int:
    """Write an invitation file for a facilitator; prints the path written."""
    from budgetkring.exchange.membership import invite

    with open_db(args) as store:
        print(invite(store, args.name, args.output, replace=args.force))
    return EXIT_OK


def cmd_join(args) -> int:
    """Join the organisation of an invitation file."""
    from budgetkring.exchange.membership import join

    with open_db(args) as store:
        joined = join(store, args.file)
    print(
        _("This database now sends to {organisation} as {name}.").format(
            organisation=joined.organisation_name or joined.organisation_uid,
            name=joined.sender_name,
        )
    )
    return EXIT_OK


def cmd_send(args) -> int:
    """Write an exchange file; prints the path written."""
    from budgetkring.exchange.sending import send
    from budgetkring.organisation.circles import find_circle

    if (args.output is None) == (args.outbox is None):
        raise UserError(_("Give either -o FILE or --outbox FOLDER."))
    if args.programme and args.circle:
        raise UserError(_("--programme sends programmes, not a circle: leave out --circle."))
    with open_db(args) as store:
        circle_id = find_circle(store, args.circle).id if args.circle else None
        path = send(
            store,
            now(),
            circle_id=circle_id,
            programme=args.programme,
            output=args.output,
            outbox=args.outbox,
            replace=args.force,
        )
    print(path)
    return EXIT_OK


def cmd_receive(args) -> int:
    """Take in exchange files; one line (or JSON object) per file; exit 2 when one was refused."""
    from budgetkring.exchange.receiving import inbox_files, receive

    if bool(args.files) == bool(args.inbox):
        raise UserError(_("Give either the files to take in or --inbox FOLDER."))
    with open_db(args) as store:
        paths = args.files or inbox_files(args.inbox)
        receipts = receive(store, paths, now())
    if args.json:
        print_json([r.to_json() for r in receipts])
    else:
        words = {
            "imported": _("taken in"),
            "unchanged": _("unchanged"),
            "ignored": _("ignored"),
            "refused": _("refused"),
        }
        for r in receipts:
            detail = ", ".join(r.circles) if r.status == "imported" else r.reason
            print(f"{r.file}: {words[r.status]}" + (f" — {detail}" if detail else ""))
    return EXIT_USAGE if any(r.status == "refused" for r in receipts) else EXIT_OK


def cmd_senders(args) -> int:
    """List who sends data to this database, for which circles, and when it last arrived."""
    from budgetkring.exchange.membership import senders

    with open_db(args, lock=False) as store:
        rows = senders(store)
    if args.json:
        print_json([r.to_json() for r in rows])
        return EXIT_OK
    if not rows:
        print(_("Nobody has been invited to send data yet."))
    for r in rows:
        last = r.last_received or _("nothing received yet")
        circles = ", ".join(r.circles) or _("no circles yet")
        print(f"{r.name}: {circles} · {_('number')} {r.last_sequence} · {last}")
    return EXIT_OK


def register(command) -> None:
    """Add the exchange commands to the parser."""
    p = command("invite", cmd_invite, _("invite a facilitator to send their circles (coordinator)"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--force", action="store_true", help=_("replace an existing file"))
    p = command("join", cmd_join, _("join an organisation with an invitation file"))
    p.add_argument("file", metavar="FILE")
    p = command("send", cmd_send, _("write an exchange file for the coordinator"))
    p.add_argument("--circle", metavar="CIRCLE", help=_("only this circle"))
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--outbox", metavar="DIR", help=_("write the file into this folder"))
    p.add_argument(
        "--programme", action="store_true", help=_("send the programmes and lists (coordinator)")
    )
    p.add_argument("--force", action="store_true", help=_("replace an existing file"))
    p = command("receive", cmd_receive, _("take in exchange files"))
    p.add_argument("files", metavar="FILE", nargs="*")
    p.add_argument("--inbox", metavar="DIR", help=_("take in every .bkx file in this folder"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("senders", cmd_senders, _("list who sends data, for which circles"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
