"""Headless training commands: trainers, the training year, observations, sign-offs, training
days, certifying, the register, revoking and checking a certificate.

Names are turned into ids here, in one place; the services take ids. Each command imports what
it needs when it runs, so that `--help` and the other commands start quickly.
"""

from __future__ import annotations

from budgetkring.cli.common import EXIT_OK, EXIT_PROBLEMS, open_db, print_json, today
from budgetkring.errors import UserError
from budgetkring.i18n import _, format_date


def _years() -> int:
    from budgetkring.paths import settings_path
    from budgetkring.settings import Settings

    return Settings.load(settings_path()).certificate_years


def _person(store, name: str):
    from budgetkring.staffing.facilitators import find_facilitator

    return find_facilitator(store, name)


def parse_scores(text: str | None) -> dict[str, object]:
    """``rondes=3,tijd=2`` into {code: score}; a score that is no whole number is kept as typed,
    so the service refuses it with the scale in its message."""
    scores: dict[str, object] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        code, sep, value = part.partition("=")
        if not sep or not code.strip() or not value.strip():
            raise UserError(_("Write the scores like rondes=3,tijd=2 (1 to 4 per competence)."))
        value = value.strip()
        scores[code.strip()] = int(value) if value.isascii() and value.isdigit() else value
    return scores


def cmd_set_trainer(args) -> int:
    """Make a facilitator a trainer, or (--off) no longer one."""
    from budgetkring.training.records import set_trainer

    with open_db(args) as store:
        person = _person(store, args.name)
        set_trainer(store, person.id, not args.off)
    text = _("{name} is no longer a trainer.") if args.off else _("{name} is now a trainer.")
    print(text.format(name=person.name))
    return EXIT_OK


def _print_progress(where) -> None:
    from budgetkring.staffing.facilitators import facilitator_status_label

    person = where.person
    trainer = (" — " + _("trainer: {name}").format(name=person.mentor)) if person.mentor else ""
    print(f"{person.name} ({facilitator_status_label(person.status)}){trainer}")
    if where.started is None:
        print(_("The training year starts at the first meeting they lead."))
    else:
        print(_("Training year started on {date}.").format(date=format_date(where.started)))
    for result in where.results:
        mark = "✓" if result.met else " "
        print(f"  [{mark}] {result.label()}: {result.progress_text()}")
    for state in where.competences:
        mark = "✓" if state.signed_off else " "
        by = f" ({state.by}, {format_date(state.day, 'medium')})" if state.signed_off else ""
        print(f"      [{mark}] {state.competence.code}: {state.competence.label}{by}")
    print(where.missing() or _("Every criterion is met: a trainer can certify."))


def cmd_training(args) -> int:
    """Show a trainee's training year (or every trainee); --start sets its start."""
    from budgetkring.dates import parse_date
    from budgetkring.training.progress import progress, trainees
    from budgetkring.training.records import set_training_start

    if args.name is None and (args.start or args.clear_start):
        raise UserError(_("Name the trainee whose training year starts then."))
    start = parse_date(args.start) if args.start else None
    with open_db(args, lock=bool(args.start or args.clear_start)) as store:
        if args.name is None:
            found = trainees(store, today())
        else:
            person = _person(store, args.name)
            if args.start or args.clear_start:
                set_training_start(store, person.id, start)
            found = [progress(store, person.id, today())]
    if args.json:
        print_json(found[0].to_json() if args.name else [p.to_json() for p in found])
        return EXIT_OK
    if not found:
        print(_("Nobody is in training now."))
    for n, where in enumerate(found):
        if n:
            print()
        _print_progress(where)
    return EXIT_OK


