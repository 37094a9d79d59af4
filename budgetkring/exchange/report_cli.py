"""`budgetkring report funder` and `budgetkring export`: what goes to funders and municipalities,
anonymous only. Each command imports what it needs when it runs, so `--help` starts quickly."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from budgetkring.cli.common import EXIT_OK, open_db, print_json, today
from budgetkring.i18n import _


def cmd_funder(args) -> int:
    """The funder report: a table on screen, JSON, or a file (.pdf, .csv, .xlsx)."""
    from budgetkring.dates import parse_date
    from budgetkring.exchange.funder import funder_report, report_period
    from budgetkring.exchange.outputs import check_suffix, save_report
    from budgetkring.store.files import shown

    start = parse_date(args.start) if args.start else None
    end = parse_date(args.end) if args.end else None
    report_period(start, end, today())  # a wrong period is refused before anything is opened
    if args.o:
        check_suffix(Path(args.o).suffix)
    with open_db(args, lock=False) as store:
        report = funder_report(store, today(), start, end)
        written = save_report(report, args.o, store.path, replace=args.force) if args.o else None
    if args.json:
        print_json(report.to_json())
    elif written is not None:
        print(shown(written))
    else:
        print(funder_text(report))
    return EXIT_OK


def funder_text(report) -> str:
    """The report as a short table for the terminal."""
    from budgetkring.exchange.funder import report_sections, report_title

    lines = [report_title(report)]
    for section in report_sections(report):
        lines += ["", section.heading]
        if not section.rows:
            lines.append("  " + _("Nothing in this period."))
            continue
        cells = [section.header, *([v.text() for v in row] for row in section.rows)]
        widths = [max(len(row[i]) for row in cells) for i in range(len(section.header))]
        for row in cells:
            first = row[0].ljust(widths[0])
            rest = (text.rjust(width) for text, width in zip(row[1:], widths[1:], strict=True))
            lines.append("  " + "  ".join([first, *rest]).rstrip())
        if section.note:
            lines.append("  " + section.note)
    return "\n".join(lines)


def cmd_export(args) -> int:
    """Write the anonymised tables; prints the path written."""
    from budgetkring.exchange.outputs import export_suffix
    from budgetkring.exchange.tables import write_export
    from budgetkring.store.files import shown

    export_suffix(args.format, args.o)
    with open_db(args, lock=False) as store:
        written = write_export(store, args.o, args.format, today(), replace=args.force)
    print(shown(written))
    return EXIT_OK


def _paragraphs(*texts: str) -> str:
    """Help text under the options: paragraphs wrapped to the terminal's usual width."""
    return "\n\n".join(textwrap.fill(text, 78) for text in texts)


def _funder_help() -> str:
    return _paragraphs(
        *[
            _(
                "The period: --from and --to count as part of it. Without them: from 1 January "
                "of this year up to today."
            ),
            _(
                "Counted: circles with at least one meeting held in the period; meetings held; "
                "participants who joined in the period; participants who finished or stopped, "
                "by the last meeting they were present at (or their end self-assessment, if "
                "later); attendance as present out of all marks at meetings held; per life "
                "domain the average at start and at end of the participants with both, whose "
                "end self-assessment is in the period."
            ),
            _(
                "Fewer than 5 people (0 too): the number is hidden and no average or "
                'percentage is given. A PDF, CSV or XLSX file shows "<5" for the number and "—" '
                "for the average. In JSON the figure is null, and the object it is in says "
                '"suppressed": true. Where a small number could be worked out from a total, more '
                "numbers are hidden."
            ),
            _(
                "-o FILE: the name's ending chooses the file type: .pdf, .csv or .xlsx. A CSV "
                "file starts with a BOM and, in Dutch, has ; between the columns, as Dutch Excel "
                "expects."
            ),
            "JSON: {from, to, totals: {circles, meetings_held, started, finished, stopped, "
            "attendance_rate, suppressed}, domains: [{domain, n, start, end, change, "
            "suppressed}], municipalities: [{municipality, circles, meetings_held, started, "
            "finished, stopped, suppressed}], scale: {min, max}}",
        ]
    )


def _export_help() -> str:
    return _paragraphs(
        *[
            _(
                "Tables: circles, meetings, attendance per participant code and self-assessment "
                "scores per participant code. Never in it: nicknames, goals, notes or other "
                "free text, reasons, facilitators."
            ),
            _(
                "--format csv writes a .zip file with one CSV file per table (one file to send, "
                "and a CSV file holds one table only). --format xlsx writes one workbook with a "
                "sheet per table."
            ),
        ]
    )


def register(command) -> None:
    """Add `report funder` and `export` to the parser (``command`` makes a subparser)."""
    p = command("report", None, _("reports for funders and municipalities (anonymous)"))
    kinds = p.add_subparsers(dest="report", metavar="KIND", parser_class=type(p), required=True)
    help_text = _("the funder report for a period")
    f = kinds.add_parser(
        "funder",
        help=help_text,
        description=help_text,
        epilog=_funder_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    f.set_defaults(func=cmd_funder)
    f.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=_("first day (without it: 1 January of this year)"),
    )
    f.add_argument("--to", dest="end", metavar="DATE", help=_("last day (without it: today)"))
    f.add_argument("--json", action="store_true", help=_("print JSON"))
    f.add_argument("-o", metavar="FILE.pdf|.csv|.xlsx", help=_("write the report to a file"))
    f.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    e = command("export", cmd_export, _("save the anonymous tables as a file (CSV or XLSX)"))
    e.epilog = _export_help()
    e.formatter_class = argparse.RawDescriptionHelpFormatter
    e.add_argument("--format", choices=("csv", "xlsx"), required=True)
    e.add_argument("-o", metavar="FILE", required=True, help=_("FILE.zip (csv) or FILE.xlsx"))
    e.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