def cmd_observe(args) -> int:
    """Record a trainer's observation of a meeting the trainee led."""
    from budgetkring.planning.sessions import find_session
    from budgetkring.training.records import observe

    scores = parse_scores(args.scores)
    with open_db(args) as store:
        person = _person(store, args.name)
        trainer = _person(store, args.by)
        session = find_session(store, args.session, today())
        observe(store, person.id, session.id, trainer.id, today(), scores, args.note or "")  # type: ignore[arg-type]
    print(
        _("Observation of {name} at meeting {id} ({date}) recorded.").format(
            name=person.name, id=session.id, date=format_date(session.date, "medium")
        )
    )
    return EXIT_OK


def cmd_sign_off(args) -> int:
    """A trainer signs off a competence."""
    from budgetkring.training.records import sign_off

    with open_db(args) as store:
        person = _person(store, args.name)
        trainer = _person(store, args.by)
        competence = sign_off(store, person.id, args.competence, trainer.id, today())
    print(
        _("'{code}' of {name} signed off by {trainer}.").format(
            code=competence.code, name=person.name, trainer=trainer.name
        )
    )
    return EXIT_OK


def cmd_training_day(args) -> int:
    """Record a training day a trainee attended."""
    from budgetkring.dates import parse_date
    from budgetkring.training.records import add_training_day

    day = parse_date(args.date)
    with open_db(args) as store:
        person = _person(store, args.name)
        add_training_day(store, person.id, day, args.topic or "", today())
    print(
        _("Training day of {name} on {date} recorded.").format(
            name=person.name, date=format_date(day, "medium")
        )
    )
    return EXIT_OK


def _write_certificate(store, certificate, path: str, force: bool) -> str:
    from budgetkring.documents.certificate import certificate_document
    from budgetkring.documents.output import write_pdf
    from budgetkring.organisation.organisation import organisation_name
    from budgetkring.store.files import shown

    document = certificate_document(certificate, organisation_name(store))
    return shown(write_pdf(document.data, path, store.path, replace=force))


def cmd_certify(args) -> int:
    """A trainer certifies a trainee who meets every criterion; -o writes the certificate."""
    from budgetkring.store.files import check_output
    from budgetkring.training.certificates import certify

    with open_db(args) as store:
        if args.o:
            check_output(args.o, store.path, replace=args.force)  # refused before any change
        person = _person(store, args.name)
        trainer = _person(store, args.by)
        certificate = certify(store, person.id, trainer.id, today(), _years())
        written = _write_certificate(store, certificate, args.o, args.force) if args.o else ""
    if args.json:
        print_json(
            {
                "number": certificate.number,
                "code": certificate.code,
                "date": certificate.day.isoformat(),
                "valid_until": certificate.valid_until.isoformat(),
            }
        )
        return EXIT_OK
    print(
        _(
            "{name} is certified: certificate {number}, verification code {code}, "
            "valid until {date}."
        ).format(
            name=certificate.name,
            number=certificate.number,
            code=certificate.code,
            date=format_date(certificate.valid_until, "medium"),
        )
    )
    if written:
        print(written)
    return EXIT_OK


def cmd_certificate(args) -> int:
    """Write a certificate from the register as PDF again."""
    from budgetkring.training.certificates import find_certificate

    with open_db(args, lock=False) as store:
        certificate = find_certificate(store, args.number)
        print(_write_certificate(store, certificate, args.o, args.force))
    return EXIT_OK


def cmd_verify(args) -> int:
    """Check a certificate's number and code: exit 0 when valid, 1 when not (and why)."""
    from budgetkring.training.certificates import verify

    with open_db(args, lock=False) as store:
        outcome = verify(store, args.number, args.code, today())
    print(outcome.message())
    return EXIT_OK if outcome.valid else EXIT_PROBLEMS


def cmd_register(args) -> int:
    """List every certificate with its state."""
    from budgetkring.training.certificates import register, state_label

    with open_db(args, lock=False) as store:
        found = register(store)
    if args.json:
        print_json([c.to_json(today()) for c in found])
        return EXIT_OK
    if not found:
        print(_("No certificates have been given yet."))
    for c in found:
        print(
            f"{c.number}  {c.name}  "
            + _("given {date}, valid until {until}").format(
                date=format_date(c.day, "medium"), until=format_date(c.valid_until, "medium")
            )
            + f"  — {state_label(c.state(today()))}"
        )
    return EXIT_OK


def cmd_revoke(args) -> int:
    """Revoke a certificate, with the reason."""
    from budgetkring.staffing.facilitators import facilitators_by_id
    from budgetkring.training.certificates import revoke

    with open_db(args) as store:
        certificate = revoke(store, args.number, args.reason, today())
        person = facilitators_by_id(store)[certificate.facilitator_id]
    print(
        _("Certificate {number} of {name} is revoked.").format(
            number=certificate.number, name=certificate.name
        )
    )
    if person.status == "trainee":
        print(_("{name} is in training again.").format(name=person.name))
    return EXIT_OK


def cmd_training_criteria(args) -> int:
    """Show the newest certification criteria; --import adds a new version."""
    from budgetkring.training.records import current_criteria, import_criteria, read_criteria_file

    data = read_criteria_file(args.import_) if args.import_ else None
    with open_db(args, lock=data is not None) as store:
        criteria = import_criteria(store, data) if data is not None else current_criteria(store)
    if args.json:
        print_json(
            {
                "version": criteria.version,
                "name": criteria.name,
                "criteria": {
                    "meetings": criteria.meetings,
                    "observations": criteria.observations,
                    "training_days": criteria.training_days,
                },
                "competences": [
                    {"code": c.code, "label": c.label, "description": c.description}
                    for c in criteria.competences
                ],
            }
        )
        return EXIT_OK
    if data is not None:
        print(_("The criteria are now version {version}.").format(version=criteria.version))
    version = _("version {version}").format(version=criteria.version)
    print(f"{criteria.name} ({version})")
    for competence in criteria.competences:
        print(f"  {competence.code}: {competence.label}")
    return EXIT_OK


def register(command) -> None:
    """Add the training commands to the parser (``command`` makes a subparser)."""
    p = command("set-trainer", cmd_set_trainer, _("make a facilitator a trainer (or not)"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--off", action="store_true", help=_("no longer a trainer"))
    p = command("training", cmd_training, _("show the training year of a trainee"))
    p.add_argument("name", metavar="NAME", nargs="?")
    p.add_argument("--start", metavar="DATE", help=_("let the training year start on DATE"))
    p.add_argument(
        "--clear-start",
        action="store_true",
        help=_("let the training year start at the first meeting led again"),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("observe", cmd_observe, _("record a trainer's observation of a meeting"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--session", metavar="SESSION", required=True)
    p.add_argument("--by", metavar="TRAINER", required=True)
    p.add_argument("--scores", metavar="COMPETENCE=1..4,…")
    p.add_argument("--note", metavar="TEXT")
    p = command("sign-off", cmd_sign_off, _("sign off a competence of a trainee"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("competence", metavar="COMPETENCE")
    p.add_argument("--by", metavar="TRAINER", required=True)
    p = command("training-day", cmd_training_day, _("record a training day a trainee attended"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--date", metavar="DATE", required=True)
    p.add_argument("--topic", metavar="TEXT")
    p = command("certify", cmd_certify, _("give a trainee who meets every criterion a certificate"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--by", metavar="TRAINER", required=True)
    p.add_argument("-o", metavar="FILE.pdf", help=_("write the certificate as PDF"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("certificate", cmd_certificate, _("write a certificate from the register as PDF"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("-o", metavar="FILE.pdf", required=True)
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p = command("verify", cmd_verify, _("check a certificate's number and verification code"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("code", metavar="CODE")
    p = command("register", cmd_register, _("list every certificate and its state"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = command("revoke", cmd_revoke, _("revoke a certificate"))
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", metavar="TEXT", required=True)
    p = command(
        "training-criteria", cmd_training_criteria, _("show or add the certification criteria")
    )
    p.add_argument("--import", dest="import_", metavar="FILE.json")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
